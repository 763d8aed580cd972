package llamacloudtest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/tidwall/gjson"
)

// inputAt returns the input member of the 422 entry at loc, as FastAPI with pydantic v2 writes
// it: the value the request gave there (a query or path value as the string sent, several
// values of a repeated query key as a list, a body member as its JSON, a multipart field as the
// string sent and a member below it as that member of the field's JSON); for a missing body
// member, the whole object that lacks it (pydantic validates the object and reports it as the
// input); for a body that is not JSON at all, {} (FastAPI's json_invalid entry); null for a
// missing query value or multipart field (forms are validated field by field) and for members of
// a body that is neither JSON nor a form that was read.
func (c *call) inputAt(loc []any) any {
	if len(loc) < 2 {
		if len(loc) == 1 && loc[0] == "body" && gjson.ValidBytes(c.body) {
			return json.RawMessage(c.body)
		}
		return nil
	}
	name, _ := loc[1].(string)
	switch loc[0] {
	case "query":
		switch vs := c.q[name]; len(vs) {
		case 0:
			return nil
		case 1:
			return vs[0]
		default:
			return vs
		}
	case "path":
		if c.r == nil {
			return nil
		}
		return c.r.PathValue(name)
	case "body":
		if c.form != nil {
			return formInput(c.form, name, loc[2:])
		}
		body := c.body
		if len(strings.TrimSpace(string(body))) == 0 {
			body = []byte("{}") // decode reads an empty body as {}
		}
		if !gjson.ValidBytes(body) {
			if len(loc) == 2 && loc[1] == 0 {
				return map[string]any{}
			}
			return nil
		}
		if r := gjson.GetBytes(body, jsonPath(loc[1:])); r.Exists() {
			return json.RawMessage(r.Raw)
		}
		parent := loc[1 : len(loc)-1]
		if len(parent) == 0 {
			return json.RawMessage(body)
		}
		if r := gjson.GetBytes(body, jsonPath(parent)); r.IsObject() {
			return json.RawMessage(r.Raw)
		}
	}
	return nil
}

// formInput returns the input of the multipart field name, or of the member at below in its JSON
// value; null when the field or member is missing.
func formInput(form map[string]string, name string, below []any) any {
	v, ok := form[name]
	switch {
	case !ok:
		return nil
	case len(below) == 0:
		return v
	}
	if r := gjson.Get(v, jsonPath(below)); r.Exists() {
		return json.RawMessage(r.Raw)
	}
	return nil
}

// jsonPath turns the segments of a loc into a gjson path, escaping what gjson would read as syntax.
func jsonPath(segs []any) string {
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = gjson.Escape(fmt.Sprint(s))
	}
	return strings.Join(parts, ".")
}

// fieldType follows path (dotted JSON names, as in decode's required names and
// [json.UnmarshalTypeError.Field], which leave out list indexes and map keys) from the Go type t
// of a request body and returns the type of the field there, and its pydantic tag: the name of
// the pydantic model the service validates that field with (of its elements, for a list), as the
// reference names its type (without the Python SDK's Param suffix: SplitDocumentInputParam is
// SplitDocumentInput). It returns nil when path leaves the struct.
func fieldType(t reflect.Type, path string) (field reflect.Type, class string) {
	for _, name := range strings.Split(path, ".") {
		for t != nil && t.Kind() != reflect.Struct {
			switch t.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
				t = t.Elem()
			default:
				return nil, ""
			}
		}
		if t == nil {
			return nil, ""
		}
		f, ok := jsonField(t, name)
		if !ok {
			return nil, ""
		}
		t, class = f.Type, f.Tag.Get("pydantic")
	}
	return t, class
}

// jsonField returns the field of struct type t that encoding/json fills from the member name.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == name || tag == "" && strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// typeError names the pydantic v2 error for a value (null included) where a value of Go type t
// belongs: string_type, bool_type, int_type, float_type, list_type, dict_type for a map, and for a
// struct model_type naming class ("Input should be a valid dictionary or instance of Rerank"), or
// dict_type when no class is known. A type it cannot name (nil, an interface) gives value_error.
func typeError(t reflect.Type, class string) (msg, typ string) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "Input should be a valid value", "value_error"
	}
	switch t.Kind() {
	case reflect.String:
		return "Input should be a valid string", "string_type"
	case reflect.Bool:
		return "Input should be a valid boolean", "bool_type"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "Input should be a valid integer", "int_type"
	case reflect.Float32, reflect.Float64:
		return "Input should be a valid number", "float_type"
	case reflect.Slice, reflect.Array:
		return "Input should be a valid list", "list_type"
	case reflect.Map:
		return "Input should be a valid dictionary", "dict_type"
	case reflect.Struct:
		if class != "" {
			return "Input should be a valid dictionary or instance of " + class, "model_type"
		}
		return "Input should be a valid dictionary", "dict_type"
	}
	return "Input should be a valid value", "value_error"
}
