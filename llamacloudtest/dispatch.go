package llamacloudtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
)

// route is one endpoint: pattern is in [http.ServeMux] syntax without the method, e.g.
// "/api/v1/beta/agent-data/{item_id}". The handler runs holding s.mu (see [call]). Handlers read
// their input with the helpers of params.go and answer through [call] (call.go).
type route struct {
	method  string
	pattern string
	handle  func(c *call)
}

// ServeHTTP serves one request. A request for an API route is checked in this order: the API key
// (401 before the body is read), the body (413 past the upload limit), the request log, injected
// faults, then the endpoint. Any other request (a presigned download, an unknown path) is recorded
// without its body, meets the faults, and is answered without reading its body.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, pattern := s.mux.Handler(r)
	if _, ok := s.routes[pattern]; !ok {
		s.record(r, nil, 0)
		if s.fault(w, r, nil) {
			s.mux.ServeHTTP(w, r)
		}
		return
	}
	projectID, ok := s.authenticate(w, r)
	if !ok {
		s.record(r, nil, 0)
		return
	}
	limit := s.cfg.maxUpload + 1<<20
	body, err := readBody(r, limit)
	s.record(r, body, int64(len(body)))
	tooLarge := int64(len(body)) > limit
	if err != nil && !tooLarge {
		writeDetail(w, http.StatusBadRequest, "could not read request body: "+err.Error())
		return
	}
	if tooLarge {
		w.Header().Set("Connection", "close")
		writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", limit))
		return
	}
	c := &call{s: s, w: w, body: body, project: projectID, status: http.StatusOK, header: http.Header{}}
	if !s.fault(w, r, c) {
		return
	}
	s.mux.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callKey{}, c)))
}

// readBody reads up to limit+1 bytes of r's body, in one allocation when the length is declared.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if n := r.ContentLength; n > 0 && n <= limit {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	return buf.Bytes(), err
}

// fault applies the next injected fault matching r, if any, and reports whether to go on serving.
// c is the API call being served, nil outside the API.
func (s *Server) fault(w http.ResponseWriter, r *http.Request, c *call) bool {
	f, ok := s.nextFault(r.URL.Path)
	if !ok {
		return true
	}
	if f.DropResponse && f.Status == 0 {
		if c == nil {
			f.DropConnection = true
		} else {
			c.dropResponse = true
		}
	}
	return s.applyFault(w, r, f)
}

type callKey struct{}

// endpoint wraps a route: check org/project query values, run the handler while holding s.mu,
// then write the buffered response and run any streaming tail without the lock.
func (s *Server) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := r.Context().Value(callKey{}).(*call)
		if c == nil { // served through the mux without ServeHTTP; cannot happen, but stay safe
			writeDetail(w, http.StatusInternalServerError, "llamacloudtest: request bypassed ServeHTTP")
			return
		}
		c.r = r
		c.q = r.URL.Query()
		func() {
			s.mu.Lock()
			defer s.mu.Unlock() // even if a handler panics, later requests must not deadlock
			if s.authorize(c) && !c.idempotentReplay() {
				rt.handle(c)
				c.rememberIdempotent()
			}
		}()
		c.flush()
	})
}

// notFound answers paths no route has, 405 when the path exists under another method.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pattern := s.mux.Handler(r2); pattern != "" && pattern != "/" {
			writeDetail(w, http.StatusMethodNotAllowed, "Method Not Allowed")
			return
		}
	}
	writeDetail(w, http.StatusNotFound, "Not Found")
}
