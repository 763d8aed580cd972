package llamacloudtest

import (
	"slices"
	"sort"
)

// sortedSetBlock is the size a block of a sortedSet is split back to once it doubles.
const sortedSetBlock = 256

// sortedSet is a set of elements kept in the order of cmp, stored as a list of sorted blocks, so
// that inserting and removing cost O(log n + block), seeking costs O(log n) and walking costs
// O(1) per element. Elements that cmp calls equal are the same element. Make one with
// newSortedSet; it is not safe for concurrent use (the server's mutex guards it).
type sortedSet[E any] struct {
	cmp    func(a, b E) int
	blocks [][]E // non-empty, each sorted, every element of blocks[i] before those of blocks[i+1]
	n      int
}

// setPos is a position in a sortedSet: element i of block b. The end is {len(blocks), 0}.
type setPos struct{ b, i int }

func newSortedSet[E any](cmp func(a, b E) int) *sortedSet[E] { return &sortedSet[E]{cmp: cmp} }

// Len returns the number of elements.
func (s *sortedSet[E]) Len() int { return s.n }

// blockFor returns the block where e is or belongs: the first whose last element is not before e,
// else the last block. The set is not empty.
func (s *sortedSet[E]) blockFor(e E) int {
	i := sort.Search(len(s.blocks), func(i int) bool {
		b := s.blocks[i]
		return s.cmp(b[len(b)-1], e) >= 0
	})
	return min(i, len(s.blocks)-1)
}

// Insert adds e and reports whether it was new; an equal element is left in place.
func (s *sortedSet[E]) Insert(e E) bool {
	if len(s.blocks) == 0 {
		s.blocks = [][]E{{e}}
		s.n = 1
		return true
	}
	bi := s.blockFor(e)
	b := s.blocks[bi]
	j, found := slices.BinarySearchFunc(b, e, s.cmp)
	if found {
		return false
	}
	b = slices.Insert(b, j, e)
	if len(b) >= 2*sortedSetBlock {
		half := len(b) / 2
		right := slices.Clone(b[half:])
		clear(b[half:]) // drop the moved elements' references from the old array
		s.blocks = slices.Insert(s.blocks, bi+1, right)
		b = b[:half]
	}
	s.blocks[bi] = b
	s.n++
	return true
}

// Remove deletes the element equal to e and reports whether there was one.
func (s *sortedSet[E]) Remove(e E) bool {
	if len(s.blocks) == 0 {
		return false
	}
	bi := s.blockFor(e)
	b := s.blocks[bi]
	j, found := slices.BinarySearchFunc(b, e, s.cmp)
	if !found {
		return false
	}
	b = slices.Delete(b, j, j+1)
	if len(b) == 0 {
		s.blocks = slices.Delete(s.blocks, bi, bi+1)
	} else {
		s.blocks[bi] = b
	}
	s.n--
	return true
}

// After returns the position of the first element after e (e itself need not be in the set).
func (s *sortedSet[E]) After(e E) setPos {
	bi := sort.Search(len(s.blocks), func(i int) bool {
		b := s.blocks[i]
		return s.cmp(b[len(b)-1], e) > 0
	})
	if bi == len(s.blocks) {
		return setPos{bi, 0}
	}
	b := s.blocks[bi]
	return setPos{bi, sort.Search(len(b), func(j int) bool { return s.cmp(b[j], e) > 0 })}
}

// At returns the position of the element with index n (0-based); the end when n >= Len.
func (s *sortedSet[E]) At(n int) setPos {
	for bi, b := range s.blocks {
		if n < len(b) {
			return setPos{bi, max(n, 0)}
		}
		n -= len(b)
	}
	return setPos{len(s.blocks), 0}
}

// Walk calls fn on the elements from p on, in order, until fn returns false or the set ends.
// fn must not change the set.
func (s *sortedSet[E]) Walk(p setPos, fn func(E) bool) {
	for bi := p.b; bi < len(s.blocks); bi++ {
		b := s.blocks[bi]
		start := 0
		if bi == p.b {
			start = p.i
		}
		for _, e := range b[start:] {
			if !fn(e) {
				return
			}
		}
	}
}

// fill replaces the contents with elems, which must be sorted by cmp and free of duplicates.
func (s *sortedSet[E]) fill(elems []E) {
	s.blocks = nil
	for len(elems) > 0 {
		n := min(len(elems), sortedSetBlock)
		s.blocks = append(s.blocks, slices.Clone(elems[:n]))
		elems = elems[n:]
	}
	s.n = 0
	for _, b := range s.blocks {
		s.n += len(b)
	}
}
