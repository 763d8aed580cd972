package llamacloudtest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
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

// retryLog collects the SDK's "retrying request" log records and the waits before the retries.
type retryLog struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	waits testserver.Sleeps
}

func (l *retryLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// reasons returns the reason of every retry logged, in order.
func (l *retryLog) reasons(t *testing.T) []string {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		if rec["msg"] == "llamacloud: retrying request" {
			out = append(out, fmt.Sprint(rec["reason"]))
		}
	}
	return out
}

// delays returns the wait before every retry, in order.
func (l *retryLog) delays() []time.Duration { return l.waits.Delays() }

// loggedClient returns a client of srv that logs retries into the returned log and records the
// wait before each retry there instead of sleeping it (testserver.Sleeps: the retries of a test
// that is not about real time cost no time, and the test checks each delay exactly); opts come last.
func loggedClient(srv *llamacloudtest.Server, opts ...option.RequestOption) (*llamacloud.Client, *retryLog) {
	l := &retryLog{}
	logger := slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return srv.Client(append([]option.RequestOption{option.WithLogger(logger), l.waits.Option()}, opts...)...), l
}

// TestSDKRetriesInjectedFaults checks that the SDK retries the faults the server injects, after
// the delay the fault asks for (retry-after-ms, Retry-After) or else its backoff, and that the
// server saw every attempt. The client records its waits instead of sleeping them.
func TestSDKRetriesInjectedFaults(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	for _, tc := range []struct {
		name     string
		fault    llamacloudtest.Fault
		n        int
		opts     []option.RequestOption
		requests int             // requests the server receives
		reasons  []string        // retries the SDK logs
		delays   []time.Duration // the SDK's wait before each retry
		wantErr  error           // nil: the call succeeds
	}{
		{name: "503 twice", fault: llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1}, n: 2,
			requests: 3, reasons: []string{"status 503", "status 503"}, delays: []time.Duration{ms, ms}},
		{name: "429 with Retry-After 0", fault: llamacloudtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0"}, n: 2,
			requests: 3, reasons: []string{"status 429", "status 429"}, delays: []time.Duration{0, 0}},
		{name: "500 with a body", fault: llamacloudtest.Fault{Status: http.StatusInternalServerError, RetryAfterMS: 1, Body: `{"detail":"boom"}`}, n: 1,
			requests: 2, reasons: []string{"status 500"}, delays: []time.Duration{ms}},
		{name: "dropped connection", fault: llamacloudtest.Fault{DropConnection: true}, n: 1,
			requests: 2, reasons: []string{"connection error"}, delays: []time.Duration{testserver.Backoff(0)}},
		{name: "x-should-retry true on a 400", n: 1,
			fault:    llamacloudtest.Fault{Status: http.StatusBadRequest, RetryAfterMS: 1, Header: http.Header{"X-Should-Retry": {"true"}}},
			requests: 2, reasons: []string{"x-should-retry: true"}, delays: []time.Duration{ms}},
		{name: "x-should-retry false on a 503", n: 1,
			fault:    llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Header: http.Header{"X-Should-Retry": {"false"}}},
			requests: 1, wantErr: llamacloud.ErrServer},
		{name: "retries used up", fault: llamacloudtest.Fault{Status: http.StatusTooManyRequests, RetryAfterMS: 1}, n: 3,
			opts: []option.RequestOption{option.WithMaxRetries(1)}, requests: 2, reasons: []string{"status 429"}, delays: []time.Duration{ms}, wantErr: llamacloud.ErrRateLimited},
		{name: "no retries", fault: llamacloudtest.Fault{Status: http.StatusBadGateway, RetryAfterMS: 1}, n: 1,
			opts: []option.RequestOption{option.WithMaxRetries(0)}, requests: 1, wantErr: llamacloud.ErrServer},
		{name: "400 is not retried", fault: llamacloudtest.Fault{Status: http.StatusBadRequest, RetryAfterMS: 1}, n: 1,
			requests: 1, wantErr: llamacloud.ErrBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := llamacloudtest.NewUnstartedServer()
			tc.fault.Path = sdkDirsPath
			srv.FailNext(tc.n, tc.fault)
			srv.Start()
			t.Cleanup(srv.Close)
			client, log := loggedClient(srv, tc.opts...)
			ctx := testContext(t)

			dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "retried"})
			posts := requestsTo(srv, http.MethodPost, sdkDirsPath)
			assert.Len(t, posts, tc.requests)
			for _, p := range posts {
				assert.JSONEq(t, `{"name":"retried"}`, string(p.Body), "every attempt sends the body")
			}
			assert.Equal(t, tc.reasons, log.reasons(t))
			assert.Equal(t, tc.delays, log.delays())
			page, lerr := srv.Client().Beta.Directories.List(ctx, beta.DirectoryListParams{})
			require.NoError(t, lerr)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
				var apiErr *llamacloud.Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.fault.Status, apiErr.StatusCode)
				assert.Empty(t, page.Items, "a failed attempt creates nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "retried", dir.Name)
			require.Len(t, page.Items, 1, "the directory was created once")
			assert.Equal(t, dir.ID, page.Items[0].ID)
		})
	}
}

// TestSDKRetriesFailFraction sends many calls through a server failing a seeded share of them:
// with enough retries every call succeeds, exactly once.
func TestSDKRetriesFailFraction(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewUnstartedServer()
	srv.FailFraction(0.4, 7, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Path: sdkAgentDataPath})
	srv.Start()
	t.Cleanup(srv.Close)
	client := srv.Client(option.WithMaxRetries(12))
	ctx := testContext(t)

	const n = 40
	for i := range n {
		rec, err := client.Beta.AgentData.New(ctx, beta.AgentDataNewParams{DeploymentName: "d", Data: map[string]any{"i": float64(i)}})
		require.NoError(t, err, "call %d", i)
		got, err := client.Beta.AgentData.Get(ctx, rec.ID, beta.AgentDataGetParams{})
		require.NoError(t, err, "call %d", i)
		assert.Equal(t, float64(i), got.Data["i"])
	}
	posts := countRequests(srv, http.MethodPost, sdkAgentDataPath)
	assert.Greater(t, posts, n, "some calls were retried")
	assert.Less(t, posts, 3*n)

	srv.ClearFaults()
	page, err := client.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{DeploymentName: "d", IncludeTotal: llamacloud.Bool(true), PageSize: llamacloud.Int(1)})
	require.NoError(t, err)
	assert.EqualValues(t, n, page.TotalSize, "each record was stored once")
}

// TestSDKRetriesUploadsAndStreams checks that an upload is sent whole again on a retry, that a
// chat stream is retried before its first event and that an attempt that times out (after a real
// 300 ms) is retried. The client records its waits before the retries instead of sleeping them.
func TestSDKRetriesUploadsAndStreams(t *testing.T) {
	t.Parallel()
	srv, _, ctx := sdkServer(t)
	client, log := loggedClient(srv)
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "up"})
	require.NoError(t, err)
	uploadPath := sdkDirsPath + "/" + dir.ID + "/files/upload"
	srv.FailNext(1, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Path: uploadPath})
	content := strings.Repeat("retry me ", 1000)
	f, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(strings.NewReader(content), "big.txt", "text/plain"),
	})
	require.NoError(t, err)
	uploads := requestsTo(srv, http.MethodPost, uploadPath)
	require.Len(t, uploads, 2)
	assert.Contains(t, string(uploads[1].Body), content)
	assert.Equal(t, len(uploads[0].Body), len(uploads[1].Body))
	assert.Equal(t, content, download(t, f.DownloadURL.URL))
	assert.Equal(t, []time.Duration{time.Millisecond}, log.delays(), "the retry waited the fault's retry-after-ms")

	// A reader that cannot be rewound is not sent twice: the fault is the call's error.
	srv.FailNext(1, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Path: uploadPath})
	_, err = client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(io.MultiReader(strings.NewReader("once")), "once.txt", "text/plain"),
	})
	assert.ErrorIs(t, err, llamacloud.ErrServer)
	assert.Len(t, requestsTo(srv, http.MethodPost, uploadPath), 3)
	assert.Len(t, log.delays(), 1, "no wait for a retry that is not made")

	ix, err := client.Beta.Indexes.New(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID})
	require.NoError(t, err)
	session, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{ix.ID}})
	require.NoError(t, err)
	streamPath := "/api/v1/chat/" + session.SessionID + "/messages/stream"
	srv.FailNext(2, llamacloudtest.Fault{Status: http.StatusBadGateway, RetryAfterMS: 1, Path: streamPath})
	turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(ctx, session.SessionID, beta.ChatStreamParams{Prompt: "retry me"}))
	require.NoError(t, err)
	assert.Contains(t, turn.Text(), "big.txt")
	assert.Equal(t, 3, countRequests(srv, http.MethodPost, streamPath))
	ms := time.Millisecond
	assert.Equal(t, []time.Duration{ms, ms, ms}, log.delays(), "each stream retry waited the fault's retry-after-ms")

	// An attempt that times out is retried.
	srv.FailNext(1, llamacloudtest.Fault{Delay: time.Hour, Path: sdkDirsPath + "/" + dir.ID})
	got, err := client.Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{}, option.WithRequestTimeout(300*time.Millisecond))
	require.NoError(t, err)
	assert.Equal(t, dir.ID, got.ID)
	assert.Equal(t, 2, countRequests(srv, http.MethodGet, sdkDirsPath+"/"+dir.ID))
	assert.Equal(t, []time.Duration{ms, ms, ms, testserver.Backoff(0)}, log.delays(), "a timed-out attempt is retried after the backoff")
	assert.Equal(t, []string{"status 503", "status 502", "status 502", "attempt timed out"}, log.reasons(t))
}

// TestSDKProjectIsolation checks through the SDK that a key of another project sees none of the
// first project's objects, and that a bad key or a foreign project is refused.
func TestSDKProjectIsolation(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t)
	srv.AddKey("llx-second", "proj-second")
	second := srv.Client(option.WithAPIKey("llx-second"))

	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "private"})
	require.NoError(t, err)
	rec, err := client.Beta.AgentData.New(ctx, beta.AgentDataNewParams{DeploymentName: "d", Data: map[string]any{"secret": true}})
	require.NoError(t, err)
	ix, err := client.Beta.Indexes.New(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID})
	require.NoError(t, err)

	_, err = second.Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{})
	require.Error(t, err)
	assert.True(t, errors.Is(err, llamacloud.ErrNotFound), "%v", err)
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.NotContains(t, err.Error(), "llx-second", "the key is not in the error")

	_, err = second.Beta.Directories.Update(ctx, dir.ID, beta.DirectoryUpdateParams{Name: llamacloud.String("mine")})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.ErrorIs(t, second.Beta.Directories.Delete(ctx, dir.ID, beta.DirectoryDeleteParams{}), llamacloud.ErrNotFound)
	_, err = second.Beta.Directories.Files.Add(ctx, dir.ID, beta.DirectoryFileAddParams{FileID: "file-x"})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = second.Beta.AgentData.Get(ctx, rec.ID, beta.AgentDataGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = second.Beta.Indexes.Get(ctx, ix.ID, beta.IndexGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = second.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: ix.ID, Query: "x"})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	page, err := second.Beta.Directories.List(ctx, beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	search, err := second.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{DeploymentName: "d"})
	require.NoError(t, err)
	assert.Empty(t, search.Items)

	// The second project's own objects belong to it.
	mine, err := second.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "theirs"})
	require.NoError(t, err)
	assert.Equal(t, "proj-second", mine.ProjectID)
	_, err = client.Beta.Directories.Get(ctx, mine.ID, beta.DirectoryGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)

	// A bad key: 401, not retried.
	srv.ClearRequests()
	_, err = srv.Client(option.WithAPIKey("llx-wrong")).Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{})
	assert.True(t, errors.Is(err, llamacloud.ErrUnauthorized), "%v", err)
	assert.NotContains(t, err.Error(), "llx-wrong")
	assert.Len(t, srv.Requests(), 1)
	assert.Equal(t, "REDACTED", srv.Requests()[0].Header.Get("Authorization"))

	// Another project named in the query: 403.
	_, err = client.Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{}, option.WithProjectID("proj-second"))
	assert.ErrorIs(t, err, llamacloud.ErrForbidden)
	_, err = client.Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{ProjectID: llamacloud.String(srv.ProjectID), OrganizationID: llamacloud.String(srv.OrganizationID)})
	assert.NoError(t, err, "the key's own project and organization may be named")
}
