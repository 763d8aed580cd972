package llamacloud_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const directoryJSON = `{"id":"dir_1","name":"docs","project_id":"p","created_at":"2024-01-02T03:04:05.000Z"}`

// The faults below are handlers for a testserver.Server's script.

// status answers code with header (name, value pairs) and a JSON detail naming the code.
func status(code int, header ...string) testserver.Reply {
	h := make(map[string]string, len(header)/2)
	for i := 0; i+1 < len(header); i += 2 {
		h[header[i]] = header[i+1]
	}
	return testserver.Reply{Status: code, Header: h, Body: fmt.Appendf(nil, `{"detail":"injected %d"}`, code)}
}

// body answers 200 with b as contentType.
func body(contentType, b string) testserver.Reply {
	return testserver.Reply{Header: map[string]string{"Content-Type": contentType}, Body: []byte(b)}
}

var ok = body("application/json", directoryJSON)

// resetBeforeHeaders closes the connection without answering.
var resetBeforeHeaders = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		if tc, isTCP := conn.(*net.TCPConn); isTCP {
			_ = tc.SetLinger(0) // RST, not FIN
		}
		conn.Close()
	}
})

// resetMidBody promises a longer body than it sends, then closes.
var resetMidBody = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(directoryJSON), directoryJSON[:20])
	_ = buf.Flush()
	conn.Close()
})

// stall waits for the request to end (the client's timeout) before answering.
var stall = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })

// stallBody sends headers and part of the body, then waits for the client to give up.
var stallBody = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(200)
	_, _ = io.WriteString(w, directoryJSON[:10])
	w.(http.Flusher).Flush()
	<-r.Context().Done()
})

// The fault tests record their retry waits (testserver.Sleeps) and assert them exactly instead
// of sleeping them; with the jitter fixed at its midpoint, the first backoff is 437.5 ms.
var backoff = testserver.Backoff(0)

// attemptTimeout is the per-attempt timeout of the tests whose server stalls: the stall lasts
// until the client gives up, so it is the time such an attempt takes.
const attemptTimeout = 250 * time.Millisecond

// testNow is the clock of the clients built with fixedNow, for Retry-After dates.
var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fixedNow sets a client's clock to testNow.
var fixedNow option.RequestOption = func(c *requestconfig.Config) error {
	c.Now = func() time.Time { return testNow }
	return nil
}

func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	fast := "Retry-After-Ms"
	for _, tc := range []struct {
		name     string
		script   []http.Handler
		opts     []option.RequestOption
		calls    int
		wantErr  func(t *testing.T, err error) // nil: success expected
		maxTime  time.Duration
		waits    []time.Duration // the retry waits the client asks for (recorded, not slept)
		checkDir func(t *testing.T, d *beta.Directory)
	}{
		{name: "429 Retry-After seconds", script: []http.Handler{status(429, "Retry-After", "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Second}},
		{name: "429 retry-after-ms", script: []http.Handler{status(429, "Retry-After-Ms", "10"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{10 * time.Millisecond}},
		{name: "429 Retry-After HTTP date", script: []http.Handler{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			status(429, "Retry-After", testNow.Add(3*time.Second).Format(http.TimeFormat)).ServeHTTP(w, r)
		}), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{3 * time.Second}},
		{name: "408", script: []http.Handler{status(408, fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "409", script: []http.Handler{status(409, fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "500", script: []http.Handler{status(500, fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "502", script: []http.Handler{status(502, fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "503", script: []http.Handler{status(503, fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "504", script: []http.Handler{status(504, fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "503 with x-should-retry false", script: []http.Handler{status(503, "X-Should-Retry", "false"), ok}, calls: 1, maxTime: 10 * time.Second,
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, llamacloud.ErrServer) }},
		{name: "400 with x-should-retry true", script: []http.Handler{status(400, "X-Should-Retry", "true", fast, "1"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond}},
		{name: "persistent 503 exhausts retries", script: []http.Handler{status(503, fast, "1")}, calls: 3, maxTime: 10 * time.Second, waits: []time.Duration{time.Millisecond, time.Millisecond},
			wantErr: func(t *testing.T, err error) {
				var apiErr *llamacloud.Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, 503, apiErr.StatusCode)
			}},
		{name: "reset before headers", script: []http.Handler{resetBeforeHeaders, ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{backoff}},
		{name: "reset mid-body", script: []http.Handler{resetMidBody}, calls: 1, maxTime: 10 * time.Second,
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, io.ErrUnexpectedEOF) }},
		{name: "headers slower than the attempt timeout", script: []http.Handler{stall, ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{backoff},
			opts: []option.RequestOption{option.WithRequestTimeout(attemptTimeout)}},
		{name: "every attempt too slow", script: []http.Handler{stall}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{backoff},
			opts:    []option.RequestOption{option.WithRequestTimeout(attemptTimeout), option.WithMaxRetries(1)},
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, context.DeadlineExceeded) }},
		{name: "body stalls", script: []http.Handler{stallBody}, calls: 1, maxTime: 10 * time.Second,
			opts:    []option.RequestOption{option.WithRequestTimeout(attemptTimeout)},
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, context.DeadlineExceeded) }},
		{name: "200 with invalid JSON", script: []http.Handler{body("application/json", `{"id":"dir_1",`)}, calls: 1, maxTime: 10 * time.Second,
			wantErr: func(t *testing.T, err error) { assert.ErrorContains(t, err, "decode") }},
		{name: "200 with an HTML page", script: []http.Handler{body("text/html", `<html><body>Bad gateway</body></html>`)}, calls: 1, maxTime: 10 * time.Second,
			wantErr: func(t *testing.T, err error) { assert.ErrorContains(t, err, "decode") }},
		{name: "200 with an empty body", script: []http.Handler{body("application/json", ``)}, calls: 1, maxTime: 10 * time.Second,
			wantErr: func(t *testing.T, err error) { assert.ErrorContains(t, err, "empty response body") }},
		{name: "200 with wrong field types", script: []http.Handler{body("application/json", `{"id":42,"name":["x"],"project_id":"p","created_at":"yesterday"}`)},
			calls: 1, maxTime: 10 * time.Second, checkDir: func(t *testing.T, d *beta.Directory) {
				assert.Empty(t, d.ID)
				assert.True(t, d.JSON.ID.IsInvalid())
				assert.Equal(t, "42", d.JSON.ID.Raw())
				assert.True(t, d.JSON.Name.IsInvalid())
				assert.True(t, d.JSON.CreatedAt.IsInvalid())
				assert.True(t, d.CreatedAt.IsZero())
				assert.Equal(t, "p", d.ProjectID)
			}},
		{name: "redirect loop", script: []http.Handler{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		})}, calls: 10, maxTime: 5 * time.Second,
			wantErr: func(t *testing.T, err error) { assert.ErrorContains(t, err, "redirects") }},
		{name: "Retry-After of an hour is capped to the backoff", script: []http.Handler{status(503, "Retry-After", "3600"), ok}, calls: 2, maxTime: 10 * time.Second, waits: []time.Duration{backoff}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := testserver.New(t, tc.script...)
			var waits testserver.Sleeps
			c := llamacloud.NewClient(append([]option.RequestOption{option.WithBaseURL(srv.URL), option.WithAPIKey("k"), waits.Option(), fixedNow}, tc.opts...)...)
			start := time.Now()
			d, err := c.Beta.Directories.Get(context.Background(), "dir_1", beta.DirectoryGetParams{})
			took := time.Since(start)
			assert.Less(t, took, tc.maxTime)
			assert.Len(t, srv.Requests(), tc.calls, "requests made")
			assert.Equal(t, tc.waits, waits.Delays(), "retry waits")
			if tc.wantErr != nil {
				require.Error(t, err)
				assert.Nil(t, d)
				tc.wantErr(t, err)
				return
			}
			require.NoError(t, err)
			if tc.checkDir != nil {
				tc.checkDir(t, d)
				return
			}
			assert.Equal(t, "dir_1", d.ID)
		})
	}
}

// TestRetryWaitIsReal checks, once, that a client without a recorded sleeper really waits the
// server's Retry-After-Ms before retrying (the other fault tests record their waits).
func TestRetryWaitIsReal(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, status(503, "Retry-After-Ms", "60"), ok)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	start := time.Now()
	d, err := c.Beta.Directories.Get(context.Background(), "dir_1", beta.DirectoryGetParams{})
	took := time.Since(start)
	require.NoError(t, err)
	assert.Equal(t, "dir_1", d.ID)
	assert.Len(t, srv.Requests(), 2)
	assert.GreaterOrEqual(t, took, 60*time.Millisecond, "the retry came before the 60 ms the server asked for")
	assert.Less(t, took, 10*time.Second)
}

func TestConnectionRefused(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	var waits testserver.Sleeps
	c := llamacloud.NewClient(option.WithBaseURL("http://"+addr), option.WithAPIKey("k"), option.WithMaxRetries(1), waits.Option())
	start := time.Now()
	_, err = c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	var opErr *net.OpError
	assert.ErrorAs(t, err, &opErr)
	assert.Equal(t, []time.Duration{backoff}, waits.Delays(), "a refused connection is retried after the backoff")
	assert.Less(t, time.Since(start), 10*time.Second)
}

func TestLongRetryAfterWithShortDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, status(429, "Retry-After", "30"), ok)
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	start := time.Now()
	_, err := c.Beta.Directories.Get(ctx, "d", beta.DirectoryGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrRateLimited)
	assert.Less(t, time.Since(start), 10*time.Second, "a 30 s Retry-After must not be waited out")
	assert.Len(t, srv.Requests(), 1)
}

func TestRedirectToOtherHostDropsCredentials(t *testing.T) {
	t.Parallel()
	other := testserver.New(t, ok)
	// Same IP, other port: another host for the redirect check.
	srv := testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+strings.TrimPrefix(r.URL.Path, testserver.Prefix), http.StatusTemporaryRedirect)
	}))
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(secretKey),
		option.WithHeader("X-Api-Key", "gateway-secret"), option.WithHeader("Cookie", "sid=cookie-secret"),
		option.WithHeader("X-Team", "search"))
	d, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "dir_1", d.ID)
	landed := other.Next(t)
	assert.Equal(t, "/api/v1/beta/directories/d", landed.Path)
	h := landed.Header
	for _, k := range []string{"Authorization", "X-Api-Key", "Cookie"} {
		assert.Empty(t, h.Values(k), "%s must not follow a redirect to another host", k)
	}
	assert.Equal(t, "search", h.Get("X-Team"), "other headers follow")
}

func TestResponseSizeLimit(t *testing.T) {
	t.Parallel()
	big := `{"id":"` + strings.Repeat("x", 4096) + `"}`
	for name, f := range map[string]http.Handler{
		"content-length": body("application/json", big),
		"chunked": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for i := 0; i < len(big); i += 512 {
				_, _ = io.WriteString(w, big[i:min(i+512, len(big))])
				w.(http.Flusher).Flush()
			}
		}),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := testserver.New(t, f)
			c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxResponseBytes(1024))
			_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
			assert.ErrorContains(t, err, "larger than the 1024-byte limit")
			assert.Len(t, srv.Requests(), 1, "a too-large body is not retried")
		})
	}
}

// TestConcurrentUseWithFaults shares one client among 64 goroutines whose calls meet injected
// faults. Each goroutine makes 20 calls (100 with LLAMACLOUD_FULL_SIZE=1): under -race the
// detector sees every interleaving of the shared state with far fewer calls, and the full
// count only makes the run longer.
func TestConcurrentUseWithFaults(t *testing.T) {
	t.Parallel()
	const goroutines = 64
	perGoroutine := 20
	if testmain.FullSize() {
		perGoroutine = 100
	}
	calls := goroutines * perGoroutine
	var mu sync.Mutex
	tried := map[string]bool{}
	srv := testserver.New(t, testserver.Func(func(r testserver.Request) testserver.Reply {
		// The first attempt of every seventh call fails; its retry succeeds.
		call := r.Header.Get("X-Call")
		mu.Lock()
		first := !tried[call]
		tried[call] = true
		fail := first && len(tried)%7 == 0
		mu.Unlock()
		if fail {
			return status(503, "Retry-After-Ms", "0")
		}
		return testserver.Reply{Body: []byte(`{"id":"` + strings.TrimPrefix(r.Path, "/api/v1/beta/directories/") + `","name":"n","project_id":"p"}`)}
	}))
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxRetries(3))
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < perGoroutine; i++ {
				id := fmt.Sprintf("d%d-%d", g, i)
				d, err := c.Beta.Directories.Get(context.Background(), id, beta.DirectoryGetParams{}, option.WithHeader("X-Call", id))
				if err != nil {
					errs <- err
					return
				}
				if d.ID != id {
					errs <- fmt.Errorf("call %s got directory %q", id, d.ID)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	mu.Lock()
	assert.Len(t, tried, calls, "every call came")
	mu.Unlock()
	assert.Len(t, srv.Requests(), calls+calls/7, "the first attempt of every seventh call was retried")
}

func TestNonSeekableUploadIsNeverResent(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, status(503, "Retry-After-Ms", "0"))
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxRetries(3))
	_, err := c.Beta.Directories.Files.Upload(context.Background(), "d", beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(io.MultiReader(strings.NewReader("payload")), "p.txt", "text/plain"),
	})
	assert.True(t, errors.Is(err, llamacloud.ErrServer), "got %v", err)
	assert.ErrorContains(t, err, "(not retried: upload body cannot be replayed")
	bodies := 0
	for _, r := range srv.Requests() {
		if bytes.Contains(r.Body, []byte("payload")) {
			bodies++
		}
	}
	assert.Equal(t, 1, bodies)
}

// signalReader reports on reading each time a Read of r begins.
type signalReader struct {
	r       io.Reader
	reading chan<- struct{}
}

func (s *signalReader) Read(p []byte) (int, error) {
	s.reading <- struct{}{}
	return s.r.Read(p)
}

// answer503 writes a 503 with Retry-After-Ms: 0 straight to the connection and closes it, so
// the request body is left unread however it was sent.
func answer503(w http.ResponseWriter) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	const detail = `{"detail":"try again"}`
	fmt.Fprintf(buf, "HTTP/1.1 503 Service Unavailable\r\nRetry-After-Ms: 0\r\nContent-Type: application/json\r\n"+
		"Content-Length: %d\r\nConnection: close\r\n\r\n%s", len(detail), detail)
	_ = buf.Flush()
	conn.Close()
}

// uploadedFile reads the upload_file part of a multipart request.
func uploadedFile(r *http.Request) (string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", err
	}
	for {
		p, err := mr.NextPart()
		if err != nil {
			return "", err
		}
		if p.FormName() == "upload_file" {
			b, err := io.ReadAll(p)
			return string(b), err
		}
	}
}

// TestStreamedUploadRetriedWholeOrNotAtAll uploads from a pipe and answers the first attempt
// with a 503 while the transport is still waiting to read the pipe. The retry must send the
// whole content (the bytes the first attempt's write loop gets after the 503 are passed on,
// not lost), or, when file bytes already left with the first attempt, the call must fail
// saying the body could not be replayed; never succeed with part of the file.
func TestStreamedUploadRetriedWholeOrNotAtAll(t *testing.T) {
	t.Parallel()
	content := strings.Repeat("0123456789abcdef", 8<<10) // 128 KiB, several reads
	for _, tc := range []struct {
		name string
		// sentFirst: the server reads file bytes of the first attempt before answering.
		sentFirst bool
	}{{"503 before the body is read", false}, {"503 after part of the body was read", true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pr, pw := io.Pipe()
			t.Cleanup(func() { pr.Close() })
			reading := make(chan struct{}, 1024)
			produce := func() {
				for i := 0; i < len(content); i += 4096 {
					if _, err := io.WriteString(pw, content[i:i+4096]); err != nil {
						return
					}
				}
				pw.Close()
			}
			var calls atomic.Int32
			received := make(chan string, 2)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) > 1 {
					file, err := uploadedFile(r)
					if err != nil {
						received <- "error: " + err.Error()
					} else {
						received <- file
					}
					w.Header().Set("Content-Type", "application/json")
					_, _ = io.WriteString(w, `{"id":"f1","directory_id":"d","display_name":"big.txt","project_id":"p"}`)
					return
				}
				if tc.sentFirst {
					go produce()
					// The multipart head, then file bytes.
					_, _ = io.ReadFull(r.Body, make([]byte, 600))
				} else {
					<-reading // the first attempt's write loop waits on the empty pipe
				}
				answer503(w)
			}))
			t.Cleanup(srv.Close)
			// The file's bytes start flowing only when the retry is under way.
			startOnRetry := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
				if calls.Load() == 1 && !tc.sentFirst {
					go produce()
				}
				return next(r)
			})
			c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), startOnRetry)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			t.Cleanup(cancel)
			f, err := c.Beta.Directories.Files.Upload(ctx, "d", beta.DirectoryFileUploadParams{
				UploadFile: llamacloud.File(&signalReader{pr, reading}, "big.txt", "text/plain"),
			})
			if tc.sentFirst {
				// The 503, or the reset of a connection closed with the body half read.
				assert.Nil(t, f)
				assert.ErrorContains(t, err, "(not retried: upload body cannot be replayed")
				assert.Equal(t, int32(1), calls.Load())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "f1", f.ID)
			assert.Equal(t, int32(2), calls.Load())
			got := <-received
			assert.Equal(t, len(content), len(got), "bytes received")
			assert.True(t, got == content, "the retry carries the whole file")
		})
	}
}

// cut says how an event stream ends early: not at all, with a closed connection (FIN), or
// with a reset one (RST).
type cut int

const (
	noCut cut = iota
	closeConn
	resetConn
)

// sse answers with an event stream: the events, then, when cut, half of one more event and
// the end of the connection.
func sse(events string, how cut) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, events)
		w.(http.Flusher).Flush()
		if how == noCut {
			return
		}
		_, _ = io.WriteString(w, "event: delta\ndata: {\"type\":\"text_delta\",\"con")
		w.(http.Flusher).Flush()
		if how == resetConn {
			resetBeforeHeaders(w, r)
			return
		}
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}
}

func TestStreamFaultMatrix(t *testing.T) {
	t.Parallel()
	const twoDeltas = "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Hel\"}\n\n" +
		"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"lo\"}\n\n"
	const stop = "event: message\ndata: {\"type\":\"stop\",\"is_error\":false,\"usage\":{\"turns\":1}}\n\n"
	for _, tc := range []struct {
		name     string
		script   []http.Handler
		calls    int
		wantText string
		wantErr  func(t *testing.T, err error) // nil: the turn completes
		waits    []time.Duration               // the retry waits (recorded, not slept)
	}{
		{name: "complete stream", script: []http.Handler{sse(twoDeltas+stop, noCut)}, calls: 1, wantText: "Hello"},
		{name: "503 then a stream", script: []http.Handler{status(503, "Retry-After-Ms", "1"), sse(twoDeltas+stop, noCut)}, calls: 2, wantText: "Hello",
			waits: []time.Duration{time.Millisecond}},
		{name: "reset before headers then a stream", script: []http.Handler{resetBeforeHeaders, sse(twoDeltas+stop, noCut)}, calls: 2, wantText: "Hello",
			waits: []time.Duration{backoff}},
		{name: "cut mid-event", script: []http.Handler{sse(twoDeltas, closeConn)}, calls: 1, wantText: "Hello",
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, io.ErrUnexpectedEOF) }},
		{name: "reset mid-event", script: []http.Handler{sse(twoDeltas, resetConn)}, calls: 1, wantText: "Hello",
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, syscall.ECONNRESET) }},
		{name: "error event", script: []http.Handler{sse(twoDeltas+"event: error\ndata: {\"detail\":\"agent crashed\"}\n\n", noCut)}, calls: 1, wantText: "Hello",
			wantErr: func(t *testing.T, err error) { assert.ErrorContains(t, err, "agent crashed") }},
		{name: "404", script: []http.Handler{status(404)}, calls: 1,
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, llamacloud.ErrNotFound) }},
		{name: "invalid JSON in an event", script: []http.Handler{sse(twoDeltas+"event: message\ndata: {\"type\":\n\n", noCut)}, calls: 1, wantText: "Hello",
			wantErr: func(t *testing.T, err error) { assert.ErrorContains(t, err, "decode stream event") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := testserver.New(t, tc.script...)
			var waits testserver.Sleeps
			c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), waits.Option())
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			t.Cleanup(cancel)
			turn, err := beta.AccumulateChat(c.Beta.Chat.Stream(ctx, "s1", beta.ChatStreamParams{IndexIDs: []string{"i"}, Prompt: "hi"}))
			require.NotNil(t, turn)
			assert.Equal(t, tc.wantText, turn.Text())
			assert.Len(t, srv.Requests(), tc.calls, "requests made")
			assert.Equal(t, tc.waits, waits.Delays(), "retry waits")
			if tc.wantErr == nil {
				require.NoError(t, err)
				require.NotNil(t, turn.Stop)
				return
			}
			require.Error(t, err)
			tc.wantErr(t, err)
		})
	}
}

func TestBrokenResponsesAreErrors(t *testing.T) {
	t.Parallel()
	noResponse := func(*http.Request) (*http.Response, error) { return nil, nil }
	nilBody := func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}}, nil
	}
	for _, tc := range []struct {
		name string
		opts []option.RequestOption
		want string
	}{
		{"client: no response, no error", []option.RequestOption{option.WithHTTPClient(doerFunc(noResponse))},
			"the HTTP client returned no response and no error"},
		{"client: nil body", []option.RequestOption{option.WithHTTPClient(doerFunc(nilBody))},
			"the HTTP client returned a 200 response with a nil Body"},
		{"middleware: no response, no error", []option.RequestOption{option.WithMiddleware(
			func(r *http.Request, _ option.MiddlewareNext) (*http.Response, error) { return noResponse(r) })},
			"a middleware returned no response and no error"},
		{"middleware: nil body", []option.RequestOption{option.WithMiddleware(
			func(r *http.Request, _ option.MiddlewareNext) (*http.Response, error) { return nilBody(r) })},
			"a middleware returned a 200 response with a nil Body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			count := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
				calls.Add(1)
				return next(r)
			})
			c := llamacloud.NewClient(append([]option.RequestOption{option.WithBaseURL("http://127.0.0.1:9"),
				option.WithAPIKey("k"), count}, tc.opts...)...)
			d, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
			assert.Nil(t, d)
			assert.ErrorContains(t, err, tc.want)
			assert.Equal(t, int32(1), calls.Load(), "not retried")
			stream := c.Beta.Chat.Stream(context.Background(), "s", beta.ChatStreamParams{Prompt: "hi"})
			assert.False(t, stream.Next())
			assert.ErrorContains(t, stream.Err(), tc.want)
		})
	}
}

// TestDeclaredLengthIsNotTrusted checks that a response announcing 256 MiB and sending ten
// bytes costs memory for what arrived. Not parallel: it measures the bytes allocated.
func TestDeclaredLengthIsNotTrusted(t *testing.T) {
	srv := testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = io.WriteString(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 268435455\r\n\r\n{\"id\":\"d\"")
		_ = buf.Flush()
		conn.Close()
	}))
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	runtime.ReadMemStats(&after)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Len(t, srv.Requests(), 1)
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(4<<20), "%d bytes allocated for a 10-byte body", allocated)
}

// TestRequestTimeoutBoundsStreams checks what the README says: a client-wide
// option.WithRequestTimeout bounds a whole stream, not only its start.
func TestRequestTimeoutBoundsStreams(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Hel\"}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
	}))
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithRequestTimeout(300*time.Millisecond))
	start := time.Now()
	turn, err := beta.AccumulateChat(c.Beta.Chat.Stream(context.Background(), "s1", beta.ChatStreamParams{Prompt: "hi"}))
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, turn)
	assert.Equal(t, "Hel", turn.Text())
	assert.Less(t, time.Since(start), 10*time.Second)
}
