// Package credential knows which HTTP headers carry credentials. It holds the one list the
// SDK goes by wherever a credential could escape: the masking of logs, errors and dumps, the
// stripping of headers on redirects that leave the API's host or drop to plain http, and the
// request log of the in-memory LlamaCloud. Change the list here and every one of them follows.
package credential

import (
	"net/http"
)

// Redacted is what a credential header's value reads after redaction.
const Redacted = "REDACTED"

// headers are the credential headers in canonical form: request credentials (the API key's
// Authorization, a proxy's, cookies, the API-key headers of gateways) and the cookies a
// response sets.
var headers = [...]string{
	"Authorization",
	"Proxy-Authorization",
	"Cookie",
	"Cookie2",
	"Set-Cookie",
	"X-Api-Key",
	"Api-Key",
	"X-Auth-Token",
}

// Headers returns the names of the credential headers, in canonical form. The slice is a
// copy: changing it changes nothing else.
func Headers() []string { return append([]string(nil), headers[:]...) }

// IsHeader reports whether the header name (in any case) carries a credential.
func IsHeader(name string) bool {
	name = http.CanonicalHeaderKey(name)
	for _, h := range headers {
		if h == name {
			return true
		}
	}
	return false
}

// Redact replaces the values of the credential headers in h with [Redacted], in place.
func Redact(h http.Header) {
	for _, k := range headers {
		if _, ok := h[k]; ok {
			h[k] = []string{Redacted}
		}
	}
}

// Strip deletes the credential headers from h, in place.
func Strip(h http.Header) {
	for _, k := range headers {
		delete(h, k)
	}
}

// Request returns a copy of req that holds no credential, for keeping in errors and handing
// to callers after a call: the credential headers are redacted, the body and GetBody are
// dropped, and the response of a redirect that led to req (req.Response) is copied the same
// way, down the whole chain. req itself is not changed; nil gives nil.
func Request(req *http.Request) *http.Request {
	if req == nil {
		return nil
	}
	r := req.Clone(req.Context())
	Redact(r.Header)
	r.Body, r.GetBody = nil, nil
	r.Response = Response(req.Response)
	return r
}

// Response returns a copy of a response whose body has been read and closed, holding no
// credential: its body is http.NoBody (the spent body leads to the connection and the bytes
// written to it), the cookies it sets are redacted and its Request is made with [Request].
// resp itself is not changed; nil gives nil.
func Response(resp *http.Response) *http.Response {
	if resp == nil {
		return nil
	}
	r := *resp
	r.Body = http.NoBody
	r.Header = resp.Header.Clone()
	Redact(r.Header)
	r.Request = Request(resp.Request)
	return &r
}
