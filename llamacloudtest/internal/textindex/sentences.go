package textindex

import (
	"math"
	"sort"
)

// Sentence is one sentence of a retrieved chunk, scored against a query by [Index.Sentences] and
// ranked by [BestSentences].
type Sentence struct {
	// Chunk is the chunk the sentence is part of.
	Chunk Chunk
	// Start and End are the rune offsets of the sentence in its document's text.
	Start, End int
	// Text is the sentence: exactly the runes [Start, End) of the document's text.
	Text string
	// BM25 is the sentence's full-text score for the query, with the index's term statistics.
	BM25 float64
	// Similarity is the cosine similarity of the sentence's and the query's embeddings.
	Similarity float64
	// Matches is how many distinct query terms the sentence holds.
	Matches int
	// Coverage is the idf-weighted share of the query's distinct terms the sentence holds, as
	// the reranker of [Index.Retrieve] counts it.
	Coverage float64
	// Pairs is the share of the query's adjacent term pairs the sentence holds in order.
	Pairs float64
	// Score is the relevance in [0, 1] that BestSentences gives it.
	Score float64
}

// Sentences cuts each chunk into sentences where [ChunkText] cuts long paragraphs (at blank
// lines, line ends, and after '.', '!' or '?' followed by white space) and scores each against
// query as [Index.Retrieve] scores chunks: BM25 with the index's document frequencies (lengths
// relative to the mean sentence length of these chunks), the cosine similarity of the
// embeddings, and the reranker's term coverage and in-order pairs. Sentences come in the order of
// chunks, then of position.
func (ix *Index) Sentences(query string, chunks []Chunk) []Sentence {
	qs := terms(query)
	qTerms := distinct(qs)
	qVec := embedTerms(qs)
	var idfTotal float64
	for _, t := range qTerms {
		idfTotal += ix.bm25.idf(t)
	}
	var out []Sentence
	var sentTerms [][]string
	total := 0
	for _, ch := range chunks {
		c := chunker{runes: []rune(ch.Text)}
		var spans []span
		for _, para := range c.split(span{0, len(c.runes)}, levelParagraph) {
			spans = append(spans, c.split(para, levelSentence)...)
		}
		for _, s := range spans {
			text := string(c.runes[s.start:s.end])
			ts := terms(text)
			out = append(out, Sentence{Chunk: ch, Start: ch.Start + s.start, End: ch.Start + s.end, Text: text,
				Similarity: math.Max(cosine(qVec, embedTerms(ts)), 0)})
			sentTerms = append(sentTerms, ts)
			total += len(ts)
		}
	}
	if len(out) == 0 {
		return nil
	}
	avg := float64(total) / float64(len(out))
	for i, ts := range sentTerms {
		tf := map[string]int{}
		for _, t := range ts {
			tf[t]++
		}
		norm := 1.0
		if avg > 0 {
			norm = 1 - bm25B + bm25B*float64(len(ts))/avg
		}
		for _, t := range qTerms {
			n := float64(tf[t])
			if n == 0 {
				continue
			}
			idf := ix.bm25.idf(t)
			out[i].Matches++
			out[i].BM25 += idf * n * (bm25K1 + 1) / (n + bm25K1*norm)
			if idfTotal > 0 {
				out[i].Coverage += idf / idfTotal
			}
		}
		out[i].Pairs = pairShare(qs, ts)
	}
	return out
}

// BestSentences scores ss as [Index.Retrieve] scores chunks with its defaults: the hybrid score
// (half the BM25 score divided by the best among ss, half the similarity), reranked (half the
// coverage, a fifth the pairs, three tenths the hybrid score). It keeps the sentences that hold at
// least one query term and returns the n best, best first; ties keep the order of ss. The same
// sentences always give the same answer.
func BestSentences(ss []Sentence, n int) []Sentence {
	var best float64
	for _, s := range ss {
		best = math.Max(best, s.BM25)
	}
	var out []Sentence
	for _, s := range ss {
		if s.Matches == 0 || best == 0 {
			continue
		}
		hybrid := 0.5*s.BM25/best + 0.5*math.Min(s.Similarity, 1)
		s.Score = math.Min(0.5*s.Coverage+0.2*s.Pairs+0.3*hybrid, 1)
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out[:min(n, len(out))]
}
