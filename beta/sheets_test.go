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

// assertSheetsJobExample checks every field of the reference's example spreadsheet job;
// raw is the job's JSON in the golden file.
func assertSheetsJobExample(t *testing.T, j beta.SheetsJob, raw string) {
	t.Helper()
	assert.Equal(t, "id", j.ID)

	c := j.Config
	assert.Equal(t, "extraction_range", c.ExtractionRange)
	assert.True(t, c.FlattenHierarchicalTables)
	assert.True(t, c.GenerateAdditionalMetadata)
	assert.True(t, c.IncludeHiddenCells)
	assert.Equal(t, []string{"string"}, c.SheetNames)
	assert.Equal(t, beta.SheetsSpecialization("specialization"), c.Specialization)
	assert.Equal(t, beta.SheetsTableMergeSensitivityStrong, c.TableMergeSensitivity)
	assert.True(t, c.UseExperimentalProcessing)
	for name, ok := range map[string]bool{
		"extraction_range": c.JSON.ExtractionRange.Valid(), "flatten_hierarchical_tables": c.JSON.FlattenHierarchicalTables.Valid(),
		"generate_additional_metadata": c.JSON.GenerateAdditionalMetadata.Valid(),
		"include_hidden_cells":         c.JSON.IncludeHiddenCells.Valid(), "sheet_names": c.JSON.SheetNames.Valid(),
		"specialization": c.JSON.Specialization.Valid(), "table_merge_sensitivity": c.JSON.TableMergeSensitivity.Valid(),
		"use_experimental_processing": c.JSON.UseExperimentalProcessing.Valid(),
	} {
		assert.True(t, ok, "Config.JSON.%s should be valid", name)
	}
	assert.Empty(t, c.JSON.ExtraFields)
	assert.JSONEq(t, gjson.Get(raw, "config").Raw, c.RawJSON())

	assert.Equal(t, "created_at", j.CreatedAt)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", j.FileID)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", j.ProjectID)
	assert.Equal(t, beta.SheetsJobStatusPending, j.Status)
	assert.Equal(t, "updated_at", j.UpdatedAt)
	assert.Equal(t, "user_id", j.UserID)
	assert.Equal(t, []string{"string"}, j.Errors)

	f := j.File
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", f.ID)
	assert.Equal(t, "x", f.Name)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", f.ProjectID)
	assert.Equal(t, exampleTime, f.CreatedAt)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", f.DataSourceID)
	assert.Equal(t, exampleTime, f.ExpiresAt)
	assert.Equal(t, "external_file_id", f.ExternalFileID)
	assert.Equal(t, int64(0), f.FileSize)
	assert.True(t, f.JSON.FileSize.Valid())
	assert.Equal(t, "x", f.FileType)
	assert.Equal(t, exampleTime, f.LastModifiedAt)
	assert.Equal(t, map[string]any{"foo": map[string]any{"foo": "bar"}}, f.PermissionInfo)
	assert.Equal(t, "purpose", f.Purpose)
	assert.Equal(t, map[string]any{"foo": map[string]any{"foo": "bar"}}, f.ResourceInfo)
	assert.Equal(t, exampleTime, f.UpdatedAt)
	assert.Empty(t, f.JSON.ExtraFields)
	assert.JSONEq(t, gjson.Get(raw, "file").Raw, f.RawJSON())

	require.Len(t, j.Regions, 1)
	r := j.Regions[0]
	assert.Equal(t, "location", r.Location)
	assert.Equal(t, beta.SheetRegionType("region_type"), r.RegionType)
	assert.Equal(t, "sheet_name", r.SheetName)
	assert.Equal(t, "description", r.Description)
	assert.Equal(t, "region_id", r.RegionID)
	assert.Equal(t, "title", r.Title)
	assert.True(t, r.JSON.RegionID.Valid())
	assert.JSONEq(t, gjson.Get(raw, "regions.0").Raw, r.RawJSON())

	assert.True(t, j.Success)
	require.Len(t, j.WorksheetMetadata, 1)
	w := j.WorksheetMetadata[0]
	assert.Equal(t, "sheet_name", w.SheetName)
	assert.Equal(t, "description", w.Description)
	assert.Equal(t, "title", w.Title)
	assert.JSONEq(t, gjson.Get(raw, "worksheet_metadata.0").Raw, w.RawJSON())

	for name, ok := range map[string]bool{
		"id": j.JSON.ID.Valid(), "config": j.JSON.Config.Valid(), "created_at": j.JSON.CreatedAt.Valid(),
		"file_id": j.JSON.FileID.Valid(), "project_id": j.JSON.ProjectID.Valid(), "status": j.JSON.Status.Valid(),
		"updated_at": j.JSON.UpdatedAt.Valid(), "user_id": j.JSON.UserID.Valid(), "errors": j.JSON.Errors.Valid(),
		"file": j.JSON.File.Valid(), "regions": j.JSON.Regions.Valid(), "success": j.JSON.Success.Valid(),
		"worksheet_metadata": j.JSON.WorksheetMetadata.Valid(),
	} {
		assert.True(t, ok, "JSON.%s should be valid", name)
	}
	assert.Empty(t, j.JSON.ExtraFields)
	assert.JSONEq(t, raw, j.RawJSON())
}

// sheetsQuery is the organization and project query every sheets test call sends.
var sheetsQuery = url.Values{"organization_id": {"org_1"}, "project_id": {"proj_1"}}

// withSheetsQuery returns sheetsQuery plus extra.
func withSheetsQuery(extra url.Values) url.Values {
	q := url.Values{}
	for k, v := range sheetsQuery {
		q[k] = v
	}
	for k, v := range extra {
		q[k] = v
	}
	return q
}

// TestSheetsEndpoints checks the wire request and the decoded example response of each of
// the five sheets endpoints.
func TestSheetsEndpoints(t *testing.T) {
	t.Parallel()
	org, proj := llamacloud.String("org_1"), llamacloud.String("proj_1")
	plus1 := time.FixedZone("plus1", 3600)
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
			name: "New", golden: "sheets/new.json", method: "POST", path: "/api/v1/beta/sheets/jobs", query: sheetsQuery,
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Sheets.New(ctx, beta.SheetNewParams{
					FileID: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
					Config: beta.SheetNewParamsConfig{
						ExtractionRange:            llamacloud.String("A1:D20"),
						FlattenHierarchicalTables:  llamacloud.Bool(true),
						GenerateAdditionalMetadata: llamacloud.Bool(false),
						IncludeHiddenCells:         llamacloud.Bool(true),
						SheetNames:                 []string{"Q1", "Q2"},
						Specialization:             beta.SheetsSpecializationFinancialEnhanced,
						TableMergeSensitivity:      beta.SheetsTableMergeSensitivityWeak,
						UseExperimentalProcessing:  llamacloud.Bool(false),
					},
					OrganizationID: org, ProjectID: proj,
				})
			},
			body: `{"file_id":"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e","config":{"extraction_range":"A1:D20",
				"flatten_hierarchical_tables":true,"generate_additional_metadata":false,"include_hidden_cells":true,
				"sheet_names":["Q1","Q2"],"specialization":"financial-enhanced","table_merge_sensitivity":"weak",
				"use_experimental_processing":false}}`,
			check: func(t *testing.T, res any, raw string) { assertSheetsJobExample(t, *res.(*beta.SheetsJob), raw) },
		},
		{
			name: "List", golden: "sheets/list.json", method: "GET", path: "/api/v1/beta/sheets/jobs",
			query: withSheetsQuery(url.Values{
				"created_at_on_or_after":  {"2019-12-27T18:11:19.117Z"},
				"created_at_on_or_before": {"2020-01-01T00:00:00.000Z"},
				"include_results":         {"true"},
				"job_ids":                 {"job_1", "job_2"},
				"page_size":               {"20"},
				"page_token":              {"tok"},
				"status":                  {"PARTIAL_SUCCESS"},
			}),
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Sheets.List(ctx, beta.SheetListParams{
					CreatedAtOnOrAfter:  llamacloud.Time(exampleTime.In(plus1)),
					CreatedAtOnOrBefore: llamacloud.Time(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)),
					IncludeResults:      llamacloud.Bool(true),
					JobIDs:              []string{"job_1", "job_2"},
					PageSize:            llamacloud.Int(20),
					PageToken:           llamacloud.String("tok"),
					Status:              beta.SheetsJobStatusPartialSuccess,
					OrganizationID:      org, ProjectID: proj,
				})
			},
			check: func(t *testing.T, res any, raw string) {
				page := res.(*pagination.PaginatedCursor[beta.SheetsJob])
				require.Len(t, page.Items, 1)
				assertSheetsJobExample(t, page.Items[0], gjson.Get(raw, "items.0").Raw)
				assert.Equal(t, "next_page_token", page.NextPageToken)
				assert.Equal(t, int64(0), page.TotalSize)
				assert.True(t, page.JSON.TotalSize.Valid())
				assert.JSONEq(t, raw, page.RawJSON())
			},
		},
		{
			name: "Get", golden: "sheets/get.json", method: "GET", path: "/api/v1/beta/sheets/jobs/job%2F1%3Fx",
			query: withSheetsQuery(url.Values{"include_results": {"false"}}),
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Sheets.Get(ctx, "job/1?x", beta.SheetGetParams{
					IncludeResults: llamacloud.Bool(false), OrganizationID: org, ProjectID: proj,
				})
			},
			check: func(t *testing.T, res any, raw string) { assertSheetsJobExample(t, *res.(*beta.SheetsJob), raw) },
		},
		{
			name: "GetResultTable", golden: "sheets/get_result_table.json", method: "GET",
			path:  "/api/v1/beta/sheets/jobs/job_1/regions/reg%201/result/cell_metadata",
			query: withSheetsQuery(url.Values{"expires_at_seconds": {"600"}}),
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Sheets.GetResultTable(ctx, "job_1", "reg 1", beta.SheetRegionTypeCellMetadata, beta.SheetGetResultTableParams{
					ExpiresAtSeconds: llamacloud.Int(600), OrganizationID: org, ProjectID: proj,
				})
			},
			check: func(t *testing.T, res any, raw string) {
				u := res.(*beta.PresignedURL)
				assert.Equal(t, exampleTime, u.ExpiresAt)
				assert.Equal(t, "https://example.com", u.URL)
				assert.Equal(t, map[string]string{"foo": "string"}, u.FormFields)
				assert.True(t, u.JSON.ExpiresAt.Valid())
				assert.True(t, u.JSON.URL.Valid())
				assert.True(t, u.JSON.FormFields.Valid())
				assert.JSONEq(t, raw, u.RawJSON())
			},
		},
		{
			name: "DeleteJob", golden: "sheets/delete_job.json", method: "DELETE", path: "/api/v1/beta/sheets/jobs/job_1",
			query: sheetsQuery,
			call: func(ctx context.Context, c *llamacloud.Client) (any, error) {
				return c.Beta.Sheets.DeleteJob(ctx, "job_1", beta.SheetDeleteJobParams{OrganizationID: org, ProjectID: proj})
			},
			check: func(t *testing.T, res any, raw string) {
				r := res.(*beta.SheetDeleteJobResponse)
				assert.Empty(t, r.Fields)
				assert.NotNil(t, r.Fields, "an empty object decodes to an empty map")
				assert.Empty(t, r.JSON.ExtraFields)
				assert.JSONEq(t, `{}`, r.RawJSON())
			},
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

// TestSheetsDeleteJobFreeForm checks that a non-empty free-form delete response keeps its
// members and raw JSON.
func TestSheetsDeleteJobFreeForm(t *testing.T) {
	t.Parallel()
	client, _ := okServer(t, []byte(`{"deleted":true,"n":2,"ids":["a"]}`))
	r, err := client.Beta.Sheets.DeleteJob(context.Background(), "job_1", beta.SheetDeleteJobParams{})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"deleted": true, "n": 2.0, "ids": []any{"a"}}, r.Fields)
	assert.Equal(t, "true", r.JSON.ExtraFields["deleted"].Raw())
	assert.Equal(t, `["a"]`, r.JSON.ExtraFields["ids"].Raw())
	assert.JSONEq(t, `{"deleted":true,"n":2,"ids":["a"]}`, r.RawJSON())
}

// TestSheetsGetResultTableRegionTypes checks every documented region type reaches the path
// and that an unknown or empty one, or an empty ID, fails before anything is sent.
func TestSheetsGetResultTableRegionTypes(t *testing.T) {
	t.Parallel()
	for _, rt := range []beta.SheetRegionType{beta.SheetRegionTypeTable, beta.SheetRegionTypeExtra, beta.SheetRegionTypeCellMetadata} {
		client, reqs := okServer(t, golden(t, "sheets/get_result_table.json"))
		_, err := client.Beta.Sheets.GetResultTable(context.Background(), "j", "r", rt, beta.SheetGetResultTableParams{})
		require.NoError(t, err)
		assert.Equal(t, "/api/v1/beta/sheets/jobs/j/regions/r/result/"+string(rt), reqs.Next(t).Path)
	}
	for _, tc := range []struct {
		name              string
		jobID, regionID   string
		regionType        beta.SheetRegionType
		wantErrorContains string
	}{
		{"unknown type", "j", "r", "tables", `invalid region type "tables"`},
		{"traversal type", "j", "r", "../table", `invalid region type "../table"`},
		{"empty type", "j", "r", "", `invalid region type ""`},
		{"empty job", "", "r", beta.SheetRegionTypeTable, "llamacloud:"},
		{"empty region", "j", " ", beta.SheetRegionTypeTable, "llamacloud:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, "sheets/get_result_table.json"))
			u, err := client.Beta.Sheets.GetResultTable(context.Background(), tc.jobID, tc.regionID, tc.regionType, beta.SheetGetResultTableParams{})
			assert.Nil(t, u)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "llamacloud:")
			assert.Contains(t, err.Error(), tc.wantErrorContains)
			assert.Empty(t, reqs.Unread(), "nothing is sent")
		})
	}
}

// TestSheetsEmptyJobID checks that Get and DeleteJob fail before sending with an empty ID.
func TestSheetsEmptyJobID(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "sheets/get.json"))
	_, err := client.Beta.Sheets.Get(context.Background(), "", beta.SheetGetParams{})
	assert.ErrorContains(t, err, "llamacloud:")
	_, err = client.Beta.Sheets.DeleteJob(context.Background(), "", beta.SheetDeleteJobParams{})
	assert.ErrorContains(t, err, "llamacloud:")
	assert.Empty(t, reqs.Unread(), "nothing is sent")
}

// TestSheetsNewMinimal checks that a zero Config and unset options are left out of the body.
func TestSheetsNewMinimal(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "sheets/new.json"))
	_, err := client.Beta.Sheets.New(context.Background(), beta.SheetNewParams{FileID: "f"})
	require.NoError(t, err)
	s := reqs.Next(t)
	assert.JSONEq(t, `{"file_id":"f"}`, string(s.Body))
	assert.Empty(t, s.Query)
}

// TestSheetsJobStatusUnknown checks that an undocumented status decodes as it is.
func TestSheetsJobStatusUnknown(t *testing.T) {
	t.Parallel()
	client, _ := okServer(t, []byte(`{"id":"j","status":"THROTTLED"}`))
	j, err := client.Beta.Sheets.Get(context.Background(), "j", beta.SheetGetParams{})
	require.NoError(t, err)
	assert.Equal(t, beta.SheetsJobStatus("THROTTLED"), j.Status)
	assert.True(t, j.JSON.Status.Valid())
	assert.False(t, j.JSON.Regions.IsPresent())
}

// TestSheetsListAutoPaging walks three pages and checks each later request carries the
// previous page's token in the query with the other filters kept.
func TestSheetsListAutoPaging(t *testing.T) {
	t.Parallel()
	page := func(next string, ids ...string) testserver.Reply {
		b := `{"items":[`
		for i, id := range ids {
			if i > 0 {
				b += ","
			}
			b += `{"id":"` + id + `","status":"SUCCESS"}`
		}
		return testserver.Reply{Body: []byte(b + `],"next_page_token":"` + next + `"}`)}
	}
	client, reqs := newTestServer(t, []testserver.Reply{page("t1", "a", "b"), page("t2", "c"), page("", "d")})
	pager := client.Beta.Sheets.ListAutoPaging(context.Background(), beta.SheetListParams{
		Status: beta.SheetsJobStatusSuccess, PageSize: llamacloud.Int(2), ProjectID: llamacloud.String("proj_1"),
	})
	var ids []string
	for j, err := range pager.All() {
		require.NoError(t, err)
		assert.Equal(t, beta.SheetsJobStatusSuccess, j.Status)
		ids = append(ids, j.ID)
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	for i, token := range []string{"", "t1", "t2"} {
		s := reqs.Next(t)
		assert.Equal(t, "GET", s.Method)
		assert.Equal(t, "/api/v1/beta/sheets/jobs", s.Path)
		want := url.Values{"status": {"SUCCESS"}, "page_size": {"2"}, "project_id": {"proj_1"}}
		if token != "" {
			want.Set("page_token", token)
		}
		assert.Equal(t, want, s.Query, "page %d", i+1)
		assert.Empty(t, s.Body)
	}
	assert.Empty(t, reqs.Unread(), "no request after the last page")
}
