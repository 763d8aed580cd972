package paramcheck

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type params struct {
	Size   param.Opt[int64]   `json:"page_size,nonneg"`
	Weight param.Opt[float64] `query:"weight,nonneg"`
	N      int64              `json:"n,omitzero,nonneg"`
	Plain  int64              `json:"plain"`
	Name   string             `json:"name,nonneg"`
}

func check(t *testing.T, field, key string, p *params) error {
	t.Helper()
	f, ok := reflect.TypeFor[params]().FieldByName(field)
	require.True(t, ok)
	c, err := ForField(f, key, field)
	require.NoError(t, err)
	if c == nil {
		return nil
	}
	return c(unsafe.Add(unsafe.Pointer(p), f.Offset))
}

func TestNonnegative(t *testing.T) {
	t.Parallel()
	assert.NoError(t, check(t, "Size", "json", &params{}), "an unset Opt passes")
	assert.NoError(t, check(t, "Size", "json", &params{Size: param.NewOpt[int64](0)}))
	assert.EqualError(t, check(t, "Size", "json", &params{Size: param.NewOpt[int64](-1)}), "llamacloud: Size must not be negative, got -1")
	assert.EqualError(t, check(t, "Weight", "query", &params{Weight: param.NewOpt(-0.5)}), "llamacloud: Weight must not be negative, got -0.5")
	assert.NoError(t, check(t, "Weight", "json", &params{Weight: param.NewOpt(-0.5)}), "the json tag has no constraint")
	assert.EqualError(t, check(t, "N", "json", &params{N: -3}), "llamacloud: N must not be negative, got -3")
	assert.NoError(t, check(t, "Plain", "json", &params{Plain: -3}))
}

func TestNonnegativeOnWrongTypeIsABuildError(t *testing.T) {
	t.Parallel()
	f, _ := reflect.TypeFor[params]().FieldByName("Name")
	_, err := ForField(f, "json", "name")
	assert.EqualError(t, err, "llamacloud: nonneg on field Name of type string")
}

func TestHasOption(t *testing.T) {
	t.Parallel()
	assert.True(t, HasOption("a,omitzero,nonneg", "nonneg"))
	assert.False(t, HasOption("nonneg", "nonneg"), "the name is not an option")
	assert.False(t, HasOption("a,nonnegative", "nonneg"))
}
