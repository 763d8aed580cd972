package beta_test

import (
	"context"
	"net/url"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// retrievalFullParams sets every parameter of Retrieve, with every kind of filter.
func retrievalFullParams() beta.RetrievalRetrieveParams {
	return beta.RetrievalRetrieveParams{
		IndexID: "idx-abc123",
		Query:   "What are the key findings?",
		CustomFilters: map[string]beta.RetrievalRetrieveParamsCustomFilterUnion{
			"author": {OfScalar: &beta.RetrievalRetrieveParamsCustomFilterScalar{
				Operator: beta.RetrievalFilterOperatorEq,
				Value:    beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfString: llamacloud.String("ann")},
			}},
			"draft":  beta.RetrievalBoolFilter(beta.RetrievalFilterOperatorNe, true),
			"pages":  beta.RetrievalFloatFilter(beta.RetrievalFilterOperatorGt, 10),
			"region": beta.RetrievalStringListFilter(beta.RetrievalFilterOperatorIn, "emea", "apac"),
			"rating": beta.RetrievalFloatListFilter(beta.RetrievalFilterOperatorNin, 1.5, 2),
			"mixed": {OfScalar: &beta.RetrievalRetrieveParamsCustomFilterScalar{
				Operator: beta.RetrievalFilterOperatorIn,
				Value: beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfList: []beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion{
					{OfString: llamacloud.String("a")}, {OfBool: llamacloud.Bool(false)}, {OfFloat: llamacloud.Float(3.25)},
				}},
			}},
			"year": {OfRanges: []beta.RetrievalRetrieveParamsCustomFilterRange{
				beta.RetrievalRange(beta.RetrievalFilterOperatorGte, 2020),
				beta.RetrievalRange(beta.RetrievalFilterOperatorLt, 2024),
				{Operator: beta.RetrievalFilterOperatorIn, Value: beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion{OfFloatList: []float64{2021, 2022}}},
			}},
			"lte":      beta.RetrievalRangeFilter(beta.RetrievalRange(beta.RetrievalFilterOperatorLte, -0.5)),
			"archived": {OfNull: true},
		},
		FullTextPipelineWeight: llamacloud.Float(0.3),
		NumCandidates:          llamacloud.Int(100),
		Rerank:                 beta.RetrievalRetrieveParamsRerank{Enabled: llamacloud.Bool(true), TopN: llamacloud.Int(5)},
		ScoreThreshold:         llamacloud.Float(0.25),
		StaticFilters: beta.RetrievalRetrieveParamsStaticFilters{
			ParsedDirectoryFileID: beta.RetrievalFileIDListFilter(beta.RetrievalFilterOperatorIn, "f1", "f2"),
		},
		TopK:                 llamacloud.Int(10),
		VectorPipelineWeight: llamacloud.Float(0.7),
		OrganizationID:       llamacloud.String("org"),
		ProjectID:            llamacloud.String("proj"),
	}
}

// retrievalFullBody is the JSON body retrievalFullParams must produce.
const retrievalFullBody = `{
	"index_id": "idx-abc123",
	"query": "What are the key findings?",
	"custom_filters": {
		"author": {"operator": "eq", "value": "ann"},
		"draft": {"operator": "ne", "value": true},
		"pages": {"operator": "gt", "value": 10},
		"region": {"operator": "in", "value": ["emea", "apac"]},
		"rating": {"operator": "nin", "value": [1.5, 2]},
		"mixed": {"operator": "in", "value": ["a", false, 3.25]},
		"year": [
			{"operator": "gte", "value": 2020},
			{"operator": "lt", "value": 2024},
			{"operator": "in", "value": [2021, 2022]}
		],
		"lte": [{"operator": "lte", "value": -0.5}],
		"archived": null
	},
	"full_text_pipeline_weight": 0.3,
	"num_candidates": 100,
	"rerank": {"enabled": true, "top_n": 5},
	"score_threshold": 0.25,
	"static_filters": {"parsed_directory_file_id": {"operator": "in", "value": ["f1", "f2"]}},
	"top_k": 10,
	"vector_pipeline_weight": 0.7
}`

func TestRetrievalRetrieve(t *testing.T) {
	t.Parallel()
	body := golden(t, "retrieval/retrieve.json")
	client, reqs := okServer(t, body)
	res, err := client.Beta.Retrieval.Retrieve(context.Background(), retrievalFullParams())
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/retrieval/retrieve", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}, "project_id": {"proj"}}, s.Query)
	assert.JSONEq(t, retrievalFullBody, string(s.Body))

	assert.JSONEq(t, string(body), res.RawJSON())
	assert.True(t, res.JSON.Results.Valid())
	assert.Empty(t, res.JSON.ExtraFields)
	require.Len(t, res.Results, 1)
	r := res.Results[0]
	assert.Equal(t, "content", r.Content)
	assert.Equal(t, map[string]any{"foo": "string"}, r.Metadata)
	assert.Equal(t, 0.0, r.RerankScore)
	assert.Equal(t, 0.0, r.Score)
	for name, valid := range map[string]bool{
		"content": r.JSON.Content.Valid(), "metadata": r.JSON.Metadata.Valid(), "rerank_score": r.JSON.RerankScore.Valid(),
		"score": r.JSON.Score.Valid(), "static_fields": r.JSON.StaticFields.Valid(),
	} {
		assert.True(t, valid, "result JSON.%s should be valid", name)
	}
	assert.Empty(t, r.JSON.ExtraFields)
	assert.JSONEq(t, `{"content":"content","metadata":{"foo":"string"},"rerank_score":0,"score":0,
		"static_fields":{"attachments":[{"attachment_name":"attachment_name","source_id":"source_id","type":"type"}],
		"chunk_end_char":0,"chunk_index":0,"chunk_start_char":0,"chunk_token_count":0,"page_range_end":0,
		"page_range_start":0,"parsed_directory_file_id":"parsed_directory_file_id"}}`, r.RawJSON())

	sf := r.StaticFields
	assert.Equal(t, int64(0), sf.ChunkEndChar)
	assert.Equal(t, int64(0), sf.ChunkIndex)
	assert.Equal(t, int64(0), sf.ChunkStartChar)
	assert.Equal(t, int64(0), sf.ChunkTokenCount)
	assert.Equal(t, int64(0), sf.PageRangeEnd)
	assert.Equal(t, int64(0), sf.PageRangeStart)
	assert.Equal(t, "parsed_directory_file_id", sf.ParsedDirectoryFileID)
	for name, valid := range map[string]bool{
		"attachments": sf.JSON.Attachments.Valid(), "chunk_end_char": sf.JSON.ChunkEndChar.Valid(),
		"chunk_index": sf.JSON.ChunkIndex.Valid(), "chunk_start_char": sf.JSON.ChunkStartChar.Valid(),
		"chunk_token_count": sf.JSON.ChunkTokenCount.Valid(), "page_range_end": sf.JSON.PageRangeEnd.Valid(),
		"page_range_start": sf.JSON.PageRangeStart.Valid(), "parsed_directory_file_id": sf.JSON.ParsedDirectoryFileID.Valid(),
	} {
		assert.True(t, valid, "static_fields JSON.%s should be valid", name)
	}
	assert.Empty(t, sf.JSON.ExtraFields)
	assert.JSONEq(t, `{"attachments":[{"attachment_name":"attachment_name","source_id":"source_id","type":"type"}],
		"chunk_end_char":0,"chunk_index":0,"chunk_start_char":0,"chunk_token_count":0,"page_range_end":0,
		"page_range_start":0,"parsed_directory_file_id":"parsed_directory_file_id"}`, sf.RawJSON())

	require.Len(t, sf.Attachments, 1)
	a := sf.Attachments[0]
	assert.Equal(t, "attachment_name", a.AttachmentName)
	assert.Equal(t, "source_id", a.SourceID)
	assert.Equal(t, "type", a.Type)
	assert.True(t, a.JSON.AttachmentName.Valid())
	assert.True(t, a.JSON.SourceID.Valid())
	assert.True(t, a.JSON.Type.Valid())
	assert.Empty(t, a.JSON.ExtraFields)
	assert.JSONEq(t, `{"attachment_name":"attachment_name","source_id":"source_id","type":"type"}`, a.RawJSON())
}

// TestRetrievalRetrieveDecodesValues decodes non-zero values (the reference's example has
// only zeros), an absent rerank score and list metadata.
func TestRetrievalRetrieveDecodesValues(t *testing.T) {
	t.Parallel()
	client, _ := okServer(t, []byte(`{"results":[{"content":"Revenue grew 12%.",
		"metadata":{"year":2024,"tags":["a","b"],"ok":true},"score":0.875,"rerank_score":null,
		"static_fields":{"chunk_end_char":420,"chunk_index":3,"chunk_start_char":17,"chunk_token_count":96,
		"page_range_end":7,"page_range_start":6,"new_field":"x"}}],"took_ms":12}`))
	res, err := client.Beta.Retrieval.Retrieve(context.Background(), beta.RetrievalRetrieveParams{IndexID: "i", Query: "q"})
	require.NoError(t, err)
	require.Len(t, res.Results, 1)
	r := res.Results[0]
	assert.Equal(t, "Revenue grew 12%.", r.Content)
	assert.Equal(t, map[string]any{"year": 2024.0, "tags": []any{"a", "b"}, "ok": true}, r.Metadata)
	assert.Equal(t, 0.875, r.Score)
	assert.True(t, r.JSON.RerankScore.IsNull())
	sf := r.StaticFields
	assert.Equal(t, []int64{420, 3, 17, 96, 7, 6},
		[]int64{sf.ChunkEndChar, sf.ChunkIndex, sf.ChunkStartChar, sf.ChunkTokenCount, sf.PageRangeEnd, sf.PageRangeStart})
	assert.Nil(t, sf.Attachments)
	assert.False(t, sf.JSON.Attachments.IsPresent())
	assert.False(t, sf.JSON.ParsedDirectoryFileID.IsPresent())
	assert.Equal(t, `"x"`, sf.JSON.ExtraFields["new_field"].Raw())
	assert.Equal(t, "12", res.JSON.ExtraFields["took_ms"].Raw())
}

func TestRetrievalRetrieveRequiredOnly(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		params beta.RetrievalRetrieveParams
		body   string
	}{{
		name:   "zero values omitted",
		params: beta.RetrievalRetrieveParams{IndexID: "idx", Query: ""},
		body:   `{"index_id":"idx","query":""}`,
	}, {
		name: "rerank off, file ID filter, nulls",
		params: beta.RetrievalRetrieveParams{
			IndexID: "idx", Query: "q",
			Rerank:        beta.RetrievalRetrieveParamsRerank{Enabled: llamacloud.Bool(false)},
			StaticFilters: beta.RetrievalRetrieveParamsStaticFilters{ParsedDirectoryFileID: beta.RetrievalFileIDFilter(beta.RetrievalFilterOperatorNe, "f9")},
			TopK:          param.Null[int64](),
		},
		body: `{"index_id":"idx","query":"q","rerank":{"enabled":false},
			"static_filters":{"parsed_directory_file_id":{"operator":"ne","value":"f9"}},"top_k":null}`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, "retrieval/retrieve.json"))
			_, err := client.Beta.Retrieval.Retrieve(context.Background(), tc.params)
			require.NoError(t, err)
			s := reqs.Next(t)
			assert.Empty(t, s.Query)
			assert.JSONEq(t, tc.body, string(s.Body))
		})
	}
}

func TestRetrievalSearch(t *testing.T) {
	t.Parallel()
	body := golden(t, "retrieval/search.json")
	client, reqs := okServer(t, body)
	res, err := client.Beta.Retrieval.Search(context.Background(), beta.RetrievalSearchParams{
		IndexID:          "idx-abc123",
		FileName:         llamacloud.String("report.pdf"),
		FileNameContains: llamacloud.String("Report"),
		Limit:            llamacloud.Int(20),
		ProjectID:        llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/retrieval/files/search", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj"}}, s.Query)
	assert.JSONEq(t, `{"index_id":"idx-abc123","file_name":"report.pdf","file_name_contains":"Report","limit":20}`, string(s.Body))

	assert.JSONEq(t, string(body), res.RawJSON())
	assert.True(t, res.JSON.Files.Valid())
	assert.Empty(t, res.JSON.ExtraFields)
	require.Len(t, res.Files, 1)
	f := res.Files[0]
	assert.Equal(t, "file_id", f.FileID)
	assert.Equal(t, "file_name", f.FileName)
	assert.True(t, f.JSON.FileID.Valid())
	assert.True(t, f.JSON.FileName.Valid())
	assert.Empty(t, f.JSON.ExtraFields)
	assert.JSONEq(t, `{"file_id":"file_id","file_name":"file_name"}`, f.RawJSON())
}

func TestRetrievalGrep(t *testing.T) {
	t.Parallel()
	body := golden(t, "retrieval/grep.json")
	client, reqs := okServer(t, body)
	res, err := client.Beta.Retrieval.Grep(context.Background(), beta.RetrievalGrepParams{
		FileID:         "file_id",
		IndexID:        "idx-abc123",
		Pattern:        `revenue|profit\s+"q"`,
		ContextChars:   llamacloud.Int(40),
		Limit:          llamacloud.Int(0),
		OrganizationID: llamacloud.String("org"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/retrieval/files/grep", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}}, s.Query)
	assert.JSONEq(t, `{"file_id":"file_id","index_id":"idx-abc123","pattern":"revenue|profit\\s+\"q\"",
		"context_chars":40,"limit":0}`, string(s.Body))

	assert.JSONEq(t, string(body), res.RawJSON())
	assert.True(t, res.JSON.Matches.Valid())
	assert.Empty(t, res.JSON.ExtraFields)
	require.Len(t, res.Matches, 1)
	m := res.Matches[0]
	assert.Equal(t, "content", m.Content)
	assert.Equal(t, int64(0), m.EndChar)
	assert.Equal(t, int64(0), m.StartChar)
	assert.True(t, m.JSON.Content.Valid())
	assert.True(t, m.JSON.EndChar.Valid())
	assert.True(t, m.JSON.StartChar.Valid())
	assert.Empty(t, m.JSON.ExtraFields)
	assert.JSONEq(t, `{"content":"content","end_char":0,"start_char":0}`, m.RawJSON())
}

func TestRetrievalGrepDecodesOffsets(t *testing.T) {
	t.Parallel()
	client, _ := okServer(t, []byte(`{"matches":[{"content":"net profit rose","end_char":1290,"start_char":1250}]}`))
	res, err := client.Beta.Retrieval.Grep(context.Background(), beta.RetrievalGrepParams{FileID: "f", IndexID: "i", Pattern: "p"})
	require.NoError(t, err)
	require.Len(t, res.Matches, 1)
	assert.Equal(t, "net profit rose", res.Matches[0].Content)
	assert.Equal(t, int64(1250), res.Matches[0].StartChar)
	assert.Equal(t, int64(1290), res.Matches[0].EndChar)
}

func TestRetrievalRead(t *testing.T) {
	t.Parallel()
	body := golden(t, "retrieval/read.json")
	client, reqs := okServer(t, body)
	res, err := client.Beta.Retrieval.Read(context.Background(), beta.RetrievalReadParams{
		FileID:    "file_id",
		IndexID:   "idx-abc123",
		MaxLength: llamacloud.Int(4096),
		Offset:    llamacloud.Int(8192),
		ProjectID: llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/retrieval/files/read", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj"}}, s.Query)
	assert.JSONEq(t, `{"file_id":"file_id","index_id":"idx-abc123","max_length":4096,"offset":8192}`, string(s.Body))

	assert.Equal(t, "content", res.Content)
	assert.True(t, res.JSON.Content.Valid())
	assert.Empty(t, res.JSON.ExtraFields)
	assert.JSONEq(t, string(body), res.RawJSON())
}

func TestRetrievalRequiredOnlyBodies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		call func(*llamacloud.Client) error
		body string
	}{{
		name: "search",
		call: func(c *llamacloud.Client) error {
			_, err := c.Beta.Retrieval.Search(ctx, beta.RetrievalSearchParams{IndexID: "i"})
			return err
		},
		body: `{"index_id":"i"}`,
	}, {
		name: "grep",
		call: func(c *llamacloud.Client) error {
			_, err := c.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{FileID: "f", IndexID: "i", Pattern: "p"})
			return err
		},
		body: `{"file_id":"f","index_id":"i","pattern":"p"}`,
	}, {
		name: "read",
		call: func(c *llamacloud.Client) error {
			_, err := c.Beta.Retrieval.Read(ctx, beta.RetrievalReadParams{FileID: "f", IndexID: "i", Offset: param.Null[int64]()})
			return err
		},
		body: `{"file_id":"f","index_id":"i","offset":null}`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, []byte(`{}`))
			require.NoError(t, tc.call(client))
			s := reqs.Next(t)
			assert.Empty(t, s.Query)
			assert.JSONEq(t, tc.body, string(s.Body))
		})
	}
}
