package beta_test

import (
	"context"
	"math"
	"net/url"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// agentDataExampleJSON is the record of the reference's agent-data examples.
const agentDataExampleJSON = `{"data":{"foo":"bar"},"deployment_name":"deployment_name","id":"id","collection":"collection",
	"created_at":"2019-12-27T18:11:19.117Z","project_id":"project_id","updated_at":"2019-12-27T18:11:19.117Z"}`

// assertAgentDataExample checks every field of the reference's example record.
func assertAgentDataExample(t *testing.T, d beta.AgentData) {
	t.Helper()
	assert.Equal(t, map[string]any{"foo": "bar"}, d.Data)
	assert.Equal(t, "deployment_name", d.DeploymentName)
	assert.Equal(t, "id", d.ID)
	assert.Equal(t, "collection", d.Collection)
	assert.Equal(t, exampleTime, d.CreatedAt)
	assert.Equal(t, "project_id", d.ProjectID)
	assert.Equal(t, exampleTime, d.UpdatedAt)
	for name, ok := range map[string]bool{
		"data": d.JSON.Data.Valid(), "deployment_name": d.JSON.DeploymentName.Valid(), "id": d.JSON.ID.Valid(),
		"collection": d.JSON.Collection.Valid(), "created_at": d.JSON.CreatedAt.Valid(),
		"project_id": d.JSON.ProjectID.Valid(), "updated_at": d.JSON.UpdatedAt.Valid(),
	} {
		assert.True(t, ok, "JSON.%s should be valid", name)
	}
	assert.JSONEq(t, `{"foo":"bar"}`, d.JSON.Data.Raw())
	assert.Empty(t, d.JSON.ExtraFields)
	assert.JSONEq(t, agentDataExampleJSON, d.RawJSON())
}

// agentDataQuery is the query every agent-data test call sends.
var agentDataQuery = url.Values{"organization_id": {"org_1"}, "project_id": {"proj_1"}}

// TestAgentDataEndpoints checks the wire request and the decoded example response of each
// of the seven agent-data endpoints.
func TestAgentDataEndpoints(t *testing.T) {
	t.Parallel()
	org, proj := llamacloud.String("org_1"), llamacloud.String("proj_1")
	for _, tc := range []struct {
		name   string
		golden string
		call   func(ctx context.Context, c *llamacloud.Client) (any, error)
		method string
		path   string
		body   string // "" when no body is sent
		check  func(t *testing.T, res any)
	}{
		{
			name: "Get", golden: "agent_data/get.json", method: "GET", path: "/api/v1/beta/agent-data/item%2F1",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.Get(ctx, "item/1", beta.AgentDataGetParams{OrganizationID: org, ProjectID: proj})
			},
			check: func(t *testing.T, res any) { assertAgentDataExample(t, *res.(*beta.AgentData)) },
		},
		{
			name: "Update", golden: "agent_data/update.json", method: "PUT", path: "/api/v1/beta/agent-data/item_1",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.Update(ctx, "item_1", beta.AgentDataUpdateParams{
					Data:           map[string]any{"foo": "bar", "n": 2, "nested": map[string]any{"ok": true}},
					OrganizationID: org, ProjectID: proj,
				})
			},
			body:  `{"data":{"foo":"bar","n":2,"nested":{"ok":true}}}`,
			check: func(t *testing.T, res any) { assertAgentDataExample(t, *res.(*beta.AgentData)) },
		},
		{
			name: "Delete", golden: "agent_data/delete.json", method: "DELETE", path: "/api/v1/beta/agent-data/item_1",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.Delete(ctx, "item_1", beta.AgentDataDeleteParams{OrganizationID: org, ProjectID: proj})
			},
			check: func(t *testing.T, res any) {
				r := res.(*beta.AgentDataDeleteResponse)
				assert.Equal(t, map[string]string{"foo": "string"}, r.Values)
				require.Contains(t, r.JSON.ExtraFields, "foo")
				assert.Equal(t, `"string"`, r.JSON.ExtraFields["foo"].Raw())
				assert.JSONEq(t, `{"foo":"string"}`, r.RawJSON())
			},
		},
		{
			name: "New", golden: "agent_data/new.json", method: "POST", path: "/api/v1/beta/agent-data",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.New(ctx, beta.AgentDataNewParams{
					Data:           map[string]any{"foo": "bar"},
					DeploymentName: "deployment_name",
					Collection:     llamacloud.String("invoices"),
					OrganizationID: org, ProjectID: proj,
				})
			},
			body:  `{"data":{"foo":"bar"},"deployment_name":"deployment_name","collection":"invoices"}`,
			check: func(t *testing.T, res any) { assertAgentDataExample(t, *res.(*beta.AgentData)) },
		},
		{
			name: "Search", golden: "agent_data/search.json", method: "POST", path: "/api/v1/beta/agent-data/:search",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{
					DeploymentName: "deployment_name",
					Collection:     llamacloud.String("invoices"),
					Filter: map[string]beta.AgentDataFilter{
						"status": {Eq: beta.AgentDataFilterString("approved"), Ne: beta.AgentDataFilterNull()},
						"score": {
							Gt: beta.AgentDataFilterFloat(0.5), Gte: beta.AgentDataFilterFloat(1),
							Lt: beta.AgentDataFilterFloat(10), Lte: beta.AgentDataFilterFloat(9.25),
						},
						"due": {Gte: beta.AgentDataFilterTime(exampleTime.In(time.FixedZone("X", 3600)))},
						"tag": {Includes: beta.AgentDataFilterStrings("red", "blue")},
						"code": {Excludes: []beta.AgentDataFilterValue{
							beta.AgentDataFilterFloat(3), beta.AgentDataFilterNull(),
							beta.AgentDataFilterTime(exampleTime), {OfString: param.NewOpt("")},
						}},
						"rank": {Includes: beta.AgentDataFilterFloats(1, 2.5)},
					},
					IncludeTotal:   llamacloud.Bool(true),
					Offset:         llamacloud.Int(0),
					OrderBy:        llamacloud.String("data.score desc,created_at"),
					PageSize:       llamacloud.Int(50),
					PageToken:      llamacloud.String("tok_0"),
					OrganizationID: org, ProjectID: proj,
				})
			},
			body: `{"deployment_name":"deployment_name","collection":"invoices",
				"filter":{
					"status":{"eq":"approved","ne":null},
					"score":{"gt":0.5,"gte":1,"lt":10,"lte":9.25},
					"due":{"gte":"2019-12-27T18:11:19.117Z"},
					"tag":{"includes":["red","blue"]},
					"code":{"excludes":[3,null,"2019-12-27T18:11:19.117Z",""]},
					"rank":{"includes":[1,2.5]}
				},
				"include_total":true,"offset":0,"order_by":"data.score desc,created_at","page_size":50,"page_token":"tok_0"}`,
			check: func(t *testing.T, res any) {
				page := res.(*pagination.PaginatedCursorPost[beta.AgentData])
				require.Len(t, page.Items, 1)
				assertAgentDataExample(t, page.Items[0])
				assert.Equal(t, "next_page_token", page.NextPageToken)
				assert.Equal(t, int64(0), page.TotalSize)
				assert.True(t, page.JSON.TotalSize.Valid())
				assert.JSONEq(t, string(golden(t, "agent_data/search.json")), page.RawJSON())
			},
		},
		{
			name: "Aggregate", golden: "agent_data/aggregate.json", method: "POST", path: "/api/v1/beta/agent-data/:aggregate",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.Aggregate(ctx, beta.AgentDataAggregateParams{
					DeploymentName: "deployment_name",
					Collection:     llamacloud.String("invoices"),
					Count:          llamacloud.Bool(true),
					Filter:         map[string]beta.AgentDataFilter{"score": {Gte: beta.AgentDataFilterFloat(0.8)}},
					First:          llamacloud.Bool(false),
					GroupBy:        []string{"data.status", "data.owner"},
					Offset:         llamacloud.Int(10),
					OrderBy:        llamacloud.String("data.status"),
					PageSize:       llamacloud.Int(5),
					OrganizationID: org, ProjectID: proj,
				})
			},
			body: `{"deployment_name":"deployment_name","collection":"invoices","count":true,
				"filter":{"score":{"gte":0.8}},"first":false,"group_by":["data.status","data.owner"],
				"offset":10,"order_by":"data.status","page_size":5}`,
			check: func(t *testing.T, res any) {
				page := res.(*pagination.PaginatedCursorPost[beta.AgentDataAggregateResponse])
				require.Len(t, page.Items, 1)
				g := page.Items[0]
				assert.Equal(t, map[string]any{"foo": "bar"}, g.GroupKey)
				assert.Equal(t, int64(0), g.Count)
				assert.Equal(t, map[string]any{"foo": "bar"}, g.FirstItem)
				assert.True(t, g.JSON.GroupKey.Valid())
				assert.True(t, g.JSON.Count.Valid())
				assert.True(t, g.JSON.FirstItem.Valid())
				assert.Empty(t, g.JSON.ExtraFields)
				assert.JSONEq(t, `{"group_key":{"foo":"bar"},"count":0,"first_item":{"foo":"bar"}}`, g.RawJSON())
				assert.Equal(t, "next_page_token", page.NextPageToken)
				assert.Equal(t, int64(0), page.TotalSize)
				assert.JSONEq(t, string(golden(t, "agent_data/aggregate.json")), page.RawJSON())
			},
		},
		{
			name: "DeleteByQuery", golden: "agent_data/delete_by_query.json", method: "POST", path: "/api/v1/beta/agent-data/:delete",
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.AgentData.DeleteByQuery(ctx, beta.AgentDataDeleteByQueryParams{
					DeploymentName: "deployment_name",
					Collection:     llamacloud.String("invoices"),
					Filter: map[string]beta.AgentDataFilter{
						"created": {Lt: beta.AgentDataFilterTime(exampleTime)},
						"status":  {Includes: beta.AgentDataFilterStrings("stale")},
					},
					OrganizationID: org, ProjectID: proj,
				})
			},
			body: `{"deployment_name":"deployment_name","collection":"invoices",
				"filter":{"created":{"lt":"2019-12-27T18:11:19.117Z"},"status":{"includes":["stale"]}}}`,
			check: func(t *testing.T, res any) {
				r := res.(*beta.AgentDataDeleteByQueryResponse)
				assert.Equal(t, int64(0), r.DeletedCount)
				assert.True(t, r.JSON.DeletedCount.Valid())
				assert.JSONEq(t, `{"deleted_count":0}`, r.RawJSON())
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, tc.golden))
			res, err := tc.call(context.Background(), client)
			require.NoError(t, err)
			s := reqs.Next(t)
			assertCommonHeaders(t, s)
			assert.Equal(t, tc.method, s.Method)
			assert.Equal(t, tc.path, s.Path)
			assert.Equal(t, agentDataQuery, s.Query)
			if tc.body == "" {
				assert.Empty(t, s.Body)
			} else {
				assert.JSONEq(t, tc.body, string(s.Body))
			}
			tc.check(t, res)
		})
	}
}

// agentDataPage returns a search or aggregate page body holding items, with next as its
// next_page_token.
func agentDataPage(next string, items ...string) []byte {
	b := `{"items":[`
	for i, it := range items {
		if i > 0 {
			b += ","
		}
		b += it
	}
	return []byte(b + `],"next_page_token":"` + next + `","total_size":4}`)
}

// TestAgentDataAutoPaging walks three pages of Search and of Aggregate and checks that each
// page after the first asks for the previous page's token in the JSON body, keeping the
// other body fields and the query, and that nothing is fetched before the first Next or
// after the last page.
func TestAgentDataAutoPaging(t *testing.T) {
	t.Parallel()
	rec := func(id string) string { return `{"id":"` + id + `","deployment_name":"d","data":{"n":"` + id + `"}}` }
	grp := func(k string) string { return `{"group_key":{"status":"` + k + `"},"count":2}` }
	for _, tc := range []struct {
		name     string
		pages    [][]byte
		path     string
		baseBody string // the body of the first request
		walk     func(ctx context.Context, c *llamacloud.Client) ([]string, error)
		want     []string
	}{
		{
			name: "Search",
			pages: [][]byte{
				agentDataPage("t1", rec("a"), rec("b")), agentDataPage("t2", rec("c")), agentDataPage("", rec("d")),
			},
			path:     "/api/v1/beta/agent-data/:search",
			baseBody: `{"deployment_name":"d","filter":{"n":{"ne":"x"}},"order_by":"created_at desc","page_size":2}`,
			walk: func(ctx context.Context, c *llamacloud.Client) ([]string, error) {
				pager := c.Beta.AgentData.SearchAutoPaging(ctx, beta.AgentDataSearchParams{
					DeploymentName: "d",
					Filter:         map[string]beta.AgentDataFilter{"n": {Ne: beta.AgentDataFilterString("x")}},
					OrderBy:        llamacloud.String("created_at desc"),
					PageSize:       llamacloud.Int(2),
					OrganizationID: llamacloud.String("org_1"),
					ProjectID:      llamacloud.String("proj_1"),
				})
				var ids []string
				for d, err := range pager.All() {
					if err != nil {
						return ids, err
					}
					ids = append(ids, d.ID+"="+d.Data["n"].(string))
				}
				return ids, nil
			},
			want: []string{"a=a", "b=b", "c=c", "d=d"},
		},
		{
			name: "Aggregate",
			pages: [][]byte{
				agentDataPage("t1", grp("new")), agentDataPage("t2", grp("open"), grp("done")), agentDataPage("", grp("lost")),
			},
			path:     "/api/v1/beta/agent-data/:aggregate",
			baseBody: `{"deployment_name":"d","count":true,"group_by":["status"]}`,
			walk: func(ctx context.Context, c *llamacloud.Client) ([]string, error) {
				pager := c.Beta.AgentData.AggregateAutoPaging(ctx, beta.AgentDataAggregateParams{
					DeploymentName: "d",
					Count:          llamacloud.Bool(true),
					GroupBy:        []string{"status"},
					OrganizationID: llamacloud.String("org_1"),
					ProjectID:      llamacloud.String("proj_1"),
				})
				var keys []string
				for pager.Next() {
					g := pager.Current()
					keys = append(keys, g.GroupKey["status"].(string))
					assert.Equal(t, int64(2), g.Count)
				}
				return keys, pager.Err()
			},
			want: []string{"new", "open", "done", "lost"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			replies := make([]testserver.Reply, len(tc.pages))
			for i, p := range tc.pages {
				replies[i] = testserver.Reply{Body: p}
			}
			client, reqs := newTestServer(t, replies)
			got, err := tc.walk(context.Background(), client)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			for i, token := range []string{"", "t1", "t2"} {
				s := reqs.Next(t)
				assert.Equal(t, "POST", s.Method, "page %d", i+1)
				assert.Equal(t, tc.path, s.Path, "page %d", i+1)
				assert.Equal(t, agentDataQuery, s.Query, "page %d: org and project stay in the query", i+1)
				want := tc.baseBody
				if token != "" {
					want = want[:len(want)-1] + `,"page_token":"` + token + `"}`
				}
				assert.JSONEq(t, want, string(s.Body), "page %d", i+1)
			}
			assert.Empty(t, reqs.Unread(), "no request after the last page")
		})
	}
}

// TestAgentDataAutoPagingLazy checks that an auto-pager sends nothing until it is pulled.
func TestAgentDataAutoPagingLazy(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, agentDataPage("", `{"id":"a"}`))
	pager := client.Beta.AgentData.SearchAutoPaging(context.Background(), beta.AgentDataSearchParams{DeploymentName: "d"})
	require.Empty(t, reqs.Unread(), "the pager fetched before the first Next")
	require.True(t, pager.Next())
	assert.Equal(t, "a", pager.Current().ID)
	assert.False(t, pager.Next())
	require.NoError(t, pager.Err())
	assert.JSONEq(t, `{"deployment_name":"d"}`, string(reqs.Next(t).Body))
}

// TestAgentDataFilterValueErrors checks that a filter operand with no variant or several
// variants set, or a number JSON cannot hold, fails the call before anything is sent.
func TestAgentDataFilterValueErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		filter beta.AgentDataFilter
		want   string
	}{
		{"two variants", beta.AgentDataFilter{Eq: beta.AgentDataFilterValue{
			OfFloat: param.NewOpt(1.0), OfString: param.NewOpt("1"),
		}}, `beta.AgentDataFilterValue has 2 variants set (OfFloat, OfString)`},
		{"null and a value", beta.AgentDataFilter{Ne: beta.AgentDataFilterValue{
			OfString: param.Null[string](), OfTime: param.NewOpt(exampleTime),
		}}, `beta.AgentDataFilterValue has 2 variants set (OfString, OfTime)`},
		{"empty in a list", beta.AgentDataFilter{Includes: []beta.AgentDataFilterValue{
			beta.AgentDataFilterString("a"), {},
		}}, `beta.AgentDataFilterValue has no variant set`},
		{"NaN", beta.AgentDataFilter{Gt: beta.AgentDataFilterFloat(math.NaN())}, "NaN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, "agent_data/delete_by_query.json"))
			_, err := client.Beta.AgentData.DeleteByQuery(context.Background(), beta.AgentDataDeleteByQueryParams{
				DeploymentName: "d",
				Filter:         map[string]beta.AgentDataFilter{"f": tc.filter},
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "llamacloud:")
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, reqs.Unread(), "nothing is sent")
		})
	}
}

// TestAgentDataFilterValueMarshal checks each operand kind on its own with encoding/json,
// which callers may use to log their params.
func TestAgentDataFilterValueMarshal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v    beta.AgentDataFilterValue
		want string
	}{
		{beta.AgentDataFilterFloat(-2.5), `-2.5`},
		{beta.AgentDataFilterString(`a"b`), `"a\"b"`},
		{beta.AgentDataFilterTime(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)), `"2024-01-02T03:04:05.000Z"`},
		{beta.AgentDataFilterNull(), `null`},
		{beta.AgentDataFilterValue{OfFloat: param.Null[float64]()}, `null`},
	} {
		b, err := tc.v.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(b))
	}
}

// TestAgentDataEmptyItemID checks that an empty or blank item ID fails before sending.
func TestAgentDataEmptyItemID(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "agent_data/get.json"))
	ctx := context.Background()
	_, err := client.Beta.AgentData.Get(ctx, "", beta.AgentDataGetParams{})
	assert.ErrorContains(t, err, "llamacloud:")
	_, err = client.Beta.AgentData.Update(ctx, " ", beta.AgentDataUpdateParams{})
	assert.ErrorContains(t, err, "llamacloud:")
	_, err = client.Beta.AgentData.Delete(ctx, "", beta.AgentDataDeleteParams{})
	assert.ErrorContains(t, err, "llamacloud:")
	assert.Empty(t, reqs.Unread(), "nothing is sent")
}

// TestAgentDataRequiredBodyFields checks that required maps are sent as {} when nil and
// that unset optional fields are left out.
func TestAgentDataRequiredBodyFields(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "agent_data/new.json"))
	_, err := client.Beta.AgentData.New(context.Background(), beta.AgentDataNewParams{DeploymentName: "d"})
	require.NoError(t, err)
	s := reqs.Next(t)
	assert.JSONEq(t, `{"data":{},"deployment_name":"d"}`, string(s.Body))
	assert.Empty(t, s.Query)
}
