package benchmarks_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Target 5: walking 1,000,000 files over 1,000 pages with All() never holds more than two
// pages' worth of live heap: the page being read and the one being fetched.

const (
	pageCount = 1000
	pageSize  = 1000
	pagesDir  = "dir-7f3a9c2e"
)

// pagesServer serves the files of pagesDir: pageCount pages of pageSize files, each file's
// ID naming its page. It counts the requests in *requests. It builds each page in one
// buffer that it reuses, so that its own allocations do not blur the client's heap.
func pagesServer(tb testing.TB, requests *atomic.Int64) *httptest.Server {
	pieces := bytes.Split(filesPage(0, pageSize, "NEXT"), []byte(`"dfl-`))
	last := pieces[len(pieces)-1]
	end := bytes.Index(last, []byte(`"NEXT"`))
	var mu sync.Mutex
	var buf []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		page := 0
		if tok := r.URL.Query().Get("page_token"); tok != "" {
			page, _ = strconv.Atoi(strings.TrimPrefix(tok, "p"))
		}
		if r.URL.Path != "/api/v1/beta/directories/"+pagesDir+"/files" || page < 0 || page >= pageCount {
			http.Error(w, `{"detail":"unexpected request"}`, http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		buf = append(buf[:0], pieces[0]...)
		for _, p := range pieces[1 : len(pieces)-1] {
			buf = fmt.Appendf(buf, `"dfl-p%04d-`, page)
			buf = append(buf, p...)
		}
		buf = fmt.Appendf(buf, `"dfl-p%04d-`, page)
		buf = append(buf, last[:end]...)
		if page+1 < pageCount {
			buf = fmt.Appendf(buf, `"p%d"`, page+1)
		} else {
			buf = append(buf, `""`...)
		}
		buf = append(buf, last[end+len(`"NEXT"`):]...)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(buf)))
		_, _ = w.Write(buf)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// liveHeap collects garbage and returns the bytes of live heap objects.
func liveHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// settledHeap is liveHeap after a second collection, which also frees the buffers that
// sync.Pools cache (the decoder's scratch slices): the heap the program holds for itself.
// Measurements start from it, so that a buffer cached before they start cannot hide the
// same buffer in use during them.
func settledHeap() int64 {
	runtime.GC()
	return liveHeap()
}

// lastFileSuffix ends the ID of the last file of every page.
var lastFileSuffix = fmt.Sprintf("%08x-%04x", (pageSize-1)*104729, (pageSize-1)%4096)

// sampledFile is a beta.DirectoryFile that measures the live heap once the last file of a
// page is decoded: the peak of a page fetch, when the previous page, the new body and the
// new page's decoded files are all held. It decodes exactly as the DirectoryFile it embeds
// (same decoder, same memory), and pages of it are walked by the same AutoPager, fed by
// the same request code, as DirectoryFileService.ListAutoPaging.
type sampledFile struct {
	beta.DirectoryFile
}

// onLastFile is called by sampledFile; the test that sets it is not parallel.
var onLastFile func()

func (f *sampledFile) UnmarshalAPIJSON(raw string) error {
	if err := apijson.UnmarshalString(raw, &f.DirectoryFile); err != nil {
		return err
	}
	if onLastFile != nil && strings.HasSuffix(f.ID, lastFileSuffix) {
		onLastFile()
	}
	return nil
}

// sampledPager walks the files of pagesDir as ListAutoPaging does, with sampledFile items.
func sampledPager(ctx context.Context, client *llamacloud.Client) *pagination.AutoPager[sampledFile] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[sampledFile], error) {
		page := new(pagination.PaginatedCursor[sampledFile])
		err := requestconfig.Execute(ctx, http.MethodGet, "api/v1/beta/directories/"+pagesDir+"/files",
			&beta.DirectoryFileListParams{}, page, client.Options...)
		return page, err
	})
}

// pageWorth returns the live heap that one page of files holds once decoded: its body, its
// files and their maps.
func pageWorth(tb testing.TB, client *llamacloud.Client) int64 {
	ctx := context.Background()
	// A first call opens the connection and builds the decoder's plans, which stay.
	_, err := client.Beta.Directories.Files.List(ctx, pagesDir, beta.DirectoryFileListParams{})
	require.NoError(tb, err)
	before := settledHeap()
	page, err := client.Beta.Directories.Files.List(ctx, pagesDir, beta.DirectoryFileListParams{})
	require.NoError(tb, err)
	after := settledHeap()
	require.Len(tb, page.Items, pageSize)
	runtime.KeepAlive(page)
	return after - before
}

// TestPagingHeap walks all 1,000,000 files over 1,000 pages with All() and measures the live
// heap (after a forced collection) at the peak of every page fetch: once the last file of
// the new page is decoded, to which it adds the new page's files array, allocated right
// after. The decoder's scratch slice, in use then, counts too. Heap in use must never be
// more than two pages' worth above where it started.
func TestPagingHeap(t *testing.T) {
	var requests atomic.Int64
	srv := pagesServer(t, &requests)
	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
	worth := pageWorth(t, client)
	filesArray := int64(pageSize * unsafe.Sizeof(sampledFile{}))
	require.Greater(t, worth, filesArray, "a page holds its body and its decoded files")
	requests.Store(0)

	base := settledHeap()
	var peaks []int64
	onLastFile = func() { peaks = append(peaks, liveHeap()-base+filesArray) }
	t.Cleanup(func() { onLastFile = nil })
	n := 0
	for f, err := range sampledPager(context.Background(), client).All() {
		require.NoError(t, err)
		if n%pageSize == 0 {
			require.Equal(t, fmt.Sprintf("dfl-p%04d-", n/pageSize), f.ID[:len("dfl-p0000-")])
		}
		n++
	}
	assert.Equal(t, pageCount*pageSize, n)
	assert.Equal(t, int64(pageCount), requests.Load())
	require.Len(t, peaks, pageCount)
	peak := slices.Max(peaks)
	t.Logf("page: %.2f MB; peak live heap while paging: %.2f MB = %.2f pages (first page %.2f pages)",
		float64(worth)/1e6, float64(peak)/1e6, float64(peak)/float64(worth), float64(peaks[0])/float64(worth))
	assert.LessOrEqual(t, peak, 2*worth, "peak live heap %d B is above two pages (%d B each)", peak, worth)
}

// plainListFiles is the hand-written walk: one GET per page, decoded with encoding/json.
func plainListFiles(ctx context.Context, client *http.Client, baseURL string, each func(*plainDirectoryFile)) error {
	token := ""
	for {
		url := baseURL + "/api/v1/beta/directories/" + pagesDir + "/files"
		if token != "" {
			url += "?page_token=" + token
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer bench-key")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		var page plainDirectoryFilePage
		if err := json.Unmarshal(body, &page); err != nil {
			return err
		}
		for i := range page.Items {
			each(&page.Items[i])
		}
		if page.NextPageToken == "" || len(page.Items) == 0 {
			return nil
		}
		token = page.NextPageToken
	}
}

// BenchmarkPaging walks the 1,000,000 files, both ways. After ours' timed walks it walks
// once more the way TestPagingHeap does, measuring the live heap at the peak of every tenth
// page fetch, and reports the highest in MB and in pages.
func BenchmarkPaging(b *testing.B) {
	var requests atomic.Int64
	srv := pagesServer(b, &requests)
	ctx := context.Background()
	bytesPerWalk := int64(len(filesPage(0, pageSize, "p1")) * pageCount)
	b.Run("impl=baseline", func(b *testing.B) {
		client := plainHTTPClient()
		b.Cleanup(client.CloseIdleConnections)
		b.ReportAllocs()
		b.SetBytes(bytesPerWalk)
		b.ResetTimer()
		for range b.N {
			n := 0
			err := plainListFiles(ctx, client, srv.URL, func(*plainDirectoryFile) { n++ })
			if err != nil || n != pageCount*pageSize {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("impl=ours", func(b *testing.B) {
		client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
		b.ReportAllocs()
		b.SetBytes(bytesPerWalk)
		b.ResetTimer()
		for range b.N {
			n := 0
			for _, err := range client.Beta.Directories.Files.ListAutoPaging(ctx, pagesDir, beta.DirectoryFileListParams{}).All() {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != pageCount*pageSize {
				b.Fatal(n)
			}
		}
		b.StopTimer()
		worth := pageWorth(b, client)
		filesArray := int64(pageSize * unsafe.Sizeof(sampledFile{}))
		base, peak, pages := settledHeap(), int64(0), 0
		onLastFile = func() {
			if pages++; pages%10 == 0 {
				peak = max(peak, liveHeap()-base+filesArray)
			}
		}
		defer func() { onLastFile = nil }()
		for _, err := range sampledPager(ctx, client).All() {
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(peak)/1e6, "peak-live-MB")
		b.ReportMetric(float64(peak)/float64(worth), "peak-live-pages")
	})
}
