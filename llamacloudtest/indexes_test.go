package llamacloudtest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const indexesPath = "/api/v1/indexes"

// corpusFile is one file of the retrieval test corpus.
type corpusFile struct {
	name     string
	content  string
	metadata map[string]any
}

// corpus is a small set of documents on distinct subjects; each mentions "acme" so that one
// query reaches all of them.
var corpus = []corpusFile{
	{"refunds.md", "# Refund policy\n\nAcme customers may request a refund within 30 days of purchase. " +
		"Refunds are paid back to the original card.", map[string]any{"dept": "sales", "year": 2021, "public": true, "tags": []any{"policy", "money"}}},
	{"shipping.txt", "Acme shipping takes five business days. Express shipping costs extra and arrives next day.",
		map[string]any{"dept": "ops", "year": 2022, "public": true, "tags": []any{"logistics"}}},
	{"prices.csv", "product,price,vendor\nwidget,10,acme\ngadget,25,acme", map[string]any{"dept": "sales", "year": 2023, "public": false}},
	{"team.json", `{"company":"acme","team":"platform","members":["ana","bo"],"oncall":{"primary":"ana"}}`,
		map[string]any{"dept": "eng", "year": 2024, "public": false, "tags": []any{"people"}}},
	{"security.html", "<html><body><h1>Acme security</h1><p>Passwords are hashed with bcrypt &amp; salted.</p>" +
		"<script>var leaked = 1;</script></body></html>", map[string]any{"dept": "eng", "year": 2020}},
}

// corpusIndex uploads the corpus into a new directory, indexes it, and returns the index ID and
// the directory file ID of each file by name.
func corpusIndex(t testing.TB, srv *llamacloudtest.Server) (indexID string, files map[string]string) {
	t.Helper()
	dirID := newDir(t, srv, "corpus")
	files = map[string]string{}
	for _, f := range corpus {
		added := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files",
			map[string]any{"file_id": srv.PutFile(f.name, []byte(f.content)), "metadata": f.metadata})
		files[f.name] = added.Get("id").String()
	}
	ix := mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath, map[string]any{"source_directory_id": dirID})
	return ix.Get("id").String(), files
}

func TestIndexLifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(stepClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))))
	dirID := newDir(t, srv, "handbook")
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath, map[string]any{
		"source_directory_id": dirID, "description": "HR",
		"products": []map[string]any{{"product_config_id": "cfg-1", "product_type": "parse"}},
	})
	id := created.Get("id").String()
	assert.Regexp(t, `^idx-\d{12}$`, id)
	assert.Equal(t, "handbook", created.Get("name").String())
	assert.Equal(t, dirID, created.Get("source_directory_id").String())
	assert.Equal(t, srv.ProjectID, created.Get("project_id").String())
	assert.Equal(t, "HR", created.Get("description").String())
	assert.NotEmpty(t, created.Get("export_config_id").String())
	assert.NotEmpty(t, created.Get("sync_config_id").String())
	assert.Equal(t, gjson.Null, created.Get("last_exported_at").Type, "the first build is not exported yet")
	assert.Equal(t, "building", created.Get("metadata.build_state").String())
	assert.Equal(t, int64(0), created.Get("metadata.document_count").Int())
	assert.Equal(t, int64(1), created.Get("metadata.sync_count").Int())
	assert.Equal(t, "cfg-1", created.Get("metadata.products.0.product_config_id").String())
	for _, field := range []string{"created_at", "last_synced_at", "updated_at"} {
		assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, created.Get(field).String(), field)
	}

	got := mustSend(t, srv, http.StatusOK, http.MethodGet, indexesPath+"/"+id, nil)
	assert.Equal(t, "ready", got.Get("metadata.build_state").String(), "one read is one job step")
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, got.Get("last_exported_at").String())
	assert.GreaterOrEqual(t, got.Get("last_exported_at").String(), got.Get("last_synced_at").String())
	assert.Equal(t, got.Get("last_exported_at").String(), got.Get("updated_at").String())
	for _, field := range []string{"id", "name", "description", "created_at", "last_synced_at", "export_config_id", "sync_config_id", "metadata.products", "metadata.sync_count"} {
		assert.Equal(t, created.Get(field).Raw, got.Get(field).Raw, field)
	}

	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
	}{
		{"missing source", map[string]any{}, http.StatusUnprocessableEntity},
		{"unknown source", map[string]any{"source_directory_id": "dir-nope"}, http.StatusNotFound},
		{"bad product type", map[string]any{"source_directory_id": dirID, "products": []map[string]any{{"product_config_id": "c", "product_type": "split"}}}, http.StatusUnprocessableEntity},
		{"missing product config", map[string]any{"source_directory_id": dirID, "products": []map[string]any{{"product_type": "parse"}}}, http.StatusUnprocessableEntity},
	} {
		r := send(t, srv, http.MethodPost, indexesPath, tc.body)
		assert.Equal(t, tc.status, r.status, "%s: %s", tc.name, r.body)
	}

	mustSend(t, srv, http.StatusNoContent, http.MethodDelete, indexesPath+"/"+id, nil)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, indexesPath+"/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodDelete, indexesPath+"/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, indexesPath+"/"+id+"/sync", nil).status)
}

func TestIndexSync(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dirID := newDir(t, srv, "kb")
	first := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files",
		map[string]any{"file_id": srv.PutFile("cats.txt", []byte("Cats purr when they are content."))}).Get("id").String()
	ixID := mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath, map[string]any{"source_directory_id": dirID}).Get("id").String()

	hits := func(query string) []string {
		res := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/retrieval/retrieve", map[string]any{"index_id": ixID, "query": query})
		var ids []string
		for _, r := range res.Get("results").Array() {
			ids = append(ids, r.Get("static_fields.parsed_directory_file_id").String())
		}
		return ids
	}
	assert.Equal(t, []string{first}, hits("purr"))

	second := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files",
		map[string]any{"file_id": srv.PutFile("dogs.txt", []byte("Dogs bark at the mailman."))}).Get("id").String()
	assert.Empty(t, hits("bark mailman"), "new files are invisible until a sync")
	assert.JSONEq(t, `{}`, mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath+"/"+ixID+"/sync", nil).Raw)
	assert.Equal(t, []string{second}, hits("bark mailman"))
	assert.Equal(t, int64(2), mustSend(t, srv, http.StatusOK, http.MethodGet, indexesPath+"/"+ixID, nil).Get("metadata.document_count").Int())

	mustSend(t, srv, http.StatusNoContent, http.MethodDelete, dirsPath+"/"+dirID+"/files/"+first, nil)
	assert.Equal(t, []string{first}, hits("purr"), "deleted files stay until a sync")
	mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath+"/"+ixID+"/sync", nil)
	assert.Empty(t, hits("purr"))
	info := mustSend(t, srv, http.StatusOK, http.MethodGet, indexesPath+"/"+ixID, nil)
	assert.Equal(t, int64(3), info.Get("metadata.sync_count").Int())
	require.Equal(t, int64(1), info.Get("metadata.document_count").Int())
}

// TestIndexBuildsAsynchronously follows an index through a create and a sync with three job steps
// and a frozen clock: before the first export it reads as building with a null last_exported_at
// and retrieval, search, grep and read answer as over an empty index; every read of the index
// (GET, retrieve, search, grep, read, chat turn) is a step; after a sync it serves the previous
// export until the new one is ready, and the timestamps follow the readiness rule
// "last_exported_at set and >= last_synced_at" although the clock never moves.
func TestIndexBuildsAsynchronously(t *testing.T) {
	t.Parallel()
	frozen := time.Date(2025, 3, 4, 5, 6, 7, 890_400_000, time.UTC)
	srv := start(t, llamacloudtest.WithJobSteps(3), llamacloudtest.WithClock(func() time.Time { return frozen }))
	dirID := newDir(t, srv, "kb")
	catsFile := srv.PutFile("cats.txt", []byte("Cats purr when they are content."))
	cats := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files", map[string]any{"file_id": catsFile}).Get("id").String()
	ix := mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath, map[string]any{"source_directory_id": dirID})
	ixID := ix.Get("id").String()
	assert.Equal(t, "building", ix.Get("metadata.build_state").String())
	assert.Equal(t, gjson.Null, ix.Get("last_exported_at").Type)
	assert.Equal(t, "2025-03-04T05:06:07.890Z", ix.Get("last_synced_at").String())

	get := func() gjson.Result { return mustSend(t, srv, http.StatusOK, http.MethodGet, indexesPath+"/"+ixID, nil) }
	retrieve := func(query string) []string {
		res := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/retrieval/retrieve", map[string]any{"index_id": ixID, "query": query})
		ids := []string{}
		for _, r := range res.Get("results").Array() {
			ids = append(ids, r.Get("static_fields.parsed_directory_file_id").String())
		}
		return ids
	}

	// Steps 1 and 2 of the first build: nothing is served yet.
	assert.Empty(t, retrieve("purr"), "before the first export retrieval finds nothing")
	assert.Equal(t, `[]`, mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/retrieval/files/search", map[string]any{"index_id": ixID}).Get("files").Raw)
	// Step 3: a grep of a file the build will hold exports it, and finds the file.
	grep := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/retrieval/files/grep", map[string]any{"index_id": ixID, "file_id": cats, "pattern": "purr"})
	assert.Equal(t, "purr", grep.Get("matches.0.content").String())
	ready := get()
	assert.Equal(t, "ready", ready.Get("metadata.build_state").String())
	assert.Equal(t, int64(1), ready.Get("metadata.document_count").Int())
	assert.Equal(t, "2025-03-04T05:06:07.890Z", ready.Get("last_exported_at").String(), "exported at the sync's time: the clock is frozen")
	assert.Equal(t, []string{cats}, retrieve("purr"))

	// A sync: the previous export is served until the new build is ready.
	dogs := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files",
		map[string]any{"file_id": srv.PutFile("dogs.txt", []byte("Dogs bark at the mailman."))}).Get("id").String()
	mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath+"/"+ixID+"/sync", nil)
	syncing := get() // step 1
	assert.Equal(t, "building", syncing.Get("metadata.build_state").String())
	assert.Equal(t, "2025-03-04T05:06:07.891Z", syncing.Get("last_synced_at").String(), "a sync is stamped after the last export")
	assert.Equal(t, "2025-03-04T05:06:07.890Z", syncing.Get("last_exported_at").String())
	assert.Less(t, syncing.Get("last_exported_at").String(), syncing.Get("last_synced_at").String(), "not ready by the readiness rule")
	assert.Equal(t, int64(1), syncing.Get("metadata.document_count").Int(), "counts describe the served export")
	assert.Empty(t, retrieve("bark mailman"), "step 2: the previous export does not hold the new file")
	r := send(t, srv, http.MethodPost, "/api/v1/retrieval/files/read", map[string]any{"index_id": ixID, "file_id": cats})
	assert.Equal(t, http.StatusOK, r.status, "step 3 exports the new build, which still holds cats.txt")
	assert.Equal(t, []string{dogs}, retrieve("bark mailman"))
	done := get()
	assert.Equal(t, "ready", done.Get("metadata.build_state").String())
	assert.Equal(t, "2025-03-04T05:06:07.891Z", done.Get("last_exported_at").String())
	assert.Equal(t, int64(2), done.Get("metadata.document_count").Int())
	assert.Equal(t, int64(2), done.Get("metadata.sync_count").Int())

	// A chat turn over the index is a step too.
	mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath+"/"+ixID+"/sync", nil)
	session := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{"index_ids": []string{ixID}}).Get("session_id").String()
	for range 3 {
		stream(t, srv, session, []string{ixID}, "purr")
	}
	assert.Equal(t, "ready", get().Get("metadata.build_state").String(), "three turns were three steps")
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, "/api/v1/retrieval/files/read", map[string]any{"index_id": "idx-nope", "file_id": cats}).status)
}

// TestIndexJobStepsZeroExportsAtOnce checks WithJobSteps(0): the create and sync answers already
// show the export.
func TestIndexJobStepsZeroExportsAtOnce(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	dirID := newDir(t, srv, "kb")
	mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files", map[string]any{"file_id": srv.PutFile("a.txt", []byte("alpha"))})
	ix := mustSend(t, srv, http.StatusOK, http.MethodPost, indexesPath, map[string]any{"source_directory_id": dirID})
	assert.Equal(t, "ready", ix.Get("metadata.build_state").String())
	assert.Equal(t, int64(1), ix.Get("metadata.document_count").Int())
	assert.GreaterOrEqual(t, ix.Get("last_exported_at").String(), ix.Get("last_synced_at").String())
	assert.NotEqual(t, gjson.Null, ix.Get("last_exported_at").Type)
}
