package option

import (
	"net/http"

	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
)

// MiddlewareNext passes a request on to the next middleware, or to the HTTP client.
type MiddlewareNext = func(*http.Request) (*http.Response, error)

// Middleware wraps each attempt of a request. It sees the request after the SDK has set
// every header (Authorization included: do not log it) and the body for that attempt, and
// it runs inside the retry loop: a request retried twice passes through it three times.
// Per-attempt timeouts apply around it; the SDK's logging records each attempt after the
// middlewares return. A middleware may change the request, answer it without calling next,
// or inspect the response. Middlewares run in the order given, the first outermost. A
// middleware must return a response or an error: (nil, nil), or a response with a nil Body,
// fails the call.
type Middleware = func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// WithMiddleware adds middlewares after those added before.
func WithMiddleware(mw ...Middleware) RequestOption {
	return func(c *requestconfig.Config) error {
		c.Middlewares = append(c.Middlewares, mw...)
		return nil
	}
}
