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

// DirectoryFileService manages the files of a directory. Get it from
// client.Beta.Directories.Files.
type DirectoryFileService struct {
	Options []option.RequestOption
}

// NewDirectoryFileService returns the service with opts as the options its calls start from.
func NewDirectoryFileService(opts ...option.RequestOption) *DirectoryFileService {
	return &DirectoryFileService{Options: opts}
}

// DirectoryFile is a file's entry in a directory (API schema "DirectoryFileResponse").
type DirectoryFile struct {
	// ID is the directory file's unique identifier (the directory_file_id of the routes).
	ID string `json:"id"`
	// DirectoryID is the directory the file belongs to.
	DirectoryID string `json:"directory_id"`
	// DisplayName is the name shown for the file.
	DisplayName string `json:"display_name"`
	// ProjectID is the project the file belongs to.
	ProjectID string `json:"project_id"`
	// UniqueID identifies the file within its directory.
	UniqueID string `json:"unique_id"`
	// CreatedAt is when the entry was created.
	CreatedAt time.Time `json:"created_at"`
	// DeletedAt is the soft-delete time; zero if the file was not deleted.
	DeletedAt time.Time `json:"deleted_at"`
	// DownloadURL is a presigned URL for the content, when expanded.
	DownloadURL PresignedURL `json:"download_url"`
	// FileID is the storage file's ID.
	FileID string `json:"file_id"`
	// Metadata is the merged user metadata: string, float64, bool or []any of strings values.
	Metadata map[string]any `json:"metadata"`
	// UpdatedAt is when the entry was last updated.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID          respjson.Field
		DirectoryID respjson.Field
		DisplayName respjson.Field
		ProjectID   respjson.Field
		UniqueID    respjson.Field
		CreatedAt   respjson.Field
		DeletedAt   respjson.Field
		DownloadURL respjson.Field
		FileID      respjson.Field
		Metadata    respjson.Field
		UpdatedAt   respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the file's JSON as received.
func (r DirectoryFile) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a directory file.
func (r *DirectoryFile) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// PresignedURL is a time-limited URL for reading or writing a private file.
type PresignedURL struct {
	// ExpiresAt is when the URL stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// URL is the presigned address.
	URL string `json:"url"`
	// FormFields are the fields of a presigned POST, when there are any.
	FormFields map[string]string `json:"form_fields"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ExpiresAt   respjson.Field
		URL         respjson.Field
		FormFields  respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the URL's JSON as received.
func (r PresignedURL) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a presigned URL.
func (r *PresignedURL) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// DirectoryFileAddParams are the parameters of [DirectoryFileService.Add].
type DirectoryFileAddParams struct {
	// FileID is the ID of an uploaded file in the project. Required.
	FileID string `json:"file_id" param:"required"`
	// DisplayName defaults to the file's name.
	DisplayName param.Opt[string] `json:"display_name"`
	// Metadata holds user key-value pairs: string, float64, bool or []string values.
	Metadata map[string]any `json:"metadata,omitzero"`
	// UniqueID identifies the file in the directory; it defaults to the file's external ID
	// or name.
	UniqueID param.Opt[string] `json:"unique_id"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Add puts an existing file into a directory
// (POST /api/v1/beta/directories/{directory_id}/files). A unique ID already used in the
// directory fails with an error matching llamacloud.ErrConflict.
func (s *DirectoryFileService) Add(ctx context.Context, directoryID string, params DirectoryFileAddParams, opts ...option.RequestOption) (*DirectoryFile, error) {
	return execute[DirectoryFile](ctx, http.MethodPost, "api/v1/beta/directories/{directoryID}/files", []string{directoryID}, &params, s.Options, opts)
}

// DirectoryFileListParams are the parameters of [DirectoryFileService.List].
type DirectoryFileListParams struct {
	// DisplayName keeps files with exactly this display name.
	DisplayName param.Opt[string] `json:"-" query:"display_name"`
	// DisplayNameContains keeps files whose display name contains this text.
	DisplayNameContains param.Opt[string] `json:"-" query:"display_name_contains"`
	// Expand names fields to expand on each file, such as "download_url".
	Expand []string `json:"-" query:"expand"`
	// FileID keeps the entries of one storage file.
	FileID param.Opt[string] `json:"-" query:"file_id"`
	// IncludeDeleted lists soft-deleted files too.
	IncludeDeleted param.Opt[bool] `json:"-" query:"include_deleted"`
	// PageSize is the number of files per page.
	PageSize param.Opt[int64] `json:"-" query:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it.
	PageToken param.Opt[string] `json:"-" query:"page_token"`
	// UniqueID keeps the file with this unique ID.
	UniqueID param.Opt[string] `json:"-" query:"unique_id"`
	// UpdatedAtOnOrAfter keeps files updated at or after this time.
	UpdatedAtOnOrAfter param.Opt[time.Time] `json:"-" query:"updated_at_on_or_after"`
	// UpdatedAtOnOrBefore keeps files updated at or before this time.
	UpdatedAtOnOrBefore param.Opt[time.Time] `json:"-" query:"updated_at_on_or_before"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of a directory's files
// (GET /api/v1/beta/directories/{directory_id}/files).
func (s *DirectoryFileService) List(ctx context.Context, directoryID string, params DirectoryFileListParams, opts ...option.RequestOption) (*pagination.PaginatedCursor[DirectoryFile], error) {
	return execute[pagination.PaginatedCursor[DirectoryFile]](ctx, http.MethodGet, "api/v1/beta/directories/{directoryID}/files", []string{directoryID}, &params, s.Options, opts)
}

// ListAutoPaging walks every file of a directory across pages. It keeps ctx for the
// later pages.
func (s *DirectoryFileService) ListAutoPaging(ctx context.Context, directoryID string, params DirectoryFileListParams, opts ...option.RequestOption) *pagination.AutoPager[DirectoryFile] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[DirectoryFile], error) {
		return s.List(ctx, directoryID, params, opts...)
	})
}

// DirectoryFileGetParams are the parameters of [DirectoryFileService.Get].
type DirectoryFileGetParams struct {
	// Expand names fields to expand on the file, such as "download_url" (a presigned URL
	// for the content); each name is sent as its own expand query value.
	Expand []string `json:"-" query:"expand"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns a file of a directory by its directory file ID
// (GET /api/v1/beta/directories/{directory_id}/files/{directory_file_id}). To find a file
// by its unique ID, use List with UniqueID.
func (s *DirectoryFileService) Get(ctx context.Context, directoryID, directoryFileID string, params DirectoryFileGetParams, opts ...option.RequestOption) (*DirectoryFile, error) {
	return execute[DirectoryFile](ctx, http.MethodGet, "api/v1/beta/directories/{directoryID}/files/{directoryFileID}", []string{directoryID, directoryFileID}, &params, s.Options, opts)
}

// DirectoryFileUpdateParams are the parameters of [DirectoryFileService.Update].
type DirectoryFileUpdateParams struct {
	// DirectoryID is the directory the file should be in: another directory's ID moves it.
	// When empty, the directoryID argument of Update is sent, so the file stays where it is.
	DirectoryID string `json:"directory_id" param:"required"`
	// DisplayName is the new display name.
	DisplayName param.Opt[string] `json:"display_name"`
	// Metadata replaces the user metadata layer.
	Metadata map[string]any `json:"metadata,omitzero"`
	// UniqueID is the new unique ID.
	UniqueID param.Opt[string] `json:"unique_id"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Update changes a file's display name, metadata or unique ID, or moves it to another
// directory (PATCH /api/v1/beta/directories/{directory_id}/files/{directory_file_id}).
func (s *DirectoryFileService) Update(ctx context.Context, directoryID, directoryFileID string, params DirectoryFileUpdateParams, opts ...option.RequestOption) (*DirectoryFile, error) {
	if params.DirectoryID == "" {
		params.DirectoryID = directoryID // params is a copy: the caller's value is untouched
	}
	return execute[DirectoryFile](ctx, http.MethodPatch, "api/v1/beta/directories/{directoryID}/files/{directoryFileID}", []string{directoryID, directoryFileID}, &params, s.Options, opts)
}

// DirectoryFileDeleteParams are the parameters of [DirectoryFileService.Delete].
type DirectoryFileDeleteParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Delete removes a file from a directory
// (DELETE /api/v1/beta/directories/{directory_id}/files/{directory_file_id}).
func (s *DirectoryFileService) Delete(ctx context.Context, directoryID, directoryFileID string, params DirectoryFileDeleteParams, opts ...option.RequestOption) error {
	return executeNoContent(ctx, http.MethodDelete, "api/v1/beta/directories/{directoryID}/files/{directoryFileID}", []string{directoryID, directoryFileID}, &params, s.Options, opts)
}
