// Package apijson is the SDK's JSON codec: a single-pass, zero-copy decoder for response types
// and an encoder for request params. Both work from per-type plans that are built once by
// reflection and cached. The encoder then runs on reflect.Values, reading param.Opt through
// its accessor (internal/optaccess); the decoder writes fields through pointers at the
// offsets reflect reports, which is where its speed comes from (see decode_plan.go).
//
//	var dir beta.Directory
//	if err := apijson.UnmarshalString(body, &dir); err != nil {
//		return err // malformed JSON only
//	}
//	if dir.JSON.Name.IsInvalid() {
//		// "name" was present but was not a string: dir.Name is ""
//	}
//
// # Decoding
//
// [UnmarshalString] fills a response struct in one pass over the input: it checks the JSON
// syntax while it decodes, so there is no separate validity scan. (Arrays of elements much
// larger in Go than in JSON, and arrays of one length twice running, are decoded straight
// into a slice made for the last array's length, or for the count of a light scan of the
// array's text; other arrays are decoded into a reusable scratch slice and copied once into
// one of their length. Either way a slice holds little more than its length. Object keys are
// matched in the order the type's last object listed them, which the decoder learns.)
// Strings without escapes are substrings of the input and are not copied; so are the texts
// of [respjson.Field.Raw] and the RawJSON of every object. The input must therefore stay
// unchanged for as long as the decoded value is used. Strings with escapes are unescaped into
// blocks of up to 32 KiB that the strings of a document share, so they do not cost an
// allocation each; a string kept alone keeps its block alive, as a substring keeps the input.
// Free-form values (any, map[string]any) decode as encoding/json decodes them; once a document
// has boxed a few free-form strings and numbers into interface values, an equal one seen again
// shares the boxed value (it cannot change), so metadata repeating a department or a year
// across a thousand objects does not cost an allocation per object. [Unmarshal] copies a byte slice into one string first, so its caller may reuse
// the slice. The SDK's HTTP layer reads each response body into a buffer of its own and passes it
// to UnmarshalString through unsafe.String without copying; it never reuses that buffer.
//
// A response struct may carry metadata in a field named JSON tagged `json:"-"`:
//
//	JSON struct {
//		ID          respjson.Field            // one per Go field, matched by Go field name
//		ExtraFields map[string]respjson.Field // keys that match no field
//		raw         string                    // the whole object's JSON text
//	} `json:"-"`
//
// In test binaries that call [SetStrictMetadata], decoding into a struct whose metadata does
// not list exactly its JSON fields fails with an error naming the type and the entry.
//
// For each decoded field the decoder records a present [respjson.Field] holding the value's raw
// text, a null one, or an invalid one when the JSON value does not fit the Go type (a string
// where a number belongs, a fractional number for an int, an unparseable time, …). An invalid
// value leaves the Go field at its zero value and decoding goes on; a slice or map holding an
// element that does not fit is left nil and marked invalid as a whole. Only malformed JSON is
// an error, reported as "llamacloud: decode json: <what> at offset N". The one exception is the
// top-level value itself, which has no metadata to record a misfit in: a top-level value that
// does not fit the target type is an error too.
//
// Object keys match json tag names (or Go field names when untagged) exactly, not
// case-insensitively. Unlike encoding/json the decoder never calls a type's UnmarshalJSON method
// (response types implement it by calling back into this package); a type that needs custom
// decoding implements [Unmarshaler] instead.
//
// Supported Go types: strings, bools, all integer and float kinds, time.Time, slices, maps with
// string keys, pointers, structs, any, json.RawMessage, []byte (base64, as encoding/json) and
// [Unmarshaler] implementations. Values of other kinds (channels, funcs, non-empty interfaces,
// arrays, maps with non-string keys) are skipped and marked invalid.
//
// # Encoding
//
// [Marshal] and [AppendMarshal] encode request params. Field rules come from struct tags:
//
//   - `json:"name"`: always sent.
//   - `json:"name,omitzero"`: left out when the field holds its Go zero value (a zero time, a
//     nil slice or map, a struct of zero fields); ",omitempty" also leaves out empty slices,
//     maps and strings as in encoding/json.
//   - `json:"-"`: never sent (query-only params).
//   - A param.Opt field, whatever its tag, is left out when omitted, sent as null when null and
//     as its value otherwise.
//
// A nil slice or map that is sent is written as [] or {}, never null; map keys are sorted. A
// time.Time is written in UTC with milliseconds ("2024-01-02T03:04:05.000Z"). Strings are escaped
// like encoding/json except that <, > and & are written as they are (no HTML escaping). Floats use
// encoding/json's format; NaN and ±Inf are errors that name the field. Types implementing
// json.Marshaler are encoded by calling MarshalJSON, and the result is validated and compacted.
// A value held in an any field is encoded by its dynamic type under these same rules.
package apijson
