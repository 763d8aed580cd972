package apijson

import (
	"reflect"
	"sync/atomic"
	"unsafe"
)

// A JSON array is decoded into a new slice of exactly its length, so that no memory is lost
// to append-style growth: the decoder learns the length first, one of two ways, and picks
// per slice type the one that costs less.
//
//   - Scratch: elements are decoded into a reusable scratch slice, then copied into one
//     allocation of the final length. The copy (and the clearing of the scratch, so that it
//     holds no references afterwards) costs in proportion to the Go size of the elements.
//   - Counted: the array's elements are counted first by a light scan of its JSON text
//     (countElements), then decoded straight into the final slice. The scan costs in
//     proportion to the JSON size of the elements.
//
// Each slice type remembers the JSON bytes per element of its last array, and counts first
// when its elements are at least countedSizeRatio times larger in Go than in JSON: chat
// events (632 bytes in Go for about 120 in JSON) are counted; directory files (608 bytes for
// about 640) use the scratch. The first array of a type is counted when its elements are
// large (countedFirstSize), so that a single call does not grow a scratch slice of them.

// countedSizeRatio is how many times larger than its JSON an element must be in Go for its
// arrays to be counted first. The scan runs at about a third of the cost per byte of copying
// and clearing a decoded element.
const countedSizeRatio = 3

// countedFirstSize is the Go size from which elements are counted in the first array of
// their type, before the JSON size of its elements is known: growing a scratch slice of
// such elements from nothing would cost more than counting.
const countedFirstSize = 256

// sliceScratch is a reusable buffer of slice elements; its field is a *[]T.
type sliceScratch struct {
	slice reflect.Value
}

// maxScratchBytes bounds the scratch buffer kept for reuse per slice type.
const maxScratchBytes = 8 << 20

// sliceDecoder decodes an array into a new slice of exactly the array's length. Each slice
// type keeps at most one scratch buffer for reuse (a sync.Pool would keep one per P,
// multiplying the memory a pager holds by the core count); concurrent decodes of the same
// type that find it taken make their own. An empty array makes an empty non-nil slice; null
// sets the slice to nil; an element that does not fit makes the whole slice nil and invalid.
func sliceDecoder(t reflect.Type, elem *decodePlan) decodeFunc {
	size := t.Elem().Size()
	var kept atomic.Pointer[sliceScratch]
	var jsonPerElem atomic.Int64        // JSON bytes per element of the last array, 0 before the first
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
		if per := jsonPerElem.Load(); per == 0 && size >= countedFirstSize || per > 0 && size >= countedSizeRatio*uintptr(per) {
			if kept.Load() != nil {
				kept.Store(nil) // this type's arrays are counted now: free the scratch
			}
			n, res = d.decodeCounted(out, elem, start)
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
		jsonPerElem.Store(int64((d.i-start)/n + 1))
		return res
	}
}

// decodeCounted counts the elements of the array whose '[' is at start, then decodes them
// (from d.i, the first element) straight into a new slice of that length stored in out. It
// returns the number of elements decoded.
func (d *decoder) decodeCounted(out reflect.Value, elem *decodePlan, start int) (int, result) {
	n := countElements(d.s, start)
	if n <= 0 {
		// The text ends inside the array: decoding it reports where.
		n = 1
	}
	out.SetZero()
	out.Grow(n)
	out.SetLen(n)
	size := out.Type().Elem().Size()
	res := resOK
	i := 0
	for more, ok := true, true; more; i++ {
		if i == out.Len() {
			// More elements than counted (only in text that turns out malformed): grow,
			// keeping what was decoded.
			out.Grow(1)
			out.SetLen(i + 1)
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
	if res == resOK {
		out.SetZero()
		out.Grow(n)
		out.SetLen(n)
		reflect.Copy(out, buf)
	}
	buf.Clear() // the scratch must not keep this document's values alive
	buf.SetLen(buf.Cap())
	if uintptr(buf.Cap())*size <= maxScratchBytes {
		kept.Store(sc)
	}
	return n, res
}
