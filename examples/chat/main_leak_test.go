package main

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
)

// TestMain fails the example's tests if any goroutine outlives them: a stream left open, a
// reader of a turn never stopped, or a connection still held after the servers closed (so,
// unlike testmain.Run, it ignores no idle connection).
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	testmain.Exit(code)
}
