package textindex_test

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// checkChunks asserts the invariants every chunking must keep.
func checkChunks(t *testing.T, text string, chunks []textindex.Chunk, maxTokens int) {
	t.Helper()
	runes := []rune(text)
	prevEnd := 0
	var covered strings.Builder
	for i, c := range chunks {
		assert.Equal(t, i, c.Index)
		require.True(t, c.Start >= prevEnd && c.Start < c.End && c.End <= len(runes), "chunk %d bounds [%d,%d)", i, c.Start, c.End)
		assert.Equal(t, string(runes[c.Start:c.End]), c.Text, "chunk %d text is its rune range", i)
		assert.Equal(t, textindex.CountTokens(c.Text), c.TokenCount)
		assert.LessOrEqual(t, c.TokenCount, maxTokens, "chunk %d: %q", i, c.Text)
		assert.Equal(t, strings.TrimSpace(c.Text), c.Text, "chunks are trimmed")
		assert.Equal(t, 1+strings.Count(string(runes[:c.Start]), "\f"), c.PageStart)
		assert.Equal(t, 1+strings.Count(string(runes[:c.End-1]), "\f"), c.PageEnd)
		assert.Equal(t, strings.Count(string(runes[:c.End]), "\f")-strings.Count(string(runes[:c.Start]), "\f"), c.PageEnd-c.PageStart)
		prevEnd = c.End
		covered.WriteString(c.Text)
	}
	noSpace := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	assert.Equal(t, noSpace(text), noSpace(covered.String()), "every non-space character is in a chunk")
}

func TestChunkText(t *testing.T) {
	t.Parallel()
	words := func(prefix string, n int) string {
		var w []string
		for i := range n {
			w = append(w, prefix+string(rune('a'+i%26)))
		}
		return strings.Join(w, " ")
	}
	for _, tc := range []struct {
		name      string
		text      string
		maxTokens int
		want      []string // chunk texts; nil to check only the invariants
	}{
		{"empty", "", 10, []string{}},
		{"blank", " \n\n\t\f ", 10, []string{}},
		{"one paragraph", "  Hello world.  ", 10, []string{"Hello world."}},
		{"paragraphs packed", "one two three\n\nfour five six\n\n \nseven eight nine ten", 7,
			[]string{"one two three\n\nfour five six", "seven eight nine ten"}},
		{"long paragraph cut at sentences", "Alpha beta gamma. Delta epsilon! Zeta eta theta? Iota.", 7,
			[]string{"Alpha beta gamma. Delta epsilon!", "Zeta eta theta? Iota."}},
		{"lines are sentence boundaries", "a | 1\nb | 2\nc | 3", 6, []string{"a | 1\nb | 2", "c | 3"}},
		{"long sentence cut at words", words("w", 25), 10, nil},
		{"punctuation run cut anywhere", strings.Repeat("=", 35), 10,
			[]string{strings.Repeat("=", 10), strings.Repeat("=", 10), strings.Repeat("=", 10), strings.Repeat("=", 5)}},
		{"default size", words("x", 450), 0, nil},
		{"unicode offsets", "Ünïcödé wörds hère.\n\nÇa va? Très bien, merci.", 5, []string{"Ünïcödé wörds hère.", "Ça va?", "Très bien, merci."}},
		{"pages", "page one text\fpage two text\f\fpage four", 100, []string{"page one text\fpage two text\f\fpage four"}},
		{"pages cut", "page one text\fpage two text\f\fpage four", 3, []string{"page one text", "page two text", "page four"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			chunks := textindex.ChunkText(tc.text, textindex.ChunkOptions{MaxTokens: tc.maxTokens})
			maxTokens := tc.maxTokens
			if maxTokens == 0 {
				maxTokens = textindex.DefaultMaxTokens
			}
			checkChunks(t, tc.text, chunks, maxTokens)
			if tc.want != nil {
				got := make([]string, 0, len(chunks))
				for _, c := range chunks {
					got = append(got, c.Text)
				}
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

func TestChunkPagesAndOffsets(t *testing.T) {
	t.Parallel()
	text := "é first page\fsecond page here\fthird"
	chunks := textindex.ChunkText(text, textindex.ChunkOptions{MaxTokens: 3})
	require.Len(t, chunks, 3)
	assert.Equal(t, []int{0, 13, 30}, []int{chunks[0].Start, chunks[1].Start, chunks[2].Start})
	assert.Equal(t, []int{12, 29, 35}, []int{chunks[0].End, chunks[1].End, chunks[2].End})
	assert.Equal(t, []int{1, 2, 3}, []int{chunks[0].PageStart, chunks[1].PageStart, chunks[2].PageStart})
	assert.Equal(t, []int{1, 2, 3}, []int{chunks[0].PageEnd, chunks[1].PageEnd, chunks[2].PageEnd})

	whole := textindex.ChunkText(text, textindex.ChunkOptions{})
	require.Len(t, whole, 1)
	assert.Equal(t, 1, whole[0].PageStart)
	assert.Equal(t, 3, whole[0].PageEnd)
	assert.Equal(t, 7, whole[0].TokenCount)
}

func TestCountTokens(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]int{
		"":                    0,
		"   \n\t":             0,
		"hello":               1,
		"hello world":         2,
		"Hello, world!":       4,
		"don't":               3,
		"x=1.5":               5,
		"naïve café 2024":     3,
		"日本語 テキスト":            2,
		"a-b_c":               5,
		"state-of-the-art AI": 8,
	} {
		assert.Equal(t, want, textindex.CountTokens(text), "%q", text)
	}
}

func TestPages(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"only"}, textindex.Pages("only"))
	assert.Equal(t, []string{""}, textindex.Pages(""))
	assert.Equal(t, []string{"a", "b", "", "c"}, textindex.Pages("a\fb\f\fc"))
}

func TestTerms(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"refund", "policy", "customer"}, textindex.Terms("What is the Refund POLICIES for customers?"))
	assert.Equal(t, []string{"process", "process", "process", "class"}, textindex.Terms("processing processed process classes"))
	assert.Equal(t, []string{"7", "day"}, textindex.Terms("a 7 day b"), "single letters dropped, digits kept")
	assert.Equal(t, []string{"status", "analysis", "glass"}, textindex.Terms("status analysis glass"), "-us, -is, -ss kept")
	assert.Empty(t, textindex.Terms("the of and to"))
}

func TestEmbed(t *testing.T) {
	t.Parallel()
	v := textindex.Embed("refund policy for customers")
	require.Len(t, v, textindex.EmbeddingDims)
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	assert.InDelta(t, 1, math.Sqrt(norm), 1e-6)
	assert.Equal(t, v, textindex.Embed("refund policy for customers"), "deterministic")
	assert.InDelta(t, 1, textindex.Cosine(v, textindex.Embed("Refund policies, for customer")), 0.05, "same terms after stemming")

	near := textindex.Cosine(v, textindex.Embed("customers asking about a refund"))
	far := textindex.Cosine(v, textindex.Embed("server listens on port 8443"))
	assert.Greater(t, near, far)
	assert.Greater(t, near, 0.3)

	zero := textindex.Embed("the and of")
	assert.Len(t, zero, textindex.EmbeddingDims)
	assert.Zero(t, textindex.Cosine(v, zero))
	assert.Zero(t, textindex.Cosine(v, v[:10]), "different lengths")
	assert.InDelta(t, 1, textindex.Cosine(v, v), 1e-9)
}
