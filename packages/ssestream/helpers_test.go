package ssestream_test

import (
	"bytes"
	"io"
	"time"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// oneByteReader returns one byte per Read.
type oneByteReader struct{ data []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.data[0]
	r.data = r.data[1:]
	return 1, nil
}

// splitReader returns data in reads that end at the given offsets (ascending), then the rest.
type splitReader struct {
	data []byte
	pos  int
	cuts []int
}

func (r *splitReader) Read(p []byte) (int, error) {
	if r.pos == len(r.data) {
		return 0, io.EOF
	}
	end := len(r.data)
	for len(r.cuts) > 0 && r.cuts[0] <= r.pos {
		r.cuts = r.cuts[1:]
	}
	if len(r.cuts) > 0 && r.cuts[0] < end {
		end = r.cuts[0]
	}
	n := copy(p, r.data[r.pos:end])
	r.pos += n
	return n, nil
}

// closeTracker is a body that counts its reads and Close calls.
type closeTracker struct {
	r      io.Reader
	reads  int
	closes int
}

func (c *closeTracker) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

func (c *closeTracker) Close() error {
	c.closes++
	return nil
}

func newTracker(s string) *closeTracker { return &closeTracker{r: bytes.NewReader([]byte(s))} }

// errAfterReader returns data, then err.
type errAfterReader struct {
	data []byte
	err  error
}

func (r *errAfterReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// event is a comparable copy of an ssestream.Event.
type event struct {
	Type, ID, Data string
	Retry          time.Duration
}

// decodeAll reads every event of r and returns copies of them with the decoder's error.
func decodeAll(r io.Reader) ([]event, error) {
	dec := ssestream.NewDecoder(io.NopCloser(r))
	defer dec.Close()
	var got []event
	for dec.Next() {
		ev := dec.Event()
		got = append(got, event{Type: ev.Type, ID: ev.ID, Data: string(ev.Data), Retry: ev.Retry})
	}
	return got, dec.Err()
}

// readers returns the ways the tests feed a body: whole, byte by byte, and split in two
// at its middle.
func readers() []struct {
	name string
	make func(data string) io.Reader
} {
	return []struct {
		name string
		make func(data string) io.Reader
	}{
		{"whole", func(data string) io.Reader { return bytes.NewReader([]byte(data)) }},
		{"one_byte", func(data string) io.Reader { return &oneByteReader{data: []byte(data)} }},
		{"halves", func(data string) io.Reader { return &splitReader{data: []byte(data), cuts: []int{len(data) / 2}} }},
	}
}

// sampleStream is a chat stream using every feature of the format.
const sampleStream = "\xEF\xBB\xBF: keep-alive\r\n" +
	"retry: 1500\n" +
	"id: 1\n" +
	"event: delta\n" +
	"data: {\"type\":\"text_delta\",\"content\":\"Hel\"}\n\n" +
	"event: delta\r\n" +
	"data:{\"type\":\"text_delta\",\"content\":\"lo\"}\r\n\r\n" +
	"id: 2\r" +
	"event: message\r" +
	"data: {\"type\":\"text\",\r" +
	"data:  \"content\":\"Hello\"}\r\r" +
	": comment\n" +
	"data\n\n" +
	"id: bad\x00id\n" +
	"unknown: field\n" +
	"event: message\n" +
	"data: {\"type\":\"stop\",\"is_error\":false}\n\n"
