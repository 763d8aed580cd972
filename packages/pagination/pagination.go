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
	"net/http"
	"strconv"
	"strings"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/tidwall/sjson"
)

// pageState is what every page keeps of the request that fetched it, to fetch the next.
type pageState struct {
	req *requestconfig.Request
	res *http.Response
}

// SetPageConfig records the request that fetched the page, so GetNextPage can repeat it
// with the next page's token or offset. The SDK calls it; it is of no use outside.
func (s *pageState) SetPageConfig(r *requestconfig.Request, res *http.Response) {
	s.req, s.res = r, res
}

// Response returns the HTTP response that carried the page; its body was already read.
func (s *pageState) Response() *http.Response { return s.res }

// fetchNext sends r, the request of a next page (nil: there is none), into a new P, with
// the context of the call that fetched the first page (r is a clone of its request).
func fetchNext[P any, PP interface {
	*P
	requestconfig.PageConfigSetter
}](r *requestconfig.Request, err error) (PP, error) {
	if r == nil || err != nil {
		return nil, err
	}
	page := PP(new(P))
	if err := r.Do(r.Context(), page); err != nil {
		return nil, err
	}
	return page, nil
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
// returns nil and no error on the last page.
func (p *PaginatedCursor[T]) GetNextPage() (*PaginatedCursor[T], error) {
	return fetchNext[PaginatedCursor[T]](p.nextRequest())
}

// nextRequest is the request of the next page, or nil on the last page.
func (p *PaginatedCursor[T]) nextRequest() (*requestconfig.Request, error) {
	if p.req == nil || p.NextPageToken == "" || len(p.Items) == 0 {
		return nil, nil
	}
	r := p.req.Clone()
	// A clone: the token shares the page body's memory, which the next request would
	// otherwise keep alive for as long as the next page lives.
	r.Query.Set("page_token", strings.Clone(p.NextPageToken))
	return r, nil
}

func (p *PaginatedCursor[T]) pageItems() []T { return p.Items }

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
// returns nil and no error on the last page.
func (p *PaginatedCursorPost[T]) GetNextPage() (*PaginatedCursorPost[T], error) {
	return fetchNext[PaginatedCursorPost[T]](p.nextRequest())
}

// nextRequest is the request of the next page, or nil on the last page.
func (p *PaginatedCursorPost[T]) nextRequest() (*requestconfig.Request, error) {
	if p.req == nil || p.NextPageToken == "" || len(p.Items) == 0 {
		return nil, nil
	}
	r := p.req.Clone()
	body := r.Body
	if body == nil {
		body = []byte("{}")
	}
	body, err := sjson.SetBytes(body, "page_token", p.NextPageToken)
	if err == nil {
		// The token says where the next page starts; an offset of the first request would
		// skip items again.
		body, err = sjson.DeleteBytes(body, "offset")
	}
	if err != nil {
		return nil, err
	}
	r.Body = body
	return r, nil
}

func (p *PaginatedCursorPost[T]) pageItems() []T { return p.Items }

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
// returns nil and no error on the last page.
func (p *PaginatedBatchItems[T]) GetNextPage() (*PaginatedBatchItems[T], error) {
	return fetchNext[PaginatedBatchItems[T]](p.nextRequest())
}

// nextRequest is the request of the next page, or nil on the last page.
func (p *PaginatedBatchItems[T]) nextRequest() (*requestconfig.Request, error) {
	if p.req == nil || len(p.Items) == 0 || !p.JSON.TotalSize.Valid() {
		return nil, nil
	}
	offset, _ := strconv.ParseInt(p.req.Query.Get("offset"), 10, 64)
	next := offset + int64(len(p.Items))
	if next >= p.TotalSize {
		return nil, nil
	}
	r := p.req.Clone()
	r.Query.Set("offset", strconv.FormatInt(next, 10))
	return r, nil
}

func (p *PaginatedBatchItems[T]) pageItems() []T { return p.Items }

func (p *PaginatedBatchItems[T]) nextPage() (pager[T], error) {
	r, err := p.nextRequest()
	p.release()
	return wrap(fetchNext[PaginatedBatchItems[T]](r, err))
}

// release drops what the AutoPager has consumed, so it can be freed while the next page
// is fetched.
func (p *PaginatedBatchItems[T]) release() { p.Items, p.NextPageToken, p.JSON = nil, "", pageJSON{} }

// pager is what an AutoPager needs of a page.
type pager[T any] interface {
	pageItems() []T
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
