package ssestream

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"time"
)

const (
	// firstChunk is the size of the first read buffer (chunk); each next one is twice as
	// large, up to readSize, so that a short stream holds little.
	firstChunk = 4 << 10
	// readSize is the size of a full-grown chunk. A line longer than a chunk moves to a
	// larger one, so it bounds nothing but the size of one read.
	readSize = 64 << 10
	// maxEmptyReads is how many (0, nil) reads in a row are tolerated before reporting
	// [io.ErrNoProgress], as bufio does.
	maxEmptyReads = 100
)

// DefaultMaxEventBytes is the limit a [Decoder] starts with: 32 MiB for one line and for
// the data of one event. Real events are a few KiB; the limit bounds the memory that a
// broken or hostile server can make a stream hold, without cutting any event a real server
// sends. Change it with [Decoder.SetMaxEventBytes] (or, for the SDK's streams,
// option.WithMaxStreamEventBytes).
const DefaultMaxEventBytes = 32 << 20

// bom is the UTF-8 byte order mark that may start a stream.
var bom = []byte{0xEF, 0xBB, 0xBF}

// Event is one dispatched SSE event.
type Event struct {
	// Type is the value of the "event" field; "" means the default type, "message".
	Type string
	// ID is the last event ID seen on the stream. Per the spec it carries over to later
	// events until another "id" field changes it.
	ID string
	// Data is the event's data lines joined with "\n". The decoder never writes to it again
	// once it is returned, so it stays as it is after later calls to [Decoder.Next]; it may
	// share memory with the events around it.
	Data []byte
	// Retry is the last reconnection time the stream sent in a "retry" field, 0 if none.
	Retry time.Duration
}

// EventTooLargeError ends a stream with a line, or an event's data, larger than the
// decoder's limit ([DefaultMaxEventBytes] unless changed). Test for it with errors.As.
type EventTooLargeError struct {
	// Limit is the limit that was passed, in bytes.
	Limit int64
}

// Error names the limit and the option that changes it.
func (e *EventTooLargeError) Error() string {
	return fmt.Sprintf("llamacloud: stream event larger than the %d-byte limit (option.WithMaxStreamEventBytes)", e.Limit)
}

// Decoder reads [Event] values from a text/event-stream body. Create one with
// [NewDecoder] and call [Decoder.Next] until it returns false, then check [Decoder.Err].
//
// Following the spec, an event that is not ended by a blank line before the end of the
// body is discarded; [Stream] reports such a cut as an error. A line or an event's data
// longer than the limit ([Decoder.SetMaxEventBytes]) ends reading with an
// [*EventTooLargeError]. The caller closes the body with [Decoder.Close]. A Decoder is not
// safe for concurrent use.
//
// The body is read into chunks (4 KiB, then twice as large each time up to 64 KiB) that are
// only ever appended to: when one is full the next is a new allocation, which the
// unfinished line moves to. So an event's Data,
// usually a slice of a chunk, is never overwritten, and a chunk is freed once nothing
// refers to it any more.
type Decoder struct {
	body io.ReadCloser
	max  int64 // the limit of one line and of one event's data

	buf  []byte // the current chunk; buf[:w] is filled and buf[:r] consumed
	r, w int
	nl   int // index of the first '\n' in buf[r:w], w if none; stale when nl < r
	cr   int // the same for '\r'

	rerr    error // first error from body.Read, io.EOF included
	err     error // a line or event over the limit
	skipLF  bool  // the last line ended in a CR that ended the buffer: skip a leading LF
	done    bool  // Next has returned false
	closed  bool
	partial bool // the body ended inside an event that had data lines

	ndata int    // the data lines of the event being read
	first []byte // the value of its first data line
	data  []byte // its data, when it has more than one line (a new buffer per event)
	typ   string // its type
	id    string // the last event ID

	retry    time.Duration
	ev       Event
	names    [4]string // recently seen event types, to reuse their strings
	nameNext int
	closeErr error
}

// NewDecoder returns a Decoder reading body with the limit [DefaultMaxEventBytes]. Nothing
// is read before the first call to [Decoder.Next].
func NewDecoder(body io.ReadCloser) *Decoder {
	return &Decoder{body: body, max: DefaultMaxEventBytes}
}

// SetMaxEventBytes sets the most bytes one line, and the data of one event, may hold;
// n <= 0 restores [DefaultMaxEventBytes]. Reading past it ends the stream with an
// [*EventTooLargeError]; memory stays within about twice the limit. Call it before the
// first [Decoder.Next].
func (d *Decoder) SetMaxEventBytes(n int64) {
	if n <= 0 {
		n = DefaultMaxEventBytes
	}
	d.max = n
}

// Next advances to the next event, which [Decoder.Event] then returns. It returns false at
// the end of the body, on a read error, on a line or event over the limit, and after
// [Decoder.Close].
func (d *Decoder) Next() bool {
	if d.done || d.closed || d.body == nil {
		d.ev = Event{}
		return false
	}
	for {
		line, ok := d.readLine()
		if ok && d.processLine(line) {
			return true
		}
		if !ok || d.err != nil {
			d.done = true
			d.partial = d.ndata > 0
			d.ev = Event{}
			return false
		}
	}
}

// Event returns the event [Decoder.Next] advanced to.
func (d *Decoder) Event() Event { return d.ev }

// Err returns the error that ended reading: an [*EventTooLargeError], a read error, or nil
// if the body ended cleanly (io.EOF). An incomplete last event is not an error here; see
// [Stream.Err].
func (d *Decoder) Err() error {
	if d.err != nil {
		return d.err
	}
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
	// Most lines of a stream are data and event lines: they skip the general field parsing.
	if len(line) >= 5 && line[4] == ':' && string(line[:4]) == "data" {
		d.addData(fieldValue(line[5:]))
		return false
	}
	if len(line) >= 6 && line[5] == ':' && string(line[:5]) == "event" {
		d.typ = d.intern(fieldValue(line[6:]))
		return false
	}
	if line[0] == ':' {
		return false
	}
	field, value := line, []byte(nil)
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		field, value = line[:i], fieldValue(line[i+1:])
	}
	switch string(field) {
	case "data":
		d.addData(value)
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

// fieldValue is the value of a field from what follows its colon: one leading space is
// dropped.
func fieldValue(rest []byte) []byte {
	if len(rest) > 0 && rest[0] == ' ' {
		return rest[1:]
	}
	return rest
}

// addData adds a data line's value to the event. The value of a lone data line is kept
// where it lies in its chunk; a second line joins them in a buffer of this event's own.
func (d *Decoder) addData(value []byte) {
	d.ndata++
	switch d.ndata {
	case 1:
		d.first = value
		return
	case 2:
		d.data = append(make([]byte, 0, 2*(len(d.first)+1+len(value))), d.first...)
	}
	if int64(len(d.data)+1+len(value)) > d.max {
		d.err = &EventTooLargeError{Limit: d.max}
		return
	}
	d.data = append(d.data, '\n')
	d.data = append(d.data, value...)
}

// dispatch ends the current event at a blank line. It reports false, and dispatches
// nothing, when the event had no data lines.
func (d *Decoder) dispatch() bool {
	typ := d.typ
	d.typ = ""
	if d.ndata == 0 {
		return false
	}
	data := d.first
	if d.ndata > 1 {
		data = d.data
	}
	d.ndata, d.first, d.data = 0, nil, nil
	d.ev = Event{Type: typ, ID: d.id, Data: data, Retry: d.retry}
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

// readLine returns the next line without its terminator (CRLF, LF or CR), a slice of the
// current chunk. At the end of the body a final unterminated line is still returned; ok is
// false once nothing is left, and on a line over the limit (d.err is set then).
func (d *Decoder) readLine() (line []byte, ok bool) {
	for {
		if i := d.terminator(); i >= 0 {
			if int64(i-d.r) > d.max {
				d.err = &EventTooLargeError{Limit: d.max}
				return nil, false
			}
			line = d.buf[d.r:i]
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
			return line, true
		}
		if int64(d.w-d.r) > d.max {
			d.err = &EventTooLargeError{Limit: d.max}
			return nil, false
		}
		if d.rerr != nil {
			if d.r < d.w {
				line, d.r = d.buf[d.r:d.w], d.w
				return line, true
			}
			return nil, false
		}
		d.fill()
	}
}

// terminator returns the index of the first CR or LF in buf[r:w], or -1. It remembers where
// the next of each is, so each byte is searched about once for each: a stream without CRs
// costs one search per line, and one per read for the CRs.
func (d *Decoder) terminator() int {
	if d.nl < d.r {
		d.nl = d.r + index(d.buf[d.r:d.w], '\n')
	}
	if d.cr < d.r {
		d.cr = d.r + index(d.buf[d.r:d.w], '\r')
	}
	if i := min(d.nl, d.cr); i < d.w {
		return i
	}
	return -1
}

// index returns the index of c in b, or len(b).
func index(b []byte, c byte) int {
	if i := bytes.IndexByte(b, c); i >= 0 {
		return i
	}
	return len(b)
}

// fill reads more of the body after buf[:w], which holds no line end past r. When the chunk
// is full, the unfinished line moves to a new chunk, twice as large as the last (up to
// readSize) or as the line (up to the limit). The first fill reads at least len(bom) bytes (or up to the end) so that a
// byte order mark split across reads is seen.
func (d *Decoder) fill() {
	if d.buf == nil {
		d.buf = make([]byte, firstChunk)
		for d.w < len(bom) && d.rerr == nil {
			d.w += d.read(d.buf[d.w:])
		}
		if bytes.HasPrefix(d.buf[:d.w], bom) {
			d.r = len(bom)
		}
		d.nl, d.cr = -1, -1 // both searched from r next
		return
	}
	if d.w == len(d.buf) {
		tail := d.w - d.r
		size := max(min(2*len(d.buf), readSize), int(min(2*int64(tail), d.max+1)))
		buf := make([]byte, size)
		d.w = copy(buf, d.buf[d.r:d.w])
		d.buf, d.r = buf, 0
		d.nl, d.cr = d.w, d.w
	}
	start := d.w
	d.w += d.read(d.buf[start:])
	if d.skipLF && d.w > start {
		d.skipLF = false
		if d.buf[start] == '\n' {
			d.r = start + 1
		}
	}
	// Where none was found before this read, search only what it added.
	if d.nl == start {
		d.nl = start + index(d.buf[start:d.w], '\n')
	}
	if d.cr == start {
		d.cr = start + index(d.buf[start:d.w], '\r')
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
