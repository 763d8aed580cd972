package llamacloudtest

import (
	"errors"
	"net/http"
	"strings"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

func (s *Server) retrievalRoutes() []route {
	const base = "/api/v1/retrieval"
	return []route{
		{http.MethodPost, base + "/retrieve", s.retrieve},
		{http.MethodPost, base + "/files/search", s.searchFiles},
		{http.MethodPost, base + "/files/grep", s.grepFile},
		{http.MethodPost, base + "/files/read", s.readFile},
	}
}

// retrieveRequest is the body of POST /api/v1/retrieval/retrieve.
type retrieveRequest struct {
	IndexID        string         `json:"index_id"`
	Query          string         `json:"query"`
	CustomFilters  map[string]any `json:"custom_filters"`
	StaticFilters  map[string]any `json:"static_filters"`
	FullTextWeight *float64       `json:"full_text_pipeline_weight"`
	VectorWeight   *float64       `json:"vector_pipeline_weight"`
	NumCandidates  *int           `json:"num_candidates"`
	ScoreThreshold *float64       `json:"score_threshold"`
	TopK           *int           `json:"top_k"`
	Rerank         *struct {
		Enabled *bool `json:"enabled"`
		TopN    *int  `json:"top_n"`
	} `json:"rerank" pydantic:"Rerank"`
}

// retrieveResult is one result of a retrieval.
type retrieveResult struct {
	Content      string         `json:"content"`
	Metadata     map[string]any `json:"metadata"`
	RerankScore  *float64       `json:"rerank_score,omitempty"`
	Score        float64        `json:"score"`
	StaticFields staticFields   `json:"static_fields"`
}

// staticFields are the built-in fields of a chunk.
type staticFields struct {
	Attachments           []any  `json:"attachments"`
	ChunkEndChar          int    `json:"chunk_end_char"`
	ChunkIndex            int    `json:"chunk_index"`
	ChunkStartChar        int    `json:"chunk_start_char"`
	ChunkTokenCount       int    `json:"chunk_token_count"`
	PageRangeEnd          int    `json:"page_range_end"`
	PageRangeStart        int    `json:"page_range_start"`
	ParsedDirectoryFileID string `json:"parsed_directory_file_id"`
}

// checkRange answers 422 unless v (when set) is within [lo, hi]; hi < lo means no upper bound.
func (c *call) checkRange(v *float64, lo, hi float64, loc ...any) bool {
	if v == nil || (*v >= lo && (hi < lo || *v <= hi)) {
		return true
	}
	if *v < lo {
		c.invalid(loc, "Input should be greater than or equal to "+formatNumber(lo), "greater_than_equal")
	} else {
		c.invalid(loc, "Input should be less than or equal to "+formatNumber(hi), "less_than_equal")
	}
	return false
}

// checkPositive answers 422 unless v (when set) is at least 1.
func (c *call) checkPositive(v *int, loc ...any) bool {
	if v == nil || *v >= 1 {
		return true
	}
	c.invalid(loc, "Input should be greater than or equal to 1", "greater_than_equal")
	return false
}

// toQuery validates the request and turns it into a textindex query, answering 422 itself.
func (c *call) toQuery(in *retrieveRequest) (textindex.Query, bool) {
	q := textindex.Query{
		Text:           in.Query,
		FullTextWeight: in.FullTextWeight,
		VectorWeight:   in.VectorWeight,
		ScoreThreshold: in.ScoreThreshold,
	}
	if !c.checkRange(in.FullTextWeight, 0, 1, "body", "full_text_pipeline_weight") ||
		!c.checkRange(in.VectorWeight, 0, 1, "body", "vector_pipeline_weight") ||
		!c.checkPositive(in.TopK, "body", "top_k") ||
		!c.checkPositive(in.NumCandidates, "body", "num_candidates") {
		return q, false
	}
	if in.TopK != nil {
		q.TopK = *in.TopK
	}
	if in.NumCandidates != nil {
		q.NumCandidates = *in.NumCandidates
	}
	if in.Rerank != nil {
		if !c.checkPositive(in.Rerank.TopN, "body", "rerank", "top_n") {
			return q, false
		}
		q.Rerank.Disabled = in.Rerank.Enabled != nil && !*in.Rerank.Enabled
		if in.Rerank.TopN != nil {
			q.Rerank.TopN = *in.Rerank.TopN
		}
	}
	static, err := textindex.ParseStaticFilters(in.StaticFilters)
	if err == nil {
		var custom []textindex.Filter
		custom, err = textindex.ParseCustomFilters(in.CustomFilters)
		q.Filters = append(static, custom...)
	}
	var fe *textindex.FieldError
	if errors.As(err, &fe) {
		c.invalid(append([]any{"body"}, fe.Loc...), fe.Msg, fe.Type)
		return q, false
	}
	if err != nil {
		c.invalid([]any{"body"}, err.Error(), "value_error")
		return q, false
	}
	return q, true
}

// retrieve runs a hybrid search over the index's chunks.
func (s *Server) retrieve(c *call) {
	var in retrieveRequest
	if !c.decode(&in, "index_id", "query") {
		return
	}
	q, ok := c.toQuery(&in)
	if !ok {
		return
	}
	_, build, ok := c.readIndex(in.IndexID)
	if !ok {
		return
	}
	results := []retrieveResult{}
	for _, r := range build.text.Retrieve(q) {
		results = append(results, toResult(r))
	}
	c.writeJSON(http.StatusOK, map[string]any{"results": results})
}

func toResult(r textindex.Result) retrieveResult {
	ch := r.Chunk
	out := retrieveResult{
		Content:  ch.Text,
		Metadata: ch.Metadata,
		Score:    r.Score,
		StaticFields: staticFields{
			Attachments:           []any{},
			ChunkEndChar:          ch.End,
			ChunkIndex:            ch.Index,
			ChunkStartChar:        ch.Start,
			ChunkTokenCount:       ch.TokenCount,
			PageRangeEnd:          ch.PageEnd,
			PageRangeStart:        ch.PageStart,
			ParsedDirectoryFileID: ch.DocID,
		},
	}
	if out.Metadata == nil {
		out.Metadata = map[string]any{}
	}
	if r.Reranked {
		score := r.RerankScore
		out.RerankScore = &score
	}
	return out
}

// searchFiles lists the index's files by name. The file_id of a result is the directory file ID,
// the same value as parsed_directory_file_id in retrieval results.
func (s *Server) searchFiles(c *call) {
	var in struct {
		IndexID          string `json:"index_id"`
		FileName         string `json:"file_name"`
		FileNameContains string `json:"file_name_contains"`
		Limit            *int   `json:"limit"`
	}
	if !c.decode(&in, "index_id") || !c.checkPositive(in.Limit, "body", "limit") {
		return
	}
	_, build, ok := c.readIndex(in.IndexID)
	if !ok {
		return
	}
	contains := strings.ToLower(in.FileNameContains)
	files := []map[string]string{}
	for _, d := range build.text.Documents() {
		if in.Limit != nil && len(files) >= *in.Limit {
			break
		}
		if (in.FileName != "" && d.Name != in.FileName) ||
			(contains != "" && !strings.Contains(strings.ToLower(d.Name), contains)) {
			continue
		}
		files = append(files, map[string]string{"file_id": d.ID, "file_name": d.Name})
	}
	c.writeJSON(http.StatusOK, map[string]any{"files": files})
}

// indexedDocument finds a document of an index's exported build by directory file ID or storage
// file ID, answering 404 itself when the index or the file is missing.
func (c *call) indexedDocument(indexID, fileID string) (textindex.Document, bool) {
	_, build, ok := c.readIndex(indexID)
	if !ok {
		return textindex.Document{}, false
	}
	if doc, ok := build.text.Document(fileID); ok {
		return doc, true
	}
	if docID, ok := build.byFile[fileID]; ok {
		if doc, ok := build.text.Document(docID); ok {
			return doc, true
		}
	}
	c.notFound("file", fileID)
	return textindex.Document{}, false
}

// grepFile matches an RE2 pattern against a file's parsed text.
func (s *Server) grepFile(c *call) {
	var in struct {
		FileID       string `json:"file_id"`
		IndexID      string `json:"index_id"`
		Pattern      string `json:"pattern"`
		ContextChars *int   `json:"context_chars"`
		Limit        *int   `json:"limit"`
	}
	if !c.decode(&in, "file_id", "index_id", "pattern") || !c.checkPositive(in.Limit, "body", "limit") {
		return
	}
	if in.ContextChars != nil && *in.ContextChars < 0 {
		c.invalid([]any{"body", "context_chars"}, "Input should be greater than or equal to 0", "greater_than_equal")
		return
	}
	doc, ok := c.indexedDocument(in.IndexID, in.FileID)
	if !ok {
		return
	}
	contextChars, limit := 0, 0
	if in.ContextChars != nil {
		contextChars = *in.ContextChars
	}
	if in.Limit != nil {
		limit = *in.Limit
	}
	found, err := textindex.Grep(doc.Text, in.Pattern, contextChars, limit)
	if err != nil {
		c.invalid([]any{"body", "pattern"}, "Invalid regex pattern: "+err.Error(), "value_error")
		return
	}
	matches := make([]map[string]any, 0, len(found))
	for _, m := range found {
		matches = append(matches, map[string]any{"content": m.Content, "end_char": m.End, "start_char": m.Start})
	}
	c.writeJSON(http.StatusOK, map[string]any{"matches": matches})
}

// readFile returns a rune range of a file's parsed text.
func (s *Server) readFile(c *call) {
	var in struct {
		FileID    string `json:"file_id"`
		IndexID   string `json:"index_id"`
		MaxLength *int   `json:"max_length"`
		Offset    int    `json:"offset"`
	}
	if !c.decode(&in, "file_id", "index_id") || !c.checkPositive(in.MaxLength, "body", "max_length") {
		return
	}
	if in.Offset < 0 {
		c.invalid([]any{"body", "offset"}, "Input should be greater than or equal to 0", "greater_than_equal")
		return
	}
	doc, ok := c.indexedDocument(in.IndexID, in.FileID)
	if !ok {
		return
	}
	maxLength := 0
	if in.MaxLength != nil {
		maxLength = *in.MaxLength
	}
	content, err := textindex.Read(doc.Text, in.Offset, maxLength)
	if err != nil {
		c.invalid([]any{"body", "offset"}, err.Error(), "value_error")
		return
	}
	c.writeJSON(http.StatusOK, map[string]any{"content": content})
}
