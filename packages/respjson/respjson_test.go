package respjson_test

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/internal/fieldaccess"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldStates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name                          string
		f                             respjson.Field
		valid, present, null, invalid bool
		raw                           string
	}{
		{"absent", respjson.Field{}, false, false, false, false, ""},
		{"valid", respjson.NewField(`"x"`), true, true, false, false, `"x"`},
		{"null", respjson.NewNullField(), false, true, true, false, "null"},
		{"invalid", respjson.NewInvalidField(`42`), false, true, false, true, "42"},
		// Texts the decoder never records still keep their state and text.
		{"valid empty", respjson.NewField(""), true, true, false, false, ""},
		{"valid null text", respjson.NewField("null"), true, true, false, false, "null"},
		{"valid control bytes", respjson.NewField("\x00\x01\x02"), true, true, false, false, "\x00\x01\x02"},
		{"invalid empty", respjson.NewInvalidField(""), false, true, false, true, ""},
		{"invalid null text", respjson.NewInvalidField("null"), false, true, false, true, "null"},
		{"invalid control byte", respjson.NewInvalidField("\x01"), false, true, false, true, "\x01"},
	} {
		assert.Equal(t, tc.valid, tc.f.Valid(), tc.name)
		assert.Equal(t, tc.present, tc.f.IsPresent(), tc.name)
		assert.Equal(t, tc.null, tc.f.IsNull(), tc.name)
		assert.Equal(t, tc.invalid, tc.f.IsInvalid(), tc.name)
		assert.Equal(t, tc.raw, tc.f.Raw(), tc.name)
	}
}

// TestFieldSize keeps a Field at one pointer: response types hold one per Go field, so its
// size is a large part of a decoded response's memory (BENCHMARKS.md).
func TestFieldSize(t *testing.T) {
	t.Parallel()
	assert.Equal(t, unsafe.Sizeof(uintptr(0)), unsafe.Sizeof(respjson.Field{}))
}

// TestDecodedFieldRaw checks that a Field pointing into a document finds the end of its
// value there: each member's value of one document, with strings holding escaped quotes
// and brackets, nested values and every kind of number.
func TestDecodedFieldRaw(t *testing.T) {
	t.Parallel()
	values := []string{
		`"x"`, `""`, `"a\"b"`, `"\\"`, `"\\\""`, `"} ] , {"`, `"\u0022"`,
		`0`, `-1`, `12.5e-3`, `1E+9`, `-0.0`, `true`, `false`,
		`{}`, `[]`, `{"a":[1,{"b":"}"}],"c":"\"]"}`, `[[],[{}],"[",{"]":1}]`, ` `,
	}
	doc := `{`
	for i, v := range values {
		if i > 0 {
			doc += ","
		}
		doc += fmt.Sprintf(`"k%d":%s`, i, v)
	}
	doc = strings.Clone(doc + "}") // the document ends where its memory does
	for i, v := range values {
		if v == " " {
			continue // not a value: made into a record (below)
		}
		start := strings.Index(doc, fmt.Sprintf(`"k%d":`, i)) + len(fmt.Sprintf(`"k%d":`, i))
		raw := doc[start : start+len(v)]
		require.Equal(t, v, raw)
		f := respjson.DecodedField(fieldaccess.Key{}, doc, start, start+len(v))
		assert.Equal(t, v, f.Raw(), "value %d", i)
		assert.True(t, f.Valid() && f.IsPresent() && !f.IsNull() && !f.IsInvalid(), "value %d", i)
	}
	// A text that does not start a JSON value, or that no value-ending byte follows, is kept
	// as NewField keeps it.
	for _, tc := range []struct{ doc, raw string }{{",", ""}, {" 1,", " 1"}, {"\x01,", "\x01"}, {"12x", "12"}, {"12", "12"}} {
		f := respjson.DecodedField(fieldaccess.Key{}, tc.doc, 0, len(tc.raw))
		assert.Equal(t, tc.raw, f.Raw(), "%q", tc.doc)
		assert.True(t, f.Valid())
	}
}

func TestFieldEquality(t *testing.T) {
	t.Parallel()
	assert.True(t, respjson.Field{} == respjson.Field{})
	assert.True(t, respjson.NewNullField() == respjson.NewNullField(), "null Fields share one record")
	a, b := respjson.NewField(`"x"`), respjson.NewField(`"x"`)
	assert.Equal(t, a.Raw(), b.Raw())
	assert.True(t, a == a)
}

func TestFieldGoString(t *testing.T) {
	t.Parallel()
	doc := strings.Clone(`{"a":"x\ty","b":12}`)
	for _, tc := range []struct {
		f    respjson.Field
		want string
	}{
		{respjson.Field{}, `respjson.Field{}`},
		{respjson.NewNullField(), `respjson.NewNullField()`},
		{respjson.NewInvalidField(`42`), `respjson.NewInvalidField("42")`},
		{respjson.NewField(`"x"`), `respjson.NewField("\"x\"")`},
		{respjson.DecodedField(fieldaccess.Key{}, doc, 5, 11), `respjson.NewField("\"x\\ty\"")`},
		{respjson.DecodedField(fieldaccess.Key{}, doc, 16, 18), `respjson.NewField("12")`},
	} {
		assert.Equal(t, tc.want, fmt.Sprintf("%#v", tc.f))
	}
}
