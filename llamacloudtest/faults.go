package llamacloudtest

import (
	"math/rand"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault describes an injected failure; see [Server.FailNext] and [Server.FailFraction]. The zero
// Fault does nothing. A Fault is applied in this order: wait Delay (ending early, without a response,
// if the request's context ends); then drop the connection if DropConnection; else answer Status with
// Body and the Retry-After headers if Status is set; else serve the request normally (a pure delay),
// and if DropResponse is set, drop the connection instead of writing the response.
//
// Faults apply to every request outside the API and to API requests that carry a valid API key
// (one without answers 401 before faults are looked at).
type Fault struct {
	// Status is the HTTP status to answer with, e.g. 503; 0 answers nothing (see DropConnection).
	Status int
	// RetryAfter is the value of the Retry-After header ("2" or an HTTP date); "" sends none.
	RetryAfter string
	// RetryAfterMS is the value of the retry-after-ms header; 0 sends none.
	RetryAfterMS int
	// Delay is how long to wait before answering. It ends early when the request's context ends.
	Delay time.Duration
	// DropConnection closes the connection without any response, before the request is served.
	DropConnection bool
	// DropResponse serves the request, so that what it creates or changes stays, and then closes
	// the connection without writing the response: the client sees a dropped connection for a
	// request that did happen, as when a network fails on the way back. With Status or
	// DropConnection set it does nothing; outside the API it acts as DropConnection.
	DropResponse bool
	// Body is the response body; "" sends {"detail": "<status text>"}.
	Body string
	// Header holds extra response headers, e.g. x-should-retry.
	Header http.Header
	// Path limits the fault to requests whose path starts with it; "" matches every request.
	Path string
}

type faultRule struct {
	fault     Fault
	remaining int        // FailNext: requests left to fail
	fraction  float64    // FailFraction: probability, or 0 for a FailNext rule
	rng       *rand.Rand // FailFraction: the seeded source
}

// FailNext makes the next n requests whose path matches f.Path fail with f. Rules added earlier
// are checked first. n <= 0 does nothing.
func (s *Server) FailNext(n int, f Fault) {
	if n <= 0 {
		return
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.faults = append(s.faults, &faultRule{fault: f, remaining: n})
}

// FailFraction makes each request whose path matches f.Path fail with f with probability p (in
// [0, 1]), drawn from a source seeded with seed so that a run repeats exactly for the same request
// sequence. It stays in force until [Server.ClearFaults].
func (s *Server) FailFraction(p float64, seed int64, f Fault) {
	if p <= 0 {
		return
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.faults = append(s.faults, &faultRule{fault: f, fraction: min(p, 1), rng: rand.New(rand.NewSource(seed))})
}

// ClearFaults removes every fault added by [Server.FailNext] and [Server.FailFraction].
func (s *Server) ClearFaults() {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.faults = nil
}

// nextFault returns the fault to apply to a request on path, consuming one FailNext use.
func (s *Server) nextFault(path string) (Fault, bool) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i, rule := range s.faults {
		if !strings.HasPrefix(path, rule.fault.Path) {
			continue
		}
		if rule.rng != nil {
			if rule.rng.Float64() < rule.fraction {
				return rule.fault, true
			}
			continue
		}
		rule.remaining--
		if rule.remaining <= 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return rule.fault, true
	}
	return Fault{}, false
}

// applyFault carries out f and reports whether the request should still be served normally.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			dropConnection(w) // the client is gone or the server is closing: no response
			return false
		}
	}
	if f.DropConnection {
		dropConnection(w)
		return false
	}
	if f.Status == 0 {
		return true
	}
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.RetryAfterMS > 0 {
		w.Header().Set("retry-after-ms", strconv.Itoa(f.RetryAfterMS))
	}
	if f.Body == "" {
		writeDetail(w, f.Status, http.StatusText(f.Status))
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Status)
	_, _ = w.Write([]byte(f.Body))
	return false
}

// dropConnection closes the request's connection without writing a response.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // not hijackable: net/http's documented way to abort a response
}
