package respjson_test

import (
	"testing"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/stretchr/testify/assert"
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

// TestFieldSize keeps a Field at one string: response types hold one per Go field, so its
// size is a large part of a decoded response's memory (BENCHMARKS.md).
func TestFieldSize(t *testing.T) {
	t.Parallel()
	assert.Equal(t, unsafe.Sizeof(""), unsafe.Sizeof(respjson.Field{}))
}
