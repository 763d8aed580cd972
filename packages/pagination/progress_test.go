package pagination_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cursorPager walks a GET list served by ps.
func cursorPager(base string) *pagination.AutoPager[item] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[item], error) {
		page := new(pagination.PaginatedCursor[item])
		return page, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...)
	})
}

// walk collects a pager's items and its error, failing the test if the walk goes on past
// limit items: the point of these tests is that it cannot.
func walk(t *testing.T, pager *pagination.AutoPager[item], limit int) ([]int, error) {
	t.Helper()
	var got []int
	for v, err := range pager.All() {
		if err != nil {
			return got, err
		}
		got = append(got, v.N)
		require.LessOrEqual(t, len(got), limit, "the walk does not end")
	}
	return got, nil
}

func TestAutoPagerRepeatedToken(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		pages map[string]string // page token → page
		want  []int             // items before the error
		calls int
		token string // the repeated token
	}{
		{"same token forever", map[string]string{
			"":   `{"items":[{"n":1}],"next_page_token":"t2"}`,
			"t2": `{"items":[{"n":2}],"next_page_token":"t2"}`,
		}, []int{1, 2}, 2, "t2"},
		{"first token repeated", map[string]string{
			"":   `{"items":[{"n":1}],"next_page_token":"t1"}`,
			"t1": `{"items":[{"n":2}],"next_page_token":"t1"}`,
		}, []int{1, 2}, 2, "t1"},
		{"cycle of two", map[string]string{
			"":  `{"items":[{"n":0}],"next_page_token":"a"}`,
			"a": `{"items":[{"n":1}],"next_page_token":"b"}`,
			"b": `{"items":[{"n":2}],"next_page_token":"a"}`,
		}, []int{0, 1, 2}, 3, "a"},
		{"cycle of three after a start", map[string]string{
			"":  `{"items":[{"n":0}],"next_page_token":"s"}`,
			"s": `{"items":[{"n":9}],"next_page_token":"a"}`,
			"a": `{"items":[{"n":1}],"next_page_token":"b"}`,
			"b": `{"items":[{"n":2}],"next_page_token":"c"}`,
			"c": `{"items":[{"n":3}],"next_page_token":"a"}`,
		}, []int{0, 9, 1, 2, 3, 1}, 6, "b"}, // found within twice the cycle's length
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ps := &pageServer{answer: func(q url.Values, _ map[string]any) string { return tc.pages[q.Get("page_token")] }}
			got, err := walk(t, cursorPager(ps.start(t)), 100)
			assert.Equal(t, tc.want, got)
			assert.EqualError(t, err, fmt.Sprintf("llamacloud: next_page_token %q repeats the token of an earlier page: "+
				"the server pages in a cycle, so the list would never end", tc.token))
			assert.Len(t, ps.requests(), tc.calls)
		})
	}
}

func TestAutoPagerPostRepeatedToken(t *testing.T) {
	t.Parallel()
	ps := &pageServer{answer: func(_ url.Values, body map[string]any) string {
		if body["page_token"] == nil {
			return `{"items":[{"n":1}],"next_page_token":"t2"}`
		}
		return `{"items":[{"n":2}],"next_page_token":"t2"}`
	}}
	base := ps.start(t)
	pager := pagination.NewPaginatedCursorPostAutoPager(func() (*pagination.PaginatedCursorPost[item], error) {
		page := new(pagination.PaginatedCursorPost[item])
		return page, requestconfig.Execute(context.Background(), http.MethodPost, "api/v1/items/:search", &searchParams{}, page, opts(base)...)
	})
	got, err := walk(t, pager, 100)
	assert.Equal(t, []int{1, 2}, got)
	assert.ErrorContains(t, err, `next_page_token "t2" repeats the token of an earlier page`)
	assert.Len(t, ps.requests(), 2)
}

func TestAutoPagerRepeatedItems(t *testing.T) {
	t.Parallel()
	t.Run("cursor tokens change, items do not", func(t *testing.T) {
		t.Parallel()
		n := 0
		ps := &pageServer{answer: func(url.Values, map[string]any) string {
			n++
			return `{"items":[{"n":1},{"n":2}],"next_page_token":"t` + strconv.Itoa(n) + `"}`
		}}
		got, err := walk(t, cursorPager(ps.start(t)), 100)
		assert.Equal(t, []int{1, 2}, got)
		assert.EqualError(t, err, `llamacloud: the page fetched with page_token "t1" has the same items as the page before it: `+
			"the server ignores the page position, so the list would never end")
		assert.Len(t, ps.requests(), 2)
	})
	t.Run("offset ignored, huge total", func(t *testing.T) {
		t.Parallel()
		ps := &pageServer{answer: func(url.Values, map[string]any) string {
			return `{"items":[{"n":1},{"n":2}],"total_size":1000000000000000}`
		}}
		base := ps.start(t)
		pager := pagination.NewPaginatedBatchItemsAutoPager(func() (*pagination.PaginatedBatchItems[item], error) {
			page := new(pagination.PaginatedBatchItems[item])
			return page, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/batch", &batchParams{Limit: param.NewOpt[int64](2)}, page, opts(base)...)
		})
		got, err := walk(t, pager, 100)
		assert.Equal(t, []int{1, 2}, got)
		assert.EqualError(t, err, "llamacloud: the page fetched with offset 2 has the same items as the page before it: "+
			"the server ignores the page position, so the list would never end")
		assert.Equal(t, []string{"GET limit=2 ", "GET limit=2&offset=2 "}, ps.requests())
	})
	t.Run("equal empty pages are no repeat", func(t *testing.T) {
		t.Parallel()
		ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
			if q.Get("page_token") == "" {
				return `{"items":[{"n":1}],"next_page_token":"t2"}`
			}
			return `{"items":[],"next_page_token":"t3"}`
		}}
		got, err := walk(t, cursorPager(ps.start(t)), 100)
		assert.NoError(t, err, "an empty page ends the walk")
		assert.Equal(t, []int{1}, got)
	})
}

func TestGetNextPageRefusesNoProgress(t *testing.T) {
	t.Parallel()
	t.Run("token of this page", func(t *testing.T) {
		t.Parallel()
		ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
			return `{"items":[{"n":1}],"next_page_token":"same"}`
		}}
		base := ps.start(t)
		page := new(pagination.PaginatedCursor[item])
		require.NoError(t, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{PageToken: param.NewOpt("same")}, page, opts(base)...))
		next, err := page.GetNextPage()
		assert.Nil(t, next)
		assert.ErrorContains(t, err, `next_page_token "same" repeats the token of an earlier page`)
		assert.Len(t, ps.requests(), 1, "nothing is fetched")
	})
	t.Run("same items", func(t *testing.T) {
		t.Parallel()
		ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
			return `{"items":[{"n":1}],"next_page_token":"` + q.Get("page_token") + `x"}`
		}}
		base := ps.start(t)
		page := new(pagination.PaginatedCursor[item])
		require.NoError(t, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...))
		next, err := page.GetNextPage()
		assert.Nil(t, next)
		assert.EqualError(t, err, `llamacloud: the page fetched with page_token "x" has the same items as the page before it: `+
			"the server ignores the page position, so the list would never end")
		assert.Len(t, ps.requests(), 2)
	})
	t.Run("batch same items", func(t *testing.T) {
		t.Parallel()
		ps := &pageServer{answer: func(url.Values, map[string]any) string { return `{"items":[{"n":1}],"total_size":50}` }}
		base := ps.start(t)
		page := new(pagination.PaginatedBatchItems[item])
		require.NoError(t, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/batch", &batchParams{}, page, opts(base)...))
		next, err := page.GetNextPage()
		assert.Nil(t, next)
		assert.ErrorContains(t, err, "the page fetched with offset 1 has the same items as the page before it")
	})
}

func TestPagesNeverDropItems(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body, field, raw string
	}{
		{"item of the wrong type", `{"items":[{"n":1},7],"next_page_token":"t2"}`, "items", `[{"n":1},7]`},
		{"items not a list", `{"items":{"n":1},"next_page_token":"t2"}`, "items", `{"n":1}`},
		{"token of the wrong type", `{"items":[{"n":1}],"next_page_token":5}`, "next_page_token", `5`},
		{"total of the wrong type", `{"items":[{"n":1}],"total_size":"many"}`, "total_size", `"many"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ps := &pageServer{answer: func(url.Values, map[string]any) string { return tc.body }}
			base := ps.start(t)
			want := fmt.Sprintf("llamacloud: GET %q: decode response: page field %q does not fit its Go type: %s", base+"/api/v1/list", tc.field, tc.raw)

			page := new(pagination.PaginatedCursor[item])
			err := requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...)
			assert.EqualError(t, err, want, "one page, as List returns it")

			got, err := walk(t, cursorPager(base), 100)
			assert.Empty(t, got)
			assert.EqualError(t, err, want, "the walk")

			batch := new(pagination.PaginatedBatchItems[item])
			err = requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &batchParams{}, batch, opts(base)...)
			assert.EqualError(t, err, want, "a batch page")
		})
	}
	t.Run("second page", func(t *testing.T) {
		t.Parallel()
		ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
			if q.Get("page_token") == "" {
				return `{"items":[{"n":1}],"next_page_token":"t2"}`
			}
			return `{"items":[{"n":2},"three"],"next_page_token":"t3"}`
		}}
		got, err := walk(t, cursorPager(ps.start(t)), 100)
		assert.Equal(t, []int{1}, got)
		assert.ErrorContains(t, err, `page field "items" does not fit its Go type: [{"n":2},"three"]`)
	})
	t.Run("long value cut", func(t *testing.T) {
		t.Parallel()
		long := `"` + strings.Repeat("é", 80) + `"`
		ps := &pageServer{answer: func(url.Values, map[string]any) string { return `{"items":` + long + `}` }}
		page := new(pagination.PaginatedCursor[item])
		base := ps.start(t)
		err := requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...)
		assert.EqualError(t, err, `llamacloud: GET "`+base+`/api/v1/list": decode response: page field "items" does not fit its Go type: "`+
			strings.Repeat("é", 49)+"…", "at most 100 bytes of the value, cut on a character boundary")
	})
}

// rawItem keeps its JSON text, as every response type of the SDK does: pages of it are
// compared item by item through RawJSON instead of by the text of their whole array.
type rawItem struct {
	N    int `json:"n"`
	JSON struct {
		N           respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

func (r rawItem) RawJSON() string { return r.JSON.raw }

func TestRepeatedItemsByRawJSON(t *testing.T) {
	t.Parallel()
	// Items with the same n but different texts are different items; the same texts with
	// other spacing between them are the same items.
	pages := map[string]string{
		"":   `{"items":[{"n":1},{"n":2}],"next_page_token":"t1"}`,
		"t1": `{"items":[{"n":1},{"n":2, "x":0}],"next_page_token":"t2"}`,
		"t2": `{"items":[ {"n":1} , {"n":2, "x":0} ],"next_page_token":"t3"}`,
	}
	ps := &pageServer{answer: func(q url.Values, _ map[string]any) string { return pages[q.Get("page_token")] }}
	base := ps.start(t)
	pager := pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[rawItem], error) {
		page := new(pagination.PaginatedCursor[rawItem])
		return page, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...)
	})
	var got []string
	var err error
	for v, e := range pager.All() {
		if err = e; e != nil {
			break
		}
		got = append(got, v.RawJSON())
		require.Less(t, len(got), 10, "the walk does not end")
	}
	assert.Equal(t, []string{`{"n":1}`, `{"n":2}`, `{"n":1}`, `{"n":2, "x":0}`}, got)
	assert.EqualError(t, err, `llamacloud: the page fetched with page_token "t2" has the same items as the page before it: `+
		"the server ignores the page position, so the list would never end")

	// GetNextPage refuses the same page.
	page := new(pagination.PaginatedCursor[rawItem])
	require.NoError(t, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{PageToken: param.NewOpt("t1")}, page, opts(base)...))
	next, err := page.GetNextPage()
	assert.Nil(t, next)
	assert.EqualError(t, err, `llamacloud: the page fetched with page_token "t2" has the same items as the page before it: `+
		"the server ignores the page position, so the list would never end")
}
