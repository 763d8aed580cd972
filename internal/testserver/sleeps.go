package testserver

import (
	"context"
	"sync"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
)

// Sleeps records the waits of a client's retries instead of sleeping them, so that a test of
// the retry policy takes no wall time and asserts the exact delays:
//
//	var waits testserver.Sleeps
//	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), waits.Option())
//	…
//	assert.Equal(t, []time.Duration{time.Second}, waits.Delays())
//
// Its option also fixes the backoff jitter at its midpoint, so a wait without a Retry-After
// is exactly [Backoff] of its retry's number.
// A wait returns at once, with the context's error if the context has ended. The zero value
// is ready to use; it is safe for concurrent use.
type Sleeps struct {
	mu     sync.Mutex
	delays []time.Duration
}

// Option returns the request option that makes a client record its waits in s.
func (s *Sleeps) Option() requestconfig.RequestOption {
	return func(c *requestconfig.Config) error {
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			s.mu.Lock()
			s.delays = append(s.delays, d)
			s.mu.Unlock()
			return ctx.Err()
		}
		c.Rand = func() float64 { return 0.5 }
		return nil
	}
}

// Delays returns the waits recorded so far, in the order they began.
func (s *Sleeps) Delays() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

// Backoff is the wait before retry n (0 for the first) of a client that records its waits
// with [Sleeps], when the server sends no Retry-After: 0.5 s·2ⁿ less the 12.5 % that the
// jitter fixed at its midpoint takes off (437.5 ms, 875 ms, …).
func Backoff(n int) time.Duration { return (500 * time.Millisecond << n) * 7 / 8 }
