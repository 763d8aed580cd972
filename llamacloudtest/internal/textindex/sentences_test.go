package textindex_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// TestSentencesSplitAndOffsets checks where chunks are cut into sentences and that each
// sentence's offsets point at its text in the document.
func TestSentencesSplitAndOffsets(t *testing.T) {
	t.Parallel()
	text := "# Keys\n\nKeys rotate every 14 days. Old keys stay valid! Why? Ask ops.\nNo dot here\n\n\fPage two: keys again."
	ix := textindex.NewIndex([]textindex.Document{{ID: "d", Name: "keys.md", Text: text}}, textindex.ChunkOptions{})
	chunks := ix.Chunks()
	require.Len(t, chunks, 1)
	got := ix.Sentences("keys", chunks)
	var texts []string
	runes := []rune(text)
	for _, s := range got {
		texts = append(texts, s.Text)
		assert.Equal(t, s.Text, string(runes[s.Start:s.End]), "offsets of %q", s.Text)
		assert.Equal(t, chunks[0], s.Chunk)
	}
	assert.Equal(t, []string{"# Keys", "Keys rotate every 14 days.", "Old keys stay valid!", "Why?", "Ask ops.", "No dot here", "Page two: keys again."}, texts)
	for _, s := range got {
		if s.Text == "Why?" || s.Text == "Ask ops." || s.Text == "No dot here" {
			assert.Zero(t, s.Matches, s.Text)
			assert.Zero(t, s.BM25, s.Text)
		} else {
			assert.Equal(t, 1, s.Matches, s.Text)
			assert.Positive(t, s.BM25, s.Text)
			assert.InDelta(t, 1, s.Coverage, 1e-9, "the one query term: %s", s.Text)
		}
	}
	assert.Empty(t, ix.Sentences("keys", nil))
}

// TestBestSentences checks the ranking: the sentence holding most of the question wins over a
// short heading sharing part of it, sentences sharing no term are left out, n caps the answer,
// and the same input gives the same order.
func TestBestSentences(t *testing.T) {
	t.Parallel()
	docs := []textindex.Document{
		{ID: "a", Name: "leave.md", Text: "## Parental leave\n\nSubmit expense claims within 14 days. " +
			"Northwind offers 16 weeks of fully paid parental leave to every parent. Book leave early."},
		{ID: "b", Name: "food.md", Text: "The canteen opens at noon."},
	}
	ix := textindex.NewIndex(docs, textindex.ChunkOptions{})
	const q = "How many weeks of parental leave are paid?"
	ss := ix.Sentences(q, ix.Chunks())
	best := textindex.BestSentences(ss, 3)
	require.Len(t, best, 3)
	assert.Equal(t, "Northwind offers 16 weeks of fully paid parental leave to every parent.", best[0].Text)
	assert.Equal(t, "## Parental leave", best[1].Text)
	assert.Equal(t, "Book leave early.", best[2].Text)
	for i := 1; i < len(best); i++ {
		assert.GreaterOrEqual(t, best[i-1].Score, best[i].Score)
	}
	for _, s := range best {
		assert.Greater(t, s.Score, 0.0)
		assert.LessOrEqual(t, s.Score, 1.0)
		assert.Equal(t, "leave.md", s.Chunk.DocName)
	}
	assert.Len(t, textindex.BestSentences(ss, 10), 3, "sentences sharing no term are left out")
	assert.Equal(t, best, textindex.BestSentences(ix.Sentences(q, ix.Chunks()), 3), "deterministic")
	assert.Empty(t, textindex.BestSentences(ix.Sentences("quantum chromodynamics", ix.Chunks()), 3))
	assert.Empty(t, textindex.BestSentences(nil, 3))
}
