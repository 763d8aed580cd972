package beta

import (
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// ChatEventType names the kind of a [ChatEventUnion]. Values the SDK does not know decode
// as they are.
type ChatEventType string

// The chat event types. The stream sends the deltas as SSE "delta" events and the others
// as "message" events.
const (
	ChatEventTypeUserInput     ChatEventType = "user_input"
	ChatEventTypeThinkingDelta ChatEventType = "thinking_delta"
	ChatEventTypeThinking      ChatEventType = "thinking"
	ChatEventTypeTextDelta     ChatEventType = "text_delta"
	ChatEventTypeText          ChatEventType = "text"
	ChatEventTypeToolCall      ChatEventType = "tool_call"
	ChatEventTypeToolResult    ChatEventType = "tool_result"
	ChatEventTypeStop          ChatEventType = "stop"
)

// ChatEventUnion is one event of a chat turn, as [ChatService.Stream] yields it and as
// [ChatSessionDetail.Events] lists it. Type says which variant it is; the fields of all
// the variants are flattened here (Content is shared by the text-like ones, CallID and
// Name by tool_call and tool_result), and the As… accessor of its Type returns the
// variant on its own: AsTextDelta for "text_delta", and so on.
//
// The accessors never panic and never parse again: they copy the union's decoded fields
// and their JSON metadata into the variant, whose RawJSON is the event's; a field of
// another variant that was on the wire lands in the variant's JSON.ExtraFields. An
// accessor called on an event of another Type returns the zero variant.
//
// An event whose Type the SDK does not know decodes without error: its known fields are
// filled, the others are in JSON.ExtraFields, and RawJSON returns it whole.
type ChatEventUnion struct {
	// Type is the event's variant.
	Type ChatEventType `json:"type"`
	// Content is the text of a user_input, thinking_delta, thinking, text_delta or text event.
	Content string `json:"content"`
	// Arguments are the arguments of a tool_call event.
	Arguments map[string]any `json:"arguments"`
	// CallID identifies the call of a tool_call or tool_result event.
	CallID string `json:"call_id"`
	// Name is the tool of a tool_call or tool_result event.
	Name string `json:"name"`
	// Result is the free-form result of a tool_result event, decoded like encoding/json
	// decodes into an any; JSON.Result.Raw() keeps its JSON text.
	Result any `json:"result"`
	// ImageAttachment locates the page screenshot of a tool_result event, if it has one.
	ImageAttachment ChatToolResultEventImageAttachment `json:"image_attachment"`
	// Error is the error message of a stop event, if the turn failed.
	Error string `json:"error"`
	// IsError reports whether a stop event ended the turn with an error.
	IsError bool `json:"is_error"`
	// Usage is the token usage of a stop event.
	Usage ChatStopEventUsage `json:"usage"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Type            respjson.Field
		Content         respjson.Field
		Arguments       respjson.Field
		CallID          respjson.Field
		Name            respjson.Field
		Result          respjson.Field
		ImageAttachment respjson.Field
		Error           respjson.Field
		IsError         respjson.Field
		Usage           respjson.Field
		ExtraFields     map[string]respjson.Field
		raw             string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (u ChatEventUnion) RawJSON() string { return u.JSON.raw }

// UnmarshalJSON decodes an event.
func (u *ChatEventUnion) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, u) }

// AsUserInput returns the event as a user_input event, or the zero value if it is not one.
func (u ChatEventUnion) AsUserInput() ChatUserInputEvent {
	return ChatUserInputEvent(u.asContent(ChatEventTypeUserInput))
}

// AsThinkingDelta returns the event as a thinking_delta event, or the zero value if it is
// not one.
func (u ChatEventUnion) AsThinkingDelta() ChatThinkingDeltaEvent {
	return ChatThinkingDeltaEvent(u.asContent(ChatEventTypeThinkingDelta))
}

// AsThinking returns the event as a thinking event, or the zero value if it is not one.
func (u ChatEventUnion) AsThinking() ChatThinkingEvent {
	return ChatThinkingEvent(u.asContent(ChatEventTypeThinking))
}

// AsTextDelta returns the event as a text_delta event, or the zero value if it is not one.
func (u ChatEventUnion) AsTextDelta() ChatTextDeltaEvent {
	return ChatTextDeltaEvent(u.asContent(ChatEventTypeTextDelta))
}

// AsText returns the event as a text event, or the zero value if it is not one.
func (u ChatEventUnion) AsText() ChatTextEvent {
	return ChatTextEvent(u.asContent(ChatEventTypeText))
}

// AsToolCall returns the event as a tool_call event, or the zero value if it is not one.
func (u ChatEventUnion) AsToolCall() (v ChatToolCallEvent) {
	if u.Type != ChatEventTypeToolCall {
		return v
	}
	v.Arguments, v.CallID, v.Name, v.Type = u.Arguments, u.CallID, u.Name, u.Type
	v.JSON.Arguments, v.JSON.CallID, v.JSON.Name, v.JSON.Type = u.JSON.Arguments, u.JSON.CallID, u.JSON.Name, u.JSON.Type
	v.JSON.ExtraFields = u.extraExcept(fArguments | fCallID | fName)
	v.JSON.raw = u.JSON.raw
	return v
}

// AsToolResult returns the event as a tool_result event, or the zero value if it is not one.
func (u ChatEventUnion) AsToolResult() (v ChatToolResultEvent) {
	if u.Type != ChatEventTypeToolResult {
		return v
	}
	v.CallID, v.Name, v.Result, v.ImageAttachment, v.Type = u.CallID, u.Name, u.Result, u.ImageAttachment, u.Type
	v.JSON.CallID, v.JSON.Name, v.JSON.Result = u.JSON.CallID, u.JSON.Name, u.JSON.Result
	v.JSON.ImageAttachment, v.JSON.Type = u.JSON.ImageAttachment, u.JSON.Type
	v.JSON.ExtraFields = u.extraExcept(fCallID | fName | fResult | fImageAttachment)
	v.JSON.raw = u.JSON.raw
	return v
}

// AsStop returns the event as a stop event, or the zero value if it is not one.
func (u ChatEventUnion) AsStop() (v ChatStopEvent) {
	if u.Type != ChatEventTypeStop {
		return v
	}
	v.Error, v.IsError, v.Usage, v.Type = u.Error, u.IsError, u.Usage, u.Type
	v.JSON.Error, v.JSON.IsError, v.JSON.Usage, v.JSON.Type = u.JSON.Error, u.JSON.IsError, u.JSON.Usage, u.JSON.Type
	v.JSON.ExtraFields = u.extraExcept(fError | fIsError | fUsage)
	v.JSON.raw = u.JSON.raw
	return v
}

// contentEvent is the shape the five content variants share (user_input, thinking_delta,
// thinking, text_delta, text); each variant type converts from it.
type contentEvent struct {
	Content string        `json:"content"`
	Type    ChatEventType `json:"type"`
	JSON    struct {
		Content     respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// asContent returns the union as a content event of type t, or the zero value if its type
// is another.
func (u ChatEventUnion) asContent(t ChatEventType) (v contentEvent) {
	if u.Type != t {
		return v
	}
	v.Content, v.Type = u.Content, u.Type
	v.JSON.Content, v.JSON.Type = u.JSON.Content, u.JSON.Type
	v.JSON.ExtraFields = u.extraExcept(fContent)
	v.JSON.raw = u.JSON.raw
	return v
}

// unionField names the variant fields of ChatEventUnion (Type excluded: every variant has it).
type unionField uint16

const (
	fContent unionField = 1 << iota
	fArguments
	fCallID
	fName
	fResult
	fImageAttachment
	fError
	fIsError
	fUsage
)

// extraExcept returns the union's extra fields plus those of its variant fields outside
// keep that were on the wire, or nil if there are none.
func (u ChatEventUnion) extraExcept(keep unionField) map[string]respjson.Field {
	others := [...]struct {
		bit  unionField
		name string
		f    respjson.Field
	}{
		{fContent, "content", u.JSON.Content},
		{fArguments, "arguments", u.JSON.Arguments},
		{fCallID, "call_id", u.JSON.CallID},
		{fName, "name", u.JSON.Name},
		{fResult, "result", u.JSON.Result},
		{fImageAttachment, "image_attachment", u.JSON.ImageAttachment},
		{fError, "error", u.JSON.Error},
		{fIsError, "is_error", u.JSON.IsError},
		{fUsage, "usage", u.JSON.Usage},
	}
	var m map[string]respjson.Field
	for _, o := range others {
		if keep&o.bit != 0 || !o.f.IsPresent() {
			continue
		}
		if m == nil {
			m = make(map[string]respjson.Field, len(u.JSON.ExtraFields)+1)
		}
		m[o.name] = o.f
	}
	if m == nil {
		return u.JSON.ExtraFields // shared, as a struct copy of the union would share it
	}
	for k, f := range u.JSON.ExtraFields {
		m[k] = f
	}
	return m
}

// ChatUserInputEvent is the user's message that started a turn (type "user_input").
type ChatUserInputEvent struct {
	// Content is the user's message.
	Content string `json:"content"`
	// Type is "user_input".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatUserInputEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatUserInputEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatThinkingDeltaEvent is a piece of the agent's reasoning as it is produced (type
// "thinking_delta"); the pieces concatenate to the following [ChatThinkingEvent].
type ChatThinkingDeltaEvent struct {
	// Content is the piece of reasoning text.
	Content string `json:"content"`
	// Type is "thinking_delta".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatThinkingDeltaEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatThinkingDeltaEvent) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// ChatThinkingEvent is a complete block of the agent's reasoning (type "thinking").
type ChatThinkingEvent struct {
	// Content is the reasoning text.
	Content string `json:"content"`
	// Type is "thinking".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatThinkingEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatThinkingEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatTextDeltaEvent is a piece of the answer as it is produced (type "text_delta"); the
// pieces concatenate to the following [ChatTextEvent].
type ChatTextDeltaEvent struct {
	// Content is the piece of answer text.
	Content string `json:"content"`
	// Type is "text_delta".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatTextDeltaEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatTextDeltaEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatTextEvent is a complete block of the answer (type "text").
type ChatTextEvent struct {
	// Content is the answer text.
	Content string `json:"content"`
	// Type is "text".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Content     respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatTextEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatTextEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatToolCallEvent is the agent calling a tool (type "tool_call"). Its
// [ChatToolResultEvent] carries the same CallID.
type ChatToolCallEvent struct {
	// Arguments are the call's arguments, free-form JSON.
	Arguments map[string]any `json:"arguments"`
	// CallID identifies the call.
	CallID string `json:"call_id"`
	// Name is the tool called.
	Name string `json:"name"`
	// Type is "tool_call".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Arguments   respjson.Field
		CallID      respjson.Field
		Name        respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatToolCallEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatToolCallEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatToolResultEvent is the result of a tool call (type "tool_result"), matched to its
// [ChatToolCallEvent] by CallID.
type ChatToolResultEvent struct {
	// CallID identifies the call this is the result of.
	CallID string `json:"call_id"`
	// Name is the tool called.
	Name string `json:"name"`
	// Result is the tool's free-form result, decoded like encoding/json decodes into an
	// any; JSON.Result.Raw() keeps its JSON text.
	Result any `json:"result"`
	// ImageAttachment locates a page screenshot whose presigned URL can be resolved
	// later; zero (JSON.ImageAttachment not Valid) when there is none.
	ImageAttachment ChatToolResultEventImageAttachment `json:"image_attachment"`
	// Type is "tool_result".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		CallID          respjson.Field
		Name            respjson.Field
		Result          respjson.Field
		ImageAttachment respjson.Field
		Type            respjson.Field
		ExtraFields     map[string]respjson.Field
		raw             string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatToolResultEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatToolResultEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatToolResultEventImageAttachment gives the coordinates for resolving a page
// screenshot's presigned URL lazily.
type ChatToolResultEventImageAttachment struct {
	// AttachmentName names the attachment.
	AttachmentName string `json:"attachment_name"`
	// SourceID identifies the source document.
	SourceID string `json:"source_id"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		AttachmentName respjson.Field
		SourceID       respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the attachment's JSON as received.
func (r ChatToolResultEventImageAttachment) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the attachment.
func (r *ChatToolResultEventImageAttachment) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// ChatStopEvent ends a turn (type "stop"), with its usage and, if IsError, its error.
type ChatStopEvent struct {
	// Error is the error message when IsError is set.
	Error string `json:"error"`
	// IsError reports whether the turn ended with an error.
	IsError bool `json:"is_error"`
	// Usage is the turn's token usage.
	Usage ChatStopEventUsage `json:"usage"`
	// Type is "stop".
	Type ChatEventType `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Error       respjson.Field
		IsError     respjson.Field
		Usage       respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the event's JSON as received.
func (r ChatStopEvent) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the event.
func (r *ChatStopEvent) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatStopEventUsage is the token usage of a turn. Every field is optional: zero when absent.
type ChatStopEventUsage struct {
	// DurationMs is how long the turn took, in milliseconds.
	DurationMs float64 `json:"duration_ms"`
	// TotalInputTokens is the number of input tokens consumed.
	TotalInputTokens int64 `json:"total_input_tokens"`
	// TotalOutputTokens is the number of output tokens produced.
	TotalOutputTokens int64 `json:"total_output_tokens"`
	// Turns is the number of agent turns.
	Turns int64 `json:"turns"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		DurationMs        respjson.Field
		TotalInputTokens  respjson.Field
		TotalOutputTokens respjson.Field
		Turns             respjson.Field
		ExtraFields       map[string]respjson.Field
		raw               string
	} `json:"-"`
}

// RawJSON returns the usage's JSON as received.
func (r ChatStopEventUsage) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the usage.
func (r *ChatStopEventUsage) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }
