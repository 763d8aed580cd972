package apijson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/param"
)

type filterOp string

type rerankParams struct {
	Enabled param.Opt[bool]  `json:"enabled"`
	TopN    param.Opt[int64] `json:"top_n"`
}

type searchParams struct {
	IndexID   string               `json:"index_id"`
	Query     param.Opt[string]    `json:"query"`
	TopK      param.Opt[int64]     `json:"top_k"`
	Weight    param.Opt[float64]   `json:"weight"`
	Exact     param.Opt[bool]      `json:"exact"`
	Since     param.Opt[time.Time] `json:"since"`
	Op        param.Opt[filterOp]  `json:"op"`
	Rerank    rerankParams         `json:"rerank,omitzero"`
	RerankPtr *rerankParams        `json:"rerank_ptr,omitzero"`
	Tags      []string             `json:"tags,omitzero"`
	IDs       []string             `json:"ids"`
	Filters   map[string]any       `json:"filters,omitzero"`
	Extra     map[string]string    `json:"extra"`
	Created   time.Time            `json:"created,omitzero"`
	Count     int                  `json:"count,omitzero"`
	Name      string               `json:"name,omitempty"`
	ProjectID param.Opt[string]    `json:"-" query:"project_id"`
	Untagged  bool
	private   string
}

func TestMarshalFieldRules(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 1, 2, 3, 4, 5, 6789e5, time.FixedZone("x", 3600))
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"zero params", searchParams{},
			`{"index_id":"","ids":[],"extra":{},"Untagged":false}`},
		{"set opts including zero values", searchParams{
			IndexID: "idx", Query: param.NewOpt(""), TopK: param.NewOpt[int64](0), Weight: param.NewOpt(0.0),
			Exact: param.NewOpt(false), Since: param.NewOpt(at), Op: param.NewOpt[filterOp]("eq"),
		}, `{"index_id":"idx","query":"","top_k":0,"weight":0,"exact":false,"since":"2024-01-02T02:04:05.678Z","op":"eq","ids":[],"extra":{},"Untagged":false}`},
		{"null opts", searchParams{
			Query: param.Null[string](), TopK: param.Null[int64](), Weight: param.Null[float64](),
			Exact: param.Null[bool](), Since: param.Null[time.Time](), Op: param.Null[filterOp](),
		}, `{"index_id":"","query":null,"top_k":null,"weight":null,"exact":null,"since":null,"op":null,"ids":[],"extra":{},"Untagged":false}`},
		{"nested and collections", searchParams{
			Rerank:    rerankParams{TopN: param.NewOpt[int64](3)},
			RerankPtr: &rerankParams{},
			Tags:      []string{}, IDs: []string{"a", "b"},
			Filters: map[string]any{"z": 1.5, "a": []any{"x", nil, true}, "m": map[string]any{"op": "eq"}},
			Extra:   map[string]string{"b": "2", "a": "1"},
			Created: at, Count: 7, Name: "n", Untagged: true, private: "secret",
		}, `{"index_id":"","rerank":{"top_n":3},"rerank_ptr":{},"tags":[],"ids":["a","b"],` +
			`"filters":{"a":["x",null,true],"m":{"op":"eq"},"z":1.5},"extra":{"a":"1","b":"2"},` +
			`"created":"2024-01-02T02:04:05.678Z","count":7,"name":"n","Untagged":true}`},
		{"pointer to params", &rerankParams{Enabled: param.NewOpt(true)}, `{"enabled":true}`},
		{"nil pointer", (*rerankParams)(nil), `null`},
		{"nil", nil, `null`},
		{"map value", map[string]int{"b": 2, "a": 1}, `{"a":1,"b":2}`},
		{"slice value", []float64{1, 0.5, 1e21, 1e-7}, `[1,0.5,1e+21,1e-7]`},
		{"bytes", []byte("hi"), `"aGk="`},
		{"opt outside a struct", param.Opt[string]{}, `null`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Marshal(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
			assert.True(t, json.Valid(got))
		})
	}
}

// eqFilter implements json.Marshaler like a request union.
type eqFilter struct {
	OfString *string
	OfFloat  *float64
}

func (f eqFilter) MarshalJSON() ([]byte, error) {
	switch {
	case f.OfString != nil:
		return []byte(` { "eq" : ` + `"` + *f.OfString + `" } `), nil
	case f.OfFloat != nil:
		return json.Marshal(map[string]float64{"eq": *f.OfFloat})
	}
	return nil, errors.New("no variant set")
}

type badJSON struct{}

func (*badJSON) MarshalJSON() ([]byte, error) { return []byte(`{"a":`), nil }

func TestMarshalMarshaler(t *testing.T) {
	t.Parallel()
	type params struct {
		Filter  eqFilter            `json:"filter"`
		Filters []eqFilter          `json:"filters"`
		ByKey   map[string]eqFilter `json:"by_key"`
		Raw     json.RawMessage     `json:"raw"`
		Number  json.Number         `json:"number"`
	}
	s, f := "a<b", 2.5
	got, err := Marshal(params{
		Filter: eqFilter{OfString: &s}, Filters: []eqFilter{{OfFloat: &f}},
		ByKey: map[string]eqFilter{"k": {OfFloat: &f}}, Raw: json.RawMessage(`[1, 2]`), Number: "12.5",
	})
	require.NoError(t, err)
	assert.Equal(t, `{"filter":{"eq":"a<b"},"filters":[{"eq":2.5}],"by_key":{"k":{"eq":2.5}},"raw":[1,2],"number":12.5}`, string(got))

	_, err = Marshal(params{Filter: eqFilter{OfString: &s}, Filters: []eqFilter{{}}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `llamacloud: encode json: field "filters[0]": MarshalJSON of apijson.eqFilter: no variant set`)

	_, err = Marshal(struct {
		B badJSON `json:"b"`
	}{})
	assert.ErrorContains(t, err, `field "b": MarshalJSON of apijson.badJSON returned invalid JSON`)

	_, err = Marshal(params{Filter: eqFilter{OfString: &s}, Number: "1x"})
	assert.ErrorContains(t, err, `field "number": invalid number literal "1x"`)
}

func TestMarshalErrors(t *testing.T) {
	t.Parallel()
	type inner struct {
		Score float64 `json:"score"`
	}
	type outer struct {
		Rerank inner              `json:"rerank"`
		Items  []inner            `json:"items"`
		W      param.Opt[float64] `json:"w"`
		Meta   map[string]any     `json:"meta"`
		When   time.Time          `json:"when"`
		Ch     chan int           `json:"ch,omitzero"`
	}
	for _, tc := range []struct {
		name string
		in   outer
		want string
	}{
		{"nested NaN", outer{Rerank: inner{Score: math.NaN()}}, `llamacloud: encode json: field "rerank.score": unsupported value NaN`},
		{"element Inf", outer{Items: []inner{{}, {Score: math.Inf(1)}}}, `llamacloud: encode json: field "items[1].score": unsupported value +Inf`},
		{"opt -Inf", outer{W: param.NewOpt(math.Inf(-1))}, `llamacloud: encode json: field "w": unsupported value -Inf`},
		{"map NaN", outer{Meta: map[string]any{"k": math.NaN()}}, `llamacloud: encode json: field "meta.k": unsupported value NaN`},
		{"year", outer{When: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, `llamacloud: encode json: field "when": time "10000-01-01T00:00:00Z" has a year outside 0-9999`},
		{"unsupported", outer{Ch: make(chan int)}, `llamacloud: encode json: field "ch": unsupported type chan int`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Marshal(tc.in)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestMarshalStringsMatchEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "ctrl \x00\x01\x1f \b\f\n\r\t", "é中😀", "bad \xff\xfe utf8",
		"\u2028 and \u2029", "<html> & 'quotes'", strings.Repeat("long string ", 20),
	} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		got, err := Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, strings.TrimSuffix(buf.String(), "\n"), string(got))
	}
}

func TestMarshalNumbersMatchEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e20, 1e21, 123456789.125,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-9, -3.5e-10} {
		want, err := json.Marshal(f)
		require.NoError(t, err)
		got, err := Marshal(f)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "float64 %v", f)

		want32, err := json.Marshal(float32(f))
		if err == nil {
			got32, err := Marshal(float32(f))
			require.NoError(t, err)
			assert.Equal(t, string(want32), string(got32), "float32 %v", f)
		}
	}
	for _, v := range []any{int8(-128), int16(300), int32(-7), int64(math.MaxInt64), uint(3), uint8(255), uint64(math.MaxUint64), true, false} {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		got, err := Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	t.Parallel()
	in := benchParams{
		IndexID: "idx", Query: "what's new?\n", FullTextPipelineWeight: param.NewOpt(0.25),
		Rerank:        benchRerank{Enabled: param.NewOpt(false)},
		CustomFilters: map[string]any{"year": map[string]any{"operator": "gte", "value": 2020.0}},
		FileIDs:       []string{"f1"}, TopK: param.Null[int64](), OrganizationID: param.NewOpt("org"),
	}
	data, err := Marshal(in)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, map[string]any{
		"index_id": "idx", "query": "what's new?\n", "full_text_pipeline_weight": 0.25,
		"rerank":         map[string]any{"enabled": false},
		"custom_filters": map[string]any{"year": map[string]any{"operator": "gte", "value": 2020.0}},
		"file_ids":       []any{"f1"}, "top_k": nil,
	}, got)
}

func TestAppendMarshal(t *testing.T) {
	t.Parallel()
	dst := []byte("prefix:")
	got, err := AppendMarshal(dst, rerankParams{TopN: param.NewOpt[int64](2)})
	require.NoError(t, err)
	assert.Equal(t, `prefix:{"top_n":2}`, string(got))
}

func TestMarshalAnyValues(t *testing.T) {
	t.Parallel()
	type holder struct {
		V any `json:"v"`
	}
	n := 5
	for _, tc := range []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{"s", `"s"`},
		{int64(3), `3`},
		{&n, `5`},
		{[]string{"a"}, `["a"]`},
		{map[string]int{"a": 1}, `{"a":1}`},
		{rerankParams{TopN: param.NewOpt[int64](1)}, `{"top_n":1}`},
		{&rerankParams{}, `{}`},
		{json.RawMessage(`{"x": 1}`), `{"x":1}`},
	} {
		got, err := Marshal(holder{V: tc.in})
		require.NoError(t, err)
		assert.Equal(t, `{"v":`+tc.want+`}`, string(got), "%T", tc.in)
	}
}

type upperText string

func (u upperText) MarshalText() ([]byte, error) {
	if u == "" {
		return nil, errors.New("empty")
	}
	return []byte(strings.ToUpper(string(u))), nil
}

type stringer interface{ String() string }

type named struct{ N string }

func (n named) String() string { return n.N }

func TestMarshalOtherKinds(t *testing.T) {
	t.Parallel()
	type params struct {
		Text     upperText      `json:"text"`
		Iface    stringer       `json:"iface"`
		NilIface stringer       `json:"nil_iface"`
		Arr      [2]int         `json:"arr"`
		EmptyS   []string       `json:"empty_s,omitempty"`
		EmptyM   map[string]int `json:"empty_m,omitempty"`
		ZeroN    int            `json:"zero_n,omitempty"`
		Struct   named          `json:"struct,omitempty"`
		Ptr      *int           `json:"ptr,omitempty"`
		F32      float32        `json:"f32,omitzero"`
	}
	got, err := Marshal(params{Text: "a<b", Iface: named{"x"}, Arr: [2]int{1, 2}, EmptyS: []string{}, EmptyM: map[string]int{}})
	require.NoError(t, err)
	assert.Equal(t, `{"text":"A<B","iface":{"N":"x"},"nil_iface":null,"arr":[1,2],"struct":{"N":""}}`, string(got))

	_, err = Marshal(params{})
	assert.EqualError(t, err, `llamacloud: encode json: field "text": MarshalText of apijson.upperText: empty`)

	_, err = Marshal(eqFilter{})
	var enc *encodeError
	require.ErrorAs(t, err, &enc)
	assert.EqualError(t, errors.Unwrap(err), "no variant set", "the MarshalJSON error is wrapped")
}

func TestAppendCompact(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`{"a": 1, "b" : [ true, null ]}`:   `{"a":1,"b":[true,null]}`,
		"\n {\"s\": \"a b\\t\\\" c\"}\r\n": `{"s":"a b\t\" c"}`,
		`"x"`:                              `"x"`,
		`{"k":"\\"}`:                       `{"k":"\\"}`,
	} {
		got, err := appendCompact([]byte("pre:"), []byte(in))
		require.NoError(t, err, in)
		assert.Equal(t, "pre:"+want, string(got), in)
		var buf bytes.Buffer
		require.NoError(t, json.Compact(&buf, []byte(in)))
		assert.Equal(t, buf.String(), want, "same as json.Compact")
	}
	for _, in := range []string{``, `   `, `{"a":}`, `{"a":1} x`, `[1,]`, `"unterminated`} {
		_, err := appendCompact(nil, []byte(in))
		assert.Error(t, err, in)
	}
}

type optHolder struct {
	S  param.Opt[string]    `json:"s"`
	Op param.Opt[filterOp]  `json:"op"`
	At param.Opt[time.Time] `json:"at"`
	N  param.Opt[int64]     `json:"n" param:"nonneg"`
	T  time.Time            `json:"t,omitzero"`
}

// TestMarshalUnaddressable encodes params the encoder cannot take the address of in place
// (passed by value, held in an interface, map values): they encode as through a pointer,
// and the checks of their fields still run.
func TestMarshalUnaddressable(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	h := optHolder{S: param.NewOpt("x"), Op: param.NewOpt[filterOp]("in"), At: param.NewOpt(at), N: param.Null[int64](), T: at}
	const want = `{"s":"x","op":"in","at":"2024-05-06T07:08:09.000Z","n":null,"t":"2024-05-06T07:08:09.000Z"}`
	type anyHolder struct {
		V any `json:"v"`
	}
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"by value", h, want},
		{"through a pointer", &h, want},
		{"in an interface field", anyHolder{V: h}, `{"v":` + want + `}`},
		{"map value", map[string]optHolder{"b": h, "a": {}}, `{"a":{},"b":` + want + `}`},
		{"free-form map value", map[string]any{"k": h}, `{"k":` + want + `}`},
		{"list element", []any{h, &h}, `[` + want + `,` + want + `]`},
		{"array element", [1]optHolder{h}, `[` + want + `]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Marshal(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
	bad := optHolder{N: param.NewOpt[int64](-4)}
	for name, in := range map[string]any{
		"by value": bad, "map value": map[string]optHolder{"k": bad}, "in an interface": anyHolder{V: bad},
	} {
		_, err := Marshal(in)
		assert.ErrorContains(t, err, "n must not be negative, got -4", name)
	}
}

// TestMarshalDynamicTypes encodes one interface field holding values of many types in turn,
// more than a plan memo keeps, each encoded by its own type.
func TestMarshalDynamicTypes(t *testing.T) {
	t.Parallel()
	type holder struct {
		V fmt.Stringer `json:"v"`
	}
	values := []fmt.Stringer{
		named{"a"}, &named{"b"}, param.NewOpt("c"), param.NewOpt[int64](4), param.Null[bool](), time.Duration(5),
		stringerInt(6), stringerList{"g"}, stringerMap{"h": 8}, &named{"i"}, named{"j"}, nil,
	}
	want := []string{
		`{"N":"a"}`, `{"N":"b"}`, `"c"`, `4`, `null`, `5`, `6`, `["g"]`, `{"h":8}`, `{"N":"i"}`, `{"N":"j"}`, `null`,
	}
	for round := range 2 {
		for i, v := range values {
			got, err := Marshal(holder{V: v})
			require.NoError(t, err)
			assert.Equal(t, `{"v":`+want[i]+`}`, string(got), "round %d, %T", round, v)
		}
	}
}

type stringerInt int

func (stringerInt) String() string { return "int" }

type stringerList []string

func (stringerList) String() string { return "list" }

type stringerMap map[string]int

func (stringerMap) String() string { return "map" }
