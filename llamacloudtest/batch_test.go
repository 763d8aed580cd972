package llamacloudtest_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const batchPath = "/api/v1/beta/batch-processing"

// seedDirectory makes a directory holding the given files (name → content) in order, and returns
// its ID and the directory file IDs.
func seedDirectory(t *testing.T, srv *llamacloudtest.Server, name string, files ...[2]string) (string, []string) {
	t.Helper()
	dirID := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/beta/directories", map[string]any{"name": name}).Get("id").String()
	var ids []string
	for _, f := range files {
		fileID := srv.PutFile(f[0], []byte(f[1]))
		df := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/beta/directories/"+dirID+"/files", map[string]any{"file_id": fileID})
		ids = append(ids, df.Get("id").String())
	}
	return dirID, ids
}

func itemStatuses(t *testing.T, srv *llamacloudtest.Server, jobID string) []string {
	t.Helper()
	var out []string
	for _, it := range mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+jobID+"/items", nil).Get("items").Array() {
		out = append(out, it.Get("status").String())
	}
	return out
}

func TestBatchJobProgression(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dirID, fileIDs := seedDirectory(t, srv, "docs",
		[2]string{"a.txt", "alpha"}, [2]string{"b.md", "# beta"}, [2]string{"c.txt", "gamma"}, [2]string{"d.txt", "delta"}, [2]string{"e.txt", "   "})
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{
		"job_config":   map[string]any{"job_name": "parse_raw_file_job", "parameters": map[string]any{"lang": "en"}},
		"directory_id": dirID,
	})
	id := created.Get("id").String()
	require.NotEmpty(t, id)
	assert.Equal(t, "parse", created.Get("job_type").String())
	assert.Equal(t, "pending", created.Get("status").String())
	assert.Equal(t, int64(5), created.Get("total_items").Int())
	assert.Equal(t, dirID, created.Get("directory_id").String())
	assert.Equal(t, srv.ProjectID, created.Get("project_id").String())
	assert.Equal(t, gjson.Null, created.Get("started_at").Type)
	assert.Equal(t, gjson.Null, created.Get("completed_at").Type)
	assert.Equal(t, []string{"pending", "pending", "pending", "pending", "pending"}, itemStatuses(t, srv, id))

	type snapshot struct {
		status                     string
		processed, failed, skipped int64
		progress                   float64
		items                      []string
	}
	var got []snapshot
	for range 4 {
		r := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id, nil)
		job := r.Get("job")
		got = append(got, snapshot{
			job.Get("status").String(), job.Get("processed_items").Int(), job.Get("failed_items").Int(),
			job.Get("skipped_items").Int(), r.Get("progress_percentage").Float(), itemStatuses(t, srv, id),
		})
	}
	assert.Equal(t, []snapshot{
		{"dispatched", 0, 0, 0, 0, []string{"pending", "pending", "pending", "pending", "pending"}},
		{"running", 3, 0, 0, 60, []string{"completed", "completed", "completed", "processing", "pending"}},
		{"completed", 5, 1, 0, 100, []string{"completed", "completed", "completed", "completed", "failed"}},
		{"completed", 5, 1, 0, 100, []string{"completed", "completed", "completed", "completed", "failed"}},
	}, got)

	items := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id+"/items", nil)
	assert.Equal(t, int64(5), items.Get("total_size").Int())
	first := items.Get("items.0")
	assert.Equal(t, fileIDs[0], first.Get("item_id").String())
	assert.Equal(t, "a.txt", first.Get("item_name").String())
	assert.NotEmpty(t, first.Get("job_id").String())
	assert.NotEqual(t, gjson.Null, first.Get("started_at").Type)
	assert.NotEqual(t, gjson.Null, first.Get("completed_at").Type)
	last := items.Get("items.4")
	assert.Equal(t, `no text could be extracted from "e.txt"`, last.Get("error_message").String())

	job := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id, nil).Get("job")
	assert.NotEqual(t, gjson.Null, job.Get("started_at").Type)
	assert.NotEqual(t, gjson.Null, job.Get("completed_at").Type)

	results := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/items/"+fileIDs[1]+"/processing-results", nil)
	assert.Equal(t, fileIDs[1], results.Get("item_id").String())
	assert.Equal(t, "b.md", results.Get("item_name").String())
	require.Len(t, results.Get("processing_results").Array(), 1)
	res := results.Get("processing_results.0")
	assert.Equal(t, fileIDs[1], res.Get("item_id").String())
	assert.Equal(t, "parse", res.Get("job_type").String())
	assert.JSONEq(t, `{"job_name":"parse_raw_file_job","parameters":{"lang":"en"}}`, res.Get("job_config").Raw)
	assert.Len(t, res.Get("parameters_hash").String(), 64)
	assert.NotEmpty(t, res.Get("output_s3_path").String())
	assert.NotEmpty(t, res.Get("result_id").String())
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, res.Get("processed_at").String())
	assert.JSONEq(t, `{}`, res.Get("output_metadata").Raw)

	assert.Empty(t, mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/items/"+fileIDs[1]+"/processing-results?job_type=classify", nil).
		Get("processing_results").Array())
	assert.Empty(t, mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/items/"+fileIDs[4]+"/processing-results", nil).
		Get("processing_results").Array(), "a failed item has no result")
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, batchPath+"/items/nope/processing-results", nil).status)
	assert.Equal(t, http.StatusBadRequest, send(t, srv, http.MethodPost, batchPath+"/"+id+"/cancel", nil).status, "already completed")
}

func TestBatchJobItemIDsAndClassify(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	invoice := srv.PutFile("inv.txt", []byte("Invoice: amount due 300 EUR, VAT included, payment within 30 days."))
	contract := srv.PutFile("con.txt", []byte("This agreement between the parties sets out clauses and signatures."))
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{
		"job_config": map[string]any{"id": "clf-1", "project_id": srv.ProjectID, "status": "PENDING", "user_id": "u", "rules": []map[string]any{
			{"type": "invoice", "description": "bills with amounts due and VAT"},
			{"type": "contract", "description": "agreements with clauses between parties"},
		}},
		"item_ids": []string{invoice, contract, "file-missing", invoice},
	})
	assert.Equal(t, "classify", created.Get("job_type").String())
	assert.Equal(t, "completed", created.Get("status").String(), "WithJobSteps(0) completes at once")
	assert.Equal(t, gjson.Null, created.Get("directory_id").Type)
	assert.Equal(t, int64(4), created.Get("total_items").Int())
	assert.Equal(t, int64(3), created.Get("processed_items").Int())
	assert.Equal(t, int64(1), created.Get("failed_items").Int())
	assert.Equal(t, int64(1), created.Get("skipped_items").Int())
	id := created.Get("id").String()
	assert.Equal(t, []string{"completed", "completed", "failed", "skipped"}, itemStatuses(t, srv, id))
	skipped := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id+"/items?status=skipped", nil)
	require.Len(t, skipped.Get("items").Array(), 1)
	assert.Equal(t, "already_processed", skipped.Get("items.0.skip_reason").String())
	failed := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id+"/items?status=failed", nil)
	assert.Equal(t, `item "file-missing" not found`, failed.Get("items.0.error_message").String())

	for file, want := range map[string]string{invoice: "invoice", contract: "contract"} {
		res := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/items/"+file+"/processing-results?job_type=classify", nil)
		assert.Equal(t, want, res.Get("processing_results.0.output_metadata.classification").String())
		assert.Equal(t, "classify", res.Get("processing_results.0.job_type").String())
	}

	allFail := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{"x", "y"}})
	assert.Equal(t, "failed", allFail.Get("status").String())
	assert.Equal(t, "all 2 items failed", allFail.Get("error_message").String())

	empty := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{}})
	assert.Equal(t, "completed", empty.Get("status").String())
	assert.Equal(t, 100.0, mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+empty.Get("id").String(), nil).Get("progress_percentage").Float())
}

func TestBatchJobCancel(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dirID, _ := seedDirectory(t, srv, "docs", [2]string{"a.txt", "a"}, [2]string{"b.txt", "b"}, [2]string{"c.txt", "c"})
	id := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "directory_id": dirID}).Get("id").String()
	mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id, nil)
	running := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id, nil)
	require.Equal(t, "running", running.Get("job.status").String())

	got := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath+"/"+id+"/cancel", map[string]any{"reason": "enough"})
	assert.Equal(t, id, got.Get("job_id").String())
	assert.Equal(t, "cancelled", got.Get("status").String())
	assert.Equal(t, int64(2), got.Get("processed_items").Int())
	assert.Contains(t, got.Get("message").String(), "enough")
	assert.Equal(t, []string{"completed", "completed", "cancelled"}, itemStatuses(t, srv, id))

	after := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id, nil)
	assert.Equal(t, "cancelled", after.Get("job.status").String(), "reads do not move a cancelled job")
	assert.Equal(t, http.StatusBadRequest, send(t, srv, http.MethodPost, batchPath+"/"+id+"/cancel", nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, batchPath+"/nope/cancel", nil).status)
}

func TestBatchJobSteps(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(2))
	id := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{}}).Get("id").String()
	var statuses []string
	for range 7 {
		statuses = append(statuses, mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"/"+id, nil).Get("job.status").String())
	}
	assert.Equal(t, []string{"pending", "dispatched", "dispatched", "running", "running", "completed", "completed"}, statuses)
}

func TestBatchListsAndPaging(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	var files [][2]string
	for i := range 7 {
		files = append(files, [2]string{fmt.Sprintf("f%d.txt", i), "text"})
	}
	dirA, fileIDs := seedDirectory(t, srv, "a", files...)
	dirB, _ := seedDirectory(t, srv, "b", [2]string{"x.txt", "x"})
	var ids []string
	for _, body := range []map[string]any{
		{"job_config": map[string]any{}, "directory_id": dirA},
		{"job_config": map[string]any{}, "directory_id": dirB},
		{"job_config": map[string]any{"rules": []any{}}, "directory_id": dirA},
		{"job_config": map[string]any{}, "item_ids": []string{"missing"}},
	} {
		ids = append(ids, mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, body).Get("id").String())
	}
	list := func(query string) (got []string) {
		t.Helper()
		r := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"?"+query, nil)
		for _, it := range r.Get("items").Array() {
			got = append(got, it.Get("id").String())
		}
		return got
	}
	assert.Equal(t, ids, list(""))
	assert.Equal(t, []string{ids[0], ids[2]}, list("directory_id="+dirA))
	assert.Equal(t, []string{ids[2]}, list("job_type=classify"))
	assert.Equal(t, []string{ids[3]}, list("status=failed"))
	assert.Equal(t, ids[1:3], list("limit=2&offset=1"))
	page := mustSend(t, srv, http.StatusOK, http.MethodGet, batchPath+"?limit=3", nil)
	assert.Equal(t, int64(4), page.Get("total_size").Int())

	// Items page by offset and limit until offset + len(items) reaches total_size.
	var itemIDs []string
	for offset, pages := 0, 0; ; pages++ {
		require.Less(t, pages, 4)
		r := mustSend(t, srv, http.StatusOK, http.MethodGet, fmt.Sprintf("%s/%s/items?limit=2&offset=%d", batchPath, ids[0], offset), nil)
		its := r.Get("items").Array()
		for _, it := range its {
			itemIDs = append(itemIDs, it.Get("item_id").String())
		}
		offset += len(its)
		if len(its) == 0 || int64(offset) >= r.Get("total_size").Int() {
			assert.Equal(t, 3, pages, "four pages of at most two")
			break
		}
	}
	assert.Equal(t, fileIDs, itemIDs)

	for _, q := range []string{"limit=0", "limit=1001", "offset=-1", "limit=x", "status=done", "job_type=split"} {
		assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodGet, batchPath+"?"+q, nil).status, q)
	}
	assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodGet, batchPath+"/"+ids[0]+"/items?status=done", nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, batchPath+"/nope/items", nil).status)
}

func TestBatchValidation(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		name, body string
		status     int
		loc        string
	}{
		{"no job_config", `{"item_ids":["a"]}`, http.StatusUnprocessableEntity, `["body","job_config"]`},
		{"job_config not an object", `{"job_config":"parse","item_ids":["a"]}`, http.StatusUnprocessableEntity, `["body","job_config"]`},
		{"neither source", `{"job_config":{}}`, http.StatusUnprocessableEntity, `["body"]`},
		{"both sources", `{"job_config":{},"item_ids":[],"directory_id":"d"}`, http.StatusUnprocessableEntity, `["body"]`},
		{"bad job name", `{"job_config":{"job_name":"x"},"item_ids":[]}`, http.StatusUnprocessableEntity, `["body","job_config","job_name"]`},
		{"rule without type", `{"job_config":{"rules":[{"description":"d"}]},"item_ids":[]}`, http.StatusUnprocessableEntity, `["body","job_config","rules",0]`},
		{"item_ids not strings", `{"job_config":{},"item_ids":[1]}`, http.StatusUnprocessableEntity, `["body","item_ids"]`},
		{"unknown directory", `{"job_config":{},"directory_id":"dir-nope"}`, http.StatusNotFound, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := send(t, srv, http.MethodPost, batchPath, tc.body)
			require.Equal(t, tc.status, r.status, "%s", r.body)
			if tc.loc != "" {
				assert.JSONEq(t, tc.loc, r.json.Get("detail.0.loc").Raw)
			}
		})
	}
}
