package apijson

import (
	"reflect"
	"unsafe"
)

// DocumentDecoder decodes JSON documents one after another into values of type T, with
// T's plan looked up once and one decoder state reused: a stream of small documents does
// not pay [UnmarshalString]'s setup (plan lookup, reflection, a decoder state allocated per
// call) for each. The zero value is ready to use; it is not safe for concurrent use.
type DocumentDecoder[T any] struct {
	plan *decodePlan
	d    decoder
}

// DecodeString decodes the JSON document s into *v with the rules and errors of
// [UnmarshalString]; the strings of *v share s's memory in the same way.
func (dd *DocumentDecoder[T]) DecodeString(s string, v *T) error {
	t := reflect.TypeFor[T]()
	if dd.plan == nil {
		dd.plan = decodePlanFor(t)
	}
	dd.d = decoder{s: s, strict: strictMetadata.Load()}
	return dd.d.document(dd.plan, t, unsafe.Pointer(v))
}
