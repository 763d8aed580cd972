package llamacloudtest

import (
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

// ServeHTTP serves one request of the fake API: it records the request, reads its body, applies
// injected faults, and dispatches to the endpoint, which checks the API key.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	limit := s.cfg.maxUpload + 1<<20
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	tooLarge := int64(len(body)) > limit
	s.record(r, body)
	if err != nil && !tooLarge {
		writeDetail(w, http.StatusBadRequest, "could not read request body: "+err.Error())
		return
	}
	if tooLarge {
		w.Header().Set("Connection", "close")
		writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", limit))
		return
	}
	if f, ok := s.nextFault(r.URL.Path); ok {
		if !s.applyFault(w, r, f) {
			return
		}
	}
	c := &call{s: s, w: w, body: body, status: http.StatusOK, header: http.Header{}}
	s.mux.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callKey{}, c)))
}

type callKey struct{}

// endpoint wraps a route: authenticate, check org/project query values, run the handler while
// holding s.mu, then write the buffered response and run any streaming tail without the lock.
func (s *Server) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := r.Context().Value(callKey{}).(*call)
		if c == nil { // served through the mux without ServeHTTP; cannot happen, but stay safe
			c = &call{s: s, w: w, status: http.StatusOK, header: http.Header{}}
		}
		c.r = r
		c.q = r.URL.Query()
		func() {
			s.mu.Lock()
			defer s.mu.Unlock() // even if a handler panics, later requests must not deadlock
			if s.authorize(c) {
				rt.handle(c)
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
