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
	raw    string
	status status
}

type status uint8

const (
	absent status = iota
	null
	invalid
	valid
)

// NewField returns a Field for a value that was present and decoded; raw is its JSON text.
// It is used by the SDK's decoder and by tests that build responses by hand.
func NewField(raw string) Field { return Field{raw: raw, status: valid} }

// NewNullField returns a Field for a value that was present as JSON null.
func NewNullField() Field { return Field{raw: "null", status: null} }

// NewInvalidField returns a Field for a value that was present but did not fit the Go type
// (a string where a number belongs, say). The Go field keeps its zero value; raw keeps the text.
func NewInvalidField(raw string) Field { return Field{raw: raw, status: invalid} }

// Valid reports whether the field was present, not null, and decoded into the Go field.
func (f Field) Valid() bool { return f.status == valid }

// IsPresent reports whether the field appeared on the wire at all, null included.
func (f Field) IsPresent() bool { return f.status != absent }

// IsNull reports whether the field was present as JSON null.
func (f Field) IsNull() bool { return f.status == null }

// IsInvalid reports whether the field was present but its JSON did not fit the Go type.
func (f Field) IsInvalid() bool { return f.status == invalid }

// Raw returns the field's JSON text exactly as received, or "" when it was absent.
func (f Field) Raw() string { return f.raw }
