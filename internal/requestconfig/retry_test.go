package requestconfig_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// step is one scripted server answer: a status with headers, or a dropped connection.
type step struct {
	status int
	header map[string]string
	drop   bool
}

// ServeHTTP answers as the step says.
func (s step) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.drop {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	body := `{"detail":"status ` + http.StatusText(s.status) + `"}`
	if s.status == 200 {
		body = `{"ok":true}`
	}
	testserver.Reply{Status: s.status, Header: s.header, Body: []byte(body)}.ServeHTTP(w, r)
}

// scriptServer answers requests with steps in turn (the last repeats); count says how many
// came.
func scriptServer(t *testing.T, steps ...step) (url string, count func() int) {
	t.Helper()
	script := make([]http.Handler, len(steps))
	for i, s := range steps {
		script[i] = s
	}
	srv := testserver.New(t, script...)
	return srv.URL, func() int { return len(srv.Requests()) }
}

type okBody struct {
	OK bool `json:"ok"`
}

func do(t *testing.T, ctx context.Context, url string, opts ...requestconfig.RequestOption) error {
	t.Helper()
	base := []requestconfig.RequestOption{option.WithBaseURL(url), option.WithAPIKey("k")}
	r, err := requestconfig.NewRequest(http.MethodGet, "api/v1/x", nil, append(base, opts...)...)
	require.NoError(t, err)
	var out okBody
	err = r.Do(ctx, &out)
	if err == nil {
		assert.True(t, out.OK)
	}
	return err
}

func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		steps      []step
		maxRetries int
		wantCalls  int
		wantDelays []time.Duration
		wantStatus int // 0: success
	}{
		{"429 with Retry-After seconds", []step{{status: 429, header: map[string]string{"Retry-After": "1"}}, {status: 200}}, 2, 2, []time.Duration{time.Second}, 0},
		{"retry-after-ms wins", []step{{status: 429, header: map[string]string{"Retry-After": "5", "Retry-After-Ms": "250"}}, {status: 200}}, 2, 2, []time.Duration{250 * time.Millisecond}, 0},
		{"503 then success uses backoff", []step{{status: 503}, {status: 200}}, 2, 2, []time.Duration{437500 * time.Microsecond}, 0},
		{"backoff doubles", []step{{status: 500}, {status: 502}, {status: 200}}, 2, 3, []time.Duration{437500 * time.Microsecond, 875 * time.Millisecond}, 0},
		{"Retry-After beyond 60s falls back to backoff", []step{{status: 429, header: map[string]string{"Retry-After": "3600"}}, {status: 200}}, 2, 2, []time.Duration{437500 * time.Microsecond}, 0},
		{"x-should-retry false on 500", []step{{status: 500, header: map[string]string{"X-Should-Retry": "false"}}}, 2, 1, nil, 500},
		{"x-should-retry true on 400", []step{{status: 400, header: map[string]string{"X-Should-Retry": "true"}}, {status: 200}}, 2, 2, []time.Duration{437500 * time.Microsecond}, 0},
		{"400 is not retried", []step{{status: 400}}, 2, 1, nil, 400},
		{"408 and 409 are retried", []step{{status: 408}, {status: 409}, {status: 200}}, 2, 3, []time.Duration{437500 * time.Microsecond, 875 * time.Millisecond}, 0},
		{"connection reset then success", []step{{drop: true}, {status: 200}}, 2, 2, []time.Duration{437500 * time.Microsecond}, 0},
		{"max retries exhausted reports the last status", []step{{status: 502}, {status: 503}, {status: 500}}, 2, 3, []time.Duration{437500 * time.Microsecond, 875 * time.Millisecond}, 500},
		{"no retries", []step{{status: 503}}, 0, 1, nil, 503},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url, count := scriptServer(t, tc.steps...)
			var waits testserver.Sleeps
			err := do(t, context.Background(), url, option.WithMaxRetries(tc.maxRetries), waits.Option())
			assert.Equal(t, tc.wantCalls, count())
			assert.Equal(t, tc.wantDelays, waits.Delays())
			if tc.wantStatus == 0 {
				assert.NoError(t, err)
				return
			}
			var apiErr *apierror.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantStatus, apiErr.StatusCode)
		})
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	url, count := scriptServer(t, step{status: 503, header: map[string]string{"Retry-After": now.Add(7 * time.Second).Format(http.TimeFormat)}}, step{status: 200})
	var waits testserver.Sleeps
	err := do(t, context.Background(), url, waits.Option(), func(c *requestconfig.Config) error {
		c.Now = func() time.Time { return now }
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, count())
	assert.Equal(t, []time.Duration{7 * time.Second}, waits.Delays())
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	t.Parallel()
	url, count := scriptServer(t, step{status: 503, header: map[string]string{"Retry-After": "30"}})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cancelled := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- do(t, ctx, url, option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			resp, err := next(r)
			// The first attempt is answered; cancel while the client waits 30 s to retry.
			go func() { cancel(); close(cancelled) }()
			return resp, err
		}))
	}()
	<-cancelled
	select {
	case err := <-errc:
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1, count())
	case <-time.After(5 * time.Second):
		t.Fatal("the call did not return after its context was cancelled during the backoff wait")
	}
}

// TestCancelBeforeRetryDecision pins the other side of the race above: the context ends after
// the 503 arrives but before the client decides to retry. The call must fail with the
// context's error, as it does when the cancel lands during the wait.
func TestCancelBeforeRetryDecision(t *testing.T) {
	t.Parallel()
	url, count := scriptServer(t, step{status: 503, header: map[string]string{"Retry-After": "30"}})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var waits testserver.Sleeps
	err := do(t, ctx, url, waits.Option(), option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		cancel()
		return resp, err
	}))
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "wait to retry")
	assert.Equal(t, 1, count())
}

func TestShortDeadlineReturnsErrorInsteadOfWaiting(t *testing.T) {
	t.Parallel()
	url, count := scriptServer(t, step{status: 429, header: map[string]string{"Retry-After": "30"}})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	t.Cleanup(cancel)
	var waits testserver.Sleeps
	err := do(t, ctx, url, waits.Option())
	assert.ErrorIs(t, err, apierror.ErrRateLimited)
	assert.Empty(t, waits.Delays(), "no wait may start that the deadline cannot cover")
	assert.Equal(t, 1, count())
}

func TestPerAttemptTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, hang(t), step{status: 200})
	var waits testserver.Sleeps
	err := do(t, context.Background(), srv.URL, option.WithRequestTimeout(100*time.Millisecond), waits.Option())
	require.NoError(t, err)
	assert.Len(t, srv.Requests(), 2)
	assert.Len(t, waits.Delays(), 1)
}

func TestCallerDeadlineIsNotRetried(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, hang(t))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	t.Cleanup(cancel)
	var waits testserver.Sleeps
	err := do(t, ctx, srv.URL, waits.Option())
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "got %v", err)
	assert.Empty(t, waits.Delays())
}

// hang answers nothing until the client gives up or the test ends.
func hang(t *testing.T) http.Handler {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
}
