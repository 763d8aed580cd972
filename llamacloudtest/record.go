package llamacloudtest

import (
	"bytes"
	"net/http"

	"github.com/run-llama/llama-cloud-go/internal/credential"
)

// RecordBodyLimit is how many bytes of a request body [Server.Requests] keeps: the first 64 KiB.
// [RecordedRequest.BodySize] has the full length.
const RecordBodyLimit = 64 << 10

// RecordedRequest is one request the server received, as [Server.Requests] reports it.
type RecordedRequest struct {
	// Method is the HTTP method.
	Method string
	// Path is the path as sent, still escaped ("/api/v1/beta/directories/a%2Fb").
	Path string
	// RawQuery is the query string as sent, without "?".
	RawQuery string
	// Header holds the request headers. The values of the headers that carry credentials
	// (Authorization, Proxy-Authorization, Cookie, X-Api-Key, …: the list the SDK masks in
	// its logs and errors) are replaced by "REDACTED".
	Header http.Header
	// Body is the start of the request body: all of it up to [RecordBodyLimit] bytes, its first
	// RecordBodyLimit bytes when longer. It must not be modified. A request the server answered
	// without reading its body (a missing or invalid API key, a path outside the API) has none.
	Body []byte
	// BodySize is the length of the body the server read, which is more than len(Body) when the
	// body was cut to RecordBodyLimit bytes; 0 when the body was not read.
	BodySize int64
}

// record logs r with the body the server read from it (size bytes, of which body holds all or,
// for a body past the upload limit, the first limit+1).
func (s *Server) record(r *http.Request, body []byte, size int64) {
	if s.cfg.recordLimit == 0 {
		return
	}
	h := r.Header.Clone()
	credential.Redact(h)
	if len(body) > RecordBodyLimit {
		body = bytes.Clone(body[:RecordBodyLimit]) // a copy, so the log does not pin the whole body
	}
	rec := RecordedRequest{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: h, Body: body, BodySize: size}
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
