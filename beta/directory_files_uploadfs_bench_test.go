package beta_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// synthFS is a flat file system whose files are generated as they are read, so that a
// gigabyte of files costs no memory and no disk. Every sampleEvery bytes read, across all
// files, it calls sample.
type synthFS struct {
	sizes       map[string]int64
	sample      func()
	sampleEvery int64
	read        atomic.Int64
}

// newSynthFS makes n files of size bytes each, named f0000.bin and on.
func newSynthFS(n int, size int64, sample func(), sampleEvery int64) *synthFS {
	s := &synthFS{sizes: map[string]int64{}, sample: sample, sampleEvery: sampleEvery}
	for i := range n {
		s.sizes[fmt.Sprintf("f%04d.bin", i)] = size
	}
	return s
}

func (s *synthFS) total() int64 {
	var t int64
	for _, n := range s.sizes {
		t += n
	}
	return t
}

func (s *synthFS) Open(name string) (fs.File, error) {
	if name == "." {
		return &synthDir{s: s}, nil
	}
	size, ok := s.sizes[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &synthFile{s: s, info: synthInfo{name, size}}, nil
}

func (s *synthFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(s.sizes))
	for n, size := range s.sizes {
		out = append(out, fs.FileInfoToDirEntry(synthInfo{n, size}))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// synthInfo describes a generated file, or the root when size is -1.
type synthInfo struct {
	name string
	size int64
}

func (i synthInfo) Name() string { return i.name }
func (i synthInfo) Size() int64  { return max(i.size, 0) }
func (i synthInfo) Mode() fs.FileMode {
	if i.size < 0 {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i synthInfo) ModTime() time.Time { return time.Time{} }
func (i synthInfo) IsDir() bool        { return i.size < 0 }
func (i synthInfo) Sys() any           { return nil }

type synthDir struct{ s *synthFS }

func (d *synthDir) Stat() (fs.FileInfo, error) { return synthInfo{".", -1}, nil }
func (d *synthDir) Read([]byte) (int, error)   { return 0, errors.New("is a directory") }
func (d *synthDir) Close() error               { return nil }

// synthPattern is the text generated files repeat: the byte at offset o is
// synthPattern[o % len(synthPattern)].
var synthPattern = func() []byte {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte('a' + i%26)
		if i%80 == 79 {
			b[i] = '\n'
		}
	}
	return b
}()

// synthFile generates its bytes from its offset; it can seek, so an upload can be retried.
type synthFile struct {
	s    *synthFS
	info synthInfo
	off  int64
}

func (f *synthFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *synthFile) Close() error               { return nil }

func (f *synthFile) Read(p []byte) (int, error) {
	if f.off >= f.info.size {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), f.info.size-f.off)]
	for n := 0; n < len(p); {
		n += copy(p[n:], synthPattern[(f.off+int64(n))%int64(len(synthPattern)):])
	}
	f.off += int64(len(p))
	if f.s.sample != nil {
		before := f.s.read.Add(int64(len(p))) - int64(len(p))
		if before/f.s.sampleEvery != (before+int64(len(p)))/f.s.sampleEvery {
			f.s.sample()
		}
	}
	return len(p), nil
}

func (f *synthFile) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += f.info.size
	}
	if offset < 0 {
		return 0, errors.New("negative offset")
	}
	f.off = offset
	return offset, nil
}

// peakHeap records the most heap in use above its value after a collection at reset.
type peakHeap struct {
	mu          sync.Mutex
	start, peak int64
}

func (h *peakHeap) reset() {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.mu.Lock()
	h.start, h.peak = int64(ms.HeapInuse), 0
	h.mu.Unlock()
}

func (h *peakHeap) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.mu.Lock()
	h.peak = max(h.peak, int64(ms.HeapInuse)-h.start)
	h.mu.Unlock()
}

func (h *peakHeap) peakMiB() float64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return float64(h.peak) / (1 << 20)
}

// discardServer reads every upload into one reused buffer per request and answers with a
// directory file; received counts the body bytes.
func discardServer(tb testing.TB, received *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, 64<<10)
		for {
			n, err := r.Body.Read(buf)
			received.Add(int64(n))
			if err != nil {
				break
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodGet { // the listing: an empty directory
			_, _ = io.WriteString(w, `{"items":[],"next_page_token":null}`)
			return
		}
		_, _ = io.WriteString(w, `{"id":"df_1","directory_id":"dir_1","display_name":"f","project_id":"p","unique_id":"f"}`)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// uploadLoop is the baseline: the files uploaded one after the other with Files.Upload, as
// a script without UploadFS does.
func uploadLoop(ctx context.Context, client *llamacloud.Client, dirID string, fsys *synthFS) error {
	names := make([]string, 0, len(fsys.sizes))
	for n := range fsys.sizes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return err
		}
		_, err = client.Beta.Directories.Files.Upload(ctx, dirID, beta.DirectoryFileUploadParams{
			UploadFile: f.(io.Reader), UniqueID: llamacloud.String(n), DisplayName: llamacloud.String(n),
		})
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// TestUploadFSHeapStaysFlat uploads 4 × 8 MiB of generated files (4 × 256 MiB with
// LLAMACLOUD_FULL_SIZE=1, as BenchmarkUploadFS) through UploadFS to a server that discards
// them, sampling the heap every MiB read: it must not grow by more than 8 MiB, a quarter of
// the smaller run. Not parallel, so that other tests' allocations stay out of the samples.
func TestUploadFSHeapStaysFlat(t *testing.T) {
	var received atomic.Int64
	srv := discardServer(t, &received)
	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	var heap peakHeap
	size := int64(8 << 20)
	if testmain.FullSize() {
		size = 256 << 20
	}
	fsys := newSynthFS(4, size, heap.sample, 1<<20)
	heap.reset()
	res, err := client.Beta.Directories.Files.UploadFS(context.Background(), "dir_1", fsys, beta.DirectoryFileUploadFSParams{})
	require.NoError(t, err)
	assert.Len(t, res.Uploaded, 4)
	assert.Equal(t, 4*size, res.Bytes)
	assert.Greater(t, received.Load(), 4*size, "every byte reached the server")
	assert.Less(t, heap.peakMiB(), 8.0, "heap growth in MiB while %d MiB streamed", 4*size>>20)
}

// BenchmarkUploadFS uploads 1,000 files of 1 KiB and 4 files of 256 MiB, generated as they
// are read, through UploadFS (4 in flight) and, as the baseline, through a loop of
// Files.Upload calls, to the in-memory LlamaCloud and to a server that discards the bodies
// (the SDK's side alone). It reports files/s, MB/s (from SetBytes) and the peak heap growth.
func BenchmarkUploadFS(b *testing.B) {
	for _, size := range []struct {
		name  string
		n     int
		bytes int64
	}{{"1000x1KiB", 1000, 1 << 10}, {"4x256MiB", 4, 256 << 20}} {
		for _, server := range []string{"llamacloudtest", "discard"} {
			for _, impl := range []string{"loop", "UploadFS"} {
				b.Run(fmt.Sprintf("files=%s/server=%s/impl=%s", size.name, server, impl), func(b *testing.B) {
					benchUploadFS(b, size.n, size.bytes, server, impl)
				})
			}
		}
	}
}

func benchUploadFS(b *testing.B, n int, size int64, server, impl string) {
	ctx := context.Background()
	var heap peakHeap
	fsys := newSynthFS(n, size, heap.sample, max(int64(n)*size/256, 4<<10)) // about 256 samples
	var elapsed time.Duration
	b.ReportAllocs()
	b.SetBytes(fsys.total())
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		var client *llamacloud.Client
		dirID := "dir_1"
		var fake *llamacloudtest.Server
		if server == "llamacloudtest" {
			// A new server each time: it keeps every upload in memory.
			fake = llamacloudtest.NewServer(llamacloudtest.WithMaxUploadSize(size), llamacloudtest.WithRecordLimit(0))
			client = fake.Client()
			dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			dirID = dir.ID
		} else {
			var received atomic.Int64
			srv := discardServer(b, &received)
			client = llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
		}
		heap.reset()
		start := time.Now()
		b.StartTimer()
		var err error
		if impl == "loop" {
			err = uploadLoop(ctx, client, dirID, fsys)
		} else {
			var res *beta.DirectoryFileUploadFSResult
			res, err = client.Beta.Directories.Files.UploadFS(ctx, dirID, fsys, beta.DirectoryFileUploadFSParams{})
			if err == nil && len(res.Uploaded) != n {
				err = fmt.Errorf("uploaded %d of %d", len(res.Uploaded), n)
			}
		}
		b.StopTimer()
		elapsed += time.Since(start)
		if fake != nil {
			fake.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "files/s")
	b.ReportMetric(heap.peakMiB(), "heap-growth-MiB")
}
