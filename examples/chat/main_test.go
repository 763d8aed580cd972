package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

func TestRunStreamsTheAnswer(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	var out bytes.Buffer

	err := run(context.Background(), &out, srv.Client(), config{prompt: "How many weeks of parental leave do birth parents get?"})

	require.NoError(t, err)
	got := out.String()
	assert.Contains(t, got, "Indexed 5 documents")
	assert.Contains(t, got, "You: How many weeks of parental leave do birth parents get?\n")
	assert.Contains(t, got, `  → retrieve("How many weeks of parental leave do birth parents get?")`)
	assert.Contains(t, got, "  ← retrieve: 3 results\nAssistant: ")
	assert.Contains(t, got, "Birth parents receive 20 weeks of fully paid parental leave")
	assert.Regexp(t, `\[tokens: [1-9]\d* in, [1-9]\d* out; tool calls: 1; `, got)

	ctx := context.Background()
	page, err := srv.Client().Beta.Directories.List(ctx, beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "the directory made for the run is deleted")
}

func TestRunInteractiveKeepsOneSession(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	var out bytes.Buffer
	cfg := config{prompt: "Which incident was SEV1?", interactive: true, in: strings.NewReader("What is the API rate limit?\n\n")}

	require.NoError(t, run(context.Background(), &out, srv.Client(), cfg))

	assert.Equal(t, 2, strings.Count(out.String(), "\nAssistant: "), out.String())
	sessions, err := srv.Client().Beta.Chat.List(context.Background(), beta.ChatListParams{})
	require.NoError(t, err)
	require.Len(t, sessions.Items, 1)
	detail, err := srv.Client().Beta.Chat.Get(context.Background(), sessions.Items[0].SessionID, beta.ChatGetParams{})
	require.NoError(t, err)
	var prompts []string
	for _, ev := range detail.Events {
		if ev.Type == beta.ChatEventTypeUserInput {
			prompts = append(prompts, ev.AsUserInput().Content)
		}
	}
	assert.Equal(t, []string{"Which incident was SEV1?", "What is the API rate limit?"}, prompts)
}

func TestRunUnknownIndex(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)

	err := run(context.Background(), &bytes.Buffer{}, srv.Client(), config{prompt: "hi", indexID: "idx-missing"})

	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}

// cancelOn is an output that cancels the run once marker has been written.
type cancelOn struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	marker string
	cancel context.CancelFunc
}

func (c *cancelOn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Write(p)
	if strings.Contains(c.buf.String(), c.marker) {
		c.cancel()
	}
	return len(p), nil
}

// Interrupting the program mid-answer ends the turn with the context's error, still cleans up,
// and leaves no goroutine behind (TestMain checks with goleak).
func TestRunCancelledMidTurn(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithStreamInterval(2 * time.Millisecond))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	out := &cancelOn{marker: "Assistant: ", cancel: cancel}

	err := run(ctx, out, srv.Client(), config{prompt: "How many weeks of parental leave do birth parents get?"})

	assert.ErrorIs(t, err, context.Canceled)
	out.mu.Lock()
	got := out.buf.String()
	out.mu.Unlock()
	assert.NotContains(t, got, "[tokens:", "the turn did not finish")
	page, err := srv.Client().Beta.Directories.List(context.Background(), beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "the directory made for the run is deleted even so")
}
