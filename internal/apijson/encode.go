package apijson

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Marshal encodes the params value v (a struct, a pointer to one, or any other supported value)
// as JSON following the field rules of the package doc. It returns an error naming the field for
// values JSON cannot hold (NaN, ±Inf, years past 9999) and for json.Marshaler failures.
func Marshal(v any) ([]byte, error) {
	buf := encodeBuffers.Get().(*[]byte)
	b, err := AppendMarshal((*buf)[:0], v)
	var out []byte
	if err == nil {
		out = make([]byte, len(b))
		copy(out, b)
	}
	if cap(b) <= 1<<16 {
		*buf = b
		encodeBuffers.Put(buf)
	}
	return out, err
}

// VariantMarshaler is implemented by request unions: MarshalVariant returns the value of
// the one variant that is set (nil for JSON null), or an error naming the union when none
// or several are. The encoder writes that value in the union's place.
type VariantMarshaler interface {
	MarshalVariant() (any, error)
}

// MarshalVariant encodes the variant u has set; request unions implement MarshalJSON with it.
func MarshalVariant(u VariantMarshaler) ([]byte, error) {
	v, err := u.MarshalVariant()
	if err != nil {
		return nil, err
	}
	return Marshal(v)
}

// encodeBuffers recycles Marshal's scratch buffers; Marshal returns an exact-size copy.
var encodeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// AppendMarshal appends the JSON encoding of v to dst like [Marshal] and returns the extended
// slice. On error the returned slice holds dst plus a partial encoding; callers should drop it.
func AppendMarshal(dst []byte, v any) ([]byte, error) {
	b, err := encodeAny(dst, v, nil)
	if err != nil {
		return b, wrapEncodeError(err)
	}
	return b, nil
}

// encodeError is an encoding failure with the path of the field where it happened.
type encodeError struct {
	path []string // innermost first
	msg  string
	err  error
}

func (e *encodeError) Error() string {
	var b []byte
	b = append(b, "llamacloud: encode json: "...)
	if len(e.path) > 0 {
		b = append(b, "field "...)
		var path []byte
		for i := len(e.path) - 1; i >= 0; i-- {
			if len(path) > 0 && e.path[i][0] != '[' {
				path = append(path, '.')
			}
			path = append(path, e.path[i]...)
		}
		b = strconv.AppendQuote(b, string(path))
		b = append(b, ": "...)
	}
	b = append(b, e.msg...)
	return string(b)
}

func (e *encodeError) Unwrap() error { return e.err }

// wrapEncodeError turns an error from a json.Marshaler into an encodeError.
func wrapEncodeError(err error) error {
	if _, ok := err.(*encodeError); ok {
		return err
	}
	return &encodeError{msg: err.Error(), err: err}
}

// withField adds a path element to an encoding error.
func withField(err error, name string) error {
	e, ok := err.(*encodeError)
	if !ok {
		e = &encodeError{msg: err.Error(), err: err}
	}
	e.path = append(e.path, name)
	return e
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, escaped like encoding/json but without HTML escaping.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendFloat writes f in encoding/json's format.
func appendFloat(b []byte, f float64, bitSize int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, &encodeError{msg: "unsupported value " + strconv.FormatFloat(f, 'g', -1, bitSize)}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bitSize == 64 && (abs < 1e-6 || abs >= 1e21) || bitSize == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bitSize)
	if format == 'e' {
		// Trim "e-09" to "e-9".
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

func encodeString(b []byte, v reflect.Value) ([]byte, error) {
	return appendString(b, v.String()), nil
}

func encodeBool(b []byte, v reflect.Value) ([]byte, error) {
	return strconv.AppendBool(b, v.Bool()), nil
}

func encodeInt(b []byte, v reflect.Value) ([]byte, error) {
	return strconv.AppendInt(b, v.Int(), 10), nil
}

func encodeUint(b []byte, v reflect.Value) ([]byte, error) {
	return strconv.AppendUint(b, v.Uint(), 10), nil
}

func encodeFloat64(b []byte, v reflect.Value) ([]byte, error) {
	return appendFloat(b, v.Float(), 64)
}

func encodeFloat32(b []byte, v reflect.Value) ([]byte, error) {
	return appendFloat(b, v.Float(), 32)
}

func encodeTime(b []byte, v reflect.Value) ([]byte, error) {
	return appendTimeValue(b, addressOf(v).(*time.Time))
}

// appendTimeValue writes *t as a JSON string, or fails for years JSON's layout cannot hold.
func appendTimeValue(b []byte, t *time.Time) ([]byte, error) {
	b = append(b, '"')
	b, ok := appendTime(b, *t)
	if !ok {
		return b, &encodeError{msg: fmt.Sprintf("time %q has a year outside 0-9999", t.Format(time.RFC3339))}
	}
	return append(b, '"'), nil
}

func encodeBytes(b []byte, v reflect.Value) ([]byte, error) {
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, v.Bytes())
	return append(b, '"'), nil
}

func encodeNumber(b []byte, v reflect.Value) ([]byte, error) {
	n := v.String()
	if n == "" {
		return append(b, '0'), nil
	}
	if !isNumber(n) {
		return b, &encodeError{msg: fmt.Sprintf("invalid number literal %q", n)}
	}
	return append(b, n...), nil
}

// encodeAny writes a dynamic value: the value held by an interface, or the argument of
// Marshal. The types that free-form JSON holds have fast paths; others go through their
// type's plan, found through memo when it is not nil.
func encodeAny(b []byte, x any, memo *planMemo) ([]byte, error) {
	switch x := x.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, x), nil
	case float64:
		return appendFloat(b, x, 64)
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case map[string]any:
		return encodeMapAny(b, x)
	case []string:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e)
		}
		return append(b, ']'), nil
	case []any:
		var err error
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = encodeAny(b, e, nil); err != nil {
				return b, withField(err, "["+strconv.Itoa(i)+"]")
			}
		}
		return append(b, ']'), nil
	}
	v := reflect.ValueOf(x)
	if v.Kind() == reflect.Pointer {
		// The pointee is addressable: encode it in place with its own plan.
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		v = v.Elem()
	}
	if memo != nil {
		return memo.plan(v.Type()).enc(b, v)
	}
	return encodePlanFor(v.Type()).enc(b, v)
}

// planMemo remembers the plans of the few dynamic types that one union or interface field
// holds, so that encoding them skips the lookup in the shared plan cache. It is safe for
// concurrent use; a memo that lost a race to another goroutine's update only forgets a type.
type planMemo struct {
	types atomic.Pointer[[]memoEntry]
}

type memoEntry struct {
	t    reflect.Type
	plan *encodePlan
}

// maxMemo bounds the types one memo keeps.
const maxMemo = 8

// plan returns t's plan.
func (m *planMemo) plan(t reflect.Type) *encodePlan {
	old := m.types.Load()
	if old != nil {
		for _, e := range *old {
			if e.t == t {
				return e.plan
			}
		}
	}
	plan := encodePlanFor(t)
	if old == nil || len(*old) < maxMemo {
		var next []memoEntry
		if old != nil {
			next = append(next, *old...)
		}
		next = append(next, memoEntry{t, plan})
		m.types.Store(&next)
	}
	return plan
}

// addressOf returns a pointer to v in an any: v's own address when v is addressable (a
// field of a value reached through a pointer, a slice element), else the address of a copy.
// Methods with pointer receivers, and the accessor of param.Opt, are called through it.
func addressOf(v reflect.Value) any {
	if v.CanAddr() {
		return v.Addr().Interface()
	}
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	return p.Interface()
}

// marshalerEncoder calls MarshalJSON (through a pointer, so pointer methods count) and appends
// the result compacted.
func marshalerEncoder(t reflect.Type) encodeFunc {
	return func(b []byte, v reflect.Value) ([]byte, error) {
		m, _ := addressOf(v).(json.Marshaler)
		if m == nil {
			return append(b, "null"...), nil
		}
		out, err := m.MarshalJSON()
		if err != nil {
			return b, &encodeError{msg: fmt.Sprintf("MarshalJSON of %s: %v", t, err), err: err}
		}
		b, err = appendCompact(b, out)
		if err != nil {
			return b, &encodeError{msg: fmt.Sprintf("MarshalJSON of %s returned invalid JSON: %v", t, err), err: err}
		}
		return b, nil
	}
}

// appendCompact checks that out is one JSON value, with the decoder's scanner, and appends it
// to b without the white space outside its strings. It is what json.Compact does, several
// times faster; request unions marshal their variant through it.
func appendCompact(b, out []byte) ([]byte, error) {
	s := string(out) // out belongs to the marshaler: check a copy that cannot change
	d := decoder{s: s}
	d.i = skipSpace(s, 0)
	if d.i >= len(s) {
		return b, fmt.Errorf("unexpected end of input at offset %d", len(s))
	}
	if !d.skipValue() {
		return b, d.err
	}
	if i := skipSpace(s, d.i); i < len(s) {
		return b, fmt.Errorf("invalid character %s after top-level value at offset %d", quoteChar(s[i]), i)
	}
	inString, escaped := false, false
	start := 0
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			b = append(b, out[start:i]...)
			start = i + 1
		}
	}
	return append(b, out[start:]...), nil
}

// isNumber reports whether s is exactly one JSON number.
func isNumber(s string) bool {
	if s == "" || (s[0] != '-' && !isDigit(s[0])) {
		return false
	}
	d := decoder{s: s}
	_, ok := d.scanNumber()
	return ok && d.i == len(s)
}
