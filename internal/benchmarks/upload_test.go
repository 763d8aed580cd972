package benchmarks_test

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Target 6: uploading 1 GiB from a generated reader to a loopback server that discards it
// runs at 80 % or more of the throughput of posting the same bytes as a plain request body
// (net/http's io.Copy into the same kind of connection), and grows the heap by 32 MiB at most.

const (
	// uploadSize is what BenchmarkUpload sends, and TestUpload with LLAMACLOUD_FULL_SIZE=1.
	uploadSize = 1 << 30
	// testUploadSize is what TestUpload sends in a plain test run: large enough that
	// buffering it whole would break its heap bound many times over.
	testUploadSize = 64 << 20
	// maxUploadHeapGrowth bounds the heap growth of an upload of any size.
	maxUploadHeapGrowth = 32 << 20
)

// pattern is the block the generated file repeats.
var pattern = func() []byte {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(i*7 + i>>8)
	}
	return b
}()

// genFile is a generated file of size bytes: pattern over and over. It is an io.Seeker, as
// an *os.File is, so both sides know its length. Every sixteenth of its size read it calls
// sample, if set.
type genFile struct {
	size, off   int64
	sample      func()
	sampleEvery int64
	nextSample  int64
}

func newGenFile(size int64, sample func()) *genFile {
	return &genFile{size: size, sample: sample, sampleEvery: size / 16, nextSample: size / 16}
}

func (f *genFile) Read(p []byte) (int, error) {
	if f.off >= f.size {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), f.size-f.off)]
	n := 0
	for n < len(p) {
		n += copy(p[n:], pattern[(f.off+int64(n))%int64(len(pattern)):])
	}
	f.off += int64(n)
	if f.sample != nil && f.off >= f.nextSample {
		f.nextSample += f.sampleEvery
		f.sample()
	}
	return n, nil
}

func (f *genFile) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += f.size
	}
	if offset < 0 {
		return 0, errors.New("negative offset")
	}
	f.off = offset
	return offset, nil
}

// uploadServer reads each request body into a 256 KiB buffer it reuses, discards it, adds its
// length to *received and answers with a directory file.
func uploadServer(tb testing.TB, received *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, 256<<10)
		for {
			n, err := r.Body.Read(buf)
			received.Add(int64(n))
			if err == io.EOF {
				break
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(mustJSON(directoryFile(7)))
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// plainUpload posts f as a plain request body with net/http, as io.Copy sends it.
func plainUpload(ctx context.Context, client *http.Client, url string, f *genFile) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, f)
	if err != nil {
		return err
	}
	req.ContentLength = f.size
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// heapSampler records the peak heap in use above a start measured after a collection.
type heapSampler struct{ start, peak int64 }

func (h *heapSampler) reset() {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.start, h.peak = int64(ms.HeapInuse), 0
}

func (h *heapSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.peak = max(h.peak, int64(ms.HeapInuse)-h.start)
}

func BenchmarkUpload(b *testing.B) {
	var received atomic.Int64
	srv := uploadServer(b, &received)
	ctx := context.Background()
	b.Run("impl=baseline", func(b *testing.B) {
		client := plainHTTPClient()
		b.Cleanup(client.CloseIdleConnections)
		var heap heapSampler
		b.ReportAllocs()
		b.SetBytes(uploadSize)
		b.ResetTimer()
		for range b.N {
			b.StopTimer()
			heap.reset()
			received.Store(0)
			b.StartTimer()
			if err := plainUpload(ctx, client, srv.URL+"/upload", newGenFile(uploadSize, heap.sample)); err != nil {
				b.Fatal(err)
			}
			if received.Load() != uploadSize {
				b.Fatal(received.Load())
			}
		}
		b.ReportMetric(float64(heap.peak)/(1<<20), "heap-growth-MiB")
	})
	b.Run("impl=ours", func(b *testing.B) {
		client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
		var heap heapSampler
		b.ReportAllocs()
		b.SetBytes(uploadSize)
		b.ResetTimer()
		for range b.N {
			b.StopTimer()
			heap.reset()
			received.Store(0)
			b.StartTimer()
			_, err := client.Beta.Directories.Files.Upload(ctx, "dir-7f3a9c2e", beta.DirectoryFileUploadParams{
				UploadFile: newGenFile(uploadSize, heap.sample),
			})
			if err != nil {
				b.Fatal(err)
			}
			if received.Load() < uploadSize {
				b.Fatal(received.Load())
			}
		}
		b.ReportMetric(float64(heap.peak)/(1<<20), "heap-growth-MiB")
	})
}

// TestUpload uploads 64 MiB (1 GiB with LLAMACLOUD_FULL_SIZE=1) through Files.Upload to a
// server that reads the multipart body and checks the file part byte for byte (by length
// and CRC-32), while the heap in use is sampled every sixteenth of the file: it must never
// grow by more than 32 MiB, nor by more than an eighth of the file.
func TestUpload(t *testing.T) {
	size := int64(testUploadSize)
	if testmain.FullSize() {
		size = uploadSize
	}
	want := crc32.NewIEEE()
	_, err := io.Copy(want, newGenFile(size, nil))
	require.NoError(t, err)

	type part struct {
		name, file string
		size       int64
		crc        uint32
		err        error
	}
	parts := make(chan part, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			parts <- part{err: err}
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				parts <- part{err: err}
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			h := crc32.NewIEEE()
			n, err := io.Copy(h, p)
			parts <- part{name: p.FormName(), file: p.FileName(), size: n, crc: h.Sum32(), err: err}
		}
		close(parts)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(mustJSON(directoryFile(7)))
	}))
	t.Cleanup(srv.Close)

	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
	var heap heapSampler
	heap.reset()
	f, err := client.Beta.Directories.Files.Upload(context.Background(), "dir-7f3a9c2e", beta.DirectoryFileUploadParams{
		UploadFile: newGenFile(size, heap.sample),
	})
	require.NoError(t, err)
	assert.Equal(t, "board-pack-00007.pdf", f.DisplayName)

	var got []part
	for p := range parts {
		got = append(got, p)
	}
	require.Len(t, got, 1)
	assert.Equal(t, part{name: "upload_file", file: "file", size: size, crc: want.Sum32()}, got[0])
	t.Logf("heap in use grew by at most %s bytes while uploading %d bytes", strconv.FormatInt(heap.peak, 10), size)
	assert.LessOrEqual(t, heap.peak, min(int64(maxUploadHeapGrowth), size/8))
}
