package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// get sends an authenticated GET and returns the parsed JSON body.
func get(t *testing.T, url, key string) gjson.Result {
	t.Helper()
	return do(t, http.MethodGet, url, key, "")
}

// postJSON sends an authenticated JSON POST and returns the body, parsed when it is JSON (a chat
// turn's event stream is in Raw).
func postJSON(t *testing.T, url, key, body string) gjson.Result {
	t.Helper()
	return do(t, http.MethodPost, url, key, body)
}

// do sends an authenticated request and requires a 200.
func do(t *testing.T, method, url, key, body string) gjson.Result {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(data))
	if !gjson.ValidBytes(data) {
		return gjson.Result{Type: gjson.String, Raw: string(data), Str: string(data)}
	}
	return gjson.ParseBytes(data)
}

func TestRunServesAndPreloads(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "handbook")
	require.NoError(t, os.Mkdir(folder, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(folder, "leave.md"), []byte("Employees get 25 days of paid leave."), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(folder, "travel.txt"), []byte("Book trains for trips under 4 hours."), 0o600))
	require.NoError(t, os.Mkdir(filepath.Join(folder, "sub"), 0o755))

	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-key", "dev-key", "-preload", folder, "-job-steps", "0", "-stream-interval", "10ms"}, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	vars := map[string]string{}
	var preloaded string
	for len(vars) < 2 && lines.Scan() {
		if k, v, ok := strings.Cut(lines.Text(), "="); ok {
			vars[k] = v
		} else if strings.HasPrefix(lines.Text(), "preloaded ") {
			preloaded = lines.Text()
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	base, key := vars["LLAMA_CLOUD_BASE_URL"], vars["LLAMA_CLOUD_API_KEY"]
	require.True(t, strings.HasPrefix(base, "http://127.0.0.1:"), base)
	assert.Equal(t, "dev-key", key)

	dirs := get(t, base+"/api/v1/beta/directories", key)
	require.Equal(t, int64(1), dirs.Get("total_size").Int())
	assert.Equal(t, "handbook", dirs.Get("items.0.name").String())
	files := get(t, base+"/api/v1/beta/directories/"+dirs.Get("items.0.id").String()+"/files", key)
	var names []string
	for _, f := range files.Get("items").Array() {
		names = append(names, f.Get("display_name").String())
	}
	assert.ElementsMatch(t, []string{"leave.md", "travel.txt"}, names)
	dirID := dirs.Get("items.0.id").String()
	assert.Equal(t, "preloaded 2 files from "+folder+" into directory "+dirID, preloaded, "the ID of the directory is printed")

	// -stream-interval paces a chat turn over the preloaded files.
	ix := postJSON(t, base+"/api/v1/indexes", key, `{"source_directory_id":"`+dirID+`"}`)
	session := postJSON(t, base+"/api/v1/chat", key, `{"index_ids":["`+ix.Get("id").String()+`"]}`)
	began := time.Now()
	turn := postJSON(t, base+"/api/v1/chat/"+session.Get("session_id").String()+"/messages/stream", key, `{"index_ids":[],"prompt":"how many days of paid leave"}`)
	elapsed := time.Since(began)
	events := strings.Count(turn.Raw, "\n\nevent: ") + 1
	assert.Contains(t, turn.Raw, "25 days")
	assert.GreaterOrEqual(t, elapsed, time.Duration(events-1)*10*time.Millisecond, "%d events, 10 ms apart", events)

	cancel()
	require.NoError(t, <-done)
	http.DefaultClient.CloseIdleConnections()
	_, err := http.Get(base + "/api/v1/beta/directories")
	assert.Error(t, err, "stopped serving")
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-job-steps", "-1"},
		{"-stream-interval", "-1s"},
		{"-stream-interval", "fast"},
		{"-nope"},
		{"extra"},
		{"-addr", "256.0.0.1:99999"},
		{"-addr", "127.0.0.1:0", "-preload", filepath.Join(t.TempDir(), "missing")},
	} {
		var out bytes.Buffer
		assert.Error(t, run(context.Background(), args, &out), "%v", args)
	}
}

// TestHelpExitsZero checks that -h prints every flag and that the command then exits with status 0,
// by running main in a child process of the test binary.
func TestHelpExitsZero(t *testing.T) {
	if os.Getenv("LLAMACLOUD_FAKE_RUN_MAIN") == "1" {
		os.Args = []string{"llamacloud-fake", "-h"}
		main()
		return
	}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-h"}, &out))
	for _, flag := range []string{"-addr", "-key", "-preload", "-job-steps", "-max-upload", "-stream-interval"} {
		assert.Contains(t, out.String(), flag)
	}
	assert.True(t, strings.HasPrefix(out.String(), "Usage: llamacloud-fake [flags]"), out.String())

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelpExitsZero$")
	// The child exits through testmain.Run, which skips the race detector's exit sleep.
	cmd.Env = append(os.Environ(), "LLAMACLOUD_FAKE_RUN_MAIN=1")
	combined, err := cmd.CombinedOutput()
	require.NoError(t, err, "llamacloud-fake -h must exit 0: %s", combined)
	assert.Contains(t, string(combined), "Usage: llamacloud-fake [flags]")
}

// TestPreloadOfTheREADMEFolder runs the README's command line: its -preload folder exists and
// every file in it is uploaded.
func TestPreloadOfTheREADMEFolder(t *testing.T) {
	folder := filepath.Join("..", "..", "examples", "data")
	entries, err := os.ReadDir(folder)
	require.NoError(t, err, "the folder the README names")
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "go run ./cmd/llamacloud-fake -addr 127.0.0.1:8787 -preload ./examples/data")

	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-preload", folder}, &out) }()
	for !strings.Contains(out.String(), "LLAMA_CLOUD_API_KEY=") {
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v\n%s", err, out.String())
		case <-out.changed():
		}
	}
	assert.Regexp(t, `^preloaded `+strconv.Itoa(len(entries))+` files from \.\./\.\./examples/data into directory dir-\d{12}\n`, out.String())
	cancel()
	require.NoError(t, <-done)
}

// syncBuffer is a bytes.Buffer for one writer and one reader goroutine that says when it grows.
type syncBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	notify chan struct{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.notify != nil {
		close(b.notify)
		b.notify = nil
	}
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// changed returns a channel closed at the next Write.
func (b *syncBuffer) changed() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.notify == nil {
		b.notify = make(chan struct{})
	}
	return b.notify
}
