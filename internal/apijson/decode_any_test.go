package apijson

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// internDoc is a free-form array of n objects whose values repeat (a department, a year, a
// flag), are unique (an ID, a long note) or collide in the intern table's few slots.
func internDoc(n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"dept":%q,"year":%d,"id":"doc-%05d","score":%g,"zero":%s,"tags":["a","b\n",%q],"note":%q}`,
			[]string{"finance", "legal", "sales"}[i%3], 2020+i%4, i, float64(i)/7,
			[]string{"0", "-0", "0.0"}[i%3], fmt.Sprint(i%70), strings.Repeat("long ", 14+i%3))
	}
	b.WriteByte(']')
	return b.String()
}

func TestUnmarshalAnyInternedMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 2, 3, 300} { // below and above the intern threshold
		doc := internDoc(n)
		var want any
		require.NoError(t, json.Unmarshal([]byte(doc), &want))
		got, err := decodeAs[any](doc)
		require.NoError(t, err)
		require.Equal(t, want, got, "n=%d", n)
		// -0 stays negative zero and 0 positive: the table compares bits, not values.
		for i, o := range got.([]any) {
			zero := o.(map[string]any)["zero"].(float64)
			assert.Equal(t, i%3 == 1, math.Signbit(zero), "object %d", i)
		}
	}
}

func TestUnmarshalAnyInternsRepeatedValues(t *testing.T) {
	// Not parallel: AllocsPerRun counts the allocations of the whole process.
	const n = 1000
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"dept":%q,"year":%d,"id":"doc-%05d"}`, []string{"finance", "legal"}[i%2], 2024+i%2, i)
	}
	b.WriteByte(']')
	doc := b.String()
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := decodeAs[any](doc); err != nil {
			t.Fatal(err)
		}
	})
	// Each object costs its map (two allocations) and its unique ID; the department and
	// the year come from the intern table after the first few objects, but for the times an
	// ID lands in their slot (1 in 64). Without the table they would cost two allocations
	// more each: about 5,000 in all.
	t.Logf("%.0f allocations for %d objects", allocs, n)
	assert.Less(t, allocs, float64(3*n+100))
}
