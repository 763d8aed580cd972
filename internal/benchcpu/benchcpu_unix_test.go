//go:build unix

package benchcpu_test

import (
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/benchcpu"
)

// TestNowCountsWork checks that Now grows while the process works: a busy loop runs until
// Now has grown by 10 ms, which must happen within 10 s even on a loaded machine.
func TestNowCountsWork(t *testing.T) {
	t.Parallel()
	start, begin := benchcpu.Now(), time.Now()
	if start <= 0 {
		t.Fatalf("Now() = %v", start)
	}
	x := 0
	for benchcpu.Now()-start < 10*time.Millisecond {
		if time.Since(begin) > 10*time.Second {
			t.Fatalf("Now grew by %v in 10 s of work (x=%d)", benchcpu.Now()-start, x)
		}
		for i := range 100_000 {
			x += i
		}
	}
}
