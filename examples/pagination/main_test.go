package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const searchPath = "/api/v1/beta/agent-data/:search"

func testConfig() config {
	return config{records: 230, pageSize: 20, workers: 4, stopAfter: 45, deployment: "pagination-test", collection: "run-1"}
}

// searches counts the search requests the server received.
func searches(srv *llamacloudtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == searchPath {
			n++
		}
	}
	return n
}

func TestRunPagesThroughEveryRecordAndStopsOnBreak(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), testConfig()))

	got := out.String()
	assert.Contains(t, got, "created 230 records")
	assert.Contains(t, got, "230 records in 12 pages")
	assert.Contains(t, got, "each record seen once, in seq order: true")
	assert.Contains(t, got, "Breaking out after 45 records:\n  3 of 12 pages fetched; the other 9 were never requested")
	assert.Contains(t, got, "deleted 230 records of collection run-1")
	assert.Equal(t, 12+3, searches(srv), "the middleware's page count matches the requests sent")

	page, err := srv.Client().Beta.AgentData.Search(context.Background(), beta.AgentDataSearchParams{
		DeploymentName: "pagination-test", Collection: llamacloud.String("run-1"),
	})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "the run deletes its records")
}

func TestRunReportsAPageFailureAndStillCleansUp(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	cfg := testConfig()
	cfg.records = 10
	// The first search fails on every attempt (one try and two retries).
	srv.FailNext(3, llamacloudtest.Fault{Status: http.StatusInternalServerError, RetryAfterMS: 1, Path: searchPath})
	var out bytes.Buffer

	err := run(context.Background(), &out, srv.Client(), cfg)

	assert.ErrorIs(t, err, llamacloud.ErrServer)
	assert.ErrorContains(t, err, "after 0 records")
	assert.Contains(t, out.String(), "deleted 10 records")
}

func TestRunRejectsBadSettings(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	cfg := testConfig()
	cfg.pageSize = 0

	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), cfg)

	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "-page-size"), err.Error())
	assert.Empty(t, srv.Requests(), "nothing is sent")
}
