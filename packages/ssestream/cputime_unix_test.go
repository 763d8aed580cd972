//go:build unix

package ssestream_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used so far, the
// garbage collector included. Unlike wall time it does not grow while the process waits for
// a core, so ratios of it hold on a loaded machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
