package paramcheck

import (
	"reflect"
	"testing"

	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type params struct {
	Size   param.Opt[int64]   `json:"page_size" param:"nonneg"`
	Weight param.Opt[float64] `query:"weight" param:"nonneg"`
	N      int64              `json:"n,omitzero" param:"nonneg"`
	Plain  int64              `json:"plain"`
	Name   string             `json:"name" param:"nonneg"`
	ID     string             `json:"index_id" param:"required"`
	Kind   kind               `json:"kind" param:"required"`
	OptID  param.Opt[string]  `json:"opt_id" param:"required"`
	Loose  string             `json:"loose"`
}

type kind string

func check(t *testing.T, field string, p *params) error {
	t.Helper()
	f, ok := reflect.TypeFor[params]().FieldByName(field)
	require.True(t, ok)
	c, err := ForField(f, field)
	require.NoError(t, err)
	if c == nil {
		return nil
	}
	return c(reflect.ValueOf(p).Elem().FieldByIndex(f.Index))
}

func TestNonnegative(t *testing.T) {
	t.Parallel()
	assert.NoError(t, check(t, "Size", &params{}), "an unset Opt passes")
	assert.NoError(t, check(t, "Size", &params{Size: param.NewOpt[int64](0)}))
	assert.EqualError(t, check(t, "Size", &params{Size: param.NewOpt[int64](-1)}), "llamacloud: Size must not be negative, got -1")
	assert.EqualError(t, check(t, "Weight", &params{Weight: param.NewOpt(-0.5)}), "llamacloud: Weight must not be negative, got -0.5")
	assert.EqualError(t, check(t, "N", &params{N: -3}), "llamacloud: N must not be negative, got -3")
	assert.NoError(t, check(t, "Plain", &params{Plain: -3}))
}

func TestNonnegativeOnWrongTypeIsABuildError(t *testing.T) {
	t.Parallel()
	f, _ := reflect.TypeFor[params]().FieldByName("Name")
	_, err := ForField(f, "name")
	assert.EqualError(t, err, "llamacloud: nonneg on field Name of type string")
}

func TestHasOption(t *testing.T) {
	t.Parallel()
	assert.True(t, HasOption("nonneg", "nonneg"))
	assert.True(t, HasOption("x,nonneg", "nonneg"))
	assert.False(t, HasOption("nonnegative", "nonneg"))
	assert.False(t, HasOption("", "nonneg"))
}

func TestRequired(t *testing.T) {
	t.Parallel()
	assert.NoError(t, check(t, "ID", &params{ID: "idx_1"}))
	assert.EqualError(t, check(t, "ID", &params{}), `llamacloud: ID must not be empty or blank, got ""`)
	assert.EqualError(t, check(t, "ID", &params{ID: " \t\n"}), `llamacloud: ID must not be empty or blank, got " \t\n"`)
	assert.NoError(t, check(t, "Kind", &params{Kind: "parse"}), "a named string type")
	assert.EqualError(t, check(t, "Kind", &params{}), `llamacloud: Kind must not be empty or blank, got ""`)
	assert.NoError(t, check(t, "Loose", &params{}), "no tag, no check")
}

func TestRequiredOnWrongTypeIsABuildError(t *testing.T) {
	t.Parallel()
	f, _ := reflect.TypeFor[params]().FieldByName("OptID")
	_, err := ForField(f, "opt_id")
	assert.EqualError(t, err, "llamacloud: required on field OptID of type param.Opt[string]")
}

// TestCheckUnaddressable: a check also reads a field of a struct held by value, where
// reflect cannot take its address.
func TestCheckUnaddressable(t *testing.T) {
	t.Parallel()
	v := reflect.ValueOf(params{Size: param.NewOpt[int64](-2), Weight: param.NewOpt(0.5), ID: " "})
	for _, tc := range []struct{ field, want string }{
		{"Size", "llamacloud: Size must not be negative, got -2"},
		{"Weight", ""},
		{"ID", `llamacloud: ID must not be empty or blank, got " "`},
	} {
		f, _ := v.Type().FieldByName(tc.field)
		c, err := ForField(f, tc.field)
		require.NoError(t, err)
		err = c(v.FieldByIndex(f.Index))
		if tc.want == "" {
			assert.NoError(t, err, tc.field)
		} else {
			assert.EqualError(t, err, tc.want, tc.field)
		}
	}
}
