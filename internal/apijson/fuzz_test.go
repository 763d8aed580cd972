package apijson

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/param"
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

type fuzzParams struct {
	S    param.Opt[string]  `json:"s"`
	F    param.Opt[float64] `json:"f"`
	N    param.Opt[int64]   `json:"n"`
	B    param.Opt[bool]    `json:"b"`
	Null param.Opt[string]  `json:"null"`
	Omit param.Opt[string]  `json:"omit"`
	Raw  string             `json:"raw,omitempty"`
	List []string           `json:"list"`
	Any  any                `json:"any"`
}

type fuzzPlain struct {
	S    *string  `json:"s"`
	F    *float64 `json:"f"`
	N    *int64   `json:"n"`
	B    *bool    `json:"b"`
	Null *string  `json:"null"`
	Raw  string   `json:"raw,omitempty"`
	List []string `json:"list"`
	Any  any      `json:"any"`
}

// FuzzMarshal checks the encoder against encoding/json (without HTML escaping): free-form
// values decoded from any JSON document, and params whose Opts hold any string, float,
// integer and bool, encode to the same bytes as the equivalent plain values; NaN and ±Inf
// are errors naming the field.
func FuzzMarshal(f *testing.F) {
	for _, doc := range anyDocs {
		f.Add(doc, "s", 1.5, int64(2), true)
	}
	f.Add(`{"a":[1,"\u2028",{"<":">"}]}`, "\xff\u2029<&>", 1e21, int64(-1), false)
	f.Add(`"x"`, "", math.Inf(1), int64(0), true)
	f.Fuzz(func(t *testing.T, doc, s string, fl float64, n int64, b bool) {
		var v any
		if json.Unmarshal([]byte(doc), &v) != nil {
			v = s
		}
		got, err := Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, marshalNoHTML(t, v), string(got))

		list := []string{s, ""}
		ours := fuzzParams{
			S: param.NewOpt(s), F: param.NewOpt(fl), N: param.NewOpt(n), B: param.NewOpt(b),
			Null: param.Null[string](), Raw: s, List: list, Any: v,
		}
		got, err = Marshal(&ours)
		if math.IsNaN(fl) || math.IsInf(fl, 0) {
			assert.ErrorContains(t, err, `llamacloud: encode json: field "f": unsupported value`)
			return
		}
		require.NoError(t, err)
		plain := fuzzPlain{S: &s, F: &fl, N: &n, B: &b, Raw: s, List: list, Any: v}
		assert.Equal(t, marshalNoHTML(t, plain), string(got))
	})
}

// marshalNoHTML encodes v with encoding/json as the SDK's encoder does: no HTML escaping, no
// trailing newline.
func marshalNoHTML(t *testing.T, v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return strings.TrimSuffix(buf.String(), "\n")
}
