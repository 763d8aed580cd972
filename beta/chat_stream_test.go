package beta_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/ssestream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chatSSEClient starts a testserver.Server answering every request with h and returns a
// client for it.
func chatSSEClient(t *testing.T, h http.HandlerFunc, opts ...option.RequestOption) *llamacloud.Client {
	t.Helper()
	return testClient(testserver.New(t, h), opts...)
}

// chatWriteSSE answers with body as an event stream, flushed in small chunks so that events
// and lines are split across reads as they are on a real network.
func chatWriteSSE(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	for len(body) > 0 {
		n := min(7, len(body))
		_, _ = io.WriteString(w, body[:n])
		body = body[n:]
		if f != nil {
			f.Flush()
		}
	}
}

// chatServeSSE answers every request with body as an event stream.
func chatServeSSE(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { chatWriteSSE(w, body) }
}

// chatStreamParams are the params the streaming tests send.
var chatStreamParams = beta.ChatStreamParams{
	IndexIDs: []string{"idx-abc123", "idx-def456"},
	Prompt:   "What were the main findings in Q3?",
}

// openChatStream opens a chat stream on client.
func openChatStream(client *llamacloud.Client) *ssestream.Stream[beta.ChatEventUnion] {
	return client.Beta.Chat.Stream(context.Background(), "ses-abc123", chatStreamParams)
}

// chatRecordingServer serves body as an event stream; the server records each request.
func chatRecordingServer(t *testing.T, body string, opts ...option.RequestOption) (*llamacloud.Client, *testserver.Server) {
	t.Helper()
	srv := testserver.New(t, chatServeSSE(body))
	return testClient(srv, opts...), srv
}

// chatStop is a stop event that completes a turn.
const chatStop = "event: message\ndata: {\"type\":\"stop\",\"is_error\":false}\n\n"

func TestChatStreamRequest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		params   beta.ChatStreamParams
		wantBody string
		wantQ    url.Values
	}{
		{"full", beta.ChatStreamParams{IndexIDs: []string{"idx-abc123", "idx-def456"}, Prompt: "What were the main findings in Q3?",
			OrganizationID: llamacloud.String("org"), ProjectID: llamacloud.String("proj")},
			`{"index_ids":["idx-abc123","idx-def456"],"prompt":"What were the main findings in Q3?"}`,
			url.Values{"organization_id": {"org"}, "project_id": {"proj"}}},
		{"required fields sent when empty", beta.ChatStreamParams{}, `{"index_ids":[],"prompt":""}`, url.Values{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := chatRecordingServer(t, chatStop)
			turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(context.Background(), "ses/1", tc.params))
			require.NoError(t, err)
			s := reqs.Next(t)
			assertCommonHeaders(t, s)
			assert.Equal(t, "POST", s.Method)
			assert.Equal(t, "/api/v1/chat/ses%2F1/messages/stream", s.Path)
			assert.Equal(t, tc.wantQ, s.Query)
			assert.Equal(t, "text/event-stream", s.Header.Get("Accept"))
			assert.JSONEq(t, tc.wantBody, string(s.Body))
			assert.Empty(t, turn.Text())
			require.NotNil(t, turn.Stop)
			assert.False(t, turn.Stop.IsError)
		})
	}
}

// assertChatRecordedTurn checks the accumulated result of testdata/chat/stream_turn.sse.
func assertChatRecordedTurn(t *testing.T, turn *beta.ChatTurn) {
	t.Helper()
	assert.Equal(t, "What were the main findings in Q3?", turn.UserInput)
	assert.Equal(t, "The user asks about Q3 findings; search the reports.", turn.Thinking(),
		"the complete thinking event replaces its deltas")
	assert.Equal(t, "Revenue grew 12% in Q3 [1]. Costs fell 3%.", turn.Text(),
		"the complete text event replaces its deltas; later deltas are appended")
	require.Len(t, turn.ToolCalls, 2)
	search, read := turn.ToolCalls[0], turn.ToolCalls[1]
	assert.Equal(t, "call_1", search.CallID)
	assert.Equal(t, "search", search.Name)
	assert.Equal(t, map[string]any{"query": "Q3 findings", "top_k": 5.0, "filters": map[string]any{"year": 2025.0}}, search.Arguments)
	require.NotNil(t, search.Result)
	assert.Equal(t, map[string]any{"hits": []any{map[string]any{"file": "q3.pdf", "score": 0.92}}}, search.Result.Result)
	assert.Equal(t, "page-3.png", search.Result.ImageAttachment.AttachmentName)
	assert.Equal(t, "file_q3", search.Result.ImageAttachment.SourceID)
	assert.Equal(t, "call_2", read.CallID)
	assert.Equal(t, "read_file", read.Name)
	assert.Equal(t, map[string]any{"file_id": "file_q3"}, read.Arguments)
	require.NotNil(t, read.Result)
	assert.Equal(t, "Revenue grew 12% in Q3; costs fell 3%.", read.Result.Result)
	assert.False(t, read.Result.JSON.ImageAttachment.IsPresent())
	require.NotNil(t, turn.Stop)
	assert.False(t, turn.Stop.IsError)
	assert.True(t, turn.Stop.JSON.Error.IsNull())
	assert.Equal(t, 1532.5, turn.Usage().DurationMs)
	assert.Equal(t, int64(1200), turn.Usage().TotalInputTokens)
	assert.Equal(t, int64(85), turn.Usage().TotalOutputTokens)
	assert.Equal(t, int64(2), turn.Usage().Turns)
	assert.Empty(t, turn.Unknown)
	assert.NoError(t, turn.Err())
}

func TestChatStreamRecordedTurn(t *testing.T) {
	t.Parallel()
	body := string(golden(t, "chat/stream_turn.sse"))
	client := chatSSEClient(t, chatServeSSE(body))

	// Range over the stream, folding each event while looking at it.
	var turn beta.ChatTurn
	var types []beta.ChatEventType
	var events []beta.ChatEventUnion
	for ev, err := range openChatStream(client).All() {
		require.NoError(t, err)
		types = append(types, ev.Type)
		events = append(events, ev)
		turn.Add(ev)
	}
	assert.Equal(t, []beta.ChatEventType{"user_input", "thinking_delta", "thinking_delta", "thinking", "tool_call",
		"tool_call", "tool_result", "tool_result", "text_delta", "text_delta", "text_delta", "text", "text_delta", "stop"}, types)
	assertChatRecordedTurn(t, &turn)

	// The events carry their variants' fields; a data field split over three lines is one event.
	require.Len(t, events, 14)
	assert.Equal(t, "The user asks about ", events[1].AsThinkingDelta().Content)
	assert.Equal(t, "search", events[4].AsToolCall().Name)
	result := events[6].AsToolResult()
	assert.Equal(t, "call_1", result.CallID)
	assert.Equal(t, "file_q3", result.ImageAttachment.SourceID)
	assert.Contains(t, result.RawJSON(), "\n", "the data lines are joined with newlines")
	assert.Equal(t, "in Q3.", events[10].AsTextDelta().Content)
	assert.Equal(t, "Revenue grew 12% in Q3 [1].", events[11].AsText().Content)
	assert.Equal(t, int64(2), events[13].AsStop().Usage.Turns)

	// The one-liner gives the same turn.
	got, err := beta.AccumulateChat(openChatStream(client))
	require.NoError(t, err)
	assertChatRecordedTurn(t, got)
}

func TestChatStreamUnknownEvents(t *testing.T) {
	t.Parallel()
	body := "event: ping\r\ndata: {\"type\":\"heartbeat\",\"seq\":1}\r\n\r\n" +
		"event: delta\r\ndata: {\"type\":\"text_delta\",\"content\":\"Q3 \"}\r\n\r\n" +
		"event: message\r\ndata: {\"type\":\"citation\",\"content\":\"q3.pdf p.3\",\"page\":3}\r\n\r\n" +
		"event: message\r\ndata:\r\n\r\n" + // no data: skipped
		"event: delta\r\ndata: {\"type\":\"text_delta\",\"content\":\"was good.\"}\r\n\r\n" +
		"event: message\r\ndata: {\"type\":\"stop\",\"is_error\":false,\"usage\":{\"turns\":1}}\r\n\r\n"
	client := chatSSEClient(t, chatServeSSE(body))
	turn, err := beta.AccumulateChat(openChatStream(client))
	require.NoError(t, err, "unknown event names and types do not fail the stream")
	assert.Equal(t, "Q3 was good.", turn.Text())
	require.Len(t, turn.Unknown, 2)
	assert.Equal(t, beta.ChatEventType("heartbeat"), turn.Unknown[0].Type)
	assert.Equal(t, `{"type":"heartbeat","seq":1}`, turn.Unknown[0].RawJSON())
	assert.Equal(t, "1", turn.Unknown[0].JSON.ExtraFields["seq"].Raw())
	assert.Equal(t, beta.ChatEventType("citation"), turn.Unknown[1].Type)
	assert.Equal(t, "q3.pdf p.3", turn.Unknown[1].Content)
	assert.Equal(t, `{"type":"citation","content":"q3.pdf p.3","page":3}`, turn.Unknown[1].RawJSON())
	require.NotNil(t, turn.Stop)
	assert.Equal(t, int64(1), turn.Usage().Turns)
}

func TestChatStreamErrorEvent(t *testing.T) {
	t.Parallel()
	body := "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Partial\"}\n\n" +
		"event: error\ndata: {\"detail\":\"agent crashed\"}\n\n" +
		"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\" never read\"}\n\n"
	client := chatSSEClient(t, chatServeSSE(body))
	turn, err := beta.AccumulateChat(openChatStream(client))
	var evErr *ssestream.EventError
	require.ErrorAs(t, err, &evErr)
	assert.Equal(t, "agent crashed", evErr.Message)
	assert.Equal(t, `{"detail":"agent crashed"}`, evErr.Data)
	assert.Equal(t, "Partial", turn.Text(), "the turn keeps what arrived before the error")
	assert.Nil(t, turn.Stop)
}

func TestChatStreamCutMidEvent(t *testing.T) {
	t.Parallel()
	head := "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Revenue \"}\n\n" +
		"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"gr"
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"body ends inside an event", chatServeSSE(head)},
		{"connection aborted inside an event", func(w http.ResponseWriter, _ *http.Request) {
			chatWriteSSE(w, head)
			panic(http.ErrAbortHandler) // drops the connection without ending the chunked body
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client := chatSSEClient(t, tc.handler)
			turn, err := beta.AccumulateChat(openChatStream(client))
			require.Error(t, err)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.Equal(t, "Revenue ", turn.Text(), "the cut event is not added")
			assert.Nil(t, turn.Stop)
		})
	}
}

func TestChatStreamStopWithError(t *testing.T) {
	t.Parallel()
	body := "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Looking\"}\n\n" +
		"event: message\ndata: {\"type\":\"stop\",\"is_error\":true,\"error\":\"quota \\\"pro\\\" exceeded\"," +
		"\"usage\":{\"total_input_tokens\":12,\"turns\":1}}\n\n"
	client := chatSSEClient(t, chatServeSSE(body))
	turn, err := beta.AccumulateChat(openChatStream(client))
	var turnErr *beta.ChatTurnError
	require.ErrorAs(t, err, &turnErr)
	assert.Equal(t, `llamacloud: chat turn failed: "quota \"pro\" exceeded"`, err.Error())
	assert.Equal(t, "quota \"pro\" exceeded", turnErr.Stop.Error)
	assert.Equal(t, int64(12), turnErr.Stop.Usage.TotalInputTokens)
	assert.Equal(t, "Looking", turn.Text())
	assert.Equal(t, int64(1), turn.Usage().Turns)
	assert.Equal(t, err, turn.Err())
}

func TestChatStreamErrorStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		body   string
		want   error
		msg    string
	}{
		{404, `{"detail":"Session not found"}`, llamacloud.ErrNotFound, "Session not found"},
		{429, `{"detail":"slow down"}`, llamacloud.ErrRateLimited, "slow down"},
		{500, `{"detail":"boom"}`, llamacloud.ErrServer, "boom"},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			t.Parallel()
			client, reqs := newTestServer(t, []testserver.Reply{{Status: tc.status, Body: []byte(tc.body)}})
			s := openChatStream(client)
			assert.False(t, s.Next())
			err := s.Err()
			var apiErr *llamacloud.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.msg, apiErr.Message)
			assert.JSONEq(t, tc.body, apiErr.RawJSON())
			assert.ErrorIs(t, err, tc.want)
			assert.NoError(t, s.Close())
			assert.Equal(t, "/api/v1/chat/ses-abc123/messages/stream", reqs.Next(t).Path)

			_, err = beta.AccumulateChat(openChatStream(client))
			assert.ErrorAs(t, err, &apiErr, "AccumulateChat returns the status error too")
		})
	}
}

// chatCloseCounter wraps a response body and counts its Close calls.
type chatCloseCounter struct {
	io.ReadCloser
	closes *atomic.Int32
}

func (c chatCloseCounter) Close() error {
	c.closes.Add(1)
	return c.ReadCloser.Close()
}

// chatOpenStreamServer serves two events, then keeps the stream open until the client goes
// away, which it reports on the returned channel.
func chatOpenStreamServer(t *testing.T, opts ...option.RequestOption) (*llamacloud.Client, <-chan struct{}) {
	t.Helper()
	gone := make(chan struct{})
	client := chatSSEClient(t, func(w http.ResponseWriter, r *http.Request) {
		chatWriteSSE(w, "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"a\"}\n\n"+
			"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"b\"}\n\n")
		select {
		case <-r.Context().Done():
			close(gone)
		case <-time.After(10 * time.Second): // let the server close if the client never hangs up
		}
	}, opts...)
	return client, gone
}

func TestChatStreamBreakClosesBody(t *testing.T) {
	t.Parallel()
	var closes atomic.Int32
	client, gone := chatOpenStreamServer(t, option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		if err == nil {
			resp.Body = chatCloseCounter{ReadCloser: resp.Body, closes: &closes}
		}
		return resp, err
	}))
	s := openChatStream(client)
	n := 0
	for ev, err := range s.All() {
		require.NoError(t, err)
		assert.Equal(t, "a", ev.AsTextDelta().Content)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, int32(1), closes.Load(), "breaking out of All closes the body")
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the server never saw the client hang up")
	}
	assert.False(t, s.Next(), "the stream is done after the break")
	assert.NoError(t, s.Err())
	assert.Equal(t, int32(1), closes.Load())
}

func TestChatStreamContextCanceled(t *testing.T) {
	t.Parallel()
	client, gone := chatOpenStreamServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := client.Beta.Chat.Stream(ctx, "ses-abc123", chatStreamParams)
	require.True(t, s.Next())
	require.True(t, s.Next())
	cancel()
	assert.False(t, s.Next())
	assert.ErrorIs(t, s.Err(), context.Canceled)
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the server never saw the client hang up")
	}
}

func TestAccumulateChatNilStream(t *testing.T) {
	t.Parallel()
	turn, err := beta.AccumulateChat(nil)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "llamacloud: "))
	require.NotNil(t, turn)
	assert.Empty(t, turn.Text())
	assert.False(t, errors.Is(err, io.EOF))
}
