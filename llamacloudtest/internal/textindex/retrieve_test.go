package textindex_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// loadCorpus indexes testdata/corpus with small chunks, so that each file has several.
func loadCorpus(t *testing.T) *textindex.Index {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "corpus"))
	require.NoError(t, err)
	var docs []textindex.Document
	for i, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", e.Name()))
		require.NoError(t, err)
		docs = append(docs, textindex.Document{
			ID:       "file_" + e.Name(),
			Name:     e.Name(),
			Text:     textindex.Extract(e.Name(), data),
			Metadata: map[string]any{"position": float64(i), "kind": filepath.Ext(e.Name())},
		})
	}
	ix := textindex.NewIndex(docs, textindex.ChunkOptions{MaxTokens: 45})
	require.Greater(t, len(ix.Chunks()), len(docs), "the corpus must have several chunks per file")
	return ix
}

func float(f float64) *float64 { return &f }

func TestRetrieveRanksAnswerFirst(t *testing.T) {
	t.Parallel()
	ix := loadCorpus(t)
	for _, tc := range []struct {
		question, file, answer string
	}{
		{"How many days do customers have to ask for a refund?", "policies.md", "within 30 days of purchase"},
		{"Which port does the reporting server listen on by default?", "server-guide.txt", "port 8443 by default"},
		{"How long are database backups kept?", "server-guide.txt", "kept for fourteen days"},
		{"Who is the CEO of Acme?", "company.json", "company.ceo: Jane Okafor"},
		{"What does the blue widget cost?", "prices.csv", "widget | blue | 12.50"},
		{"What is the capital city of Veloria?", "history.html", "Port Amsel"},
		{"Is water damage covered by the warranty?", "policies.md", "Damage caused by water"},
	} {
		for _, rerank := range []bool{true, false} {
			name := tc.question
			if !rerank {
				name += " without rerank"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				res := ix.Retrieve(textindex.Query{Text: tc.question, Rerank: textindex.Rerank{Disabled: !rerank}})
				require.NotEmpty(t, res)
				assert.Equal(t, tc.file, res[0].Chunk.DocName)
				assert.Contains(t, res[0].Chunk.Text, tc.answer)
				assert.Equal(t, rerank, res[0].Reranked)
			})
		}
	}
}

func TestRetrieveScoresAndOrder(t *testing.T) {
	t.Parallel()
	ix := loadCorpus(t)
	q := textindex.Query{Text: "refund warranty shipping server port", TopK: 50, Rerank: textindex.Rerank{Disabled: true}}
	res := ix.Retrieve(q)
	require.NotEmpty(t, res)
	for i, r := range res {
		assert.GreaterOrEqual(t, r.Score, 0.0)
		assert.LessOrEqual(t, r.Score, 1.0)
		assert.False(t, r.Reranked)
		if i > 0 {
			assert.GreaterOrEqual(t, res[i-1].Score, r.Score, "hybrid order")
		}
	}
	assert.Equal(t, res, ix.Retrieve(q), "deterministic")

	q.Rerank = textindex.Rerank{}
	rr := ix.Retrieve(q)
	require.Len(t, rr, len(res), "rerank keeps all TopK when TopN is 0")
	assert.True(t, sort.SliceIsSorted(rr, func(i, j int) bool { return rr[i].RerankScore > rr[j].RerankScore }))
	for _, r := range rr {
		assert.True(t, r.Reranked)
		assert.GreaterOrEqual(t, r.RerankScore, 0.0)
		assert.LessOrEqual(t, r.RerankScore, 1.0)
	}
}

func TestRetrieveLimits(t *testing.T) {
	t.Parallel()
	ix := loadCorpus(t)
	const question = "refund within days of purchase"
	all := ix.Retrieve(textindex.Query{Text: question, TopK: 100, Rerank: textindex.Rerank{Disabled: true}})
	require.Greater(t, len(all), 4)

	t.Run("top_k", func(t *testing.T) {
		t.Parallel()
		res := ix.Retrieve(textindex.Query{Text: question, TopK: 3, Rerank: textindex.Rerank{Disabled: true}})
		assert.Equal(t, all[:3], res)
		assert.Len(t, ix.Retrieve(textindex.Query{Text: question}), min(len(all), textindex.DefaultTopK))
	})
	t.Run("rerank top_n", func(t *testing.T) {
		t.Parallel()
		res := ix.Retrieve(textindex.Query{Text: question, TopK: 4, Rerank: textindex.Rerank{TopN: 2}})
		assert.Len(t, res, 2)
	})
	t.Run("score_threshold", func(t *testing.T) {
		t.Parallel()
		cut := all[2].Score
		res := ix.Retrieve(textindex.Query{Text: question, TopK: 100, ScoreThreshold: &cut, Rerank: textindex.Rerank{Disabled: true}})
		require.NotEmpty(t, res)
		for _, r := range res {
			assert.GreaterOrEqual(t, r.Score, cut)
		}
		assert.Less(t, len(res), len(all))
		assert.Empty(t, ix.Retrieve(textindex.Query{Text: question, ScoreThreshold: float(1.01)}))
	})
	t.Run("num_candidates", func(t *testing.T) {
		t.Parallel()
		res := ix.Retrieve(textindex.Query{Text: question, TopK: 100, NumCandidates: 1})
		assert.LessOrEqual(t, len(res), 2, "one candidate from each pipeline")
		assert.NotEmpty(t, res)
	})
	t.Run("nothing matches", func(t *testing.T) {
		t.Parallel()
		assert.Empty(t, ix.Retrieve(textindex.Query{Text: "the of and"}), "only stop words")
		assert.Empty(t, ix.Retrieve(textindex.Query{Text: ""}))
	})
}

func TestRetrieveWeights(t *testing.T) {
	t.Parallel()
	ix := loadCorpus(t)
	const question = "reporting server port"
	ft := ix.Retrieve(textindex.Query{Text: question, TopK: 100, FullTextWeight: float(1), VectorWeight: float(0),
		Rerank: textindex.Rerank{Disabled: true}})
	require.NotEmpty(t, ft)
	assert.InDelta(t, 1.0, ft[0].Score, 1e-9, "the best BM25 chunk scores 1 with full text alone")
	for _, r := range ft {
		assert.NotEmpty(t, intersect(textindex.Terms(r.Chunk.Text), textindex.Terms(question)),
			"full text alone returns only chunks sharing a term: %q", r.Chunk.Text)
	}
	vec := ix.Retrieve(textindex.Query{Text: question, TopK: 100, FullTextWeight: float(0), VectorWeight: float(1),
		Rerank: textindex.Rerank{Disabled: true}})
	require.NotEmpty(t, vec)
	qv := textindex.Embed(question)
	for _, r := range vec {
		assert.InDelta(t, textindex.Cosine(qv, textindex.Embed(r.Chunk.Text)), r.Score, 1e-6,
			"vector alone scores by cosine")
	}
	zero := ix.Retrieve(textindex.Query{Text: question, TopK: 100, FullTextWeight: float(0), VectorWeight: float(0),
		Rerank: textindex.Rerank{Disabled: true}})
	def := ix.Retrieve(textindex.Query{Text: question, TopK: 100, Rerank: textindex.Rerank{Disabled: true}})
	assert.Equal(t, def, zero, "both weights 0 means the defaults")
	assert.NotEqual(t, ft, vec)
}

func intersect(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range a {
		in[x] = true
	}
	var out []string
	for _, x := range b {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

func TestIndexDocuments(t *testing.T) {
	t.Parallel()
	ix := textindex.NewIndex([]textindex.Document{
		{ID: "a", Name: "a.txt", Text: "alpha one"},
		{ID: "b", Name: "b.txt", Text: "beta two"},
		{ID: "a", Name: "a2.txt", Text: "alpha replaced"},
		{ID: "c", Name: "c.txt", Text: "   "},
	}, textindex.ChunkOptions{})
	docs := ix.Documents()
	require.Len(t, docs, 3)
	assert.Equal(t, []string{"a2.txt", "b.txt", "c.txt"}, []string{docs[0].Name, docs[1].Name, docs[2].Name})
	d, ok := ix.Document("a")
	assert.True(t, ok)
	assert.Equal(t, "alpha replaced", d.Text)
	_, ok = ix.Document("zzz")
	assert.False(t, ok)
	chunks := ix.Chunks()
	require.Len(t, chunks, 2, "the blank document has no chunk")
	assert.Equal(t, "a", chunks[0].DocID)
	assert.Equal(t, "a2.txt", chunks[0].DocName)
	assert.Equal(t, "b", chunks[1].DocID)
	res := ix.Retrieve(textindex.Query{Text: "replaced"})
	require.Len(t, res, 1)
	assert.Equal(t, "a", res[0].Chunk.DocID)
}

func BenchmarkRetrieve(b *testing.B) {
	var docs []textindex.Document
	var size int64
	for i := range 200 {
		text := fmt.Sprintf("Document %d.\n\nCustomers may request a refund within %d days. The server listens on port %d.\n\n"+
			"Backups run nightly and are kept for %d days. Warranty covers manufacturing defects for %d years.", i, i%60, 8000+i, i%30, i%5)
		size += int64(len(text))
		docs = append(docs, textindex.Document{ID: fmt.Sprint(i), Name: fmt.Sprintf("d%d.txt", i), Text: text})
	}
	ix := textindex.NewIndex(docs, textindex.ChunkOptions{MaxTokens: 20})
	b.ReportAllocs()
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		if len(ix.Retrieve(textindex.Query{Text: "how long are backups kept?"})) == 0 {
			b.Fatal("no results")
		}
	}
}
