package beta_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chatTurnOf folds the events given as JSON into a new turn.
func chatTurnOf(t *testing.T, events ...string) *beta.ChatTurn {
	t.Helper()
	var turn beta.ChatTurn
	for _, raw := range events {
		turn.Add(decodeChatEvent(t, raw))
	}
	return &turn
}

func chatDelta(typ, content string) string {
	return fmt.Sprintf(`{"type":%q,"content":%q}`, typ+"_delta", content)
}

func chatComplete(typ, content string) string {
	return fmt.Sprintf(`{"type":%q,"content":%q}`, typ, content)
}

func TestChatTurnTextAndThinking(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"text", "thinking"} {
		for _, tc := range []struct {
			name   string
			events []string
			want   string
		}{
			{"nothing", nil, ""},
			{"deltas only", []string{chatDelta(kind, "Rev"), chatDelta(kind, "enue "), chatDelta(kind, "grew.")}, "Revenue grew."},
			{"complete only", []string{chatComplete(kind, "Revenue grew.")}, "Revenue grew."},
			{"complete replaces its deltas", []string{chatDelta(kind, "Reve"), chatDelta(kind, "nue"), chatComplete(kind, "Revenue grew [1].")}, "Revenue grew [1]."},
			{"blocks with and without deltas", []string{
				chatComplete(kind, "A."), chatDelta(kind, " B"), chatDelta(kind, "."), chatComplete(kind, " B!"), chatDelta(kind, " C"),
			}, "A. B! C"},
			{"two complete blocks in a row", []string{chatComplete(kind, "A."), chatComplete(kind, " B.")}, "A. B."},
			{"empty complete block drops its deltas", []string{chatDelta(kind, "draft"), chatComplete(kind, "")}, ""},
		} {
			t.Run(kind+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				turn := chatTurnOf(t, tc.events...)
				other := turn.Thinking()
				got := turn.Text()
				if kind == "thinking" {
					got, other = other, got
				}
				assert.Equal(t, tc.want, got)
				assert.Empty(t, other, "the other kind is untouched")
			})
		}
	}
}

func TestChatTurnToolCalls(t *testing.T) {
	t.Parallel()
	turn := chatTurnOf(t,
		`{"type":"tool_call","call_id":"a","name":"search","arguments":{"q":"x"}}`,
		`{"type":"tool_call","call_id":"b","name":"read","arguments":{}}`,
		`{"type":"tool_result","call_id":"b","name":"read","result":"text of b"}`,
		`{"type":"tool_result","call_id":"zzz","name":"orphan","result":null}`,
		`{"type":"tool_result","call_id":"a","name":"search","result":{"hits":2}}`,
		`{"type":"tool_result","call_id":"a","name":"search","result":"again"}`,
		`{"type":"tool_call","call_id":"a","name":"search","arguments":{"q":"y"}}`,
	)
	require.Len(t, turn.ToolCalls, 5)
	a, b, orphan, again, a2 := turn.ToolCalls[0], turn.ToolCalls[1], turn.ToolCalls[2], turn.ToolCalls[3], turn.ToolCalls[4]

	assert.Equal(t, map[string]any{"q": "x"}, a.Arguments)
	require.NotNil(t, a.Result)
	assert.Equal(t, map[string]any{"hits": 2.0}, a.Result.Result, "a result finds its call by call_id, out of order")

	assert.Equal(t, "read", b.Name)
	require.NotNil(t, b.Result)
	assert.Equal(t, "text of b", b.Result.Result)
	assert.Equal(t, `{"type":"tool_result","call_id":"b","name":"read","result":"text of b"}`, b.Result.RawJSON())

	assert.Equal(t, "zzz", orphan.CallID, "a result without a call is listed on its own")
	assert.Equal(t, "orphan", orphan.Name)
	assert.Nil(t, orphan.Arguments)
	require.NotNil(t, orphan.Result)
	assert.True(t, orphan.Result.JSON.Result.IsNull())

	assert.Equal(t, "a", again.CallID, "a second result for an answered call is listed on its own")
	require.NotNil(t, again.Result)
	assert.Equal(t, "again", again.Result.Result)

	assert.Equal(t, map[string]any{"q": "y"}, a2.Arguments)
	assert.Nil(t, a2.Result, "a call waits for its result")
}

func TestChatTurnZeroValueAndStop(t *testing.T) {
	t.Parallel()
	var turn beta.ChatTurn
	assert.Empty(t, turn.Text())
	assert.Empty(t, turn.Thinking())
	assert.Nil(t, turn.Stop)
	assert.Zero(t, turn.Usage())
	assert.NoError(t, turn.Err())

	turn.Add(decodeChatEvent(t, `{"type":"user_input","content":"hi"}`))
	assert.Equal(t, "hi", turn.UserInput)
	turn.Add(decodeChatEvent(t, `{"type":"stop","is_error":true,"usage":{"turns":3}}`))
	var turnErr *beta.ChatTurnError
	require.ErrorAs(t, turn.Err(), &turnErr)
	assert.Equal(t, "llamacloud: chat turn failed", turnErr.Error(), "no message: no quoted text")
	assert.Equal(t, int64(3), turn.Usage().Turns)

	turn.Add(decodeChatEvent(t, `{"type":"stop","is_error":false,"usage":{"turns":4}}`))
	assert.NoError(t, turn.Err(), "a later stop replaces the earlier one")
	assert.Equal(t, int64(4), turn.Usage().Turns)
	assert.False(t, errors.Is(turn.Err(), context.Canceled))
}

func TestChatTurnReplaysSessionEvents(t *testing.T) {
	t.Parallel()
	client, _ := okServer(t, []byte(`{"session_id":"s","last_updated_at":"2026-04-22T12:34:41.342245","events":[
		{"type":"user_input","content":"Q3?"},
		{"type":"thinking","content":"search"},
		{"type":"tool_call","call_id":"c1","name":"search","arguments":{"query":"Q3"}},
		{"type":"tool_result","call_id":"c1","name":"search","result":["q3.pdf"]},
		{"type":"text","content":"Revenue grew 12%."},
		{"type":"stop","is_error":false,"error":null,"usage":{"total_output_tokens":7}}]}`))
	sess, err := client.Beta.Chat.Get(context.Background(), "s", beta.ChatGetParams{})
	require.NoError(t, err)
	var turn beta.ChatTurn
	for _, ev := range sess.Events {
		turn.Add(ev)
	}
	assert.Equal(t, "Q3?", turn.UserInput)
	assert.Equal(t, "search", turn.Thinking())
	assert.Equal(t, "Revenue grew 12%.", turn.Text())
	require.Len(t, turn.ToolCalls, 1)
	require.NotNil(t, turn.ToolCalls[0].Result)
	assert.Equal(t, []any{"q3.pdf"}, turn.ToolCalls[0].Result.Result)
	assert.Equal(t, int64(7), turn.Usage().TotalOutputTokens)
	assert.NoError(t, turn.Err())
}
