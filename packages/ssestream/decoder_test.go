package ssestream_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

func TestDecoder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		input string
		want  []event
	}{
		{"empty", "", nil},
		{"only_comments", ": one\n:two\n\n: three\n", nil},
		{"comments_between_fields", "data: a\n: note\ndata: b\n\n", []event{{Data: "a\nb"}}},
		{"default_type", "data: x\n\n", []event{{Data: "x"}}},
		{"event_names", "event: delta\ndata: 1\n\nevent: message\ndata: 2\n\nevent: custom-name\ndata: 3\n\ndata: 4\n\n",
			[]event{{Type: "delta", Data: "1"}, {Type: "message", Data: "2"}, {Type: "custom-name", Data: "3"}, {Data: "4"}}},
		{"event_type_reset_without_data", "event: delta\n\ndata: x\n\n", []event{{Data: "x"}}},
		{"last_event_field_wins", "event: a\nevent: b\ndata: x\n\n", []event{{Type: "b", Data: "x"}}},
		{"multi_line_data", "data: a\ndata: b\ndata: c\n\n", []event{{Data: "a\nb\nc"}}},
		{"empty_data_lines", "data:\ndata:\n\n", []event{{Data: "\n"}}},
		{"field_without_colon", "data\n\n", []event{{Data: ""}}},
		{"field_without_colon_ignored", "event\ndata: x\n\n", []event{{Data: "x"}}},
		{"no_space_after_colon", "data:x\n\n", []event{{Data: "x"}}},
		{"only_one_space_removed", "data:  x \n\n", []event{{Data: " x "}}},
		{"colon_in_value", "data: a:b: c\n\n", []event{{Data: "a:b: c"}}},
		{"tab_not_stripped", "data:\tx\n\n", []event{{Data: "\tx"}}},
		{"field_names_case_sensitive", "Data: x\nDATA: y\ndata: z\n\n", []event{{Data: "z"}}},
		{"unknown_field", "foo: bar\ndata: x\n\n", []event{{Data: "x"}}},
		{"id_persists", "id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n",
			[]event{{ID: "1", Data: "a"}, {ID: "1", Data: "b"}, {ID: "2", Data: "c"}}},
		{"id_reset_to_empty", "id: 1\ndata: a\n\nid\ndata: b\n\n", []event{{ID: "1", Data: "a"}, {ID: "", Data: "b"}}},
		{"id_with_nul_ignored", "id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n", []event{{ID: "1", Data: "a"}, {ID: "1", Data: "b"}}},
		{"id_set_by_event_without_data", "id: 7\n\ndata: a\n\n", []event{{ID: "7", Data: "a"}}},
		{"retry_valid", "retry: 2500\ndata: a\n\ndata: b\n\n",
			[]event{{Retry: 2500 * time.Millisecond, Data: "a"}, {Retry: 2500 * time.Millisecond, Data: "b"}}},
		{"retry_invalid_ignored", "retry: 100\nretry: 12a\nretry:\nretry: -5\nretry: 1.5\nretry:  7\nretry: 99999999999999999999\ndata: a\n\n",
			[]event{{Retry: 100 * time.Millisecond, Data: "a"}}},
		{"retry_zero", "retry: 100\nretry: 0\ndata: a\n\n", []event{{Data: "a"}}},
		{"lf", "data: a\n\ndata: b\n\n", []event{{Data: "a"}, {Data: "b"}}},
		{"crlf", "data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n", []event{{Data: "a"}, {Data: "b\nc"}}},
		{"cr", "data: a\r\rdata: b\rdata: c\r\r", []event{{Data: "a"}, {Data: "b\nc"}}},
		{"mixed_line_ends", "data: a\rdata: b\r\ndata: c\n\r\n", []event{{Data: "a\nb\nc"}}},
		{"lfcr_is_two_line_ends", "data: a\n\rdata: b\n\n", []event{{Data: "a"}, {Data: "b"}}},
		{"bom", "\xEF\xBB\xBFdata: a\n\n", []event{{Data: "a"}}},
		{"bom_only_first", "\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\ndata: b\n\n", []event{{Data: "b"}}},
		{"bom_later_is_not_skipped", "data: a\n\n\xEF\xBB\xBFdata: b\n\n", []event{{Data: "a"}}},
		{"partial_bom", "\xEF\xBBdata: a\n\ndata: b\n\n", []event{{Data: "b"}}},
		{"incomplete_last_event_dropped", "data: a\n\ndata: b\n", []event{{Data: "a"}}},
		{"unterminated_last_line_dropped", "data: a\n\ndata: b", []event{{Data: "a"}}},
		{"non_utf8_data_kept", "data: \xff\xfe\n\n", []event{{Data: "\xff\xfe"}}},
	} {
		for _, rd := range readers() {
			t.Run(tc.name+"/"+rd.name, func(t *testing.T) {
				t.Parallel()
				got, err := decodeAll(rd.make(tc.input))
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
			})
		}
	}
}

// TestDecoderCRAtReadBoundary checks that a CRLF split across two reads is one line end,
// not a line end followed by a blank line that would dispatch early.
func TestDecoderCRAtReadBoundary(t *testing.T) {
	t.Parallel()
	input := "data: a\r\ndata: b\r\n\r\n"
	for _, cut := range []int{len("data: a\r"), len("data: a\r\ndata: b\r"), len("data: a\r\ndata: b\r\n\r")} {
		got, err := decodeAll(&splitReader{data: []byte(input), cuts: []int{cut}})
		require.NoError(t, err)
		assert.Equal(t, []event{{Data: "a\nb"}}, got, "cut at %d", cut)
	}
	// At the 64 KiB read-buffer boundary too: the CR is the buffer's last byte.
	long := "data: " + strings.Repeat("x", 64<<10-len("data: ")-1) + "\r\ndata: b\r\n\r\n"
	require.Equal(t, byte('\r'), long[64<<10-1])
	got, err := decodeAll(bytes.NewReader([]byte(long)))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, strings.Repeat("x", 64<<10-len("data: ")-1)+"\nb", got[0].Data)
}

// TestDecoderSplitAtEveryOffset feeds the sample stream in two reads cut at every offset,
// and byte by byte, and expects the same events each time.
func TestDecoderSplitAtEveryOffset(t *testing.T) {
	t.Parallel()
	want, err := decodeAll(strings.NewReader(sampleStream))
	require.NoError(t, err)
	require.Equal(t, []event{
		{Type: "delta", ID: "1", Data: `{"type":"text_delta","content":"Hel"}`, Retry: 1500 * time.Millisecond},
		{Type: "delta", ID: "1", Data: `{"type":"text_delta","content":"lo"}`, Retry: 1500 * time.Millisecond},
		{Type: "message", ID: "2", Data: "{\"type\":\"text\",\n \"content\":\"Hello\"}", Retry: 1500 * time.Millisecond},
		{ID: "2", Data: "", Retry: 1500 * time.Millisecond},
		{Type: "message", ID: "2", Data: `{"type":"stop","is_error":false}`, Retry: 1500 * time.Millisecond},
	}, want)
	for cut := 0; cut <= len(sampleStream); cut++ {
		got, err := decodeAll(&splitReader{data: []byte(sampleStream), cuts: []int{cut}})
		require.NoError(t, err)
		assert.Equal(t, want, got, "cut at %d", cut)
		for cut2 := cut + 1; cut2 <= len(sampleStream); cut2 += 7 {
			got, err := decodeAll(&splitReader{data: []byte(sampleStream), cuts: []int{cut, cut2}})
			require.NoError(t, err)
			assert.Equal(t, want, got, "cuts at %d, %d", cut, cut2)
		}
	}
	got, err := decodeAll(&oneByteReader{data: []byte(sampleStream)})
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestDecoderLongLine(t *testing.T) {
	t.Parallel()
	value := strings.Repeat("0123456789abcdef", (1<<20)/16) // 1 MiB, 16 times the largest read buffer
	input := "event: message\ndata: " + value + "\ndata: tail\n\ndata: next\n\n"
	for _, rd := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", strings.NewReader(input)},
		{"odd_reads", &splitReader{data: []byte(input), cuts: []int{3, 70_001, 512 << 10, 512<<10 + 1}}},
	} {
		got, err := decodeAll(rd.r)
		require.NoError(t, err, rd.name)
		require.Len(t, got, 2, rd.name)
		assert.Equal(t, len(value)+len("\ntail"), len(got[0].Data), rd.name)
		assert.True(t, got[0].Data == value+"\ntail", rd.name)
		assert.Equal(t, event{Data: "next"}, got[1], rd.name)
	}
}

// TestDecoderDataStaysValid checks what Stream relies on to decode values that share an
// event's data: the decoder never writes to Data once returned, across reads, across
// chunks (a stream several times the 64 KiB read size, lines split across them) and for
// events of several data lines.
func TestDecoderDataStaysValid(t *testing.T) {
	t.Parallel()
	var input strings.Builder
	var want []string
	for i := range 3000 {
		data := fmt.Sprintf("event %d %s", i, strings.Repeat("x", i%97))
		if i%5 == 0 {
			data += "\nsecond line"
			input.WriteString("data: " + strings.ReplaceAll(data, "\n", "\ndata: ") + "\n\n")
		} else {
			input.WriteString("data: " + data + "\n\n")
		}
		want = append(want, data)
	}
	require.Greater(t, input.Len(), 3*64<<10)
	for _, rd := range readers() {
		t.Run(rd.name, func(t *testing.T) {
			t.Parallel()
			dec := ssestream.NewDecoder(io.NopCloser(rd.make(input.String())))
			var kept [][]byte
			for dec.Next() {
				kept = append(kept, dec.Event().Data) // not copied
			}
			require.NoError(t, dec.Err())
			require.Len(t, kept, len(want))
			for i, data := range kept {
				if string(data) != want[i] {
					t.Fatalf("event %d changed after later reads: %q, want %q", i, data, want[i])
				}
			}
			assert.False(t, dec.Next())
			assert.Equal(t, ssestream.Event{}, dec.Event())
		})
	}
}

func TestDecoderReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset")
	dec := ssestream.NewDecoder(io.NopCloser(&errAfterReader{data: []byte("data: a\n\ndata: b\n"), err: boom}))
	require.True(t, dec.Next())
	assert.Equal(t, "a", string(dec.Event().Data))
	assert.False(t, dec.Next())
	assert.ErrorIs(t, dec.Err(), boom)
	assert.False(t, dec.Next(), "stays ended")
}

// emptyReader returns (0, nil) forever.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

func TestDecoderNoProgress(t *testing.T) {
	t.Parallel()
	dec := ssestream.NewDecoder(io.NopCloser(emptyReader{}))
	assert.False(t, dec.Next())
	assert.ErrorIs(t, dec.Err(), io.ErrNoProgress)
}

func TestDecoderClose(t *testing.T) {
	t.Parallel()
	body := newTracker("data: a\n\ndata: b\n\n")
	dec := ssestream.NewDecoder(body)
	assert.Equal(t, 0, body.reads, "nothing read before Next")
	require.True(t, dec.Next())
	require.NoError(t, dec.Close())
	require.NoError(t, dec.Close())
	assert.Equal(t, 1, body.closes)
	assert.False(t, dec.Next(), "Next after Close")
	assert.NoError(t, dec.Err())
}
