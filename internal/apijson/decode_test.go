package apijson

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
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
		"2019-12-27T18:11:19.Z", "2019-12-27 18:11:19Z", "27/12/2019", ""} {
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
	var places []place
	assert.EqualError(t, UnmarshalString(`[{"city":1},{"city":"x"},"paris"]`, &places),
		"llamacloud: decode json: value does not fit Go type []apijson.place at offset 25",
		"misfits recorded in metadata do not count")
	assert.EqualError(t, UnmarshalString(`["rome",{"city":1}]`, &places),
		"llamacloud: decode json: value does not fit Go type []apijson.place at offset 1")
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

func TestUnmarshalEdgeNumbersAndContainers(t *testing.T) {
	t.Parallel()
	type target struct {
		U    uint64            `json:"u"`
		I    int64             `json:"i"`
		B    []byte            `json:"b"`
		Bo   bool              `json:"bo"`
		M    map[string]string `json:"m"`
		JSON struct {
			U, I, B, Bo, M respjson.Field
		} `json:"-"`
	}
	for _, tc := range []struct {
		doc   string
		check func(t *testing.T, v target)
	}{
		{`{"u":12345678901234567890}`, func(t *testing.T, v target) { assert.Equal(t, uint64(12345678901234567890), v.U) }},
		{`{"u":1e19}`, func(t *testing.T, v target) { assert.Equal(t, uint64(1e19), v.U) }},
		{`{"u":18446744073709551616}`, func(t *testing.T, v target) { assert.True(t, v.JSON.U.IsInvalid()) }},
		{`{"u":184467440737095516150e-1}`, func(t *testing.T, v target) { assert.Equal(t, uint64(math.MaxUint64), v.U) }},
		{`{"u":0.000e99999999999999999999}`, func(t *testing.T, v target) { assert.True(t, v.JSON.U.Valid()) }},
		{`{"u":1e-99999999999999999999}`, func(t *testing.T, v target) { assert.True(t, v.JSON.U.IsInvalid()) }},
		{`{"i":-9223372036854775809}`, func(t *testing.T, v target) { assert.True(t, v.JSON.I.IsInvalid()) }},
		{`{"i":-92233720368547758.08e2}`, func(t *testing.T, v target) { assert.Equal(t, int64(math.MinInt64), v.I) }},
		{`{"i":0.5e1}`, func(t *testing.T, v target) { assert.Equal(t, int64(5), v.I) }},
		{`{"b":null}`, func(t *testing.T, v target) { assert.Nil(t, v.B); assert.True(t, v.JSON.B.IsNull()) }},
		{`{"b":[1]}`, func(t *testing.T, v target) { assert.True(t, v.JSON.B.IsInvalid()) }},
		{`{"bo":null}`, func(t *testing.T, v target) { assert.True(t, v.JSON.Bo.IsNull()) }},
		{`{"bo":1}`, func(t *testing.T, v target) { assert.True(t, v.JSON.Bo.IsInvalid()) }},
		{`{"m":null}`, func(t *testing.T, v target) { assert.Nil(t, v.M); assert.True(t, v.JSON.M.IsNull()) }},
		{`{"m":["a"]}`, func(t *testing.T, v target) { assert.Nil(t, v.M); assert.True(t, v.JSON.M.IsInvalid()) }},
		{`{"m":{}}`, func(t *testing.T, v target) { assert.NotNil(t, v.M); assert.True(t, v.JSON.M.Valid()) }},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			v, err := decodeAs[target](tc.doc)
			require.NoError(t, err)
			tc.check(t, v)
		})
	}
	for _, doc := range []string{`{"m":{"a":"x",}}`, `{"m":{"a" "x"}}`, `{"m":nul}`, `{"b":nulx}`, `{"bo":fals}`} {
		_, err := decodeAs[target](doc)
		assert.Error(t, err, doc)
	}
}

// TestUnmarshalFloatsMatchStrconv decodes numbers of every shape into float64, float32 and
// any, and checks each against strconv.ParseFloat bit for bit: the exact fast path for short
// mantissas and small powers of ten must round as strconv does, and the rest goes to strconv.
func TestUnmarshalFloatsMatchStrconv(t *testing.T) {
	t.Parallel()
	docs := []string{
		"0", "-0", "0.0", "-0.0", "1", "0.1", "0.5029296875", "4.35", "0.30000000000000004",
		"1e22", "1e23", "9e22", "1E-7", "1e-22", "1e-23", "123456789012345678", "9007199254740993",
		"9007199254740992.5", "12345678901234567890.5", "1.7976931348623157e308", "5e-324",
		"16777217", "3.4028235e38", "1e-00005", "2.5E+0003", "0.000001", "-123.456e-2",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		mant := strconv.FormatUint(rng.Uint64()>>rng.IntN(64), 10)
		doc := mant
		if p := rng.IntN(len(mant) + 1); p > 0 && p < len(mant) && rng.IntN(2) == 0 {
			doc = mant[:p] + "." + mant[p:]
		}
		if doc[0] == '0' && len(doc) > 1 && doc[1] != '.' {
			doc = "0." + doc[1:]
		}
		if rng.IntN(3) == 0 {
			doc += "e" + strconv.Itoa(rng.IntN(60)-30)
		}
		if rng.IntN(2) == 0 {
			doc = "-" + doc
		}
		docs = append(docs, doc)
	}
	for _, doc := range docs {
		want, err := strconv.ParseFloat(doc, 64)
		require.NoError(t, err, doc)
		got, err := decodeAs[float64](doc)
		require.NoError(t, err, doc)
		assert.Equal(t, math.Float64bits(want), math.Float64bits(got), "float64 %s: %v, want %v", doc, got, want)
		gotAny, err := decodeAs[any](doc)
		require.NoError(t, err, doc)
		assert.Equal(t, math.Float64bits(want), math.Float64bits(gotAny.(float64)), "any %s", doc)
		want32, err32 := strconv.ParseFloat(doc, 32)
		got32, err := decodeAs[float32](doc)
		if err32 == nil {
			require.NoError(t, err, doc)
			assert.Equal(t, math.Float32bits(float32(want32)), math.Float32bits(got32), "float32 %s", doc)
		} else {
			assert.Error(t, err, "float32 %s is out of range", doc)
		}
	}
}
