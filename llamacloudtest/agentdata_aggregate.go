package llamacloudtest

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// aggregateGroup is one group of an :aggregate answer.
type aggregateGroup struct {
	GroupKey  map[string]any `json:"group_key"`
	Count     *int           `json:"count,omitempty"`
	FirstItem map[string]any `json:"first_item,omitempty"`

	first   *agentDataItem // the oldest record of the group
	values  []any          // the group_by values, in group_by order
	keyJSON string         // values in JSON: the group's identity, and the last tie-break
	sortKey []sortValue    // the values the groups are sorted by, see aggregateKey
}

// aggregateKey is one term groups sort by: the count, or the value of a group_by field.
type aggregateKey struct {
	count bool
	group int // index into group_by when !count
	desc  bool
}

// value returns the raw value of the term for g.
func (k aggregateKey) value(g *aggregateGroup) any {
	if k.count {
		return float64(*g.Count)
	}
	return g.values[k.group]
}

// aggregateOrder maps order_by onto the groups: "count" or a group_by field (as written, or the
// same field with or without the "data." prefix), then every group_by field ascending. Any other
// field is an error: a group has no other value to sort by.
func aggregateOrder(keys []orderKey, groupBy []string) ([]aggregateKey, error) {
	var out []aggregateKey
	for _, k := range keys {
		if k.field == "count" {
			out = append(out, aggregateKey{count: true, desc: k.desc})
			continue
		}
		i := groupIndex(k, groupBy)
		if i < 0 {
			return nil, fmt.Errorf("unknown order_by field %q: groups sort by count or a group_by field (%s)",
				k.field, strings.Join(groupBy, ", "))
		}
		out = append(out, aggregateKey{group: i, desc: k.desc})
	}
	for i := range groupBy {
		out = append(out, aggregateKey{group: i})
	}
	return out, nil
}

// descending returns which of keys sort in descending order.
func descending(keys []aggregateKey) []bool {
	desc := make([]bool, len(keys))
	for i, k := range keys {
		desc[i] = k.desc
	}
	return desc
}

// groupIndex returns the index of the group_by field k names, or -1.
func groupIndex(k orderKey, groupBy []string) int {
	for i, f := range groupBy {
		if f == k.field {
			return i
		}
	}
	for i, f := range groupBy {
		if refOf(f).String() == k.ref.String() {
			return i
		}
	}
	return -1
}

// compareGroups orders groups by their sort keys (desc tells which terms are reversed), then by
// their identity.
func compareGroups(desc []bool, a, b *aggregateGroup) int {
	if c := compareSortKeys(a.sortKey, b.sortKey, desc); c != 0 {
		return c
	}
	return strings.Compare(a.keyJSON, b.keyJSON)
}

// aggregate returns the sorted groups of the records of c that match q: computed in one pass over
// the collection (oldest first, so a group's first record is its oldest), then kept for the
// collection's version under id, so that the later pages of a walk cost O(log groups + page).
func (c *agentDataColl) aggregate(st *agentDataStore, q *agentDataSearch, keys []aggregateKey, id string) ([]*aggregateGroup, error) {
	if g, ok := c.groups[id]; ok && g.version == c.totals.version {
		return g.groups, nil
	}
	refs := make([]fieldRef, len(q.in.GroupBy))
	for i, f := range q.in.GroupBy {
		refs[i] = refOf(f)
	}
	var groups []*aggregateGroup
	byKey := map[string]*aggregateGroup{}
	var err error
	c.byID.set.Walk(setPos{}, func(e agentDataEntry) bool {
		st.work++
		if !q.match(e.it) {
			return true
		}
		values := make([]any, len(refs))
		for i, r := range refs {
			values[i] = r.value(e.it)
		}
		b, merr := marshalJSON(values)
		if merr != nil {
			err = merr
			return false
		}
		g, ok := byKey[string(b)]
		if !ok {
			g = &aggregateGroup{GroupKey: map[string]any{}, Count: new(int), first: e.it, values: values, keyJSON: string(b)}
			for i, f := range q.in.GroupBy {
				g.GroupKey[f] = values[i]
			}
			byKey[g.keyJSON] = g
			groups = append(groups, g)
		}
		*g.Count++
		return true
	})
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		g.sortKey = make([]sortValue, len(keys))
		for i, k := range keys {
			g.sortKey[i] = sortValueOf(k.value(g))
		}
	}
	desc := descending(keys)
	sort.Slice(groups, func(i, j int) bool { return compareGroups(desc, groups[i], groups[j]) < 0 })
	if c.groups == nil || len(c.groups) >= maxCachedCounts {
		c.groups = map[string]cachedGroups{}
	}
	c.groups[id] = cachedGroups{c.totals.version, groups}
	return groups, nil
}

func (s *Server) aggregateAgentData(c *call) {
	q, ok := c.parseAgentDataQuery()
	if !ok {
		return
	}
	var keys []aggregateKey
	if _, ok := c.parseOrder(q, func(ks []orderKey) (err error) {
		keys, err = aggregateOrder(ks, q.in.GroupBy)
		return err
	}); !ok {
		return
	}
	var orderID strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&orderID, "%v/%d/%v,", k.count, k.group, k.desc)
	}
	id := queryFingerprint(append([]string{"aggregate", q.coll.deployment, q.coll.collection, q.filterID, orderID.String()}, q.in.GroupBy...)...)
	if !c.agentDataPage(q, id, len(keys)) {
		return
	}
	st := &c.p.agentData
	var groups []*aggregateGroup
	if coll := st.coll(q.coll); coll != nil {
		var err error
		if groups, err = coll.aggregate(st, q, keys, id); err != nil {
			c.fail(http.StatusInternalServerError, "encode group key: "+err.Error())
			return
		}
	}
	start := min(q.offset, len(groups))
	if q.after != nil {
		probe := &aggregateGroup{sortKey: sortValuesOf(q.after.Key), keyJSON: q.after.ID}
		desc := descending(keys)
		start = sort.Search(len(groups), func(i int) bool { return compareGroups(desc, groups[i], probe) > 0 })
	}
	page := groups[start:min(start+q.size, len(groups))]
	out := make([]aggregateGroup, len(page))
	for i, g := range page {
		out[i] = aggregateGroup{GroupKey: g.GroupKey}
		if q.in.Count != nil && *q.in.Count {
			out[i].Count = g.Count
		}
		if q.in.First != nil && *q.in.First {
			out[i].FirstItem = g.first.data
			if out[i].FirstItem == nil {
				out[i].FirstItem = map[string]any{}
			}
		}
	}
	var next *string
	if start+len(page) < len(groups) {
		last := page[len(page)-1]
		values := make([]any, len(keys))
		for i, k := range keys {
			values[i] = k.value(last)
		}
		tok := encodeKeysetToken(id, values, last.keyJSON)
		next = &tok
	}
	var total *int
	if q.includeTotal() {
		n := len(groups)
		total = &n
	}
	writeCursorPage(c, out, next, total)
}
