package requestconfig

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chunkBody hands out data chunk bytes per Read, then err (io.EOF for a clean end), and
// records how much was read and whether it was closed. With eofLate the end comes in a Read
// of its own; otherwise io.EOF comes with the last bytes, as net/http returns them.
type chunkBody struct {
	data    []byte
	chunk   int
	err     error
	eofLate bool
	read    int
	closed  bool
}

func (b *chunkBody) Read(p []byte) (int, error) {
	if b.read == len(b.data) {
		return 0, b.err
	}
	n := copy(p[:min(len(p), b.chunk)], b.data[b.read:])
	b.read += n
	if b.read == len(b.data) && b.err == io.EOF && !b.eofLate {
		return n, io.EOF
	}
	return n, nil
}

func (b *chunkBody) Close() error { b.closed = true; return nil }

func TestReadBody(t *testing.T) {
	t.Parallel()
	// 23 reads of 4 KiB and a last one of 100 bytes, the case where bytes.Buffer.ReadFrom,
	// wanting 512 bytes free, reallocated the whole body.
	data := bytes.Repeat([]byte(`{"k":"0123456789"},`), 5000)[:23*4096+100]
	for _, tc := range []struct {
		name    string
		length  int64 // Content-Length; -1 for none
		limit   int64
		err     error // what the body returns after data
		eofLate bool
		wantErr string
		maxRead int // bytes the body may be asked for at most
	}{
		{name: "content-length", length: int64(len(data)), limit: 1 << 20, err: io.EOF},
		{name: "content-length, end in a read of its own", length: int64(len(data)), limit: 1 << 20, err: io.EOF, eofLate: true},
		{name: "chunked", length: -1, limit: 1 << 20, err: io.EOF},
		{name: "content-length over limit", length: int64(len(data)), limit: 1000, err: io.EOF, wantErr: "larger than the 1000-byte limit", maxRead: 0},
		{name: "chunked over limit", length: -1, limit: 1000, err: io.EOF, wantErr: "larger than the 1000-byte limit", maxRead: 1001},
		{name: "read error", length: -1, limit: 1 << 20, err: errors.New("connection reset"), wantErr: "connection reset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := &chunkBody{data: data, chunk: 4096, err: tc.err, eofLate: tc.eofLate}
			got, err := readBody(&http.Response{Body: body, ContentLength: tc.length}, tc.limit)
			assert.True(t, body.closed, "body closed")
			if tc.wantErr != "" {
				assert.ErrorContains(t, err, tc.wantErr)
				assert.Nil(t, got)
				if tc.maxRead > 0 || tc.length >= 0 {
					assert.LessOrEqual(t, body.read, tc.maxRead)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, data, got)
			if tc.length >= 0 {
				assert.Equal(t, len(data)+1, cap(got), "ends in a buffer of the announced size")
			} else {
				assert.LessOrEqual(t, cap(got)-len(got), max(4<<10, len(got)/4), "little room wasted")
			}
		})
	}
	t.Run("no progress", func(t *testing.T) {
		t.Parallel()
		body := &chunkBody{data: data, chunk: 0, err: io.EOF}
		_, err := readBody(&http.Response{Body: body, ContentLength: -1}, 1<<20)
		assert.ErrorIs(t, err, io.ErrNoProgress)
	})
}

// TestReadBodyDoesNotTrustContentLength checks that memory follows the bytes received, not
// the bytes announced. It is not parallel: it measures the bytes the process allocates.
func TestReadBodyDoesNotTrustContentLength(t *testing.T) {
	const declared = 268435455 // just under the default 256 MiB limit
	for _, sent := range []int{10, 300 << 10} {
		body := &chunkBody{data: bytes.Repeat([]byte("x"), sent), chunk: 32 << 10, err: io.ErrUnexpectedEOF}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := readBody(&http.Response{Body: body, ContentLength: declared}, DefaultMaxResponseBytes)
		runtime.ReadMemStats(&after)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
		assert.Nil(t, got)
		assert.Equal(t, sent, body.read)
		allocated := after.TotalAlloc - before.TotalAlloc
		assert.Less(t, allocated, uint64(trustedLength+bufferGrowth*sent+64<<10),
			"%d bytes allocated for %d received of %d announced", allocated, sent, declared)
	}
}

// TestReadBodyHonestLengthOneBuffer checks that a body of up to 64 KiB with its
// Content-Length is read into one buffer and nothing else. Not parallel: AllocsPerRun.
func TestReadBodyHonestLengthOneBuffer(t *testing.T) {
	data := bytes.Repeat([]byte("x"), trustedLength-1)
	body := &chunkBody{data: data, chunk: 4096, err: io.EOF}
	resp := &http.Response{Body: body, ContentLength: int64(len(data))}
	allocs := testing.AllocsPerRun(10, func() {
		body.read, body.closed = 0, false
		got, err := readBody(resp, 1<<20)
		if err != nil || len(got) != len(data) || cap(got) != len(data)+1 {
			t.Errorf("got %d bytes in %d, %v", len(got), cap(got), err)
		}
	})
	assert.Equal(t, 1.0, allocs, "the buffer is the only allocation")
}
