package textindex

import (
	"strings"
	"unicode"
)

// span is a half-open range of rune offsets.
type span struct{ start, end int }

func chunkText(text string, opts ChunkOptions) []Chunk {
	maxTokens := opts.MaxTokens
	if maxTokens <= 0 {
		maxTokens = DefaultMaxTokens
	}
	runes := []rune(text)
	// pageAt[i] is the 1-based page of rune i.
	pageAt := make([]int, len(runes))
	page := 1
	for i, r := range runes {
		pageAt[i] = page
		if r == '\f' {
			page++
		}
	}
	c := chunker{runes: runes, max: maxTokens}
	var spans []span
	for _, para := range c.split(span{0, len(runes)}, 0) {
		spans = append(spans, c.pack(para, 0)...)
	}
	spans = c.merge(spans)
	chunks := make([]Chunk, 0, len(spans))
	for i, s := range spans {
		t := string(runes[s.start:s.end])
		chunks = append(chunks, Chunk{
			Index:      i,
			Start:      s.start,
			End:        s.end,
			Text:       t,
			TokenCount: countTokens(t),
			PageStart:  pageAt[s.start],
			PageEnd:    pageAt[s.end-1],
		})
	}
	return chunks
}

// chunker cuts text into spans of at most max tokens, preferring coarse boundaries.
type chunker struct {
	runes []rune
	max   int
}

// Boundary levels, coarse to fine.
const (
	levelParagraph = iota // blank lines and form feeds
	levelSentence         // line ends and sentence ends
	levelWord             // white space
	levelRune             // anywhere
)

func (c *chunker) tokens(s span) int { return countTokens(string(c.runes[s.start:s.end])) }

// split cuts s at the boundaries of the given level and trims the white space around each piece;
// empty pieces are dropped.
func (c *chunker) split(s span, level int) []span {
	var out []span
	emit := func(a, b int) {
		for a < b && unicode.IsSpace(c.runes[a]) {
			a++
		}
		for b > a && unicode.IsSpace(c.runes[b-1]) {
			b--
		}
		if a < b {
			out = append(out, span{a, b})
		}
	}
	if level == levelRune {
		for i := s.start; i < s.end; i++ {
			emit(i, i+1)
		}
		return out
	}
	start := s.start
	for i := s.start; i < s.end; i++ {
		r := c.runes[i]
		cut := false
		switch level {
		case levelParagraph:
			cut = r == '\f' || (r == '\n' && c.blankLineFollows(i+1, s.end))
		case levelSentence:
			cut = r == '\n' || ((r == '.' || r == '!' || r == '?') && i+1 < s.end && unicode.IsSpace(c.runes[i+1]))
		case levelWord:
			cut = unicode.IsSpace(r)
		}
		if cut {
			emit(start, i+1)
			start = i + 1
		}
	}
	emit(start, s.end)
	return out
}

// blankLineFollows reports whether the line starting at i is empty or white space only.
func (c *chunker) blankLineFollows(i, end int) bool {
	for ; i < end; i++ {
		switch r := c.runes[i]; {
		case r == '\n' || r == '\f':
			return true
		case !unicode.IsSpace(r):
			return false
		}
	}
	return true
}

// pack returns s whole if it fits, else its pieces at the next finer level packed greedily.
func (c *chunker) pack(s span, level int) []span {
	if c.tokens(s) <= c.max || level == levelRune {
		return []span{s}
	}
	var pieces []span
	for _, p := range c.split(s, level+1) {
		pieces = append(pieces, c.pack(p, level+1)...)
	}
	return c.merge(pieces)
}

// merge joins neighbouring spans while the result stays within max tokens.
func (c *chunker) merge(spans []span) []span {
	var out []span
	cur, curTokens := span{-1, -1}, 0
	for _, s := range spans {
		n := c.tokens(s)
		if cur.start >= 0 && curTokens+n <= c.max {
			cur.end = s.end
			curTokens += n
			continue
		}
		if cur.start >= 0 {
			out = append(out, cur)
		}
		cur, curTokens = s, n
	}
	if cur.start >= 0 {
		out = append(out, cur)
	}
	return out
}

func pages(text string) []string { return strings.Split(text, "\f") }
