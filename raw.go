package llamacloud

import (
	"context"
	"net/http"

	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
)

// Execute sends a request to any endpoint of the API, for the ones this SDK does not cover
// yet, through the same pipeline as the typed calls: the client's options and opts, the
// API key, base URL, retries, Idempotency-Key on POST, logging, middleware, and errors
// (a non-2xx response is an [*Error]).
//
// method is an HTTP method ("POST"; use the http.Method… constants).
//
// path is relative to the base URL, with or without a leading slash ("api/v1/beta/things"
// goes to https://api.cloud.llamaindex.ai/api/v1/beta/things, or under the base URL's path
// prefix), and is escaped as a URL path: escape a path value yourself (url.PathEscape) so a
// "/" in it stays in its segment. It may end in a query. An absolute URL, a "//host/…" path,
// a fragment, or "." and ".." segments are an error, so the key never goes anywhere but the
// base URL.
//
// params is one of:
//   - nil: no query and no body;
//   - url.Values: added to the query;
//   - a struct or a pointer to one, like the beta params: fields tagged query:"…" go to the
//     query, the others to the JSON body (param.Opt, omitzero and the like work as there);
//     the client-wide project and organization fill project_id and organization_id;
//   - []byte or json.RawMessage: the JSON body as it is (it must be valid JSON);
//   - any other value (a map, a slice): encoded as the JSON body.
//
// Only POST, PUT and PATCH send a body; with any other method, params that would fill one
// are an error rather than dropped. option.WithJSONSet and WithJSONDel edit the body.
//
// res is one of:
//   - nil: the body is read and discarded;
//   - a pointer to a value the JSON body is decoded into: a beta response type (with its
//     JSON metadata), a struct of your own, a map, or *any;
//   - *[]byte or *json.RawMessage: the body's bytes, as received;
//   - **http.Response: the live response, whose body the caller reads and closes.
//
// Bad arguments are reported before anything is sent.
func (c *Client) Execute(ctx context.Context, method, path string, params any, res any, opts ...option.RequestOption) error {
	return requestconfig.ExecuteAny(ctx, method, path, params, res, c.withOptions(opts)...)
}

// Get is [Client.Execute] with GET.
func (c *Client) Get(ctx context.Context, path string, params any, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodGet, path, params, res, opts...)
}

// Post is [Client.Execute] with POST.
func (c *Client) Post(ctx context.Context, path string, params any, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodPost, path, params, res, opts...)
}

// Put is [Client.Execute] with PUT.
func (c *Client) Put(ctx context.Context, path string, params any, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodPut, path, params, res, opts...)
}

// Patch is [Client.Execute] with PATCH.
func (c *Client) Patch(ctx context.Context, path string, params any, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodPatch, path, params, res, opts...)
}

// Delete is [Client.Execute] with DELETE.
func (c *Client) Delete(ctx context.Context, path string, params any, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodDelete, path, params, res, opts...)
}

// withOptions appends a call's options to the client's without changing either slice.
func (c *Client) withOptions(opts []option.RequestOption) []option.RequestOption {
	if len(opts) == 0 {
		return c.Options
	}
	return append(c.Options[:len(c.Options):len(c.Options)], opts...)
}
