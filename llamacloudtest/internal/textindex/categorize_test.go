package textindex_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

func TestCategorize(t *testing.T) {
	t.Parallel()
	categories := []textindex.Category{
		{Name: "invoice", Description: "Bills listing amounts due, VAT and payment terms"},
		{Name: "contract", Description: "Agreements between parties with clauses and signatures"},
		{Name: "resume", Description: "A candidate's work experience and education"},
	}
	doc := strings.Join([]string{
		"INVOICE 2024-17. Amount due: 1,200 EUR including VAT. Payment terms: 30 days.",
		"Invoice continued: line items and total amount due.",
		"This agreement is made between the parties. Clause 1: the contract term is two years.",
		"Signatures of both parties to the agreement.",
		"Weather report: sunny with light winds.",
		"Work experience: five years as an engineer. Education: MSc, Delft.",
	}, "\f")
	pages := textindex.Pages(doc)
	require.Len(t, pages, 6)

	t.Run("include uncategorized", func(t *testing.T) {
		t.Parallel()
		segs := textindex.Categorize(pages, categories, true)
		require.Len(t, segs, 4)
		assert.Equal(t, "invoice", segs[0].Category)
		assert.Equal(t, []int{1, 2}, segs[0].Pages)
		assert.Equal(t, "contract", segs[1].Category)
		assert.Equal(t, []int{3, 4}, segs[1].Pages)
		assert.Equal(t, textindex.Uncategorized, segs[2].Category)
		assert.Equal(t, []int{5}, segs[2].Pages)
		assert.Equal(t, "resume", segs[3].Category)
		assert.Equal(t, []int{6}, segs[3].Pages)
		for _, s := range segs {
			assert.GreaterOrEqual(t, s.Confidence, 0.0)
			assert.LessOrEqual(t, s.Confidence, 1.0)
		}
		assert.Greater(t, segs[0].Confidence, 0.5, "pages naming the category")
	})
	t.Run("forbid uncategorized", func(t *testing.T) {
		t.Parallel()
		segs := textindex.Categorize(pages, categories, false)
		require.Len(t, segs, 3)
		assert.Equal(t, "contract", segs[1].Category)
		assert.Equal(t, []int{3, 4, 5}, segs[1].Pages, "the unmatched page joins the previous category")
		assert.Equal(t, "resume", segs[2].Category)
		assert.Less(t, segs[1].Confidence, textindex.Categorize(pages, categories, true)[1].Confidence,
			"a forced page lowers the confidence")
	})
	t.Run("leading unmatched page", func(t *testing.T) {
		t.Parallel()
		segs := textindex.Categorize([]string{"nothing relevant", "the contract clauses"}, categories, false)
		require.Len(t, segs, 2)
		assert.Equal(t, "invoice", segs[0].Category, "first category when nothing precedes")
		assert.Zero(t, segs[0].Confidence)
		assert.Equal(t, "contract", segs[1].Category)
	})
	t.Run("no categories", func(t *testing.T) {
		t.Parallel()
		segs := textindex.Categorize(pages, nil, false)
		require.Len(t, segs, 1)
		assert.Equal(t, textindex.Uncategorized, segs[0].Category)
		assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, segs[0].Pages)
	})
	t.Run("deterministic", func(t *testing.T) {
		t.Parallel()
		assert.Equal(t, textindex.Categorize(pages, categories, true), textindex.Categorize(pages, categories, true))
	})
}
