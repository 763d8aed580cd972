package llamacloudtest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const dirsPath = "/api/v1/beta/directories"

func TestDirectoryLifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithClock(stepClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))))
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": "invoices", "description": "2024"})
	id := created.Get("id").String()
	assert.Regexp(t, `^dir-\d{12}$`, id)
	assert.Equal(t, "invoices", created.Get("name").String())
	assert.Equal(t, "2024", created.Get("description").String())
	assert.Equal(t, srv.ProjectID, created.Get("project_id").String())
	assert.Equal(t, "2024-01-02T03:04:05.001Z", created.Get("created_at").String())
	assert.Equal(t, gjson.Null, created.Get("deleted_at").Type)
	for _, field := range []string{"id", "name", "project_id", "created_at", "deleted_at", "description", "updated_at"} {
		assert.True(t, created.Get(field).Exists(), field)
	}

	got := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+id, nil)
	assert.JSONEq(t, created.Raw, got.Raw)

	updated := mustSend(t, srv, http.StatusOK, http.MethodPatch, dirsPath+"/"+id, map[string]any{"name": "bills"})
	assert.Equal(t, "bills", updated.Get("name").String())
	assert.Equal(t, "2024", updated.Get("description").String(), "fields not sent are kept")
	assert.Greater(t, updated.Get("updated_at").String(), created.Get("updated_at").String())
	cleared := mustSend(t, srv, http.StatusOK, http.MethodPatch, dirsPath+"/"+id, `{"description":null}`)
	assert.Equal(t, gjson.Null, cleared.Get("description").Type, "an explicit null clears")
	assert.Equal(t, "bills", cleared.Get("name").String())
	r := send(t, srv, http.MethodPatch, dirsPath+"/"+id, map[string]any{"name": ""})
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)

	r = send(t, srv, http.MethodDelete, dirsPath+"/"+id, nil)
	assert.Equal(t, http.StatusNoContent, r.status)
	assert.Empty(t, r.body)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, dirsPath+"/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodDelete, dirsPath+"/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPatch, dirsPath+"/"+id, map[string]any{"name": "x"}).status)

	// Soft delete: gone from the default listing, back with include_deleted.
	assert.Equal(t, int64(0), mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath, nil).Get("total_size").Int())
	all := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"?include_deleted=true", nil)
	require.Equal(t, int64(1), all.Get("total_size").Int())
	assert.Equal(t, id, all.Get("items.0.id").String())
	assert.NotEqual(t, gjson.Null, all.Get("items.0.deleted_at").Type)
}

func TestDirectoryListFilters(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ids := map[string]string{}
	for _, name := range []string{"alpha", "beta", "alpha", "gamma"} {
		ids[name] = mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": name}).Get("id").String()
	}
	mustSend(t, srv, http.StatusOK, http.MethodPost, "/api/v1/indexes", map[string]any{"source_directory_id": ids["gamma"]})

	names := func(query string) []string {
		page := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"?"+query, nil)
		var out []string
		for _, it := range page.Get("items").Array() {
			out = append(out, it.Get("name").String())
		}
		assert.Equal(t, int64(len(out)), page.Get("total_size").Int(), query)
		return out
	}
	assert.Equal(t, []string{"alpha", "beta", "alpha", "gamma"}, names(""), "creation order")
	assert.Equal(t, []string{"alpha", "alpha"}, names("name=alpha"))
	assert.Equal(t, []string{"gamma"}, names("type=index"))
	assert.Equal(t, []string{"alpha", "beta", "alpha"}, names("type=user"))
	assert.Nil(t, names("name=nope"))
	assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodGet, dirsPath+"?type=other", nil).status)
}

func TestDirectoryPagination(t *testing.T) {
	t.Parallel()
	srv := start(t)
	const n = 11
	var want []string
	for i := range n {
		want = append(want, mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": fmt.Sprint("d", i)}).Get("id").String())
	}
	var got []string
	token, pages := "", 0
	for {
		q := url.Values{"page_size": {"3"}}
		if token != "" {
			q.Set("page_token", token)
		}
		page := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"?"+q.Encode(), nil)
		pages++
		assert.Equal(t, int64(n), page.Get("total_size").Int())
		items := page.Get("items").Array()
		assert.LessOrEqual(t, len(items), 3)
		for _, it := range items {
			got = append(got, it.Get("id").String())
		}
		next := page.Get("next_page_token")
		require.True(t, next.Exists(), "next_page_token is always present")
		if next.Type == gjson.Null {
			break
		}
		token = next.String()
		require.NotEmpty(t, token)
		require.Less(t, pages, 10, "pagination must end")
	}
	assert.Equal(t, 4, pages)
	assert.Equal(t, want, got)

	// Default page size is 50; beyond the end is an empty page.
	assert.Len(t, mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath, nil).Get("items").Array(), n)
	r := send(t, srv, http.MethodGet, dirsPath+"?page_token=not-a-token!", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, r.json.Get("detail").String(), "not-a-token!")
	for _, size := range []string{"0", "-1", "1001"} {
		assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodGet, dirsPath+"?page_size="+size, nil).status, size)
	}
	assert.Equal(t, http.StatusOK, send(t, srv, http.MethodGet, dirsPath+"?page_size=1000", nil).status)
}
