package llamacloudtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// benchSearchBody is the query: 50 records of region eu, by amount, descending.
const benchSearchBody = `{"deployment_name":"shop","collection":"orders","page_size":50,"order_by":"amount desc",` +
	`"filter":{"region":{"eq":"eu"}}`

// benchServe sends one request to the handler, failing the benchmark on a status other than 200.
func benchServe(b *testing.B, s *Server, method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.APIKey)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return rec
}

// benchNext returns the next_page_token of a page.
func benchNext(b *testing.B, rec *httptest.ResponseRecorder) string {
	var page struct {
		NextPageToken string `json:"next_page_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
		b.Fatal(err)
	}
	return page.NextPageToken
}

// BenchmarkAgentDataSearchPage measures one page of the query over 2,000 to 1,000,000
// records: the first page, and a page from the middle of the walk. full-sort is the baseline of
// the same run: the page computed by filtering and sorting every record, as the fake did before.
func BenchmarkAgentDataSearchPage(b *testing.B) {
	for _, n := range []int{2000, 20000, 200000, 1000000} {
		s := NewUnstartedServer(WithRecordLimit(0))
		seedOrders(s, n, 1)
		const path = "/api/v1/beta/agent-data/:search"
		mid := benchNext(b, benchServe(b, s, http.MethodPost, path, benchSearchBody+fmt.Sprintf(`,"offset":%d}`, n/4)))
		for _, page := range []struct{ name, body string }{
			{"first", benchSearchBody + "}"},
			{"mid", benchSearchBody + `,"page_token":"` + mid + `"}`},
		} {
			b.Run(fmt.Sprintf("n=%d/%s", n, page.name), func(b *testing.B) {
				b.ReportAllocs()
				benchServe(b, s, http.MethodPost, path, page.body) // the index exists before timing
				w0, _ := work(s)
				b.ResetTimer()
				for range b.N {
					benchServe(b, s, http.MethodPost, path, page.body)
				}
				b.StopTimer()
				w1, _ := work(s)
				b.ReportMetric(float64(w1-w0)/float64(b.N), "visited/op")
			})
		}
		if n <= 20000 {
			b.Run(fmt.Sprintf("n=%d/full-sort", n), func(b *testing.B) {
				b.ReportAllocs()
				s.mu.Lock()
				defer s.mu.Unlock()
				p := s.project(s.ProjectID)
				coll := p.agentData.coll(collKey{"shop", "orders"})
				keys, _ := parseOrderBy("amount desc")
				o := coll.order(keys)
				eu := textindex.Condition{Op: textindex.OpEq, Value: "eu"}
				for range b.N {
					var rows []agentDataEntry
					coll.byID.set.Walk(setPos{}, func(e agentDataEntry) bool {
						if eu.Holds(e.it.data["region"]) {
							rows = append(rows, o.entry(e.it))
						}
						return true
					})
					slices.SortStableFunc(rows, o.set.cmp)
					out := make([]agentDataJSON, 0, 50)
					for _, e := range rows[:50] {
						out = append(out, e.it.toJSON(s.ProjectID))
					}
					if _, err := marshalJSON(out); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		s.Close()
	}
}

// BenchmarkAgentDataWalk measures walking every page of the query over 20,000 records
// (about 10,700 matches, 214 pages of 50), with include_total.
func BenchmarkAgentDataWalk(b *testing.B) {
	s := NewUnstartedServer(WithRecordLimit(0))
	defer s.Close()
	seedOrders(s, 20000, 1)
	const path = "/api/v1/beta/agent-data/:search"
	body := benchSearchBody + `,"include_total":true`
	benchServe(b, s, http.MethodPost, path, body+"}") // builds the amount index before timing
	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for range b.N {
		token := ""
		for {
			req := body + "}"
			if token != "" {
				req = body + `,"page_token":"` + token + `"}`
			}
			pages++
			if token = benchNext(b, benchServe(b, s, http.MethodPost, path, req)); token == "" {
				break
			}
		}
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
}

// BenchmarkListPage measures a page of 50 from the middle of the directory-file and chat-session
// lists of 2,000 to 200,000 rows.
func BenchmarkListPage(b *testing.B) {
	for _, list := range []string{"files", "chats"} {
		for _, n := range []int{2000, 20000, 200000} {
			s := NewUnstartedServer(WithRecordLimit(0))
			path := "/api/v1/chat?page_size=50"
			if list == "files" {
				path = "/api/v1/beta/directories/" + seedFiles(s, n) + "/files?page_size=50"
			} else {
				seedChats(s, n)
			}
			// The page after the first n/2 rows: walk there by pages of 1000.
			token := ""
			for range n / 2000 {
				u := strings.Replace(path, "page_size=50", "page_size=1000", 1)
				if token != "" {
					u += "&page_token=" + token
				}
				token = benchNext(b, benchServe(b, s, http.MethodGet, u, ""))
			}
			if token != "" {
				path += "&page_token=" + token
			}
			b.Run(fmt.Sprintf("%s/n=%d/mid", list, n), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					benchServe(b, s, http.MethodGet, path, "")
				}
			})
			s.Close()
		}
	}
}
