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

// AgentDataService stores, searches and aggregates the JSON records of agent deployments.
// Records live in a deployment (its name) and, within it, in an optional named collection.
// Get it from client.Beta.AgentData.
type AgentDataService struct {
	Options []option.RequestOption
}

// NewAgentDataService returns the service with opts as the options its calls start from.
func NewAgentDataService(opts ...option.RequestOption) *AgentDataService {
	return &AgentDataService{Options: opts}
}

// AgentData is one record of agent data (API schema "AgentData").
type AgentData struct {
	// Data is the record's free-form JSON content, decoded as encoding/json decodes into
	// any: objects are map[string]any, arrays []any, numbers float64.
	Data map[string]any `json:"data"`
	// DeploymentName is the agent deployment the record belongs to.
	DeploymentName string `json:"deployment_name"`
	// ID is the record's ID (the itemID of Get, Update and Delete).
	ID string `json:"id"`
	// Collection is the logical collection within the deployment; empty for the default one.
	Collection string `json:"collection"`
	// CreatedAt is when the record was created.
	CreatedAt time.Time `json:"created_at"`
	// ProjectID is the project the record belongs to.
	ProjectID string `json:"project_id"`
	// UpdatedAt is when the record was last written.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Data           respjson.Field
		DeploymentName respjson.Field
		ID             respjson.Field
		Collection     respjson.Field
		CreatedAt      respjson.Field
		ProjectID      respjson.Field
		UpdatedAt      respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the record's JSON as received.
func (r AgentData) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a record.
func (r *AgentData) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// AgentDataDeleteResponse is the result of [AgentDataService.Delete]: a JSON object of
// string values (API type Dict[str, str]), such as a confirmation message.
type AgentDataDeleteResponse struct {
	// Values are the object's members; nil when the object was null.
	Values map[string]string
	// JSON keeps the raw object; ExtraFields holds each member's raw value.
	JSON struct {
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r AgentDataDeleteResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the response.
func (r *AgentDataDeleteResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// UnmarshalAPIJSON decodes the response from its raw JSON text; the SDK's decoder calls it.
// It fails when the text is not a JSON object.
func (r *AgentDataDeleteResponse) UnmarshalAPIJSON(raw string) error {
	return decodeFreeForm(raw, &r.Values, &r.JSON)
}

// AgentDataAggregateResponse is one group of an aggregation (API schema
// "AgentDataAggregateResponse").
type AgentDataAggregateResponse struct {
	// GroupKey maps each group_by field to this group's value of it; empty when the whole
	// data set is one group.
	GroupKey map[string]any `json:"group_key"`
	// Count is the number of records in the group, when Count was asked for.
	Count int64 `json:"count"`
	// FirstItem is the data of the group's first record by creation time, when First was
	// asked for.
	FirstItem map[string]any `json:"first_item"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		GroupKey    respjson.Field
		Count       respjson.Field
		FirstItem   respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the group's JSON as received.
func (r AgentDataAggregateResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a group.
func (r *AgentDataAggregateResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// AgentDataDeleteByQueryResponse is the result of [AgentDataService.DeleteByQuery].
type AgentDataDeleteByQueryResponse struct {
	// DeletedCount is the number of records deleted.
	DeletedCount int64 `json:"deleted_count"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		DeletedCount respjson.Field
		ExtraFields  map[string]respjson.Field
		raw          string
	} `json:"-"`
}

// RawJSON returns the response's JSON as received.
func (r AgentDataDeleteByQueryResponse) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the response.
func (r *AgentDataDeleteByQueryResponse) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// AgentDataGetParams are the parameters of [AgentDataService.Get].
type AgentDataGetParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns a record by its ID (GET /api/v1/beta/agent-data/{item_id}). It fails before
// sending anything if itemID is empty, and with an error matching llamacloud.ErrNotFound if
// there is no such record.
func (s *AgentDataService) Get(ctx context.Context, itemID string, params AgentDataGetParams, opts ...option.RequestOption) (*AgentData, error) {
	return execute[AgentData](ctx, http.MethodGet, "api/v1/beta/agent-data/{itemID}", []string{itemID}, &params, s.Options, opts)
}

// AgentDataUpdateParams are the parameters of [AgentDataService.Update].
type AgentDataUpdateParams struct {
	// Data is the record's new content; it replaces the old content whole. Required: a nil
	// map is sent as {}.
	Data map[string]any `json:"data"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Update overwrites a record's data (PUT /api/v1/beta/agent-data/{item_id}). It fails
// before sending anything if itemID is empty, and with an error matching
// llamacloud.ErrNotFound if there is no such record.
func (s *AgentDataService) Update(ctx context.Context, itemID string, params AgentDataUpdateParams, opts ...option.RequestOption) (*AgentData, error) {
	return execute[AgentData](ctx, http.MethodPut, "api/v1/beta/agent-data/{itemID}", []string{itemID}, &params, s.Options, opts)
}

// AgentDataDeleteParams are the parameters of [AgentDataService.Delete].
type AgentDataDeleteParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Delete removes a record (DELETE /api/v1/beta/agent-data/{item_id}). It fails before
// sending anything if itemID is empty, and with an error matching llamacloud.ErrNotFound if
// there is no such record. To delete many records at once, use
// [AgentDataService.DeleteByQuery].
func (s *AgentDataService) Delete(ctx context.Context, itemID string, params AgentDataDeleteParams, opts ...option.RequestOption) (*AgentDataDeleteResponse, error) {
	return execute[AgentDataDeleteResponse](ctx, http.MethodDelete, "api/v1/beta/agent-data/{itemID}", []string{itemID}, &params, s.Options, opts)
}

// AgentDataNewParams are the parameters of [AgentDataService.New].
type AgentDataNewParams struct {
	// Data is the record's content. Required: a nil map is sent as {}.
	Data map[string]any `json:"data"`
	// DeploymentName is the agent deployment the record belongs to. Required.
	DeploymentName string `json:"deployment_name" param:"required"`
	// Collection is the logical collection to store the record in; the default one when
	// omitted.
	Collection param.Opt[string] `json:"collection"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// New stores a new record (POST /api/v1/beta/agent-data).
func (s *AgentDataService) New(ctx context.Context, params AgentDataNewParams, opts ...option.RequestOption) (*AgentData, error) {
	return execute[AgentData](ctx, http.MethodPost, "api/v1/beta/agent-data", nil, &params, s.Options, opts)
}

// AgentDataSearchParams are the parameters of [AgentDataService.Search]. All of them but
// organization and project go in the JSON body.
type AgentDataSearchParams struct {
	// DeploymentName is the agent deployment to search. Required.
	DeploymentName string `json:"deployment_name" param:"required"`
	// Collection is the logical collection to search; the default one when omitted.
	Collection param.Opt[string] `json:"collection"`
	// Filter keeps the records whose data fields pass every condition, keyed by field name
	// (see [AgentDataFilter]); nil keeps every record.
	Filter map[string]AgentDataFilter `json:"filter,omitzero"`
	// IncludeTotal asks for the number of matches across all pages in TotalSize.
	IncludeTotal param.Opt[bool] `json:"include_total"`
	// Offset is the number of matches to skip before the first page.
	Offset param.Opt[int64] `json:"offset" param:"nonneg"`
	// OrderBy sorts the records. It is a comma-separated list of keys, each a field followed
	// by nothing or "asc" (ascending) or "desc" (descending), in any case; later keys break the
	// ties of earlier ones: "data.score desc, created_at". A field is one of the record's own
	// fields (created_at, updated_at, id) or a dotted path into its data ("data.customer.name";
	// the "data." prefix may be dropped, "customer.name", except to reach a data field named
	// like an own field, "data.created_at"). Path segments are letters, digits, '_' and '-'.
	// Records that tie on every key come oldest first in llamacloudtest. A malformed key (an
	// empty term, an unknown direction, an empty segment) or a field that cannot exist ("data"
	// alone, "created_at.x") is an error matching llamacloud.ErrUnprocessable (422).
	// [AgentDataAggregateParams.OrderBy] uses the same syntax.
	OrderBy param.Opt[string] `json:"order_by"`
	// PageSize is the most records per page; the service may return fewer and caps it
	// (typically at 1000).
	PageSize param.Opt[int64] `json:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it. The auto-pager sets it.
	PageToken param.Opt[string] `json:"page_token"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Search returns one page of the records that match a filter, in the requested order
// (POST /api/v1/beta/agent-data/:search). Use [pagination.PaginatedCursorPost.GetNextPage]
// or [AgentDataService.SearchAutoPaging] for the next pages.
func (s *AgentDataService) Search(ctx context.Context, params AgentDataSearchParams, opts ...option.RequestOption) (*pagination.PaginatedCursorPost[AgentData], error) {
	return execute[pagination.PaginatedCursorPost[AgentData]](ctx, http.MethodPost, "api/v1/beta/agent-data/:search", nil, &params, s.Options, opts)
}

// SearchAutoPaging walks every matching record across pages, sending each next page's
// token in the JSON body. Nothing is fetched before the first Next; the pager keeps ctx
// for the later pages.
func (s *AgentDataService) SearchAutoPaging(ctx context.Context, params AgentDataSearchParams, opts ...option.RequestOption) *pagination.AutoPager[AgentData] {
	return pagination.NewPaginatedCursorPostAutoPager(func() (*pagination.PaginatedCursorPost[AgentData], error) {
		return s.Search(ctx, params, opts...)
	})
}

// AgentDataAggregateParams are the parameters of [AgentDataService.Aggregate]. All of them
// but organization and project go in the JSON body.
type AgentDataAggregateParams struct {
	// DeploymentName is the agent deployment to aggregate. Required.
	DeploymentName string `json:"deployment_name" param:"required"`
	// Collection is the logical collection to aggregate; the default one when omitted.
	Collection param.Opt[string] `json:"collection"`
	// Count asks for the number of records of each group.
	Count param.Opt[bool] `json:"count"`
	// Filter keeps the records whose data fields pass every condition before grouping (see
	// [AgentDataFilter]); nil keeps every record.
	Filter map[string]AgentDataFilter `json:"filter,omitzero"`
	// First asks for the data of each group's first record by creation time.
	First param.Opt[bool] `json:"first"`
	// GroupBy are the fields to group by; nil makes the whole data set one group (useful
	// with Count for a plain count).
	GroupBy []string `json:"group_by,omitzero"`
	// Offset is the number of groups to skip before the first page.
	Offset param.Opt[int64] `json:"offset" param:"nonneg"`
	// OrderBy sorts the groups, with the syntax of [AgentDataSearchParams.OrderBy]: its fields
	// are "count" and the fields of GroupBy (written as in GroupBy, or with or without the
	// "data." prefix), e.g. "count desc, data.region". Ties are ordered by the GroupBy values.
	// Any other field is an error matching llamacloud.ErrUnprocessable (422): a group has no
	// other value to sort by.
	OrderBy param.Opt[string] `json:"order_by"`
	// PageSize is the most groups per page; the service may return fewer and caps it.
	PageSize param.Opt[int64] `json:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it. The auto-pager sets it.
	PageToken param.Opt[string] `json:"page_token"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Aggregate returns one page of groups of the records that match a filter, with their
// count or first record when asked (POST /api/v1/beta/agent-data/:aggregate).
func (s *AgentDataService) Aggregate(ctx context.Context, params AgentDataAggregateParams, opts ...option.RequestOption) (*pagination.PaginatedCursorPost[AgentDataAggregateResponse], error) {
	return execute[pagination.PaginatedCursorPost[AgentDataAggregateResponse]](ctx, http.MethodPost, "api/v1/beta/agent-data/:aggregate", nil, &params, s.Options, opts)
}

// AggregateAutoPaging walks every group across pages, sending each next page's token in
// the JSON body. Nothing is fetched before the first Next; the pager keeps ctx for the
// later pages.
func (s *AgentDataService) AggregateAutoPaging(ctx context.Context, params AgentDataAggregateParams, opts ...option.RequestOption) *pagination.AutoPager[AgentDataAggregateResponse] {
	return pagination.NewPaginatedCursorPostAutoPager(func() (*pagination.PaginatedCursorPost[AgentDataAggregateResponse], error) {
		return s.Aggregate(ctx, params, opts...)
	})
}

// AgentDataDeleteByQueryParams are the parameters of [AgentDataService.DeleteByQuery].
type AgentDataDeleteByQueryParams struct {
	// DeploymentName is the agent deployment to delete from. Required.
	DeploymentName string `json:"deployment_name" param:"required"`
	// Collection is the logical collection to delete from; the default one when omitted.
	Collection param.Opt[string] `json:"collection"`
	// Filter selects the records to delete (see [AgentDataFilter]); nil selects every
	// record of the collection.
	Filter map[string]AgentDataFilter `json:"filter,omitzero"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// DeleteByQuery deletes every record of a deployment's collection that matches a filter
// (POST /api/v1/beta/agent-data/:delete) and reports how many went. With a nil Filter it
// empties the collection.
func (s *AgentDataService) DeleteByQuery(ctx context.Context, params AgentDataDeleteByQueryParams, opts ...option.RequestOption) (*AgentDataDeleteByQueryResponse, error) {
	return execute[AgentDataDeleteByQueryResponse](ctx, http.MethodPost, "api/v1/beta/agent-data/:delete", nil, &params, s.Options, opts)
}
