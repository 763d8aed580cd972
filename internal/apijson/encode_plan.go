package apijson

import (
	"cmp"
	"encoding"
	"encoding/json"
	"github.com/run-llama/llama-cloud-go/internal/paramcheck"
	"github.com/run-llama/llama-cloud-go/internal/plancache"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/packages/param"
)

// encodeFunc appends the JSON encoding of the Go value at p.
type encodeFunc func(b []byte, p unsafe.Pointer) ([]byte, error)

// encodePlan is the cached encoder of one Go type.
type encodePlan struct {
	enc     encodeFunc
	isZero  func(p unsafe.Pointer) bool // the Go zero value, for omitzero
	isEmpty func(p unsafe.Pointer) bool // encoding/json's "empty", for omitempty
	opt     bool                        // a param.Opt: isZero means omitted
	direct  bool                        // stored in an interface's data word
}

var (
	encodePlans plancache.Cache[encodePlan]

	marshalerType        = reflect.TypeFor[json.Marshaler]()
	variantMarshalerType = reflect.TypeFor[VariantMarshaler]()
	textMarshalerType    = reflect.TypeFor[encoding.TextMarshaler]()
	numberType           = reflect.TypeFor[json.Number]()
	isZeroerType         = reflect.TypeFor[interface{ IsZero() bool }]()
)

// The status bytes of param.Opt, read from values the param package makes.
var (
	optNull = optStatus(param.Null[string]())
	optSet  = optStatus(param.NewOpt(""))
)

// optStatusOffset returns the offset of the status field of an instantiation of param.Opt.
func optStatusOffset(t reflect.Type) uintptr {
	f, _ := t.FieldByName("status")
	return f.Offset
}

func optStatus(o param.Opt[string]) uint8 {
	return *(*uint8)(unsafe.Add(unsafe.Pointer(&o), optStatusOffset(reflect.TypeOf(o))))
}

// isOptType reports whether t is an instantiation of param.Opt with the expected layout.
func isOptType(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.PkgPath() != reflect.TypeFor[param.Opt[string]]().PkgPath() || !strings.HasPrefix(t.Name(), "Opt[") {
		return false
	}
	v, okV := t.FieldByName("value")
	s, okS := t.FieldByName("status")
	return okV && okS && s.Type.Kind() == reflect.Uint8 && v.Offset == 0
}

// encodePlanFor returns t's plan, building and caching it on first use.
func encodePlanFor(t reflect.Type) *encodePlan { return encodePlans.Get(t, fillEncodePlan) }

func fillEncodePlan(pb *plancache.Builder[encodePlan], t reflect.Type, p *encodePlan) {
	b := encodeBuilder{pb}
	p.direct = isDirectIface(t)
	b.build(p, t)
	if p.isZero == nil {
		p.isZero = zeroChecker(t)
	}
	if p.isEmpty == nil {
		p.isEmpty = emptyChecker(t, p.isZero)
	}
}

// encodeBuilder builds the encoders of one type graph.
type encodeBuilder struct{ *plancache.Builder[encodePlan] }

func (b encodeBuilder) plan(t reflect.Type) *encodePlan { return b.Plan(t) }

func (b encodeBuilder) build(p *encodePlan, t reflect.Type) {
	if isOptType(t) {
		b.optEncoder(p, t)
		return
	}
	switch t {
	case timeType:
		p.enc = encodeTime
		return
	case numberType:
		p.enc = encodeNumber
		return
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		if reflect.PointerTo(t).Implements(variantMarshalerType) {
			p.enc = variantEncoder(t)
			return
		}
		if reflect.PointerTo(t).Implements(marshalerType) {
			p.enc = marshalerEncoder(t)
			return
		}
		if reflect.PointerTo(t).Implements(textMarshalerType) {
			p.enc = textMarshalerEncoder(t)
			return
		}
	}
	switch t.Kind() {
	case reflect.String:
		p.enc = encodeString
	case reflect.Bool:
		p.enc = encodeBool
	case reflect.Int:
		p.enc = encodeSigned[int]
	case reflect.Int8:
		p.enc = encodeSigned[int8]
	case reflect.Int16:
		p.enc = encodeSigned[int16]
	case reflect.Int32:
		p.enc = encodeSigned[int32]
	case reflect.Int64:
		p.enc = encodeSigned[int64]
	case reflect.Uint:
		p.enc = encodeUnsigned[uint]
	case reflect.Uint8:
		p.enc = encodeUnsigned[uint8]
	case reflect.Uint16:
		p.enc = encodeUnsigned[uint16]
	case reflect.Uint32:
		p.enc = encodeUnsigned[uint32]
	case reflect.Uint64:
		p.enc = encodeUnsigned[uint64]
	case reflect.Uintptr:
		p.enc = encodeUnsigned[uintptr]
	case reflect.Float32:
		p.enc = encodeFloat32
	case reflect.Float64:
		p.enc = encodeFloat64
	case reflect.Interface:
		p.enc = interfaceEncoder(t)
	case reflect.Pointer:
		elem := b.plan(t.Elem())
		p.enc = func(b []byte, p unsafe.Pointer) ([]byte, error) {
			ep := *(*unsafe.Pointer)(p)
			if ep == nil {
				return append(b, "null"...), nil
			}
			return elem.enc(b, ep)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(marshalerType) &&
			!reflect.PointerTo(t.Elem()).Implements(textMarshalerType) {
			p.enc = encodeBytes
			return
		}
		p.enc = sequenceEncoder(b.plan(t.Elem()), t.Elem().Size(), func(p unsafe.Pointer) (unsafe.Pointer, int) {
			sh := (*sliceHeader)(p)
			return sh.data, sh.len
		})
	case reflect.Array:
		n := t.Len()
		p.enc = sequenceEncoder(b.plan(t.Elem()), t.Elem().Size(), func(p unsafe.Pointer) (unsafe.Pointer, int) {
			return p, n
		})
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			p.enc = unsupportedEncoder(t)
			return
		}
		if t == reflect.TypeFor[map[string]any]() {
			p.enc = encodeMapAny
			return
		}
		p.enc = mapEncoder(t, b.plan(t.Elem()))
	case reflect.Struct:
		p.enc = b.structEncoder(t)
	default:
		p.enc = unsupportedEncoder(t)
	}
}

// optEncoder encodes a param.Opt[T] through T's plan: null when null, the value when set.
// Omitted Opts are left out by the struct encoder; elsewhere they are written as null.
func (b encodeBuilder) optEncoder(p *encodePlan, t reflect.Type) {
	value := b.plan(t.Field(0).Type)
	off := optStatusOffset(t)
	p.opt = true
	p.isZero = func(p unsafe.Pointer) bool {
		status := *(*uint8)(unsafe.Add(p, off))
		return status != optNull && status != optSet
	}
	p.isEmpty = p.isZero
	p.enc = func(b []byte, p unsafe.Pointer) ([]byte, error) {
		if *(*uint8)(unsafe.Add(p, off)) != optSet {
			return append(b, "null"...), nil
		}
		return value.enc(b, p)
	}
}

func unsupportedEncoder(t reflect.Type) encodeFunc {
	return func(b []byte, _ unsafe.Pointer) ([]byte, error) {
		return b, &encodeError{msg: "unsupported type " + t.String()}
	}
}

// variantEncoder encodes a request union as its set variant, with the variant's own plan:
// no intermediate bytes, no second pass over them.
func variantEncoder(t reflect.Type) encodeFunc {
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		m, _ := reflect.NewAt(t, p).Interface().(VariantMarshaler)
		v, err := m.MarshalVariant()
		if err != nil {
			return b, &encodeError{msg: err.Error(), err: err}
		}
		return encodeAny(b, unsafe.Pointer(&v))
	}
}

func interfaceEncoder(t reflect.Type) encodeFunc {
	if t.NumMethod() == 0 {
		return encodeAny
	}
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		v := reflect.NewAt(t, p).Elem()
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		x := v.Elem().Interface()
		return encodeAny(b, unsafe.Pointer(&x))
	}
}

func textMarshalerEncoder(t reflect.Type) encodeFunc {
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		m, _ := reflect.NewAt(t, p).Interface().(encoding.TextMarshaler)
		text, err := m.MarshalText()
		if err != nil {
			return b, &encodeError{msg: "MarshalText of " + t.String() + ": " + err.Error(), err: err}
		}
		return appendString(b, string(text)), nil
	}
}

// sequenceEncoder encodes slices and arrays; elems returns the first element and the length.
// A nil slice is written as [].
func sequenceEncoder(elem *encodePlan, size uintptr, elems func(p unsafe.Pointer) (unsafe.Pointer, int)) encodeFunc {
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		data, n := elems(p)
		b = append(b, '[')
		var err error
		for i := 0; i < n; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = elem.enc(b, unsafe.Add(data, uintptr(i)*size)); err != nil {
				return b, withField(err, "["+strconv.Itoa(i)+"]")
			}
		}
		return append(b, ']'), nil
	}
}

// mapEncoder encodes a map with string keys in sorted key order; a nil map is written as {}.
func mapEncoder(t reflect.Type, elem *encodePlan) encodeFunc {
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		m := reflect.NewAt(t, p).Elem()
		n := m.Len()
		// Copy the entries out once, without a copy per MapIndex: the keys into a slice to
		// sort, the values into one slice of the element type.
		var small [16]string
		keys := small[:0]
		vals := reflect.MakeSlice(reflect.SliceOf(t.Elem()), n, n)
		it := m.MapRange()
		for i := 0; it.Next(); i++ {
			keys = append(keys, it.Key().String())
			vals.Index(i).SetIterValue(it)
		}
		order := make([]int, len(keys))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(x, y int) int { return strings.Compare(keys[x], keys[y]) })
		base, size := vals.UnsafePointer(), t.Elem().Size()
		b = append(b, '{')
		var err error
		for i, j := range order {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, keys[j])
			b = append(b, ':')
			if b, err = elem.enc(b, unsafe.Add(base, uintptr(j)*size)); err != nil {
				return b, withField(err, keys[j])
			}
		}
		return append(b, '}'), nil
	}
}

func encodeMapAny(b []byte, p unsafe.Pointer) ([]byte, error) {
	m := *(*map[string]any)(p)
	var small [16]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		v := m[k]
		if b, err = encodeAny(b, unsafe.Pointer(&v)); err != nil {
			return b, withField(err, k)
		}
	}
	return append(b, '}'), nil
}

// Omission modes of a struct field.
const (
	omitNever uint8 = iota
	omitZero
	omitEmpty
)

type encodeField struct {
	key   string // `"name":`
	name  string
	off   uintptr
	plan  *encodePlan
	omit  uint8
	check paramcheck.Check // the field's tag constraints (paramcheck), or nil
}

func (b encodeBuilder) structEncoder(t reflect.Type) encodeFunc {
	var fields []encodeField
	var buildErr error
	for _, f := range jsonFields(t) {
		ef := encodeField{name: f.name, off: f.off, plan: b.plan(f.Type)}
		if check, err := paramcheck.ForField(f.StructField, f.name); err != nil {
			buildErr = cmp.Or(buildErr, err)
		} else {
			ef.check = check
		}
		ef.key = string(appendString(nil, f.name)) + ":"
		_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "omitzero":
				ef.omit = omitZero
			case "omitempty":
				if ef.omit == omitNever {
					ef.omit = omitEmpty
				}
			}
		}
		fields = append(fields, ef)
	}
	if buildErr != nil {
		return func(b []byte, _ unsafe.Pointer) ([]byte, error) { return b, buildErr }
	}
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		b = append(b, '{')
		first := true
		var err error
		for i := range fields {
			f := &fields[i]
			fp := unsafe.Add(p, f.off)
			if f.check != nil {
				if err := f.check(fp); err != nil {
					return b, err
				}
			}
			switch {
			case f.plan.opt:
				if f.plan.isZero(fp) {
					continue
				}
			case f.omit == omitZero:
				if f.plan.isZero(fp) {
					continue
				}
			case f.omit == omitEmpty:
				if f.plan.isEmpty(fp) {
					continue
				}
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, f.key...)
			if b, err = f.plan.enc(b, fp); err != nil {
				return b, withField(err, f.name)
			}
		}
		return append(b, '}'), nil
	}
}

// zeroChecker reports whether the value at p is its type's zero value, using an IsZero method
// when the type has one (as encoding/json's omitzero does).
func zeroChecker(t reflect.Type) func(p unsafe.Pointer) bool {
	if t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(isZeroerType) {
		if t == timeType {
			return func(p unsafe.Pointer) bool { return (*time.Time)(p).IsZero() }
		}
		return func(p unsafe.Pointer) bool {
			z, _ := reflect.NewAt(t, p).Interface().(interface{ IsZero() bool })
			return z.IsZero()
		}
	}
	switch t.Kind() {
	case reflect.String:
		return func(p unsafe.Pointer) bool { return *(*string)(p) == "" }
	case reflect.Bool:
		return func(p unsafe.Pointer) bool { return !*(*bool)(p) }
	case reflect.Pointer, reflect.Map:
		return func(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
	case reflect.Slice:
		return func(p unsafe.Pointer) bool { return (*sliceHeader)(p).data == nil }
	case reflect.Interface:
		return func(p unsafe.Pointer) bool { return (*eface)(p).typ == nil }
	}
	size := t.Size()
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Array {
		// Numbers: zero means all bits clear, as reflect.Value.IsZero (-0.0 is not zero).
		return func(p unsafe.Pointer) bool {
			for _, c := range unsafe.Slice((*byte)(p), size) {
				if c != 0 {
					return false
				}
			}
			return true
		}
	}
	return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() }
}

// emptyChecker implements omitempty: false, 0, nil and empty strings, slices and maps.
func emptyChecker(t reflect.Type, isZero func(unsafe.Pointer) bool) func(p unsafe.Pointer) bool {
	switch t.Kind() {
	case reflect.Slice:
		return func(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }
	case reflect.Map:
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Len() == 0 }
	case reflect.Array:
		n := t.Len()
		return func(unsafe.Pointer) bool { return n == 0 }
	case reflect.Struct:
		return func(unsafe.Pointer) bool { return false }
	case reflect.String, reflect.Bool, reflect.Pointer, reflect.Interface:
		return zeroChecker(t)
	}
	return isZero
}
