package llamacloudtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/option"
)

// Defaults of a [Server] made without options.
const (
	// DefaultAPIKey is the API key a Server accepts unless [WithAPIKey] changes it.
	DefaultAPIKey = "llx-llamacloudtest-key"
	// DefaultProjectID is the project that [DefaultAPIKey] (or the key set by [WithAPIKey]) belongs to.
	DefaultProjectID = "proj-default"
	// DefaultOrganizationID is the organization every project of a Server belongs to.
	DefaultOrganizationID = "org-default"
	// DefaultMaxUploadSize is the largest upload a Server accepts unless [WithMaxUploadSize] changes it.
	DefaultMaxUploadSize = 100 << 20
	// DefaultRecordLimit is how many requests [Server.Requests] keeps unless [WithRecordLimit] changes it.
	DefaultRecordLimit = 10000
)

// Option configures a [Server]; pass options to [NewServer] or [NewUnstartedServer].
type Option func(*config)

type config struct {
	apiKey      string
	projectID   string
	addr        string
	maxUpload   int64
	jobSteps    int
	recordLimit int
	clock       func() time.Time
}

// WithAPIKey sets the default API key, the one in [Server.APIKey]. The default is [DefaultAPIKey].
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithProjectID sets the ID of the default project, the one the default API key belongs to and
// [Server.PutFile] seeds. The default is [DefaultProjectID].
func WithProjectID(id string) Option { return func(c *config) { c.projectID = id } }

// WithAddr sets the address [Server.Start] listens on. The default is "127.0.0.1:0", a free
// loopback port.
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithMaxUploadSize sets the largest file, in bytes, that an upload may carry; a larger one is
// answered with 413. The default is [DefaultMaxUploadSize] (100 MiB); n <= 0 keeps the default.
func WithMaxUploadSize(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxUpload = n
		}
	}
}

// WithJobSteps sets how many status reads (GET requests on a job) advance an asynchronous job
// (sheets, batch, split) by one state. The default is 1; 0 makes jobs complete as soon as they are
// created. A negative n keeps the default.
func WithJobSteps(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.jobSteps = n
		}
	}
}

// WithRecordLimit sets how many of the most recent requests [Server.Requests] keeps. The default is
// [DefaultRecordLimit]; 0 disables recording; a negative n keeps the default.
func WithRecordLimit(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.recordLimit = n
		}
	}
}

// WithClock sets the source of the timestamps the Server writes (created_at and friends). The
// default is time.Now. A nil now keeps the default.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// Server is an in-memory LlamaCloud serving the beta API over HTTP on a loopback port, shaped
// like [net/http/httptest.Server]. State lives in memory only and is lost on [Server.Close]. All
// methods are safe for concurrent use, including while requests are being served.
//
// Every API key belongs to one project; a request sees only its project's data, and an object of
// another project answers 404. An organization_id or project_id query value other than the key's
// own answers 403.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:port" without a trailing slash. It is
	// empty until [Server.Start].
	URL string
	// APIKey is a key the server accepts; it belongs to [Server.ProjectID].
	APIKey string
	// ProjectID is the default project: the one APIKey belongs to and [Server.PutFile] seeds.
	ProjectID string
	// OrganizationID is the organization of every project.
	OrganizationID string

	cfg      config
	jobSteps int
	mux      *http.ServeMux
	idSeq    atomic.Uint64

	mu       sync.Mutex // guards the state below and everything reachable from projects
	keys     map[string]string
	projects map[string]*projectState
	blobs    map[string]blob

	faultMu  sync.Mutex
	faults   []*faultRule
	recMu    sync.Mutex
	requests []RecordedRequest

	closeOnce sync.Once
	listener  net.Listener
	hs        *http.Server
	baseCtx   context.Context
	cancel    context.CancelFunc
	done      chan struct{}

	connMu  sync.Mutex
	conns   map[net.Conn]http.ConnState // open connections and their states, see trackConn
	closing bool                        // Close has begun: new and idle connections are closed at once
}

// projectState is everything one project owns. The agent data, sheets, batch and split stores
// have zero values that are ready to use.
type projectState struct {
	id    string
	orgID string

	files   map[string]*storedFile // by file_id
	dirs    map[string]*directory  // by directory id
	indexes map[string]*index      // by index id
	chats   map[string]*chatSession

	agentData agentDataStore
	lists     projectLists // directory and chat-session IDs in order, for their lists
	sheets    sheetStore
	batches   batchStore
	splits    splitStore
}

// route is one endpoint: pattern is in [http.ServeMux] syntax without the method, e.g.
// "/api/v1/beta/agent-data/{item_id}". The handler runs holding s.mu (see [call]). Handler helpers
// live in server_helpers.go (decode, queryBool/queryInt/queryTime, pageParams/pageFrom/writePage,
// presign) and faults.go (fault injection).
type route struct {
	method  string
	pattern string
	handle  func(c *call)
}

// NewServer returns a started Server. The caller must call [Server.Close] when done with it.
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	s.Start()
	return s
}

// NewUnstartedServer returns a Server that is not yet listening, so that faults can be set up
// before the first request; call [Server.Start] to start it.
func NewUnstartedServer(opts ...Option) *Server {
	cfg := config{
		apiKey:      DefaultAPIKey,
		projectID:   DefaultProjectID,
		addr:        "127.0.0.1:0",
		maxUpload:   DefaultMaxUploadSize,
		jobSteps:    1,
		recordLimit: DefaultRecordLimit,
		clock:       time.Now,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		APIKey:         cfg.apiKey,
		ProjectID:      cfg.projectID,
		OrganizationID: DefaultOrganizationID,
		cfg:            cfg,
		jobSteps:       cfg.jobSteps,
		keys:           map[string]string{cfg.apiKey: cfg.projectID},
		projects:       map[string]*projectState{},
		blobs:          map[string]blob{},
		done:           make(chan struct{}),
	}
	s.baseCtx, s.cancel = context.WithCancel(context.Background())
	s.project(cfg.projectID)
	s.mux = http.NewServeMux()
	for _, group := range [][]route{
		s.directoryRoutes(), s.fileRoutes(), s.indexRoutes(), s.retrievalRoutes(), s.chatRoutes(),
		s.agentDataRoutes(), s.sheetRoutes(), s.batchRoutes(), s.splitRoutes(),
	} {
		for _, rt := range group {
			s.mux.Handle(rt.method+" "+rt.pattern, s.endpoint(rt))
		}
	}
	s.mux.HandleFunc("GET "+presignPrefix+"{token}", s.servePresigned)
	s.mux.HandleFunc("/", s.notFound)
	return s
}

// Start starts listening on the address of [WithAddr] (127.0.0.1:0 by default) and sets
// [Server.URL]. It panics if the server was already started or the address cannot be listened on,
// like [net/http/httptest.Server.Start].
func (s *Server) Start() {
	if s.listener != nil {
		panic("llamacloudtest: server already started")
	}
	ln, err := net.Listen("tcp", s.cfg.addr)
	if err != nil {
		panic(fmt.Sprintf("llamacloudtest: listen on %q: %v", s.cfg.addr, err))
	}
	s.listener = ln
	s.URL = "http://" + ln.Addr().String()
	s.hs = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return s.baseCtx },
		ConnState:         s.trackConn,
	}
	go func() {
		defer close(s.done)
		_ = s.hs.Serve(ln)
	}()
}

// Close stops the server: it stops accepting connections, closes the idle ones and those that
// never sent a request, cancels the context of requests still running (so injected delays end),
// and waits for them to finish. Close may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.cancel()
		if s.hs == nil {
			return
		}
		s.hs.SetKeepAlivesEnabled(false)
		// Shutdown waits 5 s before it counts a connection that never sent a request as idle;
		// like httptest.Server.Close, close those (and the idle ones) here, and every one that
		// turns new or idle from now on in trackConn.
		s.connMu.Lock()
		s.closing = true
		for c, st := range s.conns {
			if st == http.StateNew || st == http.StateIdle {
				_ = c.Close()
			}
		}
		s.connMu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			_ = s.hs.Close()
		}
		<-s.done
	})
}

// trackConn is the server's [http.Server.ConnState] hook: it keeps the state of every open
// connection for [Server.Close], and once Close has begun closes each connection that becomes new
// or idle.
func (s *Server) trackConn(c net.Conn, st http.ConnState) {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	switch st {
	case http.StateNew, http.StateActive, http.StateIdle:
		if s.closing && st != http.StateActive {
			_ = c.Close()
		}
		if s.conns == nil {
			s.conns = map[net.Conn]http.ConnState{}
		}
		s.conns[c] = st
	case http.StateHijacked, http.StateClosed:
		delete(s.conns, c)
	}
}

// Handler returns the server's HTTP handler, for serving the fake API from another server. Links the
// server hands out (download URLs) point at [Server.URL], or at the request's host while URL is empty.
func (s *Server) Handler() http.Handler { return s }

// Client returns a [*llamacloud.Client] for this server: base URL [Server.URL] and API key
// [Server.APIKey], then opts (which may override either). Call it after [Server.Start].
func (s *Server) Client(opts ...option.RequestOption) *llamacloud.Client {
	return llamacloud.NewClient(append([]option.RequestOption{option.WithBaseURL(s.URL), option.WithAPIKey(s.APIKey)}, opts...)...)
}

// AddKey makes key a valid API key of project projectID, creating the project if it is new. A key
// added again moves to the new project.
func (s *Server) AddKey(key, projectID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[key] = projectID
	s.project(projectID)
}

// project returns the state of project id, creating it if needed. The caller holds s.mu.
func (s *Server) project(id string) *projectState {
	p, ok := s.projects[id]
	if !ok {
		p = &projectState{
			id:      id,
			orgID:   s.OrganizationID,
			files:   map[string]*storedFile{},
			dirs:    map[string]*directory{},
			indexes: map[string]*index{},
			chats:   map[string]*chatSession{},
		}
		s.projects[id] = p
	}
	return p
}

// newID returns a new identifier "<prefix>-<12 digits>". IDs grow with creation order, so sorting by
// ID sorts by age.
func (s *Server) newID(prefix string) string {
	return fmt.Sprintf("%s-%012d", prefix, s.idSeq.Add(1))
}

// now returns the current time of the server's clock in UTC.
func (s *Server) now() time.Time { return s.cfg.clock().UTC() }

// timeLayout is how the API writes datetimes: RFC 3339, milliseconds, Z.
const timeLayout = "2006-01-02T15:04:05.000Z"

// formatTime writes t the way the API does, e.g. "2019-12-27T18:11:19.117Z".
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// optTime is formatTime for optional fields: nil for the zero time.
func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	v := formatTime(t)
	return &v
}

// parseTime reads a datetime query or body value: RFC 3339 with or without fractions or zone.
func parseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("llamacloudtest: invalid datetime %q", v)
}

// ServeHTTP serves one request of the fake API: it records the request, reads its body, applies
// injected faults, and dispatches to the endpoint, which checks the API key.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	limit := s.cfg.maxUpload + 1<<20
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	tooLarge := int64(len(body)) > limit
	s.record(r, body)
	if err != nil && !tooLarge {
		writeDetail(w, http.StatusBadRequest, "could not read request body: "+err.Error())
		return
	}
	if tooLarge {
		w.Header().Set("Connection", "close")
		writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", limit))
		return
	}
	if f, ok := s.nextFault(r.URL.Path); ok {
		if !s.applyFault(w, r, f) {
			return
		}
	}
	c := &call{s: s, w: w, body: body, status: http.StatusOK, header: http.Header{}}
	s.mux.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callKey{}, c)))
}

type callKey struct{}

// endpoint wraps a route: authenticate, check org/project query values, run the handler while
// holding s.mu, then write the buffered response and run any streaming tail without the lock.
func (s *Server) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := r.Context().Value(callKey{}).(*call)
		if c == nil { // served through the mux without ServeHTTP; cannot happen, but stay safe
			c = &call{s: s, w: w, status: http.StatusOK, header: http.Header{}}
		}
		c.r = r
		c.q = r.URL.Query()
		func() {
			s.mu.Lock()
			defer s.mu.Unlock() // even if a handler panics, later requests must not deadlock
			if s.authorize(c) {
				rt.handle(c)
			}
		}()
		c.flush()
	})
}

// authorize resolves the caller's project from the bearer key and checks organization_id and
// project_id query values; it answers 401 or 403 itself and reports whether to go on. The caller
// holds s.mu.
func (s *Server) authorize(c *call) bool {
	auth := c.r.Header.Get("Authorization")
	scheme, key, found := strings.Cut(auth, " ")
	if auth == "" {
		c.header.Set("WWW-Authenticate", "Bearer")
		c.fail(http.StatusUnauthorized, "Not authenticated")
		return false
	}
	projectID, ok := s.keys[strings.TrimSpace(key)]
	if !found || !strings.EqualFold(scheme, "Bearer") || !ok {
		c.header.Set("WWW-Authenticate", "Bearer")
		c.fail(http.StatusUnauthorized, "Invalid API key")
		return false
	}
	c.p = s.project(projectID)
	c.project = projectID
	if v := c.q.Get("project_id"); v != "" && v != projectID {
		c.fail(http.StatusForbidden, fmt.Sprintf("project %q is not accessible with this API key", v))
		return false
	}
	if v := c.q.Get("organization_id"); v != "" && v != c.p.orgID {
		c.fail(http.StatusForbidden, fmt.Sprintf("organization %q is not accessible with this API key", v))
		return false
	}
	return true
}

// notFound answers paths no route has, 405 when the path exists under another method.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pattern := s.mux.Handler(r2); pattern != "" && pattern != "/" {
			writeDetail(w, http.StatusMethodNotAllowed, "Method Not Allowed")
			return
		}
	}
	writeDetail(w, http.StatusNotFound, "Not Found")
}

// RecordedRequest is one request the server received, as [Server.Requests] reports it.
type RecordedRequest struct {
	// Method is the HTTP method.
	Method string
	// Path is the path as sent, still escaped ("/api/v1/beta/directories/a%2Fb").
	Path string
	// RawQuery is the query string as sent, without "?".
	RawQuery string
	// Header holds the request headers; the value of Authorization is replaced by "REDACTED".
	Header http.Header
	// Body is the request body; it must not be modified.
	Body []byte
}

func (s *Server) record(r *http.Request, body []byte) {
	if s.cfg.recordLimit == 0 {
		return
	}
	h := r.Header.Clone()
	if _, ok := h["Authorization"]; ok {
		h.Set("Authorization", "REDACTED")
	}
	rec := RecordedRequest{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: h, Body: body}
	s.recMu.Lock()
	defer s.recMu.Unlock()
	if len(s.requests) >= 2*s.cfg.recordLimit { // drop the oldest in bulk: amortised O(1)
		n := copy(s.requests, s.requests[len(s.requests)-s.cfg.recordLimit:])
		clear(s.requests[n:])
		s.requests = s.requests[:n]
	}
	s.requests = append(s.requests, rec)
}

// Requests returns the requests received so far, oldest first: every request, including those
// answered with an error or an injected fault, up to the limit of [WithRecordLimit].
func (s *Server) Requests() []RecordedRequest {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	return append([]RecordedRequest(nil), s.requests[max(0, len(s.requests)-s.cfg.recordLimit):]...)
}

// ClearRequests forgets the requests recorded so far.
func (s *Server) ClearRequests() {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	s.requests = nil
}

// call is one request being served by a route handler. Handlers run while holding s.mu: they
// read and change project state freely and must not block. Responses are buffered and written
// after the lock is released; a handler that streams registers the tail with [call.afterUnlock].
type call struct {
	s       *Server
	w       http.ResponseWriter
	r       *http.Request
	q       url.Values
	body    []byte
	project string        // the caller's project ID
	p       *projectState // the caller's project

	status int
	header http.Header
	out    []byte
	after  func(w http.ResponseWriter)
}

// query returns the first value of the query parameter name, or "".
func (c *call) query(name string) string { return c.q.Get(name) }

// pathValue returns the decoded value of the path wildcard name.
func (c *call) pathValue(name string) string { return c.r.PathValue(name) }

// writeJSON buffers v as the JSON response with the given status.
func (c *call) writeJSON(status int, v any) {
	b, err := marshalJSON(v)
	if err != nil {
		c.fail(http.StatusInternalServerError, "encode response: "+err.Error())
		return
	}
	c.status = status
	c.header.Set("Content-Type", "application/json")
	c.out = b
}

// fail buffers an error response {"detail": detail}.
func (c *call) fail(status int, detail string) {
	c.writeJSON(status, map[string]string{"detail": detail})
}

// notFound answers 404 naming the kind and ID of the missing object.
func (c *call) notFound(kind, id string) {
	c.fail(http.StatusNotFound, fmt.Sprintf("%s %q not found", kind, id))
}

// validationError is one entry of a 422 response.
type validationError struct {
	Loc   []any  `json:"loc"`
	Msg   string `json:"msg"`
	Type  string `json:"type"`
	Input any    `json:"input"` // pydantic v2's input member, always present; see inputAt
}

// invalid buffers a 422 response with one validation error, e.g.
// invalid([]any{"body", "name"}, "Field required", "missing").
func (c *call) invalid(loc []any, msg, typ string) {
	c.writeJSON(http.StatusUnprocessableEntity, map[string]any{"detail": []validationError{{Loc: loc, Msg: msg, Type: typ, Input: c.inputAt(loc)}}})
}

// afterUnlock registers fn to write the response after s.mu is released, for streaming; fn must
// lock s.mu itself before touching state. The buffered status and headers are written first.
func (c *call) afterUnlock(fn func(w http.ResponseWriter)) { c.after = fn }

// flush writes the buffered response and runs the streaming tail.
func (c *call) flush() {
	for k, v := range c.header {
		c.w.Header()[k] = v
	}
	if c.after != nil {
		c.w.WriteHeader(c.status)
		c.after(c.w)
		return
	}
	if c.out == nil {
		c.w.WriteHeader(c.status)
		return
	}
	c.w.Header().Set("Content-Length", fmt.Sprint(len(c.out)))
	c.w.WriteHeader(c.status)
	_, _ = c.w.Write(c.out)
}

// writeDetail writes {"detail": detail} straight to w, for answers given outside a route.
func writeDetail(w http.ResponseWriter, status int, detail string) {
	b, _ := marshalJSON(map[string]string{"detail": detail})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// marshalJSON is json.Marshal without HTML escaping and without the trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := newJSONEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sortedKeys returns the keys of m in order, for deterministic listings.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// errBadPageToken is the cause decodePageToken returns for a token it did not issue.
var errBadPageToken = errors.New("llamacloudtest: invalid page token")
