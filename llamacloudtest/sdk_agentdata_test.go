package llamacloudtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const (
	sdkAgentDataPath = "/api/v1/beta/agent-data"
	leadDeployment   = "crm"
	leadCollection   = "leads"
)

// lead is a record of the agent data tests as the test knows it.
type lead struct {
	id      string
	created time.Time
	name    string
	score   float64
	region  string
	status  string
	due     time.Time
	owner   string // "" for none
}

func (l lead) data() map[string]any {
	d := map[string]any{"name": l.name, "score": l.score, "region": l.region, "status": l.status, "due": l.due.Format("2006-01-02T15:04:05.000Z")}
	if l.owner != "" {
		d["owner"] = l.owner
	}
	return d
}

// leadDue is the due date of the first lead; each next lead is due a day later.
var leadDue = time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)

// seedLeads stores n leads in the leads collection, plus records in other collections and
// deployments that no query of the leads may return.
func seedLeads(t *testing.T, ctx context.Context, client *llamacloud.Client, n int) []lead {
	t.Helper()
	regions := []string{"emea", "apac", "amer", "latam"}
	statuses := []string{"new", "won", "lost"}
	var leads []lead
	for i := range n {
		l := lead{
			name: fmt.Sprintf("lead-%02d", i), score: float64(i * 7 % 10), region: regions[i%4], status: statuses[i%3],
			due: leadDue.Add(time.Duration(i) * 24 * time.Hour),
		}
		if i%5 == 0 {
			l.owner = []string{"ana", "bo"}[i/5%2]
		}
		rec, err := client.Beta.AgentData.New(ctx, beta.AgentDataNewParams{
			DeploymentName: leadDeployment, Collection: llamacloud.String(leadCollection), Data: l.data(),
		})
		require.NoError(t, err)
		l.id, l.created = rec.ID, rec.CreatedAt
		leads = append(leads, l)
	}
	for _, p := range []beta.AgentDataNewParams{
		{DeploymentName: leadDeployment, Data: map[string]any{"name": "lead-default", "status": "won", "score": 9.0}},
		{DeploymentName: leadDeployment, Collection: llamacloud.String("archive"), Data: map[string]any{"name": "lead-old", "status": "won"}},
		{DeploymentName: "other", Collection: llamacloud.String(leadCollection), Data: map[string]any{"name": "lead-x", "status": "won"}},
	} {
		_, err := client.Beta.AgentData.New(ctx, p)
		require.NoError(t, err)
	}
	return leads
}

func TestSDKAgentDataCRUD(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t)
	ad := client.Beta.AgentData

	rec, err := ad.New(ctx, beta.AgentDataNewParams{DeploymentName: "extractor", Data: map[string]any{
		"invoice": "INV-7", "total": 120.5, "lines": []any{map[string]any{"sku": "A", "qty": 2.0}}, "paid": false,
	}})
	require.NoError(t, err)
	assert.Regexp(t, `^agd-\d{12}$`, rec.ID)
	assert.Equal(t, "extractor", rec.DeploymentName)
	assert.Equal(t, "default", rec.Collection, "no collection stores in the default one")
	assert.Equal(t, srv.ProjectID, rec.ProjectID)
	assert.Equal(t, map[string]any{"invoice": "INV-7", "total": 120.5, "lines": []any{map[string]any{"sku": "A", "qty": 2.0}}, "paid": false}, rec.Data)
	assert.False(t, rec.CreatedAt.IsZero())

	got, err := ad.Get(ctx, rec.ID, beta.AgentDataGetParams{})
	require.NoError(t, err)
	assert.Equal(t, rec.Data, got.Data)
	assert.Equal(t, rec.CreatedAt, got.CreatedAt)

	updated, err := ad.Update(ctx, rec.ID, beta.AgentDataUpdateParams{Data: map[string]any{"invoice": "INV-7", "paid": true}})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"invoice": "INV-7", "paid": true}, updated.Data, "the data is replaced whole")
	assert.Equal(t, rec.CreatedAt, updated.CreatedAt)
	assert.False(t, updated.UpdatedAt.Before(rec.UpdatedAt))
	puts := requestsTo(srv, http.MethodPut, sdkAgentDataPath+"/"+rec.ID)
	require.Len(t, puts, 1)
	assert.JSONEq(t, `{"data":{"invoice":"INV-7","paid":true}}`, string(puts[0].Body))

	deleted, err := ad.Delete(ctx, rec.ID, beta.AgentDataDeleteParams{})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"id": rec.ID, "status": "deleted"}, deleted.Values)
	_, err = ad.Get(ctx, rec.ID, beta.AgentDataGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = ad.Update(ctx, rec.ID, beta.AgentDataUpdateParams{Data: map[string]any{}})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = ad.Delete(ctx, rec.ID, beta.AgentDataDeleteParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}

// searchLeads returns the IDs of every lead matching the filter, in the order the service lists
// them.
func searchLeads(t *testing.T, ctx context.Context, client *llamacloud.Client, filter map[string]beta.AgentDataFilter, orderBy string) []string {
	t.Helper()
	params := beta.AgentDataSearchParams{DeploymentName: leadDeployment, Collection: llamacloud.String(leadCollection), Filter: filter, PageSize: llamacloud.Int(1000)}
	if orderBy != "" {
		params.OrderBy = llamacloud.String(orderBy)
	}
	ids := []string{}
	for rec, err := range client.Beta.AgentData.SearchAutoPaging(ctx, params).All() {
		require.NoError(t, err)
		assert.Equal(t, leadDeployment, rec.DeploymentName)
		assert.Equal(t, leadCollection, rec.Collection)
		ids = append(ids, rec.ID)
	}
	return ids
}

// TestSDKAgentDataFilters checks that each operator selects exactly the records the test selects
// from what it stored.
func TestSDKAgentDataFilters(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithClock(stepClock(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))))
	leads := seedLeads(t, ctx, client, 23)
	f := beta.AgentDataFilterFloat
	s := beta.AgentDataFilterString
	tm := beta.AgentDataFilterTime
	cut := leadDue.Add(7 * 24 * time.Hour) // the due date of lead 7
	for _, tc := range []struct {
		name   string
		filter map[string]beta.AgentDataFilter
		keep   func(l lead) bool
	}{
		{"none", nil, func(lead) bool { return true }},
		{"eq string", map[string]beta.AgentDataFilter{"status": {Eq: s("won")}}, func(l lead) bool { return l.status == "won" }},
		{"ne string", map[string]beta.AgentDataFilter{"status": {Ne: s("won")}}, func(l lead) bool { return l.status != "won" }},
		{"eq number", map[string]beta.AgentDataFilter{"score": {Eq: f(7)}}, func(l lead) bool { return l.score == 7 }},
		{"ne number", map[string]beta.AgentDataFilter{"score": {Ne: f(7)}}, func(l lead) bool { return l.score != 7 }},
		{"gt", map[string]beta.AgentDataFilter{"score": {Gt: f(5)}}, func(l lead) bool { return l.score > 5 }},
		{"gte", map[string]beta.AgentDataFilter{"score": {Gte: f(5)}}, func(l lead) bool { return l.score >= 5 }},
		{"lt", map[string]beta.AgentDataFilter{"score": {Lt: f(3)}}, func(l lead) bool { return l.score < 3 }},
		{"lte", map[string]beta.AgentDataFilter{"score": {Lte: f(3)}}, func(l lead) bool { return l.score <= 3 }},
		{"gte and lt", map[string]beta.AgentDataFilter{"score": {Gte: f(2), Lt: f(6)}}, func(l lead) bool { return l.score >= 2 && l.score < 6 }},
		{"gt string", map[string]beta.AgentDataFilter{"name": {Gt: s("lead-17")}}, func(l lead) bool { return l.name > "lead-17" }},
		{"includes", map[string]beta.AgentDataFilter{"region": {Includes: beta.AgentDataFilterStrings("emea", "apac", "mars")}},
			func(l lead) bool { return l.region == "emea" || l.region == "apac" }},
		{"excludes", map[string]beta.AgentDataFilter{"region": {Excludes: beta.AgentDataFilterStrings("emea", "apac")}},
			func(l lead) bool { return l.region != "emea" && l.region != "apac" }},
		{"includes numbers", map[string]beta.AgentDataFilter{"score": {Includes: beta.AgentDataFilterFloats(0, 9)}},
			func(l lead) bool { return l.score == 0 || l.score == 9 }},
		{"excludes numbers", map[string]beta.AgentDataFilter{"score": {Excludes: beta.AgentDataFilterFloats(0, 9)}},
			func(l lead) bool { return l.score != 0 && l.score != 9 }},
		{"gt time", map[string]beta.AgentDataFilter{"due": {Gt: tm(cut)}}, func(l lead) bool { return l.due.After(cut) }},
		{"lte time", map[string]beta.AgentDataFilter{"due": {Lte: tm(cut)}}, func(l lead) bool { return !l.due.After(cut) }},
		{"time in another zone", map[string]beta.AgentDataFilter{"due": {Lt: tm(cut.In(time.FixedZone("UTC+2", 7200)))}},
			func(l lead) bool { return l.due.Before(cut) }},
		{"created_at", map[string]beta.AgentDataFilter{"created_at": {Gte: tm(leads[10].created)}},
			func(l lead) bool { return !l.created.Before(leads[10].created) }},
		{"ne null", map[string]beta.AgentDataFilter{"owner": {Ne: beta.AgentDataFilterNull()}}, func(l lead) bool { return l.owner != "" }},
		{"eq null", map[string]beta.AgentDataFilter{"owner": {Eq: beta.AgentDataFilterNull()}}, func(l lead) bool { return l.owner == "" }},
		{"two fields", map[string]beta.AgentDataFilter{"status": {Eq: s("won")}, "score": {Gte: f(4)}},
			func(l lead) bool { return l.status == "won" && l.score >= 4 }},
		{"no match", map[string]beta.AgentDataFilter{"status": {Eq: s("stalled")}}, func(lead) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := []string{}
			for _, l := range leads {
				if tc.keep(l) {
					want = append(want, l.id)
				}
			}
			assert.Equal(t, want, searchLeads(t, ctx, client, tc.filter, ""))
		})
	}

	// How filter values go on the wire.
	srv.ClearRequests()
	searchLeads(t, ctx, client, map[string]beta.AgentDataFilter{
		"due":    {Gt: tm(cut)},
		"owner":  {Ne: beta.AgentDataFilterNull()},
		"region": {Includes: beta.AgentDataFilterStrings("emea")},
	}, "")
	bodies := requestsTo(srv, http.MethodPost, sdkAgentDataPath+"/:search")
	require.Len(t, bodies, 1)
	assert.JSONEq(t, `{"due":{"gt":"2025-01-08T09:00:00.000Z"},"owner":{"ne":null},"region":{"includes":["emea"]}}`,
		gjson.GetBytes(bodies[0].Body, "filter").Raw)
}

// TestSDKAgentDataSearchPages orders and pages a search, with page_token in the JSON body.
func TestSDKAgentDataSearchPages(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithClock(stepClock(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))))
	leads := seedLeads(t, ctx, client, 23)

	// order_by: score descending, then name.
	sorted := append([]lead(nil), leads...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].score != sorted[j].score {
			return sorted[i].score > sorted[j].score
		}
		return sorted[i].name < sorted[j].name
	})
	var want []string
	for _, l := range sorted {
		want = append(want, l.id)
	}
	assert.Equal(t, want, searchLeads(t, ctx, client, nil, "score desc, name"))
	assert.Equal(t, want, searchLeads(t, ctx, client, nil, "data.score DESC,data.name asc"))

	// Five pages of five, one request each.
	srv.ClearRequests()
	params := beta.AgentDataSearchParams{
		DeploymentName: leadDeployment, Collection: llamacloud.String(leadCollection), PageSize: llamacloud.Int(5),
		IncludeTotal: llamacloud.Bool(true), OrderBy: llamacloud.String("score desc, name"),
	}
	var got []string
	for rec, err := range client.Beta.AgentData.SearchAutoPaging(ctx, params).All() {
		require.NoError(t, err)
		got = append(got, rec.ID)
	}
	assert.Equal(t, want, got)
	reqs := requestsTo(srv, http.MethodPost, sdkAgentDataPath+"/:search")
	require.Len(t, reqs, 5)
	tokens := map[string]bool{}
	for i, r := range reqs {
		body := gjson.ParseBytes(r.Body)
		assert.Equal(t, leadDeployment, body.Get("deployment_name").String(), "request %d", i)
		assert.Equal(t, leadCollection, body.Get("collection").String())
		assert.EqualValues(t, 5, body.Get("page_size").Int())
		assert.Equal(t, "score desc, name", body.Get("order_by").String())
		assert.Empty(t, r.RawQuery, "paging stays in the body")
		tok := body.Get("page_token")
		if i == 0 {
			assert.False(t, tok.Exists(), "the first page has no token")
			continue
		}
		require.True(t, tok.Exists(), "request %d has no page_token: %s", i, r.Body)
		assert.False(t, tokens[tok.String()])
		tokens[tok.String()] = true
	}

	page, err := client.Beta.AgentData.Search(ctx, params)
	require.NoError(t, err)
	assert.EqualValues(t, len(leads), page.TotalSize)
	assert.Len(t, page.Items, 5)
	require.NotEmpty(t, page.NextPageToken)
	next, err := page.GetNextPage()
	require.NoError(t, err)
	require.NotNil(t, next)
	assert.Equal(t, want[5], next.Items[0].ID)

	offset := params
	offset.Offset = llamacloud.Int(20)
	page, err = client.Beta.AgentData.Search(ctx, offset)
	require.NoError(t, err)
	require.Len(t, page.Items, 3)
	assert.Equal(t, want[20], page.Items[0].ID)
	assert.Empty(t, page.NextPageToken)
}

// aggregateGroup is one group as the tests compute and compare it.
type aggregateGroup struct {
	Key   map[string]any
	Count int64
	First map[string]any
}

// TestSDKAggregate checks group_by with count and first against groups computed in the test.
func TestSDKAggregate(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t)
	leads := seedLeads(t, ctx, client, 23)

	group := func(keep func(lead) bool, fields ...string) []aggregateGroup {
		byKey := map[string]*aggregateGroup{}
		var out []*aggregateGroup
		for _, l := range leads { // oldest first, so the first member is the first item
			if !keep(l) {
				continue
			}
			key := map[string]any{}
			for _, f := range fields {
				key[f] = l.data()[f]
			}
			b, err := json.Marshal(key)
			require.NoError(t, err)
			g, ok := byKey[string(b)]
			if !ok {
				g = &aggregateGroup{Key: key, First: l.data()}
				byKey[string(b)] = g
				out = append(out, g)
			}
			g.Count++
		}
		sort.SliceStable(out, func(i, j int) bool { // group-key order
			for _, f := range fields {
				a, b := fmt.Sprint(out[i].Key[f]), fmt.Sprint(out[j].Key[f])
				if a != b {
					return a < b
				}
			}
			return false
		})
		groups := make([]aggregateGroup, len(out))
		for i, g := range out {
			groups[i] = *g
		}
		return groups
	}
	aggregate := func(params beta.AgentDataAggregateParams) []aggregateGroup {
		t.Helper()
		params.DeploymentName, params.Collection = leadDeployment, llamacloud.String(leadCollection)
		var out []aggregateGroup
		for g, err := range client.Beta.AgentData.AggregateAutoPaging(ctx, params).All() {
			require.NoError(t, err)
			out = append(out, aggregateGroup{Key: g.GroupKey, Count: g.Count, First: g.FirstItem})
		}
		return out
	}
	all := func(lead) bool { return true }

	// 4 regions × 3 statuses: 12 groups, over four pages of three.
	srv.ClearRequests()
	want := group(all, "region", "status")
	require.Len(t, want, 12)
	assert.Equal(t, want, aggregate(beta.AgentDataAggregateParams{GroupBy: []string{"region", "status"}, Count: llamacloud.Bool(true), First: llamacloud.Bool(true), PageSize: llamacloud.Int(3)}))
	reqs := requestsTo(srv, http.MethodPost, sdkAgentDataPath+"/:aggregate")
	require.Len(t, reqs, 4)
	for i, r := range reqs {
		assert.Equal(t, i > 0, gjson.GetBytes(r.Body, "page_token").Exists(), "request %d: %s", i, r.Body)
	}

	// Filtered, one field, count only.
	keepHigh := func(l lead) bool { return l.score >= 5 }
	wantHigh := group(keepHigh, "status")
	for i := range wantHigh {
		wantHigh[i].First = nil
	}
	assert.Equal(t, wantHigh, aggregate(beta.AgentDataAggregateParams{
		GroupBy: []string{"status"}, Count: llamacloud.Bool(true),
		Filter: map[string]beta.AgentDataFilter{"score": {Gte: beta.AgentDataFilterFloat(5)}},
	}))

	// Ordered by count, largest first.
	byCount := group(all, "region")
	sort.SliceStable(byCount, func(i, j int) bool { return byCount[i].Count > byCount[j].Count })
	for i := range byCount {
		byCount[i].First = nil
	}
	assert.Equal(t, byCount, aggregate(beta.AgentDataAggregateParams{GroupBy: []string{"region"}, Count: llamacloud.Bool(true), OrderBy: llamacloud.String("count desc")}))

	// No group_by: one group of everything.
	whole := aggregate(beta.AgentDataAggregateParams{Count: llamacloud.Bool(true), First: llamacloud.Bool(true)})
	require.Len(t, whole, 1)
	assert.Empty(t, whole[0].Key)
	assert.EqualValues(t, len(leads), whole[0].Count)
	assert.Equal(t, leads[0].data(), whole[0].First)

	// Neither count nor first asked: keys only.
	keysOnly := aggregate(beta.AgentDataAggregateParams{GroupBy: []string{"status"}})
	require.Len(t, keysOnly, 3)
	for _, g := range keysOnly {
		assert.Zero(t, g.Count)
		assert.Nil(t, g.First)
	}
}

func TestSDKAgentDataDeleteByQuery(t *testing.T) {
	t.Parallel()
	_, client, ctx := sdkServer(t)
	leads := seedLeads(t, ctx, client, 23)
	var lost, kept []string
	for _, l := range leads {
		if l.status == "lost" && l.score < 8 {
			lost = append(lost, l.id)
		} else {
			kept = append(kept, l.id)
		}
	}
	require.NotEmpty(t, lost)
	res, err := client.Beta.AgentData.DeleteByQuery(ctx, beta.AgentDataDeleteByQueryParams{
		DeploymentName: leadDeployment, Collection: llamacloud.String(leadCollection),
		Filter: map[string]beta.AgentDataFilter{"status": {Eq: beta.AgentDataFilterString("lost")}, "score": {Lt: beta.AgentDataFilterFloat(8)}},
	})
	require.NoError(t, err)
	assert.EqualValues(t, len(lost), res.DeletedCount)
	assert.Equal(t, kept, searchLeads(t, ctx, client, nil, ""))
	for _, id := range lost {
		_, err := client.Beta.AgentData.Get(ctx, id, beta.AgentDataGetParams{})
		assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	}

	// Without a filter the collection is emptied; other collections stay.
	res, err = client.Beta.AgentData.DeleteByQuery(ctx, beta.AgentDataDeleteByQueryParams{DeploymentName: leadDeployment, Collection: llamacloud.String(leadCollection)})
	require.NoError(t, err)
	assert.EqualValues(t, len(kept), res.DeletedCount)
	assert.Empty(t, searchLeads(t, ctx, client, nil, ""))
	page, err := client.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{DeploymentName: leadDeployment, IncludeTotal: llamacloud.Bool(true)})
	require.NoError(t, err)
	assert.EqualValues(t, 1, page.TotalSize, "the default collection keeps its record")
	require.Len(t, page.Items, 1)
	assert.Equal(t, "lead-default", page.Items[0].Data["name"])
}
