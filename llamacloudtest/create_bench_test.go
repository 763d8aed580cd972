package llamacloudtest

import (
	"fmt"
	"net/http"
	"runtime"
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/benchcpu"
)

// benchCreates sends b.N creates, body(i) to path, and reports creates/s and the CPU time a
// create takes (cpu-ns/op, which a loaded machine does not inflate as it does wall time). The
// setup's garbage is collected first, so that a collection of the seeded heap does not land in the
// timed loop.
func benchCreates(b *testing.B, s *Server, path string, body func(i int) string) {
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	start := benchcpu.Now()
	for i := range b.N {
		benchServe(b, s, http.MethodPost, path, body(i))
	}
	benchcpu.Report(b, start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "creates/s")
}

// BenchmarkDirectoryFileCreate measures adding files with new unique_ids to a directory of 2,000
// to 200,000 files (every fourth deleted). checked/op counts the files the unique_id check looked
// at. scan is the baseline of the same run: the check as the fake made it before, a pass over
// every file of the directory, without the rest of the request.
func BenchmarkDirectoryFileCreate(b *testing.B) {
	for _, n := range []int{2000, 20000, 200000} {
		b.Run(fmt.Sprintf("n=%d/add", n), func(b *testing.B) {
			s := NewUnstartedServer(WithRecordLimit(0))
			defer s.Close()
			dirID := seedFiles(s, n)
			fileID := s.PutFile("new.txt", []byte("new"))
			before := uniqueChecked(s, dirID)
			benchCreates(b, s, "/api/v1/beta/directories/"+dirID+"/files", func(i int) string {
				return fmt.Sprintf(`{"file_id":%q,"unique_id":"new-%d"}`, fileID, i)
			})
			b.ReportMetric(float64(uniqueChecked(s, dirID)-before)/float64(b.N), "checked/op")
		})
		b.Run(fmt.Sprintf("n=%d/scan", n), func(b *testing.B) {
			s := NewUnstartedServer(WithRecordLimit(0))
			defer s.Close()
			d := s.project(s.ProjectID).dirs[seedFiles(s, n)]
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			start := benchcpu.Now()
			for i := range b.N {
				uniqueID := fmt.Sprint("new-", i)
				for _, f := range d.files {
					if f.uniqueID == uniqueID && f.deletedAt.IsZero() {
						b.Fatalf("%s is taken", uniqueID)
					}
				}
			}
			benchcpu.Report(b, start)
			b.ReportMetric(float64(len(d.files)), "checked/op")
		})
	}
}

// BenchmarkAgentDataCreate measures creating records: in an empty collection, which has only its
// ID order, and in collections of 2,000 to 200,000 records that keep two order indexes as well
// ("amount desc" and "region, created_at desc"). compares/op counts the comparisons the three
// sorted indexes make to place a record, the figure that does not depend on the machine's load.
func BenchmarkAgentDataCreate(b *testing.B) {
	for _, n := range []int{0, 2000, 20000, 200000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := NewUnstartedServer(WithRecordLimit(0))
			defer s.Close()
			compares := 0
			if n > 0 {
				seedOrders(s, n, 1)
				benchServe(b, s, http.MethodPost, "/api/v1/beta/agent-data/:search", benchSearchBody+"}")
				benchServe(b, s, http.MethodPost, "/api/v1/beta/agent-data/:search", `{"deployment_name":"shop","collection":"orders","order_by":"region, created_at desc"}`)
				coll := s.project(s.ProjectID).agentData.coll(collKey{"shop", "orders"})
				for _, o := range append([]*agentDataOrder{coll.byID}, mapValues(coll.orders)...) {
					cmp := o.set.cmp
					o.set.cmp = func(x, y agentDataEntry) int { compares++; return cmp(x, y) }
				}
			}
			benchCreates(b, s, "/api/v1/beta/agent-data", func(i int) string {
				return fmt.Sprintf(`{"deployment_name":"shop","collection":"orders","data":{"region":"eu","amount":%d}}`, i%5000)
			})
			if n > 0 {
				b.ReportMetric(float64(compares)/float64(b.N), "compares/op")
			}
		})
	}
}

// mapValues returns the values of m, in no particular order.
func mapValues[K comparable, V any](m map[K]V) []V {
	vs := make([]V, 0, len(m))
	for _, v := range m {
		vs = append(vs, v)
	}
	return vs
}
