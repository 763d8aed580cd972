package llamacloudtest_test

import (
	"bufio"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

var wireTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

// fixtureDir is the one tree of example responses: beta's testdata, each file the example
// response of one endpoint copied from the API reference (<service>/<method>.json).
var fixtureDir = filepath.Join("..", "beta", "testdata")

// assertWireShape checks got against the example response want of the API reference: the same
// keys in every object, the same JSON kind for every value, recursively, and the reference's
// datetime format wherever the example has a datetime. A null is allowed for any value (the
// examples fill in every optional field), and where the example has null any value is (the
// example does not say its type). Values at the paths in freeForm (dotted, "#" for array elements)
// hold caller data, or are known departures from the example: they are not compared and may be
// absent on either side. So are the members of an example
// object whose only key is "foo": that is how the reference writes a free-form Dict[str, …].
func assertWireShape(t *testing.T, want, got gjson.Result, path string, freeForm map[string]bool) {
	t.Helper()
	if got.Type == gjson.Null || want.Type == gjson.Null || freeForm[path] {
		return
	}
	if want.IsObject() && len(want.Map()) == 1 && want.Get("foo").Exists() {
		assert.True(t, got.IsObject(), "%s: want a free-form object, got %s", path, got.Raw)
		return
	}
	switch {
	case want.IsObject():
		require.True(t, got.IsObject(), "%s: want an object, got %s", path, got.Raw)
		var wantKeys, gotKeys []string
		keyPath := func(k gjson.Result) string { return strings.TrimPrefix(path+"."+k.String(), ".") }
		want.ForEach(func(k, _ gjson.Result) bool {
			if !freeForm[keyPath(k)] || got.Get(gjson.Escape(k.String())).Exists() {
				wantKeys = append(wantKeys, k.String())
			}
			return true
		})
		got.ForEach(func(k, _ gjson.Result) bool {
			if !freeForm[keyPath(k)] || want.Get(gjson.Escape(k.String())).Exists() {
				gotKeys = append(gotKeys, k.String())
			}
			return true
		})
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

// wireCase is one endpoint's example response and how to get the fake's answer to compare.
type wireCase struct {
	fixture  string // <service>/<method> under fixtureDir
	method   string
	path     string
	body     any // nil, raw JSON string, or a value to marshal
	freeForm []string
}

// TestWireShapesOfEveryEndpoint answers every example response of the API reference (every file of
// the fixture tree) with the fake's answer to the same endpoint, and checks its shape. A fixture
// without a case fails by name.
func TestWireShapesOfEveryEndpoint(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	csvID := srv.PutFile("budget.csv", []byte(budgetCSV))
	textID := srv.PutFile("packet.txt", []byte("invoice amount due\fcontract clauses"))
	dirID, dirFiles := seedDirectory(t, srv, "docs", [2]string{"a.txt", "alpha warranty"}, [2]string{"b.txt", "beta"})
	withMeta := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files",
		map[string]any{"file_id": srv.PutFile("c.txt", []byte("gamma")), "metadata": map[string]any{"k": "v"}}).Get("id").String()
	index := mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath, map[string]any{"source_directory_id": dirID, "description": "d"})
	session := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{"index_ids": []string{index.Get("id").String()}})
	sessionPath := chatPath + "/" + session.Get("session_id").String()
	stream(t, srv, session.Get("session_id").String(), []string{}, "warranty")

	item := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
		"deployment_name": "d", "collection": "c", "data": map[string]any{"k": "v"}})
	other := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{"deployment_name": "d", "data": map[string]any{}})
	sheet := mustSend(t, srv, http.StatusOK, http.MethodPost, sheetsPath, map[string]any{
		"file_id": csvID, "config": map[string]any{"generate_additional_metadata": true}})
	batch := mustSend(t, srv, http.StatusOK, http.MethodPost, batchPath, map[string]any{
		"job_config": map[string]any{"job_name": "parse_raw_file_job"}, "directory_id": dirID})
	split := mustSend(t, srv, http.StatusOK, http.MethodPost, splitPath, map[string]any{
		"document_input": map[string]any{"type": "file_id", "value": textID},
		"configuration":  map[string]any{"categories": []map[string]any{{"name": "invoice", "description": "amount due"}}}})

	pendingSrv := start(t)
	pendingBatch := mustSend(t, pendingSrv, http.StatusOK, http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{"x"}})

	indexID, itemID, sheetID := index.Get("id").String(), item.Get("id").String(), sheet.Get("id").String()
	sheetsConfig := []string{"config", "file.permission_info", "file.resource_info"}
	cases := []wireCase{
		// Directories and their files.
		{"directories/new", http.MethodPost, dirsPath, map[string]any{"name": "new", "description": "d"}, nil},
		{"directories/get", http.MethodGet, dirsPath + "/" + dirID, nil, nil},
		{"directories/update", http.MethodPatch, dirsPath + "/" + dirID, map[string]any{"description": "e"}, nil},
		{"directories/list", http.MethodGet, dirsPath, nil, nil},
		{"directory_files/add", http.MethodPost, dirsPath + "/" + dirID + "/files", map[string]any{"file_id": srv.PutFile("d.txt", []byte("delta"))}, nil},
		{"directory_files/get", http.MethodGet, dirsPath + "/" + dirID + "/files/" + withMeta, nil, nil},
		{"directory_files/update", http.MethodPatch, dirsPath + "/" + dirID + "/files/" + withMeta, map[string]any{"directory_id": dirID, "display_name": "C"}, nil},
		{"directory_files/list", http.MethodGet, dirsPath + "/" + dirID + "/files", nil, nil},

		// Indexes and retrieval.
		{"indexes/new", http.MethodPost, indexesPath, map[string]any{"source_directory_id": dirID}, nil},
		{"indexes/get", http.MethodGet, indexesPath + "/" + indexID, nil, nil},
		{"indexes/sync", http.MethodPost, indexesPath + "/" + indexID + "/sync", nil, nil},
		{"retrieval/retrieve", http.MethodPost, "/api/v1/retrieval/retrieve", map[string]any{"index_id": indexID, "query": "warranty"}, nil},
		{"retrieval/search", http.MethodPost, "/api/v1/retrieval/files/search", map[string]any{"index_id": indexID}, nil},
		{"retrieval/grep", http.MethodPost, "/api/v1/retrieval/files/grep", map[string]any{"index_id": indexID, "file_id": dirFiles[0], "pattern": "alpha"}, nil},
		{"retrieval/read", http.MethodPost, "/api/v1/retrieval/files/read", map[string]any{"index_id": indexID, "file_id": dirFiles[0]}, nil},

		// Chat.
		{"chat/new", http.MethodPost, chatPath, map[string]any{"index_ids": []string{indexID}}, nil},
		{"chat/get", http.MethodGet, sessionPath, nil, []string{"events.#"}},
		{"chat/get_summary", http.MethodGet, sessionPath + "/summary", nil, nil},
		{"chat/set_title", http.MethodPost, sessionPath + "/title", map[string]any{"first_message": "hello there"}, nil},
		{"chat/list", http.MethodGet, chatPath, nil, nil},

		// Agent data.
		{"agent_data/new", http.MethodPost, agentDataPath, map[string]any{"deployment_name": "d", "data": map[string]any{"n": 1}}, nil},
		{"agent_data/get", http.MethodGet, agentDataPath + "/" + itemID, nil, nil},
		{"agent_data/update", http.MethodPut, agentDataPath + "/" + itemID, map[string]any{"data": map[string]any{"k": "w"}}, nil},
		{"agent_data/search", http.MethodPost, agentDataPath + "/:search", map[string]any{"deployment_name": "d", "collection": "c", "include_total": true}, nil},
		{"agent_data/aggregate", http.MethodPost, agentDataPath + "/:aggregate", map[string]any{
			"deployment_name": "d", "collection": "c", "group_by": []string{"k"}, "count": true, "first": true, "include_total": true,
		}, nil},
		{"agent_data/delete", http.MethodDelete, agentDataPath + "/" + other.Get("id").String(), nil, nil},
		{"agent_data/delete_by_query", http.MethodPost, agentDataPath + "/:delete", map[string]any{"deployment_name": "nobody"}, nil},

		// Sheets.
		{"sheets/new", http.MethodPost, sheetsPath, map[string]any{"file_id": csvID, "config": map[string]any{"sheet_names": []string{"budget"}}}, sheetsConfig},
		{"sheets/get", http.MethodGet, sheetsPath + "/" + sheetID, nil, sheetsConfig},
		{"sheets/list", http.MethodGet, sheetsPath + "?include_results=true", nil, []string{"items.#.config", "items.#.file.permission_info", "items.#.file.resource_info"}},
		{"sheets/get_result_table", http.MethodGet, sheetsPath + "/" + sheetID + "/regions/region-2/result/table", nil, nil},

		// Batch processing.
		{"batch/new", http.MethodPost, batchPath, map[string]any{"job_config": map[string]any{}, "item_ids": []string{dirFiles[0]}}, nil},
		{"batch/list", http.MethodGet, batchPath, nil, nil},
		{"batch/get_status", http.MethodGet, batchPath + "/" + batch.Get("id").String(), nil, nil},
		{"batch/cancel", http.MethodPost, batchPath + "/" + pendingBatch.Get("id").String() + "/cancel", map[string]any{}, nil},
		{"batch_job_items/list", http.MethodGet, batchPath + "/" + batch.Get("id").String() + "/items", nil, nil},
		{"batch_job_items/get_processing_results", http.MethodGet, batchPath + "/items/" + dirFiles[0] + "/processing-results", nil,
			[]string{"processing_results.#.job_config", "processing_results.#.output_metadata"}},

		// Split.
		{"split/new", http.MethodPost, splitPath, map[string]any{
			"document_input": map[string]any{"type": "file_id", "value": textID}, "configuration_id": "cfg",
			"configuration": map[string]any{"categories": []map[string]any{{"name": "invoice", "description": "amount due"}}},
		}, nil},
		{"split/get", http.MethodGet, splitPath + "/" + split.Get("id").String(), nil, nil},
		{"split/list", http.MethodGet, splitPath, nil, nil},

		// Last: the uploads and deletes change what the cases above read.
		{"directory_files/upload", "", "", nil, nil}, // multipart: sent by upload below
		{"sheets/delete_job", http.MethodDelete, sheetsPath + "/" + sheetID, nil, nil},
		{"chat/stream", "", "", nil, nil}, // Server-Sent Events: checked by TestWireShapesOfChatEvents
	}

	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.fixture] = true
	}
	fixtures := fixtureNames(t)
	require.Len(t, fixtures, 43, "the reference has 43 example responses")
	for _, name := range fixtures {
		assert.True(t, covered[name], "fixture %s has no wire case", name)
	}

	// Subtests run in order: the last ones change what the others read.
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtureDir, tc.fixture+".json"))
			require.NoError(t, err)
			var got gjson.Result
			switch {
			case tc.fixture == "directory_files/upload":
				r := upload(t, srv, dirID, "e.txt", []byte("epsilon"), map[string]string{"metadata": `{"k":"v"}`})
				require.Equal(t, http.StatusOK, r.status, "%s", r.body)
				got = r.json
			case tc.fixture == "chat/stream":
				assert.JSONEq(t, `{}`, string(data), "the reference shows no body for the event stream")
				return
			default:
				s := srv
				if strings.HasPrefix(tc.path, batchPath+"/"+pendingBatch.Get("id").String()) {
					s = pendingSrv
				}
				got = mustSend(t, s, http.StatusOK, tc.method, tc.path, tc.body)
			}
			freeForm := map[string]bool{}
			for _, p := range tc.freeForm {
				freeForm[p] = true
			}
			assertWireShape(t, gjson.ParseBytes(data), got, "", freeForm)
		})
	}
}

// fixtureNames lists the fixture tree's example responses as <service>/<method>.
func fixtureNames(t *testing.T) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(fixtureDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
			return err
		}
		rel, err := filepath.Rel(fixtureDir, p)
		names = append(names, strings.TrimSuffix(filepath.ToSlash(rel), ".json"))
		return err
	})
	require.NoError(t, err)
	sort.Strings(names)
	return names
}

// TestWireShapesOfChatEvents checks a chat turn's events, as streamed and as kept in the session,
// against the events of the same type in beta's recorded turn (chat/stream_turn.sse).
func TestWireShapesOfChatEvents(t *testing.T) {
	t.Parallel()
	want := map[string]gjson.Result{}
	f, err := os.Open(filepath.Join(fixtureDir, "chat", "stream_turn.sse"))
	require.NoError(t, err)
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok && gjson.Valid(data) {
			e := gjson.Parse(data)
			if _, seen := want[e.Get("type").String()]; !seen {
				want[e.Get("type").String()] = e
			}
		}
	}
	require.NoError(t, lines.Err())

	srv := start(t, llamacloudtest.WithJobSteps(0), llamacloudtest.WithClock(func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }))
	indexID, _ := corpusIndex(t, srv)
	session := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{"index_ids": []string{indexID}}).Get("session_id").String()
	events := stream(t, srv, session, []string{}, "refund policy")
	kept := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+session, nil).Get("events").Array()
	require.Len(t, kept, len(events))
	types := map[string]bool{}
	for i, e := range events {
		typ := e.data.Get("type").String()
		types[typ] = true
		example, ok := want[typ]
		if !assert.True(t, ok, "event %d: type %q is not in the recorded turn", i, typ) {
			continue
		}
		wantEvent := map[string]string{"text_delta": "delta"}[typ]
		if wantEvent == "" {
			wantEvent = "message"
		}
		assert.Equal(t, wantEvent, e.event, "event %d (%s): SSE event name", i, typ)
		free := map[string]bool{"arguments": true, "result": true} // tool call arguments and results are free-form
		assertWireShape(t, example, e.data, "", free)
		assertWireShape(t, example, kept[i], "", free)
	}
	for _, typ := range []string{"user_input", "tool_call", "tool_result", "text_delta", "text", "stop"} {
		assert.True(t, types[typ], "the turn streamed no %s event", typ)
	}
}
