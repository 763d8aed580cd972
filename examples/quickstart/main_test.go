package main

import (
	"bytes"
	"context"
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

// defaults are the settings main uses without flags.
func defaults() config {
	return config{
		question: "How much did revenue grow in Q3 2024?",
		chat:     "What does the Business plan cost per month, and does it include single sign-on?",
		file:     "quarterly-report",
		pattern:  `revenue grew \d+%`,
		maxWait:  time.Minute,
		backend:  "the test server",
	}
}

func TestRunWalksThroughEveryStep(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), defaults()))

	got := out.String()
	assert.True(t, strings.HasPrefix(got, "Backend: the test server\n"), "the backend comes first")
	for _, want := range []string{
		`Created directory "quickstart-handbook"`,
		"uploaded q3-2024-quarterly-report.md", "uploaded pricing.csv", "uploaded product-faq.html",
		"uploaded hr-leave-policy.txt", "uploaded incident-log.json",
		`Top 3 passages for "How much did revenue grow in Q3 2024?"`,
		"  1. q3-2024-quarterly-report.md",
		`2 matches of /revenue grew \d+%/ in q3-2024-quarterly-report.md`,
		"Total revenue grew 18%", "Enterprise revenue grew 22%",
		"(agent calls retrieve with",
		"Assistant: Here is what the documents say",
		"pricing.csv",
		"Usage (from the stop event): ",
		"Cleaned up: deleted the index and the directory",
		"Done in ",
	} {
		assert.Contains(t, got, want)
	}
	assertCleanedUp(t, srv, out.String())
}

func TestRunKeep(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	cfg := defaults()
	cfg.keep = true
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), cfg))

	assert.NotContains(t, out.String(), "Cleaned up")
	page, err := srv.Client().Beta.Directories.List(context.Background(), beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1, "the directory is kept")
}

func TestRunCleansUpAfterAnError(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	cfg := defaults()
	cfg.pattern = "(unclosed"
	var out bytes.Buffer

	err := run(context.Background(), &out, srv.Client(), cfg)

	require.Error(t, err)
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable, "the fake rejects the pattern with 422")
	assert.Contains(t, out.String(), "Cleaned up")
	assert.NotContains(t, out.String(), "Done in")
	assertCleanedUp(t, srv, out.String())
}

func TestRunWithoutFiles(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	cfg := defaults()
	cfg.dataDir = t.TempDir()

	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), cfg)

	assert.ErrorContains(t, err, "no files to upload")
}

// assertCleanedUp checks that the run deleted the index and the directory it reported in out.
func assertCleanedUp(t *testing.T, srv *llamacloudtest.Server, out string) {
	t.Helper()
	ctx := context.Background()
	m := regexp.MustCompile(`Created index (\S+) over directory (\S+) and waited until it was built \(5 documents\)`).FindStringSubmatch(out)
	require.Len(t, m, 3, "the run reports its index and directory")
	_, err := srv.Client().Beta.Indexes.Get(ctx, m[1], beta.IndexGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound, "the index is deleted")
	page, err := srv.Client().Beta.Directories.List(ctx, beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "the directory is deleted")
	page, err = srv.Client().Beta.Directories.List(ctx, beta.DirectoryListParams{IncludeDeleted: llamacloud.Bool(true)})
	require.NoError(t, err)
	if assert.Len(t, page.Items, 1) {
		assert.Equal(t, m[2], page.Items[0].ID)
	}
}
