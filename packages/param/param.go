// Package param holds the building blocks of request parameters: [Opt], an optional value
// that tells "not set" apart from "set to the zero value" and from an explicit JSON null.
//
// Build optional values with the helpers of the root package, which read better at the call site:
//
//	params := beta.DirectoryNewParams{
//		Name:        "invoices",
//		Description: llamacloud.String("scanned PDFs"), // sent
//	}
//	update := beta.DirectoryUpdateParams{
//		Description: param.Null[string](), // sent as "description": null
//	}
//
// The zero value of an [Opt] is omitted from the request.
package param

import (
	"encoding/json"
	"fmt"

	"github.com/run-llama/llama-cloud-go/internal/optaccess"
)

type status uint8

const (
	omitted status = iota
	null
	set
)

// Opt is an optional request value. Its zero value is "omitted": the field is not sent at all.
// [NewOpt] makes a value that is sent (even when it is T's zero value, such as "" or 0) and
// [Null] makes one that is sent as JSON null. Opt is a small value type; copy it freely.
type Opt[T comparable] struct {
	value  T
	status status
}

// NewOpt returns an Opt that holds v and is sent.
func NewOpt[T comparable](v T) Opt[T] { return Opt[T]{value: v, status: set} }

// Null returns an Opt that is sent as an explicit JSON null, which the API reads as "clear this value".
func Null[T comparable]() Opt[T] { return Opt[T]{status: null} }

// Valid reports whether o holds a value to send (it was made by [NewOpt]).
func (o Opt[T]) Valid() bool { return o.status == set }

// IsNull reports whether o is an explicit null (it was made by [Null]).
func (o Opt[T]) IsNull() bool { return o.status == null }

// IsOmitted reports whether o is the zero Opt, which is left out of the request.
func (o Opt[T]) IsOmitted() bool { return o.status == omitted }

// Value returns the value held by o, or T's zero value when o is omitted or null.
func (o Opt[T]) Value() T { return o.value }

// Or returns the value held by o, or def when o is omitted or null.
func (o Opt[T]) Or(def T) T {
	if o.status == set {
		return o.value
	}
	return def
}

// String formats o for debugging: the value, "null" or "omitted".
func (o Opt[T]) String() string {
	switch o.status {
	case set:
		return fmt.Sprint(o.value)
	case null:
		return "null"
	}
	return "omitted"
}

// EncodeParts serves the SDK's request encoders and cannot be called from other modules (its
// argument's type is internal); use [Opt.Valid], [Opt.IsNull] and [Opt.Value] instead.
func (o *Opt[T]) EncodeParts(optaccess.Key) (value any, isNull bool) {
	if o.status == set {
		return &o.value, false
	}
	return nil, o.status == null
}

// MarshalJSON encodes o as its value, or as null when o is null or omitted. The SDK's own
// encoder leaves omitted values out altogether; this method serves callers that marshal
// params with encoding/json themselves.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if o.status != set {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}
