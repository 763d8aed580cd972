// Package apiquery encodes the query-string fields of request params. Fields tagged
// `query:"name"` are encoded; all others are ignored:
//
//	type DirectoryListParams struct {
//		ProjectID param.Opt[string] `query:"project_id" json:"-"`
//		Expand    []string          `query:"expand" json:"-"`
//	}
//	q, err := apiquery.Values(params) // project_id=p1&expand=a&expand=b
//
// It encodes what the API's query parameters hold and nothing else, so that a params type
// cannot put anything in a query string that the API would not read back as meant:
//
//   - param.Opt[string], Opt[int64], Opt[float64], Opt[bool] and Opt[time.Time]: left out when
//     omitted and also when null (a query string cannot say null); a set Opt is always sent,
//     even as "" or 0. (The beta params use only these, strings, enums and []string.)
//   - Strings and string enums (named string types): sent as they are, left out when "".
//   - Plain integers, floats and bools, for the params structs callers write for
//     llamacloud.Client.Execute: left out when zero, as encoding/json's omitempty would.
//   - []string (or a slice of a string enum): the key is repeated once per element
//     (expand=a&expand=b), empty elements included; a nil or empty slice is left out.
//
// Bools are "true"/"false" and integers decimal. Floats use their shortest form without an
// exponent ("0.25", "1000000") when 1e-6 <= |f| < 1e21, and exponent form ("1e+21", "1e-7")
// outside that range, as encoding/json does; NaN and ±Inf are errors. Times are RFC 3339 in
// UTC with milliseconds: 2024-01-02T03:04:05.000Z.
//
// A field of any other type, or a query tag with options, fails every call with an error
// naming the field. Constraints in `param` tags (see internal/paramcheck) are checked before
// anything is encoded. Plans are built once per params type by reflection and cached; param.Opt
// is read through its accessor (internal/optaccess), never through its fields.
package apiquery

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/optaccess"
	"github.com/run-llama/llama-cloud-go/internal/paramcheck"
	"github.com/run-llama/llama-cloud-go/internal/plancache"
)

// Values returns the query parameters of v, a params struct or a pointer to one. A nil pointer
// yields empty values. It returns an error for unsupported field types and for NaN or infinite
// floats, naming the parameter.
func Values(v any) (url.Values, error) {
	q := url.Values{}
	if err := Append(q, v); err != nil {
		return nil, err
	}
	return q, nil
}

// Append adds the query parameters of v to dst, like [Values]. Keys already in dst keep their
// values and gain v's after them.
func Append(dst url.Values, v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return fmt.Errorf("llamacloud: encode query: params must be a struct, not %T", v)
	}
	p := plans.Get(rv.Type(), fillPlan)
	if p.err != nil {
		return p.err
	}
	if len(p.fields) == 0 {
		return nil
	}
	if !rv.CanAddr() {
		// A struct passed by value: copy it to addressable memory, where param.Opt's
		// accessor and the field checks can reach its fields.
		cp := reflect.New(rv.Type()).Elem()
		cp.Set(rv)
		rv = cp
	}
	for i := range p.fields {
		f := &p.fields[i]
		fv := rv.Field(f.index)
		if f.check != nil {
			if err := f.check(fv.Addr().UnsafePointer()); err != nil {
				return err
			}
		}
		if err := f.enc(dst, f.name, fv); err != nil {
			return err
		}
	}
	return nil
}

// plan is the cached query encoder of one params struct type.
type plan struct {
	fields []field
	err    error // a field the encoder cannot send, reported by every call
}

type field struct {
	name  string
	index int
	enc   encodeFunc
	check paramcheck.Check // the field's `param` tag constraints, or nil
}

// encodeFunc adds the value v under key.
type encodeFunc func(dst url.Values, key string, v reflect.Value) error

var (
	plans plancache.Cache[plan]

	optType  = reflect.TypeFor[optaccess.Opt]()
	timeType = reflect.TypeFor[time.Time]()
)

func fillPlan(_ *plancache.Builder[plan], t reflect.Type, p *plan) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("query")
		if !ok || tag == "-" || !f.IsExported() {
			continue
		}
		name, _, hasOpts := strings.Cut(tag, ",")
		if name == "" || hasOpts {
			p.err = fmt.Errorf("llamacloud: encode query: field %s has tag `query:%q`; want a name and no options", f.Name, tag)
			return
		}
		enc := encoder(f.Type)
		if enc == nil {
			p.err = fmt.Errorf("llamacloud: encode query: parameter %q has unsupported type %s", name, f.Type)
			return
		}
		check, err := paramcheck.ForField(f, name)
		if err != nil {
			p.err = err
			return
		}
		p.fields = append(p.fields, field{name: name, index: i, enc: enc, check: check})
	}
}

// encoder returns the encoder of a field of type t, or nil when t is not a query type.
func encoder(t reflect.Type) encodeFunc {
	switch {
	case t.Kind() == reflect.String:
		return encodeString
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return encodeStrings
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return encodeInt
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return encodeFloat
	case t.Kind() == reflect.Bool:
		return encodeBool
	case t.Kind() == reflect.Struct && reflect.PointerTo(t).Implements(optType):
		m, ok := reflect.PointerTo(t).MethodByName("Value")
		if !ok || m.Type.NumOut() != 1 {
			return nil
		}
		switch m.Type.Out(0) {
		case reflect.TypeFor[string](), reflect.TypeFor[int64](), reflect.TypeFor[float64](),
			reflect.TypeFor[bool](), timeType:
			return encodeOpt
		}
	}
	return nil
}

func encodeString(dst url.Values, key string, v reflect.Value) error {
	if s := v.String(); s != "" {
		dst.Add(key, s)
	}
	return nil
}

func encodeInt(dst url.Values, key string, v reflect.Value) error {
	if n := v.Int(); n != 0 {
		dst.Add(key, strconv.FormatInt(n, 10))
	}
	return nil
}

func encodeFloat(dst url.Values, key string, v reflect.Value) error {
	if f := v.Float(); f != 0 {
		s, err := formatFloat(f, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("llamacloud: encode query: parameter %q: %w", key, err)
		}
		dst.Add(key, s)
	}
	return nil
}

func encodeBool(dst url.Values, key string, v reflect.Value) error {
	if v.Bool() {
		dst.Add(key, "true")
	}
	return nil
}

// encodeStrings sends every element, empty ones included: they are part of the list.
func encodeStrings(dst url.Values, key string, v reflect.Value) error {
	for i, n := 0, v.Len(); i < n; i++ {
		dst.Add(key, v.Index(i).String())
	}
	return nil
}

// encodeOpt sends a set Opt's value (even a zero one) and leaves out omitted and null Opts.
func encodeOpt(dst url.Values, key string, v reflect.Value) error {
	x, _ := v.Addr().Interface().(optaccess.Opt).EncodeParts(optaccess.Key{})
	var s string
	switch x := x.(type) {
	case nil:
		return nil
	case *string:
		s = *x
	case *int64:
		s = strconv.FormatInt(*x, 10)
	case *float64:
		var err error
		if s, err = formatFloat(*x, 64); err != nil {
			return fmt.Errorf("llamacloud: encode query: parameter %q: %w", key, err)
		}
	case *bool:
		s = strconv.FormatBool(*x)
	case *time.Time:
		s = formatTime(*x)
	}
	dst.Add(key, s)
	return nil
}

// formatTime writes t in UTC as RFC 3339 with milliseconds.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// formatFloat writes f, of a float type of bits bits, in its shortest form, without an
// exponent inside [1e-6, 1e21).
func formatFloat(f float64, bits int) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("unsupported value %s", strconv.FormatFloat(f, 'g', -1, bits))
	}
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		s := strconv.FormatFloat(f, 'e', -1, bits)
		// Trim "e-07" to "e-7", as encoding/json does.
		if n := len(s); n >= 4 && s[n-4] == 'e' && s[n-2] == '0' {
			s = s[:n-2] + s[n-1:]
		}
		return s, nil
	}
	return strconv.FormatFloat(f, 'f', -1, bits), nil
}
