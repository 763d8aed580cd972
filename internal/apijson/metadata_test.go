package apijson

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

type metaExact struct {
	ID   string `json:"id"`
	Size int64  `json:"size"`
	Skip string `json:"-"`
	JSON struct {
		ID          respjson.Field
		Size        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

type metaMissing struct {
	ID   string `json:"id"`
	Size int64  `json:"size"`
	JSON struct {
		ID          respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

type metaMisnamed struct {
	ID   string `json:"id"`
	JSON struct {
		Id          respjson.Field // the misspelling under test
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

type metaLeftOver struct {
	ID   string `json:"id"`
	JSON struct {
		ID          respjson.Field
		Removed     respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

type metaWrongType struct {
	ID   string `json:"id"`
	JSON struct {
		ID          string
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

type metaNoExtra struct {
	ID   string `json:"id"`
	JSON struct {
		ID  respjson.Field
		raw string
	} `json:"-"`
}

type metaBadRaw struct {
	ID   string `json:"id"`
	JSON struct {
		ID          respjson.Field
		ExtraFields map[string]respjson.Field
		raw         []byte
	} `json:"-"`
}

type metaEmbedded struct {
	metaBase
	Name string `json:"name"`
	JSON struct {
		Name        respjson.Field // lacks Created, promoted from metaBase
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

type metaBase struct {
	Created string `json:"created"`
}

type metaOuter struct {
	Items []metaMissing `json:"items"`
	JSON  struct {
		Items       respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// TestStrictMetadata checks that in strict mode decoding into a type whose metadata does not
// list exactly its fields fails, naming the type and the entry, at any depth; and that
// outside strict mode such a type decodes as before.
func TestStrictMetadata(t *testing.T) {
	t.Parallel()
	const doc = `{"id":"a","size":2,"name":"n","created":"c","items":[{"id":"b"}]}`
	for _, tc := range []struct {
		name string
		v    any
		want string // "" for no error
	}{
		{"exact", new(metaExact), ""},
		{"missing entry", new(metaMissing), "metadata of apijson.metaMissing: JSON.Size is missing: field Size has no entry"},
		{"misnamed entry", new(metaMisnamed), "metadata of apijson.metaMisnamed: JSON.ID is missing: field ID has no entry"},
		{"left-over entry", new(metaLeftOver), "metadata of apijson.metaLeftOver: JSON.Removed names no JSON field of the type"},
		{"entry of the wrong type", new(metaWrongType), "metadata of apijson.metaWrongType: JSON.ID is a string, not a respjson.Field"},
		{"no ExtraFields", new(metaNoExtra), "metadata of apijson.metaNoExtra: JSON.ExtraFields is missing"},
		{"raw of the wrong type", new(metaBadRaw), "metadata of apijson.metaBadRaw: JSON.raw is a []uint8, not a string"},
		{"field of an embedded struct", new(metaEmbedded), "metadata of apijson.metaEmbedded: JSON.Created is missing: field Created has no entry"},
		{"nested in a slice", new(metaOuter), "metadata of apijson.metaMissing: JSON.Size is missing: field Size has no entry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := unmarshal(doc, tc.v, true)
			if tc.want == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, "llamacloud: decode json: "+tc.want)
			}
			// Outside strict mode the same document decodes.
			require.NoError(t, unmarshal(doc, tc.v, false))
		})
	}
	var m metaMissing
	require.NoError(t, unmarshal(doc, &m, false))
	assert.Equal(t, int64(2), m.Size)
	assert.Equal(t, `"a"`, m.JSON.ID.Raw())
}

type rawFields struct {
	F    any    `json:"f"`
	G    string `json:"g"`
	JSON struct {
		F           respjson.Field
		G           respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// TestFieldRawIsTheMemberText checks that every kind of value, recorded in a field that
// took it (F), one it did not fit (G) and an unknown key, gives back its exact text from
// Raw, whichever member comes last.
func TestFieldRawIsTheMemberText(t *testing.T) {
	t.Parallel()
	for _, doc := range anyDocs {
		text := strings.TrimSpace(doc)
		for _, layout := range []string{`{"f":%[1]s,"g":%[1]s,"x":%[1]s}`, `{"x":%[1]s , "g":%[1]s,"f":%[1]s }`} {
			v, err := decodeAs[rawFields](strings.Clone(fmt.Sprintf(layout, doc)))
			require.NoError(t, err, doc)
			assert.Equal(t, text, v.JSON.F.Raw(), layout)
			assert.Equal(t, text, v.JSON.G.Raw(), layout)
			assert.Equal(t, text, v.JSON.ExtraFields["x"].Raw(), layout)
			assert.Equal(t, text == "null", v.JSON.F.IsNull(), doc)
			assert.Equal(t, text != "null", v.JSON.F.Valid(), doc)
			assert.Equal(t, text != "null" && text[0] != '"', v.JSON.G.IsInvalid(), doc)
		}
	}
}

// TestFieldRawOfMalformedDocument checks the fields recorded before a document turned out
// malformed: a value that nothing ends within the document keeps a copy of its text, so
// Raw never reads past the document's end.
func TestFieldRawOfMalformedDocument(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ doc, f, x string }{
		{`{"f":1`, "1", ""},
		{`{"f":12e3`, "12e3", ""},
		{`{"f":1.2.3}`, "1.2", ""},
		{`{"f":"s"`, `"s"`, ""},
		{`{"f":[1,2]`, "[1,2]", ""},
		{`{"f":{"a":"}"}`, `{"a":"}"}`, ""},
		{`{"f":true`, "true", ""},
		{`{"f":0,"x":-7`, "0", "-7"},
		{`{"x":"u" x`, "", `"u"`},
	} {
		// The document is a prefix of a longer string: digits follow it in memory, where a
		// scan that went past its end would find more of a number.
		v, err := decodeAs[rawFields]((tc.doc + "99999")[:len(tc.doc)])
		require.Error(t, err, tc.doc)
		assert.Equal(t, tc.f, v.JSON.F.Raw(), tc.doc)
		assert.Equal(t, tc.x, v.JSON.ExtraFields["x"].Raw(), tc.doc)
	}
}
