package apijson

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// escapedStrings returns n JSON strings with escapes, of lengths from a few bytes to more
// than an arena block, some with non-ASCII text, surrogate pairs or invalid UTF-8.
func escapedStrings(n int) []string {
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		b.WriteByte('"')
		for b.Len() < 1+(i*37)%300 {
			fmt.Fprintf(&b, `line %d\n\"quoted\"\t`, i)
			switch i % 7 {
			case 1:
				b.WriteString(`é中 \u00e9\ud83d\ude00`)
			case 2:
				b.WriteString("\xff\\u0041\xe2\x82") // invalid UTF-8 around an escape
			case 3:
				b.WriteString(`\ud83d alone \/ \b\f\r`)
			}
		}
		if i%500 == 0 {
			b.WriteString(strings.Repeat(`0123456\n`, 5000)) // larger than a block
		}
		b.WriteByte('"')
		out[i] = b.String()
	}
	return out
}

// TestUnmarshalEscapedStrings decodes thousands of escaped strings in one document, as
// strings and as free-form values: each is what encoding/json makes of it, none overwrote
// another, and they share a few arena blocks instead of taking an allocation each.
func TestUnmarshalEscapedStrings(t *testing.T) {
	doc := "[" + strings.Join(escapedStrings(3000), ",") + "]"
	var want []string
	require.NoError(t, json.Unmarshal([]byte(doc), &want))
	got, err := decodeAs[[]string](doc)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	gotAny, err := decodeAs[any](doc)
	require.NoError(t, err)
	var wantAny any
	require.NoError(t, json.Unmarshal([]byte(doc), &wantAny))
	assert.Equal(t, wantAny, gotAny)

	allocs := testing.AllocsPerRun(5, func() {
		var v []string
		_ = UnmarshalString(doc, &v)
	})
	assert.Less(t, allocs, 80.0, "3,000 escaped strings share arena blocks")
}

// TestDocumentDecoderKeepsStrings decodes a stream of documents with escaped strings,
// keeping every value: the strings of earlier documents are intact after later ones were
// unescaped into the same arena.
func TestDocumentDecoderKeepsStrings(t *testing.T) {
	t.Parallel()
	var dd DocumentDecoder[reuseEvent]
	strs := escapedStrings(2000)
	kept := make([]reuseEvent, len(strs))
	for i, s := range strs {
		require.NoError(t, dd.DecodeString(`{"type":"t\n`+fmt.Sprint(i)+`","content":`+s+`}`, &kept[i]))
	}
	for i, s := range strs {
		var want string
		require.NoError(t, json.Unmarshal([]byte(s), &want))
		assert.Equal(t, want, kept[i].Content, "document %d", i)
		assert.Equal(t, "t\n"+fmt.Sprint(i), kept[i].Type, "document %d", i)
	}
}

// TestUnmarshalEscapedStringErrors: a string that goes wrong after an escape reports what
// skipping it reports, at the same offset.
func TestUnmarshalEscapedStringErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		doc, want string
	}{
		{`{"name":"a\nb\qc"}`, `invalid escape "\\q" in string at offset 13`},
		{`{"name":"a\n\u12g4"}`, `invalid character 'g' in \u hexadecimal character escape at offset 16`},
		{`{"name":"a\n\u12`, `unexpected end of input in string escape at offset 16`},
		{`{"name":"a\n\`, `unexpected end of input in string escape at offset 13`},
		{`{"name":"a\nbc`, `unexpected end of input in string at offset 14`},
		{"{\"name\":\"a\\nb\x01\"}", `invalid character '\x01' in string literal at offset 13`},
		{`{"name":"\ud83d\u12x4"}`, `invalid character 'x' in \u hexadecimal character escape at offset 19`},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			t.Parallel()
			_, err := decodeAs[person](tc.doc)
			assert.EqualError(t, err, "llamacloud: decode json: "+tc.want)
			_, err = decodeAs[any](tc.doc)
			assert.EqualError(t, err, "llamacloud: decode json: "+tc.want)
			var skipped struct{}
			assert.EqualError(t, UnmarshalString(tc.doc, &skipped), "llamacloud: decode json: "+tc.want, "skipping the string")
		})
	}
}
