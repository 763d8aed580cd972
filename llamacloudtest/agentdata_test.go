package llamacloudtest_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const agentDataPath = "/api/v1/beta/agent-data"

// person is the data of one seeded agent-data item.
type person struct {
	Name   string   `json:"name"`
	Age    float64  `json:"age"`
	City   string   `json:"city,omitempty"`
	Tags   []string `json:"tags"`
	Joined string   `json:"joined"`
}

// seedPeople creates 12 items in deployment "crm", collection "people", plus decoys elsewhere,
// and returns the people by ID.
func seedPeople(t *testing.T, srv *llamacloudtest.Server) (ids []string, people map[string]person) {
	t.Helper()
	cities := []string{"Paris", "Lyon", "Paris", "Berlin", ""}
	people = map[string]person{}
	for i := range 12 {
		p := person{
			Name:   fmt.Sprintf("p%02d", i),
			Age:    float64(20 + (i*7)%30),
			City:   cities[i%len(cities)],
			Tags:   []string{[]string{"vip", "new", "old"}[i%3]},
			Joined: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
		}
		got := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
			"deployment_name": "crm", "collection": "people", "data": p,
		})
		ids = append(ids, got.Get("id").String())
		people[got.Get("id").String()] = p
	}
	mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
		"deployment_name": "crm", "collection": "other", "data": map[string]any{"name": "decoy", "age": 30},
	})
	mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
		"deployment_name": "other", "collection": "people", "data": map[string]any{"name": "decoy", "age": 30},
	})
	return ids, people
}

func TestAgentDataCRUD(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(stepClock(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC))))
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
		"deployment_name": "extractor", "data": map[string]any{"name": "Ada", "nested": map[string]any{"n": 1}},
	})
	id := created.Get("id").String()
	require.NotEmpty(t, id)
	assert.Equal(t, "extractor", created.Get("deployment_name").String())
	assert.Equal(t, "default", created.Get("collection").String())
	assert.Equal(t, srv.ProjectID, created.Get("project_id").String())
	assert.JSONEq(t, `{"name":"Ada","nested":{"n":1}}`, created.Get("data").Raw)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, created.Get("created_at").String())
	assert.Equal(t, created.Get("created_at").String(), created.Get("updated_at").String())

	got := mustSend(t, srv, http.StatusOK, http.MethodGet, agentDataPath+"/"+id, nil)
	assert.JSONEq(t, created.Raw, got.Raw)

	updated := mustSend(t, srv, http.StatusOK, http.MethodPut, agentDataPath+"/"+id, map[string]any{"data": map[string]any{"name": "Grace"}})
	assert.JSONEq(t, `{"name":"Grace"}`, updated.Get("data").Raw, "update overwrites")
	assert.Equal(t, created.Get("created_at").String(), updated.Get("created_at").String())
	assert.Greater(t, updated.Get("updated_at").String(), created.Get("updated_at").String())

	other := srv.ProjectID + "-other"
	srv.AddKey("other-key", other)
	assert.Equal(t, http.StatusNotFound, sendAs(t, srv, "other-key", http.MethodGet, agentDataPath+"/"+id, nil).status, "another project")

	deleted := mustSend(t, srv, http.StatusOK, http.MethodDelete, agentDataPath+"/"+id, nil)
	assert.Equal(t, id, deleted.Get("id").String())
	r := send(t, srv, http.MethodGet, agentDataPath+"/"+id, nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.NotEmpty(t, r.json.Get("detail").String())
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPut, agentDataPath+"/"+id, map[string]any{"data": map[string]any{}}).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodDelete, agentDataPath+"/"+id, nil).status)
}

func TestAgentDataValidation(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		name, method, path string
		body               any
		loc                string
		typ                string
	}{
		{"create without data", http.MethodPost, agentDataPath, `{"deployment_name":"d"}`, `["body","data"]`, "missing"},
		{"create without deployment", http.MethodPost, agentDataPath, `{"data":{}}`, `["body","deployment_name"]`, "missing"},
		{"create with list data", http.MethodPost, agentDataPath, `{"deployment_name":"d","data":[1]}`, `["body","data"]`, "dict_type"},
		{"create with numeric deployment", http.MethodPost, agentDataPath, `{"deployment_name":5,"data":{}}`, `["body","deployment_name"]`, "string_type"},
		{"search without deployment", http.MethodPost, agentDataPath + "/:search", `{}`, `["body","deployment_name"]`, "missing"},
		{"unknown operator", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","filter":{"a":{"like":"x"}}}`, `["body","filter","a","like"]`, "extra_forbidden"},
		{"includes needs a list", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","filter":{"a":{"includes":"x"}}}`, `["body","filter","a","includes"]`, "list_type"},
		{"eq takes a scalar", http.MethodPost, agentDataPath + "/:aggregate", `{"deployment_name":"d","filter":{"a":{"eq":["x"]}}}`, `["body","filter","a","eq"]`, "union_type"},
		{"bad order_by", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","order_by":"a up"}`, `["body","order_by"]`, "value_error"},
		{"zero page size", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","page_size":0}`, `["body","page_size"]`, "greater_than_equal"},
		{"negative offset", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","offset":-1}`, `["body","offset"]`, "greater_than_equal"},
		{"delete by query without deployment", http.MethodPost, agentDataPath + "/:delete", `{"filter":{}}`, `["body","deployment_name"]`, "missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := send(t, srv, tc.method, tc.path, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
			assert.JSONEq(t, tc.loc, r.json.Get("detail.0.loc").Raw)
			assert.Equal(t, tc.typ, r.json.Get("detail.0.type").String())
			assert.NotEmpty(t, r.json.Get("detail.0.msg").String())
		})
	}
	assert.Equal(t, http.StatusBadRequest,
		send(t, srv, http.MethodPost, agentDataPath+"/:search", `{"deployment_name":"d","page_token":"!!"}`).status)
}

func searchIDs(t *testing.T, srv *llamacloudtest.Server, body map[string]any) []string {
	t.Helper()
	body["deployment_name"], body["collection"], body["page_size"] = "crm", "people", 1000
	var ids []string
	for _, it := range mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search", body).Get("items").Array() {
		ids = append(ids, it.Get("id").String())
	}
	return ids
}

func TestAgentDataSearchFilters(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ids, people := seedPeople(t, srv)
	for _, tc := range []struct {
		name   string
		filter string
		keep   func(p person) bool
	}{
		{"eq string", `{"city":{"eq":"Paris"}}`, func(p person) bool { return p.City == "Paris" }},
		{"eq number", `{"age":{"eq":27}}`, func(p person) bool { return p.Age == 27 }},
		{"eq null matches missing", `{"city":{"eq":null}}`, func(p person) bool { return p.City == "" }},
		{"ne", `{"city":{"ne":"Paris"}}`, func(p person) bool { return p.City != "Paris" }},
		{"gt", `{"age":{"gt":30}}`, func(p person) bool { return p.Age > 30 }},
		{"gte", `{"age":{"gte":34}}`, func(p person) bool { return p.Age >= 34 }},
		{"lt", `{"age":{"lt":27}}`, func(p person) bool { return p.Age < 27 }},
		{"lte", `{"age":{"lte":27}}`, func(p person) bool { return p.Age <= 27 }},
		{"range", `{"age":{"gte":25,"lt":40}}`, func(p person) bool { return p.Age >= 25 && p.Age < 40 }},
		{"datetime gt", `{"joined":{"gt":"2024-01-06T12:00:00Z"}}`, func(p person) bool { return p.Joined > "2024-01-06T12:00:00Z" }},
		{"includes", `{"city":{"includes":["Lyon","Berlin"]}}`, func(p person) bool { return p.City == "Lyon" || p.City == "Berlin" }},
		{"excludes", `{"city":{"excludes":["Lyon","Berlin"]}}`, func(p person) bool { return p.City != "Lyon" && p.City != "Berlin" }},
		{"includes on a list field", `{"tags":{"includes":["vip"]}}`, func(p person) bool { return p.Tags[0] == "vip" }},
		{"two fields", `{"city":{"eq":"Paris"},"tags":{"excludes":["new"]}}`, func(p person) bool { return p.City == "Paris" && p.Tags[0] != "new" }},
		{"data prefix", `{"data.name":{"eq":"p03"}}`, func(p person) bool { return p.Name == "p03" }},
		{"no filter", `{}`, func(person) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var want []string
			for _, id := range ids {
				if tc.keep(people[id]) {
					want = append(want, id)
				}
			}
			require.NotEmpty(t, want, "the case must select something")
			if tc.name != "no filter" {
				require.Less(t, len(want), len(ids), "the case must exclude something")
			}
			got := searchIDs(t, srv, map[string]any{"filter": gjson.Parse(tc.filter).Value()})
			assert.Equal(t, want, got, "oldest first by default")
		})
	}
}

func TestAgentDataSearchOrderAndPages(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(stepClock(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC))))
	ids, people := seedPeople(t, srv)

	want := append([]string(nil), ids...)
	sort.SliceStable(want, func(i, j int) bool {
		a, b := people[want[i]], people[want[j]]
		if a.City != b.City {
			return a.City < b.City // missing city ("") sorts first, like null
		}
		return a.Age > b.Age
	})
	assert.Equal(t, want, searchIDs(t, srv, map[string]any{"order_by": "city, age desc"}))
	assert.Equal(t, want, searchIDs(t, srv, map[string]any{"order_by": "data.city asc,data.age DESC"}))
	since := mustSend(t, srv, http.StatusOK, http.MethodGet, agentDataPath+"/"+ids[6], nil).Get("created_at").String()
	assert.Equal(t, ids[6:], searchIDs(t, srv, map[string]any{"filter": map[string]any{"created_at": map[string]any{"gte": since}}}),
		"created_at filters on the item's own timestamp")
	rev := searchIDs(t, srv, map[string]any{"order_by": "created_at desc"})
	require.Len(t, rev, len(ids))
	assert.Equal(t, ids[len(ids)-1], rev[0])

	// Pages of 5 over 12 items: 3 pages by token, total only when asked.
	var paged []string
	token := ""
	for page := 0; ; page++ {
		require.Less(t, page, 4)
		body := map[string]any{"deployment_name": "crm", "collection": "people", "page_size": 5, "order_by": "city, age desc", "include_total": true}
		if token != "" {
			body["page_token"] = token
		}
		got := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search", body)
		assert.Equal(t, int64(12), got.Get("total_size").Int())
		for _, it := range got.Get("items").Array() {
			paged = append(paged, it.Get("id").String())
		}
		token = got.Get("next_page_token").String()
		if token == "" {
			assert.Equal(t, 2, page)
			break
		}
	}
	assert.Equal(t, want, paged)

	got := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search",
		map[string]any{"deployment_name": "crm", "collection": "people", "offset": 10, "page_size": 5})
	assert.False(t, got.Get("total_size").Exists(), "no total unless include_total")
	assert.Len(t, got.Get("items").Array(), 2)
	assert.Equal(t, ids[10], got.Get("items.0.id").String())
	assert.Equal(t, gjson.Null, got.Get("next_page_token").Type)

	huge := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search",
		map[string]any{"deployment_name": "crm", "collection": "people", "page_size": 5000})
	assert.Len(t, huge.Get("items").Array(), 12, "page_size above 1000 is coerced")
}

func TestAgentDataAggregate(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ids, people := seedPeople(t, srv)

	type group struct {
		count int
		first string
	}
	byCity := map[string]*group{}
	var cities []string
	for _, id := range ids {
		p := people[id]
		g, ok := byCity[p.City]
		if !ok {
			g = &group{first: p.Name}
			byCity[p.City] = g
			cities = append(cities, p.City)
		}
		g.count++
	}
	sort.Strings(cities)

	got := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:aggregate", map[string]any{
		"deployment_name": "crm", "collection": "people", "group_by": []string{"city"}, "count": true, "first": true,
	}).Get("items").Array()
	require.Len(t, got, len(cities))
	for i, city := range cities {
		g := got[i]
		if city == "" {
			assert.Equal(t, gjson.Null, g.Get("group_key.city").Type, "missing city groups as null")
		} else {
			assert.Equal(t, city, g.Get("group_key.city").String())
		}
		assert.Equal(t, int64(byCity[city].count), g.Get("count").Int(), city)
		assert.Equal(t, byCity[city].first, g.Get("first_item.name").String(), "first is the oldest")
	}

	byCount := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:aggregate", map[string]any{
		"deployment_name": "crm", "collection": "people", "group_by": []string{"city"}, "count": true, "order_by": "count desc, city",
	}).Get("items").Array()
	require.Len(t, byCount, len(cities))
	for i := 1; i < len(byCount); i++ {
		assert.GreaterOrEqual(t, byCount[i-1].Get("count").Int(), byCount[i].Get("count").Int())
	}
	assert.False(t, byCount[0].Get("first_item").Exists(), "first only when asked")

	two := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:aggregate", map[string]any{
		"deployment_name": "crm", "collection": "people", "group_by": []string{"city", "tags"}, "count": true,
		"filter": map[string]any{"age": map[string]any{"gte": 25}},
	}).Get("items").Array()
	pairs := map[string]int{}
	for _, id := range ids {
		if p := people[id]; p.Age >= 25 {
			pairs[p.City+"/"+p.Tags[0]]++
		}
	}
	require.Len(t, two, len(pairs))
	for _, g := range two {
		key := g.Get("group_key.city").String() + "/" + g.Get("group_key.tags.0").String()
		assert.Equal(t, int64(pairs[key]), g.Get("count").Int(), key)
	}

	all := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:aggregate", map[string]any{
		"deployment_name": "crm", "collection": "people", "count": true,
	}).Get("items").Array()
	require.Len(t, all, 1)
	assert.JSONEq(t, `{}`, all[0].Get("group_key").Raw)
	assert.Equal(t, int64(len(ids)), all[0].Get("count").Int())

	paged := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:aggregate", map[string]any{
		"deployment_name": "crm", "collection": "people", "group_by": []string{"city"}, "page_size": 2,
	})
	assert.Len(t, paged.Get("items").Array(), 2)
	assert.NotEmpty(t, paged.Get("next_page_token").String())
}

func TestAgentDataDeleteByQuery(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ids, people := seedPeople(t, srv)
	want := 0
	var kept []string
	for _, id := range ids {
		if people[id].Age < 30 {
			want++
		} else {
			kept = append(kept, id)
		}
	}
	require.Positive(t, want)
	got := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:delete", map[string]any{
		"deployment_name": "crm", "collection": "people", "filter": map[string]any{"age": map[string]any{"lt": 30}},
	})
	assert.Equal(t, int64(want), got.Get("deleted_count").Int())
	assert.Equal(t, kept, searchIDs(t, srv, map[string]any{}))

	// The decoys in other collections and deployments survive a filterless delete.
	got = mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:delete", map[string]any{"deployment_name": "crm", "collection": "people"})
	assert.Equal(t, int64(len(kept)), got.Get("deleted_count").Int())
	other := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search", map[string]any{"deployment_name": "crm", "collection": "other"})
	assert.Len(t, other.Get("items").Array(), 1)
	assert.True(t, strings.HasPrefix(other.Get("items.0.data.name").String(), "decoy"))
}
