package beta_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// assertSplitJobExample checks every field of the reference's example split job; raw is
// the job's JSON in the golden file.
func assertSplitJobExample(t *testing.T, j beta.SplitJob, raw string) {
	t.Helper()
	assert.Equal(t, "id", j.ID)
	require.Len(t, j.Categories, 1)
	assert.Equal(t, "x", j.Categories[0].Name)
	assert.Equal(t, "x", j.Categories[0].Description)
	assert.True(t, j.Categories[0].JSON.Description.Valid())
	assert.JSONEq(t, `{"name":"x","description":"x"}`, j.Categories[0].RawJSON())
	assert.Equal(t, beta.SplitDocumentInputType("type"), j.DocumentInput.Type)
	assert.Equal(t, "value", j.DocumentInput.Value)
	assert.JSONEq(t, `{"type":"type","value":"value"}`, j.DocumentInput.RawJSON())
	assert.Equal(t, "project_id", j.ProjectID)
	assert.Equal(t, beta.SplitJobStatus("status"), j.Status)
	assert.Equal(t, "user_id", j.UserID)
	assert.Equal(t, "configuration_id", j.ConfigurationID)
	assert.Equal(t, exampleTime, j.CreatedAt)
	assert.Equal(t, "error_message", j.ErrorMessage)
	require.Len(t, j.Result.Segments, 1)
	seg := j.Result.Segments[0]
	assert.Equal(t, "category", seg.Category)
	assert.Equal(t, beta.SplitConfidence("confidence_category"), seg.ConfidenceCategory)
	assert.Equal(t, []int64{0}, seg.Pages)
	assert.True(t, seg.JSON.Pages.Valid())
	assert.JSONEq(t, gjson.Get(raw, "result.segments.0").Raw, seg.RawJSON())
	assert.JSONEq(t, gjson.Get(raw, "result").Raw, j.Result.RawJSON())
	assert.Equal(t, exampleTime, j.UpdatedAt)
	for name, ok := range map[string]bool{
		"id": j.JSON.ID.Valid(), "categories": j.JSON.Categories.Valid(), "document_input": j.JSON.DocumentInput.Valid(),
		"project_id": j.JSON.ProjectID.Valid(), "status": j.JSON.Status.Valid(), "user_id": j.JSON.UserID.Valid(),
		"configuration_id": j.JSON.ConfigurationID.Valid(), "created_at": j.JSON.CreatedAt.Valid(),
		"error_message": j.JSON.ErrorMessage.Valid(), "result": j.JSON.Result.Valid(), "updated_at": j.JSON.UpdatedAt.Valid(),
	} {
		assert.True(t, ok, "JSON.%s should be valid", name)
	}
	assert.Empty(t, j.JSON.ExtraFields)
	assert.JSONEq(t, raw, j.RawJSON())
}

// TestSplitEndpoints checks the wire request and the decoded example response of each of
// the three split endpoints.
func TestSplitEndpoints(t *testing.T) {
	t.Parallel()
	org, proj := llamacloud.String("org_1"), llamacloud.String("proj_1")
	orgProj := url.Values{"organization_id": {"org_1"}, "project_id": {"proj_1"}}
	for _, tc := range []struct {
		name   string
		golden string
		call   func(ctx context.Context, c *llamacloud.Client) (any, error)
		method string
		path   string
		query  url.Values
		body   string
		check  func(t *testing.T, res any, raw string)
	}{
		{
			name: "New", golden: "split/new.json", method: "POST", path: "/api/v1/beta/split/jobs", query: orgProj,
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Split.New(ctx, beta.SplitNewParams{
					DocumentInput: beta.SplitNewParamsDocumentInput{Type: beta.SplitDocumentInputTypeFileID, Value: "file_1"},
					Configuration: beta.SplitNewParamsConfiguration{
						Categories: []beta.SplitNewParamsConfigurationCategory{
							{Name: "invoice", Description: llamacloud.String("bills to pay")},
							{Name: "receipt"},
						},
						SplittingStrategy: beta.SplitNewParamsConfigurationSplittingStrategy{
							AllowUncategorized: beta.SplitAllowUncategorizedOmit,
						},
					},
					ConfigurationID: llamacloud.String("cfg_1"),
					OrganizationID:  org, ProjectID: proj,
				})
			},
			body: `{"document_input":{"type":"file_id","value":"file_1"},
				"configuration":{"categories":[{"name":"invoice","description":"bills to pay"},{"name":"receipt"}],
				"splitting_strategy":{"allow_uncategorized":"omit"}},"configuration_id":"cfg_1"}`,
			check: func(t *testing.T, res any, raw string) { assertSplitJobExample(t, *res.(*beta.SplitJob), raw) },
		},
		{
			name: "List", golden: "split/list.json", method: "GET", path: "/api/v1/beta/split/jobs",
			query: url.Values{
				"organization_id": {"org_1"}, "project_id": {"proj_1"},
				"created_at_on_or_after":  {"2019-12-27T18:11:19.117Z"},
				"created_at_on_or_before": {"2024-01-02T03:04:05.000Z"},
				"job_ids":                 {"a", "b"},
				"page_size":               {"10"},
				"page_token":              {"tok"},
				"status":                  {"processing"},
			},
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Split.List(ctx, beta.SplitListParams{
					CreatedAtOnOrAfter:  llamacloud.Time(exampleTime),
					CreatedAtOnOrBefore: llamacloud.Time(time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("Z0", 0))),
					JobIDs:              []string{"a", "b"},
					PageSize:            llamacloud.Int(10),
					PageToken:           llamacloud.String("tok"),
					Status:              beta.SplitJobStatusProcessing,
					OrganizationID:      org, ProjectID: proj,
				})
			},
			check: func(t *testing.T, res any, raw string) {
				page := res.(*pagination.PaginatedCursor[beta.SplitJob])
				require.Len(t, page.Items, 1)
				assertSplitJobExample(t, page.Items[0], gjson.Get(raw, "items.0").Raw)
				assert.Equal(t, "next_page_token", page.NextPageToken)
				assert.Equal(t, int64(0), page.TotalSize)
				assert.JSONEq(t, raw, page.RawJSON())
			},
		},
		{
			name: "Get", golden: "split/get.json", method: "GET", path: "/api/v1/beta/split/jobs/%2E%2E", query: orgProj,
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Split.Get(ctx, "..", beta.SplitGetParams{OrganizationID: org, ProjectID: proj})
			},
			check: func(t *testing.T, res any, raw string) { assertSplitJobExample(t, *res.(*beta.SplitJob), raw) },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := golden(t, tc.golden)
			client, reqs := okServer(t, body)
			res, err := tc.call(context.Background(), client)
			require.NoError(t, err)
			s := reqs.Next(t)
			assertCommonHeaders(t, s)
			assert.Equal(t, tc.method, s.Method)
			assert.Equal(t, tc.path, s.Path)
			assert.Equal(t, tc.query, s.Query)
			if tc.body == "" {
				assert.Empty(t, s.Body)
			} else {
				assert.JSONEq(t, tc.body, string(s.Body))
			}
			tc.check(t, res, string(body))
		})
	}
}

// TestSplitNewDefaults checks that an empty document input type is sent as file_id without
// touching the caller's params, and that a zero configuration is left out.
func TestSplitNewDefaults(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "split/new.json"))
	params := beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: "file_1"}}
	_, err := client.Beta.Split.New(context.Background(), params)
	require.NoError(t, err)
	s := reqs.Next(t)
	assert.JSONEq(t, `{"document_input":{"type":"file_id","value":"file_1"}}`, string(s.Body))
	assert.Empty(t, s.Query)
	assert.Empty(t, params.DocumentInput.Type, "the caller's params are unchanged")
}

// TestSplitNewConfigurationCategoriesRequired checks that a configuration with only a
// strategy still sends its required categories list.
func TestSplitNewConfigurationCategoriesRequired(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "split/new.json"))
	_, err := client.Beta.Split.New(context.Background(), beta.SplitNewParams{
		DocumentInput: beta.SplitNewParamsDocumentInput{Value: "f"},
		Configuration: beta.SplitNewParamsConfiguration{SplittingStrategy: beta.SplitNewParamsConfigurationSplittingStrategy{
			AllowUncategorized: beta.SplitAllowUncategorizedForbid,
		}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"document_input":{"type":"file_id","value":"f"},
		"configuration":{"categories":[],"splitting_strategy":{"allow_uncategorized":"forbid"}}}`, string(reqs.Next(t).Body))
}

// TestSplitGetStatuses checks that documented and unknown statuses decode, and that a job
// without a result reports it absent.
func TestSplitGetStatuses(t *testing.T) {
	t.Parallel()
	for _, st := range []beta.SplitJobStatus{
		beta.SplitJobStatusPending, beta.SplitJobStatusProcessing, beta.SplitJobStatusCompleted,
		beta.SplitJobStatusFailed, beta.SplitJobStatusCancelled, "paused",
	} {
		client, _ := okServer(t, []byte(`{"id":"s","status":"`+string(st)+`","result":null}`))
		j, err := client.Beta.Split.Get(context.Background(), "s", beta.SplitGetParams{})
		require.NoError(t, err)
		assert.Equal(t, st, j.Status)
		assert.True(t, j.JSON.Result.IsNull())
		assert.Empty(t, j.Result.Segments)
	}
}

// TestSplitEmptyJobID checks that Get fails before sending with an empty ID.
func TestSplitEmptyJobID(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "split/get.json"))
	_, err := client.Beta.Split.Get(context.Background(), "", beta.SplitGetParams{})
	assert.ErrorContains(t, err, "llamacloud:")
	assert.Empty(t, reqs.Unread(), "nothing is sent")
}

// TestSplitListAutoPaging walks three pages and checks each later request carries the
// previous page's token in the query, and that an empty page ends the walk even with a
// token.
func TestSplitListAutoPaging(t *testing.T) {
	t.Parallel()
	page := func(next string, ids ...string) testserver.Reply {
		b := `{"items":[`
		for i, id := range ids {
			if i > 0 {
				b += ","
			}
			b += `{"id":"` + id + `","status":"completed","result":{"segments":[{"category":"c","confidence_category":"high","pages":[1,2]}]}}`
		}
		return testserver.Reply{Body: []byte(b + `],"next_page_token":"` + next + `"}`)}
	}
	client, reqs := newTestServer(t, []testserver.Reply{page("t1", "a"), page("t2", "b", "c"), page("t3"), page("", "never")})
	pager := client.Beta.Split.ListAutoPaging(context.Background(), beta.SplitListParams{
		JobIDs: []string{"a", "b", "c"}, OrganizationID: llamacloud.String("org_1"),
	})
	var ids []string
	for pager.Next() {
		j := pager.Current()
		ids = append(ids, j.ID)
		require.Len(t, j.Result.Segments, 1)
		assert.Equal(t, beta.SplitConfidenceHigh, j.Result.Segments[0].ConfidenceCategory)
		assert.Equal(t, []int64{1, 2}, j.Result.Segments[0].Pages)
	}
	require.NoError(t, pager.Err())
	assert.Equal(t, []string{"a", "b", "c"}, ids)
	for i, token := range []string{"", "t1", "t2"} {
		s := reqs.Next(t)
		assert.Equal(t, "/api/v1/beta/split/jobs", s.Path)
		want := url.Values{"job_ids": {"a", "b", "c"}, "organization_id": {"org_1"}}
		if token != "" {
			want.Set("page_token", token)
		}
		assert.Equal(t, want, s.Query, "page %d", i+1)
	}
	assert.Empty(t, reqs.Unread(), "no request after an empty page")
}
