package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the example's tests if any goroutine outlives them: a stream left open, a
// reader of a turn never stopped, or a connection still held after the servers closed.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
