package ssestream_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// chatEvent is shaped like the chat stream's events.
type chatEvent struct {
	Type    string `json:"type"`
	Content string `json:"content,omitempty"`
	IsError bool   `json:"is_error,omitempty"`
}

func TestStream(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		input   string
		want    []chatEvent
		wantErr func(t *testing.T, err error)
	}{
		{
			name:  "sample",
			input: sampleStream,
			want: []chatEvent{
				{Type: "text_delta", Content: "Hel"}, {Type: "text_delta", Content: "lo"},
				{Type: "text", Content: "Hello"}, {Type: "stop"},
			},
		},
		{
			name:  "any_event_type_decodes",
			input: "data: {\"type\":\"a\"}\n\nevent: message\ndata: {\"type\":\"b\"}\n\nevent: delta\ndata: {\"type\":\"c\"}\n\nevent: brand_new\ndata: {\"type\":\"d\"}\n\n",
			want:  []chatEvent{{Type: "a"}, {Type: "b"}, {Type: "c"}, {Type: "d"}},
		},
		{
			name:  "blank_data_skipped",
			input: "data:\n\ndata:   \n\ndata\ndata\n\nevent: delta\ndata: {\"type\":\"x\"}\n\n",
			want:  []chatEvent{{Type: "x"}},
		},
		{
			name:  "fresh_value_per_event",
			input: "data: {\"type\":\"a\",\"content\":\"c\"}\n\ndata: {\"type\":\"b\"}\n\n",
			want:  []chatEvent{{Type: "a", Content: "c"}, {Type: "b"}},
		},
		{name: "clean_eof", input: "data: {\"type\":\"a\"}\n\n: bye\n\n\n", want: []chatEvent{{Type: "a"}}},
		{name: "empty_body", input: ""},
		{name: "trailing_fields_without_data_are_clean", input: "data: {\"type\":\"a\"}\n\nevent: delta\nid: 9\n", want: []chatEvent{{Type: "a"}}},
		{
			name:  "cut_mid_event",
			input: "data: {\"type\":\"a\"}\n\nevent: delta\ndata: {\"type\":\"b\"}\n",
			want:  []chatEvent{{Type: "a"}},
			wantErr: func(t *testing.T, err error) {
				assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
				assert.EqualError(t, err, "llamacloud: stream cut mid-event: unexpected EOF")
			},
		},
		{
			name:    "cut_mid_line",
			input:   "data: {\"type\":\"a\"}\n\ndata: {\"ty",
			want:    []chatEvent{{Type: "a"}},
			wantErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, io.ErrUnexpectedEOF) },
		},
		{
			name:  "malformed_json",
			input: "data: {\"type\":\"a\"}\n\nevent: delta\ndata: {\"type\":\n\ndata: {\"type\":\"never\"}\n\n",
			want:  []chatEvent{{Type: "a"}},
			wantErr: func(t *testing.T, err error) {
				assert.ErrorContains(t, err, `llamacloud: decode stream event "delta": decode json: unexpected end of input`)
			},
		},
		{
			name:  "wrong_json_type_default_event",
			input: "data: [1,2]\n\n",
			wantErr: func(t *testing.T, err error) {
				assert.ErrorContains(t, err, `llamacloud: decode stream event "message": decode json: value does not fit`)
			},
		},
		{
			name:  "error_event",
			input: "data: {\"type\":\"a\"}\n\nevent: error\ndata: {\"detail\":\"boom\"}\n\ndata: {\"type\":\"never\"}\n\n",
			want:  []chatEvent{{Type: "a"}},
			wantErr: func(t *testing.T, err error) {
				var evErr *ssestream.EventError
				require.ErrorAs(t, err, &evErr)
				assert.Equal(t, `{"detail":"boom"}`, evErr.Data)
				assert.Equal(t, "boom", evErr.Message)
				assert.EqualError(t, err, "llamacloud: stream error event: boom")
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := newTracker(tc.input)
			s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
			var got []chatEvent
			for s.Next() {
				got = append(got, s.Current())
			}
			assert.Equal(t, tc.want, got)
			if tc.wantErr == nil {
				assert.NoError(t, s.Err())
			} else {
				tc.wantErr(t, s.Err())
			}
			assert.Equal(t, 1, body.closes, "body closed once the stream ended")
			assert.Equal(t, chatEvent{}, s.Current())
			assert.False(t, s.Next(), "stays ended")
			require.NoError(t, s.Close())
			assert.Equal(t, 1, body.closes, "Close after the end is a no-op")
		})
	}
}

func TestEventError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, data, message, text string
	}{
		{"detail", `{"detail":"boom"}`, "boom", "llamacloud: stream error event: boom"},
		{"message", `{"message":"rate limited","code":429}`, "rate limited", "llamacloud: stream error event: rate limited"},
		{"message_before_detail", `{"detail":"d","message":"m"}`, "m", "llamacloud: stream error event: m"},
		{"error_string", `{"error":"bad"}`, "bad", "llamacloud: stream error event: bad"},
		{"nested_error", `{"error":{"type":"x","message":"nested"}}`, "nested", "llamacloud: stream error event: nested"},
		{"validation_list", `{"detail":[{"loc":["body"],"msg":"field required"},{"msg":"too long"}]}`,
			"field required; too long", "llamacloud: stream error event: field required; too long"},
		{"json_string", `"overloaded"`, "overloaded", "llamacloud: stream error event: overloaded"},
		{"plain_text", "boom", "boom", "llamacloud: stream error event: boom"},
		{"plain_text_multiline", " internal\nerror ", "internal\nerror", "llamacloud: stream error event: internal\nerror"},
		{"json_without_message", `{"code":500}`, "", `llamacloud: stream error event: {"code":500}`},
		{"empty", "", "", "llamacloud: stream error event"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var input strings.Builder
			input.WriteString("event: error\n")
			for _, line := range strings.Split(tc.data, "\n") {
				input.WriteString("data: " + line + "\n")
			}
			input.WriteString("\n")
			body := newTracker(input.String())
			s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
			assert.False(t, s.Next())
			var evErr *ssestream.EventError
			require.ErrorAs(t, s.Err(), &evErr)
			assert.Equal(t, tc.data, evErr.Data)
			assert.Equal(t, tc.message, evErr.Message)
			assert.EqualError(t, s.Err(), tc.text)
			assert.Equal(t, 1, body.closes)
		})
	}
}

func TestStreamReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset")
	body := &closeTracker{r: &errAfterReader{data: []byte("data: {\"type\":\"a\"}\n\ndata: {\"ty"), err: boom}}
	s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
	require.True(t, s.Next())
	assert.False(t, s.Next())
	assert.ErrorIs(t, s.Err(), boom, "the read error wins over the mid-event cut")
	assert.EqualError(t, s.Err(), "llamacloud: read stream: connection reset")
	assert.Equal(t, 1, body.closes)
}

func TestStreamClose(t *testing.T) {
	t.Parallel()
	body := newTracker("data: {\"type\":\"a\"}\n\ndata: {\"type\":\"b\"}\n\n")
	s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
	require.True(t, s.Next())
	require.NoError(t, s.Close())
	assert.Equal(t, 1, body.closes)
	assert.False(t, s.Next(), "Next after Close")
	assert.NoError(t, s.Err())
	require.NoError(t, s.Close())
	assert.Equal(t, 1, body.closes, "Close is idempotent")

	unread := newTracker("data: {}\n\n")
	s = ssestream.NewStream[chatEvent](ssestream.NewDecoder(unread), nil)
	require.NoError(t, s.Close())
	assert.Equal(t, 1, unread.closes, "Close before any Next")
	assert.Equal(t, 0, unread.reads)
}

// bodyCloseErr is a body whose Close fails.
type bodyCloseErr struct{ io.Reader }

func (bodyCloseErr) Close() error { return errors.New("close failed") }

func TestStreamCloseError(t *testing.T) {
	t.Parallel()
	s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(bodyCloseErr{strings.NewReader("data: {}\n\n")}), nil)
	assert.EqualError(t, s.Close(), "close failed")
	assert.EqualError(t, s.Close(), "close failed", "later calls report the same error")
}

func TestStreamAll(t *testing.T) {
	t.Parallel()
	t.Run("values_then_error_once", func(t *testing.T) {
		t.Parallel()
		body := newTracker("data: {\"type\":\"a\"}\n\ndata: {\"type\":\"b\"}\n\nevent: error\ndata: nope\n\n")
		s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
		var got []chatEvent
		var errs []error
		for ev, err := range s.All() {
			if err != nil {
				assert.Equal(t, chatEvent{}, ev, "zero T with the error")
				errs = append(errs, err)
				continue
			}
			got = append(got, ev)
		}
		assert.Equal(t, []chatEvent{{Type: "a"}, {Type: "b"}}, got)
		require.Len(t, errs, 1)
		assert.EqualError(t, errs[0], "llamacloud: stream error event: nope")
		assert.Equal(t, 1, body.closes)
	})
	t.Run("clean_end_yields_no_error", func(t *testing.T) {
		t.Parallel()
		body := newTracker("data: {\"type\":\"a\"}\n\n")
		n := 0
		for _, err := range ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil).All() {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1, n)
		assert.Equal(t, 1, body.closes)
	})
	t.Run("break_closes_body", func(t *testing.T) {
		t.Parallel()
		body := newTracker("data: {\"type\":\"a\"}\n\ndata: {\"type\":\"b\"}\n\ndata: {\"type\":\"c\"}\n\n")
		s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
		var got []chatEvent
		for ev, err := range s.All() {
			require.NoError(t, err)
			got = append(got, ev)
			break
		}
		assert.Equal(t, []chatEvent{{Type: "a"}}, got)
		assert.Equal(t, 1, body.closes)
		assert.False(t, s.Next(), "the stream is over after break")
		assert.NoError(t, s.Err())
	})
	t.Run("lazy", func(t *testing.T) {
		t.Parallel()
		body := newTracker("data: {}\n\n")
		s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), nil)
		seq := s.All()
		assert.Equal(t, 0, body.reads, "nothing read before the first pull")
		for range seq {
		}
		assert.Equal(t, 1, body.closes)
		assert.Positive(t, body.reads)
	})
}

func TestNewStreamError(t *testing.T) {
	t.Parallel()
	boom := errors.New("llamacloud: 500 Internal Server Error")
	s := ssestream.NewStream[chatEvent](nil, boom)
	assert.False(t, s.Next())
	assert.Same(t, boom, s.Err())
	assert.NoError(t, s.Close())
	var errs []error
	for ev, err := range ssestream.NewStream[chatEvent](nil, boom).All() {
		assert.Equal(t, chatEvent{}, ev)
		errs = append(errs, err)
	}
	assert.Equal(t, []error{boom}, errs)

	body := newTracker("data: {}\n\n")
	s = ssestream.NewStream[chatEvent](ssestream.NewDecoder(body), boom)
	assert.False(t, s.Next())
	assert.Same(t, boom, s.Err())
	assert.Equal(t, 1, body.closes, "a decoder passed with an error is closed")
	assert.Equal(t, 0, body.reads)
}

func TestStreamZeroValue(t *testing.T) {
	t.Parallel()
	var s ssestream.Stream[chatEvent]
	assert.False(t, s.Next())
	assert.NoError(t, s.Err())
	assert.NoError(t, s.Close())
}

// union decodes itself, like the SDK's union types: T's pointer implements json.Unmarshaler.
type union struct {
	kind string
	raw  string
}

// UnmarshalAPIJSON is the SDK decoder's hook: a type that decodes itself gets the raw text.
func (u *union) UnmarshalAPIJSON(raw string) error {
	var probe struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal([]byte(raw), &probe); err != nil {
		return err
	}
	u.kind, u.raw = probe.Type, raw
	return nil
}

func TestStreamUnmarshaler(t *testing.T) {
	t.Parallel()
	s := ssestream.NewStream[union](ssestream.NewDecoder(newTracker("event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"x\"}\n\n")), nil)
	require.True(t, s.Next())
	assert.Equal(t, union{kind: "text_delta", raw: `{"type":"text_delta","content":"x"}`}, s.Current())
	assert.False(t, s.Next())
	assert.NoError(t, s.Err())
}

func TestStreamLongLine(t *testing.T) {
	t.Parallel()
	content := strings.Repeat("abcdefgh", (1<<20)/8) // 1 MiB, 16 times the largest read buffer
	input := "event: message\ndata: {\"type\":\"text\",\"content\":\"" + content + "\"}\n\n" +
		"data: \"" + content + "\"\n\n"
	s := ssestream.NewStream[chatEvent](ssestream.NewDecoder(newTracker(input)), nil)
	require.True(t, s.Next())
	assert.Equal(t, "text", s.Current().Type)
	assert.Len(t, s.Current().Content, 1<<20)
	assert.True(t, s.Current().Content == content)
	assert.False(t, s.Next(), "a JSON string does not fit chatEvent")

	str := ssestream.NewStream[string](ssestream.NewDecoder(newTracker(input[strings.Index(input, "}\n\n")+3:])), nil)
	require.True(t, str.Next())
	assert.Len(t, str.Current(), 1<<20)
	assert.False(t, str.Next())
	assert.NoError(t, str.Err())
}

// TestStreamValuesKept checks that a value handed out stays as it was while later events are
// decoded in place: none of its maps, slices or strings is reused for the next event.
func TestStreamValuesKept(t *testing.T) {
	t.Parallel()
	type event struct {
		Type string         `json:"type"`
		Args map[string]any `json:"args"`
		IDs  []string       `json:"ids"`
	}
	body := "data: {\"type\":\"a\",\"args\":{\"q\":\"one\"},\"ids\":[\"x\",\"y\"]}\n\n" +
		"data: {\"type\":\"b\",\"args\":{\"q\":\"two\",\"k\":2},\"ids\":[\"z\"]}\n\n" +
		"data: {\"type\":\"c\"}\n\n"
	var got []event
	for ev, err := range ssestream.NewStream[event](ssestream.NewDecoder(io.NopCloser(strings.NewReader(body))), nil).All() {
		require.NoError(t, err)
		got = append(got, ev)
	}
	assert.Equal(t, []event{
		{Type: "a", Args: map[string]any{"q": "one"}, IDs: []string{"x", "y"}},
		{Type: "b", Args: map[string]any{"q": "two", "k": 2.0}, IDs: []string{"z"}},
		{Type: "c"},
	}, got)
}
