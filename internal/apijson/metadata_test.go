package apijson

import (
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
