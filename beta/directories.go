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

// DirectoryService manages directories: named collections of files within a project.
// Get it from client.Beta.Directories; its Files service manages the files in them.
type DirectoryService struct {
	Options []option.RequestOption
	Files   *DirectoryFileService
}

// NewDirectoryService returns the service with opts as the options its calls start from.
func NewDirectoryService(opts ...option.RequestOption) *DirectoryService {
	return &DirectoryService{Options: opts, Files: NewDirectoryFileService(opts...)}
}

// Directory is a directory of files (API schema "DirectoryResponse").
type Directory struct {
	// ID is the directory's unique identifier.
	ID string `json:"id"`
	// Name is the human-readable name.
	Name string `json:"name"`
	// ProjectID is the project the directory belongs to.
	ProjectID string `json:"project_id"`
	// CreatedAt is when it was created.
	CreatedAt time.Time `json:"created_at"`
	// DeletedAt is when it was deleted; zero (JSON.DeletedAt not Valid) if it was not.
	DeletedAt time.Time `json:"deleted_at"`
	// Description is the optional description shown to users.
	Description string `json:"description"`
	// UpdatedAt is when it was last updated.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID          respjson.Field
		Name        respjson.Field
		ProjectID   respjson.Field
		CreatedAt   respjson.Field
		DeletedAt   respjson.Field
		Description respjson.Field
		UpdatedAt   respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the directory's JSON as received.
func (r Directory) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a directory.
func (r *Directory) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// DirectoryType says who made a directory.
type DirectoryType string

// The directory types.
const (
	DirectoryTypeUser  DirectoryType = "user"
	DirectoryTypeIndex DirectoryType = "index"
)

// DirectoryNewParams are the parameters of [DirectoryService.New].
type DirectoryNewParams struct {
	// Name is the human-readable name for the directory. Required.
	Name string `json:"name"`
	// Description is an optional description shown to users.
	Description param.Opt[string] `json:"description"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// New creates a directory in the project (POST /api/v1/beta/directories).
func (s *DirectoryService) New(ctx context.Context, params DirectoryNewParams, opts ...option.RequestOption) (*Directory, error) {
	return execute[Directory](ctx, http.MethodPost, "api/v1/beta/directories", nil, &params, s.Options, opts)
}

// DirectoryListParams are the parameters of [DirectoryService.List].
type DirectoryListParams struct {
	// IncludeDeleted lists deleted directories too.
	IncludeDeleted param.Opt[bool] `json:"-" query:"include_deleted"`
	// Name keeps directories with exactly this name.
	Name param.Opt[string] `json:"-" query:"name"`
	// PageSize is the number of directories per page.
	PageSize param.Opt[int64] `json:"-" query:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it.
	PageToken param.Opt[string] `json:"-" query:"page_token"`
	// Type keeps directories of one type; empty means all.
	Type DirectoryType `json:"-" query:"type"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of directories (GET /api/v1/beta/directories).
func (s *DirectoryService) List(ctx context.Context, params DirectoryListParams, opts ...option.RequestOption) (*pagination.PaginatedCursor[Directory], error) {
	return execute[pagination.PaginatedCursor[Directory]](ctx, http.MethodGet, "api/v1/beta/directories", nil, &params, s.Options, opts)
}

// ListAutoPaging walks every directory across pages, fetching each page when the previous
// one is used up. It keeps ctx for the later pages.
func (s *DirectoryService) ListAutoPaging(ctx context.Context, params DirectoryListParams, opts ...option.RequestOption) *pagination.AutoPager[Directory] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[Directory], error) {
		return s.List(ctx, params, opts...)
	})
}

// DirectoryGetParams are the parameters of [DirectoryService.Get].
type DirectoryGetParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns a directory (GET /api/v1/beta/directories/{directory_id}). It fails before
// sending anything if directoryID is empty, and with an error matching
// llamacloud.ErrNotFound if there is no such directory.
func (s *DirectoryService) Get(ctx context.Context, directoryID string, params DirectoryGetParams, opts ...option.RequestOption) (*Directory, error) {
	return execute[Directory](ctx, http.MethodGet, "api/v1/beta/directories/{directoryID}", []string{directoryID}, &params, s.Options, opts)
}

// DirectoryUpdateParams are the parameters of [DirectoryService.Update].
type DirectoryUpdateParams struct {
	// Description is the new description; param.Null clears it.
	Description param.Opt[string] `json:"description"`
	// Name is the new name.
	Name param.Opt[string] `json:"name"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Update changes a directory's name or description
// (PATCH /api/v1/beta/directories/{directory_id}). Fields left unset are not sent.
func (s *DirectoryService) Update(ctx context.Context, directoryID string, params DirectoryUpdateParams, opts ...option.RequestOption) (*Directory, error) {
	return execute[Directory](ctx, http.MethodPatch, "api/v1/beta/directories/{directoryID}", []string{directoryID}, &params, s.Options, opts)
}

// DirectoryDeleteParams are the parameters of [DirectoryService.Delete].
type DirectoryDeleteParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Delete removes a directory (DELETE /api/v1/beta/directories/{directory_id}). It fails
// before sending anything if directoryID is empty, and with an error matching
// llamacloud.ErrNotFound if there is no such directory.
func (s *DirectoryService) Delete(ctx context.Context, directoryID string, params DirectoryDeleteParams, opts ...option.RequestOption) error {
	return executeNoContent(ctx, http.MethodDelete, "api/v1/beta/directories/{directoryID}", []string{directoryID}, &params, s.Options, opts)
}
