// Command llamacloud-fake serves the in-memory LlamaCloud of package llamacloudtest on a fixed
// address, for trying the SDK, examples and other clients without an account:
//
//	go run ./cmd/llamacloud-fake -addr 127.0.0.1:8787 -preload ./examples/data
//
// It prints the base URL and API key to use, and serves until interrupted (SIGINT or SIGTERM).
// With -preload DIR, the regular files directly inside DIR are uploaded into a directory named
// after DIR before serving starts, and the ID of that directory is printed.
//
// Flags:
//
//	-addr string              listen address (default "127.0.0.1:8787")
//	-key string               API key to accept (default llamacloudtest.DefaultAPIKey)
//	-preload string           folder whose files to upload at start
//	-job-steps int            reads per job state and per index build (default 1; 0 completes them at once)
//	-max-upload int           largest upload in bytes (default 100 MiB)
//	-stream-interval duration pause between the events of a chat turn (default 0, none)
//	-h                        print the flags and exit
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "llamacloud-fake:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx ends, and reports the address and key on out.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("llamacloud-fake", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: llamacloud-fake [flags]\n\nServes the in-memory LlamaCloud of package llamacloudtest until interrupted.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:8787", "listen address")
	key := fs.String("key", llamacloudtest.DefaultAPIKey, "API key to accept")
	preload := fs.String("preload", "", "folder whose files to upload into a directory named after it")
	jobSteps := fs.Int("job-steps", 1, "reads per job state and per index build (0 completes them at once)")
	maxUpload := fs.Int64("max-upload", llamacloudtest.DefaultMaxUploadSize, "largest upload in bytes")
	streamInterval := fs.Duration("stream-interval", 0, "pause between the events of a chat turn, e.g. 200ms")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h asked for the usage, which Parse printed
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *jobSteps < 0 {
		return fmt.Errorf("-job-steps %d is negative", *jobSteps)
	}
	if *streamInterval < 0 {
		return fmt.Errorf("-stream-interval %s is negative", *streamInterval)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := llamacloudtest.NewUnstartedServer(llamacloudtest.WithAPIKey(*key), llamacloudtest.WithJobSteps(*jobSteps),
		llamacloudtest.WithMaxUploadSize(*maxUpload), llamacloudtest.WithStreamInterval(*streamInterval))
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	defer hs.Close()

	baseURL := "http://" + ln.Addr().String()
	if *preload != "" {
		dirID, n, err := preloadFolder(ctx, baseURL, *key, *preload)
		if err != nil {
			return fmt.Errorf("preload %q: %w", *preload, err)
		}
		fmt.Fprintf(out, "preloaded %d files from %s into directory %s\n", n, *preload, dirID)
	}
	fmt.Fprintf(out, "LLAMA_CLOUD_BASE_URL=%s\nLLAMA_CLOUD_API_KEY=%s\n", baseURL, *key)

	select {
	case <-ctx.Done():
	case err := <-served:
		return err
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// preloadFolder uploads the regular files directly inside dir into a new directory named after it,
// through the API, and returns the directory's ID and how many files it uploaded.
func preloadFolder(ctx context.Context, baseURL, key, dir string) (dirID string, n int, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", 0, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", 0, err
	}
	body, _ := json.Marshal(map[string]string{"name": filepath.Base(abs)})
	var created struct {
		ID string `json:"id"`
	}
	if err := post(ctx, baseURL+"/api/v1/beta/directories", key, "application/json", body, &created); err != nil {
		return "", 0, err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return created.ID, n, err
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, err := mw.CreateFormFile("upload_file", e.Name())
		if err != nil {
			return created.ID, n, err
		}
		if _, err := fw.Write(content); err != nil {
			return created.ID, n, err
		}
		if err := mw.Close(); err != nil {
			return created.ID, n, err
		}
		url := baseURL + "/api/v1/beta/directories/" + created.ID + "/files/upload"
		if err := post(ctx, url, key, mw.FormDataContentType(), buf.Bytes(), nil); err != nil {
			return created.ID, n, fmt.Errorf("upload %q: %w", e.Name(), err)
		}
		n++
	}
	return created.ID, n, nil
}

// post sends body and decodes a 2xx JSON answer into out (when not nil).
func post(ctx context.Context, url, key, contentType string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d: %s", resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}
