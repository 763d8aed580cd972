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
	m := make(map[string]any)
	invalid := false
	more, ok := d.beginObject()
	for ok && more {
		var key string
		if key, ok = d.readKey(true); !ok {
			break
		}
		v, res := d.decodeAny()
		switch res {
		case resErr:
			return nil, resErr
		case resInvalid:
			invalid = true
		}
		m[key] = v
		more, ok = d.nextMember()
	}
	switch {
	case !ok:
		return nil, resErr
	case invalid:
		return nil, resInvalid
	}
	return m, resOK
}

func (d *decoder) decodeAnyArray() (any, result) {
	a := make([]any, 0)
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
	return a, resOK
}
