// Package benchcpu measures the CPU time of benchmarks. Unlike wall time, the CPU time a
// process uses does not grow while it waits for a core, so ratios of it between a baseline
// and the SDK hold on a loaded machine where wall times swing:
//
//	start := benchcpu.Now()
//	for range b.N {
//		// …
//	}
//	benchcpu.Report(b, start) // adds a cpu-ns/op column
package benchcpu

import (
	"testing"
	"time"
)

// Now returns the CPU time (user and system) the process has used so far, every goroutine
// and the garbage collector included, or 0 where the system does not tell.
func Now() time.Duration { return processCPU() }

// Report reports the CPU time per operation since start as the cpu-ns/op metric of b. It
// reports nothing where the system does not measure CPU time.
func Report(b *testing.B, start time.Duration) {
	if now := processCPU(); now > 0 && start > 0 {
		b.ReportMetric(float64(now-start)/float64(b.N), "cpu-ns/op")
	}
}
