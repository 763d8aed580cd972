package apijson

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// The benchmark types mirror a retrieval result: benchResult has metadata like every SDK
// response type; plainResult has the same fields and none.

type benchPage[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
	TotalSize     int64  `json:"total_size"`
	JSON          struct {
		Items         respjson.Field
		NextPageToken respjson.Field
		TotalSize     respjson.Field
		ExtraFields   map[string]respjson.Field
		raw           string
	} `json:"-"`
}

type benchAttachment struct {
	AttachmentName string `json:"attachment_name"`
	SourceID       string `json:"source_id"`
	Type           string `json:"type"`
	JSON           struct {
		AttachmentName respjson.Field
		SourceID       respjson.Field
		Type           respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

type benchStaticFields struct {
	Attachments           []benchAttachment `json:"attachments"`
	ChunkEndChar          int64             `json:"chunk_end_char"`
	ChunkIndex            int64             `json:"chunk_index"`
	ChunkStartChar        int64             `json:"chunk_start_char"`
	ChunkTokenCount       int64             `json:"chunk_token_count"`
	PageRangeEnd          int64             `json:"page_range_end"`
	PageRangeStart        int64             `json:"page_range_start"`
	ParsedDirectoryFileID string            `json:"parsed_directory_file_id"`
	JSON                  struct {
		Attachments           respjson.Field
		ChunkEndChar          respjson.Field
		ChunkIndex            respjson.Field
		ChunkStartChar        respjson.Field
		ChunkTokenCount       respjson.Field
		PageRangeEnd          respjson.Field
		PageRangeStart        respjson.Field
		ParsedDirectoryFileID respjson.Field
		ExtraFields           map[string]respjson.Field
		raw                   string
	} `json:"-"`
}

type benchStatus string

type benchResult struct {
	ID           string            `json:"id"`
	Content      string            `json:"content"`
	Metadata     map[string]any    `json:"metadata"`
	RerankScore  float64           `json:"rerank_score"`
	Score        float64           `json:"score"`
	StaticFields benchStaticFields `json:"static_fields"`
	Status       benchStatus       `json:"status"`
	CreatedAt    time.Time         `json:"created_at"`
	JSON         struct {
		ID           respjson.Field
		Content      respjson.Field
		Metadata     respjson.Field
		RerankScore  respjson.Field
		Score        respjson.Field
		StaticFields respjson.Field
		Status       respjson.Field
		CreatedAt    respjson.Field
		ExtraFields  map[string]respjson.Field
		raw          string
	} `json:"-"`
}

type plainPage struct {
	Items         []plainResult `json:"items"`
	NextPageToken string        `json:"next_page_token"`
	TotalSize     int64         `json:"total_size"`
}

type plainAttachment struct {
	AttachmentName string `json:"attachment_name"`
	SourceID       string `json:"source_id"`
	Type           string `json:"type"`
}

type plainStaticFields struct {
	Attachments           []plainAttachment `json:"attachments"`
	ChunkEndChar          int64             `json:"chunk_end_char"`
	ChunkIndex            int64             `json:"chunk_index"`
	ChunkStartChar        int64             `json:"chunk_start_char"`
	ChunkTokenCount       int64             `json:"chunk_token_count"`
	PageRangeEnd          int64             `json:"page_range_end"`
	PageRangeStart        int64             `json:"page_range_start"`
	ParsedDirectoryFileID string            `json:"parsed_directory_file_id"`
}

type plainResult struct {
	ID           string            `json:"id"`
	Content      string            `json:"content"`
	Metadata     map[string]any    `json:"metadata"`
	RerankScore  float64           `json:"rerank_score"`
	Score        float64           `json:"score"`
	StaticFields plainStaticFields `json:"static_fields"`
	Status       benchStatus       `json:"status"`
	CreatedAt    time.Time         `json:"created_at"`
}

// retrievalPage builds a page of n results of about 1 KB each; every other content string
// holds escapes (newlines, quotes, \u00e9).
func retrievalPage(n int) string {
	const words = "the quarterly report shows revenue growth across all regions with strong results in " +
		"enterprise accounts while operating costs remained flat compared to the previous year and "
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		content := strings.Repeat(words, 5)[:700+i%50]
		if i%2 == 0 {
			content = strings.Replace(content, "report", `\"report\"\n`, 1)
			content = strings.Replace(content, "results", `r\u00e9sults`, 1)
		}
		fmt.Fprintf(&b, `{"id":"chunk_%06d","content":"%s","metadata":{"author":"Jane Doe","year":%d,"draft":%t},`+
			`"rerank_score":%g,"score":%g,"static_fields":{"attachments":[{"attachment_name":"screenshots/page_%d.jpg",`+
			`"source_id":"file_%06d","type":"screenshot"}],"chunk_end_char":%d,"chunk_index":%d,"chunk_start_char":%d,`+
			`"chunk_token_count":%d,"page_range_end":%d,"page_range_start":%d,"parsed_directory_file_id":"pdf_%06d"},`+
			`"status":"completed","created_at":"2024-%02d-%02dT%02d:%02d:%02d.%03dZ"}`,
			i, content, 2000+i%25, i%3 == 0, 0.5+float64(i%1000)/2048, float64(i%977)/1000.0, i%40, i/3,
			(i+1)*800, i, i*800, 180+i%20, i/4+1, i/4, i/3,
			1+i%12, 1+i%28, i%24, i%60, (i*7)%60, i%1000)
	}
	fmt.Fprintf(&b, `],"next_page_token":"tok_%d","total_size":%d}`, n, n*3)
	return b.String()
}

func BenchmarkDecode(b *testing.B) {
	data := retrievalPage(1000)
	raw := []byte(data)
	b.Run("apijson", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		for range b.N {
			var page benchPage[benchResult]
			if err := UnmarshalString(data, &page); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(raw)))
		b.ResetTimer()
		for range b.N {
			var page plainPage
			if err := json.Unmarshal(raw, &page); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The encode benchmark types mirror retrieval params: benchParams as the SDK writes them and
// plainParams as one would for encoding/json (pointers and omitempty).

type benchRerank struct {
	Enabled param.Opt[bool]  `json:"enabled"`
	TopN    param.Opt[int64] `json:"top_n"`
}

type benchParams struct {
	IndexID                string               `json:"index_id"`
	Query                  string               `json:"query"`
	OrganizationID         param.Opt[string]    `json:"-" query:"organization_id"`
	CustomFilters          map[string]any       `json:"custom_filters,omitzero"`
	FullTextPipelineWeight param.Opt[float64]   `json:"full_text_pipeline_weight"`
	NumCandidates          param.Opt[int64]     `json:"num_candidates"`
	Rerank                 benchRerank          `json:"rerank,omitzero"`
	ScoreThreshold         param.Opt[float64]   `json:"score_threshold"`
	FileIDs                []string             `json:"file_ids,omitzero"`
	Since                  param.Opt[time.Time] `json:"since"`
	TopK                   param.Opt[int64]     `json:"top_k"`
	VectorPipelineWeight   param.Opt[float64]   `json:"vector_pipeline_weight"`
}

type plainRerank struct {
	Enabled *bool  `json:"enabled,omitempty"`
	TopN    *int64 `json:"top_n,omitempty"`
}

type plainParams struct {
	IndexID                string         `json:"index_id"`
	Query                  string         `json:"query"`
	OrganizationID         *string        `json:"-"`
	CustomFilters          map[string]any `json:"custom_filters,omitempty"`
	FullTextPipelineWeight *float64       `json:"full_text_pipeline_weight,omitempty"`
	NumCandidates          *int64         `json:"num_candidates,omitempty"`
	Rerank                 *plainRerank   `json:"rerank,omitempty"`
	ScoreThreshold         *float64       `json:"score_threshold,omitempty"`
	FileIDs                []string       `json:"file_ids,omitempty"`
	Since                  *time.Time     `json:"since,omitempty"`
	TopK                   *int64         `json:"top_k,omitempty"`
	VectorPipelineWeight   *float64       `json:"vector_pipeline_weight,omitempty"`
}

func ptr[T any](v T) *T { return &v }

func BenchmarkEncode(b *testing.B) {
	since := time.Date(2024, 1, 2, 3, 4, 5, 6e6, time.UTC)
	filters := map[string]any{"author": map[string]any{"operator": "eq", "value": "Jane Doe"}, "year": map[string]any{"operator": "gte", "value": 2020.0}}
	ours := benchParams{
		IndexID: "idx-abc123", Query: "What are the key findings of the quarterly report?",
		OrganizationID: param.NewOpt("org_1"), CustomFilters: filters,
		FullTextPipelineWeight: param.NewOpt(0.3), NumCandidates: param.NewOpt[int64](100),
		Rerank:  benchRerank{Enabled: param.NewOpt(true), TopN: param.NewOpt[int64](5)},
		FileIDs: []string{"file_1", "file_2", "file_3"}, Since: param.NewOpt(since),
		TopK: param.NewOpt[int64](20), VectorPipelineWeight: param.NewOpt(0.7),
	}
	plain := plainParams{
		IndexID: ours.IndexID, Query: ours.Query, OrganizationID: ptr("org_1"), CustomFilters: filters,
		FullTextPipelineWeight: ptr(0.3), NumCandidates: ptr[int64](100),
		Rerank:  &plainRerank{Enabled: ptr(true), TopN: ptr[int64](5)},
		FileIDs: ours.FileIDs, Since: &since, TopK: ptr[int64](20), VectorPipelineWeight: ptr(0.7),
	}
	size, err := json.Marshal(plain)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("apijson", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(size)))
		b.ResetTimer()
		for range b.N {
			if _, err := Marshal(ours); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(size)))
		b.ResetTimer()
		for range b.N {
			if _, err := json.Marshal(plain); err != nil {
				b.Fatal(err)
			}
		}
	})
}
