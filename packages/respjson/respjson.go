// Package respjson describes how each field of a decoded response appeared on the wire.
//
// Every response type of the SDK has a JSON field holding one [Field] per Go field, the raw
// JSON of the whole value and the fields the SDK does not know yet:
//
//	dir, _ := client.Beta.Directories.Get(ctx, "dir_1", beta.DirectoryGetParams{})
//	if !dir.JSON.Description.Valid() {
//		// absent or null on the wire: dir.Description is ""
//	}
//	extra := dir.JSON.ExtraFields["new_field"].Raw()
package respjson

// Field records how one field of a response appeared on the wire. The zero Field means
// the field was absent.
type Field struct {
	// raw is the field's JSON text, with the state in its first byte when that is a tag
	// byte: "" when absent, nullTag+"null", invalidTag+text, and validTag+text for a valid
	// text that is empty or itself starts with a tag byte. A JSON value starts with a
	// printable byte, so the texts the decoder records are stored as they are. One string
	// instead of a string and a state keeps a Field at 16 bytes: response types hold one
	// per Go field, so they are a fifth of the memory of a decoded response.
	raw string
}

// The tag bytes of Field.raw.
const (
	invalidTag = '\x00'
	nullTag    = '\x01'
	validTag   = '\x02'
)

// NewField returns a Field for a value that was present and decoded; raw is its JSON text.
// It is used by the SDK's decoder and by tests that build responses by hand.
func NewField(raw string) Field {
	if raw != "" && raw[0] > validTag {
		return Field{raw: raw}
	}
	return Field{raw: string(validTag) + raw}
}

// NewNullField returns a Field for a value that was present as JSON null.
func NewNullField() Field { return Field{raw: string(nullTag) + "null"} }

// NewInvalidField returns a Field for a value that was present but did not fit the Go type
// (a string where a number belongs, say). The Go field keeps its zero value; raw keeps the text.
func NewInvalidField(raw string) Field { return Field{raw: string(invalidTag) + raw} }

// Valid reports whether the field was present, not null, and decoded into the Go field.
func (f Field) Valid() bool { return f.raw != "" && f.raw[0] >= validTag }

// IsPresent reports whether the field appeared on the wire at all, null included.
func (f Field) IsPresent() bool { return f.raw != "" }

// IsNull reports whether the field was present as JSON null.
func (f Field) IsNull() bool { return f.raw != "" && f.raw[0] == nullTag }

// IsInvalid reports whether the field was present but its JSON did not fit the Go type.
func (f Field) IsInvalid() bool { return f.raw != "" && f.raw[0] == invalidTag }

// Raw returns the field's JSON text exactly as received, or "" when it was absent.
func (f Field) Raw() string {
	if f.raw != "" && f.raw[0] <= validTag {
		return f.raw[1:]
	}
	return f.raw
}
