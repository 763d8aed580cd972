package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
