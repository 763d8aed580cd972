package ssestream_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/benchcpu"
	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// benchEvent holds every field of the chat events in the benchmark stream.
type benchEvent struct {
	Type      string          `json:"type"`
	Content   string          `json:"content"`
	CallID    string          `json:"call_id"`
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
	IsError   bool            `json:"is_error"`
}

// benchStream returns n chat events: mostly small text and thinking deltas, with a complete
// text, tool call or stop message every tenth event.
func benchStream(n int) []byte {
	var buf bytes.Buffer
	for i := range n {
		switch {
		case i%10 == 9 && i%30 == 9:
			fmt.Fprintf(&buf, "event: message\ndata: {\"type\":\"text\",\"content\":\"The invoice total for March is $%d.00, due on the 15th; the vendor is Acme Corp and the PO number is PO-%06d.\"}\n\n", i, i)
		case i%10 == 9 && i%30 == 19:
			fmt.Fprintf(&buf, "event: message\ndata: {\"type\":\"tool_call\",\"call_id\":\"call_%d\",\"name\":\"search_index\",\"arguments\":{\"query\":\"invoice total march\",\"top_k\":5,\"filters\":{\"year\":2024}}}\n\n", i)
		case i%10 == 9:
			buf.WriteString("event: message\ndata: {\"type\":\"stop\",\"is_error\":false,\"usage\":{\"turns\":2,\"total_input_tokens\":1234}}\n\n")
		case i%3 == 0:
			fmt.Fprintf(&buf, "event: delta\ndata: {\"type\":\"thinking_delta\",\"content\":\"check %d\"}\n\n", i)
		default:
			fmt.Fprintf(&buf, "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"token%d \"}\n\n", i)
		}
	}
	return buf.Bytes()
}

func BenchmarkStream(b *testing.B) {
	const events = 100_000
	data := benchStream(events)
	b.Run("ssestream", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		cpu := benchcpu.Now()
		for range b.N {
			s := ssestream.NewStream[benchEvent](ssestream.NewDecoder(io.NopCloser(bytes.NewReader(data))), nil)
			n := 0
			for s.Next() {
				n++
			}
			if s.Err() != nil || n != events {
				b.Fatalf("got %d events, err %v", n, s.Err())
			}
		}
		benchcpu.Report(b, cpu)
	})
	b.Run("baseline_bufio_encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		cpu := benchcpu.Now()
		for range b.N {
			r := bufio.NewReaderSize(bytes.NewReader(data), 64<<10)
			n := 0
			for {
				line, err := r.ReadSlice('\n')
				if err != nil {
					break
				}
				if payload, ok := bytes.CutPrefix(line, []byte("data: ")); ok {
					var v benchEvent
					if err := json.Unmarshal(payload, &v); err != nil {
						b.Fatal(err)
					}
					n++
				}
			}
			if n != events {
				b.Fatalf("got %d events", n)
			}
		}
		benchcpu.Report(b, cpu)
	})
}

// BenchmarkDecoder measures the SSE framing alone, without JSON decoding.
func BenchmarkDecoder(b *testing.B) {
	data := benchStream(100_000)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu := benchcpu.Now()
	for range b.N {
		dec := ssestream.NewDecoder(io.NopCloser(bytes.NewReader(data)))
		for dec.Next() {
		}
		if dec.Err() != nil {
			b.Fatal(dec.Err())
		}
	}
	benchcpu.Report(b, cpu)
}
