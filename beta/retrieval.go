package beta

import (
	"context"
	"net/http"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// RetrievalService queries indexes: hybrid search for relevant chunks ([RetrievalService.Retrieve]),
// file lookup by name ([RetrievalService.Search]), regex search within a file
// ([RetrievalService.Grep]) and reading a file's parsed text ([RetrievalService.Read]).
// Get it from client.Beta.Retrieval. It is safe for concurrent use.
type RetrievalService struct {
	// Options are the options every call of the service starts from.
	Options []option.RequestOption
}

// NewRetrievalService returns the service with opts as the options its calls start from.
func NewRetrievalService(opts ...option.RequestOption) *RetrievalService {
	return &RetrievalService{Options: opts}
}

// RetrievalRetrieveParams are the parameters of [RetrievalService.Retrieve]. Only IndexID
// and Query are required; every other field is left out of the request when zero and the
// API's default applies.
type RetrievalRetrieveParams struct {
	// IndexID is the ID of the index to retrieve from. Required.
	IndexID string `json:"index_id" param:"required"`
	// Query is the natural-language query. Required.
	Query string `json:"query"`
	// CustomFilters filters on user-defined metadata, keyed by metadata field name. Build
	// values with [RetrievalStringFilter], [RetrievalRangeFilter] and the other filter
	// constructors, or as [RetrievalRetrieveParamsCustomFilterUnion] literals.
	CustomFilters map[string]RetrievalRetrieveParamsCustomFilterUnion `json:"custom_filters,omitzero"`
	// FullTextPipelineWeight is the weight (0-1) of the full-text search pipeline.
	FullTextPipelineWeight param.Opt[float64] `json:"full_text_pipeline_weight"`
	// NumCandidates is the number of candidates of the approximate nearest neighbour search.
	NumCandidates param.Opt[int64] `json:"num_candidates" param:"nonneg"`
	// Rerank configures the reranking applied after hybrid search; it is on by default.
	Rerank RetrievalRetrieveParamsRerank `json:"rerank,omitzero"`
	// ScoreThreshold is the minimum score of a returned result.
	ScoreThreshold param.Opt[float64] `json:"score_threshold"`
	// StaticFilters filters on built-in document fields.
	StaticFilters RetrievalRetrieveParamsStaticFilters `json:"static_filters,omitzero"`
	// TopK is the maximum number of results.
	TopK param.Opt[int64] `json:"top_k" param:"nonneg"`
	// VectorPipelineWeight is the weight (0-1) of the vector search pipeline.
	VectorPipelineWeight param.Opt[float64] `json:"vector_pipeline_weight"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// RetrievalRetrieveParamsRerank configures reranking ([RetrievalRetrieveParams.Rerank]).
// The zero value is left out of the request, which keeps reranking on with the API's defaults.
type RetrievalRetrieveParamsRerank struct {
	// Enabled set to false turns reranking off.
	Enabled param.Opt[bool] `json:"enabled"`
	// TopN is the number of results kept after reranking.
	TopN param.Opt[int64] `json:"top_n" param:"nonneg"`
}

// Retrieve returns the chunks of an index most relevant to a query, found by hybrid
// (vector and full-text) search and optionally filtered on built-in or user-defined
// metadata (POST /api/v1/retrieval/retrieve). A filter union with no variant or several
// variants set is an error returned before anything is sent. An unknown index fails with
// an error matching llamacloud.ErrNotFound.
func (s *RetrievalService) Retrieve(ctx context.Context, params RetrievalRetrieveParams, opts ...option.RequestOption) (*RetrievalRetrieveResponse, error) {
	return execute[RetrievalRetrieveResponse](ctx, http.MethodPost, "api/v1/retrieval/retrieve", nil, &params, s.Options, opts)
}

// RetrievalRetrieveResponse holds the results of [RetrievalService.Retrieve].
type RetrievalRetrieveResponse struct {
	// Results are the retrieved chunks, best first.
	Results []RetrievalRetrieveResponseResult `json:"results"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Results     respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r RetrievalRetrieveResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a retrieve response.
func (r *RetrievalRetrieveResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalRetrieveResponseResult is one retrieved chunk.
type RetrievalRetrieveResponseResult struct {
	// Content is the chunk's text.
	Content string `json:"content"`
	// Metadata is the user-defined metadata of the chunk; each value is a string, float64,
	// bool or []any of strings.
	Metadata map[string]any `json:"metadata"`
	// RerankScore is the reranker's relevance score; zero (JSON.RerankScore not Valid) when
	// no reranking was applied.
	RerankScore float64 `json:"rerank_score"`
	// Score is the hybrid search relevance score.
	Score float64 `json:"score"`
	// StaticFields are the built-in fields stored for every exported chunk.
	StaticFields RetrievalRetrieveResponseResultStaticFields `json:"static_fields"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content      respjson.Field
		Metadata     respjson.Field
		RerankScore  respjson.Field
		Score        respjson.Field
		StaticFields respjson.Field
		ExtraFields  map[string]respjson.Field
		raw          string
	} `json:"-"`
}

// RawJSON returns the result's JSON as received.
func (r RetrievalRetrieveResponseResult) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a result.
func (r *RetrievalRetrieveResponseResult) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalRetrieveResponseResultStaticFields are the built-in fields of a retrieved chunk.
// Each is zero when absent; its JSON entry tells absent from zero.
type RetrievalRetrieveResponseResultStaticFields struct {
	// Attachments are the files attached to the chunk, such as page screenshots.
	Attachments []RetrievalRetrieveResponseResultStaticFieldsAttachment `json:"attachments"`
	// ChunkEndChar is the end character offset of the chunk.
	ChunkEndChar int64 `json:"chunk_end_char"`
	// ChunkIndex is the index of the chunk within its file.
	ChunkIndex int64 `json:"chunk_index"`
	// ChunkStartChar is the start character offset of the chunk.
	ChunkStartChar int64 `json:"chunk_start_char"`
	// ChunkTokenCount is the chunk's number of tokens.
	ChunkTokenCount int64 `json:"chunk_token_count"`
	// PageRangeEnd is the last page covered by the chunk.
	PageRangeEnd int64 `json:"page_range_end"`
	// PageRangeStart is the first page covered by the chunk.
	PageRangeStart int64 `json:"page_range_start"`
	// ParsedDirectoryFileID is the ID of the parsed file; filter on it with
	// [RetrievalRetrieveParamsStaticFilters].
	ParsedDirectoryFileID string `json:"parsed_directory_file_id"`
	// JSON records how each field appeared on the wire.
	JSON struct {
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

// RawJSON returns the fields' JSON as received.
func (r RetrievalRetrieveResponseResultStaticFields) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the static fields.
func (r *RetrievalRetrieveResponseResultStaticFields) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalRetrieveResponseResultStaticFieldsAttachment is a file attached to a chunk.
type RetrievalRetrieveResponseResultStaticFieldsAttachment struct {
	// AttachmentName is the attachment-relative path, such as "screenshots/page_7.jpg".
	AttachmentName string `json:"attachment_name"`
	// SourceID is the file ID to pass as source_id when fetching the attachment.
	SourceID string `json:"source_id"`
	// Type is the attachment kind, such as "screenshot" or "items".
	Type string `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		AttachmentName respjson.Field
		SourceID       respjson.Field
		Type           respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the attachment's JSON as received.
func (r RetrievalRetrieveResponseResultStaticFieldsAttachment) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes an attachment.
func (r *RetrievalRetrieveResponseResultStaticFieldsAttachment) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalSearchParams are the parameters of [RetrievalService.Search]. With neither
// FileName nor FileNameContains set, the API's own selection applies.
type RetrievalSearchParams struct {
	// IndexID is the ID of the index to search. Required.
	IndexID string `json:"index_id" param:"required"`
	// FileName keeps files with exactly this name.
	FileName param.Opt[string] `json:"file_name"`
	// FileNameContains keeps files whose name contains this text, ignoring case.
	FileNameContains param.Opt[string] `json:"file_name_contains"`
	// Limit is the maximum number of files returned.
	Limit param.Opt[int64] `json:"limit" param:"nonneg"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Search finds the files of an index by name (POST /api/v1/retrieval/files/search). An
// unknown index fails with an error matching llamacloud.ErrNotFound.
func (s *RetrievalService) Search(ctx context.Context, params RetrievalSearchParams, opts ...option.RequestOption) (*RetrievalSearchResponse, error) {
	return execute[RetrievalSearchResponse](ctx, http.MethodPost, "api/v1/retrieval/files/search", nil, &params, s.Options, opts)
}

// RetrievalSearchResponse holds the files [RetrievalService.Search] found.
type RetrievalSearchResponse struct {
	// Files are the matching files.
	Files []RetrievalSearchResponseFile `json:"files"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Files       respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r RetrievalSearchResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a search response.
func (r *RetrievalSearchResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalSearchResponseFile is a file found by [RetrievalService.Search].
type RetrievalSearchResponseFile struct {
	// FileID is the file's ID, to pass to [RetrievalService.Grep] and [RetrievalService.Read].
	FileID string `json:"file_id"`
	// FileName is the file's display name.
	FileName string `json:"file_name"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		FileID      respjson.Field
		FileName    respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the file's JSON as received.
func (r RetrievalSearchResponseFile) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a found file.
func (r *RetrievalSearchResponseFile) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalGrepParams are the parameters of [RetrievalService.Grep].
type RetrievalGrepParams struct {
	// FileID is the ID of the file to search. Required.
	FileID string `json:"file_id" param:"required"`
	// IndexID is the ID of the index the file belongs to. Required.
	IndexID string `json:"index_id" param:"required"`
	// Pattern is the regular expression to search for. Required.
	Pattern string `json:"pattern"`
	// ContextChars is the number of characters around each match included in its Content.
	ContextChars param.Opt[int64] `json:"context_chars" param:"nonneg"`
	// Limit is the maximum number of matches returned.
	Limit param.Opt[int64] `json:"limit" param:"nonneg"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Grep searches a file's parsed content for a regular expression
// (POST /api/v1/retrieval/files/grep). A pattern the API rejects fails with an *llamacloud.Error
// carrying its message; an unknown file or index with one matching llamacloud.ErrNotFound.
func (s *RetrievalService) Grep(ctx context.Context, params RetrievalGrepParams, opts ...option.RequestOption) (*RetrievalGrepResponse, error) {
	return execute[RetrievalGrepResponse](ctx, http.MethodPost, "api/v1/retrieval/files/grep", nil, &params, s.Options, opts)
}

// RetrievalGrepResponse holds the matches [RetrievalService.Grep] found.
type RetrievalGrepResponse struct {
	// Matches are the regex matches in the file.
	Matches []RetrievalGrepResponseMatch `json:"matches"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Matches     respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r RetrievalGrepResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a grep response.
func (r *RetrievalGrepResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalGrepResponseMatch is one match of [RetrievalService.Grep].
type RetrievalGrepResponseMatch struct {
	// Content is the matched text with the requested context around it.
	Content string `json:"content"`
	// EndChar is the end character offset of the match.
	EndChar int64 `json:"end_char"`
	// StartChar is the start character offset of the match.
	StartChar int64 `json:"start_char"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		EndChar     respjson.Field
		StartChar   respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the match's JSON as received.
func (r RetrievalGrepResponseMatch) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a match.
func (r *RetrievalGrepResponseMatch) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// RetrievalReadParams are the parameters of [RetrievalService.Read]. Offset and MaxLength
// page through a long file.
type RetrievalReadParams struct {
	// FileID is the ID of the file to read. Required.
	FileID string `json:"file_id" param:"required"`
	// IndexID is the ID of the index the file belongs to. Required.
	IndexID string `json:"index_id" param:"required"`
	// MaxLength is the maximum number of characters read from Offset.
	MaxLength param.Opt[int64] `json:"max_length" param:"nonneg"`
	// Offset is the character offset to start reading at; the API starts at 0.
	Offset param.Opt[int64] `json:"offset" param:"nonneg"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Read returns the parsed text of a file of an index (POST /api/v1/retrieval/files/read).
// An unknown file or index fails with an error matching llamacloud.ErrNotFound.
func (s *RetrievalService) Read(ctx context.Context, params RetrievalReadParams, opts ...option.RequestOption) (*RetrievalReadResponse, error) {
	return execute[RetrievalReadResponse](ctx, http.MethodPost, "api/v1/retrieval/files/read", nil, &params, s.Options, opts)
}

// RetrievalReadResponse is the text [RetrievalService.Read] returns.
type RetrievalReadResponse struct {
	// Content is the parsed text of the file, within the requested range.
	Content string `json:"content"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r RetrievalReadResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a read response.
func (r *RetrievalReadResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}
