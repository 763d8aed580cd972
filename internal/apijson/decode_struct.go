package apijson

import (
	"reflect"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// fieldPlan is one JSON-visible field of a struct.
type fieldPlan struct {
	name    string
	off     uintptr // offset of the Go field in the struct
	plan    *decodePlan
	hasMeta bool
	metaOff uintptr // offset of its respjson.Field in the struct
}

// structPlan decodes objects into one struct type, filling its JSON metadata when it has one.
type structPlan struct {
	fields   []fieldPlan
	byName   map[string]int // for structs with many fields
	hasRaw   bool
	rawOff   uintptr
	hasExtra bool
	extraOff uintptr
	metaErr  error // how the metadata does not match the fields, reported in strict mode
}

// linearLookupMax is the number of fields up to which a key is found by comparing names in
// turn rather than through byName.
const linearLookupMax = 8

func (b decodeBuilder) structDecoder(t reflect.Type) *structPlan {
	sp := &structPlan{}
	meta, metaOff := metadataStruct(t)
	fields := jsonFields(t)
	if meta != nil {
		sp.metaErr = checkMetadata(t, meta, fields)
	}
	for _, f := range fields {
		fp := fieldPlan{name: f.name, off: f.off, plan: b.plan(f.Type)}
		if meta != nil {
			if mf, ok := meta.FieldByName(f.Name); ok && mf.Type == fieldType && len(mf.Index) == 1 {
				fp.hasMeta, fp.metaOff = true, metaOff+mf.Offset
			}
		}
		sp.fields = append(sp.fields, fp)
	}
	if meta != nil {
		if f, ok := meta.FieldByName("ExtraFields"); ok && f.Type == extraFieldsType && len(f.Index) == 1 {
			sp.hasExtra, sp.extraOff = true, metaOff+f.Offset
		}
		if f, ok := meta.FieldByName("raw"); ok && f.Type.Kind() == reflect.String && len(f.Index) == 1 {
			sp.hasRaw, sp.rawOff = true, metaOff+f.Offset
		}
	}
	if len(sp.fields) > linearLookupMax {
		sp.byName = make(map[string]int, len(sp.fields))
		for i, f := range sp.fields {
			sp.byName[f.name] = i
		}
	}
	return sp
}

// metadataStruct finds t's metadata: a struct field named JSON tagged `json:"-"`.
func metadataStruct(t reflect.Type) (reflect.Type, uintptr) {
	f, ok := t.FieldByName("JSON")
	if !ok || len(f.Index) != 1 || f.Type.Kind() != reflect.Struct || f.Tag.Get("json") != "-" {
		return nil, 0
	}
	return f.Type, f.Offset
}

// index returns the position of the field named key, or -1.
func (sp *structPlan) index(key string) int {
	if sp.byName != nil {
		if i, ok := sp.byName[key]; ok {
			return i
		}
		return -1
	}
	for i := range sp.fields {
		if sp.fields[i].name == key {
			return i
		}
	}
	return -1
}

func (sp *structPlan) decode(d *decoder, p unsafe.Pointer) result {
	start := d.i
	if sp.metaErr != nil && d.strict {
		d.err = sp.metaErr
		return resErr
	}
	if d.s[start] != '{' {
		return d.mismatch()
	}
	more, ok := d.beginObject()
	next := 0 // keys usually come in field order: try the next field first
	for ok && more {
		var key string
		if key, ok = d.readKey(true); !ok {
			return resErr
		}
		idx := -1
		if next < len(sp.fields) && sp.fields[next].name == key {
			idx = next
		} else {
			idx = sp.index(key)
		}
		valStart := d.i
		if idx >= 0 {
			next = idx + 1
			f := &sp.fields[idx]
			res := f.plan.dec(d, unsafe.Add(p, f.off))
			if f.hasMeta {
				mp := (*respjson.Field)(unsafe.Add(p, f.metaOff))
				switch res {
				case resOK:
					*mp = respjson.NewField(d.s[valStart:d.i])
				case resNull:
					*mp = respjson.NewNullField()
				case resInvalid:
					*mp = respjson.NewInvalidField(d.s[valStart:d.i])
				}
			}
			switch res {
			case resErr:
				return resErr
			case resInvalid:
				// The misfit is recorded here: forget it unless an earlier one is still pending.
				if d.misfitAt >= valStart {
					d.misfit, d.hookErr = false, nil
				}
			}
		} else {
			if !d.skipValue() {
				return resErr
			}
			if sp.hasExtra {
				sp.addExtra(p, key, d.s[valStart:d.i])
			}
		}
		more, ok = d.nextMember()
	}
	if !ok {
		return resErr
	}
	if sp.hasRaw {
		*(*string)(unsafe.Add(p, sp.rawOff)) = d.s[start:d.i]
	}
	return resOK
}

// addExtra records a member whose key matches no field.
func (sp *structPlan) addExtra(p unsafe.Pointer, key, raw string) {
	mp := (*map[string]respjson.Field)(unsafe.Add(p, sp.extraOff))
	if *mp == nil {
		*mp = make(map[string]respjson.Field)
	}
	if raw == "null" {
		(*mp)[key] = respjson.NewNullField()
	} else {
		(*mp)[key] = respjson.NewField(raw)
	}
}
