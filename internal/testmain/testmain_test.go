package testmain_test

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
)

// exitCodeEnv makes this package's test binary, run again as a child, call testmain.Exit with
// its value before running any test; osExitEnv makes it call os.Exit(0) instead.
const (
	exitCodeEnv = "TESTMAIN_TEST_EXIT_CODE"
	osExitEnv   = "TESTMAIN_TEST_OS_EXIT"
)

func TestMain(m *testing.M) {
	if os.Getenv(osExitEnv) != "" {
		os.Exit(0)
	}
	if v := os.Getenv(exitCodeEnv); v != "" {
		code, err := strconv.Atoi(v)
		if err != nil {
			panic(err)
		}
		testmain.Exit(code)
	}
	testmain.Run(m)
}

// child runs this test binary again with env added and returns its exit code, its output and
// how long it ran.
func child(t *testing.T, env ...string) (int, string, time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "GORACE="), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return exitErr.ExitCode(), string(out), took
	}
	require.NoError(t, err)
	return 0, string(out), took
}

// TestExitKeepsTheCode runs this binary again with each exit code: Exit must end the process
// with it, through syscall.Exit (race build, status 0) or os.Exit alike.
func TestExitKeepsTheCode(t *testing.T) {
	t.Parallel()
	for _, code := range []int{0, 1, 3} {
		got, out, _ := child(t, exitCodeEnv+"="+strconv.Itoa(code))
		assert.Equal(t, code, got, "exit code; output: %s", out)
		assert.Empty(t, out, "Exit prints nothing")
	}
}

// TestExitSkipsTheRaceSleep checks the premise of the package in a race build: os.Exit(0)
// waits out the race runtime's one-second exit sleep, and Exit(0) does not.
func TestExitSkipsTheRaceSleep(t *testing.T) {
	t.Parallel()
	code, _, slow := child(t, osExitEnv+"=1")
	require.Zero(t, code)
	code, _, fast := child(t, exitCodeEnv+"=0")
	require.Zero(t, code)
	t.Logf("os.Exit(0): %v; testmain.Exit(0): %v (race build: %v)", slow, fast, testmain.RaceEnabled)
	if testmain.RaceEnabled {
		assert.GreaterOrEqual(t, slow, time.Second, "os.Exit(0) of a race build sleeps a second")
		assert.Less(t, fast, slow, "Exit(0) skips that sleep")
	}
}

func TestFullSize(t *testing.T) {
	for v, want := range map[string]bool{"1": true, "": false, "0": false, "yes": false} {
		t.Setenv(testmain.FullSizeEnv, v)
		assert.Equal(t, want, testmain.FullSize(), "%s=%q", testmain.FullSizeEnv, v)
	}
}
