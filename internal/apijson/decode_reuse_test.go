package apijson

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// reuseEvent is shaped like a chat event, with metadata.
type reuseEvent struct {
	Type    string         `json:"type"`
	Content string         `json:"content"`
	Args    map[string]any `json:"args"`
	JSON    struct {
		Type        respjson.Field
		Content     respjson.Field
		Args        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// TestDocumentDecoder decodes documents one after another with one DocumentDecoder and
// checks each value and error against UnmarshalString's: no state leaks from one document,
// good or bad, into the next.
func TestDocumentDecoder(t *testing.T) {
	t.Parallel()
	var dd DocumentDecoder[reuseEvent]
	for _, doc := range []string{
		`{"type":"a","content":"x","args":{"q":1}}`,
		`{"type":`,                              // syntax error
		`{"type":"b","content":7,"extra":true}`, // a misfit field
		`[1]`,                                   // a top-level misfit
		`{"type":"c"} x`,                        // trailing data
		"",
		`  {"content":"d\u00e9","type":"d"}  `,
		`null`,
	} {
		var got reuseEvent
		gotErr := dd.DecodeString(doc, &got)
		var want reuseEvent
		wantErr := UnmarshalString(doc, &want)
		assert.Equal(t, want, got, "doc %q", doc)
		if wantErr == nil {
			assert.NoError(t, gotErr, "doc %q", doc)
		} else {
			assert.EqualError(t, gotErr, wantErr.Error(), "doc %q", doc)
		}
	}
	var v reuseEvent
	require.NoError(t, dd.DecodeString(`{"type":"e","content":"shared"}`, &v))
	assert.Equal(t, `{"type":"e","content":"shared"}`, v.JSON.raw)
}

// TestDocumentDecoderAllocs: after the first document, a document of plain strings costs no
// allocation (UnmarshalString allocates its decoder state for each). AllocsPerRun needs a
// test that is not parallel.
func TestDocumentDecoderAllocs(t *testing.T) {
	var dd DocumentDecoder[reuseEvent]
	var v reuseEvent
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		v = reuseEvent{}
		_ = dd.DecodeString(`{"type":"text_delta","content":"token"}`, &v)
	}))
	assert.Equal(t, "token", v.Content)
}
