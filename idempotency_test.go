package llamacloud_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyServer answers the first attempt of every call (the first request with an X-Call value
// not seen before) with a 503 and the retry with body; keys returns each request's method
// and Idempotency-Key header values.
func keyServer(t *testing.T, body string) (c *llamacloud.Client, keys func() [][]string) {
	t.Helper()
	var mu sync.Mutex
	seen := map[string]bool{}
	srv := testserver.New(t, testserver.Func(func(r testserver.Request) testserver.Reply {
		call := r.Header.Get("X-Call")
		mu.Lock()
		retry := seen[call]
		seen[call] = true
		mu.Unlock()
		if !retry {
			return status(503, "Retry-After-Ms", "0")
		}
		return testserver.Reply{Body: []byte(body)}
	}))
	c = llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	return c, func() [][]string {
		var keys [][]string
		for _, r := range srv.Requests() {
			keys = append(keys, append([]string{r.Method}, r.Header.Values("Idempotency-Key")...))
		}
		return keys
	}
}

func TestEveryPOSTCarriesOneIdempotencyKeyPerCall(t *testing.T) {
	t.Parallel()
	c, keys := keyServer(t, directoryJSON)
	ctx := context.Background()
	for _, call := range []string{"a", "b"} {
		_, err := c.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "docs"}, option.WithHeader("X-Call", call))
		require.NoError(t, err)
	}
	_, err := c.Beta.Directories.Files.Upload(ctx, "d", beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(strings.NewReader("content"), "a.txt", "text/plain"),
	}, option.WithHeader("X-Call", "upload"))
	require.NoError(t, err)
	_, err = c.Beta.Directories.Get(ctx, "d", beta.DirectoryGetParams{}, option.WithHeader("X-Call", "get"))
	require.NoError(t, err)
	_, err = c.Beta.Directories.Update(ctx, "d", beta.DirectoryUpdateParams{Name: llamacloud.String("n")}, option.WithHeader("X-Call", "patch"))
	require.NoError(t, err)

	got := keys()
	require.Len(t, got, 10, "every call took two attempts")
	for i := 0; i < 6; i += 2 {
		first, retry := got[i], got[i+1]
		assert.Equal(t, "POST", first[0])
		require.Len(t, first, 2, "one Idempotency-Key on a POST")
		assert.True(t, strings.HasPrefix(first[1], "llamacloud-go-"), first[1])
		assert.Len(t, first[1], len("llamacloud-go-")+32)
		assert.Equal(t, first, retry, "the retry repeats the key")
	}
	assert.NotEqual(t, got[0][1], got[2][1], "each call has its own key")
	assert.NotEqual(t, got[2][1], got[4][1], "each call has its own key")
	assert.Equal(t, [][]string{{"GET"}, {"GET"}, {"PATCH"}, {"PATCH"}}, got[6:], "only POSTs carry a key")
}

func TestCallersIdempotencyKeyWins(t *testing.T) {
	t.Parallel()
	c, keys := keyServer(t, directoryJSON)
	_, err := c.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "docs"},
		option.WithHeader("idempotency-key", "order-7781"))
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"POST", "order-7781"}, {"POST", "order-7781"}}, keys())
}

func TestEachPageOfAPOSTListHasItsOwnKey(t *testing.T) {
	t.Parallel()
	srv, seen := wireServer(t, func(r wireRequest) string {
		if strings.Contains(r.body, `"page_token":"p2"`) {
			return `{"items":[{"id":"b","deployment_name":"x","collection":"c","data":{}}],"next_page_token":""}`
		}
		return `{"items":[{"id":"a","deployment_name":"x","collection":"c","data":{}}],"next_page_token":"p2"}`
	})
	c := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	var ids []string
	for item, err := range c.Beta.AgentData.SearchAutoPaging(context.Background(), beta.AgentDataSearchParams{DeploymentName: "x"}).All() {
		require.NoError(t, err)
		ids = append(ids, item.ID)
	}
	assert.Equal(t, []string{"a", "b"}, ids)
	reqs := seen()
	require.Len(t, reqs, 2)
	assert.NotEmpty(t, reqs[0].idempotencyKey)
	assert.NotEmpty(t, reqs[1].idempotencyKey)
	assert.NotEqual(t, reqs[0].idempotencyKey, reqs[1].idempotencyKey, "a page is a call of its own")
}
