package llamacloudtest_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
)

// fullText reads the whole parsed text of an indexed file through the SDK.
func fullText(t *testing.T, ctx context.Context, client *llamacloud.Client, indexID, fileID string) string {
	t.Helper()
	got, err := client.Beta.Retrieval.Read(ctx, beta.RetrievalReadParams{IndexID: indexID, FileID: fileID})
	require.NoError(t, err)
	return got.Content
}

// TestSDKRetrievalPutsAnswerFirst asks questions of the uploaded corpus and checks that the first
// result is the chunk holding the answer: the test finds the answer's offset with Grep and checks
// that it lies within the first chunk, whose text Read returns from the chunk's own offsets.
func TestSDKRetrievalPutsAnswerFirst(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	for _, tc := range []struct {
		question, file, answer string // answer is a pattern matching the answer once in file
	}{
		{"How many days of paid vacation do employees get per year?", "handbook.md", `25 days of paid vacation`},
		{"How many weeks of parental leave are paid?", "handbook.md", `16 weeks of fully paid parental leave`},
		{"In which month is the security awareness course?", "handbook.md", `security awareness course every March`},
		{"What is the meal allowance per day when travelling?", "handbook.md", `up to 60 euros per day`},
		{"What caused the database outage?", "incident.txt", `expired TLS certificate`},
		{"How will certificate rotation be automated?", "incident.txt", `automate certificate rotation with cert-manager`},
		{"How long is the warranty?", "faq.html", `parts and labour for two years`},
		{"How do I reset the firmware of a robot?", "faq.html", `hold the reset button`},
		{"What is the battery life in hours of the Atlas-7?", "products.csv", `Atlas-7 \| 12 \| 9 \|`},
		{"Where is the company headquartered?", "company.json", `headquarters\.city: Tampere`},
		{"What is the obstacle detection range of firmware 4.2?", "release-notes.md", `obstacle detection range of the lidar to 8 metres`},
	} {
		t.Run(tc.file+"/"+tc.answer, func(t *testing.T) {
			file := c.files[tc.file]
			found, err := client.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{IndexID: c.indexID, FileID: file.ID, Pattern: tc.answer})
			require.NoError(t, err)
			require.Len(t, found.Matches, 1, "the answer must occur once")
			at := found.Matches[0].StartChar

			res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: c.indexID, Query: tc.question, TopK: llamacloud.Int(5)})
			require.NoError(t, err)
			require.NotEmpty(t, res.Results)
			top := res.Results[0]
			sf := top.StaticFields
			assert.Equal(t, file.ID, sf.ParsedDirectoryFileID, "first result from %s: %q", c.byID[sf.ParsedDirectoryFileID].name, top.Content)
			assert.True(t, sf.ChunkStartChar <= at && at < sf.ChunkEndChar, "answer at %d, first chunk [%d, %d)", at, sf.ChunkStartChar, sf.ChunkEndChar)
			assert.Regexp(t, tc.answer, top.Content)
			assert.Equal(t, c.byID[file.ID].metadata(), top.Metadata)
			assert.True(t, top.JSON.RerankScore.Valid(), "reranked by default")
			for i := 1; i < len(res.Results); i++ {
				assert.LessOrEqual(t, res.Results[i].RerankScore, res.Results[i-1].RerankScore, "results in rerank order")
			}

			// The chunk is exactly the runes [start, end) of the file's text.
			chunk, err := client.Beta.Retrieval.Read(ctx, beta.RetrievalReadParams{
				IndexID: c.indexID, FileID: file.ID,
				Offset: llamacloud.Int(sf.ChunkStartChar), MaxLength: llamacloud.Int(sf.ChunkEndChar - sf.ChunkStartChar),
			})
			require.NoError(t, err)
			assert.Equal(t, top.Content, chunk.Content)
		})
	}
}

// TestSDKRetrievalGrep checks match offsets (in runes) and context against matches computed in
// the test on the text Read returns.
func TestSDKRetrievalGrep(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	handbook := c.files["handbook.md"].ID
	text := []rune(fullText(t, ctx, client, c.indexID, handbook))
	require.Less(t, len(text), len(string(text)), "the handbook has multi-byte characters before its last matches")

	for _, tc := range []struct {
		pattern      string
		contextChars int64 // 0: not sent
		limit        int64 // 0: not sent
	}{
		{pattern: `Northwind`},
		{pattern: `Northwind`, contextChars: 12},
		{pattern: `Northwind \w+`, contextChars: 5, limit: 3},
		{pattern: `last working day`, contextChars: 40},
		{pattern: `(?i)päivi|MÄKINEN`, contextChars: 3},
		{pattern: `\d+ (days|weeks)`, contextChars: 2000},
		{pattern: `no such words here`},
	} {
		t.Run(fmt.Sprintf("%s/%d/%d", tc.pattern, tc.contextChars, tc.limit), func(t *testing.T) {
			params := beta.RetrievalGrepParams{IndexID: c.indexID, FileID: handbook, Pattern: tc.pattern}
			if tc.contextChars > 0 {
				params.ContextChars = llamacloud.Int(tc.contextChars)
			}
			if tc.limit > 0 {
				params.Limit = llamacloud.Int(tc.limit)
			}
			got, err := client.Beta.Retrieval.Grep(ctx, params)
			require.NoError(t, err)

			type match struct {
				start, end int64
				content    string
			}
			var want []match
			for _, loc := range regexp.MustCompile(tc.pattern).FindAllStringIndex(string(text), -1) {
				start := int64(len([]rune(string(text)[:loc[0]])))
				end := int64(len([]rune(string(text)[:loc[1]])))
				from, to := max(start-tc.contextChars, 0), min(end+tc.contextChars, int64(len(text)))
				want = append(want, match{start, end, string(text[from:to])})
			}
			if tc.limit > 0 && int64(len(want)) > tc.limit {
				want = want[:tc.limit]
			}
			var have []match
			for _, m := range got.Matches {
				have = append(have, match{m.StartChar, m.EndChar, m.Content})
				assert.Regexp(t, tc.pattern, string(text[m.StartChar:m.EndChar]))
			}
			assert.Equal(t, want, have)
			assert.True(t, got.JSON.Matches.Valid(), "matches is a list even when empty")
		})
	}

	_, err := client.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{IndexID: c.indexID, FileID: handbook, Pattern: `(unclosed`})
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable)
	var apiErr *llamacloud.Error
	if assert.ErrorAs(t, err, &apiErr) {
		assert.Equal(t, http.StatusUnprocessableEntity, apiErr.StatusCode)
	}
	_, err = client.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{IndexID: c.indexID, FileID: "dfl-missing", Pattern: `x`})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = client.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{IndexID: "idx-missing", FileID: handbook, Pattern: `x`})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}

// TestSDKRetrievalRead pages through a file with offset and max_length, counted in runes.
func TestSDKRetrievalRead(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	handbook := c.files["handbook.md"]
	text := []rune(fullText(t, ctx, client, c.indexID, handbook.ID))
	require.Greater(t, len(text), 1000)
	n := int64(len(text))

	for _, tc := range []struct {
		offset, maxLength int64 // -1: not sent
		want              string
	}{
		{-1, -1, string(text)},
		{0, 20, string(text[:20])},
		{10, 25, string(text[10:35])},
		{n - 30, -1, string(text[n-30:])},
		{n - 30, 1000, string(text[n-30:])},
		{n - 1, 1, string(text[n-1:])},
		{n, 10, ""},
		{n + 100, -1, ""},
	} {
		t.Run(fmt.Sprintf("%d/%d", tc.offset, tc.maxLength), func(t *testing.T) {
			params := beta.RetrievalReadParams{IndexID: c.indexID, FileID: handbook.ID}
			if tc.offset >= 0 {
				params.Offset = llamacloud.Int(tc.offset)
			}
			if tc.maxLength >= 0 {
				params.MaxLength = llamacloud.Int(tc.maxLength)
			}
			got, err := client.Beta.Retrieval.Read(ctx, params)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.Content)
		})
	}

	// Reading in pages of 97 runes gives the whole text back.
	var paged []rune
	for off := int64(0); off < n; off += 97 {
		got, err := client.Beta.Retrieval.Read(ctx, beta.RetrievalReadParams{IndexID: c.indexID, FileID: handbook.ID, Offset: llamacloud.Int(off), MaxLength: llamacloud.Int(97)})
		require.NoError(t, err)
		assert.LessOrEqual(t, len([]rune(got.Content)), 97)
		paged = append(paged, []rune(got.Content)...)
	}
	assert.Equal(t, string(text), string(paged))

	// The storage file ID reads the same text as the directory file ID.
	byStorageID := fullText(t, ctx, client, c.indexID, handbook.FileID)
	assert.Equal(t, string(text), byStorageID)

	// HTML loses its markup and scripts; JSON becomes path: value lines.
	faq := fullText(t, ctx, client, c.indexID, c.files["faq.html"].ID)
	assert.Contains(t, faq, "prepaid freight label & collect")
	assert.NotContains(t, faq, "<p>")
	assert.NotContains(t, faq, "do-not-index")
	company := fullText(t, ctx, client, c.indexID, c.files["company.json"].ID)
	assert.Contains(t, company, "headquarters.city: Tampere")

	_, err := client.Beta.Retrieval.Read(ctx, beta.RetrievalReadParams{IndexID: c.indexID, FileID: "dfl-missing"})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}

// TestSDKRetrievalSearchFiles finds the index's files by name.
func TestSDKRetrievalSearchFiles(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	names := func(files []beta.RetrievalSearchResponseFile) []string {
		var out []string
		for _, f := range files {
			assert.Equal(t, c.files[f.FileName].ID, f.FileID, "file_id is the directory file ID")
			out = append(out, f.FileName)
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		name   string
		params beta.RetrievalSearchParams
		want   []string
	}{
		{"contains", beta.RetrievalSearchParams{FileNameContains: llamacloud.String(".MD")}, []string{"handbook.md", "release-notes.md"}},
		{"exact", beta.RetrievalSearchParams{FileName: llamacloud.String("faq.html")}, []string{"faq.html"}},
		{"exact is not contains", beta.RetrievalSearchParams{FileName: llamacloud.String("faq")}, nil},
		{"all", beta.RetrievalSearchParams{}, []string{"company.json", "faq.html", "handbook.md", "incident.txt", "products.csv", "release-notes.md"}},
		{"limit", beta.RetrievalSearchParams{FileNameContains: llamacloud.String("."), Limit: llamacloud.Int(2)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.params.IndexID = c.indexID
			got, err := client.Beta.Retrieval.Search(ctx, tc.params)
			require.NoError(t, err)
			if tc.name == "limit" {
				assert.Len(t, got.Files, 2)
				return
			}
			assert.Equal(t, tc.want, names(got.Files))
		})
	}
	_, err := client.Beta.Retrieval.Search(ctx, beta.RetrievalSearchParams{IndexID: "idx-missing"})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}

// chunkKey names a chunk of an index: its file and position.
type chunkKey struct {
	fileID string
	index  int64
}

// retrieveKeys retrieves with rerank off and room for every chunk and returns the chunks found.
func retrieveKeys(t *testing.T, ctx context.Context, client *llamacloud.Client, params beta.RetrievalRetrieveParams) map[chunkKey]bool {
	t.Helper()
	params.TopK = llamacloud.Int(1000)
	params.Rerank = beta.RetrievalRetrieveParamsRerank{Enabled: llamacloud.Bool(false)}
	res, err := client.Beta.Retrieval.Retrieve(ctx, params)
	require.NoError(t, err)
	out := map[chunkKey]bool{}
	for _, r := range res.Results {
		assert.False(t, r.JSON.RerankScore.Valid(), "rerank is off")
		out[chunkKey{r.StaticFields.ParsedDirectoryFileID, r.StaticFields.ChunkIndex}] = true
	}
	return out
}

// TestSDKRetrievalFilters checks that every operator of custom filters (scalar, list and range
// values) and of static filters keeps exactly the chunks whose file passes the condition, as the
// test computes from the metadata it uploaded.
func TestSDKRetrievalFilters(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	const query = "Northwind" // every chunk of the corpus mentions the company
	all := retrieveKeys(t, ctx, client, beta.RetrievalRetrieveParams{IndexID: c.indexID, Query: query})
	ix, err := client.Beta.Indexes.Get(ctx, c.indexID, beta.IndexGetParams{})
	require.NoError(t, err)
	require.EqualValues(t, ix.Metadata["chunk_count"], len(all), "the query reaches every chunk")
	require.Greater(t, len(all), len(sdkCorpus), "some files have several chunks")

	id := func(name string) string { return c.files[name].ID }
	type custom = map[string]beta.RetrievalRetrieveParamsCustomFilterUnion
	eq, ne, gt, lt := beta.RetrievalFilterOperatorEq, beta.RetrievalFilterOperatorNe, beta.RetrievalFilterOperatorGt, beta.RetrievalFilterOperatorLt
	gte, lte, in, nin := beta.RetrievalFilterOperatorGte, beta.RetrievalFilterOperatorLte, beta.RetrievalFilterOperatorIn, beta.RetrievalFilterOperatorNin
	oneOf := func(v string, list ...string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		name   string
		custom custom
		static beta.RetrievalRetrieveParamsStaticFilters
		keep   func(d sdkDoc, fileID string) bool
	}{
		{"string eq", custom{"dept": beta.RetrievalStringFilter(eq, "eng")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.dept == "eng" }},
		{"string ne", custom{"dept": beta.RetrievalStringFilter(ne, "eng")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.dept != "eng" }},
		{"string gt", custom{"dept": beta.RetrievalStringFilter(gt, "hr")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.dept > "hr" }},
		{"number gt", custom{"year": beta.RetrievalFloatFilter(gt, 2022)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year > 2022 }},
		{"number lt", custom{"year": beta.RetrievalFloatFilter(lt, 2023)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year < 2023 }},
		{"number gte", custom{"year": beta.RetrievalFloatFilter(gte, 2023)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year >= 2023 }},
		{"number lte", custom{"year": beta.RetrievalFloatFilter(lte, 2022)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year <= 2022 }},
		{"number eq", custom{"rating": beta.RetrievalFloatFilter(eq, 4.5)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.rating == 4.5 }},
		{"number ne", custom{"rating": beta.RetrievalFloatFilter(ne, 4.5)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.rating != 4.5 }},
		{"bool eq", custom{"internal": beta.RetrievalBoolFilter(eq, true)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.internal }},
		{"bool ne", custom{"internal": beta.RetrievalBoolFilter(ne, true)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return !d.internal }},
		{"string list in", custom{"dept": beta.RetrievalStringListFilter(in, "hr", "sales", "nobody")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return oneOf(d.dept, "hr", "sales") }},
		{"string list nin", custom{"dept": beta.RetrievalStringListFilter(nin, "hr", "sales", "eng")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return !oneOf(d.dept, "hr", "sales", "eng") }},
		{"number list in", custom{"year": beta.RetrievalFloatListFilter(in, 2021, 2024)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year == 2021 || d.year == 2024 }},
		{"number list nin", custom{"year": beta.RetrievalFloatListFilter(nin, 2021, 2024)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year != 2021 && d.year != 2024 }},
		{"mixed list in", custom{"rating": {OfScalar: &beta.RetrievalRetrieveParamsCustomFilterScalar{
			Operator: in, Value: beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfList: []beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion{
				{OfFloat: llamacloud.Float(2)}, {OfString: llamacloud.String("5")}, {OfFloat: llamacloud.Float(3.5)},
			}},
		}}}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.rating == 2 || d.rating == 3.5 }}, // "5" is a string, not the number 5
		{"range gte lt", custom{"rating": beta.RetrievalRangeFilter(beta.RetrievalRange(gte, 3.5), beta.RetrievalRange(lt, 4.5))}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.rating >= 3.5 && d.rating < 4.5 }},
		{"range gt lte", custom{"year": beta.RetrievalRangeFilter(beta.RetrievalRange(gt, 2021), beta.RetrievalRange(lte, 2023))}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year > 2021 && d.year <= 2023 }},
		{"range ne in", custom{"year": beta.RetrievalRangeFilter(beta.RetrievalRange(ne, 2023),
			beta.RetrievalRetrieveParamsCustomFilterRange{Operator: in, Value: beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion{OfFloatList: []float64{2022, 2023, 2024}}})},
			beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.year == 2022 || d.year == 2024 }},
		{"two fields", custom{"dept": beta.RetrievalStringFilter(eq, "eng"), "year": beta.RetrievalFloatFilter(gte, 2024)}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(d sdkDoc, _ string) bool { return d.dept == "eng" && d.year >= 2024 }},
		{"static eq", nil, beta.RetrievalRetrieveParamsStaticFilters{ParsedDirectoryFileID: beta.RetrievalFileIDFilter(eq, id("handbook.md"))},
			func(_ sdkDoc, f string) bool { return f == id("handbook.md") }},
		{"static ne", nil, beta.RetrievalRetrieveParamsStaticFilters{ParsedDirectoryFileID: beta.RetrievalFileIDFilter(ne, id("handbook.md"))},
			func(_ sdkDoc, f string) bool { return f != id("handbook.md") }},
		{"static in", nil, beta.RetrievalRetrieveParamsStaticFilters{ParsedDirectoryFileID: beta.RetrievalFileIDListFilter(in, id("faq.html"), id("incident.txt"))},
			func(_ sdkDoc, f string) bool { return oneOf(f, id("faq.html"), id("incident.txt")) }},
		{"static nin", nil, beta.RetrievalRetrieveParamsStaticFilters{ParsedDirectoryFileID: beta.RetrievalFileIDListFilter(nin, id("faq.html"), id("incident.txt"))},
			func(_ sdkDoc, f string) bool { return !oneOf(f, id("faq.html"), id("incident.txt")) }},
		{"static and custom", custom{"internal": beta.RetrievalBoolFilter(eq, true)},
			beta.RetrievalRetrieveParamsStaticFilters{ParsedDirectoryFileID: beta.RetrievalFileIDListFilter(nin, id("incident.txt"))},
			func(d sdkDoc, f string) bool { return d.internal && f != id("incident.txt") }},
		{"no match", custom{"dept": beta.RetrievalStringFilter(eq, "legal")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(sdkDoc, string) bool { return false }},
		{"missing field", custom{"owner": beta.RetrievalStringFilter(ne, "ana")}, beta.RetrievalRetrieveParamsStaticFilters{},
			func(sdkDoc, string) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := map[chunkKey]bool{}
			for k := range all {
				if tc.keep(c.byID[k.fileID], k.fileID) {
					want[k] = true
				}
			}
			got := retrieveKeys(t, ctx, client, beta.RetrievalRetrieveParams{IndexID: c.indexID, Query: query, CustomFilters: tc.custom, StaticFilters: tc.static})
			assert.Equal(t, want, got)
		})
	}

	// A filter union with no variant set fails before anything is sent.
	_, err = client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: c.indexID, Query: query,
		CustomFilters: custom{"dept": {}}})
	assert.Error(t, err)
	assert.NotErrorIs(t, err, llamacloud.ErrUnprocessable)
}

// TestSDKRetrievalOptions checks top_k, score_threshold, rerank.top_n and the pipeline weights.
func TestSDKRetrievalOptions(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	base := beta.RetrievalRetrieveParams{IndexID: c.indexID, Query: "Northwind robots firmware"}
	retrieve := func(change func(p *beta.RetrievalRetrieveParams)) []beta.RetrievalRetrieveResponseResult {
		t.Helper()
		p := base
		change(&p)
		res, err := client.Beta.Retrieval.Retrieve(ctx, p)
		require.NoError(t, err)
		return res.Results
	}
	assert.Len(t, retrieve(func(p *beta.RetrievalRetrieveParams) { p.TopK = llamacloud.Int(3) }), 3)
	assert.Len(t, retrieve(func(p *beta.RetrievalRetrieveParams) { p.Rerank.TopN = llamacloud.Int(2) }), 2)

	plain := retrieve(func(p *beta.RetrievalRetrieveParams) { p.Rerank.Enabled = llamacloud.Bool(false) })
	require.Greater(t, len(plain), 3)
	for i := 1; i < len(plain); i++ {
		assert.LessOrEqual(t, plain[i].Score, plain[i-1].Score, "without rerank, results come by hybrid score")
	}
	threshold := plain[2].Score
	above := retrieve(func(p *beta.RetrievalRetrieveParams) {
		p.Rerank.Enabled = llamacloud.Bool(false)
		p.ScoreThreshold = llamacloud.Float(threshold)
	})
	wantAbove := 0
	for _, r := range plain {
		if r.Score >= threshold {
			wantAbove++
		}
	}
	assert.Len(t, above, wantAbove)
	for _, r := range above {
		assert.GreaterOrEqual(t, r.Score, threshold)
	}

	// Full text alone scores only chunks holding a query term.
	fullOnly := retrieve(func(p *beta.RetrievalRetrieveParams) {
		p.Query = "lidar"
		p.VectorPipelineWeight = llamacloud.Float(0)
		p.FullTextPipelineWeight = llamacloud.Float(1)
		p.Rerank.Enabled = llamacloud.Bool(false)
	})
	require.Len(t, fullOnly, 1)
	assert.Equal(t, c.files["release-notes.md"].ID, fullOnly[0].StaticFields.ParsedDirectoryFileID)
	assert.Contains(t, fullOnly[0].Content, "lidar")
	assert.InDelta(t, 1, fullOnly[0].Score, 1e-9, "the best full-text score is normalised to 1")

	_, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: c.indexID, Query: "x", VectorPipelineWeight: llamacloud.Float(2)})
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable)
	_, err = client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: "idx-missing", Query: "x"})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}
