package beta_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/require"
)

// testKey is the API key test clients send.
const testKey = "sk-test-key"

// newTestServer starts a testserver.Server answering with replies in turn (the last one
// repeats) and returns it with a client for it.
func newTestServer(t *testing.T, replies []testserver.Reply, opts ...option.RequestOption) (*llamacloud.Client, *testserver.Server) {
	t.Helper()
	script := make([]http.Handler, len(replies))
	for i, rep := range replies {
		script[i] = rep
	}
	srv := testserver.New(t, script...)
	return testClient(srv, opts...), srv
}

// testClient is a client for srv that sends testKey and does not retry unless opts say so.
func testClient(srv *testserver.Server, opts ...option.RequestOption) *llamacloud.Client {
	base := []option.RequestOption{
		option.WithBaseURL(srv.URL),
		option.WithAPIKey(testKey),
		option.WithMaxRetries(0),
	}
	return llamacloud.NewClient(append(base, opts...)...)
}

// okServer answers every request with 200 and body.
func okServer(t *testing.T, body []byte, opts ...option.RequestOption) (*llamacloud.Client, *testserver.Server) {
	t.Helper()
	return newTestServer(t, []testserver.Reply{{Body: body}}, opts...)
}

// golden reads testdata/<name>, an example response copied from the API reference.
func golden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// exampleTime is the timestamp of the reference's example responses.
var exampleTime = time.Date(2019, 12, 27, 18, 11, 19, 117000000, time.UTC)

// assertCommonHeaders checks the headers every request carries.
func assertCommonHeaders(t *testing.T, s testserver.Request) {
	t.Helper()
	require.Equal(t, "Bearer "+testKey, s.Header.Get("Authorization"))
	require.Regexp(t, `^LlamaCloud/Go \d+\.\d+\.\d+`, s.Header.Get("User-Agent"))
	if len(s.Body) > 0 {
		require.Equal(t, "application/json", s.Header.Get("Content-Type"))
	}
}
