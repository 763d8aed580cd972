package llamacloudtest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/option"
)

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
	routes   map[string]route // by mux pattern, "POST /api/v1/indexes"
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

// projectState is everything one project owns. The idempotency, agent data, sheets, batch and
// split stores have zero values that are ready to use.
type projectState struct {
	id    string
	orgID string

	files   map[string]*storedFile // by file_id
	dirs    map[string]*directory  // by directory id
	indexes map[string]*index      // by index id
	chats   map[string]*chatSession

	idempotency idempotencyStore // responses by Idempotency-Key

	agentData agentDataStore
	lists     projectLists // directory and chat-session IDs in order, for their lists
	sheets    sheetStore
	batches   batchStore
	splits    splitStore
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
	s.routes = map[string]route{}
	for _, group := range [][]route{
		s.directoryRoutes(), s.fileRoutes(), s.indexRoutes(), s.retrievalRoutes(), s.chatRoutes(),
		s.agentDataRoutes(), s.sheetRoutes(), s.batchRoutes(), s.splitRoutes(),
	} {
		for _, rt := range group {
			s.routes[rt.method+" "+rt.pattern] = rt
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

// sortedKeys returns the keys of m in order, for deterministic listings.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
