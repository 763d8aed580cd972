package apiquery

import (
	"math"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/param"
)

type sortOrder string

type listParams struct {
	Token     param.Opt[string]    `query:"page_token" json:"-"`
	Size      param.Opt[int64]     `query:"page_size" json:"-" param:"nonneg"`
	ProjectID string               `query:"project_id" json:"-"`
	Name      param.Opt[string]    `query:"name" json:"-"`
	Ratio     param.Opt[float64]   `query:"ratio" json:"-"`
	Deleted   param.Opt[bool]      `query:"deleted" json:"-"`
	Since     param.Opt[time.Time] `query:"since" json:"-"`
	Order     sortOrder            `query:"order" json:"-"`
	Expand    []string             `query:"expand" json:"-"`
	Orders    []sortOrder          `query:"orders" json:"-"`
	Body      string               `json:"body"` // not a query parameter
	Skip      string               `query:"-"`
	hidden    string               `query:"hidden"`
}

func TestValues(t *testing.T) {
	t.Parallel()
	since := time.Date(2024, 1, 2, 4, 4, 5, 6789e5, time.FixedZone("CET", 3600))
	for _, tc := range []struct {
		name string
		in   any
		want url.Values
	}{
		{"zero value sends nothing", listParams{}, url.Values{}},
		{"omitted and null opts are left out", listParams{
			Name: param.Null[string](), Size: param.Null[int64](), Deleted: param.Null[bool](),
			Ratio: param.Null[float64](), Since: param.Null[time.Time](),
		}, url.Values{}},
		{"set opts are sent even when zero", listParams{
			Name: param.NewOpt(""), Size: param.NewOpt[int64](0), Ratio: param.NewOpt(0.0),
			Deleted: param.NewOpt(false), Since: param.NewOpt(time.Time{}),
		}, url.Values{"name": {""}, "page_size": {"0"}, "ratio": {"0"}, "deleted": {"false"}, "since": {"0001-01-01T00:00:00.000Z"}}},
		{"values", listParams{
			Token: param.NewOpt("t1"), Size: param.NewOpt[int64](50),
			ProjectID: "p1", Name: param.NewOpt("a b&c"), Ratio: param.NewOpt(0.25),
			Deleted: param.NewOpt(true), Since: param.NewOpt(since), Order: "desc",
			Expand: []string{"a", "", "b"}, Orders: []sortOrder{"asc"}, Body: "ignored", Skip: "ignored", hidden: "ignored",
		}, url.Values{
			"page_token": {"t1"}, "page_size": {"50"}, "project_id": {"p1"}, "name": {"a b&c"},
			"ratio": {"0.25"}, "deleted": {"true"}, "since": {"2024-01-02T03:04:05.678Z"},
			"order": {"desc"}, "expand": {"a", "", "b"}, "orders": {"asc"},
		}},
		{"empty slice is left out", listParams{Expand: []string{}}, url.Values{}},
		{"pointer", &listParams{Size: param.NewOpt[int64](5)}, url.Values{"page_size": {"5"}}},
		{"pointer to pointer", func() any { p := &listParams{Order: "asc"}; return &p }(), url.Values{"order": {"asc"}}},
		{"nil pointer", (*listParams)(nil), url.Values{}},
		{"no query fields", struct{ A string }{"x"}, url.Values{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Values(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestValuesEncode(t *testing.T) {
	t.Parallel()
	q, err := Values(listParams{Expand: []string{"b", "a"}, Name: param.NewOpt("x y")})
	require.NoError(t, err)
	assert.Equal(t, "expand=b&expand=a&name=x+y", q.Encode())
}

func TestValuesFloats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   float64
		want string
	}{{1, "1"}, {0.1, "0.1"}, {1e6, "1000000"}, {-2.5, "-2.5"}, {1e-7, "1e-7"}, {-1.5e-10, "-1.5e-10"}, {2e300, "2e+300"}, {1e21, "1e+21"}, {123456789.125, "123456789.125"}} {
		q, err := Values(struct {
			F param.Opt[float64] `query:"f"`
		}{param.NewOpt(tc.in)})
		require.NoError(t, err)
		assert.Equal(t, tc.want, q.Get("f"))
	}
}

func TestValuesErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"NaN", struct {
			F param.Opt[float64] `query:"weight"`
		}{param.NewOpt(math.NaN())}, `llamacloud: encode query: parameter "weight": unsupported value NaN`},
		{"Inf", struct {
			F param.Opt[float64] `query:"weight"`
		}{param.NewOpt(math.Inf(-1))}, `llamacloud: encode query: parameter "weight": unsupported value -Inf`},
		{"channel", struct {
			C chan int `query:"c"`
		}{make(chan int)}, `llamacloud: encode query: parameter "c" has unsupported type chan int`},
		// Types beta does not send are refused rather than encoded by a guess.
		{"plain NaN", struct {
			F float32 `query:"f"`
		}{float32(math.NaN())}, `llamacloud: encode query: parameter "f": unsupported value NaN`},
		{"time outside an Opt", struct {
			T time.Time `query:"t"`
		}{}, `llamacloud: encode query: parameter "t" has unsupported type time.Time`},
		{"opt of an enum", struct {
			O param.Opt[sortOrder] `query:"o"`
		}{}, `llamacloud: encode query: parameter "o" has unsupported type param.Opt[github.com/run-llama/llama-cloud-go/internal/apiquery.sortOrder]`},
		{"nested struct", struct {
			F struct{ A string } `query:"f"`
		}{}, `llamacloud: encode query: parameter "f" has unsupported type struct { A string }`},
		{"map", struct {
			M map[string]string `query:"m"`
		}{}, `llamacloud: encode query: parameter "m" has unsupported type map[string]string`},
		{"pointer", struct {
			P *string `query:"p"`
		}{}, `llamacloud: encode query: parameter "p" has unsupported type *string`},
		{"list of numbers", struct {
			L []int `query:"l"`
		}{}, `llamacloud: encode query: parameter "l" has unsupported type []int`},
		{"tag option", struct {
			R string `query:"r,required"`
		}{}, "llamacloud: encode query: field R has tag `query:\"r,required\"`; want a name and no options"},
		{"empty name", struct {
			R string `query:""`
		}{}, "llamacloud: encode query: field R has tag `query:\"\"`; want a name and no options"},
		{"negative", listParams{Size: param.NewOpt[int64](-2)}, `llamacloud: page_size must not be negative, got -2`},
		{"not a struct", "s", "llamacloud: encode query: params must be a struct, not string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Values(tc.in)
			assert.EqualError(t, err, tc.want)
		})
	}
}

// TestValuesPlainScalars covers the plain numbers and bools that params structs written for
// llamacloud.Client.Execute may hold: sent unless zero, as omitempty would.
func TestValuesPlainScalars(t *testing.T) {
	t.Parallel()
	type scalars struct {
		I   int64   `query:"i"`
		I8  int8    `query:"i8"`
		N   int     `query:"n"`
		F   float64 `query:"f"`
		F32 float32 `query:"f32"`
		B   bool    `query:"b"`
	}
	got, err := Values(scalars{I: -7, I8: 3, N: 12, F: 1e-7, F32: 0.1, B: true})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"i": {"-7"}, "i8": {"3"}, "n": {"12"}, "f": {"1e-7"}, "f32": {"0.1"}, "b": {"true"}}, got)
	got, err = Values(scalars{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{}, got)
}

func TestAppend(t *testing.T) {
	t.Parallel()
	q := url.Values{"expand": {"first"}, "other": {"kept"}}
	require.NoError(t, Append(q, listParams{Expand: []string{"second"}}))
	assert.Equal(t, url.Values{"expand": {"first", "second"}, "other": {"kept"}}, q)
}
