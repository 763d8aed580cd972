package main

import (
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
)

// TestMain fails the example's tests if any goroutine outlives them: a stream left open, a
// reader of a turn never stopped, or a connection still held after the servers closed (so,
// unlike testmain.Run, it ignores no idle connection).
func TestMain(m *testing.M) { testmain.RunStrict(m, nil) }
