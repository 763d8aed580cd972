package apijson

import (
	"reflect"
	"sync/atomic"
	"unsafe"
)

// A JSON array is decoded into a new slice of its length, so that no memory is lost to
// append-style growth. There are two ways, and the decoder picks per slice type the one that
// costs less.
//
//   - Scratch: elements are decoded into a reusable scratch slice, then copied into one
//     allocation of the final length. The copy (and the clearing of the scratch, so that it
//     holds no references afterwards) costs in proportion to the Go size of the elements.
//   - In place: elements are decoded straight into the final slice, made for the length of
//     the type's last array when the rest of the text has room for that many (pages of a
//     list are one length), or else for the count of a light scan of the array's text
//     (countElements), which costs in proportion to the JSON size of the elements. A wrong
//     guess costs a copy: a longer array grows the slice, a much shorter one is copied into
//     a slice of its length.
//
// Each slice type remembers the length and the JSON bytes per element of its last array, and
// decodes in place when its elements are at least countedSizeRatio times larger in Go than
// in JSON (chat events: 376 bytes in Go for about 120 in JSON), when its last array was too
// large for its scratch to be kept (over maxScratchBytes: a page of a list), or when its last
// two arrays had one length: then the guess is likely right and saves both the copy and the
// count. Otherwise it uses the scratch (directory files, 608 bytes for about 640, in
// arrays of changing lengths). The first array of a type is decoded in place when its
// elements are large (countedFirstSize), so that a single call does not grow a scratch
// slice of them.

// countedSizeRatio is how many times larger than its JSON an element must be in Go for its
// arrays to be decoded in place. The scan runs at about a third of the cost per byte of copying
// and clearing a decoded element.
const countedSizeRatio = 3

// countedFirstSize is the Go size from which elements are decoded in place in the first
// array of their type, before the JSON size of its elements is known: growing a scratch slice of
// such elements from nothing would cost more than counting.
const countedFirstSize = 256

// minSteadyLen is the shortest length for which a steady length takes an array in place:
// shorter ones cost little to copy, and a wrong guess costs an allocation.
const minSteadyLen = 16

// sliceScratch is a reusable buffer of slice elements; its field is a *[]T.
type sliceScratch struct {
	slice reflect.Value
}

// maxScratchBytes bounds the scratch buffer kept for reuse per slice type: the scratch of a
// larger array (a page of a list) is not kept, so that no page-sized buffer outlives its
// page, and the next array of that size is decoded in place.
const maxScratchBytes = 64 << 10

// sliceDecoder decodes an array into a new slice of exactly the array's length. Each slice
// type keeps at most one scratch buffer for reuse (a sync.Pool would keep one per P,
// multiplying the memory a pager holds by the core count); concurrent decodes of the same
// type that find it taken make their own. An empty array makes an empty non-nil slice; null
// sets the slice to nil; an element that does not fit makes the whole slice nil and invalid.
func sliceDecoder(t reflect.Type, elem *decodePlan) decodeFunc {
	size := t.Elem().Size()
	var kept atomic.Pointer[sliceScratch]
	var jsonPerElem atomic.Int64        // JSON bytes per element of the last array, 0 before the first
	var lastLen atomic.Int64            // the length of the last array
	var steady atomic.Bool              // the last two arrays had one length
	empty := reflect.MakeSlice(t, 0, 0) // points at the runtime's zero-size base
	return func(d *decoder, p unsafe.Pointer) result {
		// p points to a value of type t: reflect.NewAt gives the slice as a reflect.Value,
		// so that its header is read and written by reflect, not through a layout of ours.
		out := reflect.NewAt(t, p).Elem()
		switch d.s[d.i] {
		case '[':
		case 'n':
			if !d.literal("null") {
				return resErr
			}
			out.SetZero()
			return resNull
		default:
			return d.skipInvalid()
		}
		start := d.i
		more, ok := d.beginArray()
		if !ok {
			return resErr
		}
		if !more {
			out.Set(empty)
			return resOK
		}
		var res result
		var n int
		// An array of the last one's length is likely again (pages of a list, say): when
		// the rest of the text has room for that many, it is the guess.
		per := jsonPerElem.Load()
		guess := 0
		if last := lastLen.Load(); last > 0 && per > 0 && last*per <= int64(len(d.s)-start) {
			guess = int(last)
		}
		large := per == 0 && size >= countedFirstSize || per > 0 && size >= countedSizeRatio*uintptr(per)
		tooBig := uintptr(guess)*size > maxScratchBytes // its scratch would not be kept
		if large || tooBig || guess >= minSteadyLen && steady.Load() {
			if kept.Load() != nil {
				kept.Store(nil) // this type's arrays are decoded in place now: free the scratch
			}
			n, res = d.decodeInPlace(out, elem, start, guess)
		} else {
			n, res = d.decodeScratch(out, t, elem, &kept)
		}
		if res == resErr {
			out.SetZero()
			return resErr
		}
		if res == resInvalid {
			out.SetZero()
		}
		jsonPerElem.Store(max(int64((d.i-start)/n), 1)) // rounded down: the room test stays true for the same array
		steady.Store(int64(n) == lastLen.Swap(int64(n)))
		return res
	}
}

// decodeInPlace decodes the elements of the array whose '[' is at start (from d.i, the first
// element) straight into a new slice stored in out, made for guess elements, or for the
// number countElements finds when guess is 0. An array longer than the guess grows the slice
// as append does; one that leaves more than an eighth of it unused is copied into a slice of
// its length, so that the memory a slice holds stays close to its length. It returns the
// number of elements decoded.
func (d *decoder) decodeInPlace(out reflect.Value, elem *decodePlan, start, guess int) (int, result) {
	n := guess
	if n == 0 {
		if n = countElements(d.s, start); n <= 0 {
			n = 1 // the text ends inside the array: decoding it reports where
		}
	}
	out.SetZero()
	out.Grow(n)
	out.SetLen(n)
	size := out.Type().Elem().Size()
	res := resOK
	i := 0
	for more, ok := true, true; more; i++ {
		if i == out.Len() {
			// More elements than made room for: grow, keeping what was decoded.
			out.Grow(1)
			out.SetLen(out.Cap())
		}
		// Element i of the backing array: pointer arithmetic within one allocation.
		switch elem.dec(d, unsafe.Add(out.UnsafePointer(), uintptr(i)*size)) {
		case resErr:
			return i + 1, resErr
		case resInvalid:
			res = resInvalid
		}
		if more, ok = d.nextElement(); !ok {
			return i + 1, resErr
		}
	}
	out.SetLen(i)
	if out.Cap()-i > i/8 {
		exact := reflect.New(out.Type()).Elem()
		exact.Grow(i)
		exact.SetLen(i)
		reflect.Copy(exact, out)
		out.Set(exact)
	}
	return i, res
}

// decodeScratch decodes the elements of the array (from d.i, the first element) into the
// kept scratch slice, then copies them into a new slice of their number stored in out. It
// returns the number of elements decoded.
func (d *decoder) decodeScratch(out reflect.Value, t reflect.Type, elem *decodePlan, kept *atomic.Pointer[sliceScratch]) (int, result) {
	sc := kept.Swap(nil)
	if sc == nil {
		sc = &sliceScratch{slice: reflect.New(t)}
	}
	buf := sc.slice.Elem()
	size := t.Elem().Size()
	res := resOK
	n := 0
	for more, ok := true, true; more; {
		if n == buf.Len() {
			buf.Grow(1)
			buf.SetLen(buf.Cap())
		}
		// Element n of the scratch's backing array: pointer arithmetic within one allocation.
		switch elem.dec(d, unsafe.Add(buf.UnsafePointer(), uintptr(n)*size)) {
		case resErr:
			res = resErr
		case resInvalid:
			res = resInvalid
		}
		n++
		if res == resErr {
			break
		}
		if more, ok = d.nextElement(); !ok {
			res = resErr
		}
	}
	buf.SetLen(n)
	keep := uintptr(buf.Cap())*size <= maxScratchBytes
	switch {
	case res != resOK:
	case !keep && buf.Cap()-n <= n/8:
		// A scratch that is not kept and wastes little becomes the slice itself.
		out.Set(buf)
		return n, res
	default:
		out.SetZero()
		out.Grow(n)
		out.SetLen(n)
		reflect.Copy(out, buf)
	}
	if keep {
		buf.Clear() // the scratch must not keep this document's values alive
		buf.SetLen(buf.Cap())
		kept.Store(sc)
	}
	return n, res
}
