package ssestream

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// maxNotStreamBody is how much of a response that is not an event stream is read for its
// error.
const maxNotStreamBody = 64 << 10

// ContentTypeError reports a response that is not an event stream: its Content-Type is not
// text/event-stream, as when a gateway or the API answers a stream request with a JSON
// error document ({"detail":"quota exceeded"}) or an HTML page, and with a success status.
// A stream that starts with such a response ends with this error rather than with no
// events and no error. Test for it with errors.As.
type ContentTypeError struct {
	// StatusCode is the response's HTTP status.
	StatusCode int
	// ContentType is the response's Content-Type header, "" when it had none.
	ContentType string
	// Body is the start of the response body (at most 64 KiB).
	Body string
	// Message is the error text of Body: its "message", "detail" or "error" member when it
	// is a JSON document (as [EventError.Message] finds it), else its first line of text,
	// trimmed; "" for an empty body.
	Message string
}

// Error names the content type and the body's message, e.g. `llamacloud: stream response
// is "application/json", not text/event-stream: quota exceeded`.
func (e *ContentTypeError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "empty body"
		if strings.TrimSpace(e.Body) != "" {
			msg = "no message in the body"
		}
	}
	return fmt.Sprintf("llamacloud: stream response is %q (status %d), not text/event-stream: %s", e.ContentType, e.StatusCode, msg)
}

// NewResponseDecoder returns a Decoder over resp's body after checking that resp is an
// event stream. If its Content-Type is not text/event-stream it reads up to 64 KiB of the
// body, closes it and returns a [*ContentTypeError]. A nil resp or body is an error too.
func NewResponseDecoder(resp *http.Response) (*Decoder, error) {
	if resp == nil || resp.Body == nil {
		return nil, errors.New("llamacloud: stream response has no body")
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err == nil && mt == "text/event-stream" {
		return NewDecoder(resp.Body), nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxNotStreamBody))
	_ = resp.Body.Close()
	e := &ContentTypeError{StatusCode: resp.StatusCode, ContentType: ct, Body: string(body)}
	if json.Valid(body) {
		e.Message = errorMessage(body, 0)
	} else {
		line, _, _ := strings.Cut(strings.TrimSpace(e.Body), "\n")
		e.Message = strings.TrimSpace(line)
	}
	if len(e.Message) > 200 {
		e.Message = strings.ToValidUTF8(e.Message[:200], "") + "…"
	}
	return nil, e
}
