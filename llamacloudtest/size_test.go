package llamacloudtest

import "os"

// fullSize reports whether LLAMACLOUD_FULL_SIZE=1 asks the tests that need scale (the cost and
// model tests) for their full sizes instead of the smaller ones of a plain `go test`, which check
// the same assertions.
func fullSize() bool { return os.Getenv("LLAMACLOUD_FULL_SIZE") == "1" }

// costSizes are the two sizes the cost tests compare, ten times apart: 1,000 and 10,000 rows in
// `go test`, 2,000 and 20,000 (the sizes of issue 12) with LLAMACLOUD_FULL_SIZE=1. What a cost test
// asserts depends only on the ratio and on the page size, so both pairs check the same bounds.
func costSizes() (small, large int) {
	if fullSize() {
		return 2000, 20000
	}
	return 1000, 10000
}
