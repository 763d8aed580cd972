package testserver

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// fatalRecorder is a testing.TB whose Fatalf records the message instead of ending the test.
type fatalRecorder struct {
	testing.TB
	fatal []string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.fatal = append(f.fatal, fmt.Sprintf(format, args...))
}

func TestNextFailsTheTestWhenNothingArrives(t *testing.T) {
	t.Parallel()
	srv := New(t)
	srv.timeout = 20 * time.Millisecond
	rec := &fatalRecorder{TB: t}
	assert.Equal(t, Request{}, srv.Next(rec))
	assert.Equal(t, []string{"testserver: no request arrived within 20ms; all 0 before were read"}, rec.fatal)
}

func TestNewRefusesANilHandler(t *testing.T) {
	t.Parallel()
	rec := &fatalRecorder{TB: t}
	New(rec, Reply{}, nil)
	assert.Equal(t, []string{"testserver: script handler 1 is nil"}, rec.fatal)
}
