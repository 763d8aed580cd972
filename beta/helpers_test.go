package beta_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/require"
)

// testKey is the API key test clients send.
const testKey = "sk-test-key"

// seen is what a test server saw of one request.
type seen struct {
	Method string
	Path   string // escaped, without the base path prefix
	Query  url.Values
	Header http.Header
	Body   []byte
}

// reply is what a test server answers.
type reply struct {
	status int
	body   []byte
	header map[string]string
}

// newTestServer starts a loopback server under the base path /prefix that answers every
// request with the replies in turn (the last one repeats) and reports each request on the
// returned channel. The client has no retries unless opts add them.
func newTestServer(t *testing.T, replies []reply, opts ...option.RequestOption) (*llamacloud.Client, <-chan seen) {
	t.Helper()
	ch := make(chan seen, 64)
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		path := r.URL.EscapedPath()
		if len(path) >= len("/prefix") && path[:len("/prefix")] == "/prefix" {
			path = path[len("/prefix"):]
		} else {
			path = "MISSING PREFIX " + path
		}
		ch <- seen{Method: r.Method, Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
		rep := replies[min(n, len(replies)-1)]
		n++
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		if rep.body != nil {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(rep.status)
		_, _ = w.Write(rep.body)
	}))
	t.Cleanup(srv.Close)
	base := []option.RequestOption{
		option.WithBaseURL(srv.URL + "/prefix"),
		option.WithAPIKey(testKey),
		option.WithMaxRetries(0),
	}
	return llamacloud.NewClient(append(base, opts...)...), ch
}

// okServer answers every request with 200 and body.
func okServer(t *testing.T, body []byte, opts ...option.RequestOption) (*llamacloud.Client, <-chan seen) {
	return newTestServer(t, []reply{{status: 200, body: body}}, opts...)
}

// golden reads testdata/<name>, an example response copied from the API reference.
func golden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// fullSize reports whether LLAMACLOUD_FULL_SIZE=1 asks the memory tests for the sizes the
// benchmarks use instead of the smaller ones of a plain `go test`, which check the same bounds.
func fullSize() bool { return os.Getenv("LLAMACLOUD_FULL_SIZE") == "1" }

// exampleTime is the timestamp of the reference's example responses.
var exampleTime = time.Date(2019, 12, 27, 18, 11, 19, 117000000, time.UTC)

// next receives the request a test server saw, failing the test if none came.
func next(t *testing.T, ch <-chan seen) seen {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("the server saw no request")
		return seen{}
	}
}

// assertCommonHeaders checks the headers every request carries.
func assertCommonHeaders(t *testing.T, s seen) {
	t.Helper()
	require.Equal(t, "Bearer "+testKey, s.Header.Get("Authorization"))
	require.Regexp(t, `^LlamaCloud/Go \d+\.\d+\.\d+`, s.Header.Get("User-Agent"))
	if len(s.Body) > 0 {
		require.Equal(t, "application/json", s.Header.Get("Content-Type"))
	}
}
