package ssestream_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

func TestNewResponseDecoder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, contentType, body string
		want                    *ssestream.ContentTypeError // nil: an event stream
		text                    string
	}{
		{name: "event_stream", contentType: "text/event-stream", body: "data: {\"type\":\"a\"}\n\n"},
		{name: "event_stream_with_params", contentType: "Text/Event-Stream; charset=utf-8", body: "data: {\"type\":\"a\"}\n\n"},
		{
			name: "json_detail", contentType: "application/json", body: `{"detail":"quota exceeded"}`,
			want: &ssestream.ContentTypeError{StatusCode: 200, ContentType: "application/json", Body: `{"detail":"quota exceeded"}`, Message: "quota exceeded"},
			text: `llamacloud: stream response is "application/json" (status 200), not text/event-stream: quota exceeded`,
		},
		{
			name: "json_without_detail", contentType: "application/json", body: `{}`,
			want: &ssestream.ContentTypeError{StatusCode: 200, ContentType: "application/json", Body: `{}`},
			text: `llamacloud: stream response is "application/json" (status 200), not text/event-stream: no message in the body`,
		},
		{
			name: "html", contentType: "text/html; charset=utf-8", body: "\n  <html><title>502 Bad Gateway</title>\n<body>nginx</body></html>",
			want: &ssestream.ContentTypeError{StatusCode: 200, ContentType: "text/html; charset=utf-8",
				Body: "\n  <html><title>502 Bad Gateway</title>\n<body>nginx</body></html>", Message: "<html><title>502 Bad Gateway</title>"},
			text: `llamacloud: stream response is "text/html; charset=utf-8" (status 200), not text/event-stream: <html><title>502 Bad Gateway</title>`,
		},
		{
			name: "empty_json", contentType: "application/json",
			want: &ssestream.ContentTypeError{StatusCode: 200, ContentType: "application/json"},
			text: `llamacloud: stream response is "application/json" (status 200), not text/event-stream: empty body`,
		},
		{
			name: "no_content_type", body: "data: {\"type\":\"a\"}\n\n",
			want: &ssestream.ContentTypeError{StatusCode: 200, Body: "data: {\"type\":\"a\"}\n\n", Message: `data: {"type":"a"}`},
			text: `llamacloud: stream response is "" (status 200), not text/event-stream: data: {"type":"a"}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := newTracker(tc.body)
			resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: body}
			if tc.contentType != "" {
				resp.Header.Set("Content-Type", tc.contentType)
			}
			dec, err := ssestream.NewResponseDecoder(resp)
			if tc.want == nil {
				require.NoError(t, err)
				s := ssestream.NewStream[chatEvent](dec, nil)
				require.True(t, s.Next())
				assert.Equal(t, chatEvent{Type: "a"}, s.Current())
				assert.False(t, s.Next())
				assert.NoError(t, s.Err())
				assert.Equal(t, 1, body.closes)
				return
			}
			assert.Nil(t, dec)
			var ctErr *ssestream.ContentTypeError
			require.ErrorAs(t, err, &ctErr)
			assert.Equal(t, tc.want, ctErr)
			assert.EqualError(t, err, tc.text)
			assert.Equal(t, 1, body.closes, "the body is closed")

			s := ssestream.NewStream[chatEvent](dec, err)
			assert.False(t, s.Next())
			assert.Same(t, err, s.Err())
		})
	}
}

func TestNewResponseDecoderLongBody(t *testing.T) {
	t.Parallel()
	long := `{"detail":"` + strings.Repeat("é", 300) + `"}` + strings.Repeat(" ", 100<<10)
	body := newTracker(long)
	_, err := ssestream.NewResponseDecoder(&http.Response{StatusCode: 201, Header: http.Header{"Content-Type": {"application/json"}}, Body: body})
	var ctErr *ssestream.ContentTypeError
	require.ErrorAs(t, err, &ctErr)
	assert.Len(t, ctErr.Body, 64<<10, "at most 64 KiB of the body is read")
	assert.Equal(t, strings.Repeat("é", 100)+"…", ctErr.Message, "the message is cut at 200 bytes, on a character boundary")
	assert.Equal(t, 201, ctErr.StatusCode)
	assert.Equal(t, 1, body.closes)
}

func TestNewResponseDecoderNil(t *testing.T) {
	t.Parallel()
	for _, resp := range []*http.Response{nil, {StatusCode: 200, Header: http.Header{"Content-Type": {"text/event-stream"}}}} {
		dec, err := ssestream.NewResponseDecoder(resp)
		assert.Nil(t, dec)
		assert.EqualError(t, err, "llamacloud: stream response has no body")
	}
}

// blockingBody returns its events, then blocks in Read until it is closed.
type blockingBody struct {
	events  string
	closed  chan struct{}
	blocked chan struct{} // closed when a Read blocks
}

func newBlockingBody(events string) *blockingBody {
	return &blockingBody{events: events, closed: make(chan struct{}), blocked: make(chan struct{})}
}

func (b *blockingBody) Read(p []byte) (int, error) {
	if b.events != "" {
		n := copy(p, b.events)
		b.events = b.events[n:]
		return n, nil
	}
	close(b.blocked)
	<-b.closed
	return 0, errors.New("read on closed body")
}

func (b *blockingBody) Close() error {
	close(b.closed)
	return nil
}

func TestStreamWithContext(t *testing.T) {
	t.Parallel()
	const three = "data: {\"type\":\"a\"}\n\ndata: {\"type\":\"b\"}\n\ndata: {\"type\":\"c\"}\n\n"
	for _, want := range []error{context.Canceled, context.DeadlineExceeded} {
		t.Run(want.Error()+"/events_buffered", func(t *testing.T) {
			t.Parallel()
			ctx := newCueContext()
			body := newTracker(three)
			s := ssestream.NewStreamWithContext[chatEvent](ctx, ssestream.NewDecoder(body), nil)
			require.True(t, s.Next())
			require.True(t, s.Next())
			ctx.end(want)
			assert.False(t, s.Next(), "the third event is buffered but the context is done")
			assert.ErrorIs(t, s.Err(), want)
			assert.EqualError(t, s.Err(), "llamacloud: read stream: "+want.Error())
			assert.Equal(t, chatEvent{}, s.Current())
			assert.Equal(t, 1, body.closes)
			assert.Equal(t, 1, body.reads, "all three events came in the first read")
		})
	}
	t.Run("server_blocks", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		body := newBlockingBody(three[:2*len("data: {\"type\":\"a\"}\n\n")])
		s := ssestream.NewStreamWithContext[chatEvent](ctx, ssestream.NewDecoder(body), nil)
		require.True(t, s.Next())
		require.True(t, s.Next())
		cancel()
		assert.False(t, s.Next())
		assert.ErrorIs(t, s.Err(), context.Canceled)
		select {
		case <-body.closed:
		default:
			t.Fatal("the body is not closed")
		}
		select {
		case <-body.blocked:
			t.Fatal("Next read the body after the context ended")
		default:
		}
	})
	t.Run("context_never_done", func(t *testing.T) {
		t.Parallel()
		s := ssestream.NewStreamWithContext[chatEvent](context.Background(), ssestream.NewDecoder(newTracker(three)), nil)
		n := 0
		for s.Next() {
			n++
		}
		assert.Equal(t, 3, n)
		assert.NoError(t, s.Err())
	})
}

// cueContext is a context that ends, with the error given, when the test calls end.
type cueContext struct {
	context.Context
	done chan struct{}
	err  error
}

func newCueContext() *cueContext {
	return &cueContext{Context: context.Background(), done: make(chan struct{})}
}

func (c *cueContext) end(err error) {
	c.err = err
	close(c.done)
}

func (c *cueContext) Done() <-chan struct{} { return c.done }

func (c *cueContext) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}
