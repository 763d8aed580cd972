package apijson

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unsafe"
)

// Unmarshaler is implemented by types that decode themselves, such as response unions. The
// decoder calls UnmarshalAPIJSON on a pointer to the value with the value's raw JSON text,
// a substring of the input that must not be assumed to outlive it. It is not called for JSON
// null, which leaves the value unchanged. An error marks the value invalid; decoding goes on.
//
// An implementation that decodes raw with this package must use a type without the method
// (type shadow T), or it would call itself forever.
type Unmarshaler interface {
	UnmarshalAPIJSON(raw string) error
}

// UnmarshalString decodes the JSON document s into v, which must be a non-nil pointer. Decoded
// strings without escapes, the Raw texts of field metadata and RawJSON texts are substrings of
// s, so s must not change while v is in use. A caller holding a []byte it will never modify
// again (a freshly read response body) may pass unsafe.String(unsafe.SliceData(b), len(b))
// to avoid a copy; otherwise use [Unmarshal]. It is safe for concurrent use. It returns an error for
// malformed JSON, trailing data after the top-level value, and a top-level value that does not
// fit v's type; values deeper down that do not fit are recorded in metadata instead.
func UnmarshalString(s string, v any) error {
	return unmarshal(s, v, strictMetadata.Load())
}

// unmarshal is UnmarshalString, strict or not about metadata (see SetStrictMetadata).
func unmarshal(s string, v any, strict bool) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("llamacloud: decode json: target must be a non-nil pointer, not %T", v)
	}
	t := rv.Type().Elem()
	d := decoder{s: s, strict: strict}
	return d.document(decodePlanFor(t), t, rv.UnsafePointer()) // a *T, as t's plan wants (see decodeFunc)
}

// document decodes d.s, a whole JSON document, into the value of type t at p with plan. d
// is fresh: only d.s (and d.strict) are set.
func (d *decoder) document(plan *decodePlan, t reflect.Type, p unsafe.Pointer) error {
	s := d.s
	d.i = skipSpace(s, 0)
	if d.i >= len(s) {
		return fmt.Errorf("llamacloud: decode json: unexpected end of input at offset %d", len(s))
	}
	start := d.i
	switch plan.dec(d, p) {
	case resErr:
		return d.err
	case resInvalid:
		if d.hookErr != nil {
			return fmt.Errorf("llamacloud: decode json: value does not fit Go type %s at offset %d: %v", t, d.misfitAt, d.hookErr)
		}
		if !d.misfit {
			d.misfitAt = start
		}
		return fmt.Errorf("llamacloud: decode json: value does not fit Go type %s at offset %d", t, d.misfitAt)
	}
	if i := skipSpace(s, d.i); i < len(s) {
		return fmt.Errorf("llamacloud: decode json: invalid character %s after top-level value at offset %d", quoteChar(s[i]), i)
	}
	return nil
}

// Unmarshal decodes the JSON document data into v like [UnmarshalString]. It copies data into
// one string first, so the caller may reuse data afterwards.
func Unmarshal(data []byte, v any) error {
	return UnmarshalString(string(data), v)
}

// mismatch handles a value whose first byte does not start the JSON type the Go type wants:
// null leaves the Go value unchanged; anything else is checked, skipped and reported invalid.
func (d *decoder) mismatch() result {
	if d.s[d.i] == 'n' {
		if d.literal("null") {
			return resNull
		}
		return resErr
	}
	return d.skipInvalid()
}

// skipInvalid skips a value that does not fit its Go type and reports it invalid.
func (d *decoder) skipInvalid() result {
	d.noteMisfit(d.i)
	if d.skipValue() {
		return resInvalid
	}
	return resErr
}

// isNull consumes a null literal at d.i. ok is false after a syntax error.
func (d *decoder) isNull() (null, ok bool) {
	if d.s[d.i] != 'n' {
		return false, true
	}
	ok = d.literal("null")
	return ok, ok
}

// The value decoders below write their Go type through p, which points to a value of that
// type (see decodeFunc).

func decodeString(d *decoder, p unsafe.Pointer) result {
	if d.s[d.i] != '"' {
		return d.mismatch()
	}
	v, ok := d.readString()
	if !ok {
		return resErr
	}
	*(*string)(p) = v
	return resOK
}

func decodeBool(d *decoder, p unsafe.Pointer) result {
	switch d.s[d.i] {
	case 't':
		if !d.literal("true") {
			return resErr
		}
		*(*bool)(p) = true
	case 'f':
		if !d.literal("false") {
			return resErr
		}
		*(*bool)(p) = false
	default:
		return d.mismatch()
	}
	return resOK
}

// readNumber scans a number for a numeric Go type; ok is false when the value is not a number.
func (d *decoder) readNumber() (number, result) {
	c := d.s[d.i]
	if c != '-' && !isDigit(c) {
		return number{}, d.mismatch()
	}
	n, ok := d.scanNumber()
	if !ok {
		return n, resErr
	}
	return n, resOK
}

// integer returns the magnitude of an integral number ("1.0" and "1e3" included), or false
// when the number has a fraction or does not fit in a uint64.
func (d *decoder) integer(n number) (uint64, bool) {
	if n.integral && n.digits <= 19 {
		return n.mant, true
	}
	return exactInteger(d.s[n.start:d.i])
}

// exactInteger evaluates a checked JSON number exactly as an unsigned magnitude.
func exactInteger(tok string) (uint64, bool) {
	i := 0
	if tok[0] == '-' {
		i++
	}
	// Gather the significant digits of the integer and fraction parts.
	var digits []byte
	fracDigits := 0
	for ; i < len(tok) && isDigit(tok[i]); i++ {
		digits = append(digits, tok[i])
	}
	if i < len(tok) && tok[i] == '.' {
		for i++; i < len(tok) && isDigit(tok[i]); i++ {
			digits = append(digits, tok[i])
			fracDigits++
		}
	}
	exp := 0
	if i < len(tok) {
		e, err := strconv.Atoi(tok[i+1:])
		if err != nil {
			// An exponent too large for an int: the value is 0, huge, or tiny.
			for _, c := range digits {
				if c != '0' {
					return 0, false
				}
			}
			return 0, true
		}
		exp = e
	}
	for len(digits) > 0 && digits[0] == '0' {
		digits = digits[1:]
	}
	if len(digits) == 0 {
		return 0, true
	}
	exp -= fracDigits
	for exp < 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	if exp < 0 || len(digits)+exp > 20 {
		return 0, false
	}
	var v uint64
	for _, c := range digits {
		hi, lo := bitsMul10(v)
		if hi != 0 {
			return 0, false
		}
		v = lo + uint64(c-'0')
		if v < lo {
			return 0, false
		}
	}
	for ; exp > 0; exp-- {
		hi, lo := bitsMul10(v)
		if hi != 0 {
			return 0, false
		}
		v = lo
	}
	return v, true
}

func bitsMul10(v uint64) (hi, lo uint64) {
	const max = math.MaxUint64 / 10
	if v > max {
		return 1, 0
	}
	return 0, v * 10
}

type signed interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

type unsigned interface {
	~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

func decodeSigned[T signed](d *decoder, p unsafe.Pointer) result {
	start := d.i
	n, res := d.readNumber()
	if res != resOK {
		return res
	}
	mag, ok := d.integer(n)
	var v int64
	switch {
	case !ok:
	case !n.neg:
		v, ok = int64(mag), mag <= math.MaxInt64
	default:
		v, ok = -int64(mag), mag <= 1<<63
	}
	if ok && int64(T(v)) == v {
		*(*T)(p) = T(v)
		return resOK
	}
	d.noteMisfit(start)
	return resInvalid
}

func decodeUnsigned[T unsigned](d *decoder, p unsafe.Pointer) result {
	start := d.i
	n, res := d.readNumber()
	if res != resOK {
		return res
	}
	mag, ok := d.integer(n)
	if ok && (!n.neg || mag == 0) && uint64(T(mag)) == mag {
		*(*T)(p) = T(mag)
		return resOK
	}
	d.noteMisfit(start)
	return resInvalid
}

// float reads a number as a float64 (or float32 when bitSize is 32).
func (d *decoder) float(bitSize int) (float64, result) {
	n, res := d.readNumber()
	if res != resOK {
		return 0, res
	}
	if f, ok := n.exactFloat64(); ok && bitSize == 64 || n.integral && n.digits <= 7 {
		// Integers of up to 7 digits are exact in a float32 too.
		return f, resOK
	}
	f, err := strconv.ParseFloat(d.s[n.start:d.i], bitSize)
	if err != nil {
		d.noteMisfit(n.start)
		return 0, resInvalid
	}
	return f, resOK
}

// float64Pow10 holds the powers of ten that float64 represents exactly.
var float64Pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// exactFloat64 returns n as a float64 when its digits and its power of ten are both exact in
// a float64: then one multiplication or division, which IEEE 754 rounds correctly, gives
// what strconv.ParseFloat gives (the fast path of Clinger's algorithm, as in strconv).
func (n number) exactFloat64() (float64, bool) {
	if n.digits > 19 || n.mant > 1<<53 || n.bigExp {
		return 0, false
	}
	f := float64(n.mant)
	if n.neg {
		f = -f
	}
	switch e := int(n.exp) - int(n.frac); {
	case e == 0:
	case e > 0 && e <= 22:
		f *= float64Pow10[e]
	case e < 0 && e >= -22:
		f /= float64Pow10[-e]
	default:
		return 0, false
	}
	return f, true
}

func decodeFloat64(d *decoder, p unsafe.Pointer) result {
	f, res := d.float(64)
	if res == resOK {
		*(*float64)(p) = f
	}
	return res
}

func decodeFloat32(d *decoder, p unsafe.Pointer) result {
	f, res := d.float(32)
	if res == resOK {
		*(*float32)(p) = float32(f)
	}
	return res
}

func decodeInterface(d *decoder, p unsafe.Pointer) result {
	v, res := d.decodeAny()
	if res == resOK || res == resNull {
		*(*any)(p) = v
	}
	return res
}

func decodeRawMessage(d *decoder, p unsafe.Pointer) result {
	start := d.i
	if !d.skipValue() {
		return resErr
	}
	*(*json.RawMessage)(p) = json.RawMessage(d.s[start:d.i])
	return resOK
}

func decodeBytes(d *decoder, p unsafe.Pointer) result {
	if null, ok := d.isNull(); !ok {
		return resErr
	} else if null {
		*(*[]byte)(p) = nil
		return resNull
	}
	if d.s[d.i] != '"' {
		return d.skipInvalid()
	}
	start := d.i
	v, ok := d.readString()
	if !ok {
		return resErr
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		d.noteMisfit(start)
		return resInvalid
	}
	*(*[]byte)(p) = b
	return resOK
}

// hookDecoder passes the raw text of each non-null value to t's UnmarshalAPIJSON method.
func hookDecoder(t reflect.Type) decodeFunc {
	return func(d *decoder, p unsafe.Pointer) result {
		start := d.i
		if null, ok := d.isNull(); !ok {
			return resErr
		} else if null {
			return resNull
		}
		if !d.skipValue() {
			return resErr
		}
		u, _ := reflect.NewAt(t, p).Interface().(Unmarshaler)
		if u == nil {
			return resInvalid
		}
		if err := u.UnmarshalAPIJSON(d.s[start:d.i]); err != nil {
			if d.hookErr == nil && !d.misfit {
				d.hookErr = err
			}
			d.noteMisfit(start)
			return resInvalid
		}
		return resOK
	}
}

// unsupportedDecoder skips any non-null value of a Go type the decoder cannot fill and marks
// it invalid.
func unsupportedDecoder(d *decoder, _ unsafe.Pointer) result {
	return d.mismatch()
}
