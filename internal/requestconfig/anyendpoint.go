package requestconfig

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
)

// ExecuteAny sends a request to any endpoint, for llamacloud.Client.Execute: the same
// pipeline as the typed calls (options, auth, retries, idempotency keys, logging,
// middleware, errors) over a method, path, params and result the caller chooses. Every
// argument is checked before anything is sent:
//
//   - method is an HTTP method token, sent as given ("GET", not "get").
//   - path is relative to the base URL, with or without a leading slash, escaped as a URL
//     path is ("a%2Fb" is one segment), and may end in a query. An absolute URL, a "//host"
//     path, a fragment, and "." or ".." segments are refused, so the key goes nowhere but
//     the base URL's host and path prefix.
//   - params is nil; url.Values, added to the query; a struct or a pointer to one, encoded
//     as the beta params are (fields tagged query:"…" to the query, the rest to the JSON
//     body); []byte or json.RawMessage, a JSON body as it is; or any other value, encoded
//     as a JSON body. Only POST, PUT and PATCH send a body: with any other method params
//     that would make one are an error, not dropped.
//   - res is nil (the body is discarded), a **http.Response (the live response, the
//     caller closes its body), a *[]byte or *json.RawMessage (the body's bytes), or any
//     other non-nil pointer the body is decoded into, as responses of the typed calls are.
func ExecuteAny(ctx context.Context, method, path string, params, res any, opts ...RequestOption) error {
	if err := checkMethod(method); err != nil {
		return err
	}
	rel, query, err := RelativePath(path)
	if err != nil {
		return err
	}
	if err := checkResult(res); err != nil {
		return err
	}
	r, err := newAnyRequest(method, rel, query, params, opts)
	if err != nil {
		return err
	}
	return r.Do(ctx, res)
}

// checkMethod accepts an HTTP method token (RFC 9110's tchar).
func checkMethod(method string) error {
	valid := method != ""
	for i := 0; i < len(method) && valid; i++ {
		c := method[i]
		valid = c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0)
	}
	if !valid {
		return fmt.Errorf("llamacloud: invalid HTTP method %q", method)
	}
	return nil
}

// RelativePath checks a path given for the base URL and splits it into its escaped path,
// without a leading slash, and its query. See [ExecuteAny] for what is refused.
func RelativePath(path string) (string, url.Values, error) {
	switch {
	case strings.HasPrefix(path, "//"):
		return "", nil, fmt.Errorf("llamacloud: path %q names a host; give a path relative to the base URL", path)
	case looksAbsolute(path):
		return "", nil, fmt.Errorf("llamacloud: path %q is an absolute URL; give a path relative to the base URL", path)
	}
	u, err := url.Parse("/" + strings.TrimPrefix(path, "/"))
	if err != nil {
		return "", nil, fmt.Errorf("llamacloud: invalid path %q: %w", path, err)
	}
	if u.Fragment != "" || strings.Contains(path, "#") {
		return "", nil, fmt.Errorf("llamacloud: path %q has a fragment", path)
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return "", nil, fmt.Errorf("llamacloud: path %q has a %q segment", path, seg)
		}
	}
	rel := strings.TrimPrefix(u.EscapedPath(), "/")
	if rel == "" {
		return "", nil, fmt.Errorf("llamacloud: path %q is empty; name an endpoint", path)
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", nil, fmt.Errorf("llamacloud: invalid query in path %q: %w", path, err)
	}
	return rel, query, nil
}

// looksAbsolute reports whether s starts with a URL scheme ("https:", "mailto:").
func looksAbsolute(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// checkResult accepts nil or a non-nil pointer.
func checkResult(res any) error {
	if res == nil {
		return nil
	}
	v := reflect.ValueOf(res)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("llamacloud: res must be a non-nil pointer or nil, got %T", res)
	}
	return nil
}

// newAnyRequest is newRequest for the params ExecuteAny takes: query holds the path's query.
func newAnyRequest(method, path string, query url.Values, params any, opts []RequestOption) (*Request, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	var structParams any
	var body []byte
	switch p := params.(type) {
	case nil:
	case url.Values:
		for k, vs := range p {
			query[k] = append(query[k], vs...)
		}
	case []byte:
		body, err = rawJSONBody(p)
	case json.RawMessage:
		body, err = rawJSONBody(p)
	default:
		if isStruct(p) {
			structParams = p
		}
		body, err = encodeBody(p)
	}
	if err != nil {
		return nil, err
	}
	if !hasBody(method) {
		if body != nil && (structParams == nil || string(body) != "{}") {
			return nil, fmt.Errorf("llamacloud: a %s request sends no body, but params %T would fill one; "+
				"send values in the query with url.Values or fields tagged query:\"…\"", method, params)
		}
		body = nil
	}
	if query, err = encodeQuery(query, structParams, cfg); err != nil {
		return nil, err
	}
	if hasBody(method) {
		if body, err = editJSON(body, cfg.JSONEdits); err != nil {
			return nil, err
		}
	}
	return &Request{Config: cfg, Method: method, Path: path, Query: query, Body: body}, nil
}

// rawJSONBody checks that a body given as bytes is one JSON value.
func rawJSONBody(b []byte) ([]byte, error) {
	if !json.Valid(b) {
		return nil, fmt.Errorf("llamacloud: params of %d bytes are not valid JSON", len(b))
	}
	return b, nil
}

// isStruct reports whether v is a struct or a non-nil pointer to one.
func isStruct(v any) bool {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// decodeRaw stores a body in dst when dst asks for the bytes themselves, and reports whether
// it did.
func decodeRaw(body []byte, dst any) bool {
	switch d := dst.(type) {
	case *[]byte:
		*d = body
	case *json.RawMessage:
		*d = body
	default:
		return false
	}
	return true
}
