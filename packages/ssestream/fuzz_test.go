package ssestream_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

func FuzzDecoder(f *testing.F) {
	for _, seed := range []string{
		sampleStream,
		"",
		"data: a\r\n\r\n",
		"data: a\rdata: b\r\r",
		"\xEF\xBB\xBFevent: error\ndata: {\"detail\":\"boom\"}\n\n",
		"id: 1\x00\nretry: 99999999999999999999\ndata\n\n",
		"event: delta\ndata: {\"type\":\"text_delta\",\"content\":\"Hel\"}\n\nevent: message\ndata: {\"type\":\"stop\",\"is_error\":false,\"usage\":{\"turns\":1}}\n\n",
		"data: {\"type\":\"a\"}\n\ndata: {\"ty",
		": only a comment",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		whole, err := decodeAll(bytes.NewReader(input))
		require.NoError(t, err)
		total := 0
		for _, ev := range whole {
			// Data holds the values of data lines, which cannot contain line ends, joined by "\n".
			assert.NotContains(t, ev.Data, "\r")
			assert.NotContains(t, ev.ID, "\r")
			assert.NotContains(t, ev.ID, "\n")
			assert.NotContains(t, ev.ID, "\x00")
			assert.NotContains(t, ev.Type, "\n")
			assert.GreaterOrEqual(t, ev.Retry, time.Duration(0))
			total += len(ev.Data)
		}
		assert.LessOrEqual(t, total, len(input))

		// How the body is split into reads changes nothing.
		bytewise, err := decodeAll(&oneByteReader{data: input})
		require.NoError(t, err)
		assert.Equal(t, whole, bytewise)
		cuts := []int{len(input) / 3, 2 * len(input) / 3}
		split, err := decodeAll(&splitReader{data: input, cuts: cuts})
		require.NoError(t, err)
		assert.Equal(t, whole, split)

		// The stream never panics and yields at most one value per event.
		s := ssestream.NewStream[json.RawMessage](ssestream.NewDecoder(io.NopCloser(bytes.NewReader(input))), nil)
		n := 0
		for v, err := range s.All() {
			if err == nil {
				assert.True(t, json.Valid(v))
				n++
			}
		}
		assert.LessOrEqual(t, n, len(whole))
	})
}
