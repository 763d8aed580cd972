//go:build !unix

package ssestream_test

import "time"

// processCPU is not measured on this system; cpu-ns/op is then not reported.
func processCPU() time.Duration { return 0 }
