package pagination_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct {
	N int `json:"n"`
}

// pageServer serves pages from answer, which sees each request's query and JSON body and
// returns the response body, or "" for a 500.
type pageServer struct {
	answer func(q url.Values, body map[string]any) string
	srv    *testserver.Server
}

func (p *pageServer) start(t *testing.T) string {
	p.srv = testserver.New(t, testserver.Func(func(r testserver.Request) testserver.Reply {
		var body map[string]any
		_ = json.Unmarshal(r.Body, &body)
		out := p.answer(r.Query, body)
		if out == "" {
			return testserver.Reply{Status: 500, Body: []byte(`{"detail":"boom"}`)}
		}
		return testserver.Reply{Body: []byte(out)}
	}))
	return p.srv.URL
}

// requests returns "METHOD query body" for each request so far.
func (p *pageServer) requests() []string {
	var out []string
	for _, r := range p.srv.Requests() {
		out = append(out, r.Method+" "+r.RawQuery+" "+string(r.Body))
	}
	return out
}

func opts(base string) []requestconfig.RequestOption {
	return []requestconfig.RequestOption{option.WithBaseURL(base), option.WithAPIKey("k"), option.WithMaxRetries(0)}
}

type listParams struct {
	PageToken param.Opt[string] `json:"-" query:"page_token"`
	PageSize  param.Opt[int64]  `json:"-" query:"page_size"`
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

type searchParams struct {
	Filter    string            `json:"filter"`
	Offset    param.Opt[int64]  `json:"offset"`
	PageToken param.Opt[string] `json:"page_token"`
	PageSize  param.Opt[int64]  `json:"page_size"`
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

type batchParams struct {
	Offset param.Opt[int64] `json:"-" query:"offset"`
	Limit  param.Opt[int64] `json:"-" query:"limit"`
}

// cursorPages maps a page token to the page served for it: 3 full pages, then an empty one.
var cursorPages = map[string]string{
	"":   `{"items":[{"n":1},{"n":2}],"next_page_token":"t2","total_size":5}`,
	"t2": `{"items":[{"n":3},{"n":4}],"next_page_token":"t3","total_size":5}`,
	"t3": `{"items":[{"n":5}],"next_page_token":"t4","total_size":5}`,
	"t4": `{"items":[],"next_page_token":"t5","total_size":5}`,
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) ([]T, error) {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func TestPaginatedCursorAutoPaging(t *testing.T) {
	t.Parallel()
	ps := &pageServer{answer: func(q url.Values, _ map[string]any) string { return cursorPages[q.Get("page_token")] }}
	base := ps.start(t)
	ctx := context.Background()
	pager := pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[item], error) {
		page := new(pagination.PaginatedCursor[item])
		err := requestconfig.Execute(ctx, http.MethodGet, "api/v1/list", &listParams{PageSize: param.NewOpt[int64](2), ProjectID: param.NewOpt("p")}, page, opts(base)...)
		return page, err
	})
	assert.Empty(t, ps.requests(), "nothing is fetched before the first pull")
	var got []int
	var idx []int
	for pager.Next() {
		got = append(got, pager.Current().N)
		idx = append(idx, pager.Index())
	}
	require.NoError(t, pager.Err())
	assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
	assert.Equal(t, []int{0, 1, 2, 3, 4}, idx)
	assert.Equal(t, []string{
		"GET page_size=2&project_id=p ",
		"GET page_size=2&page_token=t2&project_id=p ",
		"GET page_size=2&page_token=t3&project_id=p ",
		"GET page_size=2&page_token=t4&project_id=p ",
	}, ps.requests())
}

func TestPaginatedCursorStopsOnEmptyToken(t *testing.T) {
	t.Parallel()
	ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
		if q.Get("page_token") == "" {
			return `{"items":[{"n":1}],"next_page_token":"t2"}`
		}
		return `{"items":[{"n":2}],"next_page_token":""}`
	}}
	base := ps.start(t)
	page := new(pagination.PaginatedCursor[item])
	require.NoError(t, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...))
	second, err := page.GetNextPage()
	require.NoError(t, err)
	require.NotNil(t, second)
	assert.Equal(t, []item{{2}}, second.Items)
	third, err := second.GetNextPage()
	assert.NoError(t, err)
	assert.Nil(t, third)
	assert.Len(t, ps.requests(), 2)
}

func TestAutoPagerBreakFetchesNoMore(t *testing.T) {
	t.Parallel()
	ps := &pageServer{answer: func(q url.Values, _ map[string]any) string { return cursorPages[q.Get("page_token")] }}
	base := ps.start(t)
	pager := pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[item], error) {
		page := new(pagination.PaginatedCursor[item])
		return page, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...)
	})
	n := 0
	for v, err := range pager.All() {
		require.NoError(t, err)
		n++
		if v.N == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	assert.Len(t, ps.requests(), 2, "breaking on page 2 must not fetch page 3")
}

func TestAutoPagerYieldsErrorOnce(t *testing.T) {
	t.Parallel()
	ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
		if q.Get("page_token") == "" {
			return cursorPages[""]
		}
		return "" // 500
	}}
	base := ps.start(t)
	pager := pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[item], error) {
		page := new(pagination.PaginatedCursor[item])
		return page, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/list", &listParams{}, page, opts(base)...)
	})
	var vals []item
	var errs []error
	for v, err := range pager.All() {
		vals = append(vals, v)
		errs = append(errs, err)
	}
	require.Len(t, vals, 3)
	assert.Equal(t, []item{{1}, {2}, {}}, vals)
	assert.Nil(t, errs[0])
	assert.Nil(t, errs[1])
	assert.True(t, errors.Is(errs[2], apierror.ErrServer), "got %v", errs[2])
	assert.ErrorIs(t, pager.Err(), apierror.ErrServer)
	assert.False(t, pager.Next())
}

func TestPaginatedCursorPostAutoPaging(t *testing.T) {
	t.Parallel()
	ps := &pageServer{answer: func(q url.Values, body map[string]any) string {
		tok, _ := body["page_token"].(string)
		return cursorPages[tok]
	}}
	base := ps.start(t)
	ctx := context.Background()
	pager := pagination.NewPaginatedCursorPostAutoPager(func() (*pagination.PaginatedCursorPost[item], error) {
		page := new(pagination.PaginatedCursorPost[item])
		p := &searchParams{Filter: "f", Offset: param.NewOpt[int64](0), PageSize: param.NewOpt[int64](2), ProjectID: param.NewOpt("p")}
		return page, requestconfig.Execute(ctx, http.MethodPost, "api/v1/items/:search", p, page, opts(base)...)
	})
	got, err := collect(t, pager.All())
	require.NoError(t, err)
	assert.Equal(t, []item{{1}, {2}, {3}, {4}, {5}}, got)
	reqs := ps.requests()
	require.Len(t, reqs, 4)
	assert.Equal(t, `POST project_id=p {"filter":"f","offset":0,"page_size":2}`, reqs[0])
	for i, tok := range []string{"t2", "t3", "t4"} {
		method, rest, _ := cut(reqs[i+1])
		assert.Equal(t, "POST", method)
		query, body, _ := cut(rest)
		assert.Equal(t, "project_id=p", query, "org/project stay in the query")
		assert.JSONEq(t, `{"filter":"f","page_size":2,"page_token":"`+tok+`"}`, body)
	}
}

func cut(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func TestPaginatedBatchItemsAutoPaging(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		total string // total_size member, or "" for none
		pages map[string]string
		want  []int
		calls int
	}{
		{"by total size", `"total_size":5`, map[string]string{
			"0": `[{"n":1},{"n":2}]`, "2": `[{"n":3},{"n":4}]`, "4": `[{"n":5}]`}, []int{1, 2, 3, 4, 5}, 3},
		{"empty page stops", `"total_size":9`, map[string]string{
			"0": `[{"n":1},{"n":2}]`, "2": `[{"n":3},{"n":4}]`, "4": `[{"n":5}]`, "5": `[]`}, []int{1, 2, 3, 4, 5}, 4},
		{"missing total stops", "", map[string]string{"0": `[{"n":1},{"n":2}]`}, []int{1, 2}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ps := &pageServer{answer: func(q url.Values, _ map[string]any) string {
				off := q.Get("offset")
				if off == "" {
					off = "0"
				}
				items, ok := tc.pages[off]
				if !ok {
					return ""
				}
				if tc.total == "" {
					return `{"items":` + items + `}`
				}
				return `{"items":` + items + `,` + tc.total + `}`
			}}
			base := ps.start(t)
			pager := pagination.NewPaginatedBatchItemsAutoPager(func() (*pagination.PaginatedBatchItems[item], error) {
				page := new(pagination.PaginatedBatchItems[item])
				return page, requestconfig.Execute(context.Background(), http.MethodGet, "api/v1/batch", &batchParams{Limit: param.NewOpt[int64](2)}, page, opts(base)...)
			})
			got, err := collect(t, pager.All())
			require.NoError(t, err)
			var ns []int
			for _, it := range got {
				ns = append(ns, it.N)
			}
			assert.Equal(t, tc.want, ns)
			reqs := ps.requests()
			assert.Len(t, reqs, tc.calls)
			for i, r := range reqs {
				if i == 0 {
					assert.Equal(t, "GET limit=2 ", r)
					continue
				}
				q, _ := url.ParseQuery(r[len("GET ") : len(r)-1])
				assert.Equal(t, "2", q.Get("limit"))
				_, err := strconv.Atoi(q.Get("offset"))
				assert.NoError(t, err)
			}
		})
	}
}
