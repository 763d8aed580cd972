package apijson

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzUnmarshal checks the decoder against encoding/json: it never panics, accepts exactly the
// documents json.Valid accepts, decodes them to the same value as encoding/json when that one
// succeeds, and keeps decoding typed structs without panicking.
func FuzzUnmarshal(f *testing.F) {
	for _, doc := range anyDocs {
		f.Add(doc)
	}
	for _, doc := range []string{
		retrievalPage(2),
		`{"results":[{"content":"content","metadata":{"foo":"string"},"rerank_score":0,"score":0}]}`,
		`{"name":"Ada","age":"old","home":{"city":"x"},"visited":[{"city":1}],"unknown":[{}]}`,
		`{"a":"\ud83d\ude00\ud800\u0041\\\/"}`, "[\"\xff\xfe\"]", `[1e400]`, `[01]`, `{"a":1,}`,
	} {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		valid := json.Valid([]byte(doc))
		got, err := decodeAs[any](doc)
		if !valid {
			assert.Error(t, err, "invalid JSON must fail")
			return
		}
		var want any
		wantErr := json.Unmarshal([]byte(doc), &want)
		if wantErr == nil {
			require.NoError(t, err)
			assert.Equal(t, want, got)
		}
		// Typed targets see misfits everywhere; only syntax errors may fail them, and there are none.
		var p person
		if err := UnmarshalString(doc, &p); err != nil {
			assert.Contains(t, err.Error(), "does not fit Go type", "a valid document fails only on a top-level misfit")
		}
		var pg benchPage[benchResult]
		_ = UnmarshalString(doc, &pg)
		// Raw texts are exact substrings of valid JSON: compacting them must succeed.
		if p.JSON.raw != "" {
			var buf bytes.Buffer
			assert.NoError(t, json.Compact(&buf, []byte(p.JSON.raw)))
		}
	})
}
