package llamacloudtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// call is one request being served by a route handler. Handlers run while holding s.mu: they
// read and change project state freely and must not block. Responses are buffered and written
// after the lock is released; a handler that streams hands its events to [call.stream].
type call struct {
	s       *Server
	w       http.ResponseWriter
	r       *http.Request
	q       url.Values
	body    []byte
	form    map[string]string // the fields of a multipart body, once its handler has read them
	project string            // the caller's project ID
	p       *projectState     // the caller's project

	status int
	header http.Header
	out    []byte
	events []sseEvent // a streamed response: written after the lock is released, see stream.go

	dropResponse bool // a DropResponse fault: serve, then close the connection instead of answering
}

// query returns the first value of the query parameter name, or "".
func (c *call) query(name string) string { return c.q.Get(name) }

// pathValue returns the decoded value of the path wildcard name.
func (c *call) pathValue(name string) string { return c.r.PathValue(name) }

// writeJSON buffers v as the JSON response with the given status.
func (c *call) writeJSON(status int, v any) {
	b, err := marshalJSON(v)
	if err != nil {
		c.fail(http.StatusInternalServerError, "encode response: "+err.Error())
		return
	}
	c.status = status
	c.header.Set("Content-Type", "application/json")
	c.out = b
}

// fail buffers an error response {"detail": detail}. Every 409 the fake sends is a permanent
// conflict (a unique_id already taken): waiting does not change the answer, so it carries
// x-should-retry: false and a client that retries 409 (as the SDK does) fails at once.
func (c *call) fail(status int, detail string) {
	if status == http.StatusConflict {
		c.header.Set("X-Should-Retry", "false")
	}
	c.writeJSON(status, map[string]string{"detail": detail})
}

// notFound answers 404 naming the kind and ID of the missing object.
func (c *call) notFound(kind, id string) {
	c.fail(http.StatusNotFound, fmt.Sprintf("%s %q not found", kind, id))
}

// validationError is one entry of a 422 response.
type validationError struct {
	Loc   []any  `json:"loc"`
	Msg   string `json:"msg"`
	Type  string `json:"type"`
	Input any    `json:"input"` // pydantic v2's input member, always present; see inputAt
}

// invalid buffers a 422 response with one validation error, e.g.
// invalid([]any{"body", "name"}, "Field required", "missing").
func (c *call) invalid(loc []any, msg, typ string) {
	c.writeJSON(http.StatusUnprocessableEntity, map[string]any{"detail": []validationError{{Loc: loc, Msg: msg, Type: typ, Input: c.inputAt(loc)}}})
}

// flush writes the buffered response and runs the streaming tail; under a DropResponse fault it
// closes the connection instead.
func (c *call) flush() {
	if c.dropResponse {
		dropConnection(c.w)
		return
	}
	for k, v := range c.header {
		c.w.Header()[k] = v
	}
	if c.events != nil {
		c.w.WriteHeader(c.status)
		c.s.writeEvents(c.r.Context(), c.w, c.events)
		return
	}
	if c.out == nil {
		c.w.WriteHeader(c.status)
		return
	}
	c.w.Header().Set("Content-Length", fmt.Sprint(len(c.out)))
	c.w.WriteHeader(c.status)
	_, _ = c.w.Write(c.out)
}

// writeDetail writes {"detail": detail} straight to w, for answers given outside a route.
func writeDetail(w http.ResponseWriter, status int, detail string) {
	b, _ := marshalJSON(map[string]string{"detail": detail})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// marshalJSON is json.Marshal without HTML escaping and without the trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := newJSONEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// newJSONEncoder returns an encoder that leaves <, > and & alone, as the service does.
func newJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
