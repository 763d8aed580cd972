package beta_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// part is one multipart part a test server received.
type part struct {
	field, filename, contentType, content string
}

func parseParts(t *testing.T, s testserver.Request) []part {
	t.Helper()
	mt, params, err := mime.ParseMediaType(s.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	r := multipart.NewReader(bytes.NewReader(s.Body), params["boundary"])
	var parts []part
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return parts
		}
		require.NoError(t, err)
		b, err := io.ReadAll(p)
		require.NoError(t, err)
		parts = append(parts, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
	}
}

func TestDirectoryFileUpload(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directory_files/upload.json"))
	f, err := client.Beta.Directories.Files.Upload(context.Background(), "dir_1", beta.DirectoryFileUploadParams{
		UploadFile:     llamacloud.File(strings.NewReader("hello, world"), `q"3.txt`, "text/plain"),
		DisplayName:    llamacloud.String("Q3"),
		ExternalFileID: llamacloud.String("ext-1"),
		Metadata:       map[string]any{"year": 2024},
		UniqueID:       llamacloud.String("u-1"),
		ProjectID:      llamacloud.String("p"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1/files/upload", s.Path)
	assert.Equal(t, "p", s.Query.Get("project_id"))
	assert.Equal(t, "Bearer "+testKey, s.Header.Get("Authorization"))
	assert.Equal(t, []part{
		{field: "display_name", content: "Q3"},
		{field: "external_file_id", content: "ext-1"},
		{field: "metadata", content: `{"year":2024}`},
		{field: "unique_id", content: "u-1"},
		{field: "upload_file", filename: `q"3.txt`, contentType: "text/plain", content: "hello, world"},
	}, parseParts(t, s))
	assertExampleFile(t, *f)
}

func TestDirectoryFileUploadNameFromOSFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "notes.md")
	require.NoError(t, os.WriteFile(path, []byte("# notes"), 0o600))
	file, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { file.Close() })
	client, reqs := okServer(t, golden(t, "directory_files/upload.json"))
	_, err = client.Beta.Directories.Files.Upload(context.Background(), "dir_1", beta.DirectoryFileUploadParams{UploadFile: file})
	require.NoError(t, err)
	parts := parseParts(t, reqs.Next(t))
	require.Len(t, parts, 1)
	assert.Equal(t, "notes.md", parts[0].filename)
	assert.Equal(t, "text/markdown; charset=utf-8", parts[0].contentType)
	assert.Equal(t, "# notes", parts[0].content)
}

func TestDirectoryFileUploadNilReader(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directory_files/upload.json"))
	_, err := client.Beta.Directories.Files.Upload(context.Background(), "dir_1", beta.DirectoryFileUploadParams{})
	require.ErrorContains(t, err, "UploadFile is nil")
	assert.Empty(t, reqs.Unread())
}

func TestDirectoryFileUploadRetriesSeekerOnly(t *testing.T) {
	t.Parallel()
	replies := []testserver.Reply{{Status: 503, Header: map[string]string{"Retry-After-Ms": "0"}}, {Body: golden(t, "directory_files/upload.json")}}

	// A seekable body is rewound and sent again in full.
	client, reqs := newTestServer(t, replies, option.WithMaxRetries(2))
	_, err := client.Beta.Directories.Files.Upload(context.Background(), "d", beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(bytes.NewReader([]byte("seekable")), "a.bin", ""),
	})
	require.NoError(t, err)
	first, second := parseParts(t, reqs.Next(t)), parseParts(t, reqs.Next(t))
	assert.Equal(t, "seekable", first[0].content)
	assert.Equal(t, first, second)
	assert.Equal(t, "application/octet-stream", first[0].contentType)

	// A plain reader whose bytes were sent is not sent again: the 503 is returned.
	client, reqs = newTestServer(t, replies, option.WithMaxRetries(2))
	_, err = client.Beta.Directories.Files.Upload(context.Background(), "d", beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(io.MultiReader(strings.NewReader("once")), "a.bin", ""),
	})
	assert.ErrorIs(t, err, llamacloud.ErrServer)
	assert.Len(t, reqs.Unread(), 1)
}

// genReader yields n bytes of a repeating pattern without holding them.
type genReader struct{ left int64 }

func (g *genReader) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > g.left {
		n = g.left
	}
	for i := range p[:n] {
		p[i] = byte('a' + i%26)
	}
	g.left -= n
	return int(n), nil
}

// TestDirectoryFileUploadStreamsWithBoundedMemory uploads 32 MiB (256 MiB with
// LLAMACLOUD_FULL_SIZE=1) and checks the heap grows by less than a quarter of that (at most
// 32 MiB): a body buffered whole would show all of it.
func TestDirectoryFileUploadStreamsWithBoundedMemory(t *testing.T) {
	size := int64(32 << 20)
	if testmain.FullSize() {
		size = 256 << 20
	}
	bound := min(size/4, 32<<20)
	var received atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		if err != nil {
			w.WriteHeader(400)
			return
		}
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			n, _ := io.Copy(io.Discard, p)
			received.Add(n)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"df_1","directory_id":"d","display_name":"big","project_id":"p","unique_id":"big"}`))
	}))
	t.Cleanup(srv.Close)
	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(testKey))

	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	f, err := client.Beta.Directories.Files.Upload(context.Background(), "d", beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(&genReader{left: size}, "big.bin", ""),
	})
	close(done)
	wg.Wait()
	require.NoError(t, err)
	assert.Equal(t, "df_1", f.ID)
	assert.Equal(t, size, received.Load())
	growth := int64(peak.Load()) - int64(base.HeapInuse)
	t.Logf("heap in use: base %d MiB, peak %d MiB, growth %d MiB", base.HeapInuse>>20, peak.Load()>>20, growth>>20)
	assert.Less(t, growth, bound, "heap grew by %d bytes during a %d-byte upload", growth, size)
}
