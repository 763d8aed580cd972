package llamacloudtest

import (
	"net/http"
)

// RecordedRequest is one request the server received, as [Server.Requests] reports it.
type RecordedRequest struct {
	// Method is the HTTP method.
	Method string
	// Path is the path as sent, still escaped ("/api/v1/beta/directories/a%2Fb").
	Path string
	// RawQuery is the query string as sent, without "?".
	RawQuery string
	// Header holds the request headers; the value of Authorization is replaced by "REDACTED".
	Header http.Header
	// Body is the request body; it must not be modified.
	Body []byte
}

func (s *Server) record(r *http.Request, body []byte) {
	if s.cfg.recordLimit == 0 {
		return
	}
	h := r.Header.Clone()
	if _, ok := h["Authorization"]; ok {
		h.Set("Authorization", "REDACTED")
	}
	rec := RecordedRequest{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: h, Body: body}
	s.recMu.Lock()
	defer s.recMu.Unlock()
	if len(s.requests) >= 2*s.cfg.recordLimit { // drop the oldest in bulk: amortised O(1)
		n := copy(s.requests, s.requests[len(s.requests)-s.cfg.recordLimit:])
		clear(s.requests[n:])
		s.requests = s.requests[:n]
	}
	s.requests = append(s.requests, rec)
}

// Requests returns the requests received so far, oldest first: every request, including those
// answered with an error or an injected fault, up to the limit of [WithRecordLimit].
func (s *Server) Requests() []RecordedRequest {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	return append([]RecordedRequest(nil), s.requests[max(0, len(s.requests)-s.cfg.recordLimit):]...)
}

// ClearRequests forgets the requests recorded so far.
func (s *Server) ClearRequests() {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	s.requests = nil
}
