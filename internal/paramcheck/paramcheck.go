// Package paramcheck validates request params against the constraints of their struct tags,
// shared by the JSON and query encoders. A field tagged with the option "nonneg"
// (`json:"page_size,nonneg"`, `query:"limit,nonneg"`) must not hold a negative number:
// page sizes, limits, offsets and counts are refused before any request is sent, with an
// error that names the field and the value.
package paramcheck

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/packages/param"
)

// Check validates the value of a field at a pointer; nil when the field has no constraint.
type Check func(p unsafe.Pointer) error

// HasOption reports whether a tag's options (the part after the first comma) include opt.
func HasOption(tag, opt string) bool {
	_, opts, _ := strings.Cut(tag, ",")
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// ForField returns the check a struct field's tag (of the given key, "json" or "query")
// asks for, or nil. A constraint on a type it cannot apply to is reported when the plan
// is built, so a mistyped tag fails every call rather than passing silently.
func ForField(f reflect.StructField, key, name string) (Check, error) {
	if !HasOption(f.Tag.Get(key), "nonneg") {
		return nil, nil
	}
	get := number(f.Type)
	if get == nil {
		return nil, fmt.Errorf("llamacloud: nonneg on field %s of type %s", f.Name, f.Type)
	}
	return func(p unsafe.Pointer) error {
		if v, ok := get(p); ok && v < 0 {
			return fmt.Errorf("llamacloud: %s must not be negative, got %s", name, strconv.FormatFloat(v, 'f', -1, 64))
		}
		return nil
	}, nil
}

// number returns a reader of the numeric value at p for the types a bound applies to;
// ok is false when an optional value is not set.
func number(t reflect.Type) func(p unsafe.Pointer) (float64, bool) {
	switch t {
	case reflect.TypeFor[param.Opt[int64]]():
		return func(p unsafe.Pointer) (float64, bool) {
			o := (*param.Opt[int64])(p)
			return float64(o.Value()), o.Valid()
		}
	case reflect.TypeFor[param.Opt[float64]]():
		return func(p unsafe.Pointer) (float64, bool) {
			o := (*param.Opt[float64])(p)
			return o.Value(), o.Valid()
		}
	}
	switch t.Kind() {
	case reflect.Int64:
		return func(p unsafe.Pointer) (float64, bool) { return float64(*(*int64)(p)), true }
	case reflect.Int:
		return func(p unsafe.Pointer) (float64, bool) { return float64(*(*int)(p)), true }
	case reflect.Float64:
		return func(p unsafe.Pointer) (float64, bool) { return *(*float64)(p), true }
	}
	return nil
}
