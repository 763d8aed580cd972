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
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/internal/benchcpu"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Target 5: walking 1,000,000 items over 1,000 pages with All() holds at most 1.2 pages'
// worth of live heap: the page being read, and little more while the next is fetched.

const (
	pageSize = 1000
	// benchPages is how many pages a benchmark walks: 1,000,000 items.
	benchPages = 1000
	// testPages is how many pages TestPagingHeap walks in a plain test run, enough to see
	// the heap reach its steady state; LLAMACLOUD_FULL_SIZE=1 makes it benchPages.
	testPages = 8
	pagesDir  = "dir-7f3a9c2e"
	// maxPeakPages is the bound on the live heap of a walk, in pages.
	maxPeakPages = 1.2
)

// pagedList is a list endpoint the paging benchmarks walk.
type pagedList struct {
	name string
	path string // the list's path, as the server sees it
	// idPrefix starts every item ID; the server writes the page number after it, so that
	// each page's IDs are its own.
	idPrefix string
	page     func(first, n int, next string) []byte
}

var (
	filesList    = pagedList{"files", "/api/v1/beta/directories/" + pagesDir + "/files", `"dfl-`, filesPage}
	sessionsList = pagedList{"sessions", "/api/v1/chat", `"ses-`, sessionsPage}
	pagedLists   = []pagedList{filesList, sessionsList}
)

// lastItemSuffix ends the ID of the last item of every page (the IDs of files and sessions
// are built alike).
var lastItemSuffix = fmt.Sprintf("%08x-%04x", (pageSize-1)*104729, (pageSize-1)%4096)

// chatSession is a chat session as the list endpoint sends it.
func chatSession(i int) map[string]any {
	return map[string]any{
		"session_id":      fmt.Sprintf("ses-%08x-%04x", i*104729, i%4096),
		"last_updated_at": stamp(i),
		"generated_title": fmt.Sprintf("Q%d board pack: revenue, margins and the hiring plan (%d)", i%4+1, i),
		"index_ids":       []string{"idx-4a1c9e77-2b1e", fmt.Sprintf("idx-%08x", i*7919)},
		"job_metadata": map[string]any{
			"duration_ms": 1834.5 + float64(i%1000), "error": "", "export_config_ids": []string{"exp-1"},
			"is_error": false, "total_input_tokens": 1834 + i%977, "total_output_tokens": 412 + i%311, "turns": 1 + i%4,
		},
	}
}

// sessionsPage is a page of n chat sessions starting at item first, with a next page token.
func sessionsPage(first, n int, next string) []byte {
	items := make([]any, n)
	for i := range items {
		items[i] = chatSession(first + i)
	}
	return mustJSON(map[string]any{"items": items, "next_page_token": next})
}

// plainChatSession is beta.ChatSession for encoding/json.
type plainChatSession struct {
	LastUpdatedAt  time.Time                   `json:"last_updated_at"`
	SessionID      string                      `json:"session_id"`
	GeneratedTitle string                      `json:"generated_title"`
	IndexIDs       []string                    `json:"index_ids"`
	JobMetadata    plainChatSessionJobMetadata `json:"job_metadata"`
}

// plainListPage is a page of a list for encoding/json.
type plainListPage[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
	TotalSize     int64  `json:"total_size"`
}

// pagesServer serves pages of list: pages pages of pageSize items, each item's ID naming
// its page. It counts the requests in *requests. It builds each page in one buffer that it
// reuses, so that its own allocations do not blur the client's heap.
func pagesServer(tb testing.TB, list pagedList, pages int, requests *atomic.Int64) *httptest.Server {
	pieces := bytes.Split(list.page(0, pageSize, "NEXT"), []byte(list.idPrefix))
	last := pieces[len(pieces)-1]
	end := bytes.Index(last, []byte(`"NEXT"`))
	prefix := list.idPrefix + "p%04d-"
	var mu sync.Mutex
	var buf []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		page := 0
		if tok := r.URL.Query().Get("page_token"); tok != "" {
			page, _ = strconv.Atoi(strings.TrimPrefix(tok, "p"))
		}
		if r.URL.Path != list.path || page < 0 || page >= pages {
			http.Error(w, `{"detail":"unexpected request"}`, http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		buf = append(buf[:0], pieces[0]...)
		for _, p := range pieces[1 : len(pieces)-1] {
			buf = fmt.Appendf(buf, prefix, page)
			buf = append(buf, p...)
		}
		buf = fmt.Appendf(buf, prefix, page)
		buf = append(buf, last[:end]...)
		if page+1 < pages {
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

// settledHeap is liveHeap after a second collection, which also frees what sync.Pools
// cache: the heap the program holds for itself.
func settledHeap() int64 {
	runtime.GC()
	return liveHeap()
}

// onLastItem is called by sampledFile and sampledSession once the last item of a page is
// decoded; the test that sets it is not parallel.
var onLastItem func()

// sampledFile is a beta.DirectoryFile that calls onLastItem once the last file of a page
// is decoded: the peak of a page fetch, when the new body and the new page's decoded files
// are all held. It decodes exactly as the DirectoryFile it embeds (same decoder, same
// memory), and pages of it are walked by the same AutoPager, fed by the same request code,
// as DirectoryFileService.ListAutoPaging.
type sampledFile struct {
	beta.DirectoryFile
}

func (f *sampledFile) UnmarshalAPIJSON(raw string) error {
	if err := apijson.UnmarshalString(raw, &f.DirectoryFile); err != nil {
		return err
	}
	if onLastItem != nil && strings.HasSuffix(f.ID, lastItemSuffix) {
		onLastItem()
	}
	return nil
}

// sampledSession is sampledFile for a beta.ChatSession.
type sampledSession struct {
	beta.ChatSession
}

func (s *sampledSession) UnmarshalAPIJSON(raw string) error {
	if err := apijson.UnmarshalString(raw, &s.ChatSession); err != nil {
		return err
	}
	if onLastItem != nil && strings.HasSuffix(s.SessionID, lastItemSuffix) {
		onLastItem()
	}
	return nil
}

// sampledWalk walks list as its ListAutoPaging does, with sampled items, calling each with
// the ID of every item.
func sampledWalk(ctx context.Context, client *llamacloud.Client, list pagedList, each func(id string)) error {
	switch list.name {
	case "files":
		pager := pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[sampledFile], error) {
			page := new(pagination.PaginatedCursor[sampledFile])
			return page, requestconfig.Execute(ctx, http.MethodGet, "api/v1/beta/directories/"+pagesDir+"/files",
				&beta.DirectoryFileListParams{}, page, client.Options...)
		})
		for f, err := range pager.All() {
			if err != nil {
				return err
			}
			each(f.ID)
		}
	case "sessions":
		pager := pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[sampledSession], error) {
			page := new(pagination.PaginatedCursor[sampledSession])
			return page, requestconfig.Execute(ctx, http.MethodGet, "api/v1/chat", &beta.ChatListParams{}, page, client.Options...)
		})
		for s, err := range pager.All() {
			if err != nil {
				return err
			}
			each(s.SessionID)
		}
	}
	return nil
}

// walkList walks list through the SDK's own ListAutoPaging, returning the item count.
func walkList(ctx context.Context, client *llamacloud.Client, list pagedList) (int, error) {
	n := 0
	switch list.name {
	case "files":
		for _, err := range client.Beta.Directories.Files.ListAutoPaging(ctx, pagesDir, beta.DirectoryFileListParams{}).All() {
			if err != nil {
				return n, err
			}
			n++
		}
	case "sessions":
		for _, err := range client.Beta.Chat.ListAutoPaging(ctx, beta.ChatListParams{}).All() {
			if err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// listOnce fetches the first page of list with its List call and returns it.
func listOnce(ctx context.Context, client *llamacloud.Client, list pagedList) (any, int, error) {
	switch list.name {
	case "files":
		page, err := client.Beta.Directories.Files.List(ctx, pagesDir, beta.DirectoryFileListParams{})
		if err != nil {
			return nil, 0, err
		}
		return page, len(page.Items), nil
	default:
		page, err := client.Beta.Chat.List(ctx, beta.ChatListParams{})
		if err != nil {
			return nil, 0, err
		}
		return page, len(page.Items), nil
	}
}

// pageWorth returns the live heap that one page of list holds once decoded: its body, its
// items and what they point to.
func pageWorth(tb testing.TB, client *llamacloud.Client, list pagedList) int64 {
	ctx := context.Background()
	// A first call opens the connection and builds the decoder's plans, which stay.
	_, _, err := listOnce(ctx, client, list)
	require.NoError(tb, err)
	before := settledHeap()
	page, n, err := listOnce(ctx, client, list)
	require.NoError(tb, err)
	after := settledHeap()
	require.Equal(tb, pageSize, n)
	runtime.KeepAlive(page)
	return after - before
}

// peakPages walks pages pages of list with All() and returns the highest live heap seen
// above where the walk started, in bytes and in pages of list, with a page's worth. It
// samples the heap, after a forced collection, twice per page: once the last item of the
// new page is decoded (the previous page released, the new body and items held), and when
// the walk yields the page's first item (its decoding done). The heap it starts from is
// taken before the client's first call (the server's page buffer already made), so a buffer
// the decoder keeps between pages counts.
func peakPages(tb testing.TB, list pagedList, pages int, every int) (peak int64, inPages float64, worth int64) {
	var requests atomic.Int64
	srv := pagesServer(tb, list, pages, &requests)
	// The server keeps a buffer of a page's size: a first page, fetched without the SDK,
	// makes it before the heap is measured.
	plain := plainHTTPClient()
	resp, err := plain.Get(srv.URL + list.path)
	require.NoError(tb, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	plain.CloseIdleConnections()
	base := settledHeap()
	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
	worth = pageWorth(tb, client, list)
	requests.Store(0)

	var peaks []int64
	sample := func() { peaks = append(peaks, liveHeap()-base) }
	page := 0
	onLastItem = func() {
		if page%every == 0 {
			sample()
		}
	}
	defer func() { onLastItem = nil }()
	n := 0
	err = sampledWalk(context.Background(), client, list, func(id string) {
		if n%pageSize == 0 {
			if id[:len("xxx-p0000-")] != fmt.Sprintf("%sp%04d-", list.idPrefix[1:], n/pageSize) {
				tb.Errorf("item %d has ID %q, not one of page %d", n, id, n/pageSize)
			}
			if page%every == 0 {
				sample()
			}
			page++
		}
		n++
	})
	require.NoError(tb, err)
	require.Equal(tb, pages*pageSize, n)
	require.Equal(tb, int64(pages), requests.Load())
	peak = slices.Max(peaks)
	return peak, float64(peak) / float64(worth), worth
}

// TestPagingHeap walks each list with All() (8 pages, or 1,000 with LLAMACLOUD_FULL_SIZE=1)
// and asserts that the live heap never passes 1.2 pages' worth above where it started.
func TestPagingHeap(t *testing.T) {
	pages := testPages
	if testmain.FullSize() {
		pages = benchPages
	}
	for _, list := range pagedLists {
		t.Run(list.name, func(t *testing.T) {
			peak, inPages, worth := peakPages(t, list, pages, 1)
			t.Logf("%d pages of %s; a page: %.2f MB; peak live heap while paging: %.2f MB = %.2f pages",
				pages, list.name, float64(worth)/1e6, float64(peak)/1e6, inPages)
			assert.LessOrEqual(t, inPages, maxPeakPages, "peak live heap %d B is above %.1f pages (%d B each)", peak, maxPeakPages, worth)
		})
	}
}

// plainList is the hand-written walk of list: one GET per page, decoded with
// encoding/json, calling each with every item.
func plainList[T any](ctx context.Context, client *http.Client, baseURL string, list pagedList, each func(*T)) error {
	token := ""
	for {
		url := baseURL + list.path
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
		var page plainListPage[T]
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

// BenchmarkPaging walks 1,000,000 files and 1,000,000 chat sessions, both ways. After ours'
// timed walks it walks once more the way TestPagingHeap does, sampling every tenth page,
// and reports the highest live heap in MB and in pages.
func BenchmarkPaging(b *testing.B) {
	for _, list := range pagedLists {
		b.Run("list="+list.name, func(b *testing.B) {
			var requests atomic.Int64
			srv := pagesServer(b, list, benchPages, &requests)
			ctx := context.Background()
			bytesPerWalk := int64(len(list.page(0, pageSize, "p1")) * benchPages)
			b.Run("impl=baseline", func(b *testing.B) {
				client := plainHTTPClient()
				b.Cleanup(client.CloseIdleConnections)
				b.ReportAllocs()
				b.SetBytes(bytesPerWalk)
				b.ResetTimer()
				cpu := benchcpu.Now()
				for range b.N {
					n := 0
					var err error
					if list.name == "files" {
						err = plainList(ctx, client, srv.URL, list, func(*plainDirectoryFile) { n++ })
					} else {
						err = plainList(ctx, client, srv.URL, list, func(*plainChatSession) { n++ })
					}
					if err != nil || n != benchPages*pageSize {
						b.Fatal(n, err)
					}
				}
				benchcpu.Report(b, cpu)
			})
			b.Run("impl=ours", func(b *testing.B) {
				client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
				b.ReportAllocs()
				b.SetBytes(bytesPerWalk)
				b.ResetTimer()
				cpu := benchcpu.Now()
				for range b.N {
					n, err := walkList(ctx, client, list)
					if err != nil || n != benchPages*pageSize {
						b.Fatal(n, err)
					}
				}
				benchcpu.Report(b, cpu)
				b.StopTimer()
				peak, inPages, _ := peakPages(b, list, benchPages, 10)
				b.ReportMetric(float64(peak)/1e6, "peak-live-MB")
				b.ReportMetric(inPages, "peak-live-pages")
			})
		})
	}
}
