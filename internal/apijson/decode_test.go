package apijson

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// decodeAs decodes doc into a new T and returns it with the error.
func decodeAs[T any](doc string) (T, error) {
	var v T
	err := UnmarshalString(doc, &v)
	return v, err
}

type jobStatus string

func TestUnmarshalScalars(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, got any, err error, want any) {
		t.Helper()
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	t.Run("string", func(t *testing.T) { v, err := decodeAs[string](`"héllo"`); check(t, v, err, "héllo") })
	t.Run("named string", func(t *testing.T) { v, err := decodeAs[jobStatus](`"done"`); check(t, v, err, jobStatus("done")) })
	t.Run("true", func(t *testing.T) { v, err := decodeAs[bool](` true `); check(t, v, err, true) })
	t.Run("false", func(t *testing.T) { v, err := decodeAs[bool](`false`); check(t, v, err, false) })
	t.Run("int", func(t *testing.T) { v, err := decodeAs[int](`-42`); check(t, v, err, -42) })
	t.Run("int8", func(t *testing.T) { v, err := decodeAs[int8](`-128`); check(t, v, err, int8(-128)) })
	t.Run("int16", func(t *testing.T) { v, err := decodeAs[int16](`32767`); check(t, v, err, int16(32767)) })
	t.Run("int32", func(t *testing.T) { v, err := decodeAs[int32](`-2147483648`); check(t, v, err, int32(math.MinInt32)) })
	t.Run("int64 max", func(t *testing.T) {
		v, err := decodeAs[int64](`9223372036854775807`)
		check(t, v, err, int64(math.MaxInt64))
	})
	t.Run("int64 min", func(t *testing.T) {
		v, err := decodeAs[int64](`-9223372036854775808`)
		check(t, v, err, int64(math.MinInt64))
	})
	t.Run("uint", func(t *testing.T) { v, err := decodeAs[uint](`7`); check(t, v, err, uint(7)) })
	t.Run("uint8", func(t *testing.T) { v, err := decodeAs[uint8](`255`); check(t, v, err, uint8(255)) })
	t.Run("uint16", func(t *testing.T) { v, err := decodeAs[uint16](`65535`); check(t, v, err, uint16(65535)) })
	t.Run("uint32", func(t *testing.T) { v, err := decodeAs[uint32](`4294967295`); check(t, v, err, uint32(math.MaxUint32)) })
	t.Run("uint64 max", func(t *testing.T) {
		v, err := decodeAs[uint64](`18446744073709551615`)
		check(t, v, err, uint64(math.MaxUint64))
	})
	t.Run("integral float form", func(t *testing.T) { v, err := decodeAs[int64](`1.0`); check(t, v, err, int64(1)) })
	t.Run("integral exponent", func(t *testing.T) { v, err := decodeAs[int64](`1e3`); check(t, v, err, int64(1000)) })
	t.Run("integral mixed", func(t *testing.T) { v, err := decodeAs[int64](`-1.50E1`); check(t, v, err, int64(-15)) })
	t.Run("negative exponent integral", func(t *testing.T) { v, err := decodeAs[int64](`1200e-2`); check(t, v, err, int64(12)) })
	t.Run("negative zero", func(t *testing.T) { v, err := decodeAs[uint64](`-0`); check(t, v, err, uint64(0)) })
	t.Run("float64", func(t *testing.T) { v, err := decodeAs[float64](`-1.25e-3`); check(t, v, err, -1.25e-3) })
	t.Run("float64 big int", func(t *testing.T) {
		v, err := decodeAs[float64](`12345678901234567890`)
		check(t, v, err, 12345678901234567890.0)
	})
	t.Run("float32", func(t *testing.T) { v, err := decodeAs[float32](`0.1`); check(t, v, err, float32(0.1)) })
	t.Run("any string", func(t *testing.T) { v, err := decodeAs[any](`"x"`); check(t, v, err, "x") })
	t.Run("any number", func(t *testing.T) { v, err := decodeAs[any](`3`); check(t, v, err, 3.0) })
	t.Run("any object", func(t *testing.T) {
		v, err := decodeAs[any](`{"a":[1,"b",true,null,{}]}`)
		check(t, v, err, map[string]any{"a": []any{1.0, "b", true, nil, map[string]any{}}})
	})
	t.Run("any null", func(t *testing.T) { v, err := decodeAs[any](`null`); check(t, v, err, nil) })
	t.Run("raw message", func(t *testing.T) {
		v, err := decodeAs[json.RawMessage](` {"a" : [1, 2]} `)
		check(t, v, err, json.RawMessage(`{"a" : [1, 2]}`))
	})
	t.Run("bytes", func(t *testing.T) { v, err := decodeAs[[]byte](`"aGk="`); check(t, v, err, []byte("hi")) })
}

func TestUnmarshalContainers(t *testing.T) {
	t.Parallel()
	t.Run("slice", func(t *testing.T) {
		v, err := decodeAs[[]string](`["a", "b" ,"c"]`)
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "b", "c"}, v)
		assert.Equal(t, 3, cap(v), "exact-size allocation")
	})
	t.Run("empty slice is not nil", func(t *testing.T) {
		v, err := decodeAs[[]int](`[ ]`)
		require.NoError(t, err)
		assert.NotNil(t, v)
		assert.Empty(t, v)
	})
	t.Run("null slice is nil", func(t *testing.T) {
		v := []int{1}
		require.NoError(t, UnmarshalString(`null`, &v))
		assert.Nil(t, v)
	})
	t.Run("nested slices", func(t *testing.T) {
		v, err := decodeAs[[][]int64](`[[1,2],[],[3]]`)
		require.NoError(t, err)
		assert.Equal(t, [][]int64{{1, 2}, {}, {3}}, v)
	})
	t.Run("large slice", func(t *testing.T) {
		doc := "[" + strings.Repeat(`{"a":1},`, 4999) + `{"a":1}]`
		v, err := decodeAs[[]struct {
			A int `json:"a"`
		}](doc)
		require.NoError(t, err)
		assert.Len(t, v, 5000)
		assert.Equal(t, 1, v[4999].A)
	})
	t.Run("map any", func(t *testing.T) {
		v, err := decodeAs[map[string]any](`{"a":1,"b":"x","a":2}`)
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"a": 2.0, "b": "x"}, v)
	})
	t.Run("empty map is not nil", func(t *testing.T) {
		v, err := decodeAs[map[string]any](`{}`)
		require.NoError(t, err)
		assert.NotNil(t, v)
		assert.Empty(t, v)
	})
	t.Run("map string", func(t *testing.T) {
		v, err := decodeAs[map[string]string](`{"a":"x","b":"y"}`)
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"a": "x", "b": "y"}, v)
	})
	t.Run("map of structs with named keys", func(t *testing.T) {
		type item struct {
			N int `json:"n"`
		}
		v, err := decodeAs[map[jobStatus]item](`{"done":{"n":1},"failed":{"n":2}}`)
		require.NoError(t, err)
		assert.Equal(t, map[jobStatus]item{"done": {1}, "failed": {2}}, v)
	})
	t.Run("map adds to existing", func(t *testing.T) {
		v := map[string]int{"keep": 1}
		require.NoError(t, UnmarshalString(`{"new":2}`, &v))
		assert.Equal(t, map[string]int{"keep": 1, "new": 2}, v)
	})
	t.Run("pointers", func(t *testing.T) {
		v, err := decodeAs[*[]*int](`[1,null,3]`)
		require.NoError(t, err)
		require.NotNil(t, v)
		require.Len(t, *v, 3)
		assert.Equal(t, 1, *(*v)[0])
		assert.Nil(t, (*v)[1])
		assert.Equal(t, 3, *(*v)[2])
	})
	t.Run("pointer reused", func(t *testing.T) {
		n := 5
		p := &n
		require.NoError(t, UnmarshalString(`7`, &p))
		assert.Equal(t, 7, n)
	})
	t.Run("pointer set to nil by null", func(t *testing.T) {
		n := 5
		p := &n
		require.NoError(t, UnmarshalString(`null`, &p))
		assert.Nil(t, p)
	})
}

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

func TestUnmarshalTime(t *testing.T) {
	t.Parallel()
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2019-12-27T18:11:19.117Z", utc(2019, 12, 27, 18, 11, 19, 117e6)},
		{"2019-12-27T18:11:19Z", utc(2019, 12, 27, 18, 11, 19, 0)},
		{"2019-12-27T18:11:19.123456789Z", utc(2019, 12, 27, 18, 11, 19, 123456789)},
		{"2019-12-27T18:11:19.1Z", utc(2019, 12, 27, 18, 11, 19, 1e8)},
		{"2024-02-29T00:00:00Z", utc(2024, 2, 29, 0, 0, 0, 0)},
		{"2019-12-27T18:11:19.5+02:00", utc(2019, 12, 27, 16, 11, 19, 5e8)},
		{"2019-12-27T18:11:19-05:30", utc(2019, 12, 27, 23, 41, 19, 0)},
		{"2019-12-27T18:11:19.117", utc(2019, 12, 27, 18, 11, 19, 117e6)},
		{"2019-12-27", utc(2019, 12, 27, 0, 0, 0, 0)},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := decodeAs[time.Time](`"` + tc.in + `"`)
			require.NoError(t, err)
			assert.True(t, tc.want.Equal(got), "got %v", got)
		})
	}
	for _, in := range []string{"2019-13-01T00:00:00Z", "2019-12-32T00:00:00Z", "2019-12-27T24:00:00Z",
		"2019-12-27T18:11:19.Z", "2019-12-27 18:11:19Z", "27/12/2019", "", "2019-12-27T18:11:19.1234567890Z"} {
		t.Run("invalid "+in, func(t *testing.T) {
			_, err := decodeAs[time.Time](`"` + in + `"`)
			assert.ErrorContains(t, err, "does not fit Go type time.Time at offset 0")
		})
	}
}

func TestUnmarshalStrings(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{
		`"plain"`,
		`"a\"b\\c\/d\be\ff\ng\rh\ti"`,
		`"\u0041\u00e9\u4e2d"`,
		`"\ud83d\ude00 smile"`,      // surrogate pair
		`"\ud83d alone"`,            // unpaired high surrogate
		`"\ude00 low first"`,        // unpaired low surrogate
		`"\ud83d\u0041"`,            // high surrogate then a non-surrogate
		`"\ud83d\ud83d\ude00"`,      // unpaired then a pair
		"\"bad \xff utf8\"",         // invalid UTF-8 without escapes
		"\"bad \xe2\x82 utf8 \\n\"", // truncated sequence with an escape
		`"日本語 text with ✓ and more than eight bytes"`,
		`"long ` + strings.Repeat("abcdefgh", 20) + `\n` + strings.Repeat("é", 20) + `"`,
		`""`,
	} {
		t.Run(doc, func(t *testing.T) {
			var want string
			require.NoError(t, json.Unmarshal([]byte(doc), &want))
			got, err := decodeAs[string](doc)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestUnmarshalZeroCopy(t *testing.T) {
	t.Parallel()
	doc := `{"name":"Ada Lovelace","home":{"city":"London"},"metadata":{"k":"v"},"visited":[{"city":"Paris"}],"tags":["x\n"]}`
	p, err := decodeAs[person](doc)
	require.NoError(t, err)
	inside := func(s string) bool {
		start := uintptr(unsafe.Pointer(unsafe.StringData(doc)))
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return at >= start && at+uintptr(len(s)) <= start+uintptr(len(doc))
	}
	assert.True(t, inside(p.Name), "unescaped string is a substring")
	assert.True(t, inside(p.Home.City))
	assert.True(t, inside(p.Visited[0].City))
	assert.True(t, inside(p.Metadata["k"].(string)))
	assert.True(t, inside(p.JSON.Name.Raw()))
	assert.True(t, inside(p.RawJSON()))
	assert.True(t, inside(p.Home.RawJSON()))
	assert.False(t, inside(p.Tags[0]), "escaped strings are copies")
	assert.Equal(t, "x\n", p.Tags[0])

	// Unmarshal copies its input, so the caller may reuse the bytes.
	data := []byte(`{"name":"Ada"}`)
	require.NoError(t, Unmarshal(data, &p))
	copy(data, strings.Repeat("#", len(data)))
	assert.Equal(t, "Ada", p.Name)
	assert.Equal(t, `{"name":"Ada"}`, p.RawJSON())
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

func TestUnmarshalRawMessageCopies(t *testing.T) {
	t.Parallel()
	type holder struct {
		R json.RawMessage `json:"r"`
	}
	data := []byte(`{"r":{"a":1}}`)
	var v holder
	require.NoError(t, Unmarshal(data, &v))
	data[6] = 'X'
	assert.Equal(t, json.RawMessage(`{"a":1}`), v.R)
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

func TestUnmarshalSyntaxErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		doc, want string
	}{
		{``, "unexpected end of input at offset 0"},
		{`   `, "unexpected end of input at offset 3"},
		{`{"name":"x"`, "unexpected end of input at offset 11"},
		{`{"name":"x`, "unexpected end of input in string at offset 10"},
		{`{"name":"x"} x`, "invalid character 'x' after top-level value at offset 13"},
		{`{"name":"x"}}`, "invalid character '}' after top-level value at offset 12"},
		{`{"name":tru}`, "invalid character '}' in literal true (expecting 'e') at offset 11"},
		{`{"name":nul`, "unexpected end of input in literal null at offset 11"},
		{`[fals]`, "invalid character ']' in literal false (expecting 'e') at offset 5"},
		{`{"name":"a\qb"}`, `invalid escape "\\q" in string at offset 10`},
		{`{"name":"\u12g4"}`, `invalid character 'g' in \u hexadecimal character escape at offset 13`},
		{"{\"name\":\"a\nb\"}", `invalid character '\n' in string literal at offset 10`},
		{`{"age":01}`, "invalid character '1' after object key:value pair at offset 8"},
		{`[-]`, "invalid character ']' in numeric literal at offset 2"},
		{`[1.]`, "invalid character ']' after decimal point in numeric literal at offset 3"},
		{`[1e+]`, "invalid character ']' in exponent of numeric literal at offset 4"},
		{`[.5]`, "invalid character '.' looking for beginning of value at offset 1"},
		{`{"a" 1}`, "invalid character '1' after object key at offset 5"},
		{`{a:1}`, "invalid character 'a' looking for beginning of object key string at offset 1"},
		{`{"a":1,}`, "invalid character '}' looking for beginning of object key string at offset 7"},
		{`[1,]`, "invalid character ']' looking for beginning of value at offset 3"},
		{`[1 2]`, "invalid character '2' after array element at offset 3"},
		{"[\xff]", `invalid character '\xff' looking for beginning of value at offset 1`},
		{`{"visited":[{"city":"x"},{"city":}]}`, "invalid character '}' looking for beginning of value at offset 33"},
		{`{"unknown":{"deep":[1,2,}]}`, "invalid character '}' looking for beginning of value at offset 24"},
		{`{"metadata":{"k":[1,2}}`, "invalid character '}' after array element at offset 21"},
		{`{"age":"old" "x"}`, `invalid character '"' after object key:value pair at offset 13`},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			t.Parallel()
			_, err := decodeAs[person](tc.doc)
			require.Error(t, err)
			assert.Equal(t, "llamacloud: decode json: "+tc.want, err.Error())
			_, anyErr := decodeAs[any](tc.doc)
			assert.Error(t, anyErr, "decoding into any fails too")
		})
	}
}

func TestUnmarshalDepthLimit(t *testing.T) {
	t.Parallel()
	ok := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	_, err := decodeAs[any](ok)
	require.NoError(t, err)

	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	_, err = decodeAs[any](deep)
	assert.EqualError(t, err, "llamacloud: decode json: nesting deeper than 10000 at offset 10000")

	// Skipped (unknown) values and struct targets have the same limit.
	_, err = decodeAs[person](`{"unknown":` + strings.Repeat(`{"a":`, maxDepth) + `1` + strings.Repeat("}", maxDepth) + "}")
	assert.ErrorContains(t, err, "nesting deeper than 10000")
	_, err = decodeAs[treeNode](strings.Repeat(`{"parent":`, maxDepth+1) + `{}` + strings.Repeat("}", maxDepth+1))
	assert.ErrorContains(t, err, "nesting deeper than 10000")
}

func TestUnmarshalTargets(t *testing.T) {
	t.Parallel()
	var s string
	assert.EqualError(t, UnmarshalString(`"x"`, s), "llamacloud: decode json: target must be a non-nil pointer, not string")
	assert.EqualError(t, UnmarshalString(`"x"`, (*string)(nil)), "llamacloud: decode json: target must be a non-nil pointer, not *string")
	assert.EqualError(t, UnmarshalString(`[1]`, &s), "llamacloud: decode json: value does not fit Go type string at offset 0")
	var nums []int
	assert.EqualError(t, UnmarshalString(`[1, "x"]`, &nums), "llamacloud: decode json: value does not fit Go type []int at offset 4")
	p := person{Name: "kept"}
	require.NoError(t, UnmarshalString(`null`, &p), "top-level null leaves the value alone")
	assert.Equal(t, "kept", p.Name)
}

// anyDocs are documents whose decoding into any must match encoding/json's.
var anyDocs = []string{
	`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `123456789012345`, `1234567890123456789012`,
	`0.1`, `1e-7`, `-2.5E+10`, `9007199254740993`, `1.7976931348623157e308`, `4.9e-324`,
	`""`, `"abc"`, `"\u00e9\ud83d\ude00"`, "\"\xf0\x9f\x98\"", `[]`, `{}`, `[[[]]]`,
	`{"a":{"b":{"c":[1,{"d":null}]}}}`, `{"a":1,"a":2}`, ` { "k" : [ 1 , 2 ] } `,
	`[1,"two",true,null,{"x":[]},[3.5]]`, `{"\u0041":"key escaped"}`,
}

func TestUnmarshalAnyMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, doc := range anyDocs {
		t.Run(doc, func(t *testing.T) {
			var want any
			require.NoError(t, json.Unmarshal([]byte(doc), &want))
			got, err := decodeAs[any](doc)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestUnmarshalConcurrent(t *testing.T) {
	t.Parallel()
	doc := retrievalPage(50)
	var want benchPage[benchResult]
	require.NoError(t, UnmarshalString(doc, &want))
	require.Len(t, want.Items, 50)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				var got benchPage[benchResult]
				if err := UnmarshalString(doc, &got); err != nil {
					errs <- err
					return
				}
				if len(got.Items) != 50 || got.Items[49].JSON.raw != want.Items[49].JSON.raw ||
					got.Items[10].Content != want.Items[10].Content {
					errs <- errors.New("concurrent decode differs")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestUnmarshalBenchmarkDocumentMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	doc := retrievalPage(20)
	var ours benchPage[benchResult]
	require.NoError(t, UnmarshalString(doc, &ours))
	var plain plainPage
	require.NoError(t, json.Unmarshal([]byte(doc), &plain))
	require.Len(t, ours.Items, len(plain.Items))
	for i, p := range plain.Items {
		o := ours.Items[i]
		assert.Equal(t, p.ID, o.ID)
		assert.Equal(t, p.Content, o.Content)
		assert.Equal(t, p.Metadata, o.Metadata)
		assert.Equal(t, p.Score, o.Score)
		assert.Equal(t, p.RerankScore, o.RerankScore)
		assert.Equal(t, p.Status, o.Status)
		assert.True(t, p.CreatedAt.Equal(o.CreatedAt))
		assert.Equal(t, p.StaticFields.ChunkEndChar, o.StaticFields.ChunkEndChar)
		assert.Equal(t, p.StaticFields.ParsedDirectoryFileID, o.StaticFields.ParsedDirectoryFileID)
		require.Len(t, o.StaticFields.Attachments, 1)
		assert.Equal(t, p.StaticFields.Attachments[0].SourceID, o.StaticFields.Attachments[0].SourceID)
		assert.True(t, o.JSON.Content.Valid())
	}
	assert.Equal(t, plain.NextPageToken, ours.NextPageToken)
	assert.Equal(t, plain.TotalSize, ours.TotalSize)
}
