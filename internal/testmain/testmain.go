// Package testmain runs a package's tests the way every package of this module runs them:
// no goroutine may outlive the tests, and a passing test binary built with -race exits at once.
//
// Each package's testmain_test.go holds
//
//	func TestMain(m *testing.M) { testmain.Run(m) }
//
// The race detector's runtime sleeps one second when a race-enabled program exits with status 0
// (its atexit_sleep_ms option, default 1000) so that a thread still running can report a race
// at exit. A test binary has no such thread to wait for: the testing package fails a test that
// races, and fails the run ("race detected outside of test execution") for a race reported
// between tests; Run has also checked that no goroutine is left. With 32 test packages that
// second cost a contributor 16 s of every `go test -race ./...` on two cores, so a passing
// race binary exits through syscall.Exit, which skips the sleep. A failing run, a coverage run
// (whose exit hooks must run) and a binary without -race exit through os.Exit as usual.
package testmain

import (
	"fmt"
	"os"
	"syscall"
	"testing"

	"go.uber.org/goleak"
)

// idleConnections are the goroutines of keep-alive connections that an http.Transport holds
// after a test: expected, and ignored by Run's leak check.
var idleConnections = []goleak.Option{
	goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
	goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"),
}

// Run runs the tests of m, fails the run if a goroutine other than an idle keep-alive
// connection outlives them, and exits with the run's status.
func Run(m *testing.M) { exitAfterLeakCheck(m.Run(), idleConnections...) }

// RunStrict is Run for packages whose tests must release every connection they open: no
// goroutine may outlive the tests, idle connections included. before, when not nil, runs
// after the tests and before the check (to close a shared client's idle connections, say).
func RunStrict(m *testing.M, before func()) {
	code := m.Run()
	if before != nil {
		before()
	}
	exitAfterLeakCheck(code)
}

// exitAfterLeakCheck exits with code, or with 1 when the tests passed but a goroutine not
// ignored by opts is still running.
func exitAfterLeakCheck(code int, opts ...goleak.Option) {
	if code == 0 {
		if err := goleak.Find(opts...); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: goroutines outlived the tests: %v\n", err)
			code = 1
		}
	}
	Exit(code)
}

// Exit ends the process with code, as os.Exit does, skipping the race runtime's exit sleep
// when that is safe (see the package comment). A TestMain with a leak check of its own calls
// it instead of os.Exit.
func Exit(code int) {
	if code == 0 && RaceEnabled && testing.CoverMode() == "" {
		syscall.Exit(0)
	}
	os.Exit(code)
}

// FullSizeEnv is the environment variable that asks the tests that need scale (a million-item
// paging walk, 100,000 streamed events, a 1 GiB upload, cost tests over 20,000 rows) for their
// full sizes: LLAMACLOUD_FULL_SIZE=1. Without it they run at reduced sizes, with the same
// assertions, so that `go test -race ./...` stays fast; BENCHMARKS.md lists both sizes of each.
const FullSizeEnv = "LLAMACLOUD_FULL_SIZE"

// FullSize reports whether FullSizeEnv is "1".
func FullSize() bool { return os.Getenv(FullSizeEnv) == "1" }
