package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// testConfig is main's configuration with the progress line in progress and a clock that
// moves on 100 ms at every reading.
func testConfig(progress *bytes.Buffer) config {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	return config{
		dirName:  "kb",
		question: "How much did revenue grow in Q3 2024?",
		maxWait:  time.Minute,
		backend:  "the test server",
		progress: progress,
		now: func() time.Time {
			t0 = t0.Add(100 * time.Millisecond)
			return t0
		},
	}
}

// uploads counts the file uploads srv received.
func uploads(srv *llamacloudtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/files/upload") {
			n++
		}
	}
	return n
}

func TestRunIngestsThenARerunUploadsNothing(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	var out, progress bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), testConfig(&progress)))

	got := out.String()
	assert.True(t, strings.HasPrefix(got, "Backend: the test server\n"), got)
	assert.Regexp(t, `Directory "kb" \(\S+\) created\n`, got)
	assert.Contains(t, got, "Uploaded 5 files (6.0 kB), skipped 0 already there, 0 failed\n")
	assert.Contains(t, got, `Top 3 passages for "How much did revenue grow in Q3 2024?":`)
	assert.Regexp(t, `\n  1\. score 0\.\d+  # Lumen Analytics — Q3 2024 Quarterly Report`, got, "the report ranks first")
	m := regexp.MustCompile(`Built index (\S+) over directory (\S+) \(exported `).FindStringSubmatch(got)
	require.Len(t, m, 3, got)
	assert.Contains(t, got, "Run again with -index "+m[1])
	assert.Equal(t, 5, uploads(srv))

	// The progress line is redrawn once per file; the bytes add up to the files' sizes.
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(progress.String(), "\r"), "\n"), "\r")
	require.Len(t, lines, 5, progress.String())
	for i, l := range lines {
		assert.True(t, strings.HasPrefix(l, "["+string(rune('1'+i))+"/5 files] "), l)
	}
	assert.Regexp(t, `^\[5/5 files\] 6\.0 kB uploaded, \d+(\.\d)? kB/s\s*$`, lines[4])

	// A second run finds the directory, skips every file and syncs the index it is given.
	srv.ClearRequests()
	out.Reset()
	progress.Reset()
	cfg := testConfig(&progress)
	cfg.indexID = m[1]
	require.NoError(t, run(context.Background(), &out, srv.Client(), cfg))
	got = out.String()
	assert.Contains(t, got, `Directory "kb" (`+m[2]+") found\n")
	assert.Contains(t, got, "Uploaded 0 files (0 B), skipped 5 already there, 0 failed\n")
	assert.Contains(t, got, "Synced index "+m[1]+" over directory "+m[2])
	assert.Regexp(t, `\n  1\. score 0\.\d+  # Lumen Analytics — Q3 2024 Quarterly Report`, got)
	assert.NotContains(t, got, "Run again")
	assert.Zero(t, uploads(srv), "nothing is uploaded again")
	assert.Contains(t, progress.String(), "[5/5 files] 0 B uploaded")
}

func TestRunReportsAFailedFileAndIndexesTheRest(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithMaxUploadSize(200))
	t.Cleanup(srv.Close)
	folder := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(folder, "notes"), 0o755))
	for name, text := range map[string]string{
		"notes/refunds.txt": "Refunds are issued within 14 days of the return.",
		"big.txt":           strings.Repeat("too large ", 30),
		".hidden.txt":       "never uploaded",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(folder, name), []byte(text), 0o600))
	}
	cfg := testConfig(&bytes.Buffer{})
	cfg.folder, cfg.question, cfg.delete = folder, "How long do refunds take?", true
	var out bytes.Buffer

	err := run(context.Background(), &out, srv.Client(), cfg)

	require.Error(t, err)
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusRequestEntityTooLarge, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "big.txt")
	got := out.String()
	assert.Contains(t, got, "Uploaded 1 files (48 B), skipped 0 already there, 1 failed\n")
	assert.Contains(t, got, "  failed: big.txt: ")
	assert.Contains(t, got, "Built index ")
	assert.Contains(t, got, "within 14 days", "the file that made it is indexed and found")
	assert.Contains(t, got, "Deleted the index and the directory.")
	assert.Equal(t, 2, uploads(srv), "the hidden file is left out")
	page, err := srv.Client().Beta.Directories.List(context.Background(), beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "-delete removes the directory")
}

func TestRunRejectsAMissingFolder(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	cfg := testConfig(&bytes.Buffer{})
	cfg.folder = filepath.Join(t.TempDir(), "nope")

	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), cfg)

	assert.EqualError(t, err, cfg.folder+" is not a folder")
	assert.Empty(t, srv.Requests())
}

func TestFormatBytes(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 kB", 6012: "6.0 kB", 2_500_000: "2.5 MB", 3e12: "3.0 TB", 5e15: "5000.0 TB"} {
		assert.Equal(t, want, formatBytes(n), n)
	}
}
