// Package apierror defines the error the SDK returns for a non-2xx response, which the root
// package re-exports as llamacloud.Error with the status sentinels, and [Wrap], which gives
// every other error of the SDK its one "llamacloud: " prefix.
package apierror

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/run-llama/llama-cloud-go/internal/credential"
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
// its bytes are kept for [Error.RawJSON] and [Error.DumpResponse]. No value reachable from an
// Error (fields, dumps, error text) holds a credential.
type Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Message is the body's "detail": the string itself, or the validation errors of a 422
	// joined as "loc: msg; loc: msg". It is the status text when the body has no detail.
	Message string
	// Attempts is how many times the request was sent, retries included: 1 when it was not
	// retried.
	Attempts int
	// Request is the request that failed, a copy with the credential headers (Authorization,
	// cookies, API-key headers) reading "REDACTED" and without its body.
	Request *http.Request
	// Response is the failed response, a copy whose Body is http.NoBody (the body's bytes
	// are in [Error.RawJSON]) and whose Set-Cookie values read "REDACTED". Its Request is
	// the one that got the answer (after any redirects), without credentials like Request.
	Response *http.Response

	body        []byte
	requestBody []byte
	note        string
}

// New builds an Error from a response and its body, after attempts sends of the request.
// req must be the request as sent and resp its response, body already read; copies without
// credentials are kept. reqBody is the request body, if it is known and small enough to dump
// (nil otherwise).
func New(req *http.Request, resp *http.Response, body, reqBody []byte, attempts int) *Error {
	e := &Error{
		StatusCode:  resp.StatusCode,
		Attempts:    attempts,
		Request:     credential.Request(req),
		Response:    credential.Response(resp),
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

// SetNote adds a remark to the end of e's message, in parentheses after the attempt count:
// why the request was not retried further, say.
func SetNote(e *Error, note string) { e.note = note }

// Error formats the failure as `llamacloud: GET "https://host/path": 404 Not Found: message`,
// followed by the attempt count when the request was retried: `… 503 Service Unavailable:
// message (3 attempts)`. The URL's query is kept; it never holds the API key.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(Prefix)
	if e.Request != nil && e.Request.URL != nil {
		fmt.Fprintf(&b, "%s %q: ", e.Request.Method, e.Request.URL.Redacted())
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" && e.Message != http.StatusText(e.StatusCode) {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	b.WriteString(Remark(e.Attempts, e.note))
	return b.String()
}

// Remark is the parenthesised end of an error message that says how many attempts were made,
// when more than one, and adds note when not empty: " (3 attempts)", " (2 attempts; note)".
// It is empty when there is nothing to say.
func Remark(attempts int, note string) string {
	var parts []string
	if attempts > 1 {
		parts = append(parts, strconv.Itoa(attempts)+" attempts")
	}
	if note != "" {
		parts = append(parts, note)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
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
// credential headers redacted. With body true it includes the JSON body; a multipart body
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
// body when body is true. Set-Cookie values read "REDACTED".
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
