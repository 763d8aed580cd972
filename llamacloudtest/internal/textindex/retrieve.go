package textindex

import (
	"math"
	"sort"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// bm25 holds the full-text statistics of an index's chunks.
type bm25 struct {
	tf     []map[string]int // per chunk: term → count
	length []int            // per chunk: number of terms
	df     map[string]int   // term → number of chunks holding it
	avgLen float64
}

func newBM25(chunkTerms [][]string) *bm25 {
	b := &bm25{df: map[string]int{}}
	total := 0
	for _, ts := range chunkTerms {
		tf := map[string]int{}
		for _, t := range ts {
			tf[t]++
		}
		for t := range tf {
			b.df[t]++
		}
		b.tf = append(b.tf, tf)
		b.length = append(b.length, len(ts))
		total += len(ts)
	}
	if len(chunkTerms) > 0 {
		b.avgLen = float64(total) / float64(len(chunkTerms))
	}
	return b
}

func (b *bm25) idf(t string) float64 {
	n := float64(len(b.tf))
	df := float64(b.df[t])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// score returns the BM25 score of chunk i for the distinct query terms qs.
func (b *bm25) score(i int, qs []string) float64 {
	var s float64
	norm := 1.0
	if b.avgLen > 0 {
		norm = 1 - bm25B + bm25B*float64(b.length[i])/b.avgLen
	}
	for _, t := range qs {
		tf := float64(b.tf[i][t])
		if tf == 0 {
			continue
		}
		s += b.idf(t) * tf * (bm25K1 + 1) / (tf + bm25K1*norm)
	}
	return s
}

func newIndex(docs []Document, opts ChunkOptions) *Index {
	ix := &Index{byID: map[string]int{}}
	for _, d := range docs {
		if i, ok := ix.byID[d.ID]; ok {
			ix.docs[i] = d
			continue
		}
		ix.byID[d.ID] = len(ix.docs)
		ix.docs = append(ix.docs, d)
	}
	var chunkTerms [][]string
	for _, d := range ix.docs {
		for _, c := range chunkText(d.Text, opts) {
			c.DocID, c.DocName, c.Metadata = d.ID, d.Name, d.Metadata
			ts := terms(c.Text)
			ix.chunks = append(ix.chunks, c)
			chunkTerms = append(chunkTerms, ts)
			ix.vectors = append(ix.vectors, embedTerms(ts))
		}
	}
	ix.bm25 = newBM25(chunkTerms)
	return ix
}

// scored is a chunk position with a score, ordered by score then position.
type scored struct {
	pos   int
	score float64
}

func sortScored(s []scored) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].score != s[j].score {
			return s[i].score > s[j].score
		}
		return s[i].pos < s[j].pos
	})
}

// topPositive returns the n best entries with a positive score.
func topPositive(s []scored, n int) []scored {
	sortScored(s)
	out := s[:0]
	for _, e := range s {
		if e.score <= 0 || len(out) == n {
			break
		}
		out = append(out, e)
	}
	return out
}

func weight(w *float64) float64 {
	if w == nil {
		return 0.5
	}
	return math.Max(*w, 0)
}

func (ix *Index) retrieve(q Query) []Result {
	topK := q.TopK
	if topK <= 0 {
		topK = DefaultTopK
	}
	numCand := q.NumCandidates
	if numCand <= 0 {
		numCand = max(DefaultNumCandidates, topK)
	}
	wFull, wVec := weight(q.FullTextWeight), weight(q.VectorWeight)
	if wFull+wVec == 0 {
		wFull, wVec = 0.5, 0.5
	}
	wFull, wVec = wFull/(wFull+wVec), wVec/(wFull+wVec)

	qTerms := distinct(terms(q.Text))
	qVec := embedTerms(terms(q.Text))
	var full, vec []scored
	for i, c := range ix.chunks {
		if !matchAll(q.Filters, c) {
			continue
		}
		full = append(full, scored{i, ix.bm25.score(i, qTerms)})
		vec = append(vec, scored{i, cosine(qVec, ix.vectors[i])})
	}
	full = topPositive(full, numCand)
	vec = topPositive(vec, numCand)

	mixed := map[int]float64{}
	if len(full) > 0 && wFull > 0 {
		best := full[0].score
		for _, e := range full {
			mixed[e.pos] += wFull * e.score / best
		}
	}
	for _, e := range vec {
		if wVec == 0 {
			break
		}
		mixed[e.pos] += wVec * math.Min(e.score, 1)
	}
	hits := make([]scored, 0, len(mixed))
	for pos, s := range mixed {
		if q.ScoreThreshold != nil && s < *q.ScoreThreshold {
			continue
		}
		hits = append(hits, scored{pos, s})
	}
	sortScored(hits)
	if len(hits) > topK {
		hits = hits[:topK]
	}
	results := make([]Result, len(hits))
	for i, h := range hits {
		results[i] = Result{Chunk: ix.chunks[h.pos], Score: h.score}
	}
	if q.Rerank.Disabled {
		return results
	}
	return ix.rerank(results, hits, q)
}

// rerank scores each result by the idf-weighted share of the query's terms it holds (0.5), the
// share of the query's adjacent term pairs it holds in order (0.2) and its hybrid score (0.3),
// then reorders and trims to TopN.
func (ix *Index) rerank(results []Result, hits []scored, q Query) []Result {
	qs := terms(q.Text)
	uq := distinct(qs)
	var idfTotal float64
	for _, t := range uq {
		idfTotal += ix.bm25.idf(t)
	}
	order := make([]scored, len(results))
	for i := range results {
		pos := hits[i].pos
		var covered float64
		for _, t := range uq {
			if ix.bm25.tf[pos][t] > 0 {
				covered += ix.bm25.idf(t)
			}
		}
		coverage := 0.0
		if idfTotal > 0 {
			coverage = covered / idfTotal
		}
		s := 0.5*coverage + 0.2*pairShare(qs, terms(results[i].Chunk.Text)) + 0.3*results[i].Score
		results[i].RerankScore = math.Min(math.Max(s, 0), 1)
		results[i].Reranked = true
		order[i] = scored{i, results[i].RerankScore}
	}
	sortScored(order)
	n := len(order)
	if q.Rerank.TopN > 0 && q.Rerank.TopN < n {
		n = q.Rerank.TopN
	}
	out := make([]Result, n)
	for i := range out {
		out[i] = results[order[i].pos]
	}
	return out
}

// pairShare returns the share of the adjacent term pairs of qs that occur adjacently in ts; 0 when
// qs has fewer than two terms.
func pairShare(qs, ts []string) float64 {
	if len(qs) < 2 {
		return 0
	}
	have := map[[2]string]bool{}
	for i := 1; i < len(ts); i++ {
		have[[2]string{ts[i-1], ts[i]}] = true
	}
	n := 0
	for i := 1; i < len(qs); i++ {
		if have[[2]string{qs[i-1], qs[i]}] {
			n++
		}
	}
	return float64(n) / float64(len(qs)-1)
}

func distinct(ts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func matchAll(fs []Filter, c Chunk) bool {
	for _, f := range fs {
		if !f.match(c) {
			return false
		}
	}
	return true
}
