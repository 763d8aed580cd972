package beta

import (
	"errors"
	"fmt"
	"io"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// ChatTurn folds the events of one chat turn into its outcome: the answer text, the
// reasoning, the tool calls with their results, and how the turn stopped. Feed it every
// event of a [ChatService.Stream] with [ChatTurn.Add], or let [AccumulateChat] do it:
//
//	turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(ctx, sessionID, params))
//	if err != nil {
//		return err // the stream failed or ended early, or the turn stopped with an error
//	}
//	fmt.Println(turn.Text())
//
// To show the answer as it streams and keep the outcome, add each event while printing it:
//
//	var turn beta.ChatTurn
//	for ev, err := range stream.All() {
//		if err != nil {
//			return err
//		}
//		turn.Add(ev)
//		fmt.Print(ev.AsTextDelta().Content)
//	}
//
// The zero ChatTurn is empty and ready to use. A ChatTurn is not safe for concurrent use.
// It can also replay the stored events of a turn ([ChatSessionDetail.Events]); events of
// several turns make one turn with their texts concatenated.
type ChatTurn struct {
	// UserInput is the content of the user_input event; "" if none came.
	UserInput string
	// ToolCalls are the tool calls in the order the agent made them, each with its result
	// once that arrived. A result whose call_id matches no call is listed as a call of its
	// own, with nil Arguments.
	ToolCalls []ChatToolCall
	// Stop is the stop event, nil until it arrives: a turn whose Stop is nil did not finish.
	Stop *ChatStopEvent
	// Unknown are the events whose Type the SDK does not know, in order, raw JSON included.
	Unknown []ChatEventUnion

	text     chatBlocks
	thinking chatBlocks
	calls    map[string]int // call_id → index in ToolCalls of its latest call
}

// ChatToolCall is one tool call of a [ChatTurn] with its result.
type ChatToolCall struct {
	// CallID identifies the call.
	CallID string
	// Name is the tool called.
	Name string
	// Arguments are the call's arguments, free-form JSON.
	Arguments map[string]any
	// Result is the tool_result event with the same CallID, nil until it arrives.
	Result *ChatToolResultEvent
}

// chatBlocks accumulates text that arrives as deltas and as complete blocks: a complete
// block replaces the deltas received since the previous complete block.
type chatBlocks struct {
	buf  []byte
	mark int // where the deltas not yet replaced by a complete block start
}

func (b *chatBlocks) delta(s string) { b.buf = append(b.buf, s...) }

func (b *chatBlocks) complete(s string) {
	b.buf = append(b.buf[:b.mark], s...)
	b.mark = len(b.buf)
}

// Add folds one event into the turn:
//   - text_delta and thinking_delta append their content to [ChatTurn.Text] and
//     [ChatTurn.Thinking];
//   - text and thinking are complete blocks: each replaces the deltas received since the
//     previous complete block of its kind (or since the start), and is appended when no
//     deltas preceded it;
//   - tool_call adds a [ChatToolCall]; tool_result fills the Result of the latest call with
//     its call_id;
//   - user_input sets UserInput, stop sets Stop (a later stop replaces it);
//   - any other type is kept in Unknown.
func (t *ChatTurn) Add(ev ChatEventUnion) {
	switch ev.Type {
	case ChatEventTypeTextDelta:
		t.text.delta(ev.Content)
	case ChatEventTypeText:
		t.text.complete(ev.Content)
	case ChatEventTypeThinkingDelta:
		t.thinking.delta(ev.Content)
	case ChatEventTypeThinking:
		t.thinking.complete(ev.Content)
	case ChatEventTypeUserInput:
		t.UserInput = ev.Content
	case ChatEventTypeToolCall:
		t.addCall(ChatToolCall{CallID: ev.CallID, Name: ev.Name, Arguments: ev.Arguments})
	case ChatEventTypeToolResult:
		res := ev.AsToolResult()
		if i, ok := t.calls[ev.CallID]; ok && t.ToolCalls[i].Result == nil {
			t.ToolCalls[i].Result = &res
			return
		}
		t.addCall(ChatToolCall{CallID: ev.CallID, Name: ev.Name, Result: &res})
	case ChatEventTypeStop:
		stop := ev.AsStop()
		t.Stop = &stop
	default:
		t.Unknown = append(t.Unknown, ev)
	}
}

func (t *ChatTurn) addCall(c ChatToolCall) {
	if t.calls == nil {
		t.calls = make(map[string]int)
	}
	t.calls[c.CallID] = len(t.ToolCalls)
	t.ToolCalls = append(t.ToolCalls, c)
}

// Text returns the answer so far: the text deltas concatenated, each run of them replaced
// by the complete text event that followed it.
func (t *ChatTurn) Text() string { return string(t.text.buf) }

// Thinking returns the agent's reasoning so far, built like [ChatTurn.Text] from the
// thinking_delta and thinking events.
func (t *ChatTurn) Thinking() string { return string(t.thinking.buf) }

// Usage returns the token usage of the stop event, or the zero value before it arrives.
func (t *ChatTurn) Usage() ChatStopEventUsage {
	if t.Stop == nil {
		return ChatStopEventUsage{}
	}
	return t.Stop.Usage
}

// Err returns a [*ChatTurnError] if the turn stopped with an error (a stop event with
// is_error true), and nil otherwise, including before the stop event.
func (t *ChatTurn) Err() error {
	if t.Stop == nil || !t.Stop.IsError {
		return nil
	}
	return &ChatTurnError{Stop: *t.Stop}
}

// ChatTurnError reports a chat turn that the service stopped with an error. Test for it
// with errors.As.
type ChatTurnError struct {
	// Stop is the stop event: its Error is the service's message, its Usage what the
	// turn consumed.
	Stop ChatStopEvent
}

// Error returns "llamacloud: chat turn failed: " followed by the quoted error message.
func (e *ChatTurnError) Error() string {
	if e.Stop.Error == "" {
		return "llamacloud: chat turn failed"
	}
	return fmt.Sprintf("llamacloud: chat turn failed: %q", e.Stop.Error)
}

// ErrTurnIncomplete is returned by [AccumulateChat] when a stream ends cleanly without the
// turn's stop event: the answer may be cut short, and nothing says whether the turn
// failed. It wraps io.ErrUnexpectedEOF, so errors.Is(err, io.ErrUnexpectedEOF) holds, as it
// does for a stream cut mid-event.
var ErrTurnIncomplete = fmt.Errorf("llamacloud: chat stream ended without the turn's stop event: %w", io.ErrUnexpectedEOF)

// AccumulateChat reads stream to its end into a new [ChatTurn] and closes it. The error is
// the stream's (a failed request such as an *llamacloud.Error, a response that is not an
// event stream as an [*ssestream.ContentTypeError], an `event: error` as an
// [*ssestream.EventError], a read error, a stream cut mid-event, the end of its context),
// else [ErrTurnIncomplete] if the stream ended without a stop event, else the turn's
// [*ChatTurnError] if it stopped with an error. The turn is never nil: on an error it holds
// what arrived before.
func AccumulateChat(stream *ssestream.Stream[ChatEventUnion]) (*ChatTurn, error) {
	turn := new(ChatTurn)
	if stream == nil {
		return turn, errors.New("llamacloud: accumulate chat: nil stream")
	}
	defer stream.Close()
	for stream.Next() {
		turn.Add(stream.Current())
	}
	if err := stream.Err(); err != nil {
		return turn, err
	}
	if turn.Stop == nil {
		return turn, ErrTurnIncomplete
	}
	return turn, turn.Err()
}
