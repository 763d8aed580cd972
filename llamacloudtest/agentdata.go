package llamacloudtest

import (
	"net/http"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// defaultAgentDataCollection is the collection of items created without one, as in the service.
const defaultAgentDataCollection = "default"

// agentDataStore holds a project's agent data: every record by ID, and per collection the
// indexes that searches walk (see agentdata_index.go). The zero value is ready to use.
type agentDataStore struct {
	items map[string]*agentDataItem // by ID
	colls map[collKey]*agentDataColl

	// work counts the records searches, aggregates and counts have visited, so tests can check
	// what a page costs without timing it.
	work int
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
	c.p.agentData.add(it)
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
	c.p.agentData.setData(it, in.Data, s.now())
	c.writeJSON(http.StatusOK, it.toJSON(c.project))
}

func (s *Server) deleteAgentData(c *call) {
	it, ok := c.agentDataItem()
	if !ok {
		return
	}
	c.p.agentData.remove(it)
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
	ref   fieldRef
	conds []textindex.Condition
}

// agentDataSearch is a checked query body with its paging.
type agentDataSearch struct {
	in       agentDataQuery
	coll     collKey
	filters  []agentDataFilter
	filterID string // the filter in canonical JSON: the identity of a cached count
	size     int
	offset   int        // matches to skip before the page (without a page token)
	after    *pageToken // the decoded page_token; nil on a first page
}

// match reports whether it passes every filter of q.
func (q *agentDataSearch) match(it *agentDataItem) bool {
	for _, f := range q.filters {
		v := f.ref.value(it)
		for _, cond := range f.conds {
			if !cond.Holds(v) {
				return false
			}
		}
	}
	return true
}

// includeTotal reports whether the body asks for total_size.
func (q *agentDataSearch) includeTotal() bool { return q.in.IncludeTotal != nil && *q.in.IncludeTotal }

// parseAgentDataQuery decodes and checks a query body; it answers 422 itself and reports whether
// to go on.
func (c *call) parseAgentDataQuery() (*agentDataSearch, bool) {
	var in agentDataQuery
	if !c.decode(&in, "deployment_name") {
		return nil, false
	}
	q := &agentDataSearch{in: in, coll: collKey{in.DeploymentName, defaultAgentDataCollection}}
	if in.Collection != nil && *in.Collection != "" {
		q.coll.collection = *in.Collection
	}
	for _, field := range sortedKeys(in.Filter) {
		f := agentDataFilter{ref: refOf(field)}
		for _, name := range sortedKeys(in.Filter[field]) {
			loc := []any{"body", "filter", field, name}
			op, ok := agentDataOps[name]
			if !ok {
				c.invalid(loc, "Extra inputs are not permitted", "extra_forbidden")
				return nil, false
			}
			v := in.Filter[field][name]
			list, isList := v.([]any)
			if (op == textindex.OpIncludes || op == textindex.OpExcludes) != isList {
				if isList {
					c.invalid(loc, "Input should be a valid number, string or datetime", "union_type")
				} else {
					c.invalid(loc, "Input should be a valid list", "list_type")
				}
				return nil, false
			}
			if !isList {
				list = []any{v}
			}
			for _, x := range list {
				switch x.(type) {
				case nil, string, float64, bool:
				default:
					c.invalid(loc, "Input should be a valid number, string or datetime", "union_type")
					return nil, false
				}
			}
			f.conds = append(f.conds, textindex.Condition{Op: op, Value: v})
		}
		q.filters = append(q.filters, f)
	}
	if len(in.Filter) > 0 {
		b, err := marshalJSON(in.Filter) // map keys sorted: one text per filter
		if err != nil {
			c.fail(http.StatusInternalServerError, "encode filter: "+err.Error())
			return nil, false
		}
		q.filterID = string(b)
	}
	return q, true
}

// parseOrder reads order_by, answering 422 for a malformed one or one check rejects.
func (c *call) parseOrder(q *agentDataSearch, check func([]orderKey) error) ([]orderKey, bool) {
	var orderBy string
	if q.in.OrderBy != nil {
		orderBy = *q.in.OrderBy
	}
	keys, err := parseOrderBy(orderBy)
	if err == nil {
		err = check(keys)
	}
	if err != nil {
		c.invalid([]any{"body", "order_by"}, err.Error(), "value_error")
		return nil, false
	}
	return keys, true
}

// agentDataPage reads page_size (default 50, coerced to at most 1000 as the reference says),
// page_token and offset (the token wins when both are given) into q; it answers 400/422 itself.
// fingerprint and arity are what the token must carry: see keysetToken.
func (c *call) agentDataPage(q *agentDataSearch, fingerprint string, arity int) bool {
	q.size = defaultPageSize
	if q.in.PageSize != nil {
		q.size = min(*q.in.PageSize, maxPageSize)
	}
	if q.size < 1 {
		c.invalid([]any{"body", "page_size"}, "Input should be greater than or equal to 1", "greater_than_equal")
		return false
	}
	if q.in.Offset != nil && *q.in.Offset < 0 {
		c.invalid([]any{"body", "offset"}, "Input should be greater than or equal to 0", "greater_than_equal")
		return false
	}
	if q.in.PageToken != nil && *q.in.PageToken != "" {
		tok, ok := c.keysetToken(*q.in.PageToken, fingerprint, arity)
		q.after = tok
		return ok
	}
	if q.in.Offset != nil {
		q.offset = *q.in.Offset
	}
	return true
}

// walk returns the page of q in order o: up to q.size matches after the page token (or after
// q.offset matches), and whether another match follows. It visits the records from the start
// of the page to the first match after it, no others.
func (q *agentDataSearch) walk(st *agentDataStore, o *agentDataOrder) (rows []*agentDataItem, more bool) {
	var pos setPos
	skip := q.offset
	switch {
	case q.after != nil:
		pos = o.set.After(agentDataEntry{key: sortValuesOf(q.after.Key), id: q.after.ID})
	case skip > 0 && len(q.filters) == 0:
		pos, skip = o.set.At(skip), 0
	}
	o.set.Walk(pos, func(e agentDataEntry) bool {
		st.work++
		switch {
		case !q.match(e.it):
		case skip > 0:
			skip--
		case len(rows) == q.size:
			more = true
			return false
		default:
			rows = append(rows, e.it)
		}
		return true
	})
	return rows, more
}

func (s *Server) searchAgentData(c *call) {
	q, ok := c.parseAgentDataQuery()
	if !ok {
		return
	}
	keys, ok := c.parseOrder(q, checkSearchOrder)
	if !ok {
		return
	}
	fingerprint := queryFingerprint("search", q.coll.deployment, q.coll.collection, q.filterID, canonicalOrder(keys))
	if !c.agentDataPage(q, fingerprint, len(keys)) {
		return
	}
	st := &c.p.agentData
	items := []agentDataJSON{}
	var next *string
	var total *int
	if q.includeTotal() {
		total = new(int)
	}
	if coll := st.coll(q.coll); coll != nil {
		rows, more := q.walk(st, coll.order(keys))
		for _, it := range rows {
			items = append(items, it.toJSON(c.project))
		}
		if more {
			last := rows[len(rows)-1]
			values := make([]any, len(keys))
			for i, k := range keys {
				values[i] = k.ref.value(last)
			}
			tok := encodeKeysetToken(fingerprint, values, last.id)
			next = &tok
		}
		if total != nil {
			*total = coll.total(st, q)
		}
	}
	writeCursorPage(c, items, next, total)
}

func (s *Server) deleteAgentDataByQuery(c *call) {
	q, ok := c.parseAgentDataQuery()
	if !ok {
		return
	}
	st := &c.p.agentData
	var victims []*agentDataItem
	if coll := st.coll(q.coll); coll != nil {
		coll.byID.set.Walk(setPos{}, func(e agentDataEntry) bool {
			st.work++
			if q.match(e.it) {
				victims = append(victims, e.it)
			}
			return true
		})
	}
	for _, it := range victims {
		st.remove(it)
	}
	c.writeJSON(http.StatusOK, map[string]int{"deleted_count": len(victims)})
}
