// Package pagination holds the page types of list endpoints and the [AutoPager] that walks
// every item across pages.
//
// A List call returns one page; its …AutoPaging twin returns an [AutoPager] that fetches
// pages only as they are needed:
//
//	for dir, err := range client.Beta.Directories.ListAutoPaging(ctx, beta.DirectoryListParams{}).All() {
//		if err != nil {
//			return err
//		}
//		fmt.Println(dir.Name)
//	}
//
// The API pages in three ways, one type each: [PaginatedCursor] (GET, page_token in the
// query), [PaginatedCursorPost] (POST searches, page_token in the JSON body) and
// [PaginatedBatchItems] (offset and limit in the query).
package pagination

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

// pageRecord is the request and response that fetched a page. Embedded under this
// unexported alias, it adds nothing that users can see or call.
type pageRecord = requestconfig.PageState

// pageState is what every page keeps of the request that fetched it, to fetch the next.
type pageState struct {
	pageRecord
}

// Response returns the HTTP response that carried the page; its body was already read.
func (s *pageState) Response() *http.Response { return requestconfig.PageResponse(&s.pageRecord) }

// request returns the request that fetched the page, nil for a page not fetched by the SDK.
func (s *pageState) request() *requestconfig.Request { return requestconfig.PageRequest(&s.pageRecord) }

// fetchNext sends r, the request of a next page (nil: there is none), into a new P, with
// the context of the call that fetched the first page (r is a clone of its request).
func fetchNext[P any, PP interface{ *P }](r *requestconfig.Request, err error) (PP, error) {
	if r == nil || err != nil {
		return nil, err
	}
	page := PP(new(P))
	if err := r.Do(r.Context(), page); err != nil {
		return nil, err
	}
	return page, nil
}

// getNext is GetNextPage: it fetches the page after prev with r and refuses one that
// repeats prev's items, a server that ignores the page position.
func getNext[T any, P any, PP interface {
	*P
	pager[T]
}](prev pager[T], r *requestconfig.Request, err error) (PP, error) {
	next, err := fetchNext[P, PP](r, err)
	if next != nil {
		if isRepeat[T](next, prev) {
			return nil, errNoProgressAt(next.position())
		}
	}
	return next, err
}

// isRepeat reports whether the items of page repeat those of prev, the page before it.
func isRepeat[T any](page, prev pager[T]) bool {
	a, b := page.pageItems(), prev.pageItems()
	if len(a) > 0 && len(a) == len(b) && hasRawJSON[T]() {
		for i := range a {
			if itemRaw(&a[i]) != itemRaw(&b[i]) {
				return false
			}
		}
		return true
	}
	raw := page.itemsJSON().Raw()
	return raw == prev.itemsJSON().Raw() && len(raw) > 2 // not "" or "[]"
}

// rawJSONer is what every response type of the SDK implements.
type rawJSONer interface{ RawJSON() string }

// hasRawJSON reports whether a page's items keep their JSON texts: then a page's items are
// told apart by those, at no cost, rather than by the text of the whole array, which
// [respjson.Field.Raw] finds by scanning it.
func hasRawJSON[T any]() bool {
	var zero *T
	_, ok := any(zero).(rawJSONer)
	return ok
}

// itemRaw returns the JSON text of an item whose type has RawJSON.
func itemRaw[T any](item *T) string { return any(item).(rawJSONer).RawJSON() }

// errNoProgressAt reports a page, fetched at position, with the same items as the page
// before it.
func errNoProgressAt(position string) error {
	return fmt.Errorf("llamacloud: the page fetched with %s has the same items as the page before it: "+
		"the server ignores the page position, so the list would never end", position)
}

// errRepeatedToken reports a next_page_token that a page of the walk was already fetched with.
func errRepeatedToken(token string) error {
	return fmt.Errorf("llamacloud: next_page_token %q repeats the token of an earlier page: the server pages in a cycle, so the list would never end", token)
}

// cursorRequest is the request of the page after the one fetched with req that returned
// next as its next_page_token and had items, or nil on the last page. set puts the token
// in the request; a token that fetched this very page is an error.
func cursorRequest(req *requestconfig.Request, next string, items int, token func(*requestconfig.Request) string,
	set func(*requestconfig.Request, string) error) (*requestconfig.Request, error) {
	if req == nil || next == "" || items == 0 {
		return nil, nil
	}
	if next == token(req) {
		return nil, errRepeatedToken(next)
	}
	r := req.Clone()
	// A clone: the token shares the page body's memory, which the next request would
	// otherwise keep alive for as long as the next page lives.
	if err := set(r, strings.Clone(next)); err != nil {
		return nil, err
	}
	return r, nil
}

// queryToken and setQueryToken read and write the page_token of a GET list's query.
func queryToken(r *requestconfig.Request) string { return r.Query.Get("page_token") }

func setQueryToken(r *requestconfig.Request, token string) error {
	r.Query.Set("page_token", token)
	return nil
}

// bodyToken and setBodyToken read and write the page_token of a POST search's JSON body.
func bodyToken(r *requestconfig.Request) string { return gjson.GetBytes(r.Body, "page_token").String() }

func setBodyToken(r *requestconfig.Request, token string) error {
	body := r.Body
	if body == nil {
		body = []byte("{}")
	}
	body, err := sjson.SetBytes(body, "page_token", token)
	if err == nil {
		// The token says where the next page starts; an offset of the first request would
		// skip items again.
		body, err = sjson.DeleteBytes(body, "offset")
	}
	if err != nil {
		return err
	}
	r.Body = body
	return nil
}

// pageJSON is the metadata of a page's fields.
type pageJSON struct {
	Items         respjson.Field
	NextPageToken respjson.Field
	TotalSize     respjson.Field
	ExtraFields   map[string]respjson.Field
	raw           string
}

// PaginatedCursor is a page of a GET list. The next page is asked for with the
// page_token query value; there is one while NextPageToken is non-empty and this page had
// items.
type PaginatedCursor[T any] struct {
	// Items are the page's items.
	Items []T `json:"items"`
	// NextPageToken fetches the next page; empty on the last page.
	NextPageToken string `json:"next_page_token"`
	// TotalSize is the number of items across all pages, when the API reports it.
	TotalSize int64 `json:"total_size"`
	// JSON is the wire metadata of the fields above.
	JSON pageJSON `json:"-"`

	pageState
}

// RawJSON returns the page's JSON as received.
func (p *PaginatedCursor[T]) RawJSON() string { return p.JSON.raw }

// UnmarshalJSON decodes a page.
func (p *PaginatedCursor[T]) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, p) }

// GetNextPage fetches the page after p with the context of the call that fetched p. It
// returns nil and no error on the last page, and an error, fetching nothing, when p's
// next_page_token is the token p was fetched with, or when the next page has the same items
// as p: a server that does not advance would otherwise make a walk endless.
func (p *PaginatedCursor[T]) GetNextPage() (*PaginatedCursor[T], error) {
	r, err := p.nextRequest()
	return getNext[T, PaginatedCursor[T]](p, r, err)
}

// nextRequest is the request of the next page, or nil on the last page.
func (p *PaginatedCursor[T]) nextRequest() (*requestconfig.Request, error) {
	return cursorRequest(p.request(), p.NextPageToken, len(p.Items), queryToken, setQueryToken)
}

func (p *PaginatedCursor[T]) pageItems() []T            { return p.Items }
func (p *PaginatedCursor[T]) itemsJSON() respjson.Field { return p.JSON.Items }
func (p *PaginatedCursor[T]) nextToken() string         { return p.NextPageToken }
func (p *PaginatedCursor[T]) position() string          { return tokenPosition(p.request(), queryToken) }

func (p *PaginatedCursor[T]) nextPage() (pager[T], error) {
	r, err := p.nextRequest()
	p.release()
	return wrap(fetchNext[PaginatedCursor[T]](r, err))
}

// release drops what the AutoPager has consumed, so it can be freed while the next page
// is fetched.
func (p *PaginatedCursor[T]) release() { p.Items, p.NextPageToken, p.JSON = nil, "", pageJSON{} }

// PaginatedCursorPost is a page of a POST search or aggregate. The next page is asked for
// with page_token in the JSON body (organization and project stay in the query, and an
// offset of the first request is dropped); there is one while NextPageToken is non-empty
// and this page had items.
type PaginatedCursorPost[T any] struct {
	// Items are the page's items.
	Items []T `json:"items"`
	// NextPageToken fetches the next page; empty on the last page.
	NextPageToken string `json:"next_page_token"`
	// TotalSize is the number of matches across all pages, when asked for and reported.
	TotalSize int64 `json:"total_size"`
	// JSON is the wire metadata of the fields above.
	JSON pageJSON `json:"-"`

	pageState
}

// RawJSON returns the page's JSON as received.
func (p *PaginatedCursorPost[T]) RawJSON() string { return p.JSON.raw }

// UnmarshalJSON decodes a page.
func (p *PaginatedCursorPost[T]) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, p) }

// GetNextPage fetches the page after p with the context of the call that fetched p. It
// returns nil and no error on the last page, and an error, fetching nothing, when p's
// next_page_token is the token p was fetched with, or when the next page has the same items
// as p: a server that does not advance would otherwise make a walk endless.
func (p *PaginatedCursorPost[T]) GetNextPage() (*PaginatedCursorPost[T], error) {
	r, err := p.nextRequest()
	return getNext[T, PaginatedCursorPost[T]](p, r, err)
}

// nextRequest is the request of the next page, or nil on the last page.
func (p *PaginatedCursorPost[T]) nextRequest() (*requestconfig.Request, error) {
	return cursorRequest(p.request(), p.NextPageToken, len(p.Items), bodyToken, setBodyToken)
}

func (p *PaginatedCursorPost[T]) pageItems() []T            { return p.Items }
func (p *PaginatedCursorPost[T]) itemsJSON() respjson.Field { return p.JSON.Items }
func (p *PaginatedCursorPost[T]) nextToken() string         { return p.NextPageToken }
func (p *PaginatedCursorPost[T]) position() string          { return tokenPosition(p.request(), bodyToken) }

func (p *PaginatedCursorPost[T]) nextPage() (pager[T], error) {
	r, err := p.nextRequest()
	p.release()
	return wrap(fetchNext[PaginatedCursorPost[T]](r, err))
}

// release drops what the AutoPager has consumed, so it can be freed while the next page
// is fetched.
func (p *PaginatedCursorPost[T]) release() { p.Items, p.NextPageToken, p.JSON = nil, "", pageJSON{} }

// PaginatedBatchItems is a page of a batch list, paged by offset and limit in the query.
// There is a next page while offset + len(Items) < TotalSize; an empty page or a missing
// total_size ends the list.
type PaginatedBatchItems[T any] struct {
	// Items are the page's items.
	Items []T `json:"items"`
	// NextPageToken is reported by the API but not used for paging.
	NextPageToken string `json:"next_page_token"`
	// TotalSize is the number of items across all pages.
	TotalSize int64 `json:"total_size"`
	// JSON is the wire metadata of the fields above.
	JSON pageJSON `json:"-"`

	pageState
}

// RawJSON returns the page's JSON as received.
func (p *PaginatedBatchItems[T]) RawJSON() string { return p.JSON.raw }

// UnmarshalJSON decodes a page.
func (p *PaginatedBatchItems[T]) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, p) }

// GetNextPage fetches the page after p with the context of the call that fetched p. It
// returns nil and no error on the last page, and an error when the next page has the same
// items as p: a server that ignores the offset would otherwise make a walk endless.
func (p *PaginatedBatchItems[T]) GetNextPage() (*PaginatedBatchItems[T], error) {
	r, err := p.nextRequest()
	return getNext[T, PaginatedBatchItems[T]](p, r, err)
}

// nextRequest is the request of the next page, or nil on the last page.
func (p *PaginatedBatchItems[T]) nextRequest() (*requestconfig.Request, error) {
	req := p.request()
	if req == nil || len(p.Items) == 0 || !p.JSON.TotalSize.Valid() {
		return nil, nil
	}
	offset, _ := strconv.ParseInt(req.Query.Get("offset"), 10, 64)
	next := offset + int64(len(p.Items))
	if next >= p.TotalSize {
		return nil, nil
	}
	r := req.Clone()
	r.Query.Set("offset", strconv.FormatInt(next, 10))
	return r, nil
}

func (p *PaginatedBatchItems[T]) pageItems() []T            { return p.Items }
func (p *PaginatedBatchItems[T]) itemsJSON() respjson.Field { return p.JSON.Items }

// nextToken is "": offsets only grow, so they cannot repeat.
func (p *PaginatedBatchItems[T]) nextToken() string { return "" }

func (p *PaginatedBatchItems[T]) position() string {
	offset := "0"
	if req := p.request(); req != nil && req.Query.Has("offset") {
		offset = req.Query.Get("offset")
	}
	return "offset " + offset
}

func (p *PaginatedBatchItems[T]) nextPage() (pager[T], error) {
	r, err := p.nextRequest()
	p.release()
	return wrap(fetchNext[PaginatedBatchItems[T]](r, err))
}

// release drops what the AutoPager has consumed, so it can be freed while the next page
// is fetched.
func (p *PaginatedBatchItems[T]) release() { p.Items, p.NextPageToken, p.JSON = nil, "", pageJSON{} }

// tokenPosition describes where a cursor page starts, for errors: the page_token it was
// fetched with.
func tokenPosition(r *requestconfig.Request, token func(*requestconfig.Request) string) string {
	if r == nil {
		return "no page_token"
	}
	if tok := token(r); tok != "" {
		return fmt.Sprintf("page_token %q", tok)
	}
	return "no page_token"
}

// pager is what an AutoPager needs of a page.
type pager[T any] interface {
	pageItems() []T
	// itemsJSON is the metadata of the page's items.
	itemsJSON() respjson.Field
	// nextToken is the next_page_token of a cursor page, "" for other pages.
	nextToken() string
	// position says where the page starts, for errors.
	position() string
	nextPage() (pager[T], error)
}

// wrap converts a typed page to a pager, keeping a nil page nil.
func wrap[T any, P interface {
	*PaginatedCursor[T] | *PaginatedCursorPost[T] | *PaginatedBatchItems[T]
	pager[T]
}](p P, err error) (pager[T], error) {
	if p == nil {
		return nil, err
	}
	return p, err
}
