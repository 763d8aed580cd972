package option_test

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
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// capture answers every request with a directory and an X-Request-Id.
func capture(t *testing.T) *testserver.Server {
	t.Helper()
	return testserver.New(t, testserver.Reply{
		Header: map[string]string{"X-Request-Id": "req_42"},
		Body:   []byte(`{"id":"dir_1","name":"n","project_id":"p"}`),
	})
}

func TestHeaderOptions(t *testing.T) {
	t.Parallel()
	srv := capture(t)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"),
		option.WithHeader("X-Team", "search"), option.WithHeaderAdd("X-Tag", "a"))
	_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{},
		option.WithHeaderAdd("X-Tag", "b"), option.WithHeaderDel("X-Team"), option.WithHeader("User-Agent", "mine/1.0"))
	require.NoError(t, err)
	s := srv.Next(t)
	assert.Empty(t, s.Header.Values("X-Team"))
	assert.Equal(t, []string{"a", "b"}, s.Header.Values("X-Tag"))
	assert.Equal(t, "mine/1.0", s.Header.Get("User-Agent"))
	assert.Equal(t, "Bearer k", s.Header.Get("Authorization"))

	// The client kept its own headers.
	_, err = c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	s = srv.Next(t)
	assert.Equal(t, "search", s.Header.Get("X-Team"))
	assert.Equal(t, []string{"a"}, s.Header.Values("X-Tag"))
	assert.True(t, strings.HasPrefix(s.Header.Get("User-Agent"), "LlamaCloud/Go "))
}

func TestQueryOptions(t *testing.T) {
	t.Parallel()
	srv := capture(t)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithQuery("debug", "1"))
	_, err := c.Beta.Directories.List(context.Background(), beta.DirectoryListParams{PageSize: llamacloud.Int(5)},
		option.WithQueryAdd("tag", "a"), option.WithQueryAdd("tag", "b"), option.WithQueryDel("debug"))
	require.NoError(t, err)
	assert.Equal(t, url.Values{"page_size": {"5"}, "tag": {"a", "b"}}, srv.Next(t).Query)
}

func TestJSONOptions(t *testing.T) {
	t.Parallel()
	srv := capture(t)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	_, err := c.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "n", Description: llamacloud.String("d")},
		option.WithJSONSet("labels.team", "search"), option.WithJSONSet("priority", 3), option.WithJSONDel("description"))
	require.NoError(t, err)
	s := srv.Next(t)
	var body map[string]any
	require.NoError(t, json.Unmarshal(s.Body, &body))
	assert.Equal(t, map[string]any{"name": "n", "labels": map[string]any{"team": "search"}, "priority": 3.0}, body)
	assert.Equal(t, "application/json", s.Header.Get("Content-Type"))
}

func TestResponseInto(t *testing.T) {
	t.Parallel()
	srv := capture(t)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	var resp *http.Response
	d, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{}, option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, "dir_1", d.ID)
	require.NotNil(t, resp)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "req_42", resp.Header.Get("X-Request-Id"))
}

func TestMiddlewareOrderAndAttempts(t *testing.T) {
	t.Parallel()
	srv := capture(t)
	var order []string
	mw := func(name string) option.Middleware {
		return func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			order = append(order, name+">")
			assert.Equal(t, "Bearer k", r.Header.Get("Authorization"), "middleware sees the request as sent")
			resp, err := next(r)
			order = append(order, "<"+name)
			return resp, err
		}
	}
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMiddleware(mw("outer")))
	_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{}, option.WithMiddleware(mw("inner")))
	require.NoError(t, err)
	srv.Next(t)
	assert.Equal(t, []string{"outer>", "inner>", "<inner", "<outer"}, order)
}

func TestEnvironmentEU(t *testing.T) {
	t.Parallel()
	var host string
	c := llamacloud.NewClient(option.WithEnvironmentEU(), option.WithAPIKey("k"), option.WithMaxRetries(0),
		option.WithHTTPClient(doer(func(r *http.Request) (*http.Response, error) {
			host = r.URL.Scheme + "://" + r.URL.Host
			return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"id":"x"}`)), Header: http.Header{}}, nil
		})))
	d, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "x", d.ID)
	assert.Equal(t, "https://api.cloud.eu.llamaindex.ai", host)
}

func TestInvalidOptionValues(t *testing.T) {
	t.Parallel()
	for want, opt := range map[string]option.RequestOption{
		"max response bytes 0 is not positive": option.WithMaxResponseBytes(0),
		"WithHTTPClient: nil client":           option.WithHTTPClient(nil),
		"max retries -2 is negative":           option.WithMaxRetries(-2),
	} {
		c := llamacloud.NewClient(option.WithAPIKey("k"))
		_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{}, opt)
		assert.ErrorContains(t, err, "llamacloud: "+want)
	}
}

type doer func(*http.Request) (*http.Response, error)

func (d doer) Do(r *http.Request) (*http.Response, error) { return d(r) }
