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

// BatchService runs processing jobs (parse or classify) over all the files of a directory or
// over a list of items. Get it from client.Beta.Batch; its JobItems service reads the
// items of a job and their results. Jobs run asynchronously: poll them with
// [BatchService.GetStatus], or wait with [NewBatchJobWaiter] or [BatchService.NewAndWait].
type BatchService struct {
	// Options are the options every call of the service starts from.
	Options []option.RequestOption
	// JobItems lists the items of batch jobs and reads their processing results.
	JobItems *BatchJobItemService
}

// NewBatchService returns the service with opts as the options its calls start from.
func NewBatchService(opts ...option.RequestOption) *BatchService {
	return &BatchService{Options: opts, JobItems: NewBatchJobItemService(opts...)}
}

// BatchJobType is the kind of processing a batch job performs.
type BatchJobType string

// The batch job types.
const (
	BatchJobTypeParse    BatchJobType = "parse"
	BatchJobTypeExtract  BatchJobType = "extract"
	BatchJobTypeClassify BatchJobType = "classify"
)

// BatchJobStatus is the status of a batch job. [BatchJobStatusCompleted],
// [BatchJobStatusFailed] and [BatchJobStatusCancelled] are final.
type BatchJobStatus string

// The batch job statuses.
const (
	BatchJobStatusPending    BatchJobStatus = "pending"
	BatchJobStatusRunning    BatchJobStatus = "running"
	BatchJobStatusDispatched BatchJobStatus = "dispatched"
	BatchJobStatusCompleted  BatchJobStatus = "completed"
	BatchJobStatusFailed     BatchJobStatus = "failed"
	BatchJobStatusCancelled  BatchJobStatus = "cancelled"
)

// BatchJob is a batch processing job: what it does, where it stands and how many of its
// items are done.
type BatchJob struct {
	// ID is the job's unique identifier.
	ID string `json:"id"`
	// JobType is the kind of processing.
	JobType BatchJobType `json:"job_type"`
	// ProjectID is the project the job belongs to.
	ProjectID string `json:"project_id"`
	// Status is the job's current status.
	Status BatchJobStatus `json:"status"`
	// TotalItems is the number of items in the job.
	TotalItems int64 `json:"total_items"`
	// CompletedAt is when the job completed; zero until it has.
	CompletedAt time.Time `json:"completed_at"`
	// CreatedAt is when the job was created.
	CreatedAt time.Time `json:"created_at"`
	// DirectoryID is the directory being processed, if the job processes one.
	DirectoryID string `json:"directory_id"`
	// EffectiveAt is when the current status took effect.
	EffectiveAt time.Time `json:"effective_at"`
	// ErrorMessage is the error of the latest job attempt, if any.
	ErrorMessage string `json:"error_message"`
	// FailedItems is the number of items that failed.
	FailedItems int64 `json:"failed_items"`
	// JobRecordID is the job record associated with the status, if any.
	JobRecordID string `json:"job_record_id"`
	// ProcessedItems is the number of items processed so far.
	ProcessedItems int64 `json:"processed_items"`
	// SkippedItems is the number of items skipped (already processed, or over the size limit).
	SkippedItems int64 `json:"skipped_items"`
	// StartedAt is when processing started; zero until it has.
	StartedAt time.Time `json:"started_at"`
	// UpdatedAt is when the job was last updated.
	UpdatedAt time.Time `json:"updated_at"`
	// WorkflowID tracks the job's asynchronous workflow.
	WorkflowID string `json:"workflow_id"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID             respjson.Field
		JobType        respjson.Field
		ProjectID      respjson.Field
		Status         respjson.Field
		TotalItems     respjson.Field
		CompletedAt    respjson.Field
		CreatedAt      respjson.Field
		DirectoryID    respjson.Field
		EffectiveAt    respjson.Field
		ErrorMessage   respjson.Field
		FailedItems    respjson.Field
		JobRecordID    respjson.Field
		ProcessedItems respjson.Field
		SkippedItems   respjson.Field
		StartedAt      respjson.Field
		UpdatedAt      respjson.Field
		WorkflowID     respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the job's JSON as received.
func (r BatchJob) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a batch job.
func (r *BatchJob) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// BatchNewParams are the parameters of [BatchService.New]. Set DirectoryID to process every
// file of a directory, or ItemIDs to process those items.
type BatchNewParams struct {
	// JobConfig says what to do with each file: parse or classify. Required; exactly one of
	// its fields must be set.
	JobConfig BatchNewParamsJobConfig `json:"job_config"`
	// ContinueAsNewThreshold is the number of files processed per execution cycle in directory
	// mode at most. The API's default is PageSize.
	ContinueAsNewThreshold param.Opt[int64] `json:"continue_as_new_threshold"`
	// DirectoryID is the directory whose files are processed.
	DirectoryID param.Opt[string] `json:"directory_id"`
	// ItemIDs are the items to process, instead of a directory.
	ItemIDs []string `json:"item_ids,omitzero"`
	// PageSize is the number of files processed per batch in directory mode.
	PageSize param.Opt[int64] `json:"page_size" param:"nonneg"`
	// TemporalNamespace selects the workflow namespace the job runs in.
	TemporalNamespace param.Opt[string] `json:"temporal_namespace"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// New creates a batch processing job (POST /api/v1/beta/batch-processing). The job runs
// asynchronously; the returned job is usually still pending. It fails before sending
// anything if params.JobConfig has no variant set, or more than one.
func (s *BatchService) New(ctx context.Context, params BatchNewParams, opts ...option.RequestOption) (*BatchJob, error) {
	return execute[BatchJob](ctx, http.MethodPost, "api/v1/beta/batch-processing", nil, &params, s.Options, opts)
}

// BatchListParams are the parameters of [BatchService.List]. Unset filters match every job.
type BatchListParams struct {
	// DirectoryID keeps the jobs of one directory.
	DirectoryID param.Opt[string] `json:"-" query:"directory_id"`
	// JobType keeps the jobs of one type.
	JobType BatchJobType `json:"-" query:"job_type"`
	// Limit is the number of jobs per page at most.
	Limit param.Opt[int64] `json:"-" query:"limit" param:"nonneg"`
	// Offset is the number of jobs to skip.
	Offset param.Opt[int64] `json:"-" query:"offset" param:"nonneg"`
	// Status keeps the jobs with one status.
	Status BatchJobStatus `json:"-" query:"status"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of batch jobs (GET /api/v1/beta/batch-processing), paged by
// Offset and Limit.
func (s *BatchService) List(ctx context.Context, params BatchListParams, opts ...option.RequestOption) (*pagination.PaginatedBatchItems[BatchJob], error) {
	return execute[pagination.PaginatedBatchItems[BatchJob]](ctx, http.MethodGet, "api/v1/beta/batch-processing", nil, &params, s.Options, opts)
}

// ListAutoPaging walks every batch job from params.Offset on, fetching each page when the
// previous one is used up; nothing is fetched before the first item is asked for. It keeps
// ctx for the later pages.
func (s *BatchService) ListAutoPaging(ctx context.Context, params BatchListParams, opts ...option.RequestOption) *pagination.AutoPager[BatchJob] {
	return pagination.NewPaginatedBatchItemsAutoPager(func() (*pagination.PaginatedBatchItems[BatchJob], error) {
		return s.List(ctx, params, opts...)
	})
}

// BatchGetStatusParams are the parameters of [BatchService.GetStatus].
type BatchGetStatusParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// BatchGetStatusResponse is the detailed status of a batch job: the job and its progress.
type BatchGetStatusResponse struct {
	// Job is the batch job.
	Job BatchJob `json:"job"`
	// ProgressPercentage is the percentage (0 to 100) of items processed.
	ProgressPercentage float64 `json:"progress_percentage"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Job                respjson.Field
		ProgressPercentage respjson.Field
		ExtraFields        map[string]respjson.Field
		raw                string
	} `json:"-"`
}

// RawJSON returns the status's JSON as received.
func (r BatchGetStatusResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a status.
func (r *BatchGetStatusResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// GetStatus returns a batch job with its progress (GET /api/v1/beta/batch-processing/{job_id}).
// It fails before sending anything if jobID is empty, and with an error matching
// llamacloud.ErrNotFound if there is no such job.
func (s *BatchService) GetStatus(ctx context.Context, jobID string, params BatchGetStatusParams, opts ...option.RequestOption) (*BatchGetStatusResponse, error) {
	return execute[BatchGetStatusResponse](ctx, http.MethodGet, "api/v1/beta/batch-processing/{jobID}", []string{jobID}, &params, s.Options, opts)
}

// BatchCancelParams are the parameters of [BatchService.Cancel].
type BatchCancelParams struct {
	// Reason says why the job is cancelled.
	Reason param.Opt[string] `json:"reason"`
	// TemporalNamespace selects the workflow namespace the job runs in.
	TemporalNamespace param.Opt[string] `json:"temporal_namespace"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// BatchCancelResponse reports a cancelled batch job.
type BatchCancelResponse struct {
	// JobID is the cancelled job.
	JobID string `json:"job_id"`
	// Message confirms the cancellation.
	Message string `json:"message"`
	// ProcessedItems is the number of items processed before the cancellation.
	ProcessedItems int64 `json:"processed_items"`
	// Status is the job's new status, normally [BatchJobStatusCancelled].
	Status BatchJobStatus `json:"status"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		JobID          respjson.Field
		Message        respjson.Field
		ProcessedItems respjson.Field
		Status         respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r BatchCancelResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a cancel response.
func (r *BatchCancelResponse) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// Cancel stops a batch job (POST /api/v1/beta/batch-processing/{job_id}/cancel): pending
// items are cancelled, items being processed may still complete. It fails before sending
// anything if jobID is empty, and with an error matching llamacloud.ErrNotFound if there is
// no such job.
func (s *BatchService) Cancel(ctx context.Context, jobID string, params BatchCancelParams, opts ...option.RequestOption) (*BatchCancelResponse, error) {
	return execute[BatchCancelResponse](ctx, http.MethodPost, "api/v1/beta/batch-processing/{jobID}/cancel", []string{jobID}, &params, s.Options, opts)
}
