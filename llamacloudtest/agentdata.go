package llamacloudtest

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// defaultAgentDataCollection is the collection of items created without one, as in the service.
const defaultAgentDataCollection = "default"

// agentDataStore holds a project's agent data. The zero value is ready to use.
type agentDataStore struct {
	items map[string]*agentDataItem // by ID
}

// agentDataItem is one stored record.
type agentDataItem struct {
	id             string
	deploymentName string
	collection     string
	data           map[string]any
	createdAt      time.Time
	updatedAt      time.Time
}

// agentDataJSON is the wire form of an item (AgentData).
type agentDataJSON struct {
	Data           map[string]any `json:"data"`
	DeploymentName string         `json:"deployment_name"`
	ID             string         `json:"id"`
	Collection     string         `json:"collection"`
	CreatedAt      *string        `json:"created_at"`
	ProjectID      string         `json:"project_id"`
	UpdatedAt      *string        `json:"updated_at"`
}

func (it *agentDataItem) toJSON(projectID string) agentDataJSON {
	data := it.data
	if data == nil {
		data = map[string]any{}
	}
	return agentDataJSON{
		Data:           data,
		DeploymentName: it.deploymentName,
		ID:             it.id,
		Collection:     it.collection,
		CreatedAt:      optTime(it.createdAt),
		ProjectID:      projectID,
		UpdatedAt:      optTime(it.updatedAt),
	}
}

// field returns the value of a search field of the item: "created_at", "updated_at" and "id" name
// the item's own fields; any other name is a dotted path into data ("address.city"), and a
// "data." prefix forces a data path ("data.created_at"). Missing fields are nil.
func (it *agentDataItem) field(name string) any {
	switch name {
	case "created_at":
		return formatTime(it.createdAt)
	case "updated_at":
		return formatTime(it.updatedAt)
	case "id":
		return it.id
	}
	name = strings.TrimPrefix(name, "data.")
	var cur any = it.data
	for _, part := range strings.Split(name, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

func (s *Server) agentDataRoutes() []route {
	const base = "/api/v1/beta/agent-data"
	return []route{
		{http.MethodPost, base, s.createAgentData},
		{http.MethodGet, base + "/{item_id}", s.getAgentData},
		{http.MethodPut, base + "/{item_id}", s.updateAgentData},
		{http.MethodDelete, base + "/{item_id}", s.deleteAgentData},
		{http.MethodPost, base + "/:search", s.searchAgentData},
		{http.MethodPost, base + "/:aggregate", s.aggregateAgentData},
		{http.MethodPost, base + "/:delete", s.deleteAgentDataByQuery},
	}
}

func (s *Server) createAgentData(c *call) {
	var in struct {
		Data           map[string]any `json:"data"`
		DeploymentName string         `json:"deployment_name"`
		Collection     *string        `json:"collection"`
	}
	if !c.decode(&in, "data", "deployment_name") {
		return
	}
	collection := defaultAgentDataCollection
	if in.Collection != nil && *in.Collection != "" {
		collection = *in.Collection
	}
	now := s.now()
	it := &agentDataItem{
		id:             s.newID("agd"),
		deploymentName: in.DeploymentName,
		collection:     collection,
		data:           in.Data,
		createdAt:      now,
		updatedAt:      now,
	}
	if c.p.agentData.items == nil {
		c.p.agentData.items = map[string]*agentDataItem{}
	}
	c.p.agentData.items[it.id] = it
	c.writeJSON(http.StatusOK, it.toJSON(c.project))
}

// agentDataItem returns the item named by the item_id path value, or answers 404.
func (c *call) agentDataItem() (*agentDataItem, bool) {
	id := c.pathValue("item_id")
	it, ok := c.p.agentData.items[id]
	if !ok {
		c.notFound("agent data", id)
	}
	return it, ok
}

func (s *Server) getAgentData(c *call) {
	if it, ok := c.agentDataItem(); ok {
		c.writeJSON(http.StatusOK, it.toJSON(c.project))
	}
}

func (s *Server) updateAgentData(c *call) {
	it, ok := c.agentDataItem()
	if !ok {
		return
	}
	var in struct {
		Data map[string]any `json:"data"`
	}
	if !c.decode(&in, "data") {
		return
	}
	it.data = in.Data
	it.updatedAt = s.now()
	c.writeJSON(http.StatusOK, it.toJSON(c.project))
}

func (s *Server) deleteAgentData(c *call) {
	it, ok := c.agentDataItem()
	if !ok {
		return
	}
	delete(c.p.agentData.items, it.id)
	c.writeJSON(http.StatusOK, map[string]string{"id": it.id, "status": "deleted"})
}

// agentDataQuery is the body shared by :search, :aggregate and :delete.
type agentDataQuery struct {
	DeploymentName string                    `json:"deployment_name"`
	Collection     *string                   `json:"collection"`
	Filter         map[string]map[string]any `json:"filter"`
	OrderBy        *string                   `json:"order_by"`
	PageSize       *int                      `json:"page_size"`
	PageToken      *string                   `json:"page_token"`
	Offset         *int                      `json:"offset"`
	IncludeTotal   *bool                     `json:"include_total"`
	GroupBy        []string                  `json:"group_by"`
	Count          *bool                     `json:"count"`
	First          *bool                     `json:"first"`
}

// agentDataOps are the filter operators of agent data; includes and excludes take lists.
var agentDataOps = map[string]textindex.Op{
	"eq": textindex.OpEq, "ne": textindex.OpNe, "gt": textindex.OpGt, "gte": textindex.OpGte,
	"lt": textindex.OpLt, "lte": textindex.OpLte, "includes": textindex.OpIncludes, "excludes": textindex.OpExcludes,
}

// agentDataFilter is one field's conditions, all of which must hold.
type agentDataFilter struct {
	field string
	conds []textindex.Condition
}

// parseAgentDataQuery decodes and checks a query body; it answers 422 itself and reports whether
// to go on.
func (c *call) parseAgentDataQuery() (agentDataQuery, []agentDataFilter, bool) {
	var in agentDataQuery
	if !c.decode(&in, "deployment_name") {
		return in, nil, false
	}
	var filters []agentDataFilter
	for _, field := range sortedKeys(in.Filter) {
		f := agentDataFilter{field: field}
		for _, name := range sortedKeys(in.Filter[field]) {
			loc := []any{"body", "filter", field, name}
			op, ok := agentDataOps[name]
			if !ok {
				c.invalid(loc, "Extra inputs are not permitted", "extra_forbidden")
				return in, nil, false
			}
			v := in.Filter[field][name]
			list, isList := v.([]any)
			if (op == textindex.OpIncludes || op == textindex.OpExcludes) != isList {
				if isList {
					c.invalid(loc, "Input should be a valid number, string or datetime", "union_type")
				} else {
					c.invalid(loc, "Input should be a valid list", "list_type")
				}
				return in, nil, false
			}
			if !isList {
				list = []any{v}
			}
			for _, x := range list {
				switch x.(type) {
				case nil, string, float64, bool:
				default:
					c.invalid(loc, "Input should be a valid number, string or datetime", "union_type")
					return in, nil, false
				}
			}
			f.conds = append(f.conds, textindex.Condition{Op: op, Value: v})
		}
		filters = append(filters, f)
	}
	return in, filters, true
}

// matches returns the items of deployment and collection that pass every filter, oldest first.
func (c *call) agentDataMatches(in agentDataQuery, filters []agentDataFilter) []*agentDataItem {
	collection := defaultAgentDataCollection
	if in.Collection != nil && *in.Collection != "" {
		collection = *in.Collection
	}
	var out []*agentDataItem
	for _, id := range sortedKeys(c.p.agentData.items) {
		it := c.p.agentData.items[id]
		if it.deploymentName != in.DeploymentName || it.collection != collection {
			continue
		}
		keep := true
		for _, f := range filters {
			v := it.field(f.field)
			for _, cond := range f.conds {
				keep = keep && cond.Holds(v)
			}
		}
		if keep {
			out = append(out, it)
		}
	}
	return out
}

// orderKey is one term of an order_by clause.
type orderKey struct {
	field string
	desc  bool
}

// parseOrderBy reads "a, b desc, c asc"; it answers 422 on a malformed term.
func (c *call) parseOrderBy(orderBy *string) ([]orderKey, bool) {
	if orderBy == nil || strings.TrimSpace(*orderBy) == "" {
		return nil, true
	}
	var keys []orderKey
	for _, term := range strings.Split(*orderBy, ",") {
		parts := strings.Fields(term)
		switch {
		case len(parts) == 1:
			keys = append(keys, orderKey{field: parts[0]})
		case len(parts) == 2 && (strings.EqualFold(parts[1], "asc") || strings.EqualFold(parts[1], "desc")):
			keys = append(keys, orderKey{field: parts[0], desc: strings.EqualFold(parts[1], "desc")})
		default:
			c.invalid([]any{"body", "order_by"}, fmt.Sprintf("invalid order_by term %q", strings.TrimSpace(term)), "value_error")
			return nil, false
		}
	}
	return keys, true
}

// kindRank orders values of different JSON kinds: missing/null, booleans, numbers, strings, others.
func kindRank(v any) int {
	switch v.(type) {
	case nil:
		return 0
	case bool:
		return 1
	case float64:
		return 2
	case string:
		return 3
	}
	return 4
}

// compareValues is a total order over decoded JSON values (see kindRank and textindex.Compare).
func compareValues(a, b any) int {
	if ra, rb := kindRank(a), kindRank(b); ra != rb {
		return ra - rb
	}
	if cmp, ok := textindex.Compare(a, b); ok {
		return cmp
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

// sortByKeys sorts rows stably by the keys; get reads a field of a row.
func sortByKeys[T any](rows []T, keys []orderKey, get func(T, string) any) {
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range keys {
			cmp := compareValues(get(rows[i], k.field), get(rows[j], k.field))
			if cmp == 0 {
				continue
			}
			if k.desc {
				return cmp > 0
			}
			return cmp < 0
		}
		return false
	})
}

// agentDataPage reads page_size (default 50, coerced to at most 1000), page_token and offset (the
// token wins when both are given); it answers 400/422 itself.
func (c *call) agentDataPage(in agentDataQuery) (offset, size int, ok bool) {
	size = defaultPageSize
	if in.PageSize != nil {
		size = min(*in.PageSize, maxPageSize)
	}
	if size < 1 {
		c.invalid([]any{"body", "page_size"}, "Input should be greater than or equal to 1", "greater_than_equal")
		return 0, 0, false
	}
	if in.Offset != nil && *in.Offset < 0 {
		c.invalid([]any{"body", "offset"}, "Input should be greater than or equal to 0", "greater_than_equal")
		return 0, 0, false
	}
	if in.PageToken != nil && *in.PageToken != "" {
		return c.pageFrom(*in.PageToken, size, []any{"body"})
	}
	if in.Offset != nil {
		offset = *in.Offset
	}
	return offset, size, true
}

func (s *Server) searchAgentData(c *call) {
	in, filters, ok := c.parseAgentDataQuery()
	if !ok {
		return
	}
	keys, ok := c.parseOrderBy(in.OrderBy)
	if !ok {
		return
	}
	offset, size, ok := c.agentDataPage(in)
	if !ok {
		return
	}
	items := c.agentDataMatches(in, filters)
	sortByKeys(items, keys, (*agentDataItem).field)
	out := make([]agentDataJSON, len(items))
	for i, it := range items {
		out[i] = it.toJSON(c.project)
	}
	writePostPage(c, out, offset, size, in.IncludeTotal != nil && *in.IncludeTotal)
}

// aggregateGroup is one group of an :aggregate answer.
type aggregateGroup struct {
	GroupKey  map[string]any `json:"group_key"`
	Count     *int           `json:"count,omitempty"`
	FirstItem map[string]any `json:"first_item,omitempty"`

	first *agentDataItem
}

func (s *Server) aggregateAgentData(c *call) {
	in, filters, ok := c.parseAgentDataQuery()
	if !ok {
		return
	}
	keys, ok := c.parseOrderBy(in.OrderBy)
	if !ok {
		return
	}
	offset, size, ok := c.agentDataPage(in)
	if !ok {
		return
	}
	var groups []*aggregateGroup
	byKey := map[string]*aggregateGroup{}
	for _, it := range c.agentDataMatches(in, filters) { // oldest first, so first is the oldest
		key := map[string]any{}
		for _, f := range in.GroupBy {
			key[f] = it.field(f)
		}
		b, err := marshalJSON(key)
		if err != nil {
			c.fail(http.StatusInternalServerError, "encode group key: "+err.Error())
			return
		}
		g, ok := byKey[string(b)]
		if !ok {
			g = &aggregateGroup{GroupKey: key, Count: new(int), first: it}
			byKey[string(b)] = g
			groups = append(groups, g)
		}
		*g.Count++
	}
	// Groups come in group-key order unless order_by says otherwise.
	var defaultKeys []orderKey
	for _, f := range in.GroupBy {
		defaultKeys = append(defaultKeys, orderKey{field: f})
	}
	get := func(g *aggregateGroup, field string) any {
		if field == "count" {
			return float64(*g.Count)
		}
		if v, ok := g.GroupKey[field]; ok {
			return v
		}
		return nil
	}
	sortByKeys(groups, defaultKeys, get)
	sortByKeys(groups, keys, get)
	out := make([]aggregateGroup, len(groups))
	for i, g := range groups {
		out[i] = aggregateGroup{GroupKey: g.GroupKey}
		if in.Count != nil && *in.Count {
			out[i].Count = g.Count
		}
		if in.First != nil && *in.First {
			out[i].FirstItem = g.first.data
			if out[i].FirstItem == nil {
				out[i].FirstItem = map[string]any{}
			}
		}
	}
	writePostPage(c, out, offset, size, in.IncludeTotal != nil && *in.IncludeTotal)
}

func (s *Server) deleteAgentDataByQuery(c *call) {
	in, filters, ok := c.parseAgentDataQuery()
	if !ok {
		return
	}
	items := c.agentDataMatches(in, filters)
	for _, it := range items {
		delete(c.p.agentData.items, it.id)
	}
	c.writeJSON(http.StatusOK, map[string]int{"deleted_count": len(items)})
}
