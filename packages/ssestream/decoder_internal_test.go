package ssestream

import (
	"io"
	"strings"
	"testing"
)

// TestDecoderStartsWithDefaultLimit checks what a black-box test could only show by reading
// more than 32 MiB: a new Decoder has the default limit, and SetMaxEventBytes with a value
// below 1 restores it.
func TestDecoderStartsWithDefaultLimit(t *testing.T) {
	t.Parallel()
	d := NewDecoder(io.NopCloser(strings.NewReader("")))
	if d.max != DefaultMaxEventBytes {
		t.Fatalf("new decoder limit %d, want %d", d.max, DefaultMaxEventBytes)
	}
	for _, n := range []int64{0, -1} {
		d.SetMaxEventBytes(10)
		d.SetMaxEventBytes(n)
		if d.max != DefaultMaxEventBytes {
			t.Errorf("SetMaxEventBytes(%d) left the limit at %d, want %d", n, d.max, DefaultMaxEventBytes)
		}
	}
}
