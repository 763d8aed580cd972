package ssestream_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// longLine is a reader of "data: " followed by n bytes of 'x' and a newline, generated as it
// is read, so that the test itself holds none of it.
type longLine struct {
	n, off int
}

func (l *longLine) Read(p []byte) (int, error) {
	const head = "data: "
	total := len(head) + l.n + 1
	if l.off == total {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && l.off < total {
		var c int
		switch {
		case l.off < len(head):
			c = copy(p[n:], head[l.off:])
		case l.off < total-1:
			c = copy(p[n:min(len(p), n+total-1-l.off)], xs)
		default:
			p[n], c = '\n', 1
		}
		n += c
		l.off += c
	}
	return n, nil
}

// xs is a block of 'x' that longLine copies from.
var xs = bytes.Repeat([]byte("x"), 4<<10)

func TestDecoderLimit(t *testing.T) {
	t.Parallel()
	const limit = 100
	line := func(n int) string { return "data: " + strings.Repeat("x", n-len("data: ")) }
	for _, tc := range []struct {
		name  string
		input string
		want  []event // events before the end
		over  bool    // the limit ends the stream
	}{
		{"line_at_limit", line(limit) + "\n\ndata: b\n\n", []event{{Data: strings.Repeat("x", limit-6)}, {Data: "b"}}, false},
		{"line_over_limit", "data: a\n\n" + line(limit+1) + "\n\ndata: never\n\n", []event{{Data: "a"}}, true},
		{"unterminated_line_over_limit", "data: a\n\n" + line(limit+1), []event{{Data: "a"}}, true},
		{"comment_over_limit", ": " + strings.Repeat("c", limit) + "\ndata: never\n\n", nil, true},
		{"data_at_limit", strings.Repeat("data: "+strings.Repeat("y", 19)+"\n", 5) + "\n",
			[]event{{Data: strings.Repeat(strings.Repeat("y", 19)+"\n", 4) + strings.Repeat("y", 19)}}, false},
		{"data_over_limit", strings.Repeat("data: "+strings.Repeat("y", 19)+"\n", 6) + "\n", nil, true},
	} {
		for _, rd := range readers() {
			t.Run(tc.name+"/"+rd.name, func(t *testing.T) {
				t.Parallel()
				dec := ssestream.NewDecoder(io.NopCloser(rd.make(tc.input)))
				dec.SetMaxEventBytes(limit)
				var got []event
				for dec.Next() {
					ev := dec.Event()
					got = append(got, event{Type: ev.Type, ID: ev.ID, Data: string(ev.Data), Retry: ev.Retry})
				}
				assert.Equal(t, tc.want, got)
				if !tc.over {
					assert.NoError(t, dec.Err())
					return
				}
				var tooLarge *ssestream.EventTooLargeError
				require.ErrorAs(t, dec.Err(), &tooLarge)
				assert.Equal(t, int64(limit), tooLarge.Limit)
				assert.EqualError(t, dec.Err(), "llamacloud: stream event larger than the 100-byte limit (option.WithMaxStreamEventBytes)")
				assert.False(t, dec.Next(), "stays ended")
			})
		}
	}
}

func TestDecoderDefaultLimit(t *testing.T) {
	t.Parallel()
	assert.Equal(t, int64(32<<20), int64(ssestream.DefaultMaxEventBytes))
	// The limit applies from NewDecoder on and SetMaxEventBytes(0) restores it; a line of
	// more than 32 MiB shows it (decoder_internal_test.go checks both without reading 32 MiB).
	got, err := decodeAll(&longLine{n: 1 << 20})
	require.NoError(t, err, "a 1 MiB line is far below the default")
	require.Len(t, got, 0, "the line ends no event")
}

func TestStreamLimit(t *testing.T) {
	t.Parallel()
	body := newTracker("data: {\"type\":\"a\"}\n\ndata: {\"type\":\"" + strings.Repeat("b", 200) + "\"}\n\n")
	dec := ssestream.NewDecoder(body)
	dec.SetMaxEventBytes(64)
	s := ssestream.NewStream[chatEvent](dec, nil)
	require.True(t, s.Next())
	assert.Equal(t, chatEvent{Type: "a"}, s.Current())
	assert.False(t, s.Next())
	var tooLarge *ssestream.EventTooLargeError
	require.ErrorAs(t, s.Err(), &tooLarge)
	assert.Equal(t, int64(64), tooLarge.Limit)
	assert.EqualError(t, s.Err(), "llamacloud: stream event larger than the 64-byte limit (option.WithMaxStreamEventBytes)",
		"the limit error is not wrapped in a second prefix")
	assert.Equal(t, 1, body.closes)
}

// TestStreamMemoryBounded streams one 16 MiB line, as a generated body and as a 16 KiB
// gzip body that inflates to it, through a stream limited to 64 KiB: it ends with the limit
// error after allocating a few times the limit, not the line. It measures every byte
// allocated meanwhile, so it does not run in parallel with other tests.
func TestStreamMemoryBounded(t *testing.T) {
	const limit, lineLen = 64 << 10, 16 << 20
	var zipped bytes.Buffer
	zw, err := gzip.NewWriterLevel(&zipped, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = io.Copy(zw, &longLine{n: lineLen})
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.Less(t, zipped.Len(), 64<<10)

	for _, tc := range []struct {
		name string
		body func() io.Reader
	}{
		{"plain", func() io.Reader { return &longLine{n: lineLen} }},
		{"gzip", func() io.Reader {
			zr, err := gzip.NewReader(bytes.NewReader(zipped.Bytes()))
			require.NoError(t, err)
			return zr
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			dec := ssestream.NewDecoder(io.NopCloser(body))
			dec.SetMaxEventBytes(limit)
			s := ssestream.NewStream[chatEvent](dec, nil)
			next := s.Next()
			runtime.ReadMemStats(&after)
			assert.False(t, next)
			var tooLarge *ssestream.EventTooLargeError
			assert.True(t, errors.As(s.Err(), &tooLarge), "err: %v", s.Err())
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("allocated %d bytes for a %d-byte line with a %d-byte limit", allocated, lineLen, limit)
			assert.Less(t, allocated, uint64(8*limit), "memory follows the limit, not the line")
		})
	}
}
