// Package requestconfig builds, sends and decodes every request of the SDK: one request
// builder shared by all services, with the options, retries, timeouts and logging they need.
package requestconfig

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/credential"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

// Default values of a Config.
const (
	DefaultBaseURL          = "https://api.cloud.llamaindex.ai"
	EUBaseURL               = "https://api.cloud.eu.llamaindex.ai"
	DefaultMaxRetries       = 2
	DefaultMaxResponseBytes = 256 << 20
)

// DefaultMaxStreamEventBytes bounds one line, and the data of one event, of a streamed
// response: 32 MiB, as ssestream.DefaultMaxEventBytes.
const DefaultMaxStreamEventBytes = 32 << 20

// HTTPDoer is the part of *http.Client the SDK uses.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// MiddlewareNext sends a request to the next middleware, or to the network for the last one.
type MiddlewareNext = func(*http.Request) (*http.Response, error)

// Middleware wraps each attempt of a request.
type Middleware = func(*http.Request, MiddlewareNext) (*http.Response, error)

// RequestOption changes a Config. Options apply to a per-call copy.
type RequestOption = func(*Config) error

// Secret is a credential. It formats as "REDACTED" in every verb and log handler, so a
// Config can be printed with %+v without revealing it.
type Secret struct{ v *string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{v: &s} }

// Reveal returns the secret's text; it is called only where the header is written.
func (s Secret) Reveal() string {
	if s.v == nil {
		return ""
	}
	return *s.v
}

// IsSet reports whether a non-empty secret is held.
func (s Secret) IsSet() bool { return s.v != nil && *s.v != "" }

// String returns "REDACTED".
func (Secret) String() string { return "REDACTED" }

// GoString returns a quoted "REDACTED".
func (Secret) GoString() string { return `"REDACTED"` }

// LogValue makes slog print "REDACTED".
func (Secret) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// Format prints "REDACTED" for every verb, so %v, %+v, %#v and %s all hide the value.
func (Secret) Format(f fmt.State, verb rune) { fmt.Fprint(f, "REDACTED") }

// Config is everything needed to send one request. Services build one per call from the
// client's options and the call's options; the zero value is not ready: use [New]. Options
// set fields; every field's zero value means "the default", except MaxRetries and Logger,
// whose zero values can be chosen: set them with [Config.SetMaxRetries] and
// [Config.SetLogger].
type Config struct {
	BaseURL          *url.URL
	APIKey           Secret
	HTTPClient       HTTPDoer
	MaxRetries       int
	RequestTimeout   time.Duration // per attempt; 0 means none
	Header           http.Header
	Query            url.Values
	Middlewares      []Middleware
	ResponseInto     **http.Response
	Logger           *slog.Logger
	ProjectID        string
	OrganizationID   string
	MaxResponseBytes int64
	AllowInsecureKey bool
	JSONEdits        []JSONEdit

	// MaxStreamEventBytes limits one line, and the data of one event, of a streamed response.
	MaxStreamEventBytes int64

	// Sleep waits between retries; tests replace it to record delays.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) for backoff jitter.
	Rand func() float64
	// Now tells the time, for Retry-After dates.
	Now func() time.Time

	ready         bool // defaults are in place (set by New, Preset and newConfig)
	maxRetriesSet bool // MaxRetries was chosen by an option
	loggerSet     bool // Logger was chosen by an option
}

// JSONEdit is a change to the JSON body made by option.WithJSONSet or option.WithJSONDel.
type JSONEdit struct {
	Path   string
	Value  any
	Delete bool
}

var defaultHTTPClient = &http.Client{Transport: defaultTransport(), CheckRedirect: checkRedirect}

// ErrRedirectLoop is returned when a request is redirected more than ten times; it is not retried.
var ErrRedirectLoop = errors.New("llamacloud: stopped after 10 redirects")

// checkRedirect is the redirect policy of the SDK's HTTP client: at most ten redirects, and no
// credential on a hop where it could leak (see [guardCredentials]).
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return ErrRedirectLoop
	}
	guardCredentials(req, via)
	return nil
}

// insecureHTTPKey marks the context of a request whose call allows credentials over plain
// http (option.WithInsecureHTTP), for the redirect policy.
type insecureHTTPKey struct{}

// guardCredentials deletes the credential headers (see package credential) from the next
// hop of a redirect once the chain has left the first request's host (port included), or
// has gone from https to plain http without option.WithInsecureHTTP, so the key only ever
// goes, encrypted, to the host it was meant for. net/http copies the first request's headers
// onto every hop, so the whole chain is checked, not only the last step.
func guardCredentials(req *http.Request, via []*http.Request) {
	first := via[0].URL
	insecureOK := req.Context().Value(insecureHTTPKey{}) != nil
	unsafeHop := func(u *url.URL) bool {
		return !strings.EqualFold(u.Host, first.Host) ||
			(first.Scheme == "https" && u.Scheme != "https" && !insecureOK)
	}
	leaves := unsafeHop(req.URL)
	for _, hop := range via[1:] {
		leaves = leaves || unsafeHop(hop.URL)
	}
	if leaves {
		credential.Strip(req.Header)
	}
}

// GuardRedirects returns the HTTP client the SDK sends with when the caller supplies d. An
// *http.Client is copied, not changed, and the copy's CheckRedirect runs d's own (or, when
// that is nil, stops after ten redirects) and then strips credentials as the SDK's own client
// does. Any other HTTPDoer is returned as it is: it follows redirects its own way.
func GuardRedirects(d HTTPDoer) HTTPDoer {
	hc, ok := d.(*http.Client)
	if !ok || hc == nil {
		return d
	}
	own := hc.CheckRedirect
	guarded := *hc
	guarded.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if own == nil {
			return checkRedirect(req, via)
		}
		if err := own(req, via); err != nil {
			return err
		}
		guardCredentials(req, via)
		return nil
	}
	return &guarded
}

// defaultTransport is http.DefaultTransport's settings with the SDK's timeouts: 5 s to
// connect and 60 s to the response headers.
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 60 * time.Second
	t.DialContext = (&netDialer).DialContext
	t.MaxIdleConnsPerHost = 64
	return t
}

// New returns a Config with the defaults of the surface: base URL, key and logging from the
// environment, two retries, the SDK's transport.
func New() *Config {
	c := new(Config)
	c.fillDefaults()
	return c
}

// fillDefaults gives every setting the options left unset its default, reading the
// environment for the base URL, the key and logging, and marks c ready.
func (c *Config) fillDefaults() {
	if c.HTTPClient == nil {
		c.HTTPClient = defaultHTTPClient
	}
	if !c.maxRetriesSet {
		c.MaxRetries = DefaultMaxRetries
	}
	if c.Header == nil {
		c.Header = http.Header{}
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if c.MaxStreamEventBytes == 0 {
		c.MaxStreamEventBytes = DefaultMaxStreamEventBytes
	}
	if c.Sleep == nil {
		c.Sleep = sleepContext
	}
	if c.Rand == nil {
		c.Rand = randFloat
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.BaseURL == nil {
		if base := os.Getenv("LLAMA_CLOUD_BASE_URL"); base != "" {
			c.BaseURL, _ = ParseBaseURL(base)
		}
		if c.BaseURL == nil {
			c.BaseURL, _ = ParseBaseURL(DefaultBaseURL)
		}
	}
	if c.APIKey.v == nil {
		if k := os.Getenv("LLAMA_CLOUD_API_KEY"); k != "" {
			c.APIKey = NewSecret(k)
		} else if k := os.Getenv("LLAMA_PARSE_API_KEY"); k != "" {
			c.APIKey = NewSecret(k)
		}
	}
	if !c.loggerSet {
		c.Logger = envLogger(os.Getenv("LLAMA_CLOUD_LOG"))
	}
	c.ready = true
}

// newConfig applies opts, once each, to a fresh Config. A client's calls start with a
// [Preset] holding the defaults it resolved once; without one (a zero-value service, or a
// service made from options alone) the defaults fill in what the options left unset.
func newConfig(opts []RequestOption) (*Config, error) {
	cfg := new(Config)
	if err := cfg.Apply(opts...); err != nil {
		return nil, err
	}
	if !cfg.ready {
		cfg.fillDefaults()
	}
	return cfg, nil
}

// CloseIdleConnections closes the idle connections of the HTTP client that opts select,
// when it has a CloseIdleConnections method; options that fail select nothing.
func CloseIdleConnections(opts ...RequestOption) {
	cfg, err := newConfig(opts)
	if err != nil {
		return
	}
	if c, ok := cfg.HTTPClient.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// SetMaxRetries sets MaxRetries, marking it chosen: defaults leave a chosen 0 alone.
func (c *Config) SetMaxRetries(n int) { c.MaxRetries, c.maxRetriesSet = n, true }

// SetLogger sets Logger, marking it chosen: defaults leave a chosen nil (no logging) alone.
func (c *Config) SetLogger(l *slog.Logger) { c.Logger, c.loggerSet = l, true }

// ParseBaseURL checks a base URL: it needs an http or https scheme and a host, and may not
// carry user info (the key goes in a header, never in the URL). A path prefix is kept.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("llamacloud: invalid base URL %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("llamacloud: base URL %q needs an http or https scheme", s)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("llamacloud: base URL %q has no host", s)
	}
	if u.User != nil {
		return nil, fmt.Errorf("llamacloud: base URL %q must not hold user info", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("llamacloud: base URL %q must not have a query or fragment", s)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// Clone returns a copy of c whose maps and slices can be changed without touching c.
func (c *Config) Clone() *Config {
	n := *c
	n.Header = c.Header.Clone()
	if n.Header == nil {
		n.Header = http.Header{}
	}
	if c.Query != nil {
		n.Query = cloneValues(c.Query)
	}
	n.Middlewares = c.Middlewares[:len(c.Middlewares):len(c.Middlewares)]
	n.JSONEdits = c.JSONEdits[:len(c.JSONEdits):len(c.JSONEdits)]
	return &n
}

// Apply runs opts in order on c, stopping at the first error.
func (c *Config) Apply(opts ...RequestOption) error {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(c); err != nil {
			return err
		}
	}
	return nil
}

func cloneValues(v url.Values) url.Values {
	n := make(url.Values, len(v))
	for k, vs := range v {
		n[k] = append([]string(nil), vs...)
	}
	return n
}

// Preset returns an option that replaces the whole config with a copy of base. A client
// computes base once from its options, so each call starts from it without re-applying them.
func Preset(base *Config, err error) RequestOption {
	return func(c *Config) error {
		if err != nil {
			return err
		}
		*c = *base.Clone()
		return nil
	}
}
