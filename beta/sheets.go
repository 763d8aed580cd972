package beta

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// SheetService runs spreadsheet parsing jobs, which find the tables and other regions of a
// spreadsheet file and extract each one. Get it from client.Beta.Sheets. The API marks these
// endpoints experimental.
type SheetService struct {
	Options []option.RequestOption
}

// NewSheetService returns the service with opts as the options its calls start from.
func NewSheetService(opts ...option.RequestOption) *SheetService {
	return &SheetService{Options: opts}
}

// SheetNewParams are the parameters of [SheetService.New].
type SheetNewParams struct {
	// FileID is the ID of the uploaded spreadsheet file to parse. Required.
	FileID string `json:"file_id" param:"required"`
	// Config tunes the parsing; its zero value is not sent and the service's defaults apply.
	Config SheetNewParamsConfig `json:"config,omitzero"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// New starts a spreadsheet parsing job (POST /api/v1/beta/sheets/jobs). The job starts
// PENDING; poll it with [SheetService.Get] until its status is terminal (see
// [SheetsJobStatus]).
func (s *SheetService) New(ctx context.Context, params SheetNewParams, opts ...option.RequestOption) (*SheetsJob, error) {
	return execute[SheetsJob](ctx, http.MethodPost, "api/v1/beta/sheets/jobs", nil, &params, s.Options, opts)
}

// SheetListParams are the parameters of [SheetService.List]; all go in the query.
type SheetListParams struct {
	// CreatedAtOnOrAfter keeps jobs created at or after this time.
	CreatedAtOnOrAfter param.Opt[time.Time] `json:"-" query:"created_at_on_or_after"`
	// CreatedAtOnOrBefore keeps jobs created at or before this time.
	CreatedAtOnOrBefore param.Opt[time.Time] `json:"-" query:"created_at_on_or_before"`
	// IncludeResults asks for the regions and worksheet metadata of finished jobs.
	IncludeResults param.Opt[bool] `json:"-" query:"include_results"`
	// JobIDs keeps only these jobs.
	JobIDs []string `json:"-" query:"job_ids"`
	// PageSize is the number of jobs per page.
	PageSize param.Opt[int64] `json:"-" query:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it. The auto-pager sets it.
	PageToken param.Opt[string] `json:"-" query:"page_token"`
	// Status keeps jobs in one status; empty means all.
	Status SheetsJobStatus `json:"-" query:"status"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of spreadsheet parsing jobs (GET /api/v1/beta/sheets/jobs).
func (s *SheetService) List(ctx context.Context, params SheetListParams, opts ...option.RequestOption) (*pagination.PaginatedCursor[SheetsJob], error) {
	return execute[pagination.PaginatedCursor[SheetsJob]](ctx, http.MethodGet, "api/v1/beta/sheets/jobs", nil, &params, s.Options, opts)
}

// ListAutoPaging walks every spreadsheet parsing job across pages. Nothing is fetched
// before the first Next; the pager keeps ctx for the later pages.
func (s *SheetService) ListAutoPaging(ctx context.Context, params SheetListParams, opts ...option.RequestOption) *pagination.AutoPager[SheetsJob] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[SheetsJob], error) {
		return s.List(ctx, params, opts...)
	})
}

// SheetGetParams are the parameters of [SheetService.Get].
type SheetGetParams struct {
	// IncludeResults asks for the regions and worksheet metadata of a finished job; the
	// service includes them when this is omitted.
	IncludeResults param.Opt[bool] `json:"-" query:"include_results"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns a spreadsheet parsing job, with its regions once it is done
// (GET /api/v1/beta/sheets/jobs/{spreadsheet_job_id}). It fails before sending anything if
// spreadsheetJobID is empty, and with an error matching llamacloud.ErrNotFound if there is
// no such job.
func (s *SheetService) Get(ctx context.Context, spreadsheetJobID string, params SheetGetParams, opts ...option.RequestOption) (*SheetsJob, error) {
	return execute[SheetsJob](ctx, http.MethodGet, "api/v1/beta/sheets/jobs/{spreadsheetJobID}", []string{spreadsheetJobID}, &params, s.Options, opts)
}

// SheetRegionType is the kind of result of an extracted region that
// [SheetService.GetResultTable] downloads.
type SheetRegionType string

// The region result kinds.
const (
	// SheetRegionTypeTable downloads the region's data as a table.
	SheetRegionTypeTable SheetRegionType = "table"
	// SheetRegionTypeExtra downloads the region's extra, non-table result.
	SheetRegionTypeExtra SheetRegionType = "extra"
	// SheetRegionTypeCellMetadata downloads the metadata of the region's cells.
	SheetRegionTypeCellMetadata SheetRegionType = "cell_metadata"
)

// valid reports whether t is one of the documented region types.
func (t SheetRegionType) valid() bool {
	switch t {
	case SheetRegionTypeTable, SheetRegionTypeExtra, SheetRegionTypeCellMetadata:
		return true
	}
	return false
}

// SheetGetResultTableParams are the parameters of [SheetService.GetResultTable].
type SheetGetResultTableParams struct {
	// ExpiresAtSeconds is how long the URL stays valid, in seconds.
	ExpiresAtSeconds param.Opt[int64] `json:"-" query:"expires_at_seconds"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// GetResultTable returns a presigned URL to download one result of an extracted region
// (GET /api/v1/beta/sheets/jobs/{spreadsheet_job_id}/regions/{region_id}/result/{region_type}).
// Take regionID from one of the job's Regions ([SheetsJobRegion]). It fails before sending
// anything if an ID is empty or regionType is not one of the SheetRegionType constants.
func (s *SheetService) GetResultTable(ctx context.Context, spreadsheetJobID, regionID string, regionType SheetRegionType, params SheetGetResultTableParams, opts ...option.RequestOption) (*PresignedURL, error) {
	if !regionType.valid() {
		return nil, fmt.Errorf("llamacloud: invalid region type %q: want %q, %q or %q", regionType, SheetRegionTypeTable, SheetRegionTypeExtra, SheetRegionTypeCellMetadata)
	}
	return execute[PresignedURL](ctx, http.MethodGet, "api/v1/beta/sheets/jobs/{spreadsheetJobID}/regions/{regionID}/result/{regionType}", []string{spreadsheetJobID, regionID, string(regionType)}, &params, s.Options, opts)
}

// SheetDeleteJobParams are the parameters of [SheetService.DeleteJob].
type SheetDeleteJobParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// DeleteJob deletes a spreadsheet parsing job and its extracted data
// (DELETE /api/v1/beta/sheets/jobs/{spreadsheet_job_id}). It fails before sending anything
// if spreadsheetJobID is empty, and with an error matching llamacloud.ErrNotFound if there
// is no such job.
func (s *SheetService) DeleteJob(ctx context.Context, spreadsheetJobID string, params SheetDeleteJobParams, opts ...option.RequestOption) (*SheetDeleteJobResponse, error) {
	return execute[SheetDeleteJobResponse](ctx, http.MethodDelete, "api/v1/beta/sheets/jobs/{spreadsheetJobID}", []string{spreadsheetJobID}, &params, s.Options, opts)
}

// SheetDeleteJobResponse is the free-form JSON object [SheetService.DeleteJob] returns
// (currently {}).
type SheetDeleteJobResponse struct {
	// Fields are the object's members, decoded as encoding/json decodes into any; empty
	// for {}.
	Fields map[string]any
	// JSON keeps the raw object; ExtraFields holds each member's raw value.
	JSON struct {
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r SheetDeleteJobResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the response.
func (r *SheetDeleteJobResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// UnmarshalAPIJSON decodes the response from its raw JSON text; the SDK's decoder calls it.
// It fails when the text is not a JSON object.
func (r *SheetDeleteJobResponse) UnmarshalAPIJSON(raw string) error {
	return decodeFreeForm(raw, &r.Fields, &r.JSON)
}
