package apijson

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// maxDepth bounds the nesting of objects and arrays, so hostile input cannot exhaust the stack.
const maxDepth = 10000

// result is what decoding one value produced. resErr means the input is malformed; the
// error is in decoder.err.
type result uint8

const (
	resOK result = iota
	resNull
	resInvalid
	resErr
)

// decoder walks one JSON document. Value decoders start with d.i at the value's first byte
// (whitespace already skipped, d.i < len(d.s)) and leave d.i just past the value.
type decoder struct {
	s      string
	i      int
	depth  int
	err    error
	strict bool // fail on struct types whose metadata does not match (SetStrictMetadata)

	// The first value that did not fit its Go type, reported when the misfit reaches the top.
	misfitAt int
	misfit   bool
	hookErr  error

	// The free tail of the current block of unescaped strings (see string.go), the size of
	// that block, and whether blocks are sized for a stream of documents rather than one.
	arena      []byte
	arenaBlock int
	stream     bool

	// Free-form strings and numbers boxed so far, and the table of the last ones once there
	// are enough (see decode_any.go).
	boxed  int
	intern *internTable
}

// syntaxErr records a syntax error at byte offset off.
//
//go:noinline
func (d *decoder) syntaxErr(off int, what string) result {
	if d.err == nil {
		d.err = fmt.Errorf("llamacloud: decode json: %s at offset %d", what, off)
	}
	return resErr
}

// unexpected records an error for the byte at off (or the end of input) in the given context.
//
//go:noinline
func (d *decoder) unexpected(off int, context string) result {
	if off >= len(d.s) {
		return d.syntaxErr(len(d.s), "unexpected end of input")
	}
	return d.syntaxErr(off, "invalid character "+quoteChar(d.s[off])+" "+context)
}

// quoteChar quotes one input byte for an error message.
func quoteChar(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf(`'\x%02x'`, c)
}

// enter counts one level of nesting and fails past maxDepth.
func (d *decoder) enter() bool {
	d.depth++
	if d.depth > maxDepth {
		d.syntaxErr(d.i, fmt.Sprintf("nesting deeper than %d", maxDepth))
		return false
	}
	return true
}

// noteMisfit remembers where the first value that did not fit its Go type started.
func (d *decoder) noteMisfit(off int) {
	if !d.misfit {
		d.misfit, d.misfitAt = true, off
	}
}

// skipSpace returns the index of the first non-whitespace byte of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
			return i
		}
		i++
	}
	return i
}

func isDigit(c byte) bool { return c-'0' < 10 }

func isHex(c byte) bool {
	return c-'0' < 10 || (c|0x20)-'a' < 6
}

// number is a scanned JSON number. mant holds the value of all its digits, integer and
// fraction parts together, when digits <= 19; otherwise it is meaningless. The number is
// mant * 10^(exp-frac) (negated when neg) in that case.
//
// It is small enough to be returned in registers; its text is d.s[start:d.i] after the scan.
type number struct {
	start    int
	mant     uint64
	digits   int32 // digits of the integer and fraction parts, at most maxDigits
	frac     int32 // digits of the fraction part, at most maxDigits
	exp      int32 // the exponent, when it has at most 4 digits
	bigExp   bool  // the exponent has more than 4 digits
	neg      bool
	integral bool // no fraction and no exponent
}

// maxDigits caps the digit counts of a number, which only need to tell "more than 19".
const maxDigits = 1 << 20

// scanNumber checks the number at d.i against the JSON grammar and moves d.i past it.
func (d *decoder) scanNumber() (number, bool) {
	s := d.s
	i := d.i
	n := number{start: i, integral: true}
	if s[i] == '-' {
		n.neg = true
		i++
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input in numeric literal")
			return n, false
		}
	}
	var m uint64
	j := i
	switch c := s[i]; {
	case c == '0':
		i++
	case c >= '1' && c <= '9':
		for ; i < len(s) && isDigit(s[i]); i++ {
			m = m*10 + uint64(s[i]-'0')
		}
	default:
		d.unexpected(i, "in numeric literal")
		return n, false
	}
	n.digits = int32(min(i-j, maxDigits))
	if i < len(s) && s[i] == '.' {
		n.integral = false
		i++
		if i >= len(s) || !isDigit(s[i]) {
			d.unexpected(i, "after decimal point in numeric literal")
			return n, false
		}
		j = i
		for ; i < len(s) && isDigit(s[i]); i++ {
			m = m*10 + uint64(s[i]-'0')
		}
		n.frac = int32(min(i-j, maxDigits))
		n.digits += n.frac
	}
	n.mant = m
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		n.integral = false
		i++
		neg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			d.unexpected(i, "in exponent of numeric literal")
			return n, false
		}
		j = i
		e := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			e = e*10 + int(s[i]-'0')
		}
		if n.bigExp = i-j > 4; neg {
			e = -e
		}
		n.exp = int32(e)
	}
	d.i = i
	return n, true
}

// literal checks that the literal word (true, false or null) is at d.i and moves past it.
func (d *decoder) literal(word string) bool {
	s := d.s
	i := d.i
	if len(s)-i >= len(word) && s[i:i+len(word)] == word {
		d.i = i + len(word)
		return true
	}
	for k := 1; k < len(word); k++ {
		if i+k >= len(s) {
			d.syntaxErr(len(s), "unexpected end of input in literal "+word)
			return false
		}
		if s[i+k] != word[k] {
			d.unexpected(i+k, "in literal "+word+" (expecting "+quoteChar(word[k])+")")
			return false
		}
	}
	return false // unreachable: the word matched
}

// skipValue checks the value at d.i and moves past it.
func (d *decoder) skipValue() bool {
	s := d.s
	switch c := s[d.i]; c {
	case '"':
		end := d.scanString(d.i + 1)
		if end < 0 {
			return false
		}
		d.i = end + 1
		return true
	case '{':
		return d.skipObject()
	case '[':
		return d.skipArray()
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	default:
		if c == '-' || isDigit(c) {
			_, ok := d.scanNumber()
			return ok
		}
		d.unexpected(d.i, "looking for beginning of value")
		return false
	}
}

func (d *decoder) skipObject() bool {
	more, ok := d.beginObject()
	for ok && more {
		if _, ok = d.readKey(false); !ok {
			return false
		}
		if !d.skipValue() {
			return false
		}
		more, ok = d.nextMember()
	}
	return ok
}

func (d *decoder) skipArray() bool {
	more, ok := d.beginArray()
	for ok && more {
		if !d.skipValue() {
			return false
		}
		more, ok = d.nextElement()
	}
	return ok
}

// beginObject enters the object whose '{' is at d.i. It reports whether a member follows;
// if not, the object was empty and d.i is past its '}'.
func (d *decoder) beginObject() (more, ok bool) {
	if !d.enter() {
		return false, false
	}
	s := d.s
	i := skipSpace(s, d.i+1)
	if i < len(s) && s[i] == '}' {
		d.i = i + 1
		d.depth--
		return false, true
	}
	d.i = i
	return true, true
}

// readKey reads a member's key and colon and leaves d.i at the value. The key is decoded only
// when decode is true.
func (d *decoder) readKey(decode bool) (string, bool) {
	s := d.s
	i := d.i
	if i >= len(s) || s[i] != '"' {
		d.unexpected(i, "looking for beginning of object key string")
		return "", false
	}
	var key string
	if decode {
		k, ok := d.readString()
		if !ok {
			return "", false
		}
		key, i = k, d.i
	} else {
		end := d.scanString(i + 1)
		if end < 0 {
			return "", false
		}
		i = end + 1
	}
	i = skipSpace(s, i)
	if i >= len(s) || s[i] != ':' {
		d.unexpected(i, "after object key")
		return "", false
	}
	i = skipSpace(s, i+1)
	if i >= len(s) {
		d.unexpected(i, "")
		return "", false
	}
	d.i = i
	return key, true
}

// nextMember moves past the ',' after a member's value and reports true, or past the
// object's closing '}' and reports false.
func (d *decoder) nextMember() (more, ok bool) {
	s := d.s
	i := skipSpace(s, d.i)
	if i < len(s) {
		if s[i] == ',' {
			d.i = skipSpace(s, i+1)
			return true, true
		}
		if s[i] == '}' {
			d.i = i + 1
			d.depth--
			return false, true
		}
	}
	d.unexpected(i, "after object key:value pair")
	return false, false
}

// beginArray enters the array whose '[' is at d.i. It reports whether an element follows
// (d.i is at it); if not, the array was empty and d.i is past its ']'.
func (d *decoder) beginArray() (more, ok bool) {
	if !d.enter() {
		return false, false
	}
	s := d.s
	i := skipSpace(s, d.i+1)
	if i < len(s) && s[i] == ']' {
		d.i = i + 1
		d.depth--
		return false, true
	}
	if i >= len(s) {
		d.unexpected(i, "")
		return false, false
	}
	d.i = i
	return true, true
}

// nextElement moves past the ',' after an element (to the next element) and reports true, or
// past the array's closing ']' and reports false.
func (d *decoder) nextElement() (more, ok bool) {
	s := d.s
	i := skipSpace(s, d.i)
	if i < len(s) {
		if s[i] == ',' {
			i = skipSpace(s, i+1)
			if i >= len(s) {
				d.unexpected(i, "")
				return false, false
			}
			d.i = i
			return true, true
		}
		if s[i] == ']' {
			d.i = i + 1
			d.depth--
			return false, true
		}
	}
	d.unexpected(i, "after array element")
	return false, false
}

// countElements counts the elements of the array whose '[' is at s[i], looking only at its
// structure (strings, brackets, commas) and checking nothing else: for well-formed JSON it is
// the number of elements; for malformed JSON it is a guess, which the decoder then corrects
// (it reports the syntax error). It returns -1 when s ends inside the array.
func countElements(s string, i int) int {
	b := bytesOf(s)
	depth, n := 0, 0
	empty := true
	for i++; i < len(b); i++ {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
		case '"':
			// Skip the string, 8 bytes a step, to its closing quote.
			j := i + 1
			for {
				if j+8 > len(b) {
					for j < len(b) && b[j] != '"' && b[j] != '\\' {
						j++
					}
					if j >= len(b) {
						return -1
					}
				} else if m := quoteMask(binary.LittleEndian.Uint64(b[j : j+8])); m != 0 {
					j += bits.TrailingZeros64(m) >> 3
				} else {
					j += 8
					continue
				}
				if b[j] == '"' {
					break
				}
				j += 2 // a backslash and the byte it escapes
			}
			i = j
			empty = false
		case '[', '{':
			depth++
			empty = false
		case ']', '}':
			if depth == 0 {
				if empty {
					return 0
				}
				return n + 1
			}
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		default:
			empty = false
		}
	}
	return -1
}
