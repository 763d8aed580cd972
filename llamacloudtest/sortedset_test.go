package llamacloudtest

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSortedSetMatchesSortedSlice runs random inserts and removes, enough to split and empty
// blocks, and checks the set against a sorted slice after each batch: its elements, After, At
// and Walk from the middle.
func TestSortedSetMatchesSortedSlice(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	s := newSortedSet(cmp.Compare[int])
	var model []int
	for round := range 40 {
		for range 300 {
			v := r.IntN(3000)
			i, found := slices.BinarySearch(model, v)
			if r.IntN(3) == 0 || round > 30 {
				assert.Equal(t, found, s.Remove(v), "remove %d", v)
				if found {
					model = slices.Delete(model, i, i+1)
				}
			} else {
				assert.Equal(t, !found, s.Insert(v), "insert %d", v)
				if !found {
					model = slices.Insert(model, i, v)
				}
			}
		}
		require.Equal(t, len(model), s.Len(), "round %d", round)
		var all []int
		s.Walk(setPos{}, func(v int) bool { all = append(all, v); return true })
		require.Equal(t, model, all, "round %d", round)
		for _, b := range s.blocks {
			require.NotEmpty(t, b)
			require.Less(t, len(b), 2*sortedSetBlock)
		}
		probe := r.IntN(3100) - 50
		want := model[firstAfter(model, probe):]
		got := []int{}
		s.Walk(s.After(probe), func(v int) bool { got = append(got, v); return len(got) < 10 })
		assert.Equal(t, want[:min(10, len(want))], got, "after %d", probe)
		n := r.IntN(len(model) + 2)
		var at []int
		s.Walk(s.At(n), func(v int) bool { at = append(at, v); return len(at) < 3 })
		if n < len(model) {
			assert.Equal(t, model[n:min(n+3, len(model))], at, "at %d", n)
		} else {
			assert.Empty(t, at, "at %d", n)
		}
	}
	s.fill([]int{1, 2, 3})
	assert.Equal(t, 3, s.Len())
	assert.False(t, s.Insert(2))
}

// firstAfter returns the index of the first element of sorted greater than v.
func firstAfter(sorted []int, v int) int {
	i, found := slices.BinarySearch(sorted, v)
	if found {
		i++
	}
	return i
}
