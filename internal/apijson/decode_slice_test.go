package apijson

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

func TestCountElements(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]int{
		`[]`: 0, `[ ]`: 0, "[\n\t]": 0, `[1]`: 1, `[1,2]`: 2, ` [ 1 , 2 ] `: 2, `[null,true,false]`: 3,
		`["a,b","c]"]`: 2, `["\"],\\",","]`: 2, `[[1,2],[3]]`: 2, `[{"a":[1,2]},{}]`: 2, `[[],{},""]`: 3,
		`[1,2`: -1, `["abc`: -1, `["a\`: -1, `[[1]`: -1, `[`: -1,
	} {
		i := 0
		for doc[i] != '[' {
			i++
		}
		assert.Equal(t, want, countElements(doc, i), doc)
	}
}

// bigElem is far larger in Go than in JSON, so its arrays are counted before they are decoded.
type bigElem struct {
	A    string   `json:"a"`
	B    []string `json:"b"`
	Pad  [64]int64
	JSON struct {
		A           respjson.Field
		B           respjson.Field
		Pad         respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// smallElem is smaller in Go than in JSON, so its arrays go through the scratch slice.
type smallElem struct {
	A string   `json:"a"`
	B []string `json:"b"`
}

// mediumElem is large enough for its first array to be counted, but small against the JSON
// of the arrays below, so that later arrays go through the scratch slice.
type mediumElem struct {
	A   string `json:"a"`
	Pad [40]int64
}

// TestSliceStrategies decodes arrays of both kinds of element several times over (the
// first decode of a type teaches it the JSON size of its elements, later ones may count
// first), and checks each against encoding/json and the slice's metadata.
func TestSliceStrategies(t *testing.T) {
	t.Parallel()
	docs := []string{
		`[]`,
		`[{"a":"x"}]`,
		`[{"a":"x","b":["1","2"]},{"a":"[,]\"{"},{"b":[]},{}]`,
		` [ {"a" : "y"} , {"a":"z","b":null} ] `,
		`[{"a":"1"},{"a":"2"},{"a":"3"},{"a":"4"},{"a":"5"},{"a":"6"},{"a":"7"},{"a":"8"},{"a":"9"}]`,
	}
	for round := range 3 {
		for _, doc := range docs {
			var wantBig []bigElem
			require.NoError(t, json.Unmarshal([]byte(doc), &wantBig), doc)
			gotBig, err := decodeAs[[]bigElem](doc)
			require.NoError(t, err, "round %d %s", round, doc)
			require.Len(t, gotBig, len(wantBig), doc)
			assert.NotNil(t, gotBig, "an empty array is an empty slice, not nil")
			assert.LessOrEqual(t, cap(gotBig), len(gotBig)*5/4+1, "no append-style growth")
			for i := range wantBig {
				assert.Equal(t, wantBig[i].A, gotBig[i].A, doc)
				assert.Equal(t, wantBig[i].B, gotBig[i].B, doc)
			}

			var wantSmall []smallElem
			require.NoError(t, json.Unmarshal([]byte(doc), &wantSmall), doc)
			gotSmall, err := decodeAs[[]smallElem](doc)
			require.NoError(t, err, doc)
			assert.LessOrEqual(t, cap(gotSmall), len(gotSmall)*5/4+1, "no append-style growth")
			assert.Equal(t, wantSmall, gotSmall, doc)
		}
	}

	// Arrays decoded in place take the last array's length as their first guess: a longer
	// one grows, a much shorter one (with room for the guess in the rest of the text) is
	// copied into a slice of its length.
	type padded struct {
		Big []bigElem `json:"big"`
		Pad string    `json:"pad"`
	}
	pad := strings.Repeat("p", 2000)
	for _, n := range []int{3, 9, 9, 2, 30, 1, 3} {
		var elems []string
		for i := range n {
			elems = append(elems, `{"a":"`+strconv.Itoa(i)+`"}`)
		}
		got, err := decodeAs[padded](`{"big":[` + strings.Join(elems, ",") + `],"pad":"` + pad + `"}`)
		require.NoError(t, err)
		require.Len(t, got.Big, n)
		assert.LessOrEqual(t, cap(got.Big), n+n/8+1, "no more than an eighth unused (n %d)", n)
		for i := range n {
			assert.Equal(t, strconv.Itoa(i), got.Big[i].A)
		}
		assert.Equal(t, pad, got.Pad)
	}

	long := strings.Repeat("x", 200)
	for round := range 3 {
		doc := `[{"a":"` + long + `"},{"a":"` + long[:150] + `"},{"a":""}]`
		got, err := decodeAs[[]mediumElem](doc)
		require.NoError(t, err)
		require.Len(t, got, 3, "round %d", round)
		assert.Equal(t, []string{long, long[:150], ""}, []string{got[0].A, got[1].A, got[2].A})
	}

	type holder struct {
		Big   []bigElem   `json:"big"`
		Small []smallElem `json:"small"`
		JSON  struct {
			Big         respjson.Field
			Small       respjson.Field
			ExtraFields map[string]respjson.Field
			raw         string
		} `json:"-"`
	}
	for round := range 3 {
		// An element that does not fit leaves the whole slice nil and marked invalid (a
		// field that does not fit only marks the field).
		h, err := decodeAs[holder](`{"big":[{"a":"x"},7],"small":[{"a":"x"},"s"]}`)
		require.NoError(t, err)
		assert.Nil(t, h.Big, "round %d", round)
		assert.True(t, h.JSON.Big.IsInvalid())
		assert.Nil(t, h.Small)
		assert.True(t, h.JSON.Small.IsInvalid())
		// null leaves nil; malformed input is an error that names the offset.
		h, err = decodeAs[holder](`{"big":null,"small":null}`)
		require.NoError(t, err)
		assert.Nil(t, h.Big)
		assert.True(t, h.JSON.Big.IsNull())
		_, err = decodeAs[holder](`{"big":[{"a":"x"} {"a":"y"}]}`)
		assert.EqualError(t, err, `llamacloud: decode json: invalid character '{' after array element at offset 18`)
		_, err = decodeAs[holder](`{"big":[{"a":"x"},`)
		assert.EqualError(t, err, `llamacloud: decode json: unexpected end of input at offset 18`)
	}
}
