package apijson

import (
	"encoding/binary"
	"math"
)

// decodeAny decodes the value at d.i the way encoding/json decodes into an empty interface:
// objects become map[string]any, arrays []any, numbers float64. A number out of float64 range
// makes the whole value invalid.
func (d *decoder) decodeAny() (any, result) {
	switch c := d.s[d.i]; c {
	case '"':
		v, ok := d.readString()
		if !ok {
			return nil, resErr
		}
		return d.boxString(v), resOK
	case '{':
		return d.decodeAnyObject()
	case '[':
		return d.decodeAnyArray()
	case 't':
		if d.literal("true") {
			return true, resOK
		}
		return nil, resErr
	case 'f':
		if d.literal("false") {
			return false, resOK
		}
		return nil, resErr
	case 'n':
		if d.literal("null") {
			return nil, resNull
		}
		return nil, resErr
	default:
		if c == '-' || isDigit(c) {
			f, res := d.float(64)
			if res != resOK {
				return nil, res
			}
			return d.boxNumber(f), resOK
		}
		return nil, d.unexpected(d.i, "looking for beginning of value")
	}
}

func (d *decoder) decodeAnyObject() (any, result) {
	more, ok := d.beginObject()
	if !ok {
		return nil, resErr
	}
	m := make(map[string]any)
	if res := d.decodeAnyMembers(m, more); res != resOK {
		return nil, res
	}
	return m, resOK
}

// decodeAnyMembers decodes the members of an object whose '{' was read (more: it has
// some) into m, as free-form values.
func (d *decoder) decodeAnyMembers(m map[string]any, more bool) result {
	invalid, ok := false, true
	for ok && more {
		var key string
		if key, ok = d.readKey(true); !ok {
			break
		}
		v, res := d.decodeAny()
		switch res {
		case resErr:
			return resErr
		case resInvalid:
			invalid = true
		}
		m[key] = v
		more, ok = d.nextMember()
	}
	switch {
	case !ok:
		return resErr
	case invalid:
		return resInvalid
	}
	return resOK
}

// decodeAnyArray decodes an array as a []any of exactly its length: the elements go to a
// buffer on the stack first (growing on the heap past its size), then into one allocation.
func (d *decoder) decodeAnyArray() (any, result) {
	var small [8]any
	a := small[:0]
	invalid := false
	more, ok := d.beginArray()
	for ok && more {
		v, res := d.decodeAny()
		switch res {
		case resErr:
			return nil, resErr
		case resInvalid:
			invalid = true
		}
		a = append(a, v)
		more, ok = d.nextElement()
	}
	switch {
	case !ok:
		return nil, resErr
	case invalid:
		return nil, resInvalid
	}
	out := make([]any, len(a))
	copy(out, a)
	return out, resOK
}

// Free-form strings and numbers are boxed into interface values, an allocation each in
// encoding/json. The values of free-form metadata repeat from object to object (a
// department, a tag, a year), and a boxed string or number never changes, so a decoder
// that has boxed more than internAfter of them keeps the last ones it boxed, by hash, and
// gives out the same interface value again for an equal one.
type internTable struct {
	strs [1 << internStringBits]any // strings of up to maxInternLen bytes
	nums [1 << internNumberBits]any // float64s
}

const (
	internAfter      = 8
	maxInternLen     = 64
	internStringBits = 6 // 64 strings, a slot picked by the top bits of internHash
	internNumberBits = 4 // 16 numbers
)

// interned returns the decoder's table, or nil while it has boxed too few values to use one.
func (d *decoder) interned() *internTable {
	if d.intern == nil {
		if d.boxed++; d.boxed <= internAfter {
			return nil
		}
		d.intern = new(internTable)
	}
	return d.intern
}

// boxString returns s as an interface value.
func (d *decoder) boxString(s string) any {
	if len(s) > maxInternLen {
		return s
	}
	t := d.interned()
	if t == nil {
		return s
	}
	e := &t.strs[internHash(s)>>(64-internStringBits)]
	if old, ok := (*e).(string); ok && old == s {
		return *e
	}
	*e = s
	return *e
}

// boxNumber returns f as an interface value.
func (d *decoder) boxNumber(f float64) any {
	t := d.interned()
	if t == nil {
		return f
	}
	bits := math.Float64bits(f)
	e := &t.nums[(bits*0x9E3779B97F4A7C15)>>(64-internNumberBits)]
	if old, ok := (*e).(float64); ok && math.Float64bits(old) == bits {
		return *e
	}
	*e = f
	return *e
}

// internHash mixes the length and the first and last 8 bytes of s (all of s when shorter):
// a string that collides with another only misses the table. It is fixed, so that a
// document costs the same allocations on every run.
func internHash(s string) uint64 {
	h := uint64(len(s)) * 0x9E3779B97F4A7C15
	if b := bytesOf(s); len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xFF51AFD7ED558CCD
		h = (h ^ binary.LittleEndian.Uint64(b[len(b)-8:])) * 0xC4CEB9FE1A85EC53
	} else {
		for _, c := range b {
			h = (h ^ uint64(c)) * 0x100000001B3
		}
	}
	return h ^ h>>31
}
