package llamacloudtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// TestMain fails the package's tests if any goroutine outlives them, idle connections of the
// default client included (they are closed first).
func TestMain(m *testing.M) { testmain.RunStrict(m, http.DefaultClient.CloseIdleConnections) }

// start returns a started server closed when the test ends.
func start(t testing.TB, opts ...llamacloudtest.Option) *llamacloudtest.Server {
	t.Helper()
	srv := llamacloudtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// reply is a decoded response.
type reply struct {
	status int
	header http.Header
	body   []byte
	json   gjson.Result
}

// sendAs sends a request with the given API key ("" for none). body is nil, a string of raw JSON,
// or a value to marshal.
func sendAs(t testing.TB, srv *llamacloudtest.Server, key, method, path string, body any) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	require.NoError(t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	return doRequest(t, req)
}

func doRequest(t testing.TB, req *http.Request) reply {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return reply{status: resp.StatusCode, header: resp.Header, body: data, json: gjson.ParseBytes(data)}
}

// send sends a request with the server's default API key.
func send(t testing.TB, srv *llamacloudtest.Server, method, path string, body any) reply {
	t.Helper()
	return sendAs(t, srv, srv.APIKey, method, path, body)
}

// mustSend is send that requires the given status.
func mustSend(t testing.TB, srv *llamacloudtest.Server, status int, method, path string, body any) gjson.Result {
	t.Helper()
	r := send(t, srv, method, path, body)
	require.Equal(t, status, r.status, "%s %s: %s", method, path, r.body)
	return r.json
}

// stepClock is a clock that moves one millisecond per reading.
func stepClock(base time.Time) func() time.Time {
	var n atomic.Int64
	return func() time.Time { return base.Add(time.Duration(n.Add(1)) * time.Millisecond) }
}

func TestServerStartAndURL(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewUnstartedServer()
	assert.Empty(t, srv.URL)
	srv.Start()
	t.Cleanup(srv.Close)
	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	assert.False(t, strings.HasSuffix(srv.URL, "/"))
	assert.Equal(t, llamacloudtest.DefaultAPIKey, srv.APIKey)
	assert.Equal(t, llamacloudtest.DefaultProjectID, srv.ProjectID)
	mustSend(t, srv, http.StatusOK, http.MethodGet, "/api/v1/beta/directories", nil)
	srv.Close()
	srv.Close() // idempotent
	_, err := http.Get(srv.URL + "/api/v1/beta/directories")
	assert.Error(t, err)
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		name   string
		header string
		status int
		detail string
	}{
		{"missing", "", http.StatusUnauthorized, "Not authenticated"},
		{"wrong key", "Bearer nope", http.StatusUnauthorized, "Invalid API key"},
		{"wrong scheme", "Basic " + srv.APIKey, http.StatusUnauthorized, "Invalid API key"},
		{"valid", "Bearer " + srv.APIKey, http.StatusOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/beta/directories", nil)
			require.NoError(t, err)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			r := doRequest(t, req)
			assert.Equal(t, tc.status, r.status)
			if tc.detail != "" {
				assert.Equal(t, tc.detail, r.json.Get("detail").String())
				assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			}
		})
	}
}

func TestOrganizationAndProjectQuery(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		query  string
		status int
	}{
		{"project_id=" + srv.ProjectID, http.StatusOK},
		{"organization_id=" + srv.OrganizationID, http.StatusOK},
		{"project_id=proj-other", http.StatusForbidden},
		{"organization_id=org-other", http.StatusForbidden},
	} {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			r := send(t, srv, http.MethodGet, "/api/v1/beta/directories?"+tc.query, nil)
			assert.Equal(t, tc.status, r.status, string(r.body))
		})
	}
}

func TestProjectIsolation(t *testing.T) {
	t.Parallel()
	srv := start(t)
	srv.AddKey("key-b", "proj-b")
	dir := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/beta/directories", map[string]any{"name": "a-only"})
	dirID := dir.Get("id").String()
	assert.Equal(t, srv.ProjectID, dir.Get("project_id").String())

	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/beta/directories/" + dirID},
		{http.MethodPatch, "/api/v1/beta/directories/" + dirID},
		{http.MethodDelete, "/api/v1/beta/directories/" + dirID},
		{http.MethodGet, "/api/v1/beta/directories/" + dirID + "/files"},
	} {
		r := sendAs(t, srv, "key-b", tc.method, tc.path, nil)
		assert.Equal(t, http.StatusNotFound, r.status, "%s %s", tc.method, tc.path)
	}
	list := sendAs(t, srv, "key-b", http.MethodGet, "/api/v1/beta/directories", nil)
	require.Equal(t, http.StatusOK, list.status)
	assert.Equal(t, int64(0), list.json.Get("total_size").Int())
	own := sendAs(t, srv, "key-b", http.MethodPost, "/api/v1/beta/directories", map[string]any{"name": "b"})
	assert.Equal(t, "proj-b", own.json.Get("project_id").String())
	assert.Equal(t, http.StatusForbidden, sendAs(t, srv, "key-b", http.MethodGet, "/api/v1/beta/directories?project_id="+srv.ProjectID, nil).status)
	// The default key still sees its directory and only it.
	assert.Equal(t, int64(1), mustSend(t, srv, http.StatusOK, http.MethodGet, "/api/v1/beta/directories", nil).Get("total_size").Int())
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	srv := start(t)
	r := send(t, srv, http.MethodGet, "/api/v1/nothing-here", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, "Not Found", r.json.Get("detail").String())
	r = send(t, srv, http.MethodPut, "/api/v1/beta/directories", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	assert.Equal(t, "Method Not Allowed", r.json.Get("detail").String())
}

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for _, tc := range []struct {
		name, method, path, body string
		loc                      string
		typ                      string
	}{
		{"missing field", http.MethodPost, "/api/v1/beta/directories", `{}`, `["body","name"]`, "missing"},
		{"empty body", http.MethodPost, "/api/v1/beta/directories", ``, `["body","name"]`, "missing"},
		{"null field", http.MethodPost, "/api/v1/beta/directories", `{"name":null}`, `["body","name"]`, "string_type"},
		{"wrong type", http.MethodPost, "/api/v1/beta/directories", `{"name":5}`, `["body","name"]`, "string_type"},
		{"bad json", http.MethodPost, "/api/v1/beta/directories", `{"name":`, `["body",0]`, "json_invalid"},
		{"not an object", http.MethodPost, "/api/v1/beta/directories", `[1]`, `["body"]`, "model_attributes_type"},
		{"nested type", http.MethodPost, "/api/v1/retrieval/retrieve", `{"index_id":"i","query":"q","rerank":{"top_n":"x"}}`, `["body","rerank","top_n"]`, "int_type"},
		{"bool type", http.MethodPost, "/api/v1/retrieval/retrieve", `{"index_id":"i","query":"q","rerank":{"enabled":"no"}}`, `["body","rerank","enabled"]`, "bool_type"},
		{"query int", http.MethodGet, "/api/v1/beta/directories?page_size=abc", ``, `["query","page_size"]`, "int_parsing"},
		{"query bool", http.MethodGet, "/api/v1/beta/directories?include_deleted=maybe", ``, `["query","include_deleted"]`, "bool_parsing"},
		{"page size", http.MethodGet, "/api/v1/beta/directories?page_size=1001", ``, `["query","page_size"]`, "less_than_equal"},
		{"index source type", http.MethodPost, "/api/v1/indexes", `{"source_directory_id":7}`, `["body","source_directory_id"]`, "string_type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var body any
			if tc.body != "" {
				body = tc.body
			}
			r := send(t, srv, tc.method, tc.path, body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, string(r.body))
			detail := r.json.Get("detail")
			require.True(t, detail.IsArray(), string(r.body))
			require.Len(t, detail.Array(), 1)
			assert.JSONEq(t, tc.loc, detail.Get("0.loc").Raw)
			assert.Equal(t, tc.typ, detail.Get("0.type").String())
			assert.NotEmpty(t, detail.Get("0.msg").String())
		})
	}
	// The exact shape the brief quotes for a missing field, with pydantic v2's input: the body.
	r := send(t, srv, http.MethodPost, "/api/v1/beta/directories", `{}`)
	assert.JSONEq(t, `{"detail":[{"loc":["body","name"],"msg":"Field required","type":"missing","input":{}}]}`, string(r.body))
}

func TestRequestsAreRecorded(t *testing.T) {
	t.Parallel()
	srv := start(t)
	send(t, srv, http.MethodPost, "/api/v1/beta/directories?project_id="+srv.ProjectID, `{"name":"x"}`)
	send(t, srv, http.MethodGet, "/api/v1/beta/directories/a%2Fb", nil)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, "/api/v1/beta/directories", reqs[0].Path)
	assert.Equal(t, "project_id="+srv.ProjectID, reqs[0].RawQuery)
	assert.Equal(t, `{"name":"x"}`, string(reqs[0].Body))
	assert.Equal(t, "REDACTED", reqs[0].Header.Get("Authorization"))
	assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
	assert.Equal(t, "/api/v1/beta/directories/a%2Fb", reqs[1].Path)
	for _, rr := range reqs {
		for _, v := range rr.Header {
			assert.NotContains(t, strings.Join(v, ","), srv.APIKey)
		}
	}
	srv.ClearRequests()
	assert.Empty(t, srv.Requests())

	limited := start(t, llamacloudtest.WithRecordLimit(2))
	for i := range 5 {
		send(t, limited, http.MethodGet, fmt.Sprintf("/api/v1/beta/directories?n=%d", i), nil)
	}
	got := limited.Requests()
	require.Len(t, got, 2)
	assert.Equal(t, "n=3", got[0].RawQuery)
	assert.Equal(t, "n=4", got[1].RawQuery)
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := start(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 8 {
				body := fmt.Sprintf(`{"name":"w%d-%d"}`, w, i)
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/beta/directories", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+srv.APIKey)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			srv.PutFile(fmt.Sprintf("f%d.txt", w), []byte("x"))
			_ = srv.Requests()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	list := mustSend(t, srv, http.StatusOK, http.MethodGet, "/api/v1/beta/directories?page_size=1000", nil)
	assert.Equal(t, int64(64), list.Get("total_size").Int())
	ids := map[string]bool{}
	for _, it := range list.Get("items").Array() {
		ids[it.Get("id").String()] = true
	}
	assert.Len(t, ids, 64, "IDs are unique")
}

func TestFaultsFailNext(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewUnstartedServer()
	srv.FailNext(2, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "2", RetryAfterMS: 150,
		Header: http.Header{"X-Should-Retry": {"true"}}, Path: "/api/v1/beta/directories"})
	srv.Start()
	t.Cleanup(srv.Close)

	// Paths outside the fault's prefix are not affected and do not use it up.
	assert.Equal(t, http.StatusOK, send(t, srv, http.MethodGet, "/api/v1/chat", nil).status)
	for range 2 {
		r := send(t, srv, http.MethodGet, "/api/v1/beta/directories", nil)
		assert.Equal(t, http.StatusServiceUnavailable, r.status)
		assert.Equal(t, "2", r.header.Get("Retry-After"))
		assert.Equal(t, "150", r.header.Get("retry-after-ms"))
		assert.Equal(t, "true", r.header.Get("x-should-retry"))
		assert.Equal(t, "Service Unavailable", r.json.Get("detail").String())
	}
	assert.Equal(t, http.StatusOK, send(t, srv, http.MethodGet, "/api/v1/beta/directories", nil).status)
	assert.Len(t, srv.Requests(), 4, "faulted requests are recorded too")

	srv.FailNext(1, llamacloudtest.Fault{Status: http.StatusTooManyRequests, Body: `{"detail":"slow down"}`})
	r := send(t, srv, http.MethodGet, "/api/v1/beta/directories", nil)
	assert.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "slow down", r.json.Get("detail").String())

	srv.FailNext(5, llamacloudtest.Fault{Status: http.StatusInternalServerError})
	srv.ClearFaults()
	assert.Equal(t, http.StatusOK, send(t, srv, http.MethodGet, "/api/v1/beta/directories", nil).status)
}

func TestFaultsDropConnection(t *testing.T) {
	t.Parallel()
	srv := start(t)
	srv.FailNext(1, llamacloudtest.Fault{DropConnection: true})
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/beta/directories", strings.NewReader(`{"name":"x"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	_, err = (&http.Client{Transport: tr}).Do(req) // a POST on a fresh transport is not retried
	require.Error(t, err)
	// Nothing was created: the request was dropped before it was handled.
	assert.Equal(t, int64(0), mustSend(t, srv, http.StatusOK, http.MethodGet, "/api/v1/beta/directories", nil).Get("total_size").Int())
}

func TestFaultsDelay(t *testing.T) {
	t.Parallel()
	srv := start(t)
	// A pure delay serves the request normally afterwards.
	srv.FailNext(1, llamacloudtest.Fault{Delay: 20 * time.Millisecond})
	began := time.Now()
	assert.Equal(t, http.StatusOK, send(t, srv, http.MethodGet, "/api/v1/beta/directories", nil).status)
	assert.GreaterOrEqual(t, time.Since(began), 20*time.Millisecond)

	// A long delay ends with the client's context.
	srv.FailNext(1, llamacloudtest.Fault{Delay: time.Hour, Status: http.StatusOK})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v1/beta/directories", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	_, err = http.DefaultClient.Do(req)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)

	// Close does not wait for an hour-long delay either.
	slow := start(t)
	slow.FailNext(1, llamacloudtest.Fault{Delay: time.Hour})
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequest(http.MethodGet, slow.URL+"/api/v1/beta/directories", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	for len(slow.Requests()) == 0 {
		runtime.Gosched()
	}
	slow.Close()
	<-done
}

func TestFaultsFailFraction(t *testing.T) {
	t.Parallel()
	pattern := func() string {
		srv := start(t)
		srv.FailFraction(0.3, 42, llamacloudtest.Fault{Status: http.StatusBadGateway, Path: "/api/v1/beta/"})
		var b strings.Builder
		for range 200 {
			if send(t, srv, http.MethodGet, "/api/v1/beta/directories", nil).status == http.StatusBadGateway {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		assert.Equal(t, http.StatusOK, send(t, srv, http.MethodGet, "/api/v1/chat", nil).status, "outside the path prefix")
		return b.String()
	}
	first, second := pattern(), pattern()
	assert.Equal(t, first, second, "the same seed fails the same requests")
	failed := strings.Count(first, "x")
	assert.InDelta(t, 60, failed, 25, "about 30%% of 200 requests fail: %d", failed)
}

func TestWithClockTimestamps(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(func() time.Time {
		return time.Date(2019, 12, 27, 18, 11, 19, 117_000_000, time.FixedZone("x", 3600))
	}))
	dir := mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/beta/directories", map[string]any{"name": "x"})
	assert.Equal(t, "2019-12-27T17:11:19.117Z", dir.Get("created_at").String())
	assert.Equal(t, "2019-12-27T17:11:19.117Z", dir.Get("updated_at").String())
	assert.Equal(t, gjson.Null, dir.Get("deleted_at").Type)
}

func BenchmarkServer(b *testing.B) {
	srv := start(b)
	dir := mustSend(b, srv, http.StatusOK, http.MethodPost, "/api/v1/beta/directories", map[string]any{"name": "bench"})
	url := srv.URL + "/api/v1/beta/directories/" + dir.Get("id").String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.Cleanup(client.CloseIdleConnections)
	var bytesRead atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(4)
	b.ResetTimer()
	began := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+srv.APIKey)
		for pb.Next() {
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			n, _ := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			bytesRead.Add(n)
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	elapsed := time.Since(began)
	b.StopTimer()
	b.SetBytes(bytesRead.Load() / int64(max(b.N, 1)))
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
}
