package apijson

import (
	"cmp"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/optaccess"
	"github.com/run-llama/llama-cloud-go/internal/paramcheck"
	"github.com/run-llama/llama-cloud-go/internal/plancache"
)

// The encoder works on reflect.Values with plans built once per type, like encoding/json:
// it reads no memory layout of its own, and reaches param.Opt through its accessor.

// encodeFunc appends the JSON encoding of v.
type encodeFunc func(b []byte, v reflect.Value) ([]byte, error)

// encodePlan is the cached encoder of one Go type.
type encodePlan struct {
	enc      encodeFunc
	isZero   func(v reflect.Value) bool // the Go zero value, for omitzero
	isEmpty  func(v reflect.Value) bool // encoding/json's "empty", for omitempty
	opt      bool                       // a param.Opt: left out of structs when omitted
	optValue *encodePlan                // for a param.Opt[T], T's plan
}

var (
	encodePlans plancache.Cache[encodePlan]

	marshalerType        = reflect.TypeFor[json.Marshaler]()
	variantMarshalerType = reflect.TypeFor[VariantMarshaler]()
	textMarshalerType    = reflect.TypeFor[encoding.TextMarshaler]()
	numberType           = reflect.TypeFor[json.Number]()
	isZeroerType         = reflect.TypeFor[interface{ IsZero() bool }]()
	optType              = reflect.TypeFor[optaccess.Opt]()
)

// encodePlanFor returns t's plan, building and caching it on first use.
func encodePlanFor(t reflect.Type) *encodePlan { return encodePlans.Get(t, fillEncodePlan) }

func fillEncodePlan(pb *plancache.Builder[encodePlan], t reflect.Type, p *encodePlan) {
	b := encodeBuilder{pb}
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

// implements reports whether t or *t has the methods of the interface iface.
func implements(t, iface reflect.Type) bool {
	return t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && reflect.PointerTo(t).Implements(iface)
}

func (b encodeBuilder) build(p *encodePlan, t reflect.Type) {
	switch {
	case t.Kind() == reflect.Struct && implements(t, optType):
		b.optEncoder(p, t)
		return
	case t == timeType:
		p.enc = encodeTime
		return
	case t == numberType:
		p.enc = encodeNumber
		return
	case implements(t, variantMarshalerType):
		p.enc = variantEncoder()
		return
	case implements(t, marshalerType):
		p.enc = marshalerEncoder(t)
		return
	case implements(t, textMarshalerType):
		p.enc = textMarshalerEncoder(t)
		return
	}
	switch t.Kind() {
	case reflect.String:
		p.enc = encodeString
	case reflect.Bool:
		p.enc = encodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.enc = encodeInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.enc = encodeUint
	case reflect.Float32:
		p.enc = encodeFloat32
	case reflect.Float64:
		p.enc = encodeFloat64
	case reflect.Interface:
		p.enc = interfaceEncoder()
	case reflect.Pointer:
		elem := b.plan(t.Elem())
		p.enc = func(b []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			return elem.enc(b, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !implements(t.Elem(), marshalerType) && !implements(t.Elem(), textMarshalerType) {
			p.enc = encodeBytes
			return
		}
		p.enc = sequenceEncoder(b.plan(t.Elem()))
	case reflect.Array:
		p.enc = sequenceEncoder(b.plan(t.Elem()))
	case reflect.Map:
		switch {
		case t.Key().Kind() != reflect.String:
			p.enc = unsupportedEncoder(t)
		case t == reflect.TypeFor[map[string]any]():
			p.enc = func(b []byte, v reflect.Value) ([]byte, error) {
				return encodeMapAny(b, v.Interface().(map[string]any))
			}
		default:
			p.enc = mapEncoder(t, b.plan(t.Elem()))
		}
	case reflect.Struct:
		p.enc = b.structEncoder(t)
	default:
		p.enc = unsupportedEncoder(t)
	}
}

// optParts reads a param.Opt through its accessor: the value it holds (a *T) or nil, and
// whether it is an explicit null.
func optParts(v reflect.Value) (any, bool) {
	return addressOf(v).(optaccess.Opt).EncodeParts(optaccess.Key{})
}

// optEncoder encodes a param.Opt[T]: null when null, the value when set with T's plan.
// Omitted Opts are left out by the struct encoder; elsewhere they are written as null.
func (b encodeBuilder) optEncoder(p *encodePlan, t reflect.Type) {
	// T is the result of Opt's Value method.
	m, ok := reflect.PointerTo(t).MethodByName("Value")
	if !ok || m.Type.NumOut() != 1 {
		p.enc = unsupportedEncoder(t)
		return
	}
	value := b.plan(m.Type.Out(0))
	p.opt, p.optValue = true, value
	p.isZero = func(v reflect.Value) bool {
		x, null := optParts(v)
		return x == nil && !null
	}
	p.isEmpty = p.isZero
	p.enc = func(b []byte, v reflect.Value) ([]byte, error) {
		x, _ := optParts(v)
		return encodeOptValue(b, x, value)
	}
}

// encodeOptValue writes the value x (a *T, or nil for null) of a param.Opt[T], whose plan
// is value; the Opt types of the SDK's params have fast paths.
func encodeOptValue(b []byte, x any, value *encodePlan) ([]byte, error) {
	switch x := x.(type) {
	case nil:
		return append(b, "null"...), nil
	case *string:
		return appendString(b, *x), nil
	case *int64:
		return strconv.AppendInt(b, *x, 10), nil
	case *float64:
		return appendFloat(b, *x, 64)
	case *bool:
		return strconv.AppendBool(b, *x), nil
	case *time.Time:
		return appendTimeValue(b, x)
	}
	return value.enc(b, reflect.ValueOf(x).Elem())
}

func unsupportedEncoder(t reflect.Type) encodeFunc {
	return func(b []byte, _ reflect.Value) ([]byte, error) {
		return b, &encodeError{msg: "unsupported type " + t.String()}
	}
}

// variantEncoder encodes a request union as its set variant, with the variant's own plan:
// no intermediate bytes, no second pass over them.
func variantEncoder() encodeFunc {
	var memo planMemo
	return func(b []byte, v reflect.Value) ([]byte, error) {
		x, err := addressOf(v).(VariantMarshaler).MarshalVariant()
		if err != nil {
			return b, &encodeError{msg: err.Error(), err: err}
		}
		return encodeAny(b, x, &memo)
	}
}

// interfaceEncoder writes the dynamic value of an interface, null for a nil one.
func interfaceEncoder() encodeFunc {
	var memo planMemo
	return func(b []byte, v reflect.Value) ([]byte, error) {
		return encodeAny(b, v.Interface(), &memo)
	}
}

func textMarshalerEncoder(t reflect.Type) encodeFunc {
	return func(b []byte, v reflect.Value) ([]byte, error) {
		text, err := addressOf(v).(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return b, &encodeError{msg: "MarshalText of " + t.String() + ": " + err.Error(), err: err}
		}
		return appendString(b, string(text)), nil
	}
}

// sequenceEncoder encodes slices and arrays. A nil slice is written as [].
func sequenceEncoder(elem *encodePlan) encodeFunc {
	return func(b []byte, v reflect.Value) ([]byte, error) {
		b = append(b, '[')
		var err error
		for i, n := 0, v.Len(); i < n; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = elem.enc(b, v.Index(i)); err != nil {
				return b, withField(err, "["+strconv.Itoa(i)+"]")
			}
		}
		return append(b, ']'), nil
	}
}

// mapEntry is a map key and the position of its value in mapEncoder's copy of the values.
type mapEntry struct {
	key string
	i   int
}

// mapScratch is where mapEncoder copies a map's keys and values: a slice of the value type
// and a variable of the key type, reused across calls through a pool per map type.
type mapScratch struct {
	vals reflect.Value // a slice of the element type
	key  reflect.Value // an addressable value of the key type
}

// maxMapScratch bounds the values a pooled mapScratch keeps room for.
const maxMapScratch = 256

// mapEncoder encodes a map with string keys in sorted key order; a nil map is written as {}.
func mapEncoder(t reflect.Type, elem *encodePlan) encodeFunc {
	var pool sync.Pool
	return func(b []byte, v reflect.Value) ([]byte, error) {
		n := v.Len()
		sc, _ := pool.Get().(*mapScratch)
		if sc == nil || sc.vals.Cap() < n {
			sc = &mapScratch{vals: reflect.MakeSlice(reflect.SliceOf(t.Elem()), n, n), key: reflect.New(t.Key()).Elem()}
		}
		vals := sc.vals.Slice(0, n)
		defer func() {
			vals.Clear() // drop the references the values hold
			if n <= maxMapScratch {
				pool.Put(sc)
			}
		}()
		// Copy the entries out once: the keys to sort, the values into the scratch slice,
		// where they are addressable.
		var small [8]mapEntry
		entries := small[:0]
		var it reflect.MapIter
		it.Reset(v)
		for i := 0; it.Next(); i++ {
			sc.key.SetIterKey(&it)
			vals.Index(i).SetIterValue(&it)
			entries = append(entries, mapEntry{sc.key.String(), i})
		}
		slices.SortFunc(entries, func(x, y mapEntry) int { return strings.Compare(x.key, y.key) })
		b = append(b, '{')
		var err error
		for i, e := range entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e.key)
			b = append(b, ':')
			if b, err = elem.enc(b, vals.Index(e.i)); err != nil {
				return b, withField(err, e.key)
			}
		}
		return append(b, '}'), nil
	}
}

func encodeMapAny(b []byte, m map[string]any) ([]byte, error) {
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
		if b, err = encodeAny(b, m[k], nil); err != nil {
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
	index []int // the field's index path from the outer struct, through embedded structs
	plan  *encodePlan
	omit  uint8
	check paramcheck.Check // the field's tag constraints (paramcheck), or nil
}

// field returns the field f of the struct v.
func (f *encodeField) field(v reflect.Value) reflect.Value {
	if len(f.index) == 1 {
		return v.Field(f.index[0])
	}
	return v.FieldByIndex(f.index)
}

func (b encodeBuilder) structEncoder(t reflect.Type) encodeFunc {
	var fields []encodeField
	var buildErr error
	// A struct whose fields are read through pointers (param.Opt, checks) is copied to
	// addressable memory once when it is not addressable itself.
	needsAddr := false
	for _, f := range jsonFields(t) {
		ef := encodeField{name: f.name, index: f.index, plan: b.plan(f.Type)}
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
		needsAddr = needsAddr || ef.check != nil || f.Type.Kind() == reflect.Struct
		fields = append(fields, ef)
	}
	if buildErr != nil {
		return func(b []byte, _ reflect.Value) ([]byte, error) { return b, buildErr }
	}
	return func(b []byte, v reflect.Value) ([]byte, error) {
		if needsAddr && !v.CanAddr() {
			v = reflect.ValueOf(addressOf(v)).Elem()
		}
		b = append(b, '{')
		first := true
		var err error
		for i := range fields {
			f := &fields[i]
			fv := f.field(v)
			if f.check != nil {
				if err := f.check(fv.Addr().UnsafePointer()); err != nil {
					return b, err
				}
			}
			var optValue any
			switch {
			case f.plan.opt:
				x, null := optParts(fv)
				if x == nil && !null {
					continue
				}
				optValue = x
			case f.omit == omitZero:
				if f.plan.isZero(fv) {
					continue
				}
			case f.omit == omitEmpty:
				if f.plan.isEmpty(fv) {
					continue
				}
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, f.key...)
			if f.plan.opt {
				b, err = encodeOptValue(b, optValue, f.plan.optValue)
			} else {
				b, err = f.plan.enc(b, fv)
			}
			if err != nil {
				return b, withField(err, f.name)
			}
		}
		return append(b, '}'), nil
	}
}

// zeroChecker reports whether v is its type's zero value, using an IsZero method when the
// type has one (as encoding/json's omitzero does).
func zeroChecker(t reflect.Type) func(v reflect.Value) bool {
	switch {
	case t == timeType:
		return func(v reflect.Value) bool { return addressOf(v).(*time.Time).IsZero() }
	case implements(t, isZeroerType):
		return func(v reflect.Value) bool { return addressOf(v).(interface{ IsZero() bool }).IsZero() }
	}
	// reflect's IsZero: all bits clear for numbers (-0.0 is not zero), nil for pointers,
	// slices, maps and interfaces, every field or element zero for structs and arrays.
	return reflect.Value.IsZero
}

// emptyChecker implements omitempty: false, 0, nil and empty strings, slices and maps.
func emptyChecker(t reflect.Type, isZero func(reflect.Value) bool) func(v reflect.Value) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Array, reflect.String:
		return func(v reflect.Value) bool { return v.Len() == 0 }
	case reflect.Struct:
		return func(reflect.Value) bool { return false }
	case reflect.Bool, reflect.Pointer, reflect.Interface:
		return reflect.Value.IsZero
	}
	return isZero
}
