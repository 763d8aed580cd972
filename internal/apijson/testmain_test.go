package apijson

import (
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/testmain"
)

// TestMain fails the package's tests if a goroutine outlives them, and lets a passing race
// build exit without the race runtime's one-second exit sleep (see internal/testmain).
func TestMain(m *testing.M) { testmain.Run(m) }
