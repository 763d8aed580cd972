package benchmarks_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/benchcpu"
	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/run-llama/llama-cloud-go/packages/ssestream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Target 4: 100,000 chat events from an in-memory body through Stream[beta.ChatEventUnion]
// at 100 MB/s or more, and in at most 1.3× the time of a bare bufio line loop that decodes
// each event's data with encoding/json.

const streamEvents = 100_000

// plainStream decodes the data lines of an SSE body with bufio and encoding/json, calling
// each with every event.
func plainStream(body []byte, each func(*plainChatEventUnion)) error {
	r := bufio.NewReaderSize(bytes.NewReader(body), 64<<10)
	for {
		line, err := r.ReadSlice('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if data, ok := bytes.CutPrefix(line, []byte("data: ")); ok {
			var ev plainChatEventUnion
			if err := json.Unmarshal(data, &ev); err != nil {
				return err
			}
			each(&ev)
		}
	}
}

// ourStream reads an SSE body through the SDK's stream, as ChatService.Stream does.
func ourStream(body []byte) *ssestream.Stream[beta.ChatEventUnion] {
	return ssestream.NewStream[beta.ChatEventUnion](ssestream.NewDecoder(io.NopCloser(bytes.NewReader(body))), nil)
}

func BenchmarkStream(b *testing.B) {
	body := chatStream(streamEvents)
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		cpu := benchcpu.Now()
		for range b.N {
			n := 0
			if err := plainStream(body, func(*plainChatEventUnion) { n++ }); err != nil || n != streamEvents {
				b.Fatal(n, err)
			}
		}
		benchcpu.Report(b, cpu)
	})
	b.Run("impl=ours", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		cpu := benchcpu.Now()
		for range b.N {
			n := 0
			for _, err := range ourStream(body).All() {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != streamEvents {
				b.Fatal(n)
			}
		}
		benchcpu.Report(b, cpu)
	})
}

// testStreamEvents is how many events TestStreamAlike decodes in a plain test run: every
// event type many times over. LLAMACLOUD_FULL_SIZE=1 makes it streamEvents.
const testStreamEvents = 4_000

// TestStreamAlike checks that both sides of BenchmarkStream decode the same events, every
// key known to the SDK's type.
func TestStreamAlike(t *testing.T) {
	t.Parallel()
	events := testStreamEvents
	if testmain.FullSize() {
		events = streamEvents
	}
	body := chatStream(events)
	var plain []plainChatEventUnion
	require.NoError(t, plainStream(body, func(ev *plainChatEventUnion) { plain = append(plain, *ev) }))
	var ours []beta.ChatEventUnion
	for ev, err := range ourStream(body).All() {
		require.NoError(t, err)
		ours = append(ours, ev)
	}
	require.Len(t, plain, events)
	require.Len(t, ours, events)
	var diffs []string
	compareValues("", ourValue(ours), ourValue(plain), &diffs)
	assert.Empty(t, diffs)
	assert.Empty(t, unknownKeys("", ourValue(ours)))
	types := map[beta.ChatEventType]int{}
	for _, ev := range ours {
		types[ev.Type]++
	}
	assert.Len(t, types, 8, "every event type is in the stream")
}

// TestStreamHeapFlat streams the chat events of TestStreamAlike (4,000, or 100,000 with
// LLAMACLOUD_FULL_SIZE=1) through Stream[beta.ChatEventUnion], dropping each value as the
// benchmark does, and samples the live heap every 500 events after a forced collection: it
// never grows by more than 256 KiB over where it started (the stream's read chunk, its
// current value and its decoder), however long the stream. It measures the heap, so it does
// not run in parallel.
func TestStreamHeapFlat(t *testing.T) {
	events := testStreamEvents
	if testmain.FullSize() {
		events = streamEvents
	}
	body := chatStream(events)
	base := settledHeap()
	s := ourStream(body)
	n, peak := 0, int64(0)
	for s.Next() {
		if n++; n%500 == 0 {
			peak = max(peak, liveHeap()-base)
		}
	}
	require.NoError(t, s.Err())
	require.Equal(t, events, n)
	t.Logf("%d events (%d bytes): live heap grew by at most %d bytes", n, len(body), peak)
	assert.LessOrEqual(t, peak, int64(256<<10))
}
