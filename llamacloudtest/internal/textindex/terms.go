package textindex

import (
	"hash/fnv"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func countTokens(text string) int {
	n := 0
	inWord := false
	for _, r := range text {
		switch {
		case isWordRune(r):
			if !inWord {
				n++
			}
			inWord = true
		case unicode.IsSpace(r):
			inWord = false
		default:
			n++
			inWord = false
		}
	}
	return n
}

// words returns the lower-cased runs of letters and digits of text.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWordRune(r) })
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about after all also am an and any are as at be been before being
		but by can could did do does doing during each few for from had has have having he her here hers
		him his how i if in into is it its itself just me more most my no nor not of off on once only or
		other our ours out over own same she should so some such than that the their theirs them then
		there these they this those through to too under until up very was we were what when where which
		while who whom why will with would you your yours`) {
		m[w] = true
	}
	return m
}()

func terms(text string) []string {
	ws := words(text)
	out := ws[:0]
	for _, w := range ws {
		if stopWords[w] {
			continue
		}
		if utf8.RuneCountInString(w) == 1 && !unicode.IsDigit([]rune(w)[0]) {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

// stem strips a few common English suffixes so that inflected forms share a term. It is crude but
// applied the same way to documents and queries, which is all ranking needs.
func stem(w string) string {
	n := len(w)
	switch {
	case n >= 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case n >= 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	case n >= 6 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n >= 5 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n >= 6 && strings.HasSuffix(w, "ly"):
		return w[:n-2]
	}
	return w
}

// addFeature adds weight to the hashed bucket of feature, with a hash-derived sign so that
// collisions cancel out on average.
func addFeature(v []float64, feature string, weight float64) {
	h := fnv.New64a()
	h.Write([]byte(feature))
	sum := h.Sum64()
	i := int(sum % uint64(len(v)))
	if sum>>63 == 1 {
		weight = -weight
	}
	v[i] += weight
}

func embed(text string) []float32 {
	return embedTerms(terms(text))
}

func embedTerms(ts []string) []float32 {
	acc := make([]float64, EmbeddingDims)
	for i, t := range ts {
		addFeature(acc, "w:"+t, 1)
		if i > 0 {
			addFeature(acc, "b:"+ts[i-1]+" "+t, 0.5)
		}
		padded := []rune("<" + t + ">")
		for j := 0; j+3 <= len(padded); j++ {
			addFeature(acc, "c:"+string(padded[j:j+3]), 0.25)
		}
	}
	var norm float64
	for _, x := range acc {
		norm += x * x
	}
	out := make([]float32, EmbeddingDims)
	if norm == 0 {
		return out
	}
	norm = math.Sqrt(norm)
	for i, x := range acc {
		out[i] = float32(x / norm)
	}
	return out
}

func cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}
