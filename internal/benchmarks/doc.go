// Package benchmarks holds the SDK's performance benchmarks and the tests that back them; it
// has no code of its own. Each benchmark compares the SDK's public calls ("impl=ours") with a
// baseline written with net/http and encoding/json ("impl=baseline") in the same run:
//
//	go test -run '^$' -bench . -benchmem -count=6 ./internal/benchmarks/ > new.txt
//	benchstat -col /impl new.txt
//
// `make bench` at the root runs the same set six times, interleaving the two sides, and
// summarises it; BENCHMARKS.md records the results and what each benchmark measures.
package benchmarks
