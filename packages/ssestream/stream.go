package ssestream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/apijson"
)

// Stream yields values of type T decoded from the events of an SSE body. Call
// [Stream.Next] until it returns false, reading each value with [Stream.Current], then check
// [Stream.Err]; or range over [Stream.All].
//
// Every event's data is decoded as JSON into a new T with the SDK's decoder (the one that
// fills the JSON metadata of response types; it does not call UnmarshalJSON methods),
// whatever the event's type ("delta",
// "message", "" or a name the SDK does not know), except:
//   - an `event: error` ends the stream with an [*EventError];
//   - an event whose data is empty or only white space is skipped.
//
// The strings of a value share memory with the chunk of the body it was read from (see
// [Decoder]): they are not copied per event, and a value kept keeps that chunk, at most
// 64 KiB for events of ordinary size, from being freed; a string with escapes is unescaped
// into a block of up to 32 KiB that the strings of the events around it share. Copy a
// string (strings.Clone) to keep it alone.
//
// The stream closes the body when Next returns false, whatever the reason, and on
// [Stream.Close]. A Stream is single-use and not safe for concurrent use.
type Stream[T any] struct {
	dec  *Decoder
	json apijson.DocumentDecoder[T]
	ctx  context.Context
	stop <-chan struct{} // ctx.Done(), nil when ctx can never end
	cur  T
	err  error
	done bool
}

// NewStream returns a stream reading the events of dec. If err is not nil the stream has
// already failed with it: Next returns false and Err returns err; dec may then be nil, and
// if it is not its body is closed.
func NewStream[T any](dec *Decoder, err error) *Stream[T] {
	s := &Stream[T]{dec: dec}
	if err != nil {
		s.finish(err)
	}
	return s
}

// NewStreamWithContext is [NewStream] for a stream that ends with ctx: once ctx is done,
// the next call to Next returns false and Err returns an error matching ctx.Err()
// (context.Canceled or context.DeadlineExceeded), even when events are still buffered.
func NewStreamWithContext[T any](ctx context.Context, dec *Decoder, err error) *Stream[T] {
	s := NewStream[T](dec, err)
	if ctx != nil {
		s.ctx, s.stop = ctx, ctx.Done()
	}
	return s
}

// Next reads the next event and decodes it, making it available through [Stream.Current].
// It returns false at the end of the stream, on any error (see [Stream.Err]), once the
// stream's context is done and after [Stream.Close]; the body is closed by then.
func (s *Stream[T]) Next() bool {
	if s.done || s.dec == nil {
		return false
	}
	if s.stop != nil {
		select {
		case <-s.stop:
			s.finish(fmt.Errorf("llamacloud: read stream: %w", s.ctx.Err()))
			return false
		default:
		}
	}
	for s.dec.Next() {
		ev := &s.dec.ev
		if ev.Type == "error" {
			s.finish(newEventError(ev.Data))
			return false
		}
		if isBlank(ev.Data) {
			continue
		}
		// The decoder never writes to an event's data again, so the value may share it.
		var zero T
		s.cur = zero
		if err := s.json.DecodeString(unsafe.String(unsafe.SliceData(ev.Data), len(ev.Data)), &s.cur); err != nil {
			typ := ev.Type
			if typ == "" {
				typ = "message"
			}
			s.finish(apierror.Wrap(err, fmt.Sprintf("decode stream event %q", typ)))
			return false
		}
		return true
	}
	var err error
	var tooLarge *EventTooLargeError
	switch derr := s.dec.Err(); {
	case errors.As(derr, &tooLarge):
		err = derr
	case derr != nil:
		err = apierror.Wrap(derr, "read stream")
	case s.dec.partial:
		err = fmt.Errorf("llamacloud: stream cut mid-event: %w", io.ErrUnexpectedEOF)
	}
	s.finish(err)
	return false
}

// Current returns the value the last successful call to [Stream.Next] decoded, or the zero T
// once Next has returned false.
func (s *Stream[T]) Current() T { return s.cur }

// Err returns the error that ended the stream, or nil if it ended cleanly or was closed. It
// is an [*EventError] for an `event: error`; an [*EventTooLargeError] for a line or event
// over the decoder's limit; an error matching [io.ErrUnexpectedEOF] if the body ended inside
// an event that had data; an error matching context.Canceled or context.DeadlineExceeded
// once the context of a [NewStreamWithContext] stream is done; otherwise a wrapped decode or
// read error.
func (s *Stream[T]) Err() error { return s.err }

// Close closes the body and ends the stream: Next returns false from then on. It is
// idempotent and safe after the stream ended; it returns the body's Close error.
func (s *Stream[T]) Close() error {
	s.done = true
	s.cur = *new(T)
	if s.dec == nil {
		return nil
	}
	return s.dec.Close()
}

// All returns an iterator over the stream's values. It is lazy (nothing is read before the
// first value is pulled) and single-use, as it consumes the stream. If the stream fails, the
// error is yielded once with the zero T, ending the sequence. Breaking out of the loop
// closes the stream.
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.cur, nil) {
				return
			}
		}
		if err := s.Err(); err != nil {
			yield(*new(T), err)
		}
	}
}

// finish ends the stream with err (nil for a clean end) and closes the body.
func (s *Stream[T]) finish(err error) {
	s.err = err
	_ = s.Close() // a body Close error after the end changes nothing for the caller
}

// isBlank reports whether data is empty or only ASCII white space.
func isBlank(data []byte) bool {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}

// EventError is the error an `event: error` in the stream ends it with. Test for it with
// errors.As.
type EventError struct {
	// Data is the event's data.
	Data string
	// Message is the error text: the "message", "detail" or "error" member when Data is a
	// JSON object (looked up in that order, nested objects and lists of validation errors
	// included), the string when Data is a JSON string, Data itself trimmed of white space
	// when it is not JSON, and "" when it is JSON without any of these.
	Message string
}

// Error returns "llamacloud: stream error event: " followed by Message, or by Data when
// Message is empty.
func (e *EventError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Data
	}
	if msg == "" {
		return "llamacloud: stream error event"
	}
	return "llamacloud: stream error event: " + msg
}

func newEventError(data []byte) *EventError {
	e := &EventError{Data: string(data)}
	if json.Valid(data) {
		e.Message = errorMessage(data, 0)
	} else {
		e.Message = strings.TrimSpace(e.Data)
	}
	return e
}

// errorMessage finds the error text in valid JSON: a string, the first of the message keys
// of an object, or the texts of a list's elements joined with "; ". depth bounds nesting.
func errorMessage(raw []byte, depth int) string {
	if depth > 4 {
		return ""
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return ""
		}
		// "msg" is the text of each item of a validation error list.
		for _, key := range [...]string{"message", "detail", "error", "msg"} {
			if v, ok := obj[key]; ok {
				if msg := errorMessage(v, depth+1); msg != "" {
					return msg
				}
			}
		}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return ""
		}
		var msgs []string
		for _, item := range list {
			if msg := errorMessage(item, depth+1); msg != "" {
				msgs = append(msgs, msg)
			}
		}
		return strings.Join(msgs, "; ")
	}
	return ""
}

var _ error = (*EventError)(nil)
