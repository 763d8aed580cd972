package benchmarks_test

import "os"

// fullSize reports whether the tests run at the sizes of the benchmarks (1,000,000 paged
// items, 100,000 streamed events, a 1 GiB upload) rather than the reduced ones a plain
// `go test` uses, which check the same properties: LLAMACLOUD_FULL_SIZE=1 asks for them.
// Benchmarks always run at full size.
func fullSize() bool { return os.Getenv("LLAMACLOUD_FULL_SIZE") == "1" }
