// Package exampleenv decides what the example programs talk to. With LLAMA_CLOUD_API_KEY set they
// use the real LlamaCloud through [llamacloud.NewClient]; without it they start the in-memory
// LlamaCloud of package llamacloudtest in the same process, so that every example runs offline,
// with no account and no network:
//
//	env := exampleenv.Open(os.Stderr)
//	defer env.Close()
//	dir, err := env.Client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "reports"})
package exampleenv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// APIKeyVar is the environment variable whose presence selects the real service.
const APIKeyVar = "LLAMA_CLOUD_API_KEY"

// OfflineNotice is what [Open] writes when it falls back to the in-memory LlamaCloud.
const OfflineNotice = APIKeyVar + " is not set: using the in-memory LlamaCloud from llamacloudtest"

// Env is the LlamaCloud an example talks to. Make it with [Open] and call [Env.Close] when done.
type Env struct {
	// Client is the client to make calls with; it is safe for concurrent use.
	Client *llamacloud.Client
	// Fake is the in-memory server the client talks to when offline, and nil when the client
	// talks to the real service.
	Fake *llamacloudtest.Server
}

// Open returns the real service's client (configured from the environment by
// [llamacloud.NewClient]) when LLAMA_CLOUD_API_KEY is set and not empty. Otherwise it starts a
// [llamacloudtest.Server] with opts, writes [OfflineNotice] and a newline to notice (usually
// os.Stderr), and returns a client wired to that server.
func Open(notice io.Writer, opts ...llamacloudtest.Option) *Env {
	if os.Getenv(APIKeyVar) != "" {
		return &Env{Client: llamacloud.NewClient()}
	}
	fmt.Fprintln(notice, OfflineNotice)
	srv := llamacloudtest.NewServer(opts...)
	return &Env{Client: srv.Client(), Fake: srv}
}

// DefaultBaseURL is where [llamacloud.NewClient] sends requests when LLAMA_CLOUD_BASE_URL is
// not set.
const DefaultBaseURL = "https://api.cloud.llamaindex.ai"

// Backend says what the client talks to, for a program to print first: "the in-memory
// LlamaCloud of llamacloudtest at http://127.0.0.1:…" offline, else "LlamaCloud at " and
// the base URL (LLAMA_CLOUD_BASE_URL, else [DefaultBaseURL]).
func (e *Env) Backend() string {
	if e.Fake != nil {
		return "the in-memory LlamaCloud of llamacloudtest at " + e.Fake.URL
	}
	base := os.Getenv("LLAMA_CLOUD_BASE_URL")
	if base == "" {
		base = DefaultBaseURL
	}
	return "LlamaCloud at " + base
}

// Offline reports whether the client talks to the in-memory LlamaCloud.
func (e *Env) Offline() bool { return e.Fake != nil }

// Close releases the client's idle connections and stops the in-memory server, if one was
// started, so that no goroutine of the example is left. It may be called more than once.
func (e *Env) Close() {
	e.Client.CloseIdleConnections()
	if e.Fake != nil {
		e.Fake.Close()
	}
}

// Main runs an example program: it opens the environment with opts, calls run with a context
// that ends on an interrupt, closes the environment and, when run failed, prints
// "<name>: <error>" to standard error and exits with status 1.
func Main(name string, run func(ctx context.Context, env *Env) error, opts ...llamacloudtest.Option) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	env := Open(os.Stderr, opts...)
	err := run(ctx, env)
	env.Close()
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// DeleteAll removes the index indexID (unless it is empty) and the directory dirID: the clean-up
// of an example. It runs on a context of its own that keeps ctx's values but not its
// cancellation, with a 30-second limit, so that it still works after an interrupt ended ctx.
func DeleteAll(ctx context.Context, client *llamacloud.Client, dirID, indexID string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	var errs []error
	if indexID != "" {
		errs = append(errs, client.Beta.Indexes.Delete(ctx, indexID, beta.IndexDeleteParams{}))
	}
	errs = append(errs, client.Beta.Directories.Delete(ctx, dirID, beta.DirectoryDeleteParams{}))
	return errors.Join(errs...)
}

// DataDir returns the folder of sample documents, examples/data: relative to the working
// directory when run from the repository root (as `go run ./examples/quickstart` is), else next
// to this package's source, which `go run` and `go test` builds keep.
func DataDir() (string, error) {
	candidates := []string{filepath.Join("examples", "data")}
	if _, file, _, ok := runtime.Caller(0); ok {
		candidates = append(candidates, filepath.Join(filepath.Dir(file), "..", "..", "data"))
	}
	for _, dir := range candidates {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return filepath.Clean(dir), nil
		}
	}
	return "", errors.New("exampleenv: cannot find examples/data; run from the repository root or pass the folder explicitly")
}
