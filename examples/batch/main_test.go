package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

func fastWaits(o *beta.WaiterOptions) { o.MinDelay, o.MaxDelay = time.Millisecond, 2*time.Millisecond }

func TestRunParsesTheDirectory(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(1))
	t.Cleanup(srv.Close)
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), config{waiter: fastWaits, maxWait: time.Minute}))

	got := out.String()
	assert.Contains(t, got, "Uploaded 5 files")
	assert.Regexp(t, `Started batch job \S+: 5 items, status pending`, got)
	assert.Contains(t, got, "  check: dispatched   0% (0 of 5 items processed)\n"+
		"  check: running     60% (3 of 5 items processed)\n"+
		"  check: completed  100% (5 of 5 items processed)\n")
	assert.Contains(t, got, "Job completed: 5 processed, 0 failed, 0 skipped")
	for _, name := range []string{"hr-leave-policy.txt", "incident-log.json", "pricing.csv", "product-faq.html", "q3-2024-quarterly-report.md"} {
		assert.Regexp(t, `  `+strings.ReplaceAll(name, ".", `\.`)+` +completed `, got)
	}
	assert.Contains(t, got, "Processing results of hr-leave-policy.txt:\n  parse job, parse mode parse_page_without_llm, parameters hash ")

	pages := 0
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/items") {
			pages++
		}
	}
	assert.Equal(t, 3, pages, "five items, two per page")
	dirs, err := srv.Client().Beta.Directories.List(context.Background(), beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, dirs.Items, "the directory is deleted at the end")
}

func TestRunReportsAFailedJob(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(0))
	t.Cleanup(srv.Close)
	data := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(data, "blank.txt"), []byte("   \n"), 0o600))

	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), config{dataDir: data, waiter: fastWaits, maxWait: time.Minute})

	require.Error(t, err)
	assert.Regexp(t, `job \S+ ended failed: all 1 items failed`, err.Error())
}
