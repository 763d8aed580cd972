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

// BatchJobItemService reads the items of batch jobs: their status and the results of their
// processing. Get it from client.Beta.Batch.JobItems.
type BatchJobItemService struct {
	// Options are the options every call of the service starts from.
	Options []option.RequestOption
}

// NewBatchJobItemService returns the service with opts as the options its calls start from.
func NewBatchJobItemService(opts ...option.RequestOption) *BatchJobItemService {
	return &BatchJobItemService{Options: opts}
}

// BatchJobItemStatus is the processing status of one item of a batch job.
type BatchJobItemStatus string

// The item statuses.
const (
	BatchJobItemStatusPending    BatchJobItemStatus = "pending"
	BatchJobItemStatusProcessing BatchJobItemStatus = "processing"
	BatchJobItemStatusCompleted  BatchJobItemStatus = "completed"
	BatchJobItemStatusFailed     BatchJobItemStatus = "failed"
	BatchJobItemStatusSkipped    BatchJobItemStatus = "skipped"
	BatchJobItemStatusCancelled  BatchJobItemStatus = "cancelled"
)

// BatchJobItem is one item (file) of a batch job and where its processing stands.
type BatchJobItem struct {
	// ItemID is the item's ID.
	ItemID string `json:"item_id"`
	// ItemName is the item's name.
	ItemName string `json:"item_name"`
	// Status is the item's processing status.
	Status BatchJobItemStatus `json:"status"`
	// CompletedAt is when the item's processing completed; zero until it has.
	CompletedAt time.Time `json:"completed_at"`
	// EffectiveAt is when the current status took effect.
	EffectiveAt time.Time `json:"effective_at"`
	// ErrorMessage is the error of the latest attempt, if any.
	ErrorMessage string `json:"error_message"`
	// JobID is the underlying processing job (a parse or extract job), whose results it links to.
	JobID string `json:"job_id"`
	// JobRecordID is the job record associated with the status, if any.
	JobRecordID string `json:"job_record_id"`
	// SkipReason says why the item was skipped ("already_processed", "size_limit_exceeded", …).
	SkipReason string `json:"skip_reason"`
	// StartedAt is when the item's processing started; zero until it has.
	StartedAt time.Time `json:"started_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ItemID       respjson.Field
		ItemName     respjson.Field
		Status       respjson.Field
		CompletedAt  respjson.Field
		EffectiveAt  respjson.Field
		ErrorMessage respjson.Field
		JobID        respjson.Field
		JobRecordID  respjson.Field
		SkipReason   respjson.Field
		StartedAt    respjson.Field
		ExtraFields  map[string]respjson.Field
		raw          string
	} `json:"-"`
}

// RawJSON returns the item's JSON as received.
func (r BatchJobItem) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes an item.
func (r *BatchJobItem) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// BatchJobItemListParams are the parameters of [BatchJobItemService.List].
type BatchJobItemListParams struct {
	// Limit is the number of items per page at most.
	Limit param.Opt[int64] `json:"-" query:"limit" param:"nonneg"`
	// Offset is the number of items to skip.
	Offset param.Opt[int64] `json:"-" query:"offset" param:"nonneg"`
	// Status keeps the items with one status; empty keeps all.
	Status BatchJobItemStatus `json:"-" query:"status"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of the items of a batch job
// (GET /api/v1/beta/batch-processing/{job_id}/items), paged by Offset and Limit. Filter by
// status to find failed items, say. It fails before sending anything if jobID is empty, and
// with an error matching llamacloud.ErrNotFound if there is no such job.
func (s *BatchJobItemService) List(ctx context.Context, jobID string, params BatchJobItemListParams, opts ...option.RequestOption) (*pagination.PaginatedBatchItems[BatchJobItem], error) {
	return execute[pagination.PaginatedBatchItems[BatchJobItem]](ctx, http.MethodGet, "api/v1/beta/batch-processing/{jobID}/items", []string{jobID}, &params, s.Options, opts)
}

// ListAutoPaging walks every item of a batch job from params.Offset on, fetching each page
// when the previous one is used up; nothing is fetched before the first item is asked for.
// It keeps ctx for the later pages.
func (s *BatchJobItemService) ListAutoPaging(ctx context.Context, jobID string, params BatchJobItemListParams, opts ...option.RequestOption) *pagination.AutoPager[BatchJobItem] {
	return pagination.NewPaginatedBatchItemsAutoPager(func() (*pagination.PaginatedBatchItems[BatchJobItem], error) {
		return s.List(ctx, jobID, params, opts...)
	})
}

// BatchJobItemGetProcessingResultsParams are the parameters of
// [BatchJobItemService.GetProcessingResults].
type BatchJobItemGetProcessingResultsParams struct {
	// JobType keeps the results of one kind of processing; empty keeps all.
	JobType BatchJobType `json:"-" query:"job_type"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// GetProcessingResults returns the processing history of an item
// (GET /api/v1/beta/batch-processing/items/{item_id}/processing-results): each operation
// performed on it, the configuration used and where its output is stored. It fails before
// sending anything if itemID is empty, and with an error matching llamacloud.ErrNotFound if
// there is no such item.
func (s *BatchJobItemService) GetProcessingResults(ctx context.Context, itemID string, params BatchJobItemGetProcessingResultsParams, opts ...option.RequestOption) (*BatchJobItemProcessingResults, error) {
	return execute[BatchJobItemProcessingResults](ctx, http.MethodGet, "api/v1/beta/batch-processing/items/{itemID}/processing-results", []string{itemID}, &params, s.Options, opts)
}
