package beta_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const uploadSuffix = "/files/upload"

// uploadPart is the multipart upload a server received.
type uploadPart struct {
	fields                map[string]string
	fileName, contentType string
	content               string
}

// parseUpload reads a recorded multipart upload.
func parseUpload(t *testing.T, contentType string, body []byte) uploadPart {
	t.Helper()
	_, params, err := mime.ParseMediaType(contentType)
	require.NoError(t, err)
	mr := multipart.NewReader(strings.NewReader(string(body)), params["boundary"])
	got := uploadPart{fields: map[string]string{}}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return got
		}
		require.NoError(t, err)
		b, err := io.ReadAll(p)
		require.NoError(t, err)
		if p.FormName() == "upload_file" {
			got.fileName, got.contentType, got.content = p.FileName(), p.Header.Get("Content-Type"), string(b)
		} else {
			got.fields[p.FormName()] = string(b)
		}
	}
}

// requestsTo counts a server's recorded requests by method and path suffix.
func requestsTo(srv *llamacloudtest.Server, method, suffix string) []llamacloudtest.RecordedRequest {
	var out []llamacloudtest.RecordedRequest
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			out = append(out, r)
		}
	}
	return out
}

// newDirectory makes a directory on srv.
func newDirectory(t *testing.T, srv *llamacloudtest.Server) string {
	t.Helper()
	dir, err := srv.Client().Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "uploads"})
	require.NoError(t, err)
	srv.ClearRequests()
	return dir.ID
}

// manyFiles is a file system of n small files, f000.txt and on.
func manyFiles(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := range n {
		fsys[fmt.Sprintf("f%03d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("file %d", i))}
	}
	return fsys
}

func paths(files []beta.DirectoryFile) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.UniqueID
	}
	return out
}

func TestUploadFSUploadsTheTreeThenSkipsItOnARerun(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	client := srv.Client()
	dirID := newDirectory(t, srv)
	fsys := fstest.MapFS{
		"a.txt":              {Data: []byte("alpha")},
		"docs/b.md":          {Data: []byte("# bravo")},
		"docs/deep/c.csv":    {Data: []byte("x,y\n1,2\n")},
		"docs/link":          {Data: []byte("a.txt"), Mode: fs.ModeSymlink},
		"node_modules/x.js":  {Data: []byte("ignored")},
		"docs/skip-me.draft": {Data: []byte("ignored too")},
	}
	params := beta.DirectoryFileUploadFSParams{
		Include: func(p string, d fs.DirEntry) bool {
			assert.True(t, d.Type().IsRegular(), "Include sees files only: %s", p)
			return !strings.HasPrefix(p, "node_modules/") && !strings.HasSuffix(p, ".draft")
		},
		Metadata: func(p string) map[string]any {
			return map[string]any{"source": "test", "depth": float64(strings.Count(p, "/"))}
		},
	}
	var progress []beta.UploadProgress
	params.Progress = func(p beta.UploadProgress) { progress = append(progress, p) }

	res, err := client.Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, params)
	require.NoError(t, err)
	want := []string{"a.txt", "docs/b.md", "docs/deep/c.csv"}
	assert.Equal(t, want, paths(res.Uploaded), "walk order; the symlink and the excluded files are left out")
	assert.Empty(t, res.Skipped)
	assert.Empty(t, res.Failed)
	assert.Empty(t, res.NotStarted)
	assert.Equal(t, int64(len("alpha")+len("# bravo")+len("x,y\n1,2\n")), res.Bytes)
	for _, f := range res.Uploaded {
		assert.Equal(t, f.UniqueID, f.DisplayName)
		assert.Equal(t, dirID, f.DirectoryID)
		assert.Equal(t, "test", f.Metadata["source"])
	}

	// On the wire: one listing, then one streamed upload per file with its path as
	// unique ID and display name, its base name and extension's type on the file part.
	lists := requestsTo(srv, http.MethodGet, "/directories/"+dirID+"/files")
	assert.Len(t, lists, 1)
	uploads := requestsTo(srv, http.MethodPost, uploadSuffix)
	require.Len(t, uploads, 3)
	byPath := map[string]uploadPart{}
	for _, r := range uploads {
		p := parseUpload(t, r.Header.Get("Content-Type"), r.Body)
		byPath[p.fields["unique_id"]] = p
	}
	for path, wantType := range map[string]string{"a.txt": "text/plain", "docs/b.md": "text/markdown", "docs/deep/c.csv": "text/csv"} {
		p := byPath[path]
		assert.Equal(t, path, p.fields["display_name"])
		assert.Equal(t, string(fsys[path].Data), p.content)
		assert.Equal(t, path[strings.LastIndex(path, "/")+1:], p.fileName)
		assert.True(t, strings.HasPrefix(p.contentType, wantType), "%s: %s", path, p.contentType)
		assert.JSONEq(t, fmt.Sprintf(`{"source":"test","depth":%d}`, strings.Count(path, "/")), p.fields["metadata"])
	}
	keys := map[string]bool{}
	for _, r := range uploads {
		require.NotEmpty(t, r.Header.Get("Idempotency-Key"))
		keys[r.Header.Get("Idempotency-Key")] = true
	}
	assert.Len(t, keys, 3, "one idempotency key per file")

	require.Len(t, progress, 3)
	for i, p := range progress {
		assert.Equal(t, i+1, p.Done)
		assert.Equal(t, 3, p.Total)
		assert.NoError(t, p.Err)
		assert.False(t, p.Skipped)
		require.NotNil(t, p.File)
		assert.Equal(t, p.Path, p.File.UniqueID)
		assert.Equal(t, int64(len(fsys[p.Path].Data)), p.Size)
	}
	assert.Equal(t, res.Bytes, progress[2].BytesDone)

	// A re-run lists once and uploads nothing.
	srv.ClearRequests()
	progress = nil
	again, err := client.Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, params)
	require.NoError(t, err)
	assert.Empty(t, again.Uploaded)
	assert.Equal(t, want, paths(again.Skipped))
	for i := range want {
		assert.Equal(t, res.Uploaded[i].ID, again.Skipped[i].ID, "the existing record is returned")
	}
	assert.Zero(t, again.Bytes)
	assert.Len(t, srv.Requests(), 1, "one listing, no upload")
	require.Len(t, progress, 3)
	for i, p := range progress {
		assert.Equal(t, beta.UploadProgress{Path: want[i], Done: i + 1, Total: 3, Skipped: true, File: &again.Skipped[i], Size: int64(len(fsys[want[i]].Data))}, p)
	}
}

func TestUploadFSListsEveryPageOnce(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	dirID := newDirectory(t, srv)
	fsys := manyFiles(120) // more than two pages of the default page size (50)
	res, err := srv.Client().Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, beta.DirectoryFileUploadFSParams{Concurrency: 8})
	require.NoError(t, err)
	require.Len(t, res.Uploaded, 120)

	fsys["new.txt"] = &fstest.MapFile{Data: []byte("new")}
	srv.ClearRequests()
	res, err = srv.Client().Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, beta.DirectoryFileUploadFSParams{})
	require.NoError(t, err)
	assert.Equal(t, []string{"new.txt"}, paths(res.Uploaded))
	assert.Len(t, res.Skipped, 120)
	assert.Len(t, requestsTo(srv, http.MethodGet, "/files"), 3, "one walk over the listing's three pages")
	assert.Len(t, requestsTo(srv, http.MethodPost, uploadSuffix), 1)
}

// gatedServer wraps srv so that uploads wait until limit of them are in flight at once,
// recording the most ever in flight. An SDK that keeps fewer in flight never opens the gate
// (the test's context ends it); one that keeps more shows it in the maximum.
type gatedServer struct {
	mu           sync.Mutex
	inFlight     int
	max          int
	limit        int
	full         chan struct{}
	once         sync.Once
	uploadsTotal int
}

func (g *gatedServer) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, uploadSuffix) {
			next.ServeHTTP(w, r)
			return
		}
		g.mu.Lock()
		g.inFlight++
		g.uploadsTotal++
		g.max = max(g.max, g.inFlight)
		if g.inFlight == g.limit {
			g.once.Do(func() { close(g.full) })
		}
		g.mu.Unlock()
		select {
		case <-g.full:
			next.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
		g.mu.Lock()
		g.inFlight--
		g.mu.Unlock()
	})
}

func TestUploadFSConcurrencyBoundSeenByTheServer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		concurrency, want int
	}{{0, beta.DefaultUploadConcurrency}, {3, 3}, {1, 1}} {
		t.Run(fmt.Sprint(tc.concurrency), func(t *testing.T) {
			t.Parallel()
			fake := llamacloudtest.NewServer()
			t.Cleanup(fake.Close)
			gate := &gatedServer{limit: tc.want, full: make(chan struct{})}
			srv := httptest.NewServer(gate.handler(fake.Handler()))
			t.Cleanup(srv.Close)
			client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(fake.APIKey))
			dirID := newDirectory(t, fake)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			t.Cleanup(cancel)

			res, err := client.Beta.Directories.Files.UploadFS(ctx, dirID, manyFiles(10), beta.DirectoryFileUploadFSParams{Concurrency: tc.concurrency})
			require.NoError(t, err)
			assert.Len(t, res.Uploaded, 10)
			gate.mu.Lock()
			defer gate.mu.Unlock()
			assert.Equal(t, tc.want, gate.max, "never more than Concurrency uploads in flight, and that many reached")
			assert.Equal(t, 10, gate.uploadsTotal)
		})
	}
}

func TestUploadFSOneFileTooLarge(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithMaxUploadSize(64))
	t.Cleanup(srv.Close)
	dirID := newDirectory(t, srv)
	fsys := manyFiles(5)
	fsys["f002.txt"].Data = []byte(strings.Repeat("x", 65))
	var failedProgress []beta.UploadProgress
	res, err := srv.Client().Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, beta.DirectoryFileUploadFSParams{
		Progress: func(p beta.UploadProgress) {
			if p.Err != nil {
				failedProgress = append(failedProgress, p)
			}
		},
	})
	require.Error(t, err)
	assert.Equal(t, []string{"f000.txt", "f001.txt", "f003.txt", "f004.txt"}, paths(res.Uploaded), "the others succeed")
	require.Len(t, res.Failed, 1)
	assert.Equal(t, "f002.txt", res.Failed[0].Path)
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr, "the failures' errors are wrapped")
	assert.Equal(t, http.StatusRequestEntityTooLarge, apiErr.StatusCode)
	assert.Same(t, apiErr, errorAs(t, res.Failed[0].Err))
	assert.Contains(t, err.Error(), fmt.Sprintf(`llamacloud: upload to directory %q: 1 of 5 files failed; f002.txt: `, dirID))
	assert.Equal(t, 1, strings.Count(err.Error(), "llamacloud:"), err.Error())
	require.Len(t, failedProgress, 1)
	assert.Equal(t, "f002.txt", failedProgress[0].Path)
	assert.Nil(t, failedProgress[0].File)
	assert.Len(t, requestsTo(srv, http.MethodPost, uploadSuffix), 5, "a 413 is not retried")

	// The re-run uploads only the file that failed (still too large).
	srv.ClearRequests()
	res, err = srv.Client().Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, beta.DirectoryFileUploadFSParams{})
	require.Error(t, err)
	assert.Len(t, res.Skipped, 4)
	assert.Len(t, requestsTo(srv, http.MethodPost, uploadSuffix), 1)
}

func errorAs(t *testing.T, err error) *llamacloud.Error {
	t.Helper()
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr)
	return apiErr
}

func TestUploadFSRetriesAFileAndRewindsIt(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	dirID := newDirectory(t, srv)
	srv.FailNext(1, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Path: "/api/v1/beta/directories/" + dirID + uploadSuffix})
	fsys := fstest.MapFS{"only.txt": {Data: []byte(strings.Repeat("retry me ", 1000))}}

	res, err := srv.Client().Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, beta.DirectoryFileUploadFSParams{})
	require.NoError(t, err)
	assert.Equal(t, []string{"only.txt"}, paths(res.Uploaded))
	uploads := requestsTo(srv, http.MethodPost, uploadSuffix)
	require.Len(t, uploads, 2, "the 503 is retried")
	for _, r := range uploads {
		assert.Equal(t, string(fsys["only.txt"].Data), parseUpload(t, r.Header.Get("Content-Type"), r.Body).content, "each attempt sends the whole file")
	}
	require.NotEmpty(t, uploads[0].Header.Get("Idempotency-Key"))
	assert.Equal(t, uploads[0].Header.Get("Idempotency-Key"), uploads[1].Header.Get("Idempotency-Key"), "the retry keeps the file's key")
	page, err := srv.Client().Beta.Directories.Files.List(context.Background(), dirID, beta.DirectoryFileListParams{})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
}

func TestUploadFSCancelledFromProgressStartsNothingMore(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	dirID := newDirectory(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var done []int
	res, err := srv.Client().Beta.Directories.Files.UploadFS(ctx, dirID, manyFiles(6), beta.DirectoryFileUploadFSParams{
		Concurrency: 1,
		Progress: func(p beta.UploadProgress) {
			done = append(done, p.Done)
			if p.Done == 2 {
				cancel()
			}
		},
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []string{"f000.txt", "f001.txt"}, paths(res.Uploaded))
	assert.Empty(t, res.Failed)
	assert.Equal(t, []string{"f002.txt", "f003.txt", "f004.txt", "f005.txt"}, res.NotStarted)
	assert.Equal(t, []int{1, 2}, done)
	assert.Len(t, requestsTo(srv, http.MethodPost, uploadSuffix), 2, "no upload after the cancel")
	assert.Contains(t, err.Error(), "0 of 6 files failed, 4 not started (context canceled)")
}

func TestUploadFSCancelledDuringAnUpload(t *testing.T) {
	t.Parallel()
	fake := llamacloudtest.NewServer()
	t.Cleanup(fake.Close)
	arrived := make(chan struct{}, 1)
	var mu sync.Mutex
	uploads := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, uploadSuffix) {
			mu.Lock()
			uploads++
			n := uploads
			mu.Unlock()
			if n == 2 { // the second upload hangs until the client gives up
				_, _ = io.Copy(io.Discard, r.Body) // then the server sees the client go
				arrived <- struct{}{}
				<-r.Context().Done()
				return
			}
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey(fake.APIKey))
	dirID := newDirectory(t, fake)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		<-arrived
		cancel()
	}()

	res, err := client.Beta.Directories.Files.UploadFS(ctx, dirID, manyFiles(5), beta.DirectoryFileUploadFSParams{Concurrency: 1})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []string{"f000.txt"}, paths(res.Uploaded))
	require.Len(t, res.Failed, 1)
	assert.Equal(t, "f001.txt", res.Failed[0].Path)
	assert.ErrorIs(t, res.Failed[0].Err, context.Canceled)
	assert.Equal(t, []string{"f002.txt", "f003.txt", "f004.txt"}, res.NotStarted)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2, uploads)
}

// brokenFS fails to read the directory "broken" and to open the file "gone.txt".
type brokenFS struct{ fstest.MapFS }

func (b brokenFS) Open(name string) (fs.File, error) {
	if name == "gone.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.MapFS.Open(name)
}

func (b brokenFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "broken" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return b.MapFS.ReadDir(name)
}

func TestUploadFSProgressCountsAddUp(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	dirID := newDirectory(t, srv)
	fsys := brokenFS{fstest.MapFS{
		"a.txt":        {Data: []byte("aaaa")},
		"b.txt":        {Data: []byte("bb")},
		"broken/x.txt": {Data: []byte("never")},
		"gone.txt":     {Data: []byte("gone")},
		"z.txt":        {Data: []byte("zzzzzz")},
	}}
	_, err := srv.Client().Beta.Directories.Files.Upload(context.Background(), dirID, beta.DirectoryFileUploadParams{
		UploadFile: strings.NewReader("old"), UniqueID: llamacloud.String("b.txt"),
	})
	require.NoError(t, err)

	var progress []beta.UploadProgress
	res, err := srv.Client().Beta.Directories.Files.UploadFS(context.Background(), dirID, fsys, beta.DirectoryFileUploadFSParams{
		Concurrency: 2,
		Progress:    func(p beta.UploadProgress) { progress = append(progress, p) },
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, fs.ErrPermission)
	assert.Equal(t, []string{"a.txt", "z.txt"}, paths(res.Uploaded))
	assert.Equal(t, []string{"b.txt"}, paths(res.Skipped))
	require.Len(t, res.Failed, 2)
	assert.Equal(t, "broken", res.Failed[0].Path, "the walk's failures come first")
	assert.Equal(t, "gone.txt", res.Failed[1].Path)
	assert.Equal(t, int64(4+6), res.Bytes)

	const total = 5 // four files and the unreadable directory
	require.Len(t, progress, total)
	seen := map[string]bool{}
	var uploaded, skipped, failed int
	for i, p := range progress {
		assert.Equal(t, i+1, p.Done)
		assert.Equal(t, total, p.Total)
		assert.False(t, seen[p.Path], "one report per file")
		seen[p.Path] = true
		switch {
		case p.Err != nil:
			failed++
		case p.Skipped:
			skipped++
		default:
			uploaded++
		}
	}
	assert.Equal(t, []int{2, 1, 2}, []int{uploaded, skipped, failed})
	assert.Equal(t, len(res.Uploaded)+len(res.Skipped)+len(res.Failed), total)
	assert.Equal(t, res.Bytes, progress[total-1].BytesDone)
}

func TestUploadFSBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	files := srv.Client().Beta.Directories.Files
	for _, tc := range []struct {
		name   string
		dirID  string
		fsys   fs.FS
		params beta.DirectoryFileUploadFSParams
		want   string
	}{
		{"empty directory ID", "", manyFiles(1), beta.DirectoryFileUploadFSParams{}, "directoryID"},
		{"nil file system", "dir_1", nil, beta.DirectoryFileUploadFSParams{}, `llamacloud: upload to directory "dir_1": the file system is nil`},
		{"negative concurrency", "dir_1", manyFiles(1), beta.DirectoryFileUploadFSParams{Concurrency: -1}, `llamacloud: upload to directory "dir_1": concurrency -1 is negative`},
	} {
		res, err := files.UploadFS(context.Background(), tc.dirID, tc.fsys, tc.params)
		assert.Nil(t, res, tc.name)
		assert.ErrorContains(t, err, tc.want, tc.name)
	}
	assert.Empty(t, srv.Requests())

	// An unknown directory fails at the listing, before any upload.
	res, err := files.UploadFS(context.Background(), "dir_missing", manyFiles(3), beta.DirectoryFileUploadFSParams{})
	assert.Nil(t, res)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.Contains(t, err.Error(), `llamacloud: upload to directory "dir_missing": list its files: `)
	assert.Equal(t, 1, strings.Count(err.Error(), "llamacloud:"), err.Error())
	assert.Empty(t, requestsTo(srv, http.MethodPost, uploadSuffix))

	// An empty tree sends nothing at all.
	srv.ClearRequests()
	res, err = files.UploadFS(context.Background(), "dir_missing", fstest.MapFS{}, beta.DirectoryFileUploadFSParams{})
	require.NoError(t, err)
	assert.Equal(t, &beta.DirectoryFileUploadFSResult{}, res)
	assert.Empty(t, srv.Requests())
}

// A context that ends before the first upload starts (here from the report of a skipped
// file) starts none and returns at once.
func TestUploadFSCancelledBeforeAnyUpload(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	dirID := newDirectory(t, srv)
	fsys := manyFiles(4)
	_, err := srv.Client().Beta.Directories.Files.Upload(context.Background(), dirID, beta.DirectoryFileUploadParams{
		UploadFile: strings.NewReader("old"), UniqueID: llamacloud.String("f000.txt"),
	})
	require.NoError(t, err)
	srv.ClearRequests()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan struct{})
	var res *beta.DirectoryFileUploadFSResult
	go func() {
		defer close(done)
		res, err = srv.Client().Beta.Directories.Files.UploadFS(ctx, dirID, fsys, beta.DirectoryFileUploadFSParams{
			Progress: func(p beta.UploadProgress) { cancel() },
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("UploadFS did not return after its context ended")
	}
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []string{"f000.txt"}, paths(res.Skipped))
	assert.Equal(t, []string{"f001.txt", "f002.txt", "f003.txt"}, res.NotStarted)
	assert.Empty(t, requestsTo(srv, http.MethodPost, uploadSuffix))
}
