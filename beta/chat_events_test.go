package beta_test

import (
	"encoding/json"
	"testing"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeChatEvent decodes one event the way the stream does (encoding/json calling the
// type's UnmarshalJSON).
func decodeChatEvent(t *testing.T, raw string) beta.ChatEventUnion {
	t.Helper()
	var ev beta.ChatEventUnion
	require.NoError(t, json.Unmarshal([]byte(raw), &ev))
	return ev
}

// chatNonZeroAccessors lists the types whose As… accessor returns a non-zero value for ev.
func chatNonZeroAccessors(ev beta.ChatEventUnion) []beta.ChatEventType {
	var got []beta.ChatEventType
	for typ, zero := range map[beta.ChatEventType]bool{
		beta.ChatEventTypeUserInput:     isZeroChatVariant(ev.AsUserInput()),
		beta.ChatEventTypeThinkingDelta: isZeroChatVariant(ev.AsThinkingDelta()),
		beta.ChatEventTypeThinking:      isZeroChatVariant(ev.AsThinking()),
		beta.ChatEventTypeTextDelta:     isZeroChatVariant(ev.AsTextDelta()),
		beta.ChatEventTypeText:          isZeroChatVariant(ev.AsText()),
		beta.ChatEventTypeToolCall:      isZeroChatVariant(ev.AsToolCall()),
		beta.ChatEventTypeToolResult:    isZeroChatVariant(ev.AsToolResult()),
		beta.ChatEventTypeStop:          isZeroChatVariant(ev.AsStop()),
	} {
		if !zero {
			got = append(got, typ)
		}
	}
	return got
}

func isZeroChatVariant[T any](v T) bool { return assert.ObjectsAreEqual(*new(T), v) }

func TestChatEventUnionVariants(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		raw   string
		check func(t *testing.T, ev beta.ChatEventUnion)
	}{{
		raw: `{"type":"user_input","content":"What were the main findings in Q3?"}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsUserInput()
			assert.Equal(t, "What were the main findings in Q3?", v.Content)
			assert.Equal(t, beta.ChatEventTypeUserInput, v.Type)
			assert.True(t, v.JSON.Content.Valid())
			assert.True(t, v.JSON.Type.Valid())
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"thinking_delta","content":"Looking"}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsThinkingDelta()
			assert.Equal(t, "Looking", v.Content)
			assert.Equal(t, beta.ChatEventTypeThinkingDelta, v.Type)
			assert.Equal(t, `"Looking"`, v.JSON.Content.Raw())
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"thinking","content":"Looking up Q3."}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsThinking()
			assert.Equal(t, "Looking up Q3.", v.Content)
			assert.Equal(t, beta.ChatEventTypeThinking, v.Type)
			assert.True(t, v.JSON.Content.Valid())
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"text_delta","content":"Rev\u00e9nue"}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsTextDelta()
			assert.Equal(t, "Revénue", v.Content)
			assert.Equal(t, beta.ChatEventTypeTextDelta, v.Type)
			assert.Equal(t, `"Rev\u00e9nue"`, v.JSON.Content.Raw())
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"text","content":"Revenue grew 12%."}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsText()
			assert.Equal(t, "Revenue grew 12%.", v.Content)
			assert.Equal(t, beta.ChatEventTypeText, v.Type)
			assert.True(t, v.JSON.Content.Valid())
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"tool_call","call_id":"call_1","name":"search","arguments":{"query":"Q3","top_k":5,"filters":{"tags":["a"]}}}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsToolCall()
			assert.Equal(t, "call_1", v.CallID)
			assert.Equal(t, "search", v.Name)
			assert.Equal(t, map[string]any{"query": "Q3", "top_k": 5.0, "filters": map[string]any{"tags": []any{"a"}}}, v.Arguments)
			assert.Equal(t, beta.ChatEventTypeToolCall, v.Type)
			assert.Equal(t, `{"query":"Q3","top_k":5,"filters":{"tags":["a"]}}`, v.JSON.Arguments.Raw())
			assert.True(t, v.JSON.CallID.Valid())
			assert.True(t, v.JSON.Name.Valid())
			assert.Empty(t, v.JSON.ExtraFields)
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"tool_result","call_id":"call_1","name":"search","result":[{"file":"q3.pdf","score":0.92}],
			"image_attachment":{"attachment_name":"page-3.png","source_id":"file_q3"}}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsToolResult()
			assert.Equal(t, "call_1", v.CallID)
			assert.Equal(t, "search", v.Name)
			assert.Equal(t, []any{map[string]any{"file": "q3.pdf", "score": 0.92}}, v.Result)
			assert.JSONEq(t, `[{"file":"q3.pdf","score":0.92}]`, v.JSON.Result.Raw())
			assert.Equal(t, "page-3.png", v.ImageAttachment.AttachmentName)
			assert.Equal(t, "file_q3", v.ImageAttachment.SourceID)
			assert.True(t, v.ImageAttachment.JSON.AttachmentName.Valid())
			assert.True(t, v.ImageAttachment.JSON.SourceID.Valid())
			assert.JSONEq(t, `{"attachment_name":"page-3.png","source_id":"file_q3"}`, v.ImageAttachment.RawJSON())
			assert.True(t, v.JSON.ImageAttachment.Valid())
			assert.Equal(t, beta.ChatEventTypeToolResult, v.Type)
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}, {
		raw: `{"type":"stop","is_error":true,"error":"rate limited","usage":{"duration_ms":1532.5,"total_input_tokens":1200,"total_output_tokens":85,"turns":2}}`,
		check: func(t *testing.T, ev beta.ChatEventUnion) {
			v := ev.AsStop()
			assert.True(t, v.IsError)
			assert.Equal(t, "rate limited", v.Error)
			assert.Equal(t, 1532.5, v.Usage.DurationMs)
			assert.Equal(t, int64(1200), v.Usage.TotalInputTokens)
			assert.Equal(t, int64(85), v.Usage.TotalOutputTokens)
			assert.Equal(t, int64(2), v.Usage.Turns)
			assert.True(t, v.Usage.JSON.Turns.Valid())
			assert.JSONEq(t, `{"duration_ms":1532.5,"total_input_tokens":1200,"total_output_tokens":85,"turns":2}`, v.Usage.RawJSON())
			assert.True(t, v.JSON.IsError.Valid())
			assert.True(t, v.JSON.Usage.Valid())
			assert.Equal(t, beta.ChatEventTypeStop, v.Type)
			assert.Equal(t, ev.RawJSON(), v.RawJSON())
		},
	}} {
		ev := decodeChatEvent(t, tc.raw)
		t.Run(string(ev.Type), func(t *testing.T) {
			t.Parallel()
			assert.JSONEq(t, tc.raw, ev.RawJSON())
			assert.Equal(t, []beta.ChatEventType{ev.Type}, chatNonZeroAccessors(ev),
				"only the accessor of the event's own type returns a value")
			tc.check(t, ev)
		})
	}
}

func TestChatEventUnionUnknownType(t *testing.T) {
	t.Parallel()
	raw := `{"type":"citation","content":"see page 3","source":{"file":"q3.pdf","page":3}}`
	ev := decodeChatEvent(t, raw)
	assert.Equal(t, beta.ChatEventType("citation"), ev.Type)
	assert.Equal(t, "see page 3", ev.Content)
	assert.Equal(t, raw, ev.RawJSON())
	assert.Equal(t, `{"file":"q3.pdf","page":3}`, ev.JSON.ExtraFields["source"].Raw())
	assert.Empty(t, chatNonZeroAccessors(ev), "no accessor matches an unknown type")

	noType := decodeChatEvent(t, `{"content":"x"}`)
	assert.Equal(t, beta.ChatEventType(""), noType.Type)
	assert.False(t, noType.JSON.Type.IsPresent())
	assert.Empty(t, chatNonZeroAccessors(noType))
}

func TestChatEventUnionForeignFieldsBecomeExtra(t *testing.T) {
	t.Parallel()
	// "content" belongs to other variants and "trace" to none: both are extra on tool_call.
	ev := decodeChatEvent(t, `{"type":"tool_call","call_id":"c","name":"n","arguments":{},"content":"odd","trace":"t1"}`)
	v := ev.AsToolCall()
	assert.Equal(t, map[string]any{}, v.Arguments)
	assert.Len(t, v.JSON.ExtraFields, 2)
	assert.Equal(t, `"odd"`, v.JSON.ExtraFields["content"].Raw())
	assert.Equal(t, `"t1"`, v.JSON.ExtraFields["trace"].Raw())
	// The union's own map is not changed by the accessor.
	assert.Len(t, ev.JSON.ExtraFields, 1)

	mismatch := decodeChatEvent(t, `{"type":"text","content":5}`)
	assert.True(t, mismatch.AsText().JSON.Content.IsInvalid(), "a value of the wrong JSON type is marked invalid")
	assert.Equal(t, "", mismatch.AsText().Content)
}
