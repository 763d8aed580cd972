// Package apiquery encodes the query-string fields of request params. Fields tagged
// `query:"name"` are encoded; all others are ignored:
//
//	type DirectoryListParams struct {
//		ProjectID param.Opt[string] `query:"project_id" json:"-"`
//		Expand    []string          `query:"expand" json:"-"`
//	}
//	q, err := apiquery.Values(params) // project_id=p1&expand=a&expand=b
//
// # Rules
//
//   - A param.Opt is left out when omitted and also when null (a query string cannot say null);
//     a set Opt is always sent, even as "" or 0.
//   - Plain strings, numbers and bools are left out when zero, unless the tag says
//     `query:"name,required"`. Named string types (enums) are sent as they are.
//   - Bools are "true"/"false". Integers are decimal. Floats use their shortest form without an
//     exponent ("0.25", "1000000") when 1e-6 <= |f| < 1e21, and exponent form ("1e+21", "1e-7")
//     outside that range, as encoding/json does; NaN and ±Inf are errors.
//   - time.Time (plain or in an Opt) is RFC 3339 in UTC with milliseconds: 2024-01-02T03:04:05.000Z.
//   - A slice repeats its key once per element (expand=a&expand=b); a nil or empty slice is left out.
//   - A nested struct or a map with string keys sends each member as name[key]=value; map keys are
//     visited in sorted order. Pointers are followed; nil pointers are left out.
//   - Types implementing encoding.TextMarshaler are sent as their text.
//
// Plans are built once per type by reflection and cached; encoding then runs over unsafe field
// offsets.
package apiquery

import (
	"encoding"
	"fmt"
	"github.com/run-llama/llama-cloud-go/internal/paramcheck"
	"github.com/run-llama/llama-cloud-go/internal/plancache"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/packages/param"
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
	plan := planFor(rv.Type())
	if rv.CanAddr() {
		return plan.enc(dst, "", rv.Addr().UnsafePointer())
	}
	// A struct passed by value: copy it to addressable memory.
	cp := reflect.New(rv.Type())
	cp.Elem().Set(rv)
	return plan.enc(dst, "", cp.UnsafePointer())
}

// encodeFunc adds the value at p under key. required asks for zero values to be sent too.
type encodeFunc func(dst url.Values, key string, p unsafe.Pointer) error

type plan struct {
	enc encodeFunc
	// req encodes a field tagged required: zero scalars are sent too. Nil for types where it
	// makes no difference.
	req encodeFunc
}

var (
	plans plancache.Cache[plan]

	timeType          = reflect.TypeFor[time.Time]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	optPkgPath        = reflect.TypeFor[param.Opt[string]]().PkgPath()
)

func planFor(t reflect.Type) *plan { return plans.Get(t, fillPlan) }

func fillPlan(pb *plancache.Builder[plan], t reflect.Type, p *plan) {
	b := builder{pb}
	p.enc, p.req = b.build(t)
	if p.req == nil {
		p.req = p.enc
	}
}

// builder builds the encoders of one type graph.
type builder struct{ *plancache.Builder[plan] }

func (b builder) plan(t reflect.Type) *plan { return b.Plan(t) }

// scalar returns encoders for a type written as one value: enc leaves out zero values, req
// does not.
func scalar(format func(p unsafe.Pointer) (string, error), isZero func(p unsafe.Pointer) bool) (encodeFunc, encodeFunc) {
	req := func(dst url.Values, key string, p unsafe.Pointer) error {
		s, err := format(p)
		if err != nil {
			return fmt.Errorf("llamacloud: encode query: parameter %q: %w", key, err)
		}
		dst.Add(key, s)
		return nil
	}
	enc := func(dst url.Values, key string, p unsafe.Pointer) error {
		if isZero(p) {
			return nil
		}
		return req(dst, key, p)
	}
	return enc, req
}

func (b builder) build(t reflect.Type) (encodeFunc, encodeFunc) {
	if isOptType(t) {
		return b.optEncoder(t), nil
	}
	if t == timeType {
		return scalar(func(p unsafe.Pointer) (string, error) { return formatTime(*(*time.Time)(p)), nil },
			func(p unsafe.Pointer) bool { return (*time.Time)(p).IsZero() })
	}
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshalerType) {
		return scalar(func(p unsafe.Pointer) (string, error) {
			m, _ := reflect.NewAt(t, p).Interface().(encoding.TextMarshaler)
			text, err := m.MarshalText()
			return string(text), err
		}, func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() })
	}
	switch t.Kind() {
	case reflect.String:
		return scalar(func(p unsafe.Pointer) (string, error) { return *(*string)(p), nil },
			func(p unsafe.Pointer) bool { return *(*string)(p) == "" })
	case reflect.Bool:
		return scalar(func(p unsafe.Pointer) (string, error) { return strconv.FormatBool(*(*bool)(p)), nil },
			func(p unsafe.Pointer) bool { return !*(*bool)(p) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return scalar(func(p unsafe.Pointer) (string, error) {
			return strconv.FormatInt(reflect.NewAt(t, p).Elem().Int(), 10), nil
		}, func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Int() == 0 })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return scalar(func(p unsafe.Pointer) (string, error) {
			return strconv.FormatUint(reflect.NewAt(t, p).Elem().Uint(), 10), nil
		}, func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Uint() == 0 })
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return scalar(func(p unsafe.Pointer) (string, error) {
			return formatFloat(reflect.NewAt(t, p).Elem().Float(), bits)
		}, func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Float() == 0 })
	case reflect.Pointer:
		elem := b.plan(t.Elem())
		enc := func(dst url.Values, key string, p unsafe.Pointer) error {
			if ep := *(*unsafe.Pointer)(p); ep != nil {
				return elem.enc(dst, key, ep)
			}
			return nil
		}
		req := func(dst url.Values, key string, p unsafe.Pointer) error {
			if ep := *(*unsafe.Pointer)(p); ep != nil {
				return elem.req(dst, key, ep)
			}
			return nil
		}
		return enc, req
	case reflect.Slice:
		elem := b.plan(t.Elem())
		size := t.Elem().Size()
		// Every element is sent, zero values included: they are part of the list.
		return func(dst url.Values, key string, p unsafe.Pointer) error {
			v := reflect.NewAt(t, p).Elem()
			data := v.UnsafePointer()
			for i := 0; i < v.Len(); i++ {
				if err := elem.req(dst, key, unsafe.Add(data, uintptr(i)*size)); err != nil {
					return err
				}
			}
			return nil
		}, nil
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return b.mapEncoder(t), nil
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return encodeAny, nil
		}
	case reflect.Struct:
		return b.structEncoder(t), nil
	}
	return func(_ url.Values, key string, _ unsafe.Pointer) error {
		return fmt.Errorf("llamacloud: encode query: parameter %q has unsupported type %s", key, t)
	}, nil
}

// optEncoder sends a set Opt's value (even a zero one) and leaves out omitted and null Opts.
func (b builder) optEncoder(t reflect.Type) encodeFunc {
	value := b.plan(t.Field(0).Type)
	off := t.Field(0).Offset
	statusOff := optStatusOffset(t)
	return func(dst url.Values, key string, p unsafe.Pointer) error {
		if *(*uint8)(unsafe.Add(p, statusOff)) != optSet {
			return nil
		}
		return value.req(dst, key, unsafe.Add(p, off))
	}
}

// optSet is the status byte of a param.Opt that holds a value, read from one param makes.
var optSet = func() uint8 {
	o := param.NewOpt("")
	return *(*uint8)(unsafe.Add(unsafe.Pointer(&o), optStatusOffset(reflect.TypeOf(o))))
}()

// isOptType reports whether t is an instantiation of param.Opt with the expected layout.
func isOptType(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.PkgPath() != optPkgPath || !strings.HasPrefix(t.Name(), "Opt[") {
		return false
	}
	status, ok := t.FieldByName("status")
	return ok && status.Type.Kind() == reflect.Uint8 && t.NumField() == 2 && t.Field(0).Name == "value"
}

// optStatusOffset returns the offset of the status field of an instantiation of param.Opt.
func optStatusOffset(t reflect.Type) uintptr {
	f, _ := t.FieldByName("status")
	return f.Offset
}

func (b builder) mapEncoder(t reflect.Type) encodeFunc {
	elem := b.plan(t.Elem())
	return func(dst url.Values, key string, p unsafe.Pointer) error {
		m := reflect.NewAt(t, p).Elem()
		keys := m.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		val := reflect.New(t.Elem()).Elem()
		for _, k := range keys {
			val.Set(m.MapIndex(k))
			if err := elem.req(dst, nested(key, k.String()), val.Addr().UnsafePointer()); err != nil {
				return err
			}
		}
		return nil
	}
}

// encodeAny sends the dynamic value of an interface.
func encodeAny(dst url.Values, key string, p unsafe.Pointer) error {
	v := *(*any)(p)
	if v == nil {
		return nil
	}
	cp := reflect.New(reflect.TypeOf(v))
	cp.Elem().Set(reflect.ValueOf(v))
	return planFor(cp.Elem().Type()).req(dst, key, cp.UnsafePointer())
}

type field struct {
	name     string
	off      uintptr
	plan     *plan
	required bool
	check    paramcheck.Check
}

func (b builder) structEncoder(t reflect.Type) encodeFunc {
	var fields []field
	var buildErr error
	var collect func(t reflect.Type, base uintptr)
	collect = func(t reflect.Type, base uintptr) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag, ok := f.Tag.Lookup("query")
			if !ok {
				if f.Anonymous && f.Type.Kind() == reflect.Struct {
					collect(f.Type, base+f.Offset)
				}
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" || name == "" || !f.IsExported() {
				continue
			}
			check, err := paramcheck.ForField(f, name)
			if err != nil && buildErr == nil {
				buildErr = err
			}
			fields = append(fields, field{
				name:     name,
				off:      base + f.Offset,
				plan:     b.plan(f.Type),
				required: slices.Contains(strings.Split(opts, ","), "required"),
				check:    check,
			})
		}
	}
	collect(t, 0)
	if buildErr != nil {
		return func(url.Values, string, unsafe.Pointer) error { return buildErr }
	}
	return func(dst url.Values, key string, p unsafe.Pointer) error {
		for i := range fields {
			f := &fields[i]
			if f.check != nil {
				if err := f.check(unsafe.Add(p, f.off)); err != nil {
					return err
				}
			}
			enc := f.plan.enc
			if f.required {
				enc = f.plan.req
			}
			if err := enc(dst, nested(key, f.name), unsafe.Add(p, f.off)); err != nil {
				return err
			}
		}
		return nil
	}
}

// nested returns the key of member name inside parent: parent[name], or name at the top level.
func nested(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "[" + name + "]"
}

// formatTime writes t in UTC as RFC 3339 with milliseconds.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// formatFloat writes f in its shortest form, without an exponent inside [1e-6, 1e21).
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
