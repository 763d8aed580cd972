package llamacloudtest

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Page sizes of cursor-paginated lists.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// encodePageToken makes the opaque page token for the page starting at offset.
func encodePageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset)))
}

// decodePageToken reads a token of encodePageToken; "" is offset 0.
func decodePageToken(tok string) (int, error) {
	if tok == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, fmt.Errorf("%w %q", errBadPageToken, tok)
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "offset:"))
	if err != nil || n < 0 || !strings.HasPrefix(string(raw), "offset:") {
		return 0, fmt.Errorf("%w %q", errBadPageToken, tok)
	}
	return n, nil
}

// pageParams reads page_token and page_size from the query (GET lists); see pageFrom.
func (c *call) pageParams() (offset, size int, ok bool) {
	size, ok = c.queryInt("page_size", defaultPageSize)
	if !ok {
		return 0, 0, false
	}
	if size < 1 { // an explicit 0 is an error here; pageFrom reads 0 as "unset"
		c.invalid([]any{"query", "page_size"}, "Input should be greater than or equal to 1", "greater_than_equal")
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
		c.fail(http.StatusBadRequest, fmt.Sprintf("invalid page token %q", token))
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

// cursorPage is the body of a page_token-paginated list.
type cursorPage[T any] struct {
	Items         []T     `json:"items"`
	NextPageToken *string `json:"next_page_token"`
	TotalSize     int     `json:"total_size"`
}

// writePage pages items and writes {"items": …, "next_page_token": … or null, "total_size": n}.
func writePage[T any](c *call, items []T, offset, size int) {
	page, next := pageOf(items, offset, size)
	out := cursorPage[T]{Items: page, TotalSize: len(items)}
	if next != "" {
		out.NextPageToken = &next
	}
	c.writeJSON(http.StatusOK, out)
}

// errBadPageToken is the cause decodePageToken returns for a token it did not issue.
var errBadPageToken = errors.New("llamacloudtest: invalid page token")
