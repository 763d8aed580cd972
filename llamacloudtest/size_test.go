package llamacloudtest

import "github.com/run-llama/llama-cloud-go/internal/testmain"

// costSizes are the two sizes the cost tests compare, ten times apart: 1,000 and 10,000 rows in
// `go test`, 2,000 and 20,000 (the sizes of issue 12) with LLAMACLOUD_FULL_SIZE=1. What a cost test
// asserts depends only on the ratio and on the page size, so both pairs check the same bounds.
func costSizes() (small, large int) {
	if testmain.FullSize() {
		return 2000, 20000
	}
	return 1000, 10000
}
