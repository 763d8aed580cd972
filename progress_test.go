package llamacloud_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgressReaderCountsEveryByte(t *testing.T) {
	t.Parallel()
	var sent []int64
	r := llamacloud.ProgressReader(iotest.HalfReader(strings.NewReader("0123456789")), func(n int64) { sent = append(sent, n) })
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "0123456789", string(b))
	require.NotEmpty(t, sent)
	assert.Equal(t, int64(10), sent[len(sent)-1])
	assert.IsIncreasing(t, sent, "one call per read that returned bytes, with the running total")
	_, isSeeker := r.(io.Seeker)
	assert.False(t, isSeeker, "a half reader cannot seek, so neither can its wrapper")

	// A nil fn only counts.
	b, err = io.ReadAll(llamacloud.ProgressReader(strings.NewReader("abc"), nil))
	require.NoError(t, err)
	assert.Equal(t, "abc", string(b))
}

func TestProgressReaderKeepsFileDetails(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "notes.md")
	require.NoError(t, os.WriteFile(path, []byte("# notes"), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })

	type details interface {
		Name() string
		Filename() string
		ContentType() string
	}
	r, ok := llamacloud.ProgressReader(f, nil).(details)
	require.True(t, ok)
	assert.Equal(t, path, r.Name())
	assert.Empty(t, r.Filename())
	assert.Empty(t, r.ContentType())
	_, isSeeker := r.(io.Seeker)
	assert.True(t, isSeeker)

	r, ok = llamacloud.ProgressReader(llamacloud.File(strings.NewReader("a,b"), "t.csv", "text/csv"), nil).(details)
	require.True(t, ok)
	assert.Empty(t, r.Name())
	assert.Equal(t, "t.csv", r.Filename())
	assert.Equal(t, "text/csv", r.ContentType())
}

func TestProgressReaderSeekRestartsTheCount(t *testing.T) {
	t.Parallel()
	var last int64
	r := llamacloud.ProgressReader(strings.NewReader("0123456789"), func(n int64) { last = n })
	s := r.(io.ReadSeeker)
	buf := make([]byte, 4)
	_, err := io.ReadFull(s, buf)
	require.NoError(t, err)
	assert.Equal(t, int64(4), last)
	pos, err := s.Seek(0, io.SeekCurrent)
	require.NoError(t, err)
	assert.Equal(t, int64(4), pos)
	_, err = io.ReadFull(s, buf[:2])
	require.NoError(t, err)
	assert.Equal(t, int64(6), last, "asking for the position is no move")

	_, err = s.Seek(0, io.SeekStart)
	require.NoError(t, err)
	_, err = io.ReadFull(s, buf[:3])
	require.NoError(t, err)
	assert.Equal(t, int64(3), last, "a rewind counts from 0")
	assert.Equal(t, "012", string(buf[:3]))
}

// A retried upload through a ProgressReader is rewound and sends its whole content again,
// with its file name and content type, and the progress starts again from 0.
func TestProgressReaderUploadRetried(t *testing.T) {
	t.Parallel()
	content := strings.Repeat("lorem ipsum ", 10_000)
	srv := testserver.New(t,
		testserver.Reply{Status: http.StatusServiceUnavailable, Header: map[string]string{"Retry-After-Ms": "0"}, Body: []byte(`{"detail":"busy"}`)},
		testserver.Reply{Body: []byte(`{"id":"df_1","display_name":"lorem.txt"}`)},
	)
	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxRetries(1))

	var mu sync.Mutex
	var sent []int64
	body := llamacloud.ProgressReader(llamacloud.File(strings.NewReader(content), "lorem.txt", "text/plain"), func(n int64) {
		mu.Lock()
		sent = append(sent, n)
		mu.Unlock()
	})
	df, err := client.Beta.Directories.Files.Upload(context.Background(), "dir_1", beta.DirectoryFileUploadParams{UploadFile: body})
	require.NoError(t, err)
	assert.Equal(t, "df_1", df.ID)

	type part struct{ body, fileName, contentType string }
	attempts := srv.Requests()
	require.Len(t, attempts, 2)
	for _, r := range attempts {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		require.NoError(t, err)
		mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
		var got part
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if p.FormName() == "upload_file" {
				b, _ := io.ReadAll(p)
				got = part{string(b), p.FileName(), p.Header.Get("Content-Type")}
			}
		}
		assert.Equal(t, part{content, "lorem.txt", "text/plain"}, got, "each attempt sends the whole file")
	}
	mu.Lock()
	defer mu.Unlock()
	total := int64(len(content))
	require.NotEmpty(t, sent)
	assert.Equal(t, total, sent[len(sent)-1])
	restarts := 0
	for i := 1; i < len(sent); i++ {
		if sent[i] <= sent[i-1] {
			restarts++
			assert.Equal(t, total, sent[i-1], "the count restarts only after a whole attempt")
		}
		assert.LessOrEqual(t, sent[i], total, "never past the file's size")
	}
	assert.Equal(t, 1, restarts, "one rewind for the one retry")
}

func ExampleProgressReader() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "reports"})
	if err != nil {
		fmt.Println(err)
		return
	}

	content := strings.Repeat("Quarterly revenue grew 18%.\n", 1000)
	var sent int64 // a progress bar would redraw itself here
	body := llamacloud.ProgressReader(llamacloud.File(strings.NewReader(content), "q3.txt", "text/plain"),
		func(n int64) { sent = n })
	file, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{UploadFile: body})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(file.DisplayName, sent, "of", len(content), "bytes")
	// Output:
	// q3.txt 28000 of 28000 bytes
}
