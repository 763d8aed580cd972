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

import (
	"strconv"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/internal/fieldaccess"
)

// Field records how one field of a response appeared on the wire. The zero Field means
// the field was absent. Fields compare equal with == only when they are the same record
// (both absent, say); compare their Raw texts to compare what was received.
type Field struct {
	// p points at the field's text, one pointer so that a Field takes 8 bytes: response
	// types hold one per Go field, a third of the memory of a decoded response. For a
	// value the decoder found valid, p points at the value's first byte in the decoded
	// document (a JSON value starts with a byte above ' '), and Raw finds its end there,
	// which the document's syntax bounds. Otherwise p points at the tag of a text record
	// (a control byte: see the tags), which holds the state and the text.
	p *byte
}

// text is the record of a Field made by NewField, NewNullField or NewInvalidField: its tag
// is its first byte, the one a Field points at.
type text struct {
	tag byte
	raw string
}

// The tags of text records.
const (
	invalidTag = '\x00'
	nullTag    = '\x01'
	validTag   = '\x02'
)

// nullText is the record of every null Field: it never changes, so they share it.
var nullText = text{tag: nullTag, raw: "null"}

// NewField returns a Field for a value that was present and decoded; raw is its JSON text.
// It is used by tests that build responses by hand.
func NewField(raw string) Field { return Field{p: &(&text{tag: validTag, raw: raw}).tag} }

// NewNullField returns a Field for a value that was present as JSON null.
func NewNullField() Field { return Field{p: &nullText.tag} }

// NewInvalidField returns a Field for a value that was present but did not fit the Go type
// (a string where a number belongs, say). The Go field keeps its zero value; raw keeps the text.
func NewInvalidField(raw string) Field { return Field{p: &(&text{tag: invalidTag, raw: raw}).tag} }

// DecodedField is NewField for the SDK's decoder, which alone can call it, for the valid
// JSON value doc[start:end] of a document that does not change while the Field is in use.
// When a byte that ends a value follows it in doc (a ',', '}', ']' or white space: always,
// in a well-formed document), the Field points into doc instead of holding the text, and Raw
// finds the value's end by scanning it, a scan that byte stops. Otherwise (in a document
// that turns out malformed) the Field holds a copy of the text, as NewField does.
func DecodedField(_ fieldaccess.Key, doc string, start, end int) Field {
	if start < end && end < len(doc) && endsValue[doc[end]] && doc[start] > ' ' {
		return Field{p: unsafe.StringData(doc[start:])}
	}
	return NewField(doc[start:end])
}

// endsValue marks the bytes that may follow a JSON value in a well-formed document.
var endsValue = [256]bool{',': true, '}': true, ']': true, ' ': true, '\t': true, '\n': true, '\r': true}

// record returns the text record f points at, or nil when f points into a document.
func (f Field) record() *text {
	if *f.p > validTag {
		return nil
	}
	return (*text)(unsafe.Pointer(f.p)) // p points at the tag, the first byte of a text
}

// Valid reports whether the field was present, not null, and decoded into the Go field.
func (f Field) Valid() bool { return f.p != nil && *f.p >= validTag }

// IsPresent reports whether the field appeared on the wire at all, null included.
func (f Field) IsPresent() bool { return f.p != nil }

// IsNull reports whether the field was present as JSON null.
func (f Field) IsNull() bool { return f.p != nil && *f.p == nullTag }

// IsInvalid reports whether the field was present but its JSON did not fit the Go type.
func (f Field) IsInvalid() bool { return f.p != nil && *f.p == invalidTag }

// Raw returns the field's JSON text exactly as received, or "" when it was absent. For a
// valid field of a decoded response it finds where the value ends, so it costs in
// proportion to the value's length.
func (f Field) Raw() string {
	if f.p == nil {
		return ""
	}
	if t := f.record(); t != nil {
		return t.raw
	}
	return unsafe.String(f.p, valueLen(f.p))
}

// GoString returns Go syntax that makes an equal Field, such as respjson.NewField(`"x"`),
// so that %#v (and test failures that print values with it) shows each field's state and
// text rather than a pointer.
func (f Field) GoString() string {
	switch {
	case f.p == nil:
		return "respjson.Field{}"
	case f.IsNull():
		return "respjson.NewNullField()"
	case f.IsInvalid():
		return "respjson.NewInvalidField(" + strconv.Quote(f.Raw()) + ")"
	}
	return "respjson.NewField(" + strconv.Quote(f.Raw()) + ")"
}

// valueLen returns the length of the JSON value starting at p, a value the decoder checked
// and DecodedField found followed by a byte that ends it, so the scan never reads past the
// document's end.
func valueLen(p *byte) int {
	at := func(i int) byte { return *(*byte)(unsafe.Add(unsafe.Pointer(p), i)) }
	switch at(0) {
	case 't', 'n':
		return 4
	case 'f':
		return 5
	case '"':
		return stringEnd(at, 1)
	case '{', '[':
		depth := 0
		for i := 0; ; i++ {
			switch at(i) {
			case '"':
				i = stringEnd(at, i+1) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	i := 1 // a number: its bytes are digits, '-', '+', '.', 'e' and 'E'
	for c := at(i); c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; c = at(i) {
		i++
	}
	return i
}

// stringEnd returns the index just past the closing quote of the string whose body starts
// at i.
func stringEnd(at func(int) byte, i int) int {
	for {
		switch at(i) {
		case '"':
			return i + 1
		case '\\':
			i += 2
		default:
			i++
		}
	}
}
