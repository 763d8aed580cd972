package respjson_test

import (
	"testing"

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
	} {
		assert.Equal(t, tc.valid, tc.f.Valid(), tc.name)
		assert.Equal(t, tc.present, tc.f.IsPresent(), tc.name)
		assert.Equal(t, tc.null, tc.f.IsNull(), tc.name)
		assert.Equal(t, tc.invalid, tc.f.IsInvalid(), tc.name)
		assert.Equal(t, tc.raw, tc.f.Raw(), tc.name)
	}
}
