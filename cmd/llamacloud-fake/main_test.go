package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// get sends an authenticated GET and returns the parsed JSON body.
func get(t *testing.T, url, key string) gjson.Result {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(data))
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
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-key", "dev-key", "-preload", folder}, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	vars := map[string]string{}
	for len(vars) < 2 && lines.Scan() {
		if k, v, ok := strings.Cut(lines.Text(), "="); ok {
			vars[k] = v
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

	cancel()
	require.NoError(t, <-done)
	http.DefaultClient.CloseIdleConnections()
	_, err := http.Get(base + "/api/v1/beta/directories")
	assert.Error(t, err, "stopped serving")
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-job-steps", "-1"},
		{"-nope"},
		{"extra"},
		{"-addr", "256.0.0.1:99999"},
		{"-addr", "127.0.0.1:0", "-preload", filepath.Join(t.TempDir(), "missing")},
	} {
		var out bytes.Buffer
		assert.Error(t, run(context.Background(), args, &out), "%v", args)
	}
}
