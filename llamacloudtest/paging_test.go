package llamacloudtest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// TestAgentDataWritesBetweenPages walks a search by amount, descending, and writes between its
// pages: rows created or moved after the cursor are seen, rows before it are not, deleted rows
// not yet reached are not, and every row left unchanged is seen exactly once.
func TestAgentDataWritesBetweenPages(t *testing.T) {
	t.Parallel()
	srv := start(t)
	create := func(amount float64) string {
		return mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{
			"deployment_name": "w", "data": map[string]any{"amount": amount}}).Get("id").String()
	}
	update := func(id string, data map[string]any) {
		mustSend(t, srv, http.StatusOK, http.MethodPut, agentDataPath+"/"+id, map[string]any{"data": data})
	}
	var order []string // the rows by amount desc, then ID: amounts 19, 19, 18, 18, …, 0, 0
	ids := map[float64][]string{}
	for i := range 40 {
		a := float64(i % 20)
		ids[a] = append(ids[a], create(a))
	}
	for a := 19; a >= 0; a-- {
		order = append(order, ids[float64(a)]...)
	}
	page := func(token string) (got []string, next string) {
		body := map[string]any{"deployment_name": "w", "order_by": "amount desc", "page_size": 6}
		if token != "" {
			body["page_token"] = token
		}
		p := mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath+"/:search", body)
		for _, it := range p.Get("items").Array() {
			got = append(got, it.Get("id").String())
		}
		return got, p.Get("next_page_token").String()
	}

	seen, next := page("")
	require.Equal(t, order[:6], seen)
	before := create(100)       // sorts before the cursor: not seen
	after := create(-1)         // sorts after it: seen
	gone := order[len(order)-1] // not reached yet, deleted: not seen
	movedBack := order[20]      // not reached yet, moved before the cursor: not seen
	movedOn := order[2]         // seen, moved after the cursor: seen again
	touched := order[30]        // not reached, updated in place: seen once
	mustSend(t, srv, http.StatusOK, http.MethodDelete, agentDataPath+"/"+gone, nil)
	update(movedBack, map[string]any{"amount": 1000})
	update(movedOn, map[string]any{"amount": -2})
	update(touched, map[string]any{"amount": float64(4), "note": "edited"})
	for pages := 0; next != ""; pages++ {
		require.Less(t, pages, 20)
		var got []string
		got, next = page(next)
		seen = append(seen, got...)
	}

	count := map[string]int{}
	for _, id := range seen {
		count[id]++
	}
	assert.Zero(t, count[before], "created before the cursor")
	assert.Equal(t, 1, count[after], "created after the cursor")
	assert.Zero(t, count[gone], "deleted before it was reached")
	assert.Zero(t, count[movedBack], "moved before the cursor")
	assert.Equal(t, 2, count[movedOn], "moved after the cursor: seen again")
	for _, id := range order {
		if id != gone && id != movedBack && id != movedOn {
			assert.Equal(t, 1, count[id], "row %s left in place is seen exactly once", id)
		}
	}
	assert.Equal(t, []string{after, movedOn}, seen[len(seen)-2:], "they come last, in amount order")
}

// TestListsWritesBetweenPages writes between the pages of the directory-file and chat-session
// lists: a row created during the walk is seen, one deleted (or moved away) before it is reached
// is not, and the others are seen once each.
func TestListsWritesBetweenPages(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dir := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": "walk"}).Get("id").String()
	other := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": "elsewhere"}).Get("id").String()
	filesPath := dirsPath + "/" + dir + "/files"
	addFile := func(i int) string {
		fileID := srv.PutFile(fmt.Sprintf("f%02d.txt", i), []byte("x"))
		return mustSend(t, srv, http.StatusOK, http.MethodPost, filesPath, map[string]any{"file_id": fileID}).Get("id").String()
	}
	newChat := func() string {
		return mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{}).Get("session_id").String()
	}
	for _, tc := range []struct {
		name, path, idField string
		hasTotal            bool // the chat list sends no total_size, as in the reference's example
		create              func() string
		drop                func(id string)
		moveAway            func(id string)
	}{
		{"files", filesPath, "id", true, func() string { return addFile(99) },
			func(id string) { mustSend(t, srv, http.StatusNoContent, http.MethodDelete, filesPath+"/"+id, nil) },
			func(id string) {
				mustSend(t, srv, http.StatusOK, http.MethodPatch, filesPath+"/"+id, map[string]any{"directory_id": other})
			}},
		{"chats", chatPath, "session_id", false, newChat,
			func(id string) { mustSend(t, srv, http.StatusNoContent, http.MethodDelete, chatPath+"/"+id, nil) }, nil},
	} {
		var rows []string
		for i := range 20 {
			if tc.name == "files" {
				rows = append(rows, addFile(i))
			} else {
				rows = append(rows, newChat())
			}
		}
		walk := func(token string) (got []string, next string, total gjson.Result) {
			q := url.Values{"page_size": {"4"}}
			if token != "" {
				q.Set("page_token", token)
			}
			p := mustSend(t, srv, http.StatusOK, http.MethodGet, tc.path+"?"+q.Encode(), nil)
			for _, it := range p.Get("items").Array() {
				got = append(got, it.Get(tc.idField).String())
			}
			return got, p.Get("next_page_token").String(), p.Get("total_size")
		}
		seen, next, total := walk("")
		require.Equal(t, rows[:4], seen, tc.name)
		checkTotal := func(want int, what string) {
			if tc.hasTotal {
				assert.EqualValues(t, want, total.Int(), "%s: %s", tc.name, what)
			} else {
				assert.False(t, total.Exists(), "%s: no total_size", tc.name)
			}
		}
		checkTotal(20, "total_size")
		added := tc.create()
		tc.drop(rows[10])
		if tc.moveAway != nil {
			tc.moveAway(rows[12])
		}
		for pages := 0; next != ""; pages++ {
			require.Less(t, pages, 10)
			var got []string
			got, next, total = walk(next)
			seen = append(seen, got...)
		}
		want := append(append(append([]string{}, rows[:10]...), rows[11:]...), added)
		if tc.moveAway != nil {
			want = append(append(append([]string{}, rows[:10]...), rows[11:12]...), rows[13:]...)
			want = append(want, added)
		}
		assert.Equal(t, want, seen, tc.name)
		checkTotal(len(want), "total_size follows the writes")
	}
}

// TestPageTokenErrors checks the 400s of page tokens: a token the server did not issue, quoted
// only in part when long; a token of another query; a token of another list.
func TestPageTokenErrors(t *testing.T) {
	t.Parallel()
	srv := start(t)
	for i := range 3 {
		mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{"deployment_name": "t", "data": map[string]any{"n": i}})
		mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{})
	}
	search := func(body map[string]any) reply {
		return send(t, srv, http.MethodPost, agentDataPath+"/:search", body)
	}
	first := search(map[string]any{"deployment_name": "t", "order_by": "n", "page_size": 1})
	require.Equal(t, http.StatusOK, first.status)
	token := first.json.Get("next_page_token").String()
	require.NotEmpty(t, token)

	long := strings.Repeat("A", 5000) + "!"
	r := search(map[string]any{"deployment_name": "t", "page_token": long})
	require.Equal(t, http.StatusBadRequest, r.status)
	detail := r.json.Get("detail").String()
	assert.Equal(t, `invalid page token "`+strings.Repeat("A", 24)+`…" (5001 characters)`, detail)
	r = send(t, srv, http.MethodGet, chatPath+"?page_token="+url.QueryEscape(long), nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Less(t, len(r.body), 200, "the token is not echoed whole")

	for name, body := range map[string]map[string]any{
		"another order":      {"deployment_name": "t", "order_by": "n desc", "page_token": token},
		"another filter":     {"deployment_name": "t", "order_by": "n", "filter": map[string]any{"n": map[string]any{"gt": 0}}, "page_token": token},
		"another deployment": {"deployment_name": "u", "order_by": "n", "page_token": token},
	} {
		r := search(body)
		assert.Equal(t, http.StatusBadRequest, r.status, name)
		assert.Contains(t, r.json.Get("detail").String(), "belongs to another query", name)
	}
	r = send(t, srv, http.MethodPost, agentDataPath+"/:aggregate", map[string]any{"deployment_name": "t", "page_token": token})
	assert.Equal(t, http.StatusBadRequest, r.status, "a search token on aggregate")
	r = send(t, srv, http.MethodGet, chatPath+"?page_token="+token, nil)
	assert.Equal(t, http.StatusBadRequest, r.status, "a search token on a list")
	chats := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"?page_size=1", nil)
	r = send(t, srv, http.MethodGet, dirsPath+"?page_token="+chats.Get("next_page_token").String(), nil)
	assert.Equal(t, http.StatusBadRequest, r.status, "a chat token on the directory list")

	// The token of the first walk still works after all of this.
	again := search(map[string]any{"deployment_name": "t", "order_by": "n", "page_size": 1, "page_token": token})
	require.Equal(t, http.StatusOK, again.status)
	assert.Equal(t, int64(1), again.json.Get("items.0.data.n").Int())
	assert.Equal(t, gjson.String, again.json.Get("next_page_token").Type)
}

// TestAgentDataOrderByErrors checks that a malformed or unknown order_by field is a 422 naming
// it, on search and on aggregate.
func TestAgentDataOrderByErrors(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithRecordLimit(0))
	mustSend(t, srv, http.StatusOK, http.MethodPost, agentDataPath, map[string]any{"deployment_name": "o", "data": map[string]any{"city": "Oslo"}})
	for _, tc := range []struct {
		path, orderBy string
		groupBy       []string
		msg           string
	}{
		{":search", "city up", nil, `invalid order_by term "city up"`},
		{":search", "city asc desc", nil, `invalid order_by term "city asc desc"`},
		{":search", "city,,age", nil, `order_by "city,,age" has an empty term`},
		{":search", "city,", nil, `order_by "city," has an empty term`},
		{":search", "address..city", nil, `invalid order_by field "address..city"`},
		{":search", "data.", nil, `invalid order_by field "data."`},
		{":search", "ci'ty", nil, `invalid order_by field "ci'ty"`},
		{":search", "data", nil, `order_by field "data" is the whole data object`},
		{":search", "created_at.day", nil, `unknown order_by field "created_at.day": created_at has no fields`},
		{":aggregate", "age", []string{"city"}, `unknown order_by field "age": groups sort by count or a group_by field (city)`},
		{":aggregate", "city", nil, `unknown order_by field "city"`},
	} {
		body := map[string]any{"deployment_name": "o", "order_by": tc.orderBy}
		if tc.groupBy != nil {
			body["group_by"] = tc.groupBy
		}
		r := send(t, srv, http.MethodPost, agentDataPath+"/"+tc.path, body)
		require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s %q: %s", tc.path, tc.orderBy, r.body)
		assert.JSONEq(t, `["body","order_by"]`, r.json.Get("detail.0.loc").Raw)
		assert.Equal(t, "value_error", r.json.Get("detail.0.type").String())
		assert.Contains(t, r.json.Get("detail.0.msg").String(), tc.msg)
	}
	for _, tc := range []struct {
		path, orderBy string
		groupBy       []string
	}{
		{":search", "city desc, data.address.city ASC, created_at, id, updated_at desc", nil},
		{":search", "  city  ", nil},
		{":aggregate", "data.city desc, count", []string{"city"}},
		{":aggregate", "city", []string{"data.city"}},
	} {
		body := map[string]any{"deployment_name": "o", "order_by": tc.orderBy, "group_by": tc.groupBy}
		r := send(t, srv, http.MethodPost, agentDataPath+"/"+tc.path, body)
		assert.Equal(t, http.StatusOK, r.status, "%s %q: %s", tc.path, tc.orderBy, r.body)
		assert.Len(t, r.json.Get("items").Array(), 1)
	}
}
