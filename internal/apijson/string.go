package apijson

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Strings. A string without escapes, nearly every string of a response, is decoded as a
// substring of the input. One with escapes is unescaped into the decoder's arena: blocks
// of bytes that are only ever appended to, so that a byte written for one string is never
// written again, and the strings of a document (or of a stream's documents) share a few
// blocks instead of taking an allocation each. A string keeps its block alive, as a
// substring keeps the input alive.

// Arena block sizes: a document's first block is small, each next one twice the last, up
// to maxArenaBlock; within one document a block is never larger than what is left of the
// input, which bounds what its strings can still unescape to.
const (
	firstArenaBlock = 1 << 10
	maxArenaBlock   = 32 << 10
)

// bytesOf returns the bytes of s without copying them, for reading words out of. The slice
// is never written to (strings are immutable) and lives no longer than s.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specialMask has the high bit set in each byte of x that is '"', '\\' or a control byte
// (< 0x20). Borrows can also set it in bytes after the first match, never before: its lowest
// set bit is always the first special byte. (Each term is the classic test for a zero byte,
// (v - 0x01…) &^ v & 0x80…; '"' and '\\' have bit 7 clear, so v's bit 7 is x's, and the
// three terms share one &^ x.)
func specialMask(x uint64) uint64 {
	return (((x ^ lsb*'"') - lsb) | ((x ^ lsb*'\\') - lsb) | (x - lsb*0x20)) &^ x & msb
}

// quoteMask has the high bit set in each byte of x that is '"' or '\\' (and, by borrows, maybe
// in bytes after the first match: its lowest set bit is always the first match), like
// specialMask.
func quoteMask(x uint64) uint64 {
	return (((x ^ lsb*'"') - lsb) | ((x ^ lsb*'\\') - lsb)) &^ x & msb
}

// scanString checks the body of a string whose opening quote is at s[i-1] and returns the
// index of the closing quote, or -1 after recording a syntax error. It finds each next '"',
// '\\' or control byte with findSpecial and goes on past escapes in the same loop.
func (d *decoder) scanString(i int) int {
	s := d.s
	b := bytesOf(s)
	for {
		i, _ = findSpecial(b, i)
		if i >= len(s) {
			d.syntaxErr(len(s), "unexpected end of input in string")
			return -1
		}
		switch s[i] {
		case '"':
			return i
		case '\\':
			if i+1 >= len(s) {
				d.syntaxErr(len(s), "unexpected end of input in string escape")
				return -1
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(s) {
						d.syntaxErr(len(s), "unexpected end of input in string escape")
						return -1
					}
					if !isHex(s[k]) {
						d.unexpected(k, "in \\u hexadecimal character escape")
						return -1
					}
				}
				i += 6
			default:
				d.syntaxErr(i, "invalid escape "+strconv.Quote(s[i:i+2])+" in string")
				return -1
			}
		default:
			d.unexpected(i, "in string literal")
			return -1
		}
	}
}

// findSpecial returns the index of the first '"', '\\' or control byte of b at or after i
// (len(b) if none), looking 8 bytes per step, and the OR of the bytes before it from i on,
// whose high bits tell of non-ASCII bytes.
func findSpecial(b []byte, i int) (int, uint64) {
	var seen uint64
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i : i+8])
		if m := specialMask(x); m != 0 {
			tz := uint(bits.TrailingZeros64(m)) // 8*k+7 for the first special byte k
			return i + int(tz>>3), seen | x&(1<<(tz-7)-1)
		}
		seen |= x
	}
	for ; i < len(b) && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20; i++ {
		seen |= uint64(b[i])
	}
	return i, seen
}

// readString decodes the string starting at d.i (a '"'). Strings without escapes or invalid
// UTF-8 are returned as substrings of the input; others are unescaped into the arena.
func (d *decoder) readString() (string, bool) {
	start := d.i + 1
	i, seen := findSpecial(bytesOf(d.s), start)
	if i < len(d.s) && d.s[i] == '"' && (seen&msb == 0 || utf8.ValidString(d.s[start:i])) {
		d.i = i + 1
		return d.s[start:i], true
	}
	return d.readEscaped(start, i, seen, false)
}

// readEscaped goes on with the string whose body starts at s[start] from its first
// special byte, at s[i]: it unescapes the string into the arena as it checks it. With fix,
// invalid UTF-8 in the input becomes U+FFFD, as encoding/json does; without, a string found
// to hold some is read again with fix. On a syntax error it leaves the error to scanString,
// so that the errors are those of skipping a string.
func (d *decoder) readEscaped(start, i int, seen uint64, fix bool) (string, bool) {
	s := d.s
	b := bytesOf(s)
	out := d.room(d.arena, i-start+8, len(s)-i)
	out = appendRun(out, s[start:i], fix)
	for i < len(s) {
		switch c := s[i]; {
		case c == '"':
			if !fix && seen&msb != 0 && !utf8.Valid(out) {
				// Escapes write whole UTF-8 sequences, so out is invalid exactly where a
				// run of the input is.
				first, _ := findSpecial(b, start)
				return d.readEscaped(start, first, 0, true)
			}
			d.i = i + 1
			// The arena goes on after out, so out's bytes are never written again and the
			// string may share them.
			d.arena = out[len(out):]
			return unsafe.String(unsafe.SliceData(out), len(out)), true
		case c != '\\' || i+1 >= len(s):
			return d.stringErr(start)
		}
		out = d.room(out, utf8.UTFMax, len(s)-i)
		switch s[i+1] {
		case '"', '\\', '/':
			out = append(out, s[i+1])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if !isHex4(s, i+2) {
				return d.stringErr(start)
			}
			r := hex4(s[i+2 : i+6])
			if utf16.IsSurrogate(r) {
				// A pair makes one rune; an unpaired surrogate is U+FFFD.
				r = utf8.RuneError
				if isHex4(s, i+8) && s[i+6] == '\\' && s[i+7] == 'u' {
					if dec := utf16.DecodeRune(hex4(s[i+2:i+6]), hex4(s[i+8:i+12])); dec != utf8.RuneError {
						r = dec
						i += 6
					}
				}
			}
			out = utf8.AppendRune(out, r)
			i += 4
		default:
			return d.stringErr(start)
		}
		i += 2
		j, more := findSpecial(b, i)
		seen |= more
		out = d.room(out, j-i, len(s)-i)
		out = appendRun(out, s[i:j], fix)
		i = j
	}
	return d.stringErr(start)
}

// appendRun appends a run of a string's input to out; with fix, invalid UTF-8 in it
// becomes U+FFFD (and out may outgrow the room made for it: append then moves it).
func appendRun(out []byte, run string, fix bool) []byte {
	if fix {
		return appendValidUTF8(out, run)
	}
	return append(out, run...)
}

// stringErr records the syntax error of the string whose body starts at s[start].
//
//go:noinline
func (d *decoder) stringErr(start int) (string, bool) {
	if end := d.scanString(start); end >= 0 {
		// Unreachable: the string was found malformed. Report it anyway rather than
		// decode it wrong.
		d.syntaxErr(start, "malformed string")
	}
	return "", false
}

// isHex4 reports whether s holds four hex digits at i.
func isHex4(s string, i int) bool {
	return i+4 <= len(s) && isHex(s[i]) && isHex(s[i+1]) && isHex(s[i+2]) && isHex(s[i+3])
}

// room returns out (the string being unescaped, at the arena's free tail) with room to
// append n more bytes, moving it to a new arena block when its block has too little. more
// is how much of the input is left.
func (d *decoder) room(out []byte, n, more int) []byte {
	if cap(out)-len(out) >= n {
		return out
	}
	size := min(max(2*d.arenaBlock, firstArenaBlock), maxArenaBlock)
	size = max(size, 2*len(out)) // a string larger than a block grows as append grows it
	if !d.stream {
		// One document: what is left of it bounds what its strings can still unescape to.
		size = min(size, len(out)+more)
	}
	size = max(size, len(out)+n)
	d.arenaBlock = size
	return append(make([]byte, 0, size), out...)
}

// appendValidUTF8 appends s with each invalid UTF-8 byte replaced by U+FFFD.
func appendValidUTF8(b []byte, s string) []byte {
	if utf8.ValidString(s) {
		return append(b, s...)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// hex4 decodes four hex digits already checked (isHex4, or scanString).
func hex4(h string) rune {
	var r rune
	for i := 0; i < 4; i++ {
		c := h[i]
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
