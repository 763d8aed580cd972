package llamacloudtest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const splitPath = "/api/v1/beta/split/jobs"

// packetPages is a six-page document: two invoice pages, two contract pages, an unrelated page and
// a resume page.
var packetPages = []string{
	"INVOICE 2024-17. Amount due: 1,200 EUR including VAT. Payment terms: 30 days.",
	"Invoice continued: line items and total amount due.",
	"This agreement is made between the parties. Clause 1: the contract term is two years.",
	"Signatures of both parties to the agreement.",
	"Weather report: sunny with light winds.",
	"Resume of Jane Doe. Work experience: five years as an engineer. Education: MSc, Delft.",
}

var packetCategories = []map[string]any{
	{"name": "invoice", "description": "Bills listing amounts due, VAT and payment terms"},
	{"name": "contract", "description": "Agreements between parties with clauses and signatures"},
	{"name": "resume"}, // no description: the name alone must do
}

// segments renders a job's result as "category:pages" strings.
func segments(job gjson.Result) []string {
	var out []string
	for _, s := range job.Get("result.segments").Array() {
		var pages []string
		for _, p := range s.Get("pages").Array() {
			pages = append(pages, p.String())
		}
		out = append(out, s.Get("category").String()+":"+strings.Join(pages, ","))
	}
	return out
}

func TestSplitJobLifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t)
	fileID := srv.PutFile("packet.txt", []byte(strings.Join(packetPages, "\f")))
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, splitPath, map[string]any{
		"document_input": map[string]any{"type": "file_id", "value": fileID},
		"configuration":  map[string]any{"categories": packetCategories},
	})
	id := created.Get("id").String()
	require.NotEmpty(t, id)
	assert.Equal(t, "pending", created.Get("status").String())
	assert.JSONEq(t, `{"type":"file_id","value":"`+fileID+`"}`, created.Get("document_input").Raw)
	assert.JSONEq(t, `[{"name":"invoice","description":"Bills listing amounts due, VAT and payment terms"},
		{"name":"contract","description":"Agreements between parties with clauses and signatures"},
		{"name":"resume","description":null}]`, created.Get("categories").Raw)
	assert.Equal(t, srv.ProjectID, created.Get("project_id").String())
	assert.NotEmpty(t, created.Get("user_id").String())
	assert.Equal(t, gjson.Null, created.Get("result").Type)
	assert.Equal(t, gjson.Null, created.Get("error_message").Type)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, created.Get("created_at").String())

	processing := mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"/"+id, nil)
	assert.Equal(t, "processing", processing.Get("status").String())
	assert.Equal(t, gjson.Null, processing.Get("result").Type)

	done := mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"/"+id, nil)
	require.Equal(t, "completed", done.Get("status").String())
	assert.Equal(t, []string{"invoice:1,2", "contract:3,4", "uncategorized:5", "resume:6"}, segments(done))
	for _, s := range done.Get("result.segments").Array() {
		assert.Contains(t, []string{"high", "medium", "low"}, s.Get("confidence_category").String())
	}
	assert.Equal(t, "high", done.Get("result.segments.0.confidence_category").String())

	again := mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"/"+id, nil)
	assert.JSONEq(t, done.Raw, again.Raw, "a completed job stays put")

	srv.AddKey("other-key", "proj-other")
	assert.Equal(t, http.StatusNotFound, sendAs(t, srv, "other-key", http.MethodGet, splitPath+"/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, splitPath+"/nope", nil).status)
}

func TestSplitStrategies(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	fileID := srv.PutFile("packet.txt", []byte(strings.Join(packetPages, "\f")))
	for _, tc := range []struct {
		allow  string
		cats   []map[string]any
		status string
		want   []string
	}{
		{"include", packetCategories, "completed", []string{"invoice:1,2", "contract:3,4", "uncategorized:5", "resume:6"}},
		{"forbid", packetCategories, "completed", []string{"invoice:1,2", "contract:3,4,5", "resume:6"}},
		{"omit", packetCategories, "completed", []string{"invoice:1,2", "contract:3,4", "resume:6"}},
		{"include", []map[string]any{}, "completed", []string{"uncategorized:1,2,3,4,5,6"}},
		{"forbid", []map[string]any{}, "failed", nil},
	} {
		t.Run(fmt.Sprintf("%s with %d categories", tc.allow, len(tc.cats)), func(t *testing.T) {
			t.Parallel()
			got := mustSend(t, srv, http.StatusOK, http.MethodPost, splitPath, map[string]any{
				"document_input": map[string]any{"type": "file_id", "value": fileID},
				"configuration": map[string]any{
					"categories": tc.cats, "splitting_strategy": map[string]any{"allow_uncategorized": tc.allow},
				},
			})
			assert.Equal(t, tc.status, got.Get("status").String(), "WithJobSteps(0) completes at once")
			assert.Equal(t, tc.want, segments(got))
			if tc.status == "failed" {
				assert.NotEmpty(t, got.Get("error_message").String())
			}
		})
	}
}

func TestSplitJobFailures(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(2))
	for _, tc := range []struct {
		name string
		body map[string]any
		msg  string
	}{
		{"missing file", map[string]any{
			"document_input": map[string]any{"type": "file_id", "value": "file-nope"},
			"configuration":  map[string]any{"categories": packetCategories},
		}, `file "file-nope" not found`},
		{"unknown saved configuration", map[string]any{
			"document_input":   map[string]any{"type": "file_id", "value": "file-nope"},
			"configuration_id": "cfg-1",
		}, `split configuration "cfg-1" not found`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			id := mustSend(t, srv, http.StatusOK, http.MethodPost, splitPath, tc.body).Get("id").String()
			var statuses []string
			var last gjson.Result
			for range 5 {
				last = mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"/"+id, nil)
				statuses = append(statuses, last.Get("status").String())
			}
			assert.Equal(t, []string{"pending", "processing", "processing", "failed", "failed"}, statuses, "two reads per step")
			assert.Equal(t, tc.msg, last.Get("error_message").String())
			assert.Equal(t, gjson.Null, last.Get("result").Type)
		})
	}
}

func TestSplitValidation(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		name, body, loc string
	}{
		{"no document", `{"configuration":{"categories":[]}}`, `["body","document_input"]`},
		{"no value", `{"document_input":{"type":"file_id"},"configuration":{"categories":[]}}`, `["body","document_input","value"]`},
		{"bad type", `{"document_input":{"type":"url","value":"x"},"configuration":{"categories":[]}}`, `["body","document_input","type"]`},
		{"no configuration", `{"document_input":{"type":"file_id","value":"x"}}`, `["body","configuration"]`},
		{"no categories", `{"document_input":{"type":"file_id","value":"x"},"configuration":{}}`, `["body","configuration","categories"]`},
		{"nameless category", `{"document_input":{"type":"file_id","value":"x"},"configuration":{"categories":[{"description":"d"}]}}`, `["body","configuration","categories",0,"name"]`},
		{"bad strategy", `{"document_input":{"type":"file_id","value":"x"},"configuration":{"categories":[],"splitting_strategy":{"allow_uncategorized":"maybe"}}}`, `["body","configuration","splitting_strategy","allow_uncategorized"]`},
		{"categories not a list", `{"document_input":{"type":"file_id","value":"x"},"configuration":{"categories":"invoice"}}`, `["body","configuration","categories"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := send(t, srv, http.MethodPost, splitPath, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
			assert.JSONEq(t, tc.loc, r.json.Get("detail.0.loc").Raw)
		})
	}
}

func TestSplitList(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(stepClock(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))))
	fileID := srv.PutFile("packet.txt", []byte(strings.Join(packetPages, "\f")))
	var ids, created []string
	for i := range 5 {
		j := mustSend(t, srv, http.StatusOK, http.MethodPost, splitPath, map[string]any{
			"document_input": map[string]any{"type": "file_id", "value": fileID},
			"configuration":  map[string]any{"categories": packetCategories},
		})
		ids = append(ids, j.Get("id").String())
		created = append(created, j.Get("created_at").String())
		for range i % 3 { // job i is read i%3 times: pending, processing, completed
			mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"/"+j.Get("id").String(), nil)
		}
	}
	list := func(query string) (got []string) {
		t.Helper()
		r := mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"?"+query, nil)
		for _, it := range r.Get("items").Array() {
			got = append(got, it.Get("id").String())
		}
		return got
	}
	assert.Equal(t, ids, list(""))
	assert.Equal(t, []string{ids[0], ids[3]}, list("status=pending"))
	assert.Equal(t, []string{ids[1], ids[4]}, list("status=processing"))
	assert.Equal(t, []string{ids[2]}, list("status=completed"))
	assert.Equal(t, []string{ids[4]}, list("job_ids="+ids[4]))
	assert.Equal(t, ids[1:3], list("created_at_on_or_after="+url.QueryEscape(created[1])+"&created_at_on_or_before="+url.QueryEscape(created[2])))
	first := mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"?page_size=3", nil)
	assert.Len(t, first.Get("items").Array(), 3)
	assert.Equal(t, int64(5), first.Get("total_size").Int())
	second := mustSend(t, srv, http.StatusOK, http.MethodGet, splitPath+"?page_size=3&page_token="+url.QueryEscape(first.Get("next_page_token").String()), nil)
	assert.Equal(t, ids[3:], []string{second.Get("items.0.id").String(), second.Get("items.1.id").String()})
	assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodGet, splitPath+"?status=done", nil).status)
}
