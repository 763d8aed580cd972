package testserver

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Prefix is the base path every [Server] is mounted under: [Server.URL] ends with it.
const Prefix = "/prefix"

// missingPrefix starts the recorded Path of a request outside [Prefix].
const missingPrefix = "MISSING PREFIX "

// nextTimeout is how long [Server.Next] waits for a request.
const nextTimeout = 10 * time.Second

// Request is what a [Server] saw of one request. Header and Body belong to the record:
// read them, do not change them.
type Request struct {
	Method string
	// Path is the escaped path without [Prefix] ("/api/v1/beta/directories/a%2Fb"). For a
	// request outside the prefix it is "MISSING PREFIX " followed by the whole path.
	Path     string
	RawQuery string     // the query as sent, in its order
	Query    url.Values // the query parsed
	Header   http.Header
	Body     []byte // the whole body; empty, not nil, for a request without one
}

// Reply is a fixed answer: the zero Reply is an empty 200. A non-nil Body is sent with
// Content-Type application/json unless Header sets another.
type Reply struct {
	Status int               // 0 means 200
	Header map[string]string // set on the response, after the default Content-Type
	Body   []byte
}

// ServeHTTP writes the reply.
func (rep Reply) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	if rep.Body != nil {
		h.Set("Content-Type", "application/json")
	}
	for k, v := range rep.Header {
		h.Set(k, v)
	}
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(rep.Body)
}

// Func answers each request with the [Reply] it returns for the record of that request, for
// answers that depend on the query, the body or the requests before. A [Server] may run it
// on several goroutines at once: state it keeps needs a lock.
type Func func(Request) Reply

// ServeHTTP answers r with f's reply. Outside a [Server] it records r itself.
func (f Func) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, ok := r.Context().Value(recordKey{}).(Request)
	if !ok {
		req, _ = record(r, "")
	}
	f(req).ServeHTTP(w, r)
}

// recordKey keys the record of a request in the context its handler gets.
type recordKey struct{}

// Server is a running scripted server (see the package doc). It is closed when the test
// that made it ends. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL for a client: the server's address and [Prefix], without a
	// trailing slash ("http://127.0.0.1:40211/prefix").
	URL string

	timeout time.Duration // of Next
	script  []http.Handler
	arrived chan struct{} // holds a token once a request was recorded since Next last looked

	mu       sync.Mutex
	requests []Request
	read     int // how many of requests Next has handed out
	answered int // how many requests under the prefix took a turn of the script
}

// New starts a Server on 127.0.0.1 answering with script (see the package doc) and closes
// it with t.Cleanup. A nil handler in script fails the test at once.
func New(t testing.TB, script ...http.Handler) *Server {
	t.Helper()
	for i, h := range script {
		if h == nil {
			t.Fatalf("testserver: script handler %d is nil", i)
		}
	}
	s := &Server{timeout: nextTimeout, script: script, arrived: make(chan struct{}, 1)}
	hs := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(hs.Close)
	s.URL = hs.URL + Prefix
	return s
}

// serve records r, then has the script's handler of its turn answer it.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	req, inside := record(r, Prefix)
	var h http.Handler = Reply{}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	if inside {
		if len(s.script) > 0 {
			h = s.script[min(s.answered, len(s.script)-1)]
		}
		s.answered++
	}
	s.mu.Unlock()
	select {
	case s.arrived <- struct{}{}:
	default: // a token is waiting already
	}
	if !inside {
		Reply{Status: http.StatusNotFound, Body: []byte(`{"detail":"testserver: the path is outside the base path ` + Prefix + `"}`)}.ServeHTTP(w, r)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(req.Body))
	h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), recordKey{}, req)))
}

// record reads r's whole body (what arrived, if the client went away) and returns what a
// Server under prefix saw of r, and whether r's path is under prefix.
func record(r *http.Request, prefix string) (Request, bool) {
	body, _ := io.ReadAll(r.Body)
	if body == nil {
		body = []byte{}
	}
	path := r.URL.EscapedPath()
	rest, inside := strings.CutPrefix(path, prefix)
	inside = inside && (rest == "" || rest[0] == '/')
	if inside {
		path = rest
	} else {
		path = missingPrefix + path
	}
	return Request{
		Method:   r.Method,
		Path:     path,
		RawQuery: r.URL.RawQuery,
		Query:    r.URL.Query(),
		Header:   r.Header.Clone(),
		Body:     body,
	}, inside
}

// Next returns the first request that Next has not returned yet, waiting for it to arrive
// if need be. If none arrives within ten seconds it fails the test with t.Fatalf, so call it
// from the test's goroutine, never from a handler.
func (s *Server) Next(t testing.TB) Request {
	t.Helper()
	deadline := time.NewTimer(s.timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.read < len(s.requests) {
			req := s.requests[s.read]
			s.read++
			s.mu.Unlock()
			return req
		}
		seen := len(s.requests)
		s.mu.Unlock()
		select {
		case <-s.arrived:
		case <-deadline.C:
			t.Fatalf("testserver: no request arrived within %v; all %d before were read", s.timeout, seen)
			return Request{}
		}
	}
}

// Unread returns the requests that [Server.Next] has not returned yet, without marking
// them read: assert.Empty(t, srv.Unread()) checks that nothing more was sent.
func (s *Server) Unread() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests[s.read:]...)
}

// Requests returns every request recorded so far, in the order they arrived, whether
// [Server.Next] returned them or not.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}
