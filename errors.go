package llamacloud

import "github.com/run-llama/llama-cloud-go/internal/apierror"

// Error is a non-2xx response from the API: its status, the message from the body's
// "detail", how many attempts were made, and the request and response, both safe to print
// and keep (no credential is reachable from them). Get it with errors.As, test its kind with
// errors.Is against the sentinels below:
//
//	var apiErr *llamacloud.Error
//	if errors.As(err, &apiErr) && errors.Is(err, llamacloud.ErrRateLimited) { … }
//
// Error is an alias of an internal type (the services live in another package and return
// it), so go doc does not list its members. They are:
//
//	type Error struct {
//		StatusCode int            // the HTTP status of the response
//		Message    string         // the body's "detail" (a 422's validation errors joined as "loc: msg; …"), else the status text
//		Attempts   int            // how many times the request was sent, retries included
//		Request    *http.Request  // the request as sent, credential headers reading "REDACTED", no body
//		Response   *http.Response // the response, Body already read (see RawJSON), Set-Cookie reading "REDACTED"
//	}
//
//	func (e *Error) Error() string                 // `llamacloud: GET "https://…": 503 Service Unavailable: message (3 attempts)`
//	func (e *Error) Is(target error) bool          // reports whether target is the sentinel of e's status
//	func (e *Error) RawJSON() string               // the response body as received
//	func (e *Error) DumpRequest(body bool) []byte  // the request in wire form, credentials redacted; body adds the JSON body
//	func (e *Error) DumpResponse(body bool) []byte // the response in wire form; body adds the body
type Error = apierror.Error

// Sentinels for the kinds of [*Error], matched by errors.Is against the response status.
var (
	ErrBadRequest    = apierror.ErrBadRequest    // 400
	ErrUnauthorized  = apierror.ErrUnauthorized  // 401
	ErrForbidden     = apierror.ErrForbidden     // 403
	ErrNotFound      = apierror.ErrNotFound      // 404
	ErrConflict      = apierror.ErrConflict      // 409
	ErrUnprocessable = apierror.ErrUnprocessable // 422
	ErrRateLimited   = apierror.ErrRateLimited   // 429
	ErrServer        = apierror.ErrServer        // any 5xx
)
