package apijson

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

type place struct {
	City    string  `json:"city"`
	Country *string `json:"country"`
	JSON    struct {
		City        respjson.Field
		Country     respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

func (p place) RawJSON() string { return p.JSON.raw }

type person struct {
	Name     string            `json:"name"`
	Age      int64             `json:"age"`
	Score    float64           `json:"score"`
	Active   bool              `json:"active"`
	Born     time.Time         `json:"born"`
	Home     place             `json:"home"`
	Visited  []place           `json:"visited"`
	Tags     []string          `json:"tags"`
	Metadata map[string]any    `json:"metadata"`
	Labels   map[string]string `json:"labels"`
	Result   any               `json:"result"`
	Status   jobStatus         `json:"status"`
	NoMeta   string            `json:"no_meta"` // no metadata entry
	Skipped  string            `json:"-"`
	JSON     struct {
		Name        respjson.Field
		Age         respjson.Field
		Score       respjson.Field
		Active      respjson.Field
		Born        respjson.Field
		Home        respjson.Field
		Visited     respjson.Field
		Tags        respjson.Field
		Metadata    respjson.Field
		Labels      respjson.Field
		Result      respjson.Field
		Status      respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

func (p person) RawJSON() string { return p.JSON.raw }

func TestUnmarshalMetadata(t *testing.T) {
	t.Parallel()
	doc := `{"name":"Ada","age":"old","score":null,"active":true,"born":"2019-12-27T18:11:19.117Z",
		"home":{"city":"London","country":null,"zip":"N1"},
		"visited":[{"city":"Paris"},{"city":7,"country":"FR"}],
		"metadata":{"k":1},"labels":{"a":1},"result":{"x":[1]},"status":"done","no_meta":"nm",
		"new_field":{"n":1},"new_null":null,"Skipped":"s"}`
	p, err := decodeAs[person](doc)
	require.NoError(t, err)

	assert.Equal(t, "Ada", p.Name)
	assert.True(t, p.JSON.Name.Valid())
	assert.Equal(t, `"Ada"`, p.JSON.Name.Raw())

	assert.Zero(t, p.Age, "wrong type keeps the zero value")
	assert.True(t, p.JSON.Age.IsInvalid())
	assert.Equal(t, `"old"`, p.JSON.Age.Raw())

	assert.True(t, p.JSON.Score.IsNull())
	assert.False(t, p.JSON.Score.Valid())
	assert.Equal(t, "null", p.JSON.Score.Raw())

	assert.True(t, p.Active)
	assert.Equal(t, time.Date(2019, 12, 27, 18, 11, 19, 117e6, time.UTC), p.Born)
	assert.True(t, p.JSON.Born.Valid())

	assert.Equal(t, "London", p.Home.City)
	assert.Nil(t, p.Home.Country)
	assert.True(t, p.Home.JSON.Country.IsNull())
	assert.Equal(t, `{"city":"London","country":null,"zip":"N1"}`, p.Home.RawJSON())
	assert.Equal(t, p.Home.RawJSON(), p.JSON.Home.Raw())
	assert.Equal(t, `"N1"`, p.Home.JSON.ExtraFields["zip"].Raw())

	require.Len(t, p.Visited, 2)
	assert.Equal(t, "Paris", p.Visited[0].City)
	assert.False(t, p.Visited[0].JSON.Country.IsPresent(), "absent")
	assert.Nil(t, p.Visited[0].JSON.ExtraFields, "no map without unknown keys")
	assert.Empty(t, p.Visited[1].City)
	assert.True(t, p.Visited[1].JSON.City.IsInvalid())
	assert.Equal(t, "7", p.Visited[1].JSON.City.Raw())
	require.NotNil(t, p.Visited[1].Country)
	assert.Equal(t, "FR", *p.Visited[1].Country)
	assert.True(t, p.JSON.Visited.Valid(), "a slice of structs with invalid fields is valid")

	assert.False(t, p.JSON.Tags.IsPresent())
	assert.Nil(t, p.Tags)
	assert.Equal(t, map[string]any{"k": 1.0}, p.Metadata)
	assert.Nil(t, p.Labels, "a map with a misfit value is left nil")
	assert.True(t, p.JSON.Labels.IsInvalid())
	assert.Equal(t, map[string]any{"x": []any{1.0}}, p.Result)
	assert.Equal(t, jobStatus("done"), p.Status)
	assert.Equal(t, "nm", p.NoMeta)
	assert.Empty(t, p.Skipped, `json:"-" fields are not decoded`)

	assert.Equal(t, `{"n":1}`, p.JSON.ExtraFields["new_field"].Raw())
	assert.True(t, p.JSON.ExtraFields["new_field"].Valid())
	assert.True(t, p.JSON.ExtraFields["new_null"].IsNull())
	assert.Equal(t, `"s"`, p.JSON.ExtraFields["Skipped"].Raw())
	assert.Len(t, p.JSON.ExtraFields, 3)
	assert.Equal(t, doc, p.RawJSON())
}

func TestUnmarshalMisfits(t *testing.T) {
	t.Parallel()
	type target struct {
		I    int64          `json:"i"`
		U    uint8          `json:"u"`
		F    float64        `json:"f"`
		F32  float32        `json:"f32"`
		S    string         `json:"s"`
		B    bool           `json:"b"`
		T    time.Time      `json:"t"`
		L    []int          `json:"l"`
		M    map[string]any `json:"m"`
		P    place          `json:"p"`
		Ptr  *int           `json:"ptr"`
		Raw  []byte         `json:"raw"`
		Ch   chan int       `json:"ch"`
		End  string         `json:"end"`
		JSON struct {
			I, U, F, F32, S, B, T, L, M, P, Ptr, Raw, Ch, End respjson.Field
		} `json:"-"`
	}
	for _, tc := range []struct {
		name, field, value string
		invalid            func(*target) respjson.Field
	}{
		{"string for int", "i", `"1"`, func(v *target) respjson.Field { return v.JSON.I }},
		{"fraction for int", "i", `1.5`, func(v *target) respjson.Field { return v.JSON.I }},
		{"too big for int64", "i", `9223372036854775808`, func(v *target) respjson.Field { return v.JSON.I }},
		{"huge exponent for int", "i", `1e400`, func(v *target) respjson.Field { return v.JSON.I }},
		{"too big for uint8", "u", `256`, func(v *target) respjson.Field { return v.JSON.U }},
		{"negative for uint", "u", `-1`, func(v *target) respjson.Field { return v.JSON.U }},
		{"out of range float", "f", `1e400`, func(v *target) respjson.Field { return v.JSON.F }},
		{"out of range float32", "f32", `1e39`, func(v *target) respjson.Field { return v.JSON.F32 }},
		{"object for float", "f", `{"a":[1]}`, func(v *target) respjson.Field { return v.JSON.F }},
		{"object for string", "s", `{}`, func(v *target) respjson.Field { return v.JSON.S }},
		{"number for string", "s", `12`, func(v *target) respjson.Field { return v.JSON.S }},
		{"string for bool", "b", `"true"`, func(v *target) respjson.Field { return v.JSON.B }},
		{"bad time", "t", `"yesterday"`, func(v *target) respjson.Field { return v.JSON.T }},
		{"impossible date", "t", `"2023-02-29T00:00:00Z"`, func(v *target) respjson.Field { return v.JSON.T }},
		{"number for time", "t", `1700000000`, func(v *target) respjson.Field { return v.JSON.T }},
		{"object for slice", "l", `{"a":1}`, func(v *target) respjson.Field { return v.JSON.L }},
		{"bad element", "l", `[1,"two",3]`, func(v *target) respjson.Field { return v.JSON.L }},
		{"array for map", "m", `[1]`, func(v *target) respjson.Field { return v.JSON.M }},
		{"number in any out of range", "m", `{"a":1e999}`, func(v *target) respjson.Field { return v.JSON.M }},
		{"string for struct", "p", `"paris"`, func(v *target) respjson.Field { return v.JSON.P }},
		{"string for pointer", "ptr", `"1"`, func(v *target) respjson.Field { return v.JSON.Ptr }},
		{"bad base64", "raw", `"!!"`, func(v *target) respjson.Field { return v.JSON.Raw }},
		{"unsupported type", "ch", `[1]`, func(v *target) respjson.Field { return v.JSON.Ch }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := `{"` + tc.field + `":` + tc.value + `,"end":"reached"}`
			v, err := decodeAs[target](doc)
			require.NoError(t, err, "a misfit is not an error")
			f := tc.invalid(&v)
			assert.True(t, f.IsInvalid())
			assert.Equal(t, tc.value, f.Raw())
			assert.Equal(t, "reached", v.End, "decoding continues")
			assert.True(t, v.JSON.End.Valid())
			var zero target
			zero.End = "reached"
			zero.JSON = v.JSON
			assert.Equal(t, zero, v, "the misfit field keeps its zero value")
		})
	}
}

type page[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
	TotalSize     int64  `json:"total_size"`
	JSON          struct {
		Items         respjson.Field
		NextPageToken respjson.Field
		TotalSize     respjson.Field
		ExtraFields   map[string]respjson.Field
		raw           string
	} `json:"-"`
}

func TestUnmarshalGeneric(t *testing.T) {
	t.Parallel()
	p, err := decodeAs[page[place]](`{"items":[{"city":"Oslo"},{"city":"Rome"}],"next_page_token":"t2","total_size":"many"}`)
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "Rome", p.Items[1].City)
	assert.Equal(t, `{"city":"Rome"}`, p.Items[1].RawJSON())
	assert.Equal(t, "t2", p.NextPageToken)
	assert.True(t, p.JSON.TotalSize.IsInvalid())

	ids, err := decodeAs[page[string]](`{"items":["a","b"],"total_size":2}`)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, ids.Items)
	assert.Equal(t, int64(2), ids.TotalSize)
}

type treeNode struct {
	Name     string               `json:"name"`
	Children []treeNode           `json:"children"`
	Parent   *treeNode            `json:"parent"`
	Index    map[string]*treeNode `json:"index"`
	JSON     struct {
		Name     respjson.Field
		Children respjson.Field
		raw      string
	} `json:"-"`
}

func TestUnmarshalRecursive(t *testing.T) {
	t.Parallel()
	n, err := decodeAs[treeNode](`{"name":"root","children":[{"name":"a","children":[{"name":"a1"}]},{"name":"b"}],
		"parent":{"name":"up"},"index":{"x":{"name":"ix"},"y":null}}`)
	require.NoError(t, err)
	require.Len(t, n.Children, 2)
	require.Len(t, n.Children[0].Children, 1)
	assert.Equal(t, "a1", n.Children[0].Children[0].Name)
	assert.Equal(t, `{"name":"a1"}`, n.Children[0].Children[0].JSON.raw)
	require.NotNil(t, n.Parent)
	assert.Equal(t, "up", n.Parent.Name)
	assert.Equal(t, "ix", n.Index["x"].Name)
	assert.Contains(t, n.Index, "y")
	assert.Nil(t, n.Index["y"])
}

// hooked counts UnmarshalAPIJSON calls and panics if UnmarshalJSON is called.

type hooked struct {
	Raw   string
	Calls int
}

func (h *hooked) UnmarshalAPIJSON(raw string) error {
	h.Raw = raw
	h.Calls++
	if raw == `"fail"` {
		return errors.New("hook refused")
	}
	return nil
}

func (h *hooked) UnmarshalJSON([]byte) error { panic("the decoder must not call UnmarshalJSON") }

func TestUnmarshalHook(t *testing.T) {
	t.Parallel()
	type holder struct {
		A    hooked   `json:"a"`
		B    *hooked  `json:"b"`
		C    []hooked `json:"c"`
		D    hooked   `json:"d"`
		E    hooked   `json:"e"`
		JSON struct {
			A, B, C, D, E respjson.Field
		} `json:"-"`
	}
	doc := `{"a":{"type":"text", "v":[1]},"b":"x","c":[1,{"k":2}],"d":null,"e":"fail"}`
	v, err := decodeAs[holder](doc)
	require.NoError(t, err)
	assert.Equal(t, hooked{Raw: `{"type":"text", "v":[1]}`, Calls: 1}, v.A)
	assert.True(t, v.JSON.A.Valid())
	require.NotNil(t, v.B)
	assert.Equal(t, `"x"`, v.B.Raw)
	require.Len(t, v.C, 2)
	assert.Equal(t, `{"k":2}`, v.C[1].Raw)
	assert.Zero(t, v.D.Calls, "not called for null")
	assert.True(t, v.JSON.D.IsNull())
	assert.True(t, v.JSON.E.IsInvalid(), "a hook error marks the value invalid")

	var top hooked
	err = UnmarshalString(` "fail" `, &top)
	assert.EqualError(t, err, "llamacloud: decode json: value does not fit Go type apijson.hooked at offset 1: hook refused")
}

func TestUnmarshalEmbedded(t *testing.T) {
	t.Parallel()
	type Base struct {
		ID string `json:"id"`
	}
	type derived struct {
		Base
		Name string `json:"name"`
	}
	v, err := decodeAs[derived](`{"id":"x","name":"n"}`)
	require.NoError(t, err)
	assert.Equal(t, "x", v.ID)
	assert.Equal(t, "n", v.Name)
}

func TestUnmarshalManyFields(t *testing.T) {
	t.Parallel()
	// More fields than linearLookupMax, in shuffled order: lookup goes through the map.
	type wide struct {
		A, B, C, D, E, F, G, H, I, J, K string
	}
	v, err := decodeAs[wide](`{"K":"k","B":"b","J":"j","A":"a","Z":"z","E":"e","F":"f","C":"c","D":"d","G":"g","H":"h","I":"i"}`)
	require.NoError(t, err)
	assert.Equal(t, wide{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}, v)
}
