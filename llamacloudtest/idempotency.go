package llamacloudtest

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"
)

// Limits of the Idempotency-Key store of each project (see the package doc).
const (
	// idempotencyMaxKeys is how many of a project's most recent keys are kept.
	idempotencyMaxKeys = 1000
	// idempotencyMaxBytes bounds the bytes of the responses a project keeps for its keys.
	idempotencyMaxBytes = 16 << 20
	// idempotencyTTL is how long, by the server's clock, a key is kept (Stripe keeps 24 hours).
	idempotencyTTL = 24 * time.Hour
	// idempotencyMaxKeyLen is the longest key accepted, as with Stripe.
	idempotencyMaxKeyLen = 255
)

// idempotencyHeader is the request header naming a POST's idempotency key.
const idempotencyHeader = "Idempotency-Key"

// idempotencyStore holds the responses a project gave to POSTs with an Idempotency-Key, oldest
// first, within the limits above. The zero value is ready to use. The caller holds s.mu.
type idempotencyStore struct {
	byKey map[string]*idempotentResponse
	order []*idempotentResponse // oldest first from head; entries before head are gone
	head  int
	bytes int
}

// idempotentResponse is the first response to a request with a given key, and what the request
// was, so that a repeat can be told from another request reusing the key.
type idempotentResponse struct {
	key         string
	fingerprint [sha256.Size]byte // of method, escaped path, raw query and body
	request     string            // "POST /api/v1/beta/directories", for the error on reuse
	at          time.Time
	size        int

	status int
	header http.Header
	out    []byte
	events []sseEvent
}

// fingerprint identifies the request of c for the key store: its method, path, query and body. The
// boundary of a multipart body is left out, since a client may draw a new one for each attempt.
func (c *call) fingerprint() [sha256.Size]byte {
	h := sha256.New()
	for _, part := range []string{c.r.Method, c.r.URL.EscapedPath(), c.r.URL.RawQuery} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	body := c.body
	if mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
		body = bytes.ReplaceAll(body, []byte(params["boundary"]), nil)
	}
	h.Write(body)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// idempotentReplay answers a POST whose Idempotency-Key the project has seen: with the first
// response when the request is the same, with 422 when the key came with another request, and
// with 400 for a key that is too long. It reports whether it answered; if not, the handler runs
// and [call.rememberIdempotent] keeps its response. The caller holds s.mu.
func (c *call) idempotentReplay() bool {
	key := c.r.Header.Get(idempotencyHeader)
	if key == "" || c.r.Method != http.MethodPost {
		return false
	}
	if len(key) > idempotencyMaxKeyLen {
		c.fail(http.StatusBadRequest, fmt.Sprintf("%s is %d characters long, more than %d", idempotencyHeader, len(key), idempotencyMaxKeyLen))
		return true
	}
	// The clock is read only for a key seen before: a first POST reads it once, in its handler,
	// like a POST without a key (the SDK sends a key with every POST).
	prev, ok := c.p.idempotency.byKey[key]
	if !ok || c.s.now().Sub(prev.at) > idempotencyTTL {
		return false
	}
	if prev.fingerprint != c.fingerprint() {
		c.fail(http.StatusUnprocessableEntity, fmt.Sprintf("%s %q was first used with another request (%s); a key may be reused only with the same method, path, query and body",
			idempotencyHeader, key, prev.request))
		return true
	}
	c.status, c.out, c.events = prev.status, prev.out, prev.events
	c.header = prev.header.Clone()
	c.header.Set("Idempotent-Replayed", "true")
	return true
}

// rememberIdempotent keeps the response of a POST with an Idempotency-Key when it succeeded. A
// failed request changed nothing, so a repeat of it runs again. The caller holds s.mu.
func (c *call) rememberIdempotent() {
	key := c.r.Header.Get(idempotencyHeader)
	if key == "" || c.r.Method != http.MethodPost || c.status/100 != 2 {
		return
	}
	now := c.s.now()
	c.p.idempotency.expire(now)
	e := &idempotentResponse{
		key: key, fingerprint: c.fingerprint(), request: c.r.Method + " " + c.r.URL.EscapedPath(), at: now,
		status: c.status, header: c.header.Clone(), out: c.out, events: c.events,
	}
	e.size = len(key) + len(e.out)
	for _, ev := range e.events {
		e.size += len(ev.name) + len(ev.data)
	}
	c.p.idempotency.add(e)
}

// add keeps e, dropping the oldest entries past the limits (e itself when it alone is too big).
func (st *idempotencyStore) add(e *idempotentResponse) {
	if st.byKey == nil {
		st.byKey = map[string]*idempotentResponse{}
	}
	st.byKey[e.key] = e
	st.order = append(st.order, e)
	st.bytes += e.size
	for st.head < len(st.order) && (len(st.byKey) > idempotencyMaxKeys || st.bytes > idempotencyMaxBytes) {
		st.dropOldest()
	}
}

// expire drops the entries older than idempotencyTTL at now.
func (st *idempotencyStore) expire(now time.Time) {
	for st.head < len(st.order) && now.Sub(st.order[st.head].at) > idempotencyTTL {
		st.dropOldest()
	}
}

// dropOldest forgets the oldest entry, compacting the queue once half of it is gone.
func (st *idempotencyStore) dropOldest() {
	e := st.order[st.head]
	st.order[st.head] = nil
	st.head++
	delete(st.byKey, e.key)
	st.bytes -= e.size
	if st.head > len(st.order)/2 {
		n := copy(st.order, st.order[st.head:])
		clear(st.order[n:])
		st.order, st.head = st.order[:n], 0
	}
}
