package llamacloudtest_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

var wireTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

// assertWireShape checks got against the example response want of the API reference: the same
// keys in every object, the same JSON kind for every value (null is allowed for any value), and
// the reference's datetime format wherever the example has a datetime. Values at the paths in
// freeForm (dotted, "#" for array elements) hold caller data: they are not compared and may be absent.
func assertWireShape(t *testing.T, want, got gjson.Result, path string, freeForm map[string]bool) {
	t.Helper()
	if got.Type == gjson.Null || freeForm[path] {
		return
	}
	switch {
	case want.IsObject():
		require.True(t, got.IsObject(), "%s: want an object, got %s", path, got.Raw)
		var wantKeys, gotKeys []string
		want.ForEach(func(k, _ gjson.Result) bool {
			if p := strings.TrimPrefix(path+"."+k.String(), "."); !freeForm[p] || got.Get(gjson.Escape(k.String())).Exists() {
				wantKeys = append(wantKeys, k.String())
			}
			return true
		})
		got.ForEach(func(k, _ gjson.Result) bool { gotKeys = append(gotKeys, k.String()); return true })
		sort.Strings(wantKeys)
		sort.Strings(gotKeys)
		assert.Equal(t, wantKeys, gotKeys, "%s: keys", path)
		want.ForEach(func(k, v gjson.Result) bool {
			assertWireShape(t, v, got.Get(gjson.Escape(k.String())), strings.TrimPrefix(path+"."+k.String(), "."), freeForm)
			return true
		})
	case want.IsArray():
		require.True(t, got.IsArray(), "%s: want a list, got %s", path, got.Raw)
		if elems := want.Array(); len(elems) > 0 {
			for _, g := range got.Array() {
				assertWireShape(t, elems[0], g, path+".#", freeForm)
			}
		}
	default:
		kind := func(r gjson.Result) gjson.Type {
			if r.Type == gjson.False {
				return gjson.True
			}
			return r.Type
		}
		assert.Equal(t, kind(want), kind(got), "%s: kind of %s", path, got.Raw)
		if wireTime.MatchString(want.String()) {
			assert.Regexp(t, wireTime, got.String(), "%s: datetime", path)
		}
	}
}

func TestWireShapesOfJobsAndAgentData(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	csvID := srv.PutFile("budget.csv", []byte(budgetCSV))
	textID := srv.PutFile("packet.txt", []byte("invoice amount due\fcontract clauses"))
	dirID, dirFiles := seedDirectory(t, srv, "docs", [2]string{"a.txt", "alpha"}, [2]string{"b.txt", "beta"})

	item := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
		"deployment_name": "d", "collection": "c", "data": map[string]any{"k": "v"}})
	sheet := mustSend(t, srv, http.StatusOK, http.MethodPost, sheetsPath, map[string]any{
		"file_id": csvID, "config": map[string]any{"generate_additional_metadata": true}})
	batch := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{
		"job_config": map[string]any{"job_name": "parse_raw_file_job"}, "directory_id": dirID})
	split := mustSend(t, srv, http.StatusOK, http.MethodPost, splitPath, map[string]any{
		"document_input": map[string]any{"type": "file_id", "value": textID},
		"configuration":  map[string]any{"categories": []map[string]any{{"name": "invoice", "description": "amount due"}}}})

	pendingSrv := start(t)
	pendingBatch := mustSend(t, pendingSrv, http.StatusOK, http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{"x"}})

	for _, tc := range []struct {
		golden, method, path string
		body                 any
		srv                  *llamacloudtest.Server
		freeForm             []string
	}{
		{"agent_data_get", http.MethodGet, agentDataPath + "/" + item.Get("id").String(), nil, nil, []string{"data"}},
		{"agent_data_search", http.MethodPost, agentDataPath + "/:search", map[string]any{"deployment_name": "d", "collection": "c", "include_total": true}, nil, []string{"items.#.data"}},
		{"agent_data_aggregate", http.MethodPost, agentDataPath + "/:aggregate", map[string]any{
			"deployment_name": "d", "collection": "c", "group_by": []string{"k"}, "count": true, "first": true, "include_total": true,
		}, nil, []string{"items.#.group_key", "items.#.first_item"}},
		{"agent_data_delete_by_query", http.MethodPost, agentDataPath + "/:delete", map[string]any{"deployment_name": "nobody"}, nil, nil},
		{"sheets_create", http.MethodGet, sheetsPath + "/" + sheet.Get("id").String(), nil, nil, []string{"config", "file.permission_info", "file.resource_info"}},
		{"sheets_list", http.MethodGet, sheetsPath + "?include_results=true", nil, nil, []string{"items.#.config", "items.#.file.permission_info", "items.#.file.resource_info"}},
		{"sheets_get_result_table", http.MethodGet, sheetsPath + "/" + sheet.Get("id").String() + "/regions/region-2/result/table", nil, nil, []string{"form_fields"}},
		{"batch_create", http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{dirFiles[0]}}, nil, nil},
		{"batch_list", http.MethodGet, batchPath, nil, nil, nil},
		{"batch_get_status", http.MethodGet, batchPath + "/" + batch.Get("id").String(), nil, nil, nil},
		{"batch_cancel", http.MethodPost, batchPath + "/" + pendingBatch.Get("id").String() + "/cancel", map[string]any{}, pendingSrv, nil},
		{"batch_job_items_list", http.MethodGet, batchPath + "/" + batch.Get("id").String() + "/items", nil, nil, nil},
		{"batch_job_items_get_processing_results", http.MethodGet, batchPath + "/items/" + dirFiles[0] + "/processing-results", nil, nil,
			[]string{"processing_results.#.job_config", "processing_results.#.output_metadata"}},
		{"split_create", http.MethodPost, splitPath, map[string]any{
			"document_input": map[string]any{"type": "file_id", "value": textID}, "configuration_id": "cfg",
			"configuration": map[string]any{"categories": []map[string]any{{"name": "invoice", "description": "amount due"}}},
		}, nil, nil},
		{"split_get", http.MethodGet, splitPath + "/" + split.Get("id").String(), nil, nil, nil},
		{"split_list", http.MethodGet, splitPath, nil, nil, nil},
		{"sheets_delete_job", http.MethodDelete, sheetsPath + "/" + sheet.Get("id").String(), nil, nil, nil},
	} {
		// Subtests run in order: the last one deletes the sheet the others read.
		t.Run(tc.golden, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "wire", tc.golden+".json"))
			require.NoError(t, err)
			s := tc.srv
			if s == nil {
				s = srv
			}
			got := mustSend(t, s, http.StatusOK, tc.method, tc.path, tc.body)
			freeForm := map[string]bool{}
			for _, p := range tc.freeForm {
				freeForm[p] = true
			}
			assertWireShape(t, gjson.ParseBytes(data), got, "", freeForm)
		})
	}
}
