// Package paramcheck validates request params against the constraints in their `param`
// struct tags, for the JSON and query encoders, so that bad values are refused before any
// request is sent, with an error that names the field and the value:
//
//   - `param:"nonneg"`: the number must not be negative (page sizes, limits, offsets, counts);
//   - `param:"required"`: the string must not be empty or blank (the identifiers a body
//     requires, such as index_id or deployment_name, refused as empty path IDs are).
//
// The constraints have a tag of their own, apart from `json` and `query`, so that tools
// reading those tags see only the options they know.
package paramcheck

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/run-llama/llama-cloud-go/packages/param"
)

// Check validates the value of a field, given as the field's reflect.Value (read through
// reflect, so no unsafe pointer crosses from the encoders). The encoders pass addressable
// fields, so that a param.Opt is read through a pointer rather than a copy. A field with
// no constraint has a nil Check.
type Check func(v reflect.Value) error

// HasOption reports whether a comma-separated list of options includes opt.
func HasOption(opts, opt string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// ForField returns the check a struct field's `param` tag asks for, or nil; name is the
// field's wire name, for the error. A constraint on a type it cannot apply to is reported
// when the plan is built, so a mistyped tag fails every call rather than passing silently.
func ForField(f reflect.StructField, name string) (Check, error) {
	tag := f.Tag.Get("param")
	switch {
	case HasOption(tag, "nonneg"):
		return nonnegative(f, name)
	case HasOption(tag, "required"):
		return required(f, name)
	}
	return nil, nil
}

// required checks that a string field holds more than white space.
func required(f reflect.StructField, name string) (Check, error) {
	if f.Type.Kind() != reflect.String {
		return nil, fmt.Errorf("llamacloud: required on field %s of type %s", f.Name, f.Type)
	}
	return func(v reflect.Value) error {
		if s := v.String(); strings.TrimSpace(s) == "" {
			return fmt.Errorf("llamacloud: %s must not be empty or blank, got %q", name, s)
		}
		return nil
	}, nil
}

// nonnegative checks that a numeric field is not below zero.
func nonnegative(f reflect.StructField, name string) (Check, error) {
	get := number(f.Type)
	if get == nil {
		return nil, fmt.Errorf("llamacloud: nonneg on field %s of type %s", f.Name, f.Type)
	}
	return func(v reflect.Value) error {
		if n, ok := get(v); ok && n < 0 {
			return fmt.Errorf("llamacloud: %s must not be negative, got %s", name, strconv.FormatFloat(n, 'f', -1, 64))
		}
		return nil
	}, nil
}

// number returns a reader of a numeric field's value for the types a bound applies to; ok
// is false when an optional value is not set.
func number(t reflect.Type) func(v reflect.Value) (float64, bool) {
	switch t {
	case reflect.TypeFor[param.Opt[int64]]():
		return func(v reflect.Value) (float64, bool) {
			o := opt[int64](v)
			return float64(o.Value()), o.Valid()
		}
	case reflect.TypeFor[param.Opt[float64]]():
		return func(v reflect.Value) (float64, bool) {
			o := opt[float64](v)
			return o.Value(), o.Valid()
		}
	}
	switch t.Kind() {
	case reflect.Int64, reflect.Int:
		return func(v reflect.Value) (float64, bool) { return float64(v.Int()), true }
	case reflect.Float64:
		return func(v reflect.Value) (float64, bool) { return v.Float(), true }
	}
	return nil
}

// opt returns the param.Opt[T] that v holds. An addressable v (as the encoders pass it) is
// read through a pointer, which boxes nothing; v.Interface would allocate a boxed copy.
func opt[T comparable](v reflect.Value) param.Opt[T] {
	if v.CanAddr() {
		if o, ok := v.Addr().Interface().(*param.Opt[T]); ok {
			return *o
		}
	}
	o, _ := v.Interface().(param.Opt[T])
	return o
}
