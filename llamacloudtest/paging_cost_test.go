package llamacloudtest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// costRegions are the regions of seeded orders: "eu" is 8 in 15 (53 %), like the 10,666 of
// 20,000 records of issue 12.
var costRegions = []string{"eu", "eu", "eu", "eu", "eu", "eu", "eu", "eu", "us", "us", "us", "apac", "apac", "latam", "latam"}

// seedOrders adds n agent-data records to deployment "shop", collection "orders" of the default
// project, straight into the store: {"region": …, "amount": …}, amounts with many ties.
func seedOrders(s *Server, n int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(s.ProjectID)
	now := s.now()
	for range n {
		p.agentData.add(&agentDataItem{
			id: s.newID("agd"), deploymentName: "shop", collection: "orders",
			data:      map[string]any{"region": costRegions[r.IntN(len(costRegions))], "amount": float64(r.IntN(5000)) / 4},
			createdAt: now, updatedAt: now,
		})
	}
}

// serve sends one request straight to the server's handler and decodes the JSON answer.
func serve(t testing.TB, s *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.APIKey)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: %d %q: %v", method, path, rec.Code, rec.Body.String(), err)
	}
	return rec.Code, out
}

// work returns the agent-data and list work counters of the default project.
func work(s *Server) (agentData, lists int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(s.ProjectID)
	return p.agentData.work, p.lists.work
}

// searchPage asks for one page of the query (region = eu, amount desc, 50 a page).
func searchPage(t testing.TB, s *Server, token string, includeTotal bool) (ids []string, next string, total float64) {
	t.Helper()
	body := map[string]any{
		"deployment_name": "shop", "collection": "orders", "page_size": 50, "order_by": "amount desc",
		"filter": map[string]any{"region": map[string]any{"eq": "eu"}}, "include_total": includeTotal,
	}
	if token != "" {
		body["page_token"] = token
	}
	b, err := json.Marshal(body)
	require.NoError(t, err)
	status, out := serve(t, s, http.MethodPost, "/api/v1/beta/agent-data/:search", string(b))
	require.Equal(t, http.StatusOK, status, "%v", out)
	for _, it := range out["items"].([]any) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	next, _ = out["next_page_token"].(string)
	total, _ = out["total_size"].(float64)
	return ids, next, total
}

// TestAgentDataSearchCostPerPage counts the records a search page visits: the same for 1,000
// and 10,000 records (2,000 and 20,000 with LLAMACLOUD_FULL_SIZE=1; about page size / share of
// matches), and a whole walk visits each record about once.
func TestAgentDataSearchCostPerPage(t *testing.T) {
	t.Parallel()
	small, large := costSizes()
	pageCost := map[int][2]int{}
	for _, n := range []int{small, large} {
		s := NewUnstartedServer(WithRecordLimit(0))
		t.Cleanup(s.Close)
		seedOrders(s, n, 7)
		searchPage(t, s, "", false) // builds the amount index: O(n log n) once, not counted as work

		w0, _ := work(s)
		_, next, _ := searchPage(t, s, "", false)
		w1, _ := work(s)
		for range 5 {
			_, next, _ = searchPage(t, s, next, false)
		}
		w2, _ := work(s)
		_, _, _ = searchPage(t, s, next, false)
		w3, _ := work(s)
		pageCost[n] = [2]int{w1 - w0, w3 - w2}

		// A whole walk with include_total: every match once, each record about once for the
		// pages and once for the count, however many pages.
		var seen, pages int
		token := ""
		total := 0.0
		for {
			ids, next, tot := searchPage(t, s, token, true)
			seen += len(ids)
			pages++
			total = tot
			if next == "" {
				break
			}
			token = next
			require.Less(t, pages, n, "the walk must end")
		}
		w4, _ := work(s)
		assert.Equal(t, total, float64(seen), "n=%d: total_size is what the walk sees", n)
		assert.Greater(t, seen, n/2, "n=%d: about 53 %% match", n)
		t.Logf("n=%d: a walk of %d pages with include_total visited %d records", n, pages, w4-w3)
		assert.LessOrEqual(t, w4-w3, 2*n+2*pages, "n=%d: the walk and its total visit each record about once", n)
	}
	for _, n := range []int{small, large} {
		first, mid := pageCost[n][0], pageCost[n][1]
		t.Logf("n=%d: a first page visited %d records, a page mid-walk %d", n, first, mid)
		assert.Positive(t, first)
		assert.LessOrEqual(t, first, 200, "n=%d: a first page visits about 50/0.53 records", n)
		assert.LessOrEqual(t, mid, 200, "n=%d: a page in the middle of a walk too", n)
	}
	assert.LessOrEqual(t, pageCost[large][0], 2*pageCost[small][0]+20, "a page over %d records costs about what one over %d does", large, small)
}

// TestAgentDataAggregateCostPerWalk checks that an aggregate walk over 2,000 records (5,000 with
// LLAMACLOUD_FULL_SIZE=1), grouped by amount into pages of 100 groups, groups the records once, not
// once a page, and that a write between pages makes the next page count again.
func TestAgentDataAggregateCostPerWalk(t *testing.T) {
	t.Parallel()
	s := NewUnstartedServer(WithRecordLimit(0))
	t.Cleanup(s.Close)
	n := 2000
	if testmain.FullSize() {
		n = 5000
	}
	seedOrders(s, n, 3)
	aggregate := func(token string) (groups int, next string) {
		body := `{"deployment_name":"shop","collection":"orders","group_by":["amount"],"count":true,"order_by":"count desc","page_size":100`
		if token != "" {
			body += `,"page_token":"` + token + `"`
		}
		status, out := serve(t, s, http.MethodPost, "/api/v1/beta/agent-data/:aggregate", body+"}")
		require.Equal(t, http.StatusOK, status, "%v", out)
		next, _ = out["next_page_token"].(string)
		return len(out["items"].([]any)), next
	}
	w0, _ := work(s)
	groups, next := aggregate("")
	pages := 1
	for next != "" {
		var g int
		g, next = aggregate(next)
		groups += g
		pages++
	}
	w1, _ := work(s)
	assert.Greater(t, pages, 5)
	assert.Equal(t, n, w1-w0, "one pass over the records for the whole walk of %d pages", pages)

	_, next = aggregate("")
	seedOrders(s, 1, 4)
	w2, _ := work(s)
	aggregate(next)
	w3, _ := work(s)
	assert.Equal(t, n+1, w3-w2, "a write makes the next page group again")
}

// seedFiles adds n files to a new directory of the default project, straight into the store.
func seedFiles(s *Server, n int) (dirID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(s.ProjectID)
	d := s.newDirectory(p, "bulk", nil)
	now := s.now()
	for i := range n {
		f := &dirFile{id: s.newID("dfl"), dirID: d.id, fileID: "file-none", displayName: fmt.Sprintf("f%06d.txt", i),
			uniqueID: fmt.Sprint(i), createdAt: now, updatedAt: now.Add(time.Duration(i) * time.Millisecond)}
		if i%4 == 3 {
			f.deletedAt = now
		}
		d.insertFile(f)
	}
	return d.id
}

// seedChats adds n chat sessions to the default project, straight into the store.
func seedChats(s *Server, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(s.ProjectID)
	for range n {
		cs := &chatSession{id: s.newID("ses"), updatedAt: s.now()}
		p.chats[cs.id] = cs
		p.lists.chats.add(cs.id)
	}
}

// TestListCostPerPage counts the rows a page of the directory-file, chat-session and directory
// lists visits: about the page size, over 1,000 rows as over 10,000 (2,000 and 20,000 with
// LLAMACLOUD_FULL_SIZE=1), and about n for a whole walk.
func TestListCostPerPage(t *testing.T) {
	t.Parallel()
	small, large := costSizes()
	for _, list := range []string{"files", "chats", "directories"} {
		t.Run(list, func(t *testing.T) {
			t.Parallel()
			cost := map[int]int{}
			for _, n := range []int{small, large} {
				s := NewUnstartedServer(WithRecordLimit(0))
				t.Cleanup(s.Close)
				var path string
				switch list {
				case "files":
					path = "/api/v1/beta/directories/" + seedFiles(s, n) + "/files?page_size=50"
				case "chats":
					path = "/api/v1/chat?page_size=50"
					seedChats(s, n)
				case "directories":
					path = "/api/v1/beta/directories?page_size=50&type=user"
					s.mu.Lock()
					p := s.project(s.ProjectID)
					for i := range n {
						d := s.newDirectory(p, fmt.Sprint("d", i), nil)
						if i%4 == 3 {
							d.deletedAt = s.now()
						}
					}
					s.mu.Unlock()
				}
				token, pages, seen := "", 0, 0
				_, w0 := work(s)
				for {
					u := path
					if token != "" {
						u += "&page_token=" + token
					}
					_, w := work(s)
					status, out := serve(t, s, http.MethodGet, u, "")
					require.Equal(t, http.StatusOK, status, "%v", out)
					_, w2 := work(s)
					if pages == 3 {
						cost[n] = w2 - w
					}
					seen += len(out["items"].([]any))
					want := n
					if list == "chats" {
						assert.NotContains(t, out, "total_size", "the chat list has none")
					} else {
						want = n - n/4 // every fourth file or directory is deleted
						assert.Equal(t, float64(want), out["total_size"])
					}
					pages++
					next, _ := out["next_page_token"].(string)
					if next == "" {
						assert.Equal(t, want, seen)
						break
					}
					token = next
					require.Less(t, pages, n)
				}
				_, w1 := work(s)
				assert.LessOrEqual(t, w1-w0, 2*n+2*pages, "n=%d: a walk visits each row about once", n)
			}
			t.Logf("a page visited %d rows of %d, %d of %d", cost[small], small, cost[large], large)
			assert.LessOrEqual(t, cost[small], 120, "a page visits about its own rows")
			assert.LessOrEqual(t, cost[large], 2*cost[small]+10, "a page over %d rows costs about what one over %d does", large, small)
		})
	}
}
