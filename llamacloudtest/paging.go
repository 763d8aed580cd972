package llamacloudtest

// Page tokens and page bodies. The seek-cursor lists (agent data, directories, directory files,
// chat sessions) encode the last row's sort values and ID in their tokens (keysetToken,
// encodeKeysetToken) and walk a sorted index from there (sortedSet, idList, agentDataOrder);
// the other lists page by offset (pageParams, writePage). The behaviour users see is told in the
// package doc, section "Paging at scale".

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// Page sizes of cursor-paginated lists.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// maxCachedCounts is how many counts a countCache keeps, and how many aggregate results a
// collection keeps, for the current version of their rows.
const maxCachedCounts = 32

// pageToken is what a next_page_token carries: base64url of its JSON. A keyset token (ID set)
// continues after the row with ID and sort values Key; an offset token continues at Offset.
type pageToken struct {
	Query  string `json:"q,omitempty"` // the fingerprint of the query the token continues
	Key    []any  `json:"k,omitempty"` // the sort values of the last row sent
	ID     string `json:"i,omitempty"` // the ID of the last row sent
	Offset int    `json:"o,omitempty"` // offset lists: where the next page starts
}

func (t pageToken) encode() string {
	b, _ := json.Marshal(t) // plain values only: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// parsePageToken decodes a token of pageToken.encode.
func parsePageToken(tok string) (pageToken, error) {
	var t pageToken
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err == nil {
		err = json.Unmarshal(raw, &t)
	}
	if err != nil || t.Offset < 0 {
		return pageToken{}, fmt.Errorf("%w %s", errBadPageToken, quoteToken(tok))
	}
	return t, nil
}

// errBadPageToken is the cause decodePageToken returns for a token it did not issue.
var errBadPageToken = errors.New("llamacloudtest: invalid page token")

// maxEchoedToken is how much of a bad page token an error message quotes.
const maxEchoedToken = 24

// quoteToken quotes tok for an error message: whole when short, else its first maxEchoedToken
// characters and its length, so that a huge token is not sent back.
func quoteToken(tok string) string {
	n := utf8.RuneCountInString(tok)
	if n <= maxEchoedToken {
		return strconv.Quote(tok)
	}
	return fmt.Sprintf("%q (%d characters)", string([]rune(tok)[:maxEchoedToken])+"…", n)
}

// queryFingerprint identifies a query by its parts, for the Query of a keyset token.
func queryFingerprint(parts ...string) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// encodeKeysetToken makes the token of the page after the row with the given sort values and ID.
func encodeKeysetToken(fingerprint string, key []any, id string) string {
	return pageToken{Query: fingerprint, Key: key, ID: id}.encode()
}

// keysetToken decodes a keyset token for the query with this fingerprint and number of sort
// values; it answers 400 for a token the server did not issue or issued for another query.
func (c *call) keysetToken(tok, fingerprint string, arity int) (*pageToken, bool) {
	t, err := parsePageToken(tok)
	if err != nil || t.ID == "" || len(t.Key) != arity {
		c.fail(http.StatusBadRequest, "invalid page token "+quoteToken(tok))
		return nil, false
	}
	if t.Query != fingerprint {
		c.fail(http.StatusBadRequest, fmt.Sprintf("page token %s belongs to another query: send it with the filters and order of the request that returned it", quoteToken(tok)))
		return nil, false
	}
	return &t, true
}

// encodePageToken makes the page token of an offset list for the page starting at offset.
func encodePageToken(offset int) string { return pageToken{Offset: offset}.encode() }

// decodePageToken reads a token of encodePageToken; "" is offset 0.
func decodePageToken(tok string) (int, error) {
	if tok == "" {
		return 0, nil
	}
	t, err := parsePageToken(tok)
	if err != nil {
		return 0, err
	}
	if t.ID != "" || t.Query != "" {
		return 0, fmt.Errorf("%w %s", errBadPageToken, quoteToken(tok))
	}
	return t.Offset, nil
}

// querySize reads page_size from the query of a GET list: 50 when absent, 422 unless 1 to 1000.
func (c *call) querySize() (int, bool) {
	size, ok := c.queryInt("page_size", defaultPageSize)
	if !ok {
		return 0, false
	}
	if size < 1 { // an explicit 0 is an error here; pageFrom reads 0 as "unset"
		c.invalid([]any{"query", "page_size"}, "Input should be greater than or equal to 1", "greater_than_equal")
		return 0, false
	}
	if size > maxPageSize {
		c.invalid([]any{"query", "page_size"}, fmt.Sprintf("Input should be less than or equal to %d", maxPageSize), "less_than_equal")
		return 0, false
	}
	return size, true
}

// keysetParams reads page_size and page_token of a GET list paged by ID (see idList); after is
// the ID the page starts after, "" on the first page. It answers 400/422 itself.
func (c *call) keysetParams(fingerprint string) (after string, size int, ok bool) {
	if size, ok = c.querySize(); !ok {
		return "", 0, false
	}
	if tok := c.q.Get("page_token"); tok != "" {
		t, ok := c.keysetToken(tok, fingerprint, 0)
		if !ok {
			return "", 0, false
		}
		after = t.ID
	}
	return after, size, true
}

// pageParams reads page_token and page_size from the query (GET lists paged by offset); see
// pageFrom.
func (c *call) pageParams() (offset, size int, ok bool) {
	if size, ok = c.querySize(); !ok {
		return 0, 0, false
	}
	return c.pageFrom(c.q.Get("page_token"), size, []any{"query"})
}

// pageFrom checks a page token and size (size 0 means the default of 50; the maximum is 1000)
// and returns the offset; it writes 400 for a bad token or 422 for a bad size. loc is the
// location prefix of the size in a 422 ([]any{"query"} or []any{"body"}).
func (c *call) pageFrom(token string, size int, loc []any) (offset, pageSize int, ok bool) {
	if size == 0 {
		size = defaultPageSize
	}
	if size < 1 {
		c.invalid(append(loc, "page_size"), "Input should be greater than or equal to 1", "greater_than_equal")
		return 0, 0, false
	}
	if size > maxPageSize {
		c.invalid(append(loc, "page_size"), fmt.Sprintf("Input should be less than or equal to %d", maxPageSize), "less_than_equal")
		return 0, 0, false
	}
	offset, err := decodePageToken(token)
	if err != nil {
		c.fail(http.StatusBadRequest, "invalid page token "+quoteToken(token))
		return 0, 0, false
	}
	return offset, size, true
}

// pageOf slices items[offset:offset+size] and returns the token of the next page, "" on the last.
func pageOf[T any](items []T, offset, size int) (page []T, next string) {
	if offset >= len(items) {
		return []T{}, ""
	}
	end := min(offset+size, len(items))
	if end < len(items) {
		next = encodePageToken(end)
	}
	return items[offset:end], next
}

// cursorPage is the body of a page_token-paginated list: total_size is there on the GET lists
// whose reference example has it (all but the chat list), and on a POST search only when asked for.
type cursorPage[T any] struct {
	Items         []T     `json:"items"`
	NextPageToken *string `json:"next_page_token"`
	TotalSize     *int    `json:"total_size,omitempty"`
}

// writePage pages items by offset and writes {"items": …, "next_page_token": … or null,
// "total_size": n}.
func writePage[T any](c *call, items []T, offset, size int) {
	page, next := pageOf(items, offset, size)
	n := len(items)
	out := cursorPage[T]{Items: page, TotalSize: &n}
	if next != "" {
		out.NextPageToken = &next
	}
	c.writeJSON(http.StatusOK, out)
}

// writeCursorPage writes one page: next is the next page's token (nil on the last page) and
// total the total_size (nil to leave it out).
func writeCursorPage[T any](c *call, items []T, next *string, total *int) {
	if items == nil {
		items = []T{}
	}
	c.writeJSON(http.StatusOK, cursorPage[T]{Items: items, NextPageToken: next, TotalSize: total})
}

// countCache keeps the total_size of list queries over one set of rows, each true at the version
// of the rows it was counted at: a walk counts once, not once a page. The zero value is empty.
type countCache struct {
	version uint64 // bumped by every change to the rows, see touch
	counts  map[string]cachedTotal
}

// cachedTotal is a count true at version.
type cachedTotal struct {
	version uint64
	n       int
}

// touch records a change to the rows: every count is counted again.
func (cc *countCache) touch() { cc.version++ }

// get returns the count of the query key: cached for the current version, else from count. It
// keeps at most maxCachedCounts counts.
func (cc *countCache) get(key string, count func() int) int {
	if t, ok := cc.counts[key]; ok && t.version == cc.version {
		return t.n
	}
	n := count()
	if cc.counts == nil || len(cc.counts) >= maxCachedCounts {
		cc.counts = map[string]cachedTotal{}
	}
	cc.counts[key] = cachedTotal{cc.version, n}
	return n
}
