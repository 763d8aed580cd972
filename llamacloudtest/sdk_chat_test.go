package llamacloudtest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
)

// TestSDKChatStream streams two turns of a session bound to the corpus index and checks the
// events' order and content, AccumulateChat's turn, and the history Chat.Get returns.
func TestSDKChatStream(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)
	ix, err := client.Beta.Indexes.Get(ctx, c.indexID, beta.IndexGetParams{})
	require.NoError(t, err)
	handbook := c.files["handbook.md"].ID

	session, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{c.indexID}})
	require.NoError(t, err)
	assert.Regexp(t, `^ses-\d{12}$`, session.SessionID)
	assert.Equal(t, []string{c.indexID}, session.IndexIDs)
	assert.Empty(t, session.GeneratedTitle)
	assert.False(t, session.JSON.JobMetadata.Valid(), "no run yet")

	// First turn: read the stream event by event.
	const prompt = "How many weeks of parental leave are paid?"
	stream := client.Beta.Chat.Stream(ctx, session.SessionID, beta.ChatStreamParams{Prompt: prompt})
	var events []beta.ChatEventUnion
	for ev, err := range stream.All() {
		require.NoError(t, err)
		events = append(events, ev)
	}
	require.NoError(t, stream.Err())
	streamed := requestsTo(srv, http.MethodPost, "/api/v1/chat/"+session.SessionID+"/messages/stream")
	require.Len(t, streamed, 1)
	assert.Equal(t, "text/event-stream", streamed[0].Header.Get("Accept"))
	assert.JSONEq(t, `{"index_ids":[],"prompt":"`+prompt+`"}`, string(streamed[0].Body))

	var types []beta.ChatEventType
	for _, ev := range events {
		types = append(types, ev.Type)
	}
	require.GreaterOrEqual(t, len(types), 6, "%v", types)
	last := len(types) - 1
	assert.Equal(t, []beta.ChatEventType{beta.ChatEventTypeUserInput, beta.ChatEventTypeToolCall, beta.ChatEventTypeToolResult}, types[:3])
	assert.Equal(t, []beta.ChatEventType{beta.ChatEventTypeText, beta.ChatEventTypeStop}, types[last-1:])
	for i, typ := range types[3 : last-1] {
		assert.Equal(t, beta.ChatEventTypeTextDelta, typ, "event %d", i+3)
	}

	assert.Equal(t, prompt, events[0].AsUserInput().Content)
	call := events[1].AsToolCall()
	result := events[2].AsToolResult()
	assert.Equal(t, "retrieve", call.Name)
	assert.NotEmpty(t, call.CallID)
	assert.Equal(t, call.CallID, result.CallID)
	assert.Equal(t, prompt, call.Arguments["query"])
	assert.Equal(t, []any{c.indexID}, call.Arguments["index_ids"])
	hits, _ := result.Result.(map[string]any)["results"].([]any)
	require.NotEmpty(t, hits, "%s", result.JSON.Result.Raw())
	best, _ := hits[0].(map[string]any)
	assert.Equal(t, handbook, best["parsed_directory_file_id"])
	assert.Equal(t, "handbook.md", best["file_name"])
	assert.Contains(t, best["content"], "16 weeks of fully paid parental leave")

	var deltas strings.Builder
	for _, ev := range events[3 : last-1] {
		deltas.WriteString(ev.AsTextDelta().Content)
	}
	text := events[last-1].AsText().Content
	assert.Equal(t, text, deltas.String(), "the deltas add up to the text")
	// The answer quotes the sentence of the retrieved chunks that answers the question (the
	// chunk opens on expense claims), then the next best, with their file names.
	assert.True(t, strings.HasPrefix(text, `Here is what the documents say about "`+prompt+`":`), text)
	assert.Contains(t, text, "\n\n[1] handbook.md: \"Northwind offers 16 weeks of fully paid parental leave to every parent, "+
		"whether through birth, adoption or fostering.\"\n\n[2] handbook.md: \"", text)
	assert.NotContains(t, text, "expense claims", "the chunk's opening does not answer the question")
	stop := events[last].AsStop()
	assert.False(t, stop.IsError)
	assert.Empty(t, stop.Error)
	assert.Positive(t, stop.Usage.TotalInputTokens)
	assert.Positive(t, stop.Usage.TotalOutputTokens)
	assert.EqualValues(t, 2, stop.Usage.Turns)

	// Second turn through AccumulateChat.
	const prompt2 = "What caused the database outage?"
	turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(ctx, session.SessionID, beta.ChatStreamParams{Prompt: prompt2}))
	require.NoError(t, err)
	require.NotNil(t, turn)
	assert.Equal(t, prompt2, turn.UserInput)
	assert.Contains(t, turn.Text(), `[1] incident.txt: "`)
	assert.Empty(t, turn.Thinking())
	require.Len(t, turn.ToolCalls, 1)
	assert.Equal(t, "retrieve", turn.ToolCalls[0].Name)
	assert.Equal(t, prompt2, turn.ToolCalls[0].Arguments["query"])
	require.NotNil(t, turn.ToolCalls[0].Result)
	assert.Equal(t, turn.ToolCalls[0].CallID, turn.ToolCalls[0].Result.CallID)
	assert.NotEqual(t, call.CallID, turn.ToolCalls[0].CallID, "each call has its own ID")
	require.NotNil(t, turn.Stop)
	assert.NoError(t, turn.Err())
	assert.Equal(t, turn.Stop.Usage, turn.Usage())
	assert.Empty(t, turn.Unknown)

	// The history holds both turns, event for event.
	detail, err := client.Beta.Chat.Get(ctx, session.SessionID, beta.ChatGetParams{})
	require.NoError(t, err)
	require.Greater(t, len(detail.Events), len(events))
	for i, ev := range events {
		assert.JSONEq(t, ev.RawJSON(), detail.Events[i].RawJSON(), "event %d", i)
	}
	var replay beta.ChatTurn
	for _, ev := range detail.Events[len(events):] {
		replay.Add(ev)
	}
	assert.Equal(t, turn.Text(), replay.Text())
	assert.Equal(t, turn.Usage(), replay.Usage())
	assert.Equal(t, prompt+"...", detail.GeneratedTitle, "titled after the first prompt")
	assert.Equal(t, []string{c.indexID}, detail.IndexIDs)
	require.True(t, detail.JSON.JobMetadata.Valid())
	assert.Equal(t, []string{ix.ExportConfigID}, detail.JobMetadata.ExportConfigIDs)
	assert.Equal(t, turn.Usage().TotalInputTokens, detail.JobMetadata.TotalInputTokens, "metadata of the latest run")
	assert.EqualValues(t, 2, detail.JobMetadata.Turns)
	assert.False(t, detail.JobMetadata.IsError)

	summary, err := client.Beta.Chat.GetSummary(ctx, session.SessionID, beta.ChatGetSummaryParams{})
	require.NoError(t, err)
	assert.Equal(t, detail.SessionID, summary.SessionID)
	assert.Equal(t, detail.GeneratedTitle, summary.GeneratedTitle)
	assert.Equal(t, detail.LastUpdatedAt, summary.LastUpdatedAt)
	assert.Equal(t, detail.JobMetadata.TotalOutputTokens, summary.JobMetadata.TotalOutputTokens)
	assert.NotContains(t, summary.RawJSON(), `"events"`)
}

// TestSDKChatSessions covers unbound sessions, titles, listing across pages, deletion, and the
// errors of a stream.
func TestSDKChatSessions(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t)
	c := uploadCorpus(t, ctx, client)

	unbound, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{})
	require.NoError(t, err)
	assert.Nil(t, unbound.IndexIDs)
	assert.Equal(t, "null", unbound.JSON.IndexIDs.Raw())
	turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(ctx, unbound.SessionID, beta.ChatStreamParams{
		IndexIDs: []string{c.indexID}, Prompt: "Where is the company headquartered?",
	}))
	require.NoError(t, err)
	require.Len(t, turn.ToolCalls, 1)
	assert.Equal(t, []any{c.indexID}, turn.ToolCalls[0].Arguments["index_ids"], "an unbound session uses the request's indexes")
	assert.Contains(t, turn.Text(), "Tampere")

	titled, err := client.Beta.Chat.SetTitle(ctx, unbound.SessionID, beta.ChatSetTitleParams{
		FirstMessage: "Please summarise every incident report about the fleet management service from last year",
	})
	require.NoError(t, err)
	assert.Equal(t, "Please summarise every incident report about the...", titled.GeneratedTitle)
	_, err = client.Beta.Chat.SetTitle(ctx, unbound.SessionID, beta.ChatSetTitleParams{FirstMessage: ""})
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable)

	// List every session across pages of two.
	want := []string{unbound.SessionID}
	for range 6 {
		s, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{c.indexID}})
		require.NoError(t, err)
		want = append(want, s.SessionID)
	}
	srv.ClearRequests()
	var got []string
	for s, err := range client.Beta.Chat.ListAutoPaging(ctx, beta.ChatListParams{PageSize: llamacloud.Int(2)}).All() {
		require.NoError(t, err)
		got = append(got, s.SessionID)
		if s.SessionID == unbound.SessionID {
			assert.Equal(t, titled.GeneratedTitle, s.GeneratedTitle)
		}
	}
	assert.Equal(t, want, got)
	checkCursorPages(t, requestsTo(srv, http.MethodGet, "/api/v1/chat"), 4, 2)

	require.NoError(t, client.Beta.Chat.Delete(ctx, unbound.SessionID, beta.ChatDeleteParams{}))
	_, err = client.Beta.Chat.Get(ctx, unbound.SessionID, beta.ChatGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = client.Beta.Chat.GetSummary(ctx, unbound.SessionID, beta.ChatGetSummaryParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.ErrorIs(t, client.Beta.Chat.Delete(ctx, unbound.SessionID, beta.ChatDeleteParams{}), llamacloud.ErrNotFound)

	// A failed stream request is the stream's error; AccumulateChat returns it with an empty turn.
	stream := client.Beta.Chat.Stream(ctx, unbound.SessionID, beta.ChatStreamParams{Prompt: "hello"})
	assert.False(t, stream.Next())
	assert.ErrorIs(t, stream.Err(), llamacloud.ErrNotFound)
	turn, err = beta.AccumulateChat(client.Beta.Chat.Stream(ctx, want[1], beta.ChatStreamParams{Prompt: ""}))
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable)
	require.NotNil(t, turn)
	assert.Nil(t, turn.Stop)
	_, err = client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{"idx-missing"}})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)

	// Stopping a range early closes the stream; the turn is still recorded in full.
	for ev, err := range client.Beta.Chat.Stream(ctx, want[1], beta.ChatStreamParams{Prompt: "warranty"}).All() {
		require.NoError(t, err)
		assert.Equal(t, beta.ChatEventTypeUserInput, ev.Type)
		break
	}
	detail, err := client.Beta.Chat.Get(ctx, want[1], beta.ChatGetParams{})
	require.NoError(t, err)
	require.NotEmpty(t, detail.Events)
	assert.Equal(t, beta.ChatEventTypeStop, detail.Events[len(detail.Events)-1].Type, fmt.Sprint(len(detail.Events)))
}
