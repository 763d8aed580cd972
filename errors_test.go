package llamacloud_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// routeServer answers each path (below the base path) with its fault; other paths get a 404.
func routeServer(t *testing.T, routes map[string]http.Handler) *testserver.Server {
	t.Helper()
	return testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f, ok := routes[strings.TrimPrefix(r.URL.Path, testserver.Prefix)]; ok {
			f.ServeHTTP(w, r)
			return
		}
		status(404).ServeHTTP(w, r)
	}))
}

// TestErrorsNameTheSDKOnce walks bad input and failures through typed calls, auto-pagers and
// waiters: every message starts with "llamacloud: " and has it once, however many layers the
// error went through.
func TestErrorsNameTheSDKOnce(t *testing.T) {
	t.Parallel()
	page1 := `{"items":[` + directoryJSON + `],"next_page_token":"p2"}`
	srv := routeServer(t, map[string]http.Handler{
		"/api/v1/beta/directories":               http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { pageOrFail(w, r, page1) }),
		"/api/v1/beta/directories/bad-json":      body("application/json", `{"id":`),
		"/api/v1/beta/directories/big":           body("application/json", `{"id":"`+strings.Repeat("x", 100)+`"}`),
		"/api/v1/beta/directories/loop":          http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path, http.StatusFound) }),
		"/api/v1/beta/directories/down":          status(503, "Retry-After-Ms", "0"),
		"/api/v1/beta/directories/stall":         stall,
		"/api/v1/beta/split/jobs/job-down":       status(503, "X-Should-Retry", "false"),
		"/api/v1/beta/directories/empty":         body("application/json", ""),
		"/api/v1/chat/s/messages/stream":         status(409, "X-Should-Retry", "false"),
		"/api/v1/chat/bad/messages/stream":       sse("event: message\ndata: {\"type\":\n\n", noCut),
		"/api/v1/chat/big/messages/stream":       sse("event: delta\ndata: {\"type\":\"text_delta\",\"content\":\""+strings.Repeat("x", 200)+"\"}\n\n", noCut),
		"/api/v1/chat/html/messages/stream":      body("text/html", "<html>quota exceeded</html>"),
		"/api/v1/beta/agent-data/:search":        status(500, "X-Should-Retry", "false"),
		"/api/v1/beta/batch-processing/b/cancel": status(422),
	})
	refused, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	refusedAddr := refused.Addr().String()
	refused.Close()

	var waits testserver.Sleeps // the messages are the point here, not the waits between retries
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxRetries(1), waits.Option())
	ctx := context.Background()
	dirs := c.Beta.Directories
	firstErr := func(seq func(func(beta.Directory, error) bool)) (err error) {
		for _, e := range seq {
			if e != nil {
				return e
			}
		}
		return nil
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for name, call := range map[string]func() error{
		"negative query page size": func() error {
			_, err := dirs.List(ctx, beta.DirectoryListParams{PageSize: llamacloud.Int(-1)})
			return err
		},
		"negative body page size": func() error {
			_, err := c.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{DeploymentName: "d", PageSize: llamacloud.Int(-1)})
			return err
		},
		"pager, negative query page size": func() error {
			return firstErr(dirs.ListAutoPaging(ctx, beta.DirectoryListParams{PageSize: llamacloud.Int(-1)}).All())
		},
		"pager, negative body page size": func() error {
			for _, err := range c.Beta.AgentData.SearchAutoPaging(ctx, beta.AgentDataSearchParams{DeploymentName: "d", PageSize: llamacloud.Int(-5)}).All() {
				if err != nil {
					return err
				}
			}
			return nil
		},
		"pager, server error": func() error {
			for _, err := range c.Beta.AgentData.SearchAutoPaging(ctx, beta.AgentDataSearchParams{DeploymentName: "d"}).All() {
				if err != nil {
					return err
				}
			}
			return nil
		},
		"pager, second page fails": func() error { return firstErr(dirs.ListAutoPaging(ctx, beta.DirectoryListParams{}).All()) },
		"waiter, check fails": func() error {
			_, err := beta.NewSplitJobWaiter(c.Beta.Split, func(o *beta.WaiterOptions) { o.Retryable = nil }).
				Wait(ctx, "job-down", time.Minute)
			return err
		},
		"waiter, not found": func() error {
			_, err := beta.NewSplitJobWaiter(c.Beta.Split).Wait(ctx, "job-missing", time.Minute)
			return err
		},
		"waiter, bad max wait": func() error {
			_, err := beta.NewSplitJobWaiter(c.Beta.Split).Wait(ctx, "job", 0)
			return err
		},
		"waiter, cancelled": func() error {
			_, err := beta.NewSplitJobWaiter(c.Beta.Split).Wait(cancelled, "job-down", time.Minute)
			return err
		},
		"invalid JSON": func() error { _, err := dirs.Get(ctx, "bad-json", beta.DirectoryGetParams{}); return err },
		"empty body":   func() error { _, err := dirs.Get(ctx, "empty", beta.DirectoryGetParams{}); return err },
		"too large": func() error {
			_, err := dirs.Get(ctx, "big", beta.DirectoryGetParams{}, option.WithMaxResponseBytes(10))
			return err
		},
		"redirect loop":    func() error { _, err := dirs.Get(ctx, "loop", beta.DirectoryGetParams{}); return err },
		"retries run out":  func() error { _, err := dirs.Get(ctx, "down", beta.DirectoryGetParams{}); return err },
		"422":              func() error { _, err := c.Beta.Batch.Cancel(ctx, "b", beta.BatchCancelParams{}); return err },
		"empty path value": func() error { _, err := dirs.Get(ctx, " ", beta.DirectoryGetParams{}); return err },
		"connection refused": func() error {
			_, err := dirs.Get(ctx, "d", beta.DirectoryGetParams{}, option.WithBaseURL("http://"+refusedAddr))
			return err
		},
		"attempt timeout": func() error {
			_, err := dirs.Get(ctx, "stall", beta.DirectoryGetParams{}, option.WithRequestTimeout(50*time.Millisecond))
			return err
		},
		"cancelled context": func() error { _, err := dirs.Get(cancelled, "d", beta.DirectoryGetParams{}); return err },
		"bad option": func() error {
			_, err := dirs.Get(ctx, "d", beta.DirectoryGetParams{}, option.WithMaxRetries(-1))
			return err
		},
		"bad JSON edit": func() error {
			_, err := dirs.New(ctx, beta.DirectoryNewParams{Name: "n"}, option.WithJSONSet("", 1))
			return err
		},
		"nil upload": func() error {
			_, err := dirs.Files.Upload(ctx, "d", beta.DirectoryFileUploadParams{})
			return err
		},
		"stream refused": func() error {
			s := c.Beta.Chat.Stream(ctx, "s", beta.ChatStreamParams{Prompt: "hi"})
			s.Next()
			return s.Err()
		},
		"stream, bad event": func() error {
			_, err := beta.AccumulateChat(c.Beta.Chat.Stream(ctx, "bad", beta.ChatStreamParams{Prompt: "hi"}))
			return err
		},
		"stream, event too large": func() error {
			_, err := beta.AccumulateChat(c.Beta.Chat.Stream(ctx, "big", beta.ChatStreamParams{Prompt: "hi"},
				option.WithMaxStreamEventBytes(64)))
			return err
		},
		"stream, not an event stream": func() error {
			_, err := beta.AccumulateChat(c.Beta.Chat.Stream(ctx, "html", beta.ChatStreamParams{Prompt: "hi"}))
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := call()
			require.Error(t, err)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "llamacloud: "), msg)
			assert.Equal(t, 1, strings.Count(msg, "llamacloud:"), msg)
			assert.Equal(t, 0, strings.Count(msg, `Get "`), "the URL is named once: %s", msg)
		})
	}
}

// pageOrFail answers the first page of a list with page, and the next with a 500.
func pageOrFail(w http.ResponseWriter, r *http.Request, page string) {
	if r.URL.Query().Get("page_token") != "" {
		status(500, "X-Should-Retry", "false").ServeHTTP(w, r)
		return
	}
	_, _ = io.WriteString(w, page)
}

func TestErrorMessagesCountAttemptsAndNameTheDeadline(t *testing.T) {
	t.Parallel()
	srv := routeServer(t, map[string]http.Handler{
		"/api/v1/beta/directories/down":  status(503, "Retry-After-Ms", "0"),
		"/api/v1/beta/directories/stall": stall,
		"/api/v1/beta/directories/gone":  status(404),
	})
	url := func(id string) string { return srv.URL + "/api/v1/beta/directories/" + id }
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	get := func(ctx context.Context, id string, opts ...option.RequestOption) error {
		_, err := c.Beta.Directories.Get(ctx, id, beta.DirectoryGetParams{}, opts...)
		return err
	}
	ctx := context.Background()
	t.Run("retries run out", func(t *testing.T) {
		t.Parallel()
		err := get(ctx, "down")
		assert.EqualError(t, err, fmt.Sprintf(`llamacloud: GET %q: 503 Service Unavailable: injected 503 (3 attempts)`, url("down")))
		var apiErr *llamacloud.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 3, apiErr.Attempts)
	})
	t.Run("not retried", func(t *testing.T) {
		t.Parallel()
		err := get(ctx, "gone")
		assert.EqualError(t, err, fmt.Sprintf(`llamacloud: GET %q: 404 Not Found: injected 404`, url("gone")))
		var apiErr *llamacloud.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 1, apiErr.Attempts)
	})
	t.Run("per-attempt timeout", func(t *testing.T) {
		t.Parallel()
		var waits testserver.Sleeps
		err := get(ctx, "stall", option.WithRequestTimeout(100*time.Millisecond), option.WithMaxRetries(1), waits.Option())
		assert.Equal(t, []time.Duration{backoff}, waits.Delays())
		assert.EqualError(t, err, fmt.Sprintf(`llamacloud: GET %q: per-attempt timeout of 100ms exceeded (option.WithRequestTimeout): context deadline exceeded (2 attempts)`, url("stall")))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("caller's deadline", func(t *testing.T) {
		t.Parallel()
		dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		t.Cleanup(cancel)
		err := get(dctx, "stall", option.WithRequestTimeout(time.Minute))
		assert.EqualError(t, err, fmt.Sprintf(`llamacloud: GET %q: the caller's context ended: context deadline exceeded`, url("stall")))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("caller cancels during the backoff", func(t *testing.T) {
		t.Parallel()
		cctx, cancel := context.WithCancel(ctx)
		t.Cleanup(cancel)
		// The retry is logged just before its wait: cancel there.
		logger := slog.New(cancelOn{"llamacloud: retrying request", cancel})
		err := get(cctx, "down", option.WithLogger(logger))
		assert.EqualError(t, err, fmt.Sprintf(`llamacloud: GET %q: wait to retry: the caller's context ended: context canceled`, url("down")))
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("body read times out", func(t *testing.T) {
		t.Parallel()
		bsrv := testserver.New(t, stallBody)
		_, err := llamacloud.NewClient(option.WithBaseURL(bsrv.URL), option.WithAPIKey("k"), option.WithRequestTimeout(100*time.Millisecond)).
			Beta.Directories.Get(ctx, "d", beta.DirectoryGetParams{})
		assert.EqualError(t, err, fmt.Sprintf(`llamacloud: GET %q: read response: per-attempt timeout of 100ms exceeded (option.WithRequestTimeout): context deadline exceeded`, bsrv.URL+"/api/v1/beta/directories/d"))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

func TestTransportErrorsKeepTheirCause(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	_, err = llamacloud.NewClient(option.WithBaseURL("http://"+addr), option.WithAPIKey("k"), option.WithMaxRetries(0)).
		Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	var opErr *net.OpError
	assert.ErrorAs(t, err, &opErr)
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, fmt.Sprintf(`llamacloud: GET "http://%s/api/v1/beta/directories/d": dial tcp %s:`, addr, addr)), msg)
}

// cancelOn is a slog handler that calls cancel when a record with message msg is logged.
type cancelOn struct {
	msg    string
	cancel context.CancelFunc
}

func (h cancelOn) Enabled(context.Context, slog.Level) bool { return true }
func (h cancelOn) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.cancel()
	}
	return nil
}
func (h cancelOn) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h cancelOn) WithGroup(string) slog.Handler      { return h }
