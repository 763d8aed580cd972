package apijson

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
		return v, resOK
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
			return f, resOK
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
