package apijson

import (
	"fmt"
	"reflect"
	"sync/atomic"
)

// strictMetadata makes decoding fail for a struct type whose JSON metadata does not list
// exactly its fields (see [SetStrictMetadata]).
var strictMetadata atomic.Bool

// SetStrictMetadata switches strict metadata checking on or off for the whole process. It is
// for test binaries (the SDK's switch it on in an init function of a test file); decoding
// in a program leaves it off, so that a metadata slip costs the metadata of one field rather
// than the response.
//
// When it is on, decoding into a struct whose JSON metadata field (a struct field named
// JSON tagged `json:"-"`) does not hold exactly one respjson.Field per JSON field of the
// struct, under the field's Go name, plus ExtraFields map[string]respjson.Field and raw
// string, fails with an error naming the type and the entry: a missing, misspelled or
// left-over entry, which the decoder would otherwise pass over silently.
func SetStrictMetadata(on bool) { strictMetadata.Store(on) }

// checkMetadata returns an error naming the first entry of t's metadata struct meta that
// does not match t's JSON fields, or nil.
func checkMetadata(t, meta reflect.Type, fields []jsonField) error {
	mismatch := func(format string, args ...any) error {
		return fmt.Errorf("llamacloud: decode json: metadata of %s: "+format, append([]any{t}, args...)...)
	}
	have := map[string]bool{}
	for _, f := range fields {
		have[f.Name] = true
		mf, ok := meta.FieldByName(f.Name)
		switch {
		case !ok || len(mf.Index) != 1:
			return mismatch("JSON.%s is missing: field %s has no entry", f.Name, f.Name)
		case mf.Type != fieldType:
			return mismatch("JSON.%s is a %s, not a respjson.Field", f.Name, mf.Type)
		}
	}
	for i := 0; i < meta.NumField(); i++ {
		mf := meta.Field(i)
		switch mf.Name {
		case "ExtraFields":
			if mf.Type != extraFieldsType {
				return mismatch("JSON.ExtraFields is a %s, not a map[string]respjson.Field", mf.Type)
			}
		case "raw":
			if mf.Type.Kind() != reflect.String {
				return mismatch("JSON.raw is a %s, not a string", mf.Type)
			}
		default:
			if !have[mf.Name] {
				return mismatch("JSON.%s names no JSON field of the type", mf.Name)
			}
		}
	}
	for _, name := range []string{"ExtraFields", "raw"} {
		if _, ok := meta.FieldByName(name); !ok {
			return mismatch("JSON.%s is missing", name)
		}
	}
	return nil
}
