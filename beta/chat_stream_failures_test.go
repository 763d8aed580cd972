package beta_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/ssestream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChatStreamNotEventStream: a success status whose body is not an event stream is the
// stream's error, carrying the body's message, never a turn that looks empty but fine.
func TestChatStreamNotEventStream(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, contentType, body, message string
	}{
		{"json detail", "application/json", `{"detail":"quota exceeded"}`, "quota exceeded"},
		{"the reference's example response", "application/json", string(golden(t, "chat/stream.json")), ""},
		{"html", "text/html; charset=utf-8", "<html><head><title>502 Bad Gateway</title></head></html>", "<html><head><title>502 Bad Gateway</title></head></html>"},
		{"empty json", "application/json", "", ""},
		{"plain text", "text/plain", "upstream overloaded\nretry later", "upstream overloaded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client := chatSSEClient(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				_, _ = io.WriteString(w, tc.body)
			})
			s := openChatStream(client)
			assert.False(t, s.Next())
			var ctErr *ssestream.ContentTypeError
			require.ErrorAs(t, s.Err(), &ctErr)
			assert.Equal(t, http.StatusOK, ctErr.StatusCode)
			assert.Equal(t, tc.contentType, ctErr.ContentType)
			assert.Equal(t, tc.body, ctErr.Body)
			assert.Equal(t, tc.message, ctErr.Message)
			if tc.message != "" {
				assert.ErrorContains(t, s.Err(), tc.message)
			}

			turn, err := beta.AccumulateChat(openChatStream(client))
			require.ErrorAs(t, err, &ctErr, "AccumulateChat reports it too")
			require.NotNil(t, turn)
			assert.Nil(t, turn.Stop)
		})
	}
}

// TestAccumulateChatWithoutStop: a stream that ends cleanly before the stop event is an
// error matching io.ErrUnexpectedEOF; the turn keeps what arrived.
func TestAccumulateChatWithoutStop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body, text string }{
		{"deltas only", "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Revenue \"}\n\n" +
			"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"grew\"}\n\n", "Revenue grew"},
		{"empty stream", "", ""},
		{"comments only", ": keep-alive\n\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client := chatSSEClient(t, chatServeSSE(tc.body))
			turn, err := beta.AccumulateChat(openChatStream(client))
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.ErrorIs(t, err, beta.ErrTurnIncomplete)
			assert.EqualError(t, err, "llamacloud: chat stream ended without the turn's stop event: unexpected EOF")
			require.NotNil(t, turn)
			assert.Equal(t, tc.text, turn.Text(), "the partial turn is kept")
			assert.Nil(t, turn.Stop)
		})
	}
}

// TestChatStreamCanceledWithEventsBuffered: events already read into the stream's buffer are
// not delivered once the context is done. A middleware reads the whole body first, so that
// all of it is buffered by the stream's first read.
func TestChatStreamCanceledWithEventsBuffered(t *testing.T) {
	t.Parallel()
	var deltas strings.Builder
	for _, piece := range []string{"a", "b", "c", "d"} {
		deltas.WriteString("event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"" + piece + "\"}\n\n")
	}
	var reads atomic.Int32
	client := chatSSEClient(t, chatServeSSE(deltas.String()+chatStop), option.WithMiddleware(
		func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			resp, err := next(r)
			if err != nil {
				return resp, err
			}
			all, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			resp.Body = io.NopCloser(&countingReader{r: bytes.NewReader(all), reads: &reads})
			return resp, err
		}))
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := client.Beta.Chat.Stream(ctx, "ses-abc123", chatStreamParams)
	require.True(t, s.Next())
	require.True(t, s.Next())
	assert.Equal(t, "b", s.Current().AsTextDelta().Content)
	assert.Equal(t, int32(1), reads.Load(), "every event is buffered")
	cancel()
	assert.False(t, s.Next(), "the third event is buffered, but the context is done")
	assert.ErrorIs(t, s.Err(), context.Canceled)
	assert.Equal(t, beta.ChatEventUnion{}, s.Current())

	ctx2, cancel2 := context.WithCancel(context.Background())
	t.Cleanup(cancel2)
	stream := client.Beta.Chat.Stream(ctx2, "ses-abc123", chatStreamParams)
	var turn beta.ChatTurn
	for ev, err := range stream.All() {
		if err != nil {
			assert.ErrorIs(t, err, context.Canceled)
			break
		}
		turn.Add(ev)
		if ev.Content == "b" {
			cancel2()
		}
	}
	assert.Equal(t, "ab", turn.Text(), "All stops at the cancel too")
}

// countingReader counts its reads.
type countingReader struct {
	r     io.Reader
	reads *atomic.Int32
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads.Add(1)
	return c.r.Read(p)
}

func TestChatStreamMaxEventBytesOption(t *testing.T) {
	t.Parallel()
	assert.Equal(t, int64(requestconfig.DefaultMaxStreamEventBytes), int64(ssestream.DefaultMaxEventBytes),
		"the option's default is the decoder's")
	for _, n := range []int64{0, -1} {
		var calls atomic.Int32
		client := chatSSEClient(t, func(w http.ResponseWriter, _ *http.Request) { calls.Add(1) })
		s := client.Beta.Chat.Stream(context.Background(), "ses-abc123", chatStreamParams, option.WithMaxStreamEventBytes(n))
		assert.False(t, s.Next())
		assert.EqualError(t, s.Err(), "llamacloud: max stream event bytes "+map[int64]string{0: "0", -1: "-1"}[n]+" is not positive")
		assert.Zero(t, calls.Load(), "nothing is sent")
	}

	body := "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"ok\"}\n\n" +
		"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"" + strings.Repeat("x", 200) + "\"}\n\n" + chatStop
	client := chatSSEClient(t, chatServeSSE(body))
	s := client.Beta.Chat.Stream(context.Background(), "ses-abc123", chatStreamParams, option.WithMaxStreamEventBytes(100))
	require.True(t, s.Next())
	assert.Equal(t, "ok", s.Current().AsTextDelta().Content)
	assert.False(t, s.Next())
	var tooLarge *ssestream.EventTooLargeError
	require.ErrorAs(t, s.Err(), &tooLarge)
	assert.Equal(t, int64(100), tooLarge.Limit)

	turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(context.Background(), "ses-abc123", chatStreamParams))
	require.NoError(t, err, "the default limit is far above these events")
	assert.Equal(t, "ok"+strings.Repeat("x", 200), turn.Text())
}

// TestChatStreamMemoryBounded sends one 16 MiB line as a 16 KiB gzip body through
// Chat.Stream limited to 64 KiB: the stream ends with the limit error, and everything the
// client allocated meanwhile (transport and gzip reader included) stays near the limit. It
// measures every allocation of the process, so it does not run in parallel.
func TestChatStreamMemoryBounded(t *testing.T) {
	const limit, lineLen = 64 << 10, 16 << 20
	var zipped bytes.Buffer
	zw, err := gzip.NewWriterLevel(&zipped, gzip.BestSpeed)
	require.NoError(t, err)
	_, _ = io.WriteString(zw, "event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"")
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	for range lineLen / len(chunk) {
		_, _ = zw.Write(chunk)
	}
	_, _ = io.WriteString(zw, "\"}\n\n")
	require.NoError(t, zw.Close())
	require.Less(t, zipped.Len(), 64<<10)

	client := chatSSEClient(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(zipped.Bytes())
	})
	// A first stream warms the connection pool and the transport.
	warm := client.Beta.Chat.Stream(context.Background(), "ses-abc123", chatStreamParams, option.WithMaxStreamEventBytes(limit))
	require.False(t, warm.Next())

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s := client.Beta.Chat.Stream(context.Background(), "ses-abc123", chatStreamParams, option.WithMaxStreamEventBytes(limit))
	next := s.Next()
	runtime.ReadMemStats(&after)
	assert.False(t, next)
	var tooLarge *ssestream.EventTooLargeError
	assert.True(t, errors.As(s.Err(), &tooLarge), "err: %v", s.Err())
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d bytes for a %d-byte line sent gzipped in %d bytes, limit %d", allocated, lineLen, zipped.Len(), limit)
	assert.Less(t, allocated, uint64(16*limit), "memory follows the limit, not the line")
}
