// Package apierror defines the error the SDK returns for a non-2xx response. The root package
// re-exports it as llamacloud.Error, with the status sentinels.
package apierror

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httputil"
	"strings"

	"github.com/tidwall/gjson"
)

// Sentinels matched by [*Error.Is] according to the response status.
var (
	ErrBadRequest    = errors.New("llamacloud: bad request (400)")
	ErrUnauthorized  = errors.New("llamacloud: unauthorized (401)")
	ErrForbidden     = errors.New("llamacloud: forbidden (403)")
	ErrNotFound      = errors.New("llamacloud: not found (404)")
	ErrConflict      = errors.New("llamacloud: conflict (409)")
	ErrUnprocessable = errors.New("llamacloud: unprocessable entity (422)")
	ErrRateLimited   = errors.New("llamacloud: rate limited (429)")
	ErrServer        = errors.New("llamacloud: server error (5xx)")
)

// sentinelFor returns the sentinel of a status code, or nil when it has none.
func sentinelFor(code int) error {
	switch {
	case code == http.StatusBadRequest:
		return ErrBadRequest
	case code == http.StatusUnauthorized:
		return ErrUnauthorized
	case code == http.StatusForbidden:
		return ErrForbidden
	case code == http.StatusNotFound:
		return ErrNotFound
	case code == http.StatusConflict:
		return ErrConflict
	case code == http.StatusUnprocessableEntity:
		return ErrUnprocessable
	case code == http.StatusTooManyRequests:
		return ErrRateLimited
	case code >= 500 && code <= 599:
		return ErrServer
	}
	return nil
}

// Error is a non-2xx response from the API. Test its kind with errors.Is against the
// sentinels (ErrNotFound, ErrRateLimited, …) and read the details from its fields.
//
// Request and Response are the last attempt's; the response body has been read and closed,
// its bytes are kept for [Error.RawJSON] and [Error.DumpResponse]. No field, dump or error
// text holds the API key.
type Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Message is the body's "detail": the string itself, or the validation errors of a 422
	// joined as "loc: msg; loc: msg". It is the status text when the body has no detail.
	Message string
	// Request is the request that failed, with the Authorization header redacted.
	Request *http.Request
	// Response is the failed response; its Body is already consumed.
	Response *http.Response

	body        []byte
	requestBody []byte
}

// New builds an Error from a response and its body. req must be the request as sent; a copy
// with a redacted Authorization header is kept. reqBody is the request body, if it is known
// and small enough to dump (nil otherwise).
func New(req *http.Request, resp *http.Response, body, reqBody []byte) *Error {
	e := &Error{
		StatusCode:  resp.StatusCode,
		Request:     redactedRequest(req),
		Response:    resp,
		body:        body,
		requestBody: reqBody,
	}
	e.Message = detailMessage(body)
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// detailMessage reads the "detail" of an error body: a string, a list of validation errors
// ({"loc": [...], "msg": "...", "type": "..."}) or any other JSON value, kept as text.
func detailMessage(body []byte) string {
	if !gjson.ValidBytes(body) {
		return strings.TrimSpace(string(truncate(body, 512)))
	}
	d := gjson.GetBytes(body, "detail")
	switch {
	case !d.Exists():
		if m := gjson.GetBytes(body, "message"); m.Type == gjson.String {
			return m.String()
		}
		return ""
	case d.Type == gjson.String:
		return d.String()
	case d.IsArray():
		var parts []string
		for _, item := range d.Array() {
			msg := item.Get("msg").String()
			if !item.IsObject() || msg == "" {
				parts = append(parts, item.Raw)
				continue
			}
			var loc []string
			for _, l := range item.Get("loc").Array() {
				loc = append(loc, l.String())
			}
			if len(loc) > 0 {
				msg = strings.Join(loc, ".") + ": " + msg
			}
			parts = append(parts, msg)
		}
		return strings.Join(parts, "; ")
	}
	return d.Raw
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// Error formats the failure as `llamacloud: GET "https://host/path": 404 Not Found: message`.
// The URL's query is kept; it never holds the API key.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("llamacloud: ")
	if e.Request != nil && e.Request.URL != nil {
		fmt.Fprintf(&b, "%s %q: ", e.Request.Method, e.Request.URL.Redacted())
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" && e.Message != http.StatusText(e.StatusCode) {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Is reports whether target is the sentinel for e's status code, so that
// errors.Is(err, ErrNotFound) holds for a 404.
func (e *Error) Is(target error) bool {
	s := sentinelFor(e.StatusCode)
	return s != nil && target == s
}

// RawJSON returns the response body as received (JSON in the API's case).
func (e *Error) RawJSON() string { return string(e.body) }

// DumpRequest returns the request in wire form, like [httputil.DumpRequestOut], with the
// Authorization header redacted. With body true it includes the JSON body; a multipart body
// is replaced by a placeholder.
func (e *Error) DumpRequest(body bool) []byte {
	if e.Request == nil {
		return nil
	}
	r := e.Request.Clone(e.Request.Context())
	r.Body = nil
	r.GetBody = nil
	r.ContentLength = 0
	out, err := httputil.DumpRequestOut(r, false)
	if err != nil {
		return nil
	}
	if body {
		if e.requestBody != nil {
			out = append(out, e.requestBody...)
		} else if e.Request.ContentLength != 0 {
			out = append(out, "<body not kept>"...)
		}
	}
	return out
}

// DumpResponse returns the response in wire form, like [httputil.DumpResponse], with the
// body when body is true.
func (e *Error) DumpResponse(body bool) []byte {
	if e.Response == nil {
		return nil
	}
	r := *e.Response
	r.Body = http.NoBody
	r.ContentLength = -1
	r.TransferEncoding = nil
	out, err := httputil.DumpResponse(&r, false)
	if err != nil {
		return nil
	}
	if body {
		out = append(out, e.body...)
	}
	return out
}

// redactedRequest returns a shallow copy of req whose Authorization header reads "REDACTED".
func redactedRequest(req *http.Request) *http.Request {
	if req == nil {
		return nil
	}
	r := req.Clone(req.Context())
	r.Body = nil
	RedactHeader(r.Header)
	return r
}

// RedactHeader replaces the values of headers that carry credentials with "REDACTED".
func RedactHeader(h http.Header) {
	for _, k := range []string{"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key"} {
		if _, ok := h[k]; ok {
			h[k] = []string{"REDACTED"}
		}
	}
}
