package ssestream

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"time"
)

const (
	// readSize is the size of the read buffer. Lines longer than this are assembled in a
	// separate buffer, so it bounds nothing but the size of one read.
	readSize = 64 << 10
	// maxEmptyReads is how many (0, nil) reads in a row are tolerated before reporting
	// [io.ErrNoProgress], as bufio does.
	maxEmptyReads = 100
)

// bom is the UTF-8 byte order mark that may start a stream.
var bom = []byte{0xEF, 0xBB, 0xBF}

// Event is one dispatched SSE event.
type Event struct {
	// Type is the value of the "event" field; "" means the default type, "message".
	Type string
	// ID is the last event ID seen on the stream. Per the spec it carries over to later
	// events until another "id" field changes it.
	ID string
	// Data is the event's data lines joined with "\n". It is valid only until the next
	// call to [Decoder.Next]; copy it to keep it.
	Data []byte
	// Retry is the last reconnection time the stream sent in a "retry" field, 0 if none.
	Retry time.Duration
}

// Decoder reads [Event] values from a text/event-stream body. Create one with
// [NewDecoder] and call [Decoder.Next] until it returns false, then check [Decoder.Err].
//
// Following the spec, an event that is not ended by a blank line before the end of the
// body is discarded; [Stream] reports such a cut as an error. The caller closes the body
// with [Decoder.Close]. A Decoder is not safe for concurrent use.
type Decoder struct {
	body io.ReadCloser

	buf  []byte // read buffer, allocated on the first read
	r, w int    // the unread bytes are buf[r:w]
	nl   int    // index of the next '\n' in buf[r:w] (w if none); stale when nl < r

	rerr    error // first error from body.Read, io.EOF included
	started bool  // the first read (and the BOM check) happened
	skipLF  bool  // the last line ended in a CR that ended the buffer: skip a leading LF
	done    bool  // Next has returned false
	closed  bool
	partial bool // the body ended inside an event that had data lines

	line []byte // a line that spans reads, assembled here
	data []byte // the data buffer of the event being read
	typ  string // the event type buffer
	id   string // the last event ID buffer

	retry    time.Duration
	ev       Event
	names    [4]string // recently seen event types, to reuse their strings
	nameNext int
	closeErr error
}

// NewDecoder returns a Decoder reading body. Nothing is read before the first call to
// [Decoder.Next].
func NewDecoder(body io.ReadCloser) *Decoder {
	return &Decoder{body: body, nl: -1}
}

// Next advances to the next event, which [Decoder.Event] then returns. It returns false at
// the end of the body, on a read error and after [Decoder.Close].
func (d *Decoder) Next() bool {
	if d.done || d.closed || d.body == nil {
		d.ev = Event{}
		return false
	}
	for {
		line, ok := d.readLine()
		if !ok {
			d.done = true
			d.partial = len(d.data) > 0
			d.ev = Event{}
			return false
		}
		if d.processLine(line) {
			return true
		}
	}
}

// Event returns the event [Decoder.Next] advanced to. Its Data is valid only until the next
// call to Next.
func (d *Decoder) Event() Event { return d.ev }

// Err returns the error that ended reading, or nil if the body ended cleanly (io.EOF). An
// incomplete last event is not an error here; see [Stream.Err].
func (d *Decoder) Err() error {
	if d.rerr == io.EOF {
		return nil
	}
	return d.rerr
}

// Close closes the body. It is idempotent: later calls do nothing and return the
// error of the first. After Close, [Decoder.Next] returns false.
func (d *Decoder) Close() error {
	if d.closed {
		return d.closeErr
	}
	d.closed = true
	if d.body != nil {
		d.closeErr = d.body.Close()
	}
	return d.closeErr
}

// processLine interprets one line and reports whether it dispatched an event into d.ev.
func (d *Decoder) processLine(line []byte) bool {
	if len(line) == 0 {
		return d.dispatch()
	}
	if line[0] == ':' {
		return false
	}
	field, value := line, []byte(nil)
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		field, value = line[:i], line[i+1:]
		if len(value) > 0 && value[0] == ' ' {
			value = value[1:]
		}
	}
	switch string(field) {
	case "data":
		d.data = append(d.data, value...)
		d.data = append(d.data, '\n')
	case "event":
		d.typ = d.intern(value)
	case "id":
		if bytes.IndexByte(value, 0) < 0 && string(value) != d.id {
			d.id = string(value)
		}
	case "retry":
		if ms, ok := parseRetry(value); ok {
			d.retry = time.Duration(ms) * time.Millisecond
		}
	}
	return false
}

// dispatch ends the current event at a blank line. It reports false, and dispatches
// nothing, when the event had no data lines.
func (d *Decoder) dispatch() bool {
	typ := d.typ
	d.typ = ""
	if len(d.data) == 0 {
		return false
	}
	d.ev = Event{Type: typ, ID: d.id, Data: d.data[:len(d.data)-1], Retry: d.retry}
	// The bytes stay in place until the next data line overwrites them, which is after the
	// caller's next call to Next.
	d.data = d.data[:0]
	return true
}

// intern returns value as a string, reusing the string of a recently seen equal value so
// that a stream alternating a few event types does not allocate per event.
func (d *Decoder) intern(value []byte) string {
	if len(value) == 0 {
		return ""
	}
	for _, s := range d.names {
		if s == string(value) {
			return s
		}
	}
	s := string(value)
	d.names[d.nameNext] = s
	d.nameNext = (d.nameNext + 1) % len(d.names)
	return s
}

// parseRetry parses a retry field value: one or more ASCII digits, in milliseconds. A value
// too large for a time.Duration is rejected like a malformed one.
func parseRetry(value []byte) (int64, bool) {
	if len(value) == 0 {
		return 0, false
	}
	const limit = math.MaxInt64 / int64(time.Millisecond)
	var ms int64
	for _, c := range value {
		if c < '0' || c > '9' {
			return 0, false
		}
		ms = ms*10 + int64(c-'0')
		if ms > limit {
			return 0, false
		}
	}
	return ms, true
}

// readLine returns the next line without its terminator (CRLF, LF or CR). The line is valid
// until the next call. At the end of the body a final unterminated line is still returned;
// ok is false once nothing is left.
func (d *Decoder) readLine() (line []byte, ok bool) {
	spanning := false
	for {
		if d.r == d.w {
			if d.rerr != nil {
				if spanning {
					return d.line, true
				}
				return nil, false
			}
			d.fill()
			continue
		}
		i := d.terminator()
		if i < 0 {
			// The line goes on past the buffered bytes: keep them and read more.
			if !spanning {
				d.line = d.line[:0]
				spanning = true
			}
			d.line = append(d.line, d.buf[d.r:d.w]...)
			d.r = d.w
			continue
		}
		seg := d.buf[d.r:i]
		next := i + 1
		if d.buf[i] == '\r' {
			if next < d.w {
				if d.buf[next] == '\n' {
					next++
				}
			} else {
				d.skipLF = true // CRLF may be split across reads: it is still one line end
			}
		}
		d.r = next
		if spanning {
			d.line = append(d.line, seg...)
			return d.line, true
		}
		return seg, true
	}
}

// terminator returns the index of the first CR or LF in buf[r:w], or -1. It remembers where
// the next LF is, so a stream of CR-terminated lines is scanned once, not once per line.
func (d *Decoder) terminator() int {
	if d.nl < d.r {
		if j := bytes.IndexByte(d.buf[d.r:d.w], '\n'); j >= 0 {
			d.nl = d.r + j
		} else {
			d.nl = d.w
		}
	}
	if j := bytes.IndexByte(d.buf[d.r:d.nl], '\r'); j >= 0 {
		return d.r + j
	}
	if d.nl < d.w {
		return d.nl
	}
	return -1
}

// fill replaces the consumed buffer with the next read. The first fill reads at least
// len(bom) bytes (or up to the end) so that a byte order mark split across reads is seen.
func (d *Decoder) fill() {
	d.r, d.w, d.nl = 0, 0, -1
	if !d.started {
		d.started = true
		d.buf = make([]byte, readSize)
		for d.w < len(bom) && d.rerr == nil {
			d.w += d.read(d.buf[d.w:])
		}
		if bytes.HasPrefix(d.buf[:d.w], bom) {
			d.r = len(bom)
		}
		return
	}
	d.w = d.read(d.buf)
	if d.skipLF && d.w > 0 {
		d.skipLF = false
		if d.buf[0] == '\n' {
			d.r = 1
		}
	}
}

// read reads into p, returning the byte count and recording any error in d.rerr. It only
// returns 0 with d.rerr set.
func (d *Decoder) read(p []byte) int {
	for range maxEmptyReads {
		n, err := d.body.Read(p)
		if n < 0 || n > len(p) {
			d.rerr = fmt.Errorf("llamacloud: stream body returned invalid read count %d", n)
			return 0
		}
		if err != nil {
			d.rerr = err
			return n
		}
		if n > 0 {
			return n
		}
	}
	d.rerr = io.ErrNoProgress
	return 0
}
