// Package textindex is the text engine behind the in-memory LlamaCloud of package llamacloudtest.
// It has no HTTP in it: it turns file bytes into text ([Extract]), text into chunks with rune
// offsets, page ranges and token counts ([ChunkText]), and a set of documents into an [Index]
// answering hybrid queries ([Index.Retrieve]): BM25 full text plus a deterministic local embedding
// (hashed word and character n-grams, cosine similarity), mixed by weight, filtered, thresholded
// and reranked. It picks the sentences of retrieved chunks that best answer a query
// ([Index.Sentences], [BestSentences]), greps ([Grep]), reads ([Read]) and sorts pages into
// categories ([Categorize]).
//
//	ix := textindex.NewIndex([]textindex.Document{
//		{ID: "file_1", Name: "a.md", Text: textindex.Extract("a.md", data)},
//	}, textindex.ChunkOptions{})
//	results := ix.Retrieve(textindex.Query{Text: "what is the refund policy?"})
//
// Every result is deterministic: the same documents and query give the same scores in the same
// order on every run and machine.
//
// # Offsets
//
// All character offsets (chunk start and end, grep matches, read offsets) count Unicode code
// points (runes) of the extracted text, not bytes.
package textindex

// DefaultMaxTokens is the chunk size, in tokens, used when [ChunkOptions.MaxTokens] is zero.
const DefaultMaxTokens = 200

// DefaultTopK is the number of results [Index.Retrieve] returns when [Query.TopK] is zero.
const DefaultTopK = 10

// DefaultNumCandidates is the number of candidates each pipeline (full text and vector) contributes
// when [Query.NumCandidates] is zero; it is raised to TopK when TopK is larger.
const DefaultNumCandidates = 100

// EmbeddingDims is the length of the vectors [Embed] returns.
const EmbeddingDims = 512

// Chunk is one contiguous piece of a document's extracted text, the unit that [Index.Retrieve]
// scores and returns. Text is exactly the runes [Start, End) of the document's text.
type Chunk struct {
	// DocID is the [Document.ID] the chunk came from (the parsed_directory_file_id on the wire).
	DocID string
	// DocName is the [Document.Name] the chunk came from.
	DocName string
	// Index is the 0-based position of the chunk within its document.
	Index int
	// Start is the rune offset of the chunk's first character in the document's text.
	Start int
	// End is the rune offset just past the chunk's last character.
	End int
	// Text is the chunk's content.
	Text string
	// TokenCount is [CountTokens] of Text.
	TokenCount int
	// PageStart is the 1-based page of the chunk's first character; pages are separated by form
	// feeds ('\f') in the text, and a text without form feeds is one page.
	PageStart int
	// PageEnd is the 1-based page of the chunk's last character.
	PageEnd int
	// Metadata is the user-defined metadata of the chunk's document (shared, not copied: treat it
	// as read-only).
	Metadata map[string]any
}

// ChunkOptions configures [ChunkText] and [NewIndex]. The zero value uses the defaults.
type ChunkOptions struct {
	// MaxTokens is the largest number of tokens a chunk holds; DefaultMaxTokens when zero or
	// negative. Chunks are built from whole paragraphs (blank-line or form-feed separated) where
	// they fit; a longer paragraph is cut at sentence ends, then at spaces.
	MaxTokens int
}

// Document is one file's extracted text, as given to [NewIndex].
type Document struct {
	// ID identifies the document; it becomes [Chunk.DocID].
	ID string
	// Name is the file's display name; it becomes [Chunk.DocName].
	Name string
	// Text is the extracted text (see [Extract]).
	Text string
	// Metadata is the file's user-defined metadata, matched by custom filters.
	Metadata map[string]any
}

// Query is a hybrid retrieval request to [Index.Retrieve]. The zero value of every field but Text
// selects the default.
type Query struct {
	// Text is the natural-language query.
	Text string
	// TopK is the largest number of hybrid results kept before reranking; DefaultTopK when zero or
	// negative.
	TopK int
	// NumCandidates is how many best chunks each pipeline contributes before the scores are mixed;
	// DefaultNumCandidates when zero or negative (never fewer than TopK).
	NumCandidates int
	// FullTextWeight is the weight of the BM25 pipeline; nil means 0.5. Negative weights count as 0.
	FullTextWeight *float64
	// VectorWeight is the weight of the embedding pipeline; nil means 0.5. If both weights are 0
	// they both count as 0.5. The weights are normalised to sum to 1.
	VectorWeight *float64
	// ScoreThreshold drops results whose hybrid [Result.Score] is below it; nil keeps all.
	ScoreThreshold *float64
	// Rerank configures the reranking step, which is on by default.
	Rerank Rerank
	// Filters must all match a chunk for it to be a candidate. See [ParseStaticFilters] and
	// [ParseCustomFilters].
	Filters []Filter
}

// Rerank configures the reranking step of [Index.Retrieve]. The zero value reranks and keeps the
// TopK hybrid results.
type Rerank struct {
	// Disabled turns reranking off: results keep their hybrid order and have no rerank score.
	Disabled bool
	// TopN is how many results are kept after reranking; all TopK when zero or negative.
	TopN int
}

// Result is one retrieved chunk.
type Result struct {
	// Chunk is the matching chunk.
	Chunk Chunk
	// Score is the hybrid relevance in [0, 1]: the weighted sum of the chunk's BM25 score divided
	// by the best BM25 score among the candidates and its cosine similarity (clamped at 0).
	Score float64
	// RerankScore is the reranker's relevance in [0, 1]; meaningful only when Reranked is true.
	RerankScore float64
	// Reranked reports whether the reranking step ran.
	Reranked bool
}

// Op is a filter operator. The retrieval filters use eq, ne, gt, lt, gte, lte, in and nin; the
// agent-data filters use eq, ne, gt, gte, lt, lte, includes and excludes.
type Op string

// The operators of [Condition].
const (
	OpEq       Op = "eq"       // equal (numbers by value, strings exactly, bools)
	OpNe       Op = "ne"       // not equal; a missing field is not equal
	OpGt       Op = "gt"       // greater than (numbers, else strings; RFC 3339 strings compare as times)
	OpLt       Op = "lt"       // less than
	OpGte      Op = "gte"      // greater than or equal
	OpLte      Op = "lte"      // less than or equal
	OpIn       Op = "in"       // the field (or one of its list elements) is one of the listed values
	OpNin      Op = "nin"      // the field (and none of its list elements) is none of the listed values
	OpIncludes Op = "includes" // same as in
	OpExcludes Op = "excludes" // same as nin
)

// Condition is one operator applied to one value. Value holds decoded JSON: string, float64, bool,
// nil, or []any of those (for in, nin, includes and excludes; a scalar there is a one-element list).
type Condition struct {
	Op    Op
	Value any
}

// Filter is a set of conditions on one field that must all hold. A static filter reads a built-in
// chunk field; a custom filter reads the document's metadata.
type Filter struct {
	// Field is the built-in field name (see [StaticFields]) or the metadata key.
	Field string
	// Static selects a built-in field instead of metadata.
	Static bool
	// Conditions must all hold; several conditions express a range.
	Conditions []Condition
}

// StaticFields lists the built-in chunk fields a static filter may name.
var StaticFields = []string{
	"parsed_directory_file_id", "chunk_index", "chunk_start_char", "chunk_end_char",
	"chunk_token_count", "page_range_start", "page_range_end",
}

// FieldError reports a malformed filter. Loc is the path inside the filter object (for example
// ["custom_filters", "year", 0, "operator"]) so that a server can build a 422 validation error.
type FieldError struct {
	Loc  []any
	Msg  string
	Type string
}

// Error implements error.
func (e *FieldError) Error() string { return fieldErrorText(e) }

// Match is one regular-expression match found by [Grep].
type Match struct {
	// Start is the rune offset of the match in the text.
	Start int
	// End is the rune offset just past the match.
	End int
	// Content is the matched text with up to contextChars runes of context on each side.
	Content string
}

// Category is a named class of pages for [Categorize].
type Category struct {
	Name        string
	Description string
}

// Uncategorized is the category name [Categorize] gives pages that match no category.
const Uncategorized = "uncategorized"

// Segment is a run of consecutive pages given the same category by [Categorize].
type Segment struct {
	// Category is the category name, or Uncategorized.
	Category string
	// Pages are the 1-based page numbers, ascending and consecutive.
	Pages []int
	// Confidence is in [0, 1]: the mean over the pages of the best category's share of the page's
	// overlap with all categories, scaled by how much of the category's vocabulary the page used.
	Confidence float64
}

// Extract returns the plain text of a file, chosen by the extension of name (case-insensitive):
// .html/.htm lose their tags, comments, scripts and styles and have entities decoded; .csv/.tsv become
// one line per row with cells joined by " | "; .json becomes one "path: value" line per scalar (in
// document order; invalid JSON is kept as is); anything else (.txt, .md, no extension…) is kept as
// text. Line endings become "\n", invalid UTF-8 bytes are dropped, and NUL bytes are removed.
func Extract(name string, content []byte) string { return extract(name, content) }

// ChunkText cuts text into chunks (see [ChunkOptions]). The chunks' DocID, DocName and Metadata are
// empty. Whitespace between chunks belongs to no chunk; an empty or all-space text has no chunks.
func ChunkText(text string, opts ChunkOptions) []Chunk { return chunkText(text, opts) }

// CountTokens returns the number of tokens in text: each run of letters and digits is one token and
// so is each other non-space character.
func CountTokens(text string) int { return countTokens(text) }

// Terms returns the search terms of text as BM25 and the reranker see them: lower-cased words of
// letters and digits, without English stop words, lightly stemmed ("policies" → "policy",
// "refunds" → "refund").
func Terms(text string) []string { return terms(text) }

// Embed returns the deterministic embedding of text: EmbeddingDims hashed features of its terms,
// word bigrams and character trigrams, L2-normalised (all zero for a text without terms).
func Embed(text string) []float32 { return embed(text) }

// Cosine returns the cosine similarity of two vectors of equal length (0 when either is zero or
// their lengths differ).
func Cosine(a, b []float32) float64 { return cosine(a, b) }

// Index is an immutable search index over the chunks of a set of documents. It is safe for
// concurrent use; to change the documents, build a new Index.
type Index struct {
	docs    []Document
	byID    map[string]int
	chunks  []Chunk
	bm25    *bm25
	vectors [][]float32
}

// NewIndex chunks each document (see [ChunkText]) and indexes the chunks. Documents keep their
// order; a later document with the ID of an earlier one replaces it.
func NewIndex(docs []Document, opts ChunkOptions) *Index { return newIndex(docs, opts) }

// Documents returns the indexed documents in order. The slice is a copy.
func (ix *Index) Documents() []Document { return append([]Document(nil), ix.docs...) }

// Document returns the document with the given ID.
func (ix *Index) Document(id string) (Document, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return Document{}, false
	}
	return ix.docs[i], true
}

// Chunks returns every chunk, documents in order and each document's chunks by index. The slice is
// a copy.
func (ix *Index) Chunks() []Chunk { return append([]Chunk(nil), ix.chunks...) }

// Retrieve runs the hybrid query: chunks failing a filter are dropped; each pipeline with a
// positive weight keeps its NumCandidates best chunks; their scores are mixed by weight (see [Result.Score]); results under
// ScoreThreshold are dropped; the TopK best are kept (ties: document order, then chunk index); then,
// unless disabled, the reranker scores each by query-term coverage and hybrid score, reorders them
// and keeps TopN. Chunks matching no query term and with zero similarity are never returned.
func (ix *Index) Retrieve(q Query) []Result { return ix.retrieve(q) }

// ParseStaticFilters turns the static_filters object of a retrieval request (decoded JSON: field →
// {"operator", "value"} or null) into filters. Unknown fields and operators, and values of the wrong
// type, are a [*FieldError] with Loc starting "static_filters".
func ParseStaticFilters(raw map[string]any) ([]Filter, error) { return parseStaticFilters(raw) }

// ParseCustomFilters turns the custom_filters object of a retrieval request (decoded JSON: metadata
// key → {"operator", "value"}, or a list of them that must all hold, or null) into filters.
// Malformed entries are a [*FieldError] with Loc starting "custom_filters".
func ParseCustomFilters(raw map[string]any) ([]Filter, error) { return parseCustomFilters(raw) }

// Match reports whether the chunk satisfies every condition of f.
func (f Filter) Match(c Chunk) bool { return f.match(c) }

// Holds reports whether the condition holds for value v (decoded JSON; nil when the field is
// missing). A list value holds for eq, in and includes when one element does, and for ne, nin and
// excludes when every element does. Comparisons between values of different kinds are false.
func (c Condition) Holds(v any) bool { return c.holds(v) }

// Compare orders two decoded JSON values: numbers by value, strings that both parse as RFC 3339
// times by time, other strings lexically, false before true, nil before everything. ok is false
// when the kinds differ.
func Compare(a, b any) (cmp int, ok bool) { return compare(a, b) }

// Grep returns the matches of the RE2 pattern in text, at most limit (all when limit <= 0), each
// with up to contextChars runes of context on each side (none when contextChars <= 0). Empty matches
// are skipped. A pattern that does not compile is an error quoting it.
func Grep(text, pattern string, contextChars, limit int) ([]Match, error) {
	return grep(text, pattern, contextChars, limit)
}

// Read returns at most maxLength runes of text starting at rune offset (all the rest when
// maxLength <= 0). An offset past the end gives "". A negative offset is an error.
func Read(text string, offset, maxLength int) (string, error) { return read(text, offset, maxLength) }

// Pages splits text into pages at form feeds ('\f'); a text without one is a single page.
func Pages(text string) []string { return pages(text) }

// Categorize gives each page the category whose name and description share the most terms with it
// (weighted by how rare the term is among the categories) and groups consecutive pages of the same
// category into segments. A page sharing no term with any category is Uncategorized when
// allowUncategorized is true; otherwise it joins the previous page's category (the first category
// for a leading page). With no categories, every page is Uncategorized.
func Categorize(pages []string, categories []Category, allowUncategorized bool) []Segment {
	return categorize(pages, categories, allowUncategorized)
}
