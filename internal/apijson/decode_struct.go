package apijson

import (
	"encoding/binary"
	"reflect"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/run-llama/llama-cloud-go/internal/fieldaccess"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// fieldPlan is one JSON-visible field of a struct.
type fieldPlan struct {
	name    string
	quoted  string  // the name as a JSON string, "" if it would need escapes
	off     uintptr // offset of the Go field in the struct
	plan    *decodePlan
	hasMeta bool
	metaOff uintptr // offset of its respjson.Field in the struct
	// follow is the index of the field whose key followed this one's in the last object
	// decoded (len(fields) for none): the key expected next.
	follow atomic.Int32
	// sameFirst is the next field whose quoted name starts with the same byte, or -1.
	sameFirst int16
	// key holds quoted as two little-endian words, and mask the bits of them it fills,
	// when it is at most 16 bytes long, for knownKey to compare it in two loads.
	key, mask [2]uint64
}

// structPlan decodes objects into one struct type, filling its JSON metadata when it has one.
//
// Objects of one type nearly always list their keys in one order, so the decoder learns it:
// each field remembers which came after it, and the first key of an object is remembered
// too. The key expected next is compared with the input as a JSON string, bytes to bytes,
// which costs less than scanning the key and looking it up; when it is not there, the fields
// whose names start with the key's first byte are tried the same way, and only then is the
// key read and looked up. Either way the order is updated.
type structPlan struct {
	fields   []fieldPlan
	first    atomic.Int32   // the index of the field whose key came first in the last object
	byFirst  [256]int16     // the first field whose quoted name starts with a byte, or -1
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
	sp.fields = make([]fieldPlan, len(fields))
	for i, f := range fields {
		fp := &sp.fields[i]
		fp.name, fp.off, fp.plan = f.name, f.off, b.plan(f.Type)
		if q := `"` + f.name + `"`; !strings.ContainsAny(f.name, "\"\\") && string(appendString(nil, f.name)) == q {
			fp.quoted = q
			if len(q) <= 16 {
				for j := range len(q) {
					fp.key[j/8] |= uint64(q[j]) << (8 * (j % 8))
					fp.mask[j/8] |= 0xff << (8 * (j % 8))
				}
			}
		}
		fp.follow.Store(int32(i + 1))
		if meta != nil {
			if mf, ok := meta.FieldByName(f.Name); ok && mf.Type == fieldType && len(mf.Index) == 1 {
				fp.hasMeta, fp.metaOff = true, metaOff+mf.Offset
			}
		}
	}
	if meta != nil {
		if f, ok := meta.FieldByName("ExtraFields"); ok && f.Type == extraFieldsType && len(f.Index) == 1 {
			sp.hasExtra, sp.extraOff = true, metaOff+f.Offset
		}
		if f, ok := meta.FieldByName("raw"); ok && f.Type.Kind() == reflect.String && len(f.Index) == 1 {
			sp.hasRaw, sp.rawOff = true, metaOff+f.Offset
		}
	}
	for c := range sp.byFirst {
		sp.byFirst[c] = -1
	}
	for i := len(sp.fields) - 1; i >= 0; i-- {
		if f := &sp.fields[i]; f.quoted != "" && i <= 1<<15-1 {
			c := f.quoted[1]
			f.sameFirst, sp.byFirst[c] = sp.byFirst[c], int16(i)
		}
	}
	if len(sp.fields) > linearLookupMax {
		sp.byName = make(map[string]int, len(sp.fields))
		for i := range sp.fields {
			sp.byName[sp.fields[i].name] = i
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
	next := int(sp.first.Load()) // the field whose key is expected next
	prev := -1                   // the field whose key came last
	for ok && more {
		var key string
		idx := -1
		if next < len(sp.fields) && d.knownKey(&sp.fields[next]) {
			idx = next
		} else if idx = sp.candidate(d); idx >= 0 {
			sp.learn(prev, idx)
		} else {
			if key, ok = d.readKey(true); !ok {
				return resErr
			}
			if idx = sp.index(key); idx >= 0 {
				sp.learn(prev, idx)
			}
		}
		valStart := d.i
		if idx >= 0 {
			prev, next = idx, int(sp.fields[idx].follow.Load())
			f := &sp.fields[idx]
			// f.off and f.metaOff are offsets of fields of the struct at p (see decodeFunc).
			res := f.plan.dec(d, unsafe.Add(p, f.off))
			if f.hasMeta {
				mp := (*respjson.Field)(unsafe.Add(p, f.metaOff))
				switch res {
				case resOK:
					*mp = d.field(valStart)
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
				sp.addExtra(d, p, key, valStart)
			}
		}
		more, ok = d.nextMember()
	}
	if !ok {
		return resErr
	}
	if sp.hasRaw {
		*(*string)(unsafe.Add(p, sp.rawOff)) = d.s[start:d.i] // the string field raw of the metadata
	}
	return resOK
}

// learn records that the key of field idx came after that of field prev (-1: first).
func (sp *structPlan) learn(prev, idx int) {
	if prev < 0 {
		sp.first.Store(int32(idx))
	} else {
		sp.fields[prev].follow.Store(int32(idx))
	}
}

// candidate reads the key at d.i and its colon when it is the quoted name of a field that
// starts with the same byte, and returns that field's index; otherwise it returns -1 and
// leaves d.i alone.
func (sp *structPlan) candidate(d *decoder) int {
	if d.i+1 >= len(d.s) {
		return -1
	}
	for j := sp.byFirst[d.s[d.i+1]]; j >= 0; j = sp.fields[j].sameFirst {
		if d.knownKey(&sp.fields[j]) {
			return int(j)
		}
	}
	return -1
}

// knownKey reads f's quoted name (a JSON string without escapes) and its colon, leaving d.i
// at the value, if that key is at d.i; otherwise it reports false and leaves d.i alone.
func (d *decoder) knownKey(f *fieldPlan) bool {
	s, i := d.s, d.i
	quoted := f.quoted
	switch {
	case quoted == "" || len(s)-i <= len(quoted):
		return false
	case len(quoted) <= 16 && len(s)-i >= 16:
		// Two words of the input against the name's, masked to its length.
		b := bytesOf(s)[i : i+16]
		if binary.LittleEndian.Uint64(b)&f.mask[0] != f.key[0] || binary.LittleEndian.Uint64(b[8:])&f.mask[1] != f.key[1] {
			return false
		}
	case s[i:i+len(quoted)] != quoted:
		return false
	}
	i += len(quoted)
	if s[i] != ':' {
		if i = skipSpace(s, i); i >= len(s) || s[i] != ':' {
			return false
		}
	}
	if i = skipSpace(s, i+1); i >= len(s) {
		return false
	}
	d.i = i
	return true
}

// addExtra records a member whose key matches no field, its value from valStart to d.i.
func (sp *structPlan) addExtra(d *decoder, p unsafe.Pointer, key string, valStart int) {
	mp := (*map[string]respjson.Field)(unsafe.Add(p, sp.extraOff)) // the metadata's ExtraFields
	if *mp == nil {
		*mp = make(map[string]respjson.Field)
	}
	if d.s[valStart:d.i] == "null" {
		(*mp)[key] = respjson.NewNullField()
	} else {
		(*mp)[key] = d.field(valStart)
	}
}

// field returns the Field of the valid value from valStart to d.i.
func (d *decoder) field(valStart int) respjson.Field {
	return respjson.DecodedField(fieldaccess.Key{}, d.s, valStart, d.i)
}
