package llamacloudtest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const sheetsPath = "/api/v1/beta/sheets/jobs"

// budgetCSV has a title line (an "extra" region), a table offset to column B, and a second table
// with a quoted multi-line cell.
const budgetCSV = "Quarterly budget,,\n" +
	"\n" +
	",item,q1,q2\n" +
	",rent,1000,1000\n" +
	",salaries,5000,5200\n" +
	",,,\n" +
	"owner,notes\n" +
	"Ada,\"two\nlines\"\n" +
	"Bob,ok\n"

// fetch downloads a presigned URL without an API key.
func fetch(t *testing.T, rawURL string) (int, string) {
	t.Helper()
	resp, err := http.Get(rawURL)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

func TestSheetsJobLifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t)
	fileID := srv.PutFile("budget.csv", []byte(budgetCSV))

	created := mustSend(t, srv, http.StatusOK, http.MethodPost, sheetsPath, map[string]any{
		"file_id": fileID, "config": map[string]any{"generate_additional_metadata": true, "table_merge_sensitivity": "weak"},
	})
	id := created.Get("id").String()
	require.NotEmpty(t, id)
	assert.Equal(t, "PENDING", created.Get("status").String())
	assert.JSONEq(t, `{"generate_additional_metadata":true,"table_merge_sensitivity":"weak"}`, created.Get("config").Raw)
	assert.Equal(t, fileID, created.Get("file_id").String())
	assert.Equal(t, srv.ProjectID, created.Get("project_id").String())
	assert.NotEmpty(t, created.Get("user_id").String())
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, created.Get("created_at").String())
	assert.JSONEq(t, `[]`, created.Get("errors").Raw)
	assert.Equal(t, fileID, created.Get("file.id").String())
	assert.Equal(t, "budget.csv", created.Get("file.name").String())
	assert.Equal(t, "csv", created.Get("file.file_type").String())
	assert.Equal(t, int64(len(budgetCSV)), created.Get("file.file_size").Int())
	assert.Equal(t, gjson.Null, created.Get("regions").Type, "no regions while pending")
	assert.Equal(t, gjson.Null, created.Get("success").Type)

	done := mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+id, nil)
	require.Equal(t, "SUCCESS", done.Get("status").String(), "one status read completes the job")
	assert.True(t, done.Get("success").Bool())
	regions := done.Get("regions").Array()
	require.Len(t, regions, 3)
	for i, want := range []struct{ location, typ, title string }{
		{"A1:A1", "extra", "Quarterly budget"},
		{"B3:D5", "table", "item, q1, q2"},
		{"A7:B9", "table", "owner, notes"},
	} {
		assert.Equal(t, want.location, regions[i].Get("location").String(), "region %d", i)
		assert.Equal(t, want.typ, regions[i].Get("region_type").String(), "region %d", i)
		assert.Equal(t, want.title, regions[i].Get("title").String(), "region %d", i)
		assert.Equal(t, "budget", regions[i].Get("sheet_name").String())
		assert.Equal(t, fmt.Sprintf("region-%d", i+1), regions[i].Get("region_id").String())
		assert.NotEmpty(t, regions[i].Get("description").String())
	}
	assert.Equal(t, "budget", done.Get("worksheet_metadata.0.sheet_name").String())
	assert.NotEmpty(t, done.Get("worksheet_metadata.0.description").String())

	slim := mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+id+"?include_results=false", nil)
	assert.Equal(t, "SUCCESS", slim.Get("status").String())
	assert.Equal(t, gjson.Null, slim.Get("regions").Type)

	result := mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+id+"/regions/region-2/result/table", nil)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, result.Get("expires_at").String())
	require.Contains(t, result.Get("url").String(), srv.URL)
	status, body := fetch(t, result.Get("url").String())
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "item,q1,q2\nrent,1000,1000\nsalaries,5000,5200\n", body)

	result = mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+id+"/regions/region-3/result/table", nil)
	_, body = fetch(t, result.Get("url").String())
	assert.Equal(t, "owner,notes\nAda,\"two\nlines\"\nBob,ok\n", body, "a quoted cell keeps its line break and its row")

	result = mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+id+"/regions/region-1/result/extra", nil)
	_, body = fetch(t, result.Get("url").String())
	assert.Equal(t, "Quarterly budget\n", body)

	result = mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+id+"/regions/region-2/result/cell_metadata?expires_at_seconds=60", nil)
	_, body = fetch(t, result.Get("url").String())
	assert.Contains(t, body, "cell,row,column,value,data_type\nB3,3,2,item,string\nC3,3,3,q1,string\n")
	assert.Contains(t, body, "D5,5,4,5200,number\n")
	expires, err := time.Parse(time.RFC3339, result.Get("expires_at").String())
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(time.Minute), expires, 10*time.Second)

	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/regions/region-2/result/extra", http.StatusNotFound},
		{"/regions/region-9/result/table", http.StatusNotFound},
		{"/regions/region-2/result/chart", http.StatusUnprocessableEntity},
		{"/regions/region-2/result/table?expires_at_seconds=soon", http.StatusUnprocessableEntity},
	} {
		assert.Equal(t, tc.status, send(t, srv, http.MethodGet, sheetsPath+"/"+id+tc.path, nil).status, tc.path)
	}

	srv.AddKey("other-key", "proj-other")
	assert.Equal(t, http.StatusNotFound, sendAs(t, srv, "other-key", http.MethodGet, sheetsPath+"/"+id, nil).status)

	assert.JSONEq(t, `{}`, mustSend(t, srv, http.StatusOK, http.MethodDelete, sheetsPath+"/"+id, nil).Raw)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, sheetsPath+"/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodDelete, sheetsPath+"/"+id, nil).status)
}

func TestSheetsJobSteps(t *testing.T) {
	t.Parallel()
	for _, steps := range []int{0, 1, 3} {
		t.Run(fmt.Sprint(steps), func(t *testing.T) {
			t.Parallel()
			srv := start(t, llamacloudtest.WithJobSteps(steps))
			fileID := srv.PutFile("t.csv", []byte("a,b\n1,2\n"))
			created := mustSend(t, srv, http.StatusOK, http.MethodPost, sheetsPath, map[string]any{"file_id": fileID})
			var seen []string
			seen = append(seen, created.Get("status").String())
			for range 4 {
				seen = append(seen, mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+created.Get("id").String(), nil).Get("status").String())
			}
			want := map[int][]string{
				0: {"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS"},
				1: {"PENDING", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS"},
				3: {"PENDING", "PENDING", "PENDING", "SUCCESS", "SUCCESS"},
			}[steps]
			assert.Equal(t, want, seen)
		})
	}
}

func TestSheetsJobOutcomes(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	for _, tc := range []struct {
		name, file, content string
		config              map[string]any
		status              string
		errors              int
		locations           []string
	}{
		{"missing file", "", "", nil, "ERROR", 1, nil},
		{"binary file", "book.xlsx", "PK\x03\x04\x00\x00\xff", nil, "ERROR", 1, nil},
		{"empty file", "empty.csv", "\n,,\n", nil, "ERROR", 1, nil},
		{"bad row", "bad.csv", "a,b\n1,2\n\nx,y\"z\n\nc,d\n3,4\n", nil, "PARTIAL_SUCCESS", 1, []string{"A1:B2", "A6:B7"}},
		{"tsv", "t.tsv", "a\tb\n1\t2\n", nil, "SUCCESS", 0, []string{"A1:B2"}},
		{"extraction range", "budget.csv", budgetCSV, map[string]any{"extraction_range": "budget!C4:D5"}, "SUCCESS", 0, []string{"C4:D5"}},
		{"empty extraction range", "budget.csv", budgetCSV, map[string]any{"extraction_range": "Z90"}, "ERROR", 1, nil},
		{"sheet names match", "budget.csv", budgetCSV, map[string]any{"sheet_names": []string{"x", "budget"}}, "SUCCESS", 0, []string{"A1:A1", "B3:D5", "A7:B9"}},
		{"sheet names miss", "budget.csv", budgetCSV, map[string]any{"sheet_names": []string{"Sheet1"}}, "ERROR", 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fileID := "file-missing"
			if tc.file != "" {
				fileID = srv.PutFile(tc.file, []byte(tc.content))
			}
			body := map[string]any{"file_id": fileID}
			if tc.config != nil {
				body["config"] = tc.config
			}
			got := mustSend(t, srv, http.StatusOK, http.MethodPost, sheetsPath, body)
			assert.Equal(t, tc.status, got.Get("status").String())
			assert.Len(t, got.Get("errors").Array(), tc.errors, got.Get("errors").Raw)
			assert.Equal(t, tc.status == "SUCCESS", got.Get("success").Bool())
			var locations []string
			for _, r := range got.Get("regions").Array() {
				locations = append(locations, r.Get("location").String())
				assert.Equal(t, gjson.Null, r.Get("title").Type, "no titles unless generate_additional_metadata")
			}
			assert.Equal(t, tc.locations, locations)
		})
	}
}

func TestSheetsValidation(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		name string
		body string
		loc  string
	}{
		{"missing file_id", `{}`, `["body","file_id"]`},
		{"numeric file_id", `{"file_id": 7}`, `["body","file_id"]`},
		{"bad sensitivity", `{"file_id":"f","config":{"table_merge_sensitivity":"medium"}}`, `["body","config","table_merge_sensitivity"]`},
		{"bad range", `{"file_id":"f","config":{"extraction_range":"1A:??"}}`, `["body","config","extraction_range"]`},
		{"bool as string", `{"file_id":"f","config":{"include_hidden_cells":"yes"}}`, `["body","config","include_hidden_cells"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := send(t, srv, http.MethodPost, sheetsPath, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
			assert.JSONEq(t, tc.loc, r.json.Get("detail.0.loc").Raw)
		})
	}
	r := send(t, srv, http.MethodGet, sheetsPath+"?status=DONE", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
	assert.JSONEq(t, `["query","status"]`, r.json.Get("detail.0.loc").Raw)
}

func TestSheetsList(t *testing.T) {
	t.Parallel()
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	srv := start(t, llamacloudtest.WithClock(stepClock(base)))
	good := srv.PutFile("good.csv", []byte("a,b\n1,2\n"))
	var ids, created []string
	for i := range 7 {
		fileID := good
		if i%3 == 2 {
			fileID = "file-missing"
		}
		j := mustSend(t, srv, http.StatusOK, http.MethodPost, sheetsPath, map[string]any{"file_id": fileID})
		ids = append(ids, j.Get("id").String())
		created = append(created, j.Get("created_at").String())
		if i < 5 {
			mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"/"+j.Get("id").String(), nil)
		}
	}
	list := func(query string) (got []string) {
		t.Helper()
		token := ""
		for page := 0; page < 10; page++ {
			q := query + "&page_size=2"
			if token != "" {
				q += "&page_token=" + url.QueryEscape(token)
			}
			r := mustSend(t, srv, http.StatusOK, http.MethodGet, sheetsPath+"?"+q, nil)
			for _, it := range r.Get("items").Array() {
				got = append(got, it.Get("id").String())
				assert.Equal(t, query == "include_results=true" && it.Get("status").String() != "PENDING", it.Get("regions").IsArray())
			}
			if token = r.Get("next_page_token").String(); token == "" {
				return got
			}
		}
		t.Fatal("too many pages")
		return nil
	}
	assert.Equal(t, ids, list("x=1"), "four pages of two")
	assert.Equal(t, ids, list("include_results=true"))
	assert.Equal(t, []string{ids[0], ids[1], ids[3], ids[4]}, list("status=SUCCESS"))
	assert.Equal(t, []string{ids[2]}, list("status=ERROR"))
	assert.Equal(t, []string{ids[5], ids[6]}, list("status=PENDING"))
	assert.Equal(t, []string{ids[1], ids[6]}, list("job_ids="+ids[1]+"&job_ids="+ids[6]+"&job_ids=nope"))
	assert.Equal(t, ids[2:5], list("created_at_on_or_after="+created[2]+"&created_at_on_or_before="+url.QueryEscape(created[4])))
}
