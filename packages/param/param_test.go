package param_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/optaccess"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
)

func TestOptStates(t *testing.T) {
	t.Parallel()
	var omitted param.Opt[string]
	set := param.NewOpt("")
	null := param.Null[string]()
	for _, tc := range []struct {
		name                  string
		o                     param.Opt[string]
		valid, isNull, absent bool
		or, str, json         string
	}{
		{"omitted", omitted, false, false, true, "def", "omitted", "null"},
		{"set to the zero value", set, true, false, false, "", "", `""`},
		{"null", null, false, true, false, "def", "null", "null"},
		{"set", param.NewOpt(`a"b`), true, false, false, `a"b`, `a"b`, `"a\"b"`},
	} {
		assert.Equal(t, tc.valid, tc.o.Valid(), tc.name)
		assert.Equal(t, tc.isNull, tc.o.IsNull(), tc.name)
		assert.Equal(t, tc.absent, tc.o.IsOmitted(), tc.name)
		assert.Equal(t, tc.or, tc.o.Or("def"), tc.name)
		assert.Equal(t, tc.str, tc.o.String(), tc.name)
		b, err := json.Marshal(tc.o)
		assert.NoError(t, err, tc.name)
		assert.Equal(t, tc.json, string(b), tc.name)
	}
	ts := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	assert.Equal(t, ts, param.NewOpt(ts).Value())
	assert.Equal(t, int64(0), param.Null[int64]().Value())
}

func TestOptEncodeParts(t *testing.T) {
	t.Parallel()
	var omitted param.Opt[int64]
	v, isNull := omitted.EncodeParts(optaccess.Key{})
	assert.Nil(t, v)
	assert.False(t, isNull)

	null := param.Null[int64]()
	v, isNull = null.EncodeParts(optaccess.Key{})
	assert.Nil(t, v)
	assert.True(t, isNull)

	set := param.NewOpt[int64](0)
	v, isNull = set.EncodeParts(optaccess.Key{})
	assert.False(t, isNull)
	p, ok := v.(*int64)
	if assert.True(t, ok, "%T", v) {
		assert.Equal(t, int64(0), *p)
		set = param.NewOpt[int64](7)
		assert.Equal(t, int64(7), *p, "the pointer is to the Opt's own value")
	}
	var _ optaccess.Opt = &set // every *Opt[T] implements the encoders' interface
}
