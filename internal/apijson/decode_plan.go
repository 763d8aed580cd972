package apijson

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/internal/plancache"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// decodeFunc decodes the value at d.i into the Go value at p.
//
// This is where the decoder uses unsafe, and why it is sound. A plan's decodeFunc is only ever
// called with a p that points to a value of the Go type the plan was built for, obtained
// from reflect: the target's reflect.Value.UnsafePointer (UnmarshalString), a field's
// reflect.StructField.Offset added to its struct's p (pointer arithmetic within one
// object), element i*Elem().Size() of a slice's backing array for i below its length, or a
// new value's pointer (reflect.New). Each decodeFunc converts p to a pointer to exactly that
// type (*string for a string kind, *map[string]any for map[string]any, …) and writes
// through it, so every write is typed and seen by the garbage collector's write barrier.
// None of this depends on a layout of the runtime's (slices, maps and interfaces are read
// and written through reflect or their own Go types) or of another package's unexported
// fields. It is what lets decoding skip a reflect.Value per field, which is most of its lead
// over encoding/json (BENCHMARKS.md).
type decodeFunc func(d *decoder, p unsafe.Pointer) result

// decodePlan is the cached decoder of one Go type. Plans refer to each other by pointer, so a
// recursive type can use its own plan before that plan is finished.
type decodePlan struct {
	dec decodeFunc
}

var (
	decodePlans plancache.Cache[decodePlan]

	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
	rawMessageType  = reflect.TypeFor[json.RawMessage]()
	fieldType       = reflect.TypeFor[respjson.Field]()
	extraFieldsType = reflect.TypeFor[map[string]respjson.Field]()
)

// decodePlanFor returns t's plan, building and caching it (and the plans it uses) on first use.
func decodePlanFor(t reflect.Type) *decodePlan { return decodePlans.Get(t, fillDecodePlan) }

func fillDecodePlan(b *plancache.Builder[decodePlan], t reflect.Type, p *decodePlan) {
	p.dec = decodeBuilder{b}.build(t)
}

// decodeBuilder builds the decoders of one type graph.
type decodeBuilder struct{ *plancache.Builder[decodePlan] }

func (b decodeBuilder) plan(t reflect.Type) *decodePlan { return b.Plan(t) }

func (b decodeBuilder) build(t reflect.Type) decodeFunc {
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType) {
		return hookDecoder(t)
	}
	switch t {
	case timeType:
		return decodeTime
	case rawMessageType:
		return decodeRawMessage
	}
	switch t.Kind() {
	case reflect.String:
		return decodeString
	case reflect.Bool:
		return decodeBool
	case reflect.Int:
		return decodeSigned[int]
	case reflect.Int8:
		return decodeSigned[int8]
	case reflect.Int16:
		return decodeSigned[int16]
	case reflect.Int32:
		return decodeSigned[int32]
	case reflect.Int64:
		return decodeSigned[int64]
	case reflect.Uint:
		return decodeUnsigned[uint]
	case reflect.Uint8:
		return decodeUnsigned[uint8]
	case reflect.Uint16:
		return decodeUnsigned[uint16]
	case reflect.Uint32:
		return decodeUnsigned[uint32]
	case reflect.Uint64:
		return decodeUnsigned[uint64]
	case reflect.Uintptr:
		return decodeUnsigned[uintptr]
	case reflect.Float32:
		return decodeFloat32
	case reflect.Float64:
		return decodeFloat64
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return decodeInterface
		}
	case reflect.Pointer:
		return ptrDecoder(t, b.plan(t.Elem()))
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) {
			return decodeBytes
		}
		return sliceDecoder(t, b.plan(t.Elem()))
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return b.mapDecoder(t)
		}
	case reflect.Struct:
		return b.structDecoder(t).decode
	}
	return unsupportedDecoder
}

// ptrDecoder allocates the pointee when needed; null sets the pointer to nil.
func ptrDecoder(t reflect.Type, elem *decodePlan) decodeFunc {
	et := t.Elem()
	return func(d *decoder, p unsafe.Pointer) result {
		// p points to a *T: every pointer type has the representation of unsafe.Pointer.
		pp := (*unsafe.Pointer)(p)
		if null, ok := d.isNull(); !ok {
			return resErr
		} else if null {
			*pp = nil
			return resNull
		}
		ep := *pp
		if ep == nil {
			ep = reflect.New(et).UnsafePointer()
		}
		res := elem.dec(d, ep)
		switch res {
		case resOK:
			*pp = ep
		case resInvalid:
			*pp = nil
		}
		return res
	}
}

// beginMap starts decoding an object into the map m: it handles null (the map becomes nil)
// and values that are not objects, and otherwise enters the object.
func (d *decoder) beginMap(m reflect.Value) (more bool, res result) {
	switch d.s[d.i] {
	case '{':
	case 'n':
		if !d.literal("null") {
			return false, resErr
		}
		m.SetZero()
		return false, resNull
	default:
		return false, d.skipInvalid()
	}
	more, ok := d.beginObject()
	if !ok {
		return false, resErr
	}
	return more, resOK
}

// mapDecoder decodes an object into a map with string keys, adding to an existing map. null
// sets the map to nil; a value that does not fit makes the whole map nil and invalid.
func (b decodeBuilder) mapDecoder(t reflect.Type) decodeFunc {
	if t == reflect.TypeFor[map[string]any]() {
		return decodeMapAny
	}
	elem := b.plan(t.Elem())
	return func(d *decoder, p unsafe.Pointer) result {
		m := reflect.NewAt(t, p).Elem() // p points to a value of type t
		more, res := d.beginMap(m)
		if res != resOK {
			return res
		}
		if m.IsNil() {
			m.Set(reflect.MakeMap(t))
		}
		key := reflect.New(t.Key()).Elem()
		val := reflect.New(t.Elem()).Elem()
		vp := val.Addr().UnsafePointer()
		invalid, ok := false, true
		for ok && more {
			var k string
			if k, ok = d.readKey(true); !ok {
				break
			}
			val.SetZero()
			switch elem.dec(d, vp) {
			case resErr:
				return resErr
			case resInvalid:
				invalid = true
			}
			key.SetString(k)
			m.SetMapIndex(key, val)
			more, ok = d.nextMember()
		}
		switch {
		case !ok:
			return resErr
		case invalid:
			m.SetZero()
			return resInvalid
		}
		return resOK
	}
}

func decodeMapAny(d *decoder, p unsafe.Pointer) result {
	mp := (*map[string]any)(p) // p points to a map[string]any
	more, res := d.beginMap(reflect.ValueOf(mp).Elem())
	if res != resOK {
		return res
	}
	if *mp == nil {
		*mp = make(map[string]any)
	}
	res = d.decodeAnyMembers(*mp, more)
	if res == resInvalid {
		*mp = nil
	}
	return res
}

// jsonField is a field of a struct as JSON sees it: its name, its offset from the start of
// the outermost struct, and its index path from there (through embedded structs).
type jsonField struct {
	reflect.StructField
	name  string
	off   uintptr
	index []int
}

// jsonFields lists t's JSON fields in order: exported fields not tagged "-", with the fields
// of untagged embedded structs in their place. The first field of a name wins.
func jsonFields(t reflect.Type) []jsonField {
	var fields []jsonField
	seen := map[string]bool{}
	var collect func(t reflect.Type, base uintptr, index []int)
	collect = func(t reflect.Type, base uintptr, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			path := append(index[:len(index):len(index)], i)
			if _, tagged := f.Tag.Lookup("json"); f.Anonymous && !tagged && f.Type.Kind() == reflect.Struct {
				collect(f.Type, base+f.Offset, path)
				continue
			}
			if !f.IsExported() {
				continue
			}
			if name, ok := jsonName(f); ok && !seen[name] {
				seen[name] = true
				fields = append(fields, jsonField{StructField: f, name: name, off: base + f.Offset, index: path})
			}
		}
	}
	collect(t, 0, nil)
	return fields
}

// jsonName returns the JSON name of a struct field and whether the field takes part in JSON.
func jsonName(f reflect.StructField) (string, bool) {
	tag, ok := f.Tag.Lookup("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if !ok || name == "" {
		name = f.Name
	}
	return name, true
}
