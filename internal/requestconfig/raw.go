package requestconfig

import (
	"context"
	"net/http"
)

// ExecuteRaw is [Execute] for a caller that reads the response itself, such as a stream: it
// returns the live 2xx response, its body unread and the caller's to close, with the config
// the request was sent with (for the limits the caller applies while reading). A non-2xx
// response is an *apierror.Error, as for Execute.
func ExecuteRaw(ctx context.Context, method, path string, params any, opts ...RequestOption) (*http.Response, *Config, error) {
	r, err := NewRequest(method, path, params, opts...)
	if err != nil {
		return nil, nil, err
	}
	var resp *http.Response
	if err := r.Do(ctx, &resp); err != nil {
		return nil, nil, err
	}
	return resp, r.Config, nil
}
