package llamacloudtest_test

import (
	"io"
	"net/http"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// generator is an endless-looking body of n bytes made on the fly, counting what was read from it.
type generator struct {
	n    int64
	read atomic.Int64
}

func (g *generator) Read(p []byte) (int, error) {
	left := g.n - g.read.Load()
	if left <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), left)]
	for i := range p {
		p[i] = 'x'
	}
	g.read.Add(int64(len(p)))
	return len(p), nil
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestUnauthenticatedBodiesAreNotRead sends eight 100 MiB POSTs without a valid key: each is
// answered 401 with the connection closed, the client gets to send only what the socket buffers
// take, and neither the server's heap nor its request log keeps the bodies. Before the fix the
// server read each body whole and the log kept it: +800 MiB.
func TestUnauthenticatedBodiesAreNotRead(t *testing.T) {
	srv := start(t) // not parallel: the test measures the heap
	const size = 100 << 20
	client := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(client.CloseIdleConnections)
	before := heapInUse()
	var sent int64
	for i := range 8 {
		body := &generator{n: size}
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/beta/directories", body)
		require.NoError(t, err)
		req.ContentLength = size
		if i%2 == 1 {
			req.Header.Set("Authorization", "Bearer wrong")
		}
		resp, err := client.Do(req)
		require.NoError(t, err)
		data, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "%s", data)
		assert.Equal(t, "Bearer", resp.Header.Get("WWW-Authenticate"))
		assert.True(t, resp.Close, "the server closes the connection instead of reading the body")
		sent += body.read.Load()
	}
	growth := int64(heapInUse()) - int64(before)
	t.Logf("heap growth %d KiB; the client got to send %d KiB of 800 MiB", growth>>10, sent>>10)
	assert.Less(t, growth, int64(16<<20), "heap growth after eight unauthenticated 100 MiB bodies")
	assert.Less(t, sent, int64(8*size/4), "the server read (or let the client push) most of the bodies")

	reqs := srv.Requests()
	require.Len(t, reqs, 8)
	for _, r := range reqs {
		assert.Nil(t, r.Body)
		assert.Zero(t, r.BodySize)
		assert.Equal(t, "104857600", r.Header.Get("Content-Length"))
	}
	assert.Equal(t, "REDACTED", reqs[1].Header.Get("Authorization"))

	// A valid key is still served on a fresh connection.
	mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/beta/directories", `{"name":"after"}`)
}

// TestRecordedBodiesAreCapped checks that the request log keeps the first RecordBodyLimit bytes of
// a body and its full length, and that the copy does not alias the request's body.
func TestRecordedBodiesAreCapped(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dirID := newDir(t, srv, "big")
	content := make([]byte, 1<<20)
	for i := range content {
		content[i] = byte('a' + i%26)
	}
	r := upload(t, srv, dirID, "big.txt", content, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	rec := requestsTo(srv, http.MethodPost, "/api/v1/beta/directories/"+dirID+"/files/upload")
	require.Len(t, rec, 1)
	assert.Len(t, rec[0].Body, llamacloudtest.RecordBodyLimit)
	assert.Greater(t, rec[0].BodySize, int64(len(content)), "the multipart body holds the file and its headers")
	assert.Equal(t, int64(cap(rec[0].Body)), int64(llamacloudtest.RecordBodyLimit), "a copy of the prefix, not a slice of the whole body")
	assert.Contains(t, string(rec[0].Body), `filename="big.txt"`)
	assert.Contains(t, string(rec[0].Body), string(content[:1000]))

	small := srv.Requests()[0]
	assert.Equal(t, `{"name":"big"}`, string(small.Body))
	assert.EqualValues(t, len(small.Body), small.BodySize)
}

// TestRecordedHeadersRedactCredentials checks every credential header, not only Authorization.
func TestRecordedHeadersRedactCredentials(t *testing.T) {
	t.Parallel()
	srv := start(t)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/beta/directories", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	req.Header.Set("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
	req.Header.Set("Cookie", "session=secret")
	req.Header.Set("X-Api-Key", "llx-secret")
	req.Header.Set("X-Trace", "kept")
	require.Equal(t, http.StatusOK, doRequest(t, req).status)
	rec := srv.Requests()
	require.Len(t, rec, 1)
	for _, h := range []string{"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key"} {
		assert.Equal(t, []string{"REDACTED"}, rec[0].Header.Values(h), h)
	}
	assert.Equal(t, "kept", rec[0].Header.Get("X-Trace"))
}
