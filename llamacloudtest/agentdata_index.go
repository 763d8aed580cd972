package llamacloudtest

import (
	"slices"
	"strings"
	"time"
)

// maxAgentDataOrders is how many sorted indexes (besides the ID order) a collection keeps; the
// least recently used goes when a query needs one more.
const maxAgentDataOrders = 8

// collKey names a collection: the records of one deployment and collection name.
type collKey struct{ deployment, collection string }

// agentDataColl is the records of one collection and the indexes that let a search pay per page.
// Every change to a record goes through add and remove, which keep each index in step and bump the
// version (of totals) that the cached counts and aggregates are checked against.
type agentDataColl struct {
	byID   *agentDataOrder            // every record, oldest first: the default order
	orders map[string]*agentDataOrder // sorted indexes by canonical order_by, built on first use
	tick   uint64                     // counts index uses, for evicting the least recently used
	totals countCache                 // include_total counts by canonical filter
	groups map[string]cachedGroups    // aggregate groups by query fingerprint, true at totals.version
}

// agentDataOrder is the records of a collection sorted by order keys, then by ID.
type agentDataOrder struct {
	keys []orderKey
	set  *sortedSet[agentDataEntry]
	used uint64
}

// agentDataEntry is a record in an order: its sort values for the order's keys, and its ID.
type agentDataEntry struct {
	key []sortValue
	id  string
	it  *agentDataItem // nil in the probe built from a page token
}

// cachedGroups is the sorted groups of an aggregate query, true at version.
type cachedGroups struct {
	version uint64
	groups  []*aggregateGroup
}

func newAgentDataOrder(keys []orderKey) *agentDataOrder {
	desc := make([]bool, len(keys))
	for i, k := range keys {
		desc[i] = k.desc
	}
	return &agentDataOrder{keys: keys, set: newSortedSet(func(a, b agentDataEntry) int {
		if c := compareSortKeys(a.key, b.key, desc); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})}
}

// entry returns it as an element of the order, with its current sort values.
func (o *agentDataOrder) entry(it *agentDataItem) agentDataEntry {
	var key []sortValue
	if len(o.keys) > 0 {
		key = make([]sortValue, len(o.keys))
		for i, k := range o.keys {
			key[i] = sortValueOf(k.ref.value(it))
		}
	}
	return agentDataEntry{key: key, id: it.id, it: it}
}

// coll returns the collection of k, or nil if it holds no record.
func (st *agentDataStore) coll(k collKey) *agentDataColl { return st.colls[k] }

// add stores a new record and indexes it.
func (st *agentDataStore) add(it *agentDataItem) {
	if st.items == nil {
		st.items = map[string]*agentDataItem{}
		st.colls = map[collKey]*agentDataColl{}
	}
	st.items[it.id] = it
	k := collKey{it.deploymentName, it.collection}
	c := st.colls[k]
	if c == nil {
		c = &agentDataColl{byID: newAgentDataOrder(nil), orders: map[string]*agentDataOrder{}}
		st.colls[k] = c
	}
	c.add(it)
}

// remove deletes a record and its index entries.
func (st *agentDataStore) remove(it *agentDataItem) {
	delete(st.items, it.id)
	k := collKey{it.deploymentName, it.collection}
	if c := st.colls[k]; c != nil {
		c.remove(it)
		if c.byID.set.Len() == 0 {
			delete(st.colls, k)
		}
	}
}

// setData replaces a record's data and update time, moving it in every index of its collection.
func (st *agentDataStore) setData(it *agentDataItem, data map[string]any, now time.Time) {
	c := st.colls[collKey{it.deploymentName, it.collection}]
	c.remove(it)
	it.data, it.updatedAt = data, now
	c.add(it)
}

func (c *agentDataColl) add(it *agentDataItem) {
	c.totals.touch()
	c.byID.set.Insert(c.byID.entry(it))
	for _, o := range c.orders {
		o.set.Insert(o.entry(it))
	}
}

// remove takes it out of every index; it must still hold the values it was indexed with.
func (c *agentDataColl) remove(it *agentDataItem) {
	c.totals.touch()
	c.byID.set.Remove(c.byID.entry(it))
	for _, o := range c.orders {
		o.set.Remove(o.entry(it))
	}
}

// order returns the index sorted by keys, building it from the records if it is not kept yet
// (O(n log n), once) and evicting the least recently used index beyond maxAgentDataOrders.
func (c *agentDataColl) order(keys []orderKey) *agentDataOrder {
	if len(keys) == 0 {
		return c.byID
	}
	c.tick++
	name := canonicalOrder(keys)
	if o, ok := c.orders[name]; ok {
		o.used = c.tick
		return o
	}
	o := newAgentDataOrder(keys)
	o.used = c.tick
	entries := make([]agentDataEntry, 0, c.byID.set.Len())
	c.byID.set.Walk(setPos{}, func(e agentDataEntry) bool {
		entries = append(entries, o.entry(e.it))
		return true
	})
	slices.SortFunc(entries, o.set.cmp)
	o.set.fill(entries)
	if len(c.orders) >= maxAgentDataOrders {
		var oldest string
		for n, x := range c.orders {
			if oldest == "" || x.used < c.orders[oldest].used {
				oldest = n
			}
		}
		delete(c.orders, oldest)
	}
	c.orders[name] = o
	return o
}

// total returns how many records of the collection match q's filters: the collection's size
// without filters, else a count cached for the collection's version.
func (c *agentDataColl) total(st *agentDataStore, q *agentDataSearch) int {
	if len(q.filters) == 0 {
		return c.byID.set.Len()
	}
	return c.totals.get(q.filterID, func() (n int) {
		c.byID.set.Walk(setPos{}, func(e agentDataEntry) bool {
			st.work++
			if q.match(e.it) {
				n++
			}
			return true
		})
		return n
	})
}
