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

type pageParams struct {
	Token param.Opt[string] `query:"page_token" json:"-"`
	Size  param.Opt[int64]  `query:"page_size" json:"-"`
}

type listParams struct {
	pageParams
	ProjectID string               `query:"project_id" json:"-"`
	Name      param.Opt[string]    `query:"name" json:"-"`
	Limit     param.Opt[int64]     `query:"limit" json:"-"`
	Ratio     param.Opt[float64]   `query:"ratio" json:"-"`
	Deleted   param.Opt[bool]      `query:"deleted" json:"-"`
	Since     param.Opt[time.Time] `query:"since" json:"-"`
	Order     sortOrder            `query:"order" json:"-"`
	Expand    []string             `query:"expand" json:"-"`
	Pages     []int                `query:"page" json:"-"`
	Offset    int                  `query:"offset,required" json:"-"`
	Verbose   bool                 `query:"verbose" json:"-"`
	Until     time.Time            `query:"until" json:"-"`
	Score     float64              `query:"score" json:"-"`
	Filter    *filterParams        `query:"filter" json:"-"`
	Labels    map[string]string    `query:"label" json:"-"`
	Body      string               `json:"body"` // not a query parameter
	Skip      string               `query:"-"`
}

type filterParams struct {
	Status sortOrder        `query:"status"`
	Min    param.Opt[int64] `query:"min"`
}

func TestValues(t *testing.T) {
	t.Parallel()
	since := time.Date(2024, 1, 2, 4, 4, 5, 6789e5, time.FixedZone("CET", 3600))
	for _, tc := range []struct {
		name string
		in   any
		want url.Values
	}{
		{"zero value sends only required", listParams{}, url.Values{"offset": {"0"}}},
		{"omitted and null opts are left out", listParams{
			Name: param.Null[string](), Limit: param.Null[int64](), Deleted: param.Null[bool](),
		}, url.Values{"offset": {"0"}}},
		{"set opts are sent even when zero", listParams{
			Name: param.NewOpt(""), Limit: param.NewOpt[int64](0), Ratio: param.NewOpt(0.0),
			Deleted: param.NewOpt(false),
		}, url.Values{"name": {""}, "limit": {"0"}, "ratio": {"0"}, "deleted": {"false"}, "offset": {"0"}}},
		{"values", listParams{
			pageParams: pageParams{Token: param.NewOpt("t1"), Size: param.NewOpt[int64](50)},
			ProjectID:  "p1", Name: param.NewOpt("a b&c"), Limit: param.NewOpt[int64](-3),
			Ratio: param.NewOpt(0.25), Deleted: param.NewOpt(true), Since: param.NewOpt(since),
			Order: "desc", Expand: []string{"a", "", "b"}, Pages: []int{1, 2}, Offset: 10, Verbose: true,
			Until: since, Score: 1e21, Body: "ignored", Skip: "ignored",
			Filter: &filterParams{Status: "ok", Min: param.NewOpt[int64](1)},
			Labels: map[string]string{"team": "ml", "env": "prod"},
		}, url.Values{
			"page_token": {"t1"}, "page_size": {"50"},
			"project_id": {"p1"}, "name": {"a b&c"}, "limit": {"-3"}, "ratio": {"0.25"}, "deleted": {"true"},
			"since": {"2024-01-02T03:04:05.678Z"}, "order": {"desc"}, "expand": {"a", "", "b"},
			"page": {"1", "2"}, "offset": {"10"}, "verbose": {"true"}, "until": {"2024-01-02T03:04:05.678Z"},
			"score": {"1e+21"}, "filter[status]": {"ok"}, "filter[min]": {"1"},
			"label[env]": {"prod"}, "label[team]": {"ml"},
		}},
		{"empty slice is left out", listParams{Expand: []string{}}, url.Values{"offset": {"0"}}},
		{"pointer", &pageParams{Size: param.NewOpt[int64](5)}, url.Values{"page_size": {"5"}}},
		{"nil pointer", (*pageParams)(nil), url.Values{}},
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
	assert.Equal(t, "expand=b&expand=a&name=x+y&offset=0", q.Encode())
}

func TestValuesFloats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   float64
		want string
	}{{1, "1"}, {0.1, "0.1"}, {1e6, "1000000"}, {-2.5, "-2.5"}, {1e-7, "1e-7"}, {-1.5e-10, "-1.5e-10"}, {2e300, "2e+300"}, {123456789.125, "123456789.125"}} {
		q, err := Values(struct {
			F param.Opt[float64] `query:"f"`
		}{param.NewOpt(tc.in)})
		require.NoError(t, err)
		assert.Equal(t, tc.want, q.Get("f"))
	}
}

func TestValuesErrors(t *testing.T) {
	t.Parallel()
	_, err := Values(struct {
		F param.Opt[float64] `query:"weight"`
	}{param.NewOpt(math.NaN())})
	assert.EqualError(t, err, `llamacloud: encode query: parameter "weight": unsupported value NaN`)

	_, err = Values(struct {
		C chan int `query:"c"`
	}{make(chan int)})
	assert.EqualError(t, err, `llamacloud: encode query: parameter "c" has unsupported type chan int`)

	_, err = Values("not a struct")
	assert.EqualError(t, err, "llamacloud: encode query: params must be a struct, not string")
}

func TestAppend(t *testing.T) {
	t.Parallel()
	q := url.Values{"expand": {"first"}, "other": {"kept"}}
	require.NoError(t, Append(q, listParams{Expand: []string{"second"}}))
	assert.Equal(t, url.Values{"expand": {"first", "second"}, "other": {"kept"}, "offset": {"0"}}, q)
}

type level int

func (l level) MarshalText() ([]byte, error) { return []byte([]string{"low", "high"}[l]), nil }

func TestValuesOtherKinds(t *testing.T) {
	t.Parallel()
	q, err := Values(struct {
		Any     any       `query:"any"`
		NilAny  any       `query:"nil_any"`
		AnyList any       `query:"any_list"`
		U       uint16    `query:"u"`
		F32     float32   `query:"f32"`
		Level   level     `query:"level"`
		Flag    bool      `query:"flag,required"`
		When    time.Time `query:"when,required"`
		Ptr     *string   `query:"ptr"`
		ReqPtr  *int      `query:"req_ptr,required"`
	}{Any: 2.5, AnyList: []string{"x", "y"}, U: 7, F32: 0.1, Level: 1, ReqPtr: new(int)})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"any": {"2.5"}, "any_list": {"x", "y"}, "u": {"7"}, "f32": {"0.1"}, "level": {"high"},
		"flag": {"false"}, "when": {"0001-01-01T00:00:00.000Z"}, "req_ptr": {"0"},
	}, q)
}
