package beta

import (
	"context"
	"net/http"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// IndexService manages indexes: searchable views over the documents of a source directory,
// kept up to date by syncing. Get it from client.Beta.Indexes; query an index with
// client.Beta.Retrieval. It is safe for concurrent use.
type IndexService struct {
	// Options are the options every call of the service starts from.
	Options []option.RequestOption
}

// NewIndexService returns the service with opts as the options its calls start from.
func NewIndexService(opts ...option.RequestOption) *IndexService {
	return &IndexService{Options: opts}
}

// Index is a searchable index over a directory of documents. [IndexService.Get] and
// [IndexService.New] return it.
type Index struct {
	// ID is the index's unique identifier.
	ID string `json:"id"`
	// ExportConfigID is the ID of the index's export configuration.
	ExportConfigID string `json:"export_config_id"`
	// Name is the index name.
	Name string `json:"name"`
	// ProjectID is the project the index belongs to.
	ProjectID string `json:"project_id"`
	// SourceDirectoryID is the ID of the directory whose documents the index covers.
	SourceDirectoryID string `json:"source_directory_id"`
	// SyncConfigID is the ID of the index's sync configuration.
	SyncConfigID string `json:"sync_config_id"`
	// CreatedAt is when the index was created; zero if the API did not say.
	CreatedAt time.Time `json:"created_at"`
	// Description is the optional description of the index.
	Description string `json:"description"`
	// LastExportedAt is the last export time; zero (JSON.LastExportedAt not Valid) if the
	// index was never exported.
	LastExportedAt time.Time `json:"last_exported_at"`
	// LastSyncedAt is the last sync time; zero (JSON.LastSyncedAt not Valid) if the index
	// was never synced.
	LastSyncedAt time.Time `json:"last_synced_at"`
	// Metadata is free-form build state and diagnostic information, decoded as JSON
	// values (string, float64, bool, nil, []any, map[string]any).
	Metadata map[string]any `json:"metadata"`
	// UpdatedAt is when the index was last updated.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID                respjson.Field
		ExportConfigID    respjson.Field
		Name              respjson.Field
		ProjectID         respjson.Field
		SourceDirectoryID respjson.Field
		SyncConfigID      respjson.Field
		CreatedAt         respjson.Field
		Description       respjson.Field
		LastExportedAt    respjson.Field
		LastSyncedAt      respjson.Field
		Metadata          respjson.Field
		UpdatedAt         respjson.Field
		ExtraFields       map[string]respjson.Field
		raw               string
	} `json:"-"`
}

// RawJSON returns the index's JSON as received.
func (r Index) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes an index.
func (r *Index) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// IndexSyncResponse is the free-form JSON object [IndexService.Sync] returns (the API
// currently answers {}). The SDK gives it no fields: RawJSON has the whole object and
// JSON.ExtraFields the raw text of each of its keys.
type IndexSyncResponse struct {
	// JSON records the object as received: ExtraFields holds every key.
	JSON struct {
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r IndexSyncResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a sync response.
func (r *IndexSyncResponse) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// IndexProductType names a product whose output an index syncs.
type IndexProductType string

// The product types of [IndexNewParamsProduct].
const (
	IndexProductTypeParse   IndexProductType = "parse"
	IndexProductTypeExtract IndexProductType = "extract"
)

// IndexGetParams are the parameters of [IndexService.Get].
type IndexGetParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns an index (GET /api/v1/indexes/{index_id}). It fails before sending anything
// if indexID is empty or blank, and with an error matching llamacloud.ErrNotFound if there
// is no such index.
func (s *IndexService) Get(ctx context.Context, indexID string, params IndexGetParams, opts ...option.RequestOption) (*Index, error) {
	return execute[Index](ctx, http.MethodGet, "api/v1/indexes/{indexID}", []string{indexID}, &params, s.Options, opts)
}

// IndexDeleteParams are the parameters of [IndexService.Delete].
type IndexDeleteParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Delete removes an index (DELETE /api/v1/indexes/{index_id}); the source directory and
// its files stay. It fails before sending anything if indexID is empty or blank, and with
// an error matching llamacloud.ErrNotFound if there is no such index.
func (s *IndexService) Delete(ctx context.Context, indexID string, params IndexDeleteParams, opts ...option.RequestOption) error {
	return executeNoContent(ctx, http.MethodDelete, "api/v1/indexes/{indexID}", []string{indexID}, &params, s.Options, opts)
}

// IndexNewParams are the parameters of [IndexService.New].
type IndexNewParams struct {
	// SourceDirectoryID is the ID of the directory holding the documents. Required.
	SourceDirectoryID string `json:"source_directory_id" param:"required"`
	// Description is an optional description of the index.
	Description param.Opt[string] `json:"description"`
	// Products configures what the index syncs, one entry per product type. Nil (the
	// default) uses a default parse configuration; an entry overrides the default for
	// its product type.
	Products []IndexNewParamsProduct `json:"products,omitzero"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// IndexNewParamsProduct is one product configuration of [IndexNewParams.Products].
type IndexNewParamsProduct struct {
	// ProductConfigID is the ID of the product configuration. Required.
	ProductConfigID string `json:"product_config_id" param:"required"`
	// ProductType says which product the configuration is for. Required.
	ProductType IndexProductType `json:"product_type"`
}

// New creates an index over a source directory (POST /api/v1/indexes). A directory that
// does not exist fails with an error matching llamacloud.ErrNotFound or
// llamacloud.ErrUnprocessable, as the API decides.
func (s *IndexService) New(ctx context.Context, params IndexNewParams, opts ...option.RequestOption) (*Index, error) {
	return execute[Index](ctx, http.MethodPost, "api/v1/indexes", nil, &params, s.Options, opts)
}

// IndexSyncParams are the parameters of [IndexService.Sync].
type IndexSyncParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Sync starts a sync and export of an index (POST /api/v1/indexes/{index_id}/sync): files
// changed since the last sync are parsed again and their chunks exported. It returns once
// the sync is started, not finished. It fails before sending anything if indexID is empty
// or blank, and with an error matching llamacloud.ErrNotFound if there is no such index.
func (s *IndexService) Sync(ctx context.Context, indexID string, params IndexSyncParams, opts ...option.RequestOption) (*IndexSyncResponse, error) {
	return execute[IndexSyncResponse](ctx, http.MethodPost, "api/v1/indexes/{indexID}/sync", []string{indexID}, &params, s.Options, opts)
}
