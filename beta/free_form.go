package beta

import (
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// freeFormMeta is the JSON metadata of a free-form object response: its raw text and the raw
// text of each member.
type freeFormMeta = struct {
	ExtraFields map[string]respjson.Field
	raw         string
}

// decodeFreeForm decodes a free-form object: its members into values (a map) and its raw
// text into meta. It fails when raw is not a JSON object.
func decodeFreeForm[M any](raw string, values *M, meta *freeFormMeta) error {
	var obj struct {
		JSON freeFormMeta `json:"-"`
	}
	if err := apijson.UnmarshalString(raw, &obj); err != nil {
		return err
	}
	var m M
	if err := apijson.UnmarshalString(raw, &m); err != nil {
		return err
	}
	*values, *meta = m, obj.JSON
	return nil
}
