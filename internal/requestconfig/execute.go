package requestconfig

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/apiform"
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/internal/apiquery"
	"github.com/run-llama/llama-cloud-go/internal/credential"
	"github.com/tidwall/sjson"
)

// Request is one API call: its config, route, query and body. Pagers keep it to fetch the
// next page with a changed page token.
type Request struct {
	Config *Config
	Method string
	Path   string // escaped, without a leading slash, relative to the base URL
	Query  url.Values
	Body   []byte // JSON body; nil for none
	Form   *apiform.Form

	ctx context.Context // the context of the last Do, kept for the next page
}

// Context returns the context the request was last sent with.
func (r *Request) Context() context.Context {
	if r.ctx == nil {
		return context.Background()
	}
	return r.ctx
}

// hasBody reports whether a method carries the params in a JSON body.
func hasBody(method string) bool {
	return method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch
}

// NewRequest applies opts to a fresh config and encodes params: the fields tagged query:"…"
// into the query string and, for POST, PUT and PATCH, the others into a JSON body. The
// client-wide project and organization fill project_id and organization_id when params
// leave them unset.
func NewRequest(method, path string, params any, opts ...RequestOption) (*Request, error) {
	return newRequest(method, path, params, hasBody(method), opts)
}

// NewFormRequest is NewRequest for a multipart body: params fill the query only and form
// is the body.
func NewFormRequest(method, path string, params any, form *apiform.Form, opts ...RequestOption) (*Request, error) {
	r, err := newRequest(method, path, params, false, opts)
	if err != nil {
		return nil, err
	}
	if len(r.Config.JSONEdits) > 0 {
		return nil, errors.New("llamacloud: option.WithJSONSet and WithJSONDel do not apply to multipart uploads")
	}
	r.Form = form
	return r, nil
}

func newRequest(method, path string, params any, jsonBody bool, opts []RequestOption) (*Request, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	query, err := encodeQuery(url.Values{}, params, cfg)
	if err != nil {
		return nil, err
	}
	var body []byte
	if jsonBody {
		if body, err = encodeBody(params); err != nil {
			return nil, err
		}
		if body, err = editJSON(body, cfg.JSONEdits); err != nil {
			return nil, err
		}
	}
	return &Request{Config: cfg, Method: method, Path: path, Query: query, Body: body}, nil
}

// encodeQuery adds to q the params' fields tagged query:"…", then the values of
// option.WithQuery…, then the client-wide project and organization where none set them.
func encodeQuery(q url.Values, params any, cfg *Config) (url.Values, error) {
	if params != nil {
		if err := apiquery.Append(q, params); err != nil {
			return nil, apierror.Wrap(err, "")
		}
	}
	for k, vs := range cfg.Query {
		q[k] = append(q[k], vs...)
	}
	if cfg.ProjectID != "" && !q.Has("project_id") {
		q.Set("project_id", cfg.ProjectID)
	}
	if cfg.OrganizationID != "" && !q.Has("organization_id") {
		q.Set("organization_id", cfg.OrganizationID)
	}
	return q, nil
}

// encodeBody encodes the params' JSON fields; nil params give no body.
func encodeBody(params any) ([]byte, error) {
	if params == nil {
		return nil, nil
	}
	b, err := apijson.Marshal(params)
	if err != nil {
		// The encoder's text may hold the text of a validation error, each with a prefix.
		return nil, apierror.Wrap(err, "")
	}
	return b, nil
}

// editJSON applies option.WithJSONSet and WithJSONDel to a JSON body, starting from {} when
// there is none.
func editJSON(body []byte, edits []JSONEdit) ([]byte, error) {
	if len(edits) == 0 {
		return body, nil
	}
	if body == nil {
		body = []byte("{}")
	}
	for _, e := range edits {
		var err error
		if e.Delete {
			body, err = sjson.DeleteBytes(body, e.Path)
		} else {
			body, err = sjson.SetBytes(body, e.Path, e.Value)
		}
		if err != nil {
			return nil, fmt.Errorf("llamacloud: edit JSON body at %q: %w", e.Path, err)
		}
	}
	return body, nil
}

// Execute is NewRequest followed by [Request.Do].
func Execute(ctx context.Context, method, path string, params, dst any, opts ...RequestOption) error {
	r, err := NewRequest(method, path, params, opts...)
	if err != nil {
		return err
	}
	return r.Do(ctx, dst)
}

// Clone returns a copy of r that can be changed (query, body) without touching r.
func (r *Request) Clone() *Request {
	n := *r
	n.Query = cloneValues(r.Query)
	return &n
}

// URL is the request's full address.
func (r *Request) URL() *url.URL {
	u := *r.Config.BaseURL
	u.RawPath = ""
	base := r.Config.BaseURL.EscapedPath()
	full := base + "/" + r.Path
	u.Path, _ = url.PathUnescape(full)
	if u.Path != full {
		u.RawPath = full
	}
	u.RawQuery = r.Query.Encode()
	return &u
}

// Do sends the request with retries and delivers a 2xx response to dst: a pointer to a
// response type to decode the body into, a *[]byte or *json.RawMessage for the body's bytes,
// a **http.Response to take the live response (its body is the caller's to close), or nil to
// discard the body. A non-2xx response is an *apierror.Error.
func (r *Request) Do(ctx context.Context, dst any) error {
	r.ctx = ctx
	u, err := r.target()
	if err != nil {
		return err
	}
	resp, attempts, err := r.send(ctx, u)
	if err != nil {
		return err
	}
	if d, ok := dst.(**http.Response); ok {
		// The live response goes to the caller, who may keep it: its request must not hold
		// the key.
		resp.Request = credential.Request(resp.Request)
		if r.Config.ResponseInto != nil {
			*r.Config.ResponseInto = resp
		}
		*d = resp
		return nil
	}
	return r.receive(ctx, u, resp, attempts, dst)
}

// target is the request's URL, once it is clear the key may go there.
func (r *Request) target() (*url.URL, error) {
	cfg := r.Config
	if !cfg.APIKey.IsSet() {
		return nil, errors.New("llamacloud: no API key: set LLAMA_CLOUD_API_KEY or use option.WithAPIKey")
	}
	u := r.URL()
	if u.Scheme == "http" && !cfg.AllowInsecureKey && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("llamacloud: refusing to send the API key over plain http to %q; use https or option.WithInsecureHTTP", u.Host)
	}
	return u, nil
}

// receive reads a 2xx response's body, closing it, and decodes it into dst (see [Request.Do]);
// the response, spent and without credentials, goes to option.WithResponseInto and to a page.
func (r *Request) receive(ctx context.Context, u *url.URL, resp *http.Response, attempts int, dst any) error {
	cfg := r.Config
	var body []byte
	var err error
	if dst == nil {
		_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		if closeErr := resp.Body.Close(); err == nil {
			err = closeErr
		}
	} else {
		body, err = readBody(resp, cfg.MaxResponseBytes)
	}
	_, isPage := dst.(page)
	var spent *http.Response
	if cfg.ResponseInto != nil || isPage {
		spent = credential.Response(resp)
	}
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = spent
	}
	if err != nil {
		return r.callErr(ctx, u, "read response", attempts, "", err)
	}
	if dst == nil || decodeRaw(body, dst) {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return r.callErr(ctx, u, "decode response", attempts, "", fmt.Errorf("empty response body (status %d)", resp.StatusCode))
	}
	if err := DecodeBody(body, dst); err != nil {
		return r.callErr(ctx, u, "decode response", attempts, "", err)
	}
	if err := recordPage(dst, r, spent); err != nil {
		return r.callErr(ctx, u, "decode response", attempts, "", err)
	}
	return nil
}

// DecodeBody decodes a response body into dst without copying it: the strings of dst share
// body's memory, so body must be a buffer that nothing writes to again. [Request.Do] decodes
// every response with it, on the fresh buffer it read the body into; the benchmarks call it
// to measure that same decoding.
func DecodeBody(body []byte, dst any) error {
	return apijson.UnmarshalString(unsafe.String(unsafe.SliceData(body), len(body)), dst)
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// send runs the attempts: each through the middlewares with a fresh body, retried by the
// policy of retryReason and retryDelay. It returns a 2xx response with its body open and the
// number of attempts made, or an error: *apierror.Error for a final non-2xx status.
func (r *Request) send(ctx context.Context, u *url.URL) (*http.Response, int, error) {
	cfg := r.Config
	key := ""
	if r.Method == http.MethodPost && cfg.Header.Get(IdempotencyHeader) == "" {
		key = newIdempotencyKey()
	}
	for attempt := 1; ; attempt++ {
		req, cancel, err := r.newHTTPRequest(ctx, u, key)
		if err != nil {
			return nil, attempt, err
		}
		start := time.Now()
		resp, err := r.roundTrip(req)
		cfg.logAttempt(ctx, req, resp, err, attempt, time.Since(start))
		if err == nil && resp.StatusCode >= 200 && resp.StatusCode < 300 {
			resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
			return resp, attempt, nil
		}
		reason, note := retryReason(ctx, resp, err), ""
		// Ending the attempt's upload body settles whether it can be sent again, even while
		// the transport may still be writing it.
		if reason != "" && r.Form != nil && !r.Form.EndAttempt() {
			reason, note = "", notReplayable
		}
		if reason == "" || attempt > cfg.MaxRetries {
			defer cancel()
			return nil, attempt, r.failure(ctx, u, req, resp, err, attempt, note)
		}
		delay := cfg.retryDelay(resp, attempt-1)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			defer cancel()
			return nil, attempt, r.failure(ctx, u, req, resp, err, attempt, note)
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		cancel()
		cfg.logRetry(ctx, req, reason, attempt, delay)
		if err := cfg.Sleep(ctx, delay); err != nil {
			return nil, attempt, r.callErr(ctx, u, "wait to retry", attempt, "", err)
		}
	}
}

// failure turns the last attempt's outcome into the error returned to the caller.
func (r *Request) failure(ctx context.Context, u *url.URL, req *http.Request, resp *http.Response, err error, attempts int, note string) error {
	if err != nil {
		return r.callErr(ctx, u, "", attempts, note, err)
	}
	// An error body that cannot be read (or passes 1 MiB) leaves the message to the status.
	body, _ := readBody(resp, 1<<20)
	var reqBody []byte
	if len(r.Body) <= 64<<10 {
		reqBody = r.Body
	}
	e := apierror.New(req, resp, body, reqBody, attempts)
	apierror.SetNote(e, note)
	return e
}

// IdempotencyHeader is the header that makes a POST safe to retry: the API answers a repeated
// key with the first response instead of acting again.
const IdempotencyHeader = "Idempotency-Key"

// newIdempotencyKey returns a fresh key for the attempts of one POST call: 128 random bits.
func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "llamacloud-go-" + hex.EncodeToString(b[:])
}

// newHTTPRequest builds one attempt: its context (with the per-attempt timeout), body and
// headers. idempotencyKey, when not empty, is the call's Idempotency-Key.
func (r *Request) newHTTPRequest(ctx context.Context, u *url.URL, idempotencyKey string) (*http.Request, context.CancelFunc, error) {
	cfg := r.Config
	actx, cancel := ctx, context.CancelFunc(func() {})
	if cfg.RequestTimeout > 0 {
		actx, cancel = context.WithTimeout(ctx, cfg.RequestTimeout)
	}
	if cfg.AllowInsecureKey {
		actx = context.WithValue(actx, insecureHTTPKey{}, true)
	}
	var body io.Reader
	length := int64(0)
	contentType := ""
	switch {
	case r.Form != nil:
		fr, n, err := r.Form.Reader()
		if err != nil {
			cancel()
			return nil, nil, err
		}
		body, length, contentType = fr, n, r.Form.ContentType()
	case r.Body != nil:
		body, length, contentType = bytes.NewReader(r.Body), int64(len(r.Body)), "application/json"
	}
	// An empty URL spares a second parse; the parsed one is set next.
	req, err := http.NewRequestWithContext(actx, r.Method, "", body)
	if err != nil {
		cancel()
		return nil, nil, fmt.Errorf("llamacloud: build request: %w", err)
	}
	req.URL, req.Host = u, u.Host
	if body != nil {
		req.ContentLength = length
		if r.Form != nil {
			req.GetBody = nil
		}
	}
	h := req.Header
	for k, v := range cfg.Header {
		h[k] = v
	}
	h.Set("Authorization", "Bearer "+cfg.APIKey.Reveal())
	if h.Get("User-Agent") == "" {
		h.Set("User-Agent", "LlamaCloud/Go "+Version)
	}
	if h.Get("Accept") == "" {
		h.Set("Accept", "application/json")
	}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	if idempotencyKey != "" {
		h.Set(IdempotencyHeader, idempotencyKey)
	}
	return req, cancel, nil
}

// roundTrip sends one attempt through the middlewares and the HTTP client. A client or a
// middleware that breaks the contract of http.Client.Do (no response and no error, or a
// response without a body) gives an error instead of a panic further on.
func (r *Request) roundTrip(req *http.Request) (*http.Response, error) {
	cfg := r.Config
	next := func(req *http.Request) (*http.Response, error) {
		resp, err := cfg.HTTPClient.Do(req)
		return checkResponse("the HTTP client", resp, err)
	}
	if len(cfg.Middlewares) == 0 {
		return next(req)
	}
	for i := len(cfg.Middlewares) - 1; i >= 0; i-- {
		mw, inner := cfg.Middlewares[i], next
		next = func(req *http.Request) (*http.Response, error) { return mw(req, inner) }
	}
	resp, err := next(req)
	return checkResponse("a middleware", resp, err)
}

// brokenResponseError is a response that breaks the contract of http.Client.Do; it is not
// retried.
type brokenResponseError struct{ from, what string }

func (e *brokenResponseError) Error() string { return e.from + " returned " + e.what }

func checkResponse(from string, resp *http.Response, err error) (*http.Response, error) {
	switch {
	case err != nil:
		return resp, err
	case resp == nil:
		return nil, &brokenResponseError{from, "no response and no error"}
	case resp.Body == nil:
		return nil, &brokenResponseError{from, fmt.Sprintf("a %d response with a nil Body", resp.StatusCode)}
	}
	return resp, nil
}

// cancelBody releases the attempt's timeout context when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
