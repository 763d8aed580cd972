package llamacloudtest_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

const retrievalPath = "/api/v1/retrieval"

func TestRetrieveRanking(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, files := corpusIndex(t, srv)
	for _, tc := range []struct {
		query, want, contains string
		absent                []string
	}{
		{"what is the refund policy?", "refunds.md", "refund within 30 days", nil},
		{"how long does express shipping take", "shipping.txt", "Express shipping", nil},
		{"price of a gadget", "prices.csv", "gadget | 25 | acme", nil},
		{"who is the primary oncall", "team.json", "oncall.primary: ana", nil},
		{"how are passwords hashed", "security.html", "hashed with bcrypt & salted", []string{"<p>", "leaked"}},
	} {
		t.Run(tc.want, func(t *testing.T) {
			res := mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/retrieve", map[string]any{"index_id": ixID, "query": tc.query})
			results := res.Get("results").Array()
			require.NotEmpty(t, results)
			top := results[0]
			assert.Equal(t, files[tc.want], top.Get("static_fields.parsed_directory_file_id").String())
			assert.Contains(t, top.Get("content").String(), tc.contains)
			for _, a := range tc.absent {
				assert.NotContains(t, top.Get("content").String(), a)
			}
			sf := top.Get("static_fields")
			assert.Equal(t, int64(0), sf.Get("chunk_index").Int())
			assert.Equal(t, int64(1), sf.Get("page_range_start").Int())
			assert.Equal(t, int64(1), sf.Get("page_range_end").Int())
			assert.Equal(t, int64(len([]rune(top.Get("content").String()))), sf.Get("chunk_end_char").Int()-sf.Get("chunk_start_char").Int())
			assert.Positive(t, sf.Get("chunk_token_count").Int())
			assert.True(t, sf.Get("attachments").IsArray())
			assert.True(t, top.Get("metadata").IsObject())
			// Reranked by default: rerank scores in [0, 1], descending.
			prev := 2.0
			for _, r := range results {
				require.True(t, r.Get("rerank_score").Exists(), r.Raw)
				rs := r.Get("rerank_score").Float()
				assert.True(t, rs >= 0 && rs <= 1 && rs <= prev, "rerank_score %v after %v", rs, prev)
				prev = rs
				s := r.Get("score").Float()
				assert.True(t, s >= 0 && s <= 1, "score %v", s)
			}
		})
	}
}

func TestRetrieveOptions(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, files := corpusIndex(t, srv)
	retrieve := func(extra map[string]any) []gjson.Result {
		body := map[string]any{"index_id": ixID, "query": "acme refund shipping"}
		for k, v := range extra {
			body[k] = v
		}
		return mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/retrieve", body).Get("results").Array()
	}
	all := retrieve(map[string]any{"top_k": 50})
	require.Len(t, all, len(corpus), "each short file is one chunk and all mention acme")

	assert.Len(t, retrieve(map[string]any{"top_k": 2}), 2)
	assert.Len(t, retrieve(map[string]any{"top_k": 4, "rerank": map[string]any{"top_n": 1}}), 1)

	plain := retrieve(map[string]any{"top_k": 50, "rerank": map[string]any{"enabled": false}})
	require.Len(t, plain, len(corpus))
	for i, r := range plain {
		assert.False(t, r.Get("rerank_score").Exists(), "no rerank score when disabled")
		if i > 0 {
			assert.LessOrEqual(t, r.Get("score").Float(), plain[i-1].Get("score").Float(), "hybrid order")
		}
	}

	fullText := retrieve(map[string]any{"top_k": 50, "full_text_pipeline_weight": 1, "vector_pipeline_weight": 0, "rerank": map[string]any{"enabled": false}})
	require.NotEmpty(t, fullText)
	assert.InDelta(t, 1.0, fullText[0].Get("score").Float(), 1e-9, "BM25 alone scores the best chunk 1")

	threshold := plain[1].Get("score").Float()
	above := retrieve(map[string]any{"top_k": 50, "score_threshold": threshold, "rerank": map[string]any{"enabled": false}})
	assert.Len(t, above, 2, "threshold %v keeps the two best", threshold)
	for _, r := range above {
		assert.GreaterOrEqual(t, r.Get("score").Float(), threshold)
	}
	assert.Len(t, retrieve(map[string]any{"num_candidates": 1, "rerank": map[string]any{"enabled": false}, "full_text_pipeline_weight": 1, "vector_pipeline_weight": 0}), 1)

	assert.Equal(t, files["refunds.md"], retrieve(map[string]any{"top_k": 50})[0].Get("static_fields.parsed_directory_file_id").String())

	for _, tc := range []struct {
		name string
		body map[string]any
		loc  string
	}{
		{"missing query", map[string]any{"index_id": ixID}, `["body","query"]`},
		{"weight above 1", map[string]any{"index_id": ixID, "query": "q", "vector_pipeline_weight": 1.5}, `["body","vector_pipeline_weight"]`},
		{"top_k zero", map[string]any{"index_id": ixID, "query": "q", "top_k": 0}, `["body","top_k"]`},
		{"bad operator", map[string]any{"index_id": ixID, "query": "q", "custom_filters": map[string]any{"year": map[string]any{"operator": "like", "value": 1}}}, `["body","custom_filters","year","operator"]`},
		{"unknown static field", map[string]any{"index_id": ixID, "query": "q", "static_filters": map[string]any{"colour": map[string]any{"operator": "eq", "value": 1}}}, `["body","static_filters","colour"]`},
	} {
		r := send(t, srv, http.MethodPost, retrievalPath+"/retrieve", tc.body)
		require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s: %s", tc.name, r.body)
		assert.JSONEq(t, tc.loc, r.json.Get("detail.0.loc").Raw, tc.name)
	}
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, retrievalPath+"/retrieve", map[string]any{"index_id": "idx-none", "query": "q"}).status)
}

func TestRetrieveFilters(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, files := corpusIndex(t, srv)
	names := map[string]string{}
	for name, id := range files {
		names[id] = name
	}
	filtered := func(filters map[string]any) []string {
		body := map[string]any{"index_id": ixID, "query": "acme", "top_k": 50}
		for k, v := range filters {
			body[k] = v
		}
		res := mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/retrieve", body)
		var out []string
		for _, r := range res.Get("results").Array() {
			out = append(out, names[r.Get("static_fields.parsed_directory_file_id").String()])
		}
		sort.Strings(out)
		return out
	}
	require.Len(t, filtered(nil), len(corpus))
	cond := func(op string, v any) map[string]any { return map[string]any{"operator": op, "value": v} }
	custom := func(field string, f any) map[string]any {
		return map[string]any{"custom_filters": map[string]any{field: f}}
	}
	for _, tc := range []struct {
		name    string
		filters map[string]any
		want    []string
	}{
		{"eq string", custom("dept", cond("eq", "sales")), []string{"prices.csv", "refunds.md"}},
		{"ne string", custom("dept", cond("ne", "eng")), []string{"prices.csv", "refunds.md", "shipping.txt"}},
		{"eq bool", custom("public", cond("eq", true)), []string{"refunds.md", "shipping.txt"}},
		{"gt number", custom("year", cond("gt", 2022)), []string{"prices.csv", "team.json"}},
		{"gte number", custom("year", cond("gte", 2022)), []string{"prices.csv", "shipping.txt", "team.json"}},
		{"lt number", custom("year", cond("lt", 2021)), []string{"security.html"}},
		{"lte number", custom("year", cond("lte", 2021)), []string{"refunds.md", "security.html"}},
		{"in strings", custom("dept", cond("in", []any{"ops", "eng"})), []string{"security.html", "shipping.txt", "team.json"}},
		{"nin strings", custom("dept", cond("nin", []any{"ops", "eng"})), []string{"prices.csv", "refunds.md"}},
		{"in numbers", custom("year", cond("in", []any{2020, 2024})), []string{"security.html", "team.json"}},
		{"in list field", custom("tags", cond("in", []any{"money", "people"})), []string{"refunds.md", "team.json"}},
		{"eq list field", custom("tags", cond("eq", "logistics")), []string{"shipping.txt"}},
		{"range form", custom("year", []any{cond("gte", 2021), cond("lte", 2023)}), []string{"prices.csv", "refunds.md", "shipping.txt"}},
		{"null filter ignored", custom("year", nil), []string{"prices.csv", "refunds.md", "security.html", "shipping.txt", "team.json"}},
		{"two fields", map[string]any{"custom_filters": map[string]any{"dept": cond("eq", "sales"), "year": cond("gt", 2021)}}, []string{"prices.csv"}},
		{"static eq", map[string]any{"static_filters": map[string]any{"parsed_directory_file_id": cond("eq", files["team.json"])}}, []string{"team.json"}},
		{"static in", map[string]any{"static_filters": map[string]any{"parsed_directory_file_id": cond("in", []any{files["team.json"], files["prices.csv"]})}}, []string{"prices.csv", "team.json"}},
		{"static nin", map[string]any{"static_filters": map[string]any{"parsed_directory_file_id": cond("nin", []any{files["team.json"]})}}, []string{"prices.csv", "refunds.md", "security.html", "shipping.txt"}},
		{"static ne", map[string]any{"static_filters": map[string]any{"parsed_directory_file_id": cond("ne", files["team.json"])}}, []string{"prices.csv", "refunds.md", "security.html", "shipping.txt"}},
		{"static number", map[string]any{"static_filters": map[string]any{"chunk_index": cond("gt", 0)}}, nil},
		{"static and custom", map[string]any{
			"static_filters": map[string]any{"chunk_index": cond("eq", 0)},
			"custom_filters": map[string]any{"dept": cond("eq", "eng")},
		}, []string{"security.html", "team.json"}},
	} {
		assert.Equal(t, tc.want, filtered(tc.filters), tc.name)
	}
}

func TestSearchFiles(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, files := corpusIndex(t, srv)
	search := func(body map[string]any) []string {
		body["index_id"] = ixID
		res := mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/files/search", body)
		var out []string
		for _, f := range res.Get("files").Array() {
			assert.Equal(t, files[f.Get("file_name").String()], f.Get("file_id").String())
			out = append(out, f.Get("file_name").String())
		}
		return out
	}
	assert.Len(t, search(map[string]any{}), len(corpus))
	assert.Equal(t, []string{"team.json"}, search(map[string]any{"file_name": "team.json"}))
	assert.Empty(t, search(map[string]any{"file_name": "TEAM.json"}), "exact match")
	assert.Equal(t, []string{"shipping.txt", "team.json", "security.html"}, search(map[string]any{"file_name_contains": "T"}))
	assert.Equal(t, []string{"refunds.md"}, search(map[string]any{"file_name_contains": "s", "limit": 1}))
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, retrievalPath+"/files/search", map[string]any{"index_id": "idx-x"}).status)
}

func TestGrepAndRead(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, files := corpusIndex(t, srv)
	refunds := files["refunds.md"]
	read := func(body map[string]any) string {
		body["index_id"] = ixID
		return mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/files/read", body).Get("content").String()
	}
	full := read(map[string]any{"file_id": refunds})
	require.Equal(t, corpus[0].content, full)
	assert.Equal(t, "Refund policy", read(map[string]any{"file_id": refunds, "offset": 2, "max_length": 13}))
	assert.Equal(t, "", read(map[string]any{"file_id": refunds, "offset": 10000}))
	assert.Equal(t, "Passwords are hashed with bcrypt & salted.", strings.TrimSpace(
		strings.Split(read(map[string]any{"file_id": files["security.html"]}), "Acme security")[1]))

	res := mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/files/grep",
		map[string]any{"file_id": refunds, "index_id": ixID, "pattern": `[Rr]efunds?`, "context_chars": 4})
	matches := res.Get("matches").Array()
	require.Len(t, matches, 3)
	runes := []rune(full)
	for _, m := range matches {
		start, end := int(m.Get("start_char").Int()), int(m.Get("end_char").Int())
		assert.Regexp(t, `^[Rr]efunds?$`, string(runes[start:end]))
		assert.Equal(t, string(runes[max(0, start-4):min(len(runes), end+4)]), m.Get("content").String())
	}
	// By storage file ID, with a limit and no context.
	dirID := mustSend(t, srv, http.StatusOK, http.MethodGet, indexesPath+"/"+ixID, nil).Get("source_directory_id").String()
	storageID := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files?display_name=refunds.md", nil).Get("items.0.file_id").String()
	require.NotEqual(t, refunds, storageID)
	one := mustSend(t, srv, http.StatusOK, http.MethodPost, retrievalPath+"/files/grep",
		map[string]any{"file_id": storageID, "index_id": ixID, "pattern": `\d+ days`, "limit": 1}).Get("matches").Array()
	require.Len(t, one, 1)
	assert.Equal(t, "30 days", one[0].Get("content").String())

	for _, tc := range []struct {
		name, path string
		body       map[string]any
		status     int
	}{
		{"bad regex", "/files/grep", map[string]any{"file_id": refunds, "index_id": ixID, "pattern": "("}, http.StatusUnprocessableEntity},
		{"missing pattern", "/files/grep", map[string]any{"file_id": refunds, "index_id": ixID}, http.StatusUnprocessableEntity},
		{"unknown file", "/files/grep", map[string]any{"file_id": "dfl-x", "index_id": ixID, "pattern": "a"}, http.StatusNotFound},
		{"negative offset", "/files/read", map[string]any{"file_id": refunds, "index_id": ixID, "offset": -1}, http.StatusUnprocessableEntity},
		{"unknown index", "/files/read", map[string]any{"file_id": refunds, "index_id": "idx-x"}, http.StatusNotFound},
	} {
		r := send(t, srv, http.MethodPost, retrievalPath+tc.path, tc.body)
		assert.Equal(t, tc.status, r.status, "%s: %s", tc.name, r.body)
	}
}
