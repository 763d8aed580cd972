package llamacloudtest_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// modelRecord is a record as the brute-force model of agent-data search sees it.
type modelRecord struct {
	id, createdAt string
	data          map[string]any
}

// get reads a field as the service does: own fields, else a path into data.
func (m modelRecord) get(field string) any {
	switch field {
	case "id":
		return m.id
	case "created_at":
		return m.createdAt
	}
	var cur any = m.data
	for _, part := range strings.Split(strings.TrimPrefix(field, "data."), ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[part]
	}
	return cur
}

// randomData makes the data of one record: few distinct values (many ties), values of mixed kinds,
// missing and null fields, a nested object, datetimes written in several zones, and a list.
func randomData(r *rand.Rand) map[string]any {
	d := map[string]any{}
	switch x := r.IntN(20); {
	case x < 10:
		d["region"] = "eu"
	case x < 14:
		d["region"] = "us"
	case x < 17:
		d["region"] = "apac"
	case x < 19:
	default:
		d["region"] = nil
	}
	switch x := r.IntN(40); {
	case x < 2:
		d["amount"] = "n/a"
	case x < 3:
		d["amount"] = x == 2
	case x < 4:
	default:
		d["amount"] = float64(r.IntN(24)) / 2
	}
	if r.IntN(5) > 0 {
		d["meta"] = map[string]any{"score": float64(r.IntN(6)), "tag": []string{"x", "y", "z"}[r.IntN(3)]}
	}
	switch x := r.IntN(6); x {
	case 0:
		d["due"] = "soon"
	case 1:
	default:
		at := time.Date(2024, 3, 1, r.IntN(10), 0, 0, 0, time.UTC)
		d["due"] = at.In(time.FixedZone("", 3600*2*(r.IntN(3)-1))).Format(time.RFC3339)
	}
	if r.IntN(4) > 0 {
		tags := []any{}
		for _, tag := range []string{"a", "b", "c"} {
			if r.IntN(2) == 0 {
				tags = append(tags, tag)
			}
		}
		d["tags"] = tags
	}
	return d
}

// seedModel creates n records of random data (seeded by seed) in deployment "m", collection "c".
func seedModel(t *testing.T, srv *llamacloudtest.Server, seed uint64, n int) []modelRecord {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	records := make([]modelRecord, n)
	for i := range records {
		data := randomData(r)
		got := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{"deployment_name": "m", "collection": "c", "data": data})
		records[i] = modelRecord{id: got.Get("id").String(), createdAt: got.Get("created_at").String(), data: data}
	}
	return records
}

// modelRank, modelCompare: the documented order (null, booleans, numbers, datetimes by instant,
// other strings, lists and objects by JSON text).
func modelRank(v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case bool:
		return 1
	case float64:
		return 2
	case string:
		if _, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return 3
		}
		return 4
	}
	return 5
}

func modelCompare(a, b any) int {
	ra, rb := modelRank(a), modelRank(b)
	if ra != rb {
		return cmp.Compare(ra, rb)
	}
	switch ra {
	case 1:
		return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) // "false" < "true"
	case 2:
		return cmp.Compare(a.(float64), b.(float64))
	case 3:
		ta, _ := time.Parse(time.RFC3339Nano, a.(string))
		tb, _ := time.Parse(time.RFC3339Nano, b.(string))
		return ta.Compare(tb)
	case 4:
		return strings.Compare(a.(string), b.(string))
	case 5:
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		return strings.Compare(string(ja), string(jb))
	}
	return 0
}

// filterCompare is how filters compare: numbers, strings (as instants when both are datetimes,
// else by bytes), booleans and null against each other; ok is false across kinds.
func filterCompare(a, b any) (int, bool) {
	if a == nil || b == nil {
		return cmp.Compare(fmt.Sprint(a != nil), fmt.Sprint(b != nil)), true
	}
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return cmp.Compare(x, y), ok
	case bool:
		y, ok := b.(bool)
		return cmp.Compare(fmt.Sprint(x), fmt.Sprint(y)), ok
	case string:
		y, ok := b.(string)
		if !ok {
			return 0, false
		}
		tx, ex := time.Parse(time.RFC3339Nano, x)
		ty, ey := time.Parse(time.RFC3339Nano, y)
		if ex == nil && ey == nil {
			return tx.Compare(ty), true
		}
		return strings.Compare(x, y), true
	}
	return 0, false
}

// modelHolds applies one filter operator to a field value; a list value holds for eq, gt…,
// includes when one element does, and for ne and excludes when none is equal / listed.
func modelHolds(op string, v, want any) bool {
	elems := []any{v}
	if list, ok := v.([]any); ok {
		elems = list
	}
	some := func(pred func(x any) bool) bool { return slices.ContainsFunc(elems, pred) }
	equal := func(x, w any) bool { c, ok := filterCompare(x, w); return ok && c == 0 }
	listed := func(x any) bool {
		return slices.ContainsFunc(want.([]any), func(w any) bool { return equal(x, w) })
	}
	switch op {
	case "eq":
		return some(func(x any) bool { return equal(x, want) })
	case "ne":
		return !some(func(x any) bool { return equal(x, want) })
	case "includes":
		return some(listed)
	case "excludes":
		return !some(listed)
	}
	if v == nil {
		return false
	}
	return some(func(x any) bool {
		c, ok := filterCompare(x, want)
		if !ok || x == nil {
			return false
		}
		switch op {
		case "gt":
			return c > 0
		case "gte":
			return c >= 0
		case "lt":
			return c < 0
		}
		return c <= 0
	})
}

// modelSearch filters and sorts every record: what a walk of all pages must return.
func modelSearch(records []modelRecord, filter map[string]map[string]any, orderBy string) []modelRecord {
	var out []modelRecord
	for _, rec := range records {
		keep := true
		for field, ops := range filter {
			for op, want := range ops {
				keep = keep && modelHolds(op, rec.get(field), want)
			}
		}
		if keep {
			out = append(out, rec)
		}
	}
	slices.SortStableFunc(out, func(a, b modelRecord) int {
		for _, term := range strings.Split(orderBy, ",") {
			f := strings.Fields(term)
			if len(f) == 0 {
				continue
			}
			c := modelCompare(a.get(f[0]), b.get(f[0]))
			if len(f) == 2 && strings.EqualFold(f[1], "desc") {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return strings.Compare(a.id, b.id)
	})
	return out
}

// modelQueries are the searches checked against the model: every operator, nested fields,
// datetimes, mixed kinds, lists and objects as sort keys.
var modelQueries = []struct {
	filter  string
	orderBy string
}{
	{`{}`, ``},
	{`{"region":{"eq":"eu"}}`, `amount desc`},
	{`{"region":{"ne":"eu"}}`, `amount, meta.score desc`},
	{`{"amount":{"gt":5}}`, `amount desc`},
	{`{"amount":{"gte":5,"lt":9}}`, `data.meta.score asc, amount DESC`},
	{`{"meta.score":{"lte":2}}`, `due`},
	{`{"data.meta.tag":{"includes":["x","z"]}}`, `due desc`},
	{`{"tags":{"includes":["a"]}}`, `region desc, amount`},
	{`{"tags":{"excludes":["c"]}}`, `tags`},
	{`{"region":{"excludes":["us","apac"]}}`, `created_at desc`},
	{`{"due":{"gt":"2024-03-01T05:00:00Z"}}`, `due, region`},
	{`{"due":{"lt":"2024-03-01T06:00:00+02:00"},"region":{"ne":null}}`, `meta desc`},
	{`{"region":{"eq":null}}`, `amount`},
	{`{"meta.score":{"eq":3}}`, `id desc`},
	{`{"amount":{"ne":4}}`, `amount desc, region desc`},
}

// TestAgentDataSearchMatchesModel walks every page of many searches over random records (120 in
// go test, 240 with LLAMACLOUD_FULL_SIZE=1), with several page sizes, and checks the walk,
// total_size and offsets against the brute-force model.
func TestAgentDataSearchMatchesModel(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithRecordLimit(0))
	n := 120
	if testmain.FullSize() {
		n = 240
	}
	records := seedModel(t, srv, 12, n)
	mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{"deployment_name": "m", "collection": "other", "data": map[string]any{"region": "eu"}})

	for qi, q := range modelQueries {
		filter := map[string]map[string]any{}
		require.NoError(t, json.Unmarshal([]byte(q.filter), &filter))
		want := modelSearch(records, filter, q.orderBy)
		require.NotEmpty(t, want, "query %d selects something", qi)
		var wantIDs []string
		for _, rec := range want {
			wantIDs = append(wantIDs, rec.id)
		}
		for _, size := range []int{3, 7, 50} {
			name := fmt.Sprintf("%s by %q, %d a page", q.filter, q.orderBy, size)
			includeTotal := size != 7
			var got []string
			token := ""
			for pages := 0; ; pages++ {
				require.Less(t, pages, len(want)/size+2, "%s: the walk must end", name)
				body := map[string]any{"deployment_name": "m", "collection": "c", "filter": filter, "order_by": q.orderBy,
					"page_size": size, "include_total": includeTotal}
				if token != "" {
					body["page_token"] = token
				}
				page := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search", body)
				assert.Equal(t, includeTotal, page.Get("total_size").Exists(), name)
				if includeTotal {
					assert.Equal(t, int64(len(want)), page.Get("total_size").Int(), name)
				}
				items := page.Get("items").Array()
				for _, it := range items {
					got = append(got, it.Get("id").String())
				}
				if page.Get("next_page_token").Type == gjson.Null {
					break
				}
				assert.Len(t, items, size, "%s: only the last page is short", name)
				token = page.Get("next_page_token").String()
			}
			assert.Equal(t, wantIDs, got, name)
		}
		offset := len(want) / 3
		page := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search", map[string]any{
			"deployment_name": "m", "collection": "c", "filter": filter, "order_by": q.orderBy, "page_size": 5, "offset": offset})
		var got []string
		for _, it := range page.Get("items").Array() {
			got = append(got, it.Get("id").String())
		}
		assert.Equal(t, wantIDs[offset:min(offset+5, len(wantIDs))], got, "%s by %q from offset %d", q.filter, q.orderBy, offset)
	}
}

// TestAgentDataAggregateMatchesModel walks aggregate pages and checks them against groups the
// model builds: keys, counts, first (oldest) records, and the order.
func TestAgentDataAggregateMatchesModel(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithRecordLimit(0))
	records := seedModel(t, srv, 5, 150)
	type group struct {
		key    []any
		count  int
		first  map[string]any
		keyRaw string
	}
	for _, tc := range []struct {
		groupBy []string
		orderBy string
		filter  string
	}{
		{[]string{"region"}, ``, `{}`},
		{[]string{"region"}, `count desc`, `{"amount":{"gte":3}}`},
		{[]string{"data.region"}, `region desc`, `{}`},
		{[]string{"meta.tag", "region"}, `count desc, region`, `{"tags":{"includes":["a","b"]}}`},
		{[]string{"amount"}, `count, amount desc`, `{}`},
	} {
		name := fmt.Sprintf("%v by %q where %s", tc.groupBy, tc.orderBy, tc.filter)
		filter := map[string]map[string]any{}
		require.NoError(t, json.Unmarshal([]byte(tc.filter), &filter))
		var groups []*group
		byKey := map[string]*group{}
		for _, rec := range modelSearch(records, filter, "") { // oldest first
			key := make([]any, len(tc.groupBy))
			for i, f := range tc.groupBy {
				key[i] = rec.get(f)
			}
			b, err := json.Marshal(key)
			require.NoError(t, err)
			g := byKey[string(b)]
			if g == nil {
				g = &group{key: key, first: rec.data, keyRaw: string(b)}
				byKey[string(b)] = g
				groups = append(groups, g)
			}
			g.count++
		}
		slices.SortFunc(groups, func(a, b *group) int {
			for _, term := range strings.Split(tc.orderBy, ",") {
				f := strings.Fields(term)
				if len(f) == 0 {
					continue
				}
				var c int
				if f[0] == "count" {
					c = cmp.Compare(a.count, b.count)
				} else {
					i := slices.IndexFunc(tc.groupBy, func(g string) bool { return strings.TrimPrefix(g, "data.") == strings.TrimPrefix(f[0], "data.") })
					require.GreaterOrEqual(t, i, 0, name)
					c = modelCompare(a.key[i], b.key[i])
				}
				if len(f) == 2 && f[1] == "desc" {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			for i := range tc.groupBy {
				if c := modelCompare(a.key[i], b.key[i]); c != 0 {
					return c
				}
			}
			return strings.Compare(a.keyRaw, b.keyRaw)
		})
		require.Greater(t, len(groups), 2, name)
		var got []gjson.Result
		token := ""
		for pages := 0; ; pages++ {
			require.Less(t, pages, len(groups)+1, name)
			body := map[string]any{"deployment_name": "m", "collection": "c", "group_by": tc.groupBy, "order_by": tc.orderBy, "filter": filter,
				"count": true, "first": true, "page_size": 2, "include_total": true}
			if token != "" {
				body["page_token"] = token
			}
			page := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:aggregate", body)
			assert.Equal(t, int64(len(groups)), page.Get("total_size").Int(), name)
			got = append(got, page.Get("items").Array()...)
			if page.Get("next_page_token").Type == gjson.Null {
				break
			}
			token = page.Get("next_page_token").String()
		}
		require.Len(t, got, len(groups), name)
		for i, g := range groups {
			wantKey := map[string]any{}
			for j, f := range tc.groupBy {
				wantKey[f] = g.key[j]
			}
			b, err := json.Marshal(wantKey)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), got[i].Get("group_key").Raw, "%s: group %d", name, i)
			assert.Equal(t, int64(g.count), got[i].Get("count").Int(), "%s: group %d", name, i)
			first, err := json.Marshal(g.first)
			require.NoError(t, err)
			assert.JSONEq(t, string(first), got[i].Get("first_item").Raw, "%s: group %d", name, i)
		}
	}
}
