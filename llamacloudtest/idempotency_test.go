package llamacloudtest_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
)

// sendKeyed sends a JSON POST with the server's key and an Idempotency-Key (none when key is "").
func sendKeyed(t *testing.T, srv *llamacloudtest.Server, apiKey, idemKey, path, body string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+apiKey)
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	return doRequest(t, req)
}

// directoryNames lists the names of the directories of the project of apiKey, oldest first.
func directoryNames(t *testing.T, srv *llamacloudtest.Server, apiKey string) []string {
	t.Helper()
	r := sendAs(t, srv, apiKey, http.MethodGet, "/api/v1/beta/directories", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var names []string
	for _, d := range r.json.Get("items").Array() {
		names = append(names, d.Get("name").String())
	}
	return names
}

func TestIdempotencyKeyReplaysTheFirstResponse(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(stepClock(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))))
	const dirs = "/api/v1/beta/directories"

	first := sendKeyed(t, srv, srv.APIKey, "k-1", dirs, `{"name":"a"}`)
	require.Equal(t, http.StatusOK, first.status, "%s", first.body)
	assert.Empty(t, first.header.Get("Idempotent-Replayed"))
	again := sendKeyed(t, srv, srv.APIKey, "k-1", dirs, `{"name":"a"}`)
	assert.Equal(t, http.StatusOK, again.status)
	assert.Equal(t, string(first.body), string(again.body), "the same body, created_at included")
	assert.Equal(t, first.header.Get("Content-Type"), again.header.Get("Content-Type"))
	assert.Equal(t, "true", again.header.Get("Idempotent-Replayed"))
	assert.Equal(t, []string{"a"}, directoryNames(t, srv, srv.APIKey), "the repeat created nothing")

	t.Run("another key creates another", func(t *testing.T) {
		r := sendKeyed(t, srv, srv.APIKey, "k-2", dirs, `{"name":"a"}`)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.NotEqual(t, first.json.Get("id").String(), r.json.Get("id").String())
		assert.Equal(t, []string{"a", "a"}, directoryNames(t, srv, srv.APIKey))
	})
	t.Run("no key creates another", func(t *testing.T) {
		require.Equal(t, http.StatusOK, sendKeyed(t, srv, srv.APIKey, "", dirs, `{"name":"b"}`).status)
		require.Equal(t, http.StatusOK, sendKeyed(t, srv, srv.APIKey, "", dirs, `{"name":"b"}`).status)
		assert.Equal(t, []string{"a", "a", "b", "b"}, directoryNames(t, srv, srv.APIKey))
	})
	t.Run("reused with another body", func(t *testing.T) {
		r := sendKeyed(t, srv, srv.APIKey, "k-1", dirs, `{"name":"z"}`)
		assert.Equal(t, http.StatusUnprocessableEntity, r.status)
		assert.Equal(t, `Idempotency-Key "k-1" was first used with another request (POST /api/v1/beta/directories); a key may be reused only with the same method, path, query and body`,
			r.json.Get("detail").String())
		assert.NotContains(t, directoryNames(t, srv, srv.APIKey), "z")
	})
	t.Run("reused on another path or query", func(t *testing.T) {
		r := sendKeyed(t, srv, srv.APIKey, "k-1", "/api/v1/beta/agent-data", `{"name":"a"}`)
		assert.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
		r = sendKeyed(t, srv, srv.APIKey, "k-1", dirs+"?project_id="+srv.ProjectID, `{"name":"a"}`)
		assert.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
	})
	t.Run("keys belong to a project", func(t *testing.T) {
		srv.AddKey("other-key", "proj-other")
		r := sendKeyed(t, srv, "other-key", "k-1", dirs, `{"name":"a"}`)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.Empty(t, r.header.Get("Idempotent-Replayed"))
		assert.Equal(t, []string{"a"}, directoryNames(t, srv, "other-key"))
	})
	t.Run("a failed request is not kept", func(t *testing.T) {
		r := sendKeyed(t, srv, srv.APIKey, "k-3", dirs, `{}`)
		require.Equal(t, http.StatusUnprocessableEntity, r.status)
		r = sendKeyed(t, srv, srv.APIKey, "k-3", dirs, `{"name":"fixed"}`)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.Contains(t, directoryNames(t, srv, srv.APIKey), "fixed")
	})
	t.Run("too long", func(t *testing.T) {
		r := sendKeyed(t, srv, srv.APIKey, strings.Repeat("k", 256), dirs, `{"name":"long"}`)
		assert.Equal(t, http.StatusBadRequest, r.status)
		assert.Equal(t, "Idempotency-Key is 256 characters long, more than 255", r.json.Get("detail").String())
		r = sendKeyed(t, srv, srv.APIKey, strings.Repeat("k", 255), dirs, `{"name":"long"}`)
		assert.Equal(t, http.StatusOK, r.status, "%s", r.body)
	})
	t.Run("only POST", func(t *testing.T) {
		id := first.json.Get("id").String()
		for range 2 {
			req, err := http.NewRequest(http.MethodPatch, srv.URL+dirs+"/"+id, strings.NewReader(`{"description":"d"}`))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+srv.APIKey)
			req.Header.Set("Idempotency-Key", "k-1")
			r := doRequest(t, req)
			assert.Equal(t, http.StatusOK, r.status, "%s", r.body)
			assert.Empty(t, r.header.Get("Idempotent-Replayed"))
		}
	})
}

// TestIdempotencyReplaysAChatTurn checks the streaming POST: a repeat gets the recorded events and
// the session's history holds one turn.
func TestIdempotencyReplaysAChatTurn(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithJobSteps(0))
	indexID, _ := corpusIndex(t, srv)
	session := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{"index_ids": []string{indexID}})
	path := chatPath + "/" + session.Get("session_id").String() + "/messages/stream"
	body := `{"index_ids":["` + indexID + `"],"prompt":"how long is the warranty"}`

	first := sendKeyed(t, srv, srv.APIKey, "turn-1", path, body)
	require.Equal(t, http.StatusOK, first.status, "%s", first.body)
	again := sendKeyed(t, srv, srv.APIKey, "turn-1", path, body)
	require.Equal(t, http.StatusOK, again.status)
	assert.Equal(t, "text/event-stream", again.header.Get("Content-Type"))
	assert.Equal(t, "true", again.header.Get("Idempotent-Replayed"))
	assert.Equal(t, string(first.body), string(again.body))
	events := parseSSE(t, string(first.body))
	require.NotEmpty(t, events)
	assert.Equal(t, "stop", events[len(events)-1].data.Get("type").String())

	history := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+session.Get("session_id").String(), nil)
	assert.Len(t, history.Get("events").Array(), len(events), "one turn in the history")
}

// TestSDKRetryAfterADroppedResponseCreatesOnce is the scenario of issue 10.11: the server creates
// the directory, the connection drops on the way back (twice), and the SDK retries the POST after
// its backoff (recorded, not slept). With the same Idempotency-Key on every attempt the retries
// get the first answer and nothing more is created; two calls with different keys create two
// directories.
func TestSDKRetryAfterADroppedResponseCreatesOnce(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewUnstartedServer()
	srv.FailNext(2, llamacloudtest.Fault{DropResponse: true, Path: sdkDirsPath})
	srv.Start()
	t.Cleanup(srv.Close)
	client, log := loggedClient(srv)
	ctx := testContext(t)

	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "once"}, option.WithHeader("Idempotency-Key", "call-1"))
	require.NoError(t, err)
	posts := requestsTo(srv, http.MethodPost, sdkDirsPath)
	require.Len(t, posts, 3, "both dropped responses were retried")
	for _, p := range posts {
		assert.Equal(t, "call-1", p.Header.Get("Idempotency-Key"))
	}
	assert.Equal(t, []string{"connection error", "connection error"}, log.reasons(t))
	assert.Equal(t, []time.Duration{testserver.Backoff(0), testserver.Backoff(1)}, log.delays())
	page, err := client.Beta.Directories.List(ctx, beta.DirectoryListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "one directory for one call")
	assert.Equal(t, dir.ID, page.Items[0].ID, "the retry got the first attempt's directory")

	other, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "once"}, option.WithHeader("Idempotency-Key", "call-2"))
	require.NoError(t, err)
	page, err = client.Beta.Directories.List(ctx, beta.DirectoryListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, 2, "two calls, two keys, two directories")
	assert.Equal(t, []string{dir.ID, other.ID}, []string{page.Items[0].ID, page.Items[1].ID})
	assert.Len(t, log.delays(), 2, "the second call was not retried")
}

// TestSDKRetriedUploadCreatesOnce is the same for an upload, whose multipart body the server
// compares without its boundary.
func TestSDKRetriedUploadCreatesOnce(t *testing.T) {
	t.Parallel()
	srv, _, ctx := sdkServer(t)
	client, log := loggedClient(srv)
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "uploads"})
	require.NoError(t, err)
	uploadPath := sdkDirsPath + "/" + dir.ID + "/files/upload"
	srv.FailNext(1, llamacloudtest.Fault{DropResponse: true, Path: uploadPath})
	f, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(strings.NewReader("retried once"), "once.txt", "text/plain"),
	}, option.WithHeader("Idempotency-Key", "upload-1"))
	require.NoError(t, err)
	assert.Equal(t, 2, countRequests(srv, http.MethodPost, uploadPath))
	assert.Equal(t, []string{"connection error"}, log.reasons(t))
	assert.Equal(t, []time.Duration{testserver.Backoff(0)}, log.delays(), "the retry waited its backoff")
	page, err := client.Beta.Directories.Files.List(ctx, dir.ID, beta.DirectoryFileListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "one file for one call")
	assert.Equal(t, f.ID, page.Items[0].ID)

	// Another client may draw a new boundary for each attempt: still the same request.
	form := func(boundary string) (string, string) {
		return "multipart/form-data; boundary=" + boundary, "--" + boundary + "\r\n" +
			`Content-Disposition: form-data; name="upload_file"; filename="raw.txt"` + "\r\nContent-Type: text/plain\r\n\r\nraw\r\n--" + boundary + "--\r\n"
	}
	for i, boundary := range []string{"first-boundary", "second-boundary"} {
		contentType, body := form(boundary)
		req, err := http.NewRequest(http.MethodPost, srv.URL+uploadPath, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+srv.APIKey)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Idempotency-Key", "upload-2")
		r := doRequest(t, req)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.Equal(t, i == 1, r.header.Get("Idempotent-Replayed") == "true", "attempt %d", i+1)
	}
	page, err = client.Beta.Directories.Files.List(ctx, dir.ID, beta.DirectoryFileListParams{})
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
}

// TestSDKConflictFailsAtOnce checks the 409 policy: the SDK retries 409 like the official SDKs,
// and the fake marks its conflicts (a unique_id already taken) as permanent with
// x-should-retry: false, so the call fails with ErrConflict after one request and no backoff.
func TestSDKConflictFailsAtOnce(t *testing.T) {
	t.Parallel()
	srv, _, ctx := sdkServer(t)
	client, log := loggedClient(srv)
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "unique"})
	require.NoError(t, err)
	params := func(content string) beta.DirectoryFileUploadParams {
		return beta.DirectoryFileUploadParams{UploadFile: llamacloud.File(strings.NewReader(content), "a.txt", "text/plain"), UniqueID: llamacloud.String("u-1")}
	}
	_, err = client.Beta.Directories.Files.Upload(ctx, dir.ID, params("first"))
	require.NoError(t, err)

	_, err = client.Beta.Directories.Files.Upload(ctx, dir.ID, params("second"))
	require.ErrorIs(t, err, llamacloud.ErrConflict)
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "false", apiErr.Response.Header.Get("X-Should-Retry"))
	assert.Equal(t, 2, countRequests(srv, http.MethodPost, sdkDirsPath+"/"+dir.ID+"/files/upload"), "one request per call: no retry")
	assert.Empty(t, log.reasons(t), "no retry logged")
	assert.Empty(t, log.delays(), "no backoff (the client records its waits instead of sleeping them)")
	last := requestsTo(srv, http.MethodPost, sdkDirsPath+"/"+dir.ID+"/files/upload")[1]
	assert.True(t, bytes.Contains(last.Body, []byte("second")))
}
