package beta

import (
	"context"
	"net/http"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// SplitService runs document split jobs, which cut a document into segments of pages, each
// assigned to one of the given categories. Get it from client.Beta.Split.
type SplitService struct {
	Options []option.RequestOption
}

// NewSplitService returns the service with opts as the options its calls start from.
func NewSplitService(opts ...option.RequestOption) *SplitService {
	return &SplitService{Options: opts}
}

// SplitJobStatus is the status of a split job. SplitJobStatusCompleted is the terminal
// success, SplitJobStatusFailed and SplitJobStatusCancelled the terminal failures; any other
// value, SplitJobStatusPending and SplitJobStatusProcessing included, means the job is still
// going. Values the SDK does not know decode as they are.
type SplitJobStatus string

// The statuses of a split job.
const (
	SplitJobStatusPending    SplitJobStatus = "pending"
	SplitJobStatusProcessing SplitJobStatus = "processing"
	SplitJobStatusCompleted  SplitJobStatus = "completed"
	SplitJobStatusFailed     SplitJobStatus = "failed"
	SplitJobStatusCancelled  SplitJobStatus = "cancelled"
)

// SplitJob is a document split job (API schemas "SplitCreateResponse", "SplitListResponse"
// and "SplitGetResponse", which are the same).
type SplitJob struct {
	// ID is the job's ID (the splitJobID of [SplitService.Get]).
	ID string `json:"id"`
	// Categories are the categories the document is split into.
	Categories []SplitCategory `json:"categories"`
	// DocumentInput is the document being split.
	DocumentInput SplitDocumentInput `json:"document_input"`
	// ProjectID is the project the job belongs to.
	ProjectID string `json:"project_id"`
	// Status is the job's status; see [SplitJobStatus] for the terminal ones.
	Status SplitJobStatus `json:"status"`
	// UserID is the user who created the job.
	UserID string `json:"user_id"`
	// ConfigurationID is the saved split configuration the job used, if any.
	ConfigurationID string `json:"configuration_id"`
	// CreatedAt is when the job was created.
	CreatedAt time.Time `json:"created_at"`
	// ErrorMessage says why the job failed.
	ErrorMessage string `json:"error_message"`
	// Result holds the segments of a completed job; JSON.Result is not Valid before.
	Result SplitResult `json:"result"`
	// UpdatedAt is when the job last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID              respjson.Field
		Categories      respjson.Field
		DocumentInput   respjson.Field
		ProjectID       respjson.Field
		Status          respjson.Field
		UserID          respjson.Field
		ConfigurationID respjson.Field
		CreatedAt       respjson.Field
		ErrorMessage    respjson.Field
		Result          respjson.Field
		UpdatedAt       respjson.Field
		ExtraFields     map[string]respjson.Field
		raw             string
	} `json:"-"`
}

// RawJSON returns the job's JSON as received.
func (r SplitJob) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a job.
func (r *SplitJob) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SplitCategory is a category a document's pages can be assigned to.
type SplitCategory struct {
	// Name is the category's name.
	Name string `json:"name"`
	// Description says what content belongs in the category.
	Description string `json:"description"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Name        respjson.Field
		Description respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the category's JSON as received.
func (r SplitCategory) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a category.
func (r *SplitCategory) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SplitDocumentInputType says what a document input's Value identifies.
type SplitDocumentInputType string

// The documented document input types.
const (
	// SplitDocumentInputTypeFileID means Value is the ID of an uploaded file.
	SplitDocumentInputTypeFileID SplitDocumentInputType = "file_id"
)

// SplitDocumentInput identifies the document of a split job.
type SplitDocumentInput struct {
	// Type says what Value is.
	Type SplitDocumentInputType `json:"type"`
	// Value identifies the document, such as a file ID.
	Value string `json:"value"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Type        respjson.Field
		Value       respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the input's JSON as received.
func (r SplitDocumentInput) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a document input.
func (r *SplitDocumentInput) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SplitResult is the result of a completed split job.
type SplitResult struct {
	// Segments are the document's segments, in order.
	Segments []SplitSegment `json:"segments"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Segments    respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the result's JSON as received.
func (r SplitResult) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a result.
func (r *SplitResult) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SplitConfidence is how confident the service is in a segment's category.
type SplitConfidence string

// The confidence levels.
const (
	SplitConfidenceHigh   SplitConfidence = "high"
	SplitConfidenceMedium SplitConfidence = "medium"
	SplitConfidenceLow    SplitConfidence = "low"
)

// SplitSegment is a run of pages assigned to one category.
type SplitSegment struct {
	// Category is the name of the segment's category ("uncategorized" when the
	// configuration allows it).
	Category string `json:"category"`
	// ConfidenceCategory is how confident the assignment is.
	ConfidenceCategory SplitConfidence `json:"confidence_category"`
	// Pages are the segment's 1-based page numbers.
	Pages []int64 `json:"pages"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Category           respjson.Field
		ConfidenceCategory respjson.Field
		Pages              respjson.Field
		ExtraFields        map[string]respjson.Field
		raw                string
	} `json:"-"`
}

// RawJSON returns the segment's JSON as received.
func (r SplitSegment) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a segment.
func (r *SplitSegment) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SplitNewParams are the parameters of [SplitService.New]. Give either Configuration or
// ConfigurationID.
type SplitNewParams struct {
	// DocumentInput is the document to split. Required.
	DocumentInput SplitNewParamsDocumentInput `json:"document_input"`
	// Configuration holds the categories and the splitting strategy; its zero value is not
	// sent.
	Configuration SplitNewParamsConfiguration `json:"configuration,omitzero"`
	// ConfigurationID is the ID of a saved split configuration.
	ConfigurationID param.Opt[string] `json:"configuration_id"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// SplitNewParamsDocumentInput is the document to split.
type SplitNewParamsDocumentInput struct {
	// Type says what Value is; when empty, New sends [SplitDocumentInputTypeFileID].
	Type SplitDocumentInputType `json:"type"`
	// Value identifies the document, such as a file ID. Required.
	Value string `json:"value" param:"required"`
}

// SplitNewParamsConfiguration holds the categories and splitting strategy of a split job.
type SplitNewParamsConfiguration struct {
	// Categories are the categories to split the document into. Required within a
	// configuration: a nil slice is sent as [].
	Categories []SplitNewParamsConfigurationCategory `json:"categories"`
	// SplittingStrategy tunes the split; its zero value is not sent.
	SplittingStrategy SplitNewParamsConfigurationSplittingStrategy `json:"splitting_strategy,omitzero"`
}

// SplitNewParamsConfigurationCategory is a category to split a document into.
type SplitNewParamsConfigurationCategory struct {
	// Name is the category's name. Required.
	Name string `json:"name"`
	// Description says what content belongs in the category, to guide the split.
	Description param.Opt[string] `json:"description"`
}

// SplitAllowUncategorized says what happens to pages that match no category.
type SplitAllowUncategorized string

// The ways to handle uncategorized pages.
const (
	// SplitAllowUncategorizedInclude groups such pages as "uncategorized" in the results.
	SplitAllowUncategorizedInclude SplitAllowUncategorized = "include"
	// SplitAllowUncategorizedForbid assigns every page to a defined category.
	SplitAllowUncategorizedForbid SplitAllowUncategorized = "forbid"
	// SplitAllowUncategorizedOmit classifies such pages as "uncategorized" but leaves them
	// out of the results.
	SplitAllowUncategorizedOmit SplitAllowUncategorized = "omit"
)

// SplitNewParamsConfigurationSplittingStrategy tunes how a document is split.
type SplitNewParamsConfigurationSplittingStrategy struct {
	// AllowUncategorized says what happens to pages that match no category; empty leaves it
	// to the service.
	AllowUncategorized SplitAllowUncategorized `json:"allow_uncategorized,omitzero"`
}

// New starts a split job (POST /api/v1/beta/split/jobs). The job starts pending; poll it
// with [SplitService.Get] until its status is terminal (see [SplitJobStatus]).
func (s *SplitService) New(ctx context.Context, params SplitNewParams, opts ...option.RequestOption) (*SplitJob, error) {
	if params.DocumentInput.Type == "" {
		params.DocumentInput.Type = SplitDocumentInputTypeFileID // params is a copy
	}
	return execute[SplitJob](ctx, http.MethodPost, "api/v1/beta/split/jobs", nil, &params, s.Options, opts)
}

// SplitListParams are the parameters of [SplitService.List]; all go in the query.
type SplitListParams struct {
	// CreatedAtOnOrAfter keeps jobs created at or after this time.
	CreatedAtOnOrAfter param.Opt[time.Time] `json:"-" query:"created_at_on_or_after"`
	// CreatedAtOnOrBefore keeps jobs created at or before this time.
	CreatedAtOnOrBefore param.Opt[time.Time] `json:"-" query:"created_at_on_or_before"`
	// JobIDs keeps only these jobs.
	JobIDs []string `json:"-" query:"job_ids"`
	// PageSize is the number of jobs per page.
	PageSize param.Opt[int64] `json:"-" query:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it. The auto-pager sets it.
	PageToken param.Opt[string] `json:"-" query:"page_token"`
	// Status keeps jobs in one status; empty means all.
	Status SplitJobStatus `json:"-" query:"status"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of split jobs (GET /api/v1/beta/split/jobs).
func (s *SplitService) List(ctx context.Context, params SplitListParams, opts ...option.RequestOption) (*pagination.PaginatedCursor[SplitJob], error) {
	return execute[pagination.PaginatedCursor[SplitJob]](ctx, http.MethodGet, "api/v1/beta/split/jobs", nil, &params, s.Options, opts)
}

// ListAutoPaging walks every split job across pages. Nothing is fetched before the first
// Next; the pager keeps ctx for the later pages.
func (s *SplitService) ListAutoPaging(ctx context.Context, params SplitListParams, opts ...option.RequestOption) *pagination.AutoPager[SplitJob] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[SplitJob], error) {
		return s.List(ctx, params, opts...)
	})
}

// SplitGetParams are the parameters of [SplitService.Get].
type SplitGetParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns a split job, with its result once it is completed
// (GET /api/v1/beta/split/jobs/{split_job_id}). It fails before sending anything if
// splitJobID is empty, and with an error matching llamacloud.ErrNotFound if there is no such
// job.
func (s *SplitService) Get(ctx context.Context, splitJobID string, params SplitGetParams, opts ...option.RequestOption) (*SplitJob, error) {
	return execute[SplitJob](ctx, http.MethodGet, "api/v1/beta/split/jobs/{splitJobID}", []string{splitJobID}, &params, s.Options, opts)
}
