package pagination

import (
	"hash/maphash"
	"iter"
	"strings"
)

// AutoPager walks the items of a list across its pages, fetching each page only when the
// previous one is used up; nothing is fetched before the first call to Next or All. It
// keeps the context of the call that made it. Use it from one goroutine, once.
//
//	pager := client.Beta.Directories.ListAutoPaging(ctx, beta.DirectoryListParams{})
//	for pager.Next() {
//		dir := pager.Current()
//	}
//	if err := pager.Err(); err != nil { … }
type AutoPager[T any] struct {
	first func() (pager[T], error)
	page  pager[T]
	items []T
	pos   int // position in items of the next item
	index int // overall index of the current item
	cur   T
	err   error
	done  bool
	walk  progress
}

func newAutoPager[T any](first func() (pager[T], error)) *AutoPager[T] {
	return &AutoPager[T]{first: first, index: -1, walk: progress{seed: maphash.MakeSeed(), power: 1}}
}

// NewPaginatedCursorAutoPager returns an AutoPager whose first page comes from first.
func NewPaginatedCursorAutoPager[T any](first func() (*PaginatedCursor[T], error)) *AutoPager[T] {
	return newAutoPager(func() (pager[T], error) { return wrap(first()) })
}

// NewPaginatedCursorPostAutoPager returns an AutoPager whose first page comes from first.
func NewPaginatedCursorPostAutoPager[T any](first func() (*PaginatedCursorPost[T], error)) *AutoPager[T] {
	return newAutoPager(func() (pager[T], error) { return wrap(first()) })
}

// NewPaginatedBatchItemsAutoPager returns an AutoPager whose first page comes from first.
func NewPaginatedBatchItemsAutoPager[T any](first func() (*PaginatedBatchItems[T], error)) *AutoPager[T] {
	return newAutoPager(func() (pager[T], error) { return wrap(first()) })
}

// Next advances to the next item, fetching the next page when the current one is used up.
// It returns false at the end of the list or on an error; then see [AutoPager.Err].
func (a *AutoPager[T]) Next() bool {
	for !a.done {
		if a.pos < len(a.items) {
			a.cur = a.items[a.pos]
			var zero T
			a.items[a.pos] = zero // let the page's items go as they are consumed
			a.pos++
			a.index++
			return true
		}
		// Drop every reference into the used-up page before fetching the next, so its
		// items and body can be freed meanwhile: the current item shares the body's memory.
		var zero T
		a.cur, a.items = zero, nil
		var next pager[T]
		var err error
		if a.page == nil && a.first != nil {
			next, err = a.first()
			a.first = nil
		} else if a.page != nil {
			if err = a.walk.checkToken(a.page.nextToken()); err == nil {
				next, err = a.page.nextPage()
			}
		}
		if err == nil && next != nil {
			err = checkItems(&a.walk, next)
		}
		if err != nil {
			a.err, a.done = err, true
			break
		}
		if next == nil {
			a.done = true
			break
		}
		a.page, a.items, a.pos = next, next.pageItems(), 0
		if len(a.items) == 0 {
			a.done = true
		}
	}
	var zero T
	a.cur = zero
	return false
}

// Current returns the item Next advanced to.
func (a *AutoPager[T]) Current() T { return a.cur }

// Index returns the position of the current item in the whole list, from 0.
func (a *AutoPager[T]) Index() int { return a.index }

// Err returns the error that ended the walk, or nil.
func (a *AutoPager[T]) Err() error { return a.err }

// All returns an iterator over the remaining items. An error is yielded once, with the zero
// T, and ends the sequence; when the loop stops early no further page is fetched.
func (a *AutoPager[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for a.Next() {
			if !yield(a.Current(), nil) {
				return
			}
		}
		if a.err != nil {
			var zero T
			yield(zero, a.err)
		}
	}
}

// progress checks that a walk advances, so that a server that does not cannot make it
// endless: a page must not repeat the items of the page before it (a server ignoring the
// page token or offset), and a next_page_token must not repeat an earlier one (a server
// paging in a cycle). It keeps a hash of the last page's items and one token, not the
// pages: cycles are found with Brent's method, within about twice their length.
type progress struct {
	seed  maphash.Seed
	items uint64 // hash of the last page's items, 0 before the first page
	mark  string // a token of the walk, compared with each new one
	power int    // how many tokens mark is kept for before it moves on
	steps int    // tokens seen since mark was set
}

// checkItems checks the items of a page that has just arrived.
func checkItems[T any](w *progress, p pager[T]) error {
	var hash maphash.Hash
	hash.SetSeed(w.seed)
	if items := p.pageItems(); len(items) > 0 && hasRawJSON[T]() {
		for i := range items {
			hash.WriteString(itemRaw(&items[i]))
		}
	} else {
		raw := p.itemsJSON().Raw()
		if len(raw) <= 2 { // "" or "[]": an empty page ends the walk
			return nil
		}
		hash.WriteString(raw)
	}
	h := hash.Sum64() | 1 // never 0
	if h == w.items {
		return errNoProgressAt(p.position())
	}
	w.items = h
	return nil
}

// checkToken checks the token of the next page before it is fetched ("" for none).
func (w *progress) checkToken(tok string) error {
	if tok == "" {
		return nil
	}
	if tok == w.mark {
		return errRepeatedToken(tok)
	}
	if w.steps++; w.steps == w.power {
		w.mark, w.power, w.steps = strings.Clone(tok), 2*w.power, 0
	}
	return nil
}
