package requestconfig

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
)

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("llamacloud: response body larger than the %d-byte limit (option.WithMaxResponseBytes)", e.limit)
}

// Growth of the buffer a response body with a Content-Length is read into: the first buffer
// takes at most trustedLength bytes on the word of the header, and each later one at most
// bufferGrowth times the bytes received so far, up to the declared length.
const (
	trustedLength = 64 << 10
	bufferGrowth  = 32
)

// readBody reads and closes the body, failing once it passes limit bytes.
//
// With a Content-Length the buffer ends at exactly that size plus a byte, so the read that
// reports the end needs no room and the decoded value keeps no slack (bytes.Buffer.ReadFrom
// wants 512 bytes free before each read, so it reallocated and copied the whole body whenever
// the last bytes, or the end, came in a read of their own). But the length is a claim, not
// bytes: a body of up to trustedLength gets its buffer at once, and a longer one starts with
// trustedLength and grows at most bufferGrowth-fold over the bytes received. So a response
// that announces 256 MiB and sends ten bytes costs 64 KiB, not 256 MiB, and an honest body of
// up to 2 MiB (a page of a thousand items is 1.6 MB) gets its final buffer after its first
// 64 KiB, the only bytes copied. Without a length the buffer grows as append grows a slice.
// A body that ends up using less than four fifths of its buffer is copied into a tight one,
// since the decoded value keeps it alive.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	if limit <= 0 {
		limit = DefaultMaxResponseBytes
	}
	declared := resp.ContentLength
	if declared > limit {
		return nil, &tooLargeError{limit}
	}
	size := 512
	if declared > 0 {
		size = int(min(declared+1, trustedLength))
	}
	buf := make([]byte, 0, size)
	for empty := 0; ; {
		if len(buf) == cap(buf) {
			buf = grow(buf, declared)
		}
		// Read no further than one byte past the limit.
		end := cap(buf)
		if room := limit + 1 - int64(len(buf)); int64(end-len(buf)) > room {
			end = len(buf) + int(room)
		}
		n, err := resp.Body.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &tooLargeError{limit}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if n > 0 {
			empty = 0
		} else if empty++; empty >= 100 {
			return nil, io.ErrNoProgress
		}
	}
	if waste := cap(buf) - len(buf); waste > 4<<10 && waste > len(buf)/4 {
		buf = bytes.Clone(buf)
	}
	return buf, nil
}

// grow returns full, a buffer without room, with room for more: toward the declared length
// plus a byte, bufferGrowth-fold at most, or as append grows a slice without a declared
// length or past it.
func grow(full []byte, declared int64) []byte {
	n := int64(len(full))
	if declared <= 0 || n > declared {
		return slices.Grow(full, 1)
	}
	grown := make([]byte, n, min(n*bufferGrowth, declared+1))
	copy(grown, full)
	return grown
}
