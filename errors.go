package llamacloud

import "github.com/run-llama/llama-cloud-go/internal/apierror"

// Error is a non-2xx response from the API: its status, the message from the body's
// "detail", and the request and response, both safe to print (credentials redacted).
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
