package llamacloud_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRawCallsMatchTypedCalls sends the same requests typed and raw to the in-memory
// LlamaCloud: the wire requests are the same, and so are the decoded results.
func TestRawCallsMatchTypedCalls(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	ctx := context.Background()

	params := beta.DirectoryNewParams{Name: "invoices", Description: llamacloud.String("Q3"), ProjectID: llamacloud.String(llamacloudtest.DefaultProjectID)}
	typed, err := c.Beta.Directories.New(ctx, params, option.WithHeader("Idempotency-Key", "k1"))
	require.NoError(t, err)
	var raw beta.Directory
	require.NoError(t, c.Post(ctx, "api/v1/beta/directories", params, &raw, option.WithHeader("Idempotency-Key", "k2")))
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, reqs[0].Method, reqs[1].Method)
	assert.Equal(t, reqs[0].Path, reqs[1].Path)
	assert.Equal(t, reqs[0].RawQuery, reqs[1].RawQuery)
	assert.Equal(t, string(reqs[0].Body), string(reqs[1].Body))
	reqs[0].Header.Del("Idempotency-Key")
	reqs[1].Header.Del("Idempotency-Key")
	assert.Equal(t, reqs[0].Header, reqs[1].Header)
	assert.Equal(t, typed.Name, raw.Name)
	assert.Equal(t, typed.Description, raw.Description)
	assert.Equal(t, typed.ProjectID, raw.ProjectID)
	assert.True(t, raw.JSON.Description.Valid(), "a response type keeps its metadata")

	srv.ClearRequests()
	got, err := c.Beta.Directories.Get(ctx, raw.ID, beta.DirectoryGetParams{})
	require.NoError(t, err)
	var body json.RawMessage
	require.NoError(t, c.Get(ctx, "/api/v1/beta/directories/"+url.PathEscape(raw.ID), nil, &body))
	reqs = srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, reqs[0].Path, reqs[1].Path)
	assert.Equal(t, reqs[0].RawQuery, reqs[1].RawQuery)
	assert.JSONEq(t, got.RawJSON(), string(body))

	require.NoError(t, c.Delete(ctx, "api/v1/beta/directories/"+raw.ID, nil, nil))
	var missing map[string]any
	err = c.Get(ctx, "api/v1/beta/directories/"+raw.ID, nil, &missing)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
}

type wireRequest struct {
	method, path, query, contentType, auth, idempotencyKey, body string
}

// wire is what the raw-call tests compare of a recorded request.
func wire(r testserver.Request) wireRequest {
	return wireRequest{r.Method, r.Path, r.RawQuery, r.Header.Get("Content-Type"),
		r.Header.Get("Authorization"), r.Header.Get("Idempotency-Key"), string(r.Body)}
}

// wireServer answers each request with the JSON answer gives for it and an X-Request-Id;
// seen returns the requests so far.
func wireServer(t *testing.T, answer func(wireRequest) string) (srv *testserver.Server, seen func() []wireRequest) {
	t.Helper()
	srv = testserver.New(t, testserver.Func(func(r testserver.Request) testserver.Reply {
		return testserver.Reply{Header: map[string]string{"X-Request-Id": "req_9"}, Body: []byte(answer(wire(r)))}
	}))
	return srv, func() []wireRequest {
		var out []wireRequest
		for _, r := range srv.Requests() {
			out = append(out, wire(r))
		}
		return out
	}
}

type thingParams struct {
	Name     string   `json:"name"`
	Tags     []string `json:"tags,omitempty"`
	PageSize int64    `json:"-" query:"page_size"`
}

func TestRawCallsOnTheWire(t *testing.T) {
	t.Parallel()
	const answer = `{"id":"t1","count":2}`
	srv, seen := wireServer(t, func(wireRequest) string { return answer })
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithProjectID("p1"))
	ctx := context.Background()
	type thing struct {
		ID    string `json:"id"`
		Count int    `json:"count"`
	}
	var (
		th   thing
		anyV any
		m    map[string]any
		b    []byte
	)
	require.NoError(t, c.Get(ctx, "api/v1/things?sort=name", url.Values{"tag": {"a", "b"}}, &th))
	assert.Equal(t, thing{"t1", 2}, th)
	require.NoError(t, c.Post(ctx, "/api/v1/things", map[string]any{"name": "x", "n": 1}, &anyV))
	assert.Equal(t, map[string]any{"id": "t1", "count": 2.0}, anyV)
	require.NoError(t, c.Put(ctx, "api/v1/things/a%2Fb", &thingParams{Name: "y", PageSize: 5}, &m, option.WithJSONSet("extra", true)))
	assert.Equal(t, map[string]any{"id": "t1", "count": 2.0}, m)
	require.NoError(t, c.Patch(ctx, "api/v1/things/t1", json.RawMessage(`{"name":"z"}`), &b))
	assert.Equal(t, answer, string(b))
	require.NoError(t, c.Delete(ctx, "api/v1/things/t1", url.Values{"force": {"true"}}, nil))
	require.NoError(t, c.Execute(ctx, "POST", "api/v1/things/:search", []byte(`[1,2]`), nil))

	got := seen()
	require.Len(t, got, 6)
	assert.Equal(t, wireRequest{"GET", "/api/v1/things", "project_id=p1&sort=name&tag=a&tag=b", "", "Bearer k", "", ""}, got[0])
	assert.Equal(t, "POST", got[1].method)
	assert.Equal(t, "/api/v1/things", got[1].path)
	assert.Equal(t, "project_id=p1", got[1].query)
	assert.Equal(t, "application/json", got[1].contentType)
	assert.NotEmpty(t, got[1].idempotencyKey, "a raw POST carries a key too")
	assert.JSONEq(t, `{"name":"x","n":1}`, got[1].body)
	assert.Equal(t, wireRequest{"PUT", "/api/v1/things/a%2Fb", "page_size=5&project_id=p1", "application/json", "Bearer k", "",
		`{"name":"y","extra":true}`}, got[2])
	assert.Equal(t, wireRequest{"PATCH", "/api/v1/things/t1", "project_id=p1", "application/json", "Bearer k", "", `{"name":"z"}`}, got[3])
	assert.Equal(t, wireRequest{"DELETE", "/api/v1/things/t1", "force=true&project_id=p1", "", "Bearer k", "", ""}, got[4])
	assert.Equal(t, "/api/v1/things/:search", got[5].path)
	assert.Equal(t, `[1,2]`, got[5].body)

	var resp *http.Response
	require.NoError(t, c.Get(ctx, "api/v1/things/t1", nil, &resp))
	t.Cleanup(func() { resp.Body.Close() })
	assert.Equal(t, "req_9", resp.Header.Get("X-Request-Id"))
	live, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, answer, string(live))
	assert.Equal(t, "REDACTED", resp.Request.Header.Get("Authorization"), "the live response holds no key")
}

func TestRawCallsRetryLogAndFailLikeTypedCalls(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, status(503, "Retry-After-Ms", "0"), status(503, "Retry-After-Ms", "0"), ok)
	var attempts []string
	mw := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		attempts = append(attempts, r.Header.Get("Idempotency-Key"))
		return next(r)
	})
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), mw)
	var d beta.Directory
	require.NoError(t, c.Post(context.Background(), "api/v1/beta/directories", map[string]string{"name": "docs"}, &d))
	assert.Equal(t, "dir_1", d.ID)
	assert.Len(t, srv.Requests(), 3)
	require.Len(t, attempts, 3)
	assert.NotEmpty(t, attempts[0])
	assert.Equal(t, []string{attempts[0], attempts[0], attempts[0]}, attempts, "one key for every attempt")

	srv = testserver.New(t, status(404))
	err := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k")).
		Get(context.Background(), "api/v1/nothing", nil, nil)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.EqualError(t, err, `llamacloud: GET "`+srv.URL+`/api/v1/nothing": 404 Not Found: injected 404`)
}

func TestRawCallsRefuseBadArgumentsBeforeSending(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, ok)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(secretKey))
	ctx := context.Background()
	var d beta.Directory
	var typedNil *beta.Directory
	for _, tc := range []struct {
		method, path string
		params, res  any
		want         string
	}{
		{"", "api/v1/x", nil, nil, `llamacloud: invalid HTTP method ""`},
		{"GE T", "api/v1/x", nil, nil, `llamacloud: invalid HTTP method "GE T"`},
		{"GET", "https://evil.example.com/steal", nil, nil, `llamacloud: path "https://evil.example.com/steal" is an absolute URL; give a path relative to the base URL`},
		{"GET", "HTTP://evil.example.com", nil, nil, `is an absolute URL`},
		{"GET", "//evil.example.com/steal", nil, nil, `llamacloud: path "//evil.example.com/steal" names a host; give a path relative to the base URL`},
		{"GET", "", nil, nil, `llamacloud: path "" is empty; name an endpoint`},
		{"GET", "/", nil, nil, `llamacloud: path "/" is empty; name an endpoint`},
		{"GET", "api/../../admin", nil, nil, `llamacloud: path "api/../../admin" has a ".." segment`},
		{"GET", "api/%2e%2e/admin", nil, nil, `has a ".." segment`},
		{"GET", "api/./x", nil, nil, `has a "." segment`},
		{"GET", "api/v1/x#frag", nil, nil, `llamacloud: path "api/v1/x#frag" has a fragment`},
		{"GET", "api/v1/x?a=%zz", nil, nil, `llamacloud: invalid query in path "api/v1/x?a=%zz"`},
		{"GET", "api/v1/x", nil, d, `llamacloud: res must be a non-nil pointer or nil, got beta.Directory`},
		{"GET", "api/v1/x", nil, typedNil, `llamacloud: res must be a non-nil pointer or nil, got *beta.Directory`},
		{"GET", "api/v1/x", map[string]any{"a": 1}, nil, `llamacloud: a GET request sends no body, but params map[string]interface {} would fill one`},
		{"DELETE", "api/v1/x", &thingParams{Name: "n"}, nil, `llamacloud: a DELETE request sends no body, but params *llamacloud_test.thingParams would fill one`},
		{"POST", "api/v1/x", []byte(`{"a":`), nil, `llamacloud: params of 5 bytes are not valid JSON`},
		{"POST", "api/v1/x", json.RawMessage(`nope`), nil, `llamacloud: params of 4 bytes are not valid JSON`},
		{"POST", "api/v1/x", nil, nil, `llamacloud: max retries -1 is negative`},
	} {
		opts := []option.RequestOption{}
		if strings.Contains(tc.want, "max retries") {
			opts = append(opts, option.WithMaxRetries(-1))
		}
		err := c.Execute(ctx, tc.method, tc.path, tc.params, tc.res, opts...)
		if assert.Error(t, err, tc.path) {
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, 1, strings.Count(err.Error(), "llamacloud:"), err.Error())
			assert.NotContains(t, err.Error(), secretKey)
		}
	}
	assert.Empty(t, srv.Requests(), "nothing was sent")

	// A GET may take the beta params, whose fields all go to the query.
	require.NoError(t, c.Get(ctx, "api/v1/beta/directories", beta.DirectoryListParams{PageSize: llamacloud.Int(3)}, nil))
	assert.Len(t, srv.Requests(), 1)
}
