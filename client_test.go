package llamacloud_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const secretKey = "sk-very-secret-123"

func TestErrorKindsAndMessages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status  int
		body    string
		want    error
		message string
	}{
		{400, `{"detail":"bad name"}`, llamacloud.ErrBadRequest, "bad name"},
		{401, `{"detail":"Invalid API key"}`, llamacloud.ErrUnauthorized, "Invalid API key"},
		{403, `{"detail":"forbidden"}`, llamacloud.ErrForbidden, "forbidden"},
		{404, `{"detail":"Directory not found"}`, llamacloud.ErrNotFound, "Directory not found"},
		{409, `{"detail":"exists"}`, llamacloud.ErrConflict, "exists"},
		{422, `{"detail":[{"loc":["body","name"],"msg":"Field required","type":"missing"},{"loc":["query","page_size"],"msg":"must be positive","type":"value_error"}]}`,
			llamacloud.ErrUnprocessable, "body.name: Field required; query.page_size: must be positive"},
		{429, `{"detail":"slow down"}`, llamacloud.ErrRateLimited, "slow down"},
		{500, `not json`, llamacloud.ErrServer, "not json"},
		{503, `{}`, llamacloud.ErrServer, "Service Unavailable"},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			t.Parallel()
			srv := testserver.New(t, testserver.Reply{Status: tc.status, Header: map[string]string{"X-Should-Retry": "false"}, Body: []byte(tc.body)})
			c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(secretKey))
			_, err := c.Beta.Directories.Get(context.Background(), "a/b", beta.DirectoryGetParams{})
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			var apiErr *llamacloud.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.message, apiErr.Message)
			assert.Equal(t, tc.body, apiErr.RawJSON())
			assert.Contains(t, err.Error(), fmt.Sprintf("GET %q: %d", srv.URL+"/api/v1/beta/directories/a%2Fb", tc.status))
			for _, other := range []error{llamacloud.ErrBadRequest, llamacloud.ErrNotFound, llamacloud.ErrServer} {
				if other != tc.want {
					assert.NotErrorIs(t, err, other)
				}
			}
			dumpReq := string(apiErr.DumpRequest(true))
			assert.Contains(t, dumpReq, "GET "+testserver.Prefix+"/api/v1/beta/directories/a%2Fb HTTP/1.1")
			assert.Contains(t, dumpReq, "Authorization: REDACTED")
			dumpResp := string(apiErr.DumpResponse(true))
			assert.Contains(t, dumpResp, fmt.Sprintf("HTTP/1.1 %d", tc.status))
			assert.Contains(t, dumpResp, tc.body)
			for _, s := range []string{err.Error(), dumpReq, dumpResp, fmt.Sprintf("%+v", apiErr.Request.Header)} {
				assert.NotContains(t, s, secretKey)
			}
		})
	}
}

func TestLoggerNeverPrintsKey(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, status(503, "Retry-After-Ms", "1"))
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(secretKey), option.WithLogger(logger))
	_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.ErrorIs(t, err, llamacloud.ErrServer)
	out := buf.String()
	assert.Equal(t, 3, strings.Count(out, "llamacloud: request"), out)
	assert.Equal(t, 2, strings.Count(out, "llamacloud: retrying request"), out)
	assert.Contains(t, out, "status=503")
	assert.Contains(t, out, "Authorization=REDACTED")
	assert.NotContains(t, out, secretKey)

	var jbuf bytes.Buffer
	jlogger := slog.New(slog.NewJSONHandler(&jbuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, _ = c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{}, option.WithLogger(jlogger), option.WithMaxRetries(0))
	assert.Contains(t, jbuf.String(), `"Authorization":"REDACTED"`)
	assert.NotContains(t, jbuf.String(), secretKey)
}

func TestClientFormattingHidesKey(t *testing.T) {
	t.Parallel()
	c := llamacloud.NewClient(option.WithAPIKey(secretKey))
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, c), secretKey, verb)
		assert.NotContains(t, fmt.Sprintf(verb, *c), secretKey, verb)
		assert.NotContains(t, fmt.Sprintf(verb, c.Beta.Directories), secretKey, verb)
	}
}

func TestEnvironmentDefaults(t *testing.T) {
	srv := testserver.New(t, testserver.Reply{Body: []byte(`{"id":"d"}`)})
	t.Setenv("LLAMA_CLOUD_API_KEY", "")
	t.Setenv("LLAMA_PARSE_API_KEY", "parse-key")
	t.Setenv("LLAMA_CLOUD_BASE_URL", srv.URL)
	d, err := llamacloud.NewClient().Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "d", d.ID)
	sent := srv.Next(t)
	assert.Equal(t, "/api/v1/beta/directories/d", sent.Path, "the base URL comes from the environment")
	assert.Equal(t, "Bearer parse-key", sent.Header.Get("Authorization"))
	assert.True(t, strings.HasPrefix(sent.Header.Get("User-Agent"), "LlamaCloud/Go "), sent.Header.Get("User-Agent"))

	t.Setenv("LLAMA_CLOUD_API_KEY", "cloud-key")
	_, err = llamacloud.NewClient().Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "Bearer cloud-key", srv.Next(t).Header.Get("Authorization"))
}

func TestBadOptionsAreCallErrors(t *testing.T) {
	t.Parallel()
	for name, opt := range map[string]option.RequestOption{
		"no scheme":        option.WithBaseURL("api.example.com"),
		"userinfo":         option.WithBaseURL("https://user:pw@api.example.com"),
		"negative retries": option.WithMaxRetries(-1),
		"negative timeout": option.WithRequestTimeout(-1),
	} {
		c := llamacloud.NewClient(option.WithAPIKey("k"), opt)
		_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
		assert.ErrorContains(t, err, "llamacloud:", name)
		assert.NotContains(t, err.Error(), "pw", name)
	}
}

func TestBaseURLPathPrefixIsKept(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, testserver.Reply{Body: []byte(`{"id":"d"}`)})
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL+"/proxy/llama/"), option.WithAPIKey("k"))
	_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "/proxy/llama/api/v1/beta/directories/d", srv.Next(t).Path, "below the server's own prefix")
}

func TestPlainHTTPToRemoteHostNeedsOptIn(t *testing.T) {
	t.Parallel()
	var sent bool
	c := llamacloud.NewClient(option.WithBaseURL("http://api.example.com"), option.WithAPIKey(secretKey),
		option.WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
			sent = true
			return nil, errors.New("unreachable")
		})))
	_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	assert.ErrorContains(t, err, "plain http")
	assert.False(t, sent)
	_, err = c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{}, option.WithInsecureHTTP(), option.WithMaxRetries(0))
	assert.ErrorContains(t, err, "unreachable")
	assert.True(t, sent)
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
