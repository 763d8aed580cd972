package beta

import (
	"context"
	"time"

	"github.com/run-llama/llama-cloud-go/option"
)

// WaiterHooks replace a waiter's sleep, randomness and clock in tests; nil fields keep the
// real ones.
type WaiterHooks struct {
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
	Now   func() time.Time
}

func setWaiterHooks[J any](w *jobWaiter[J], h WaiterHooks) {
	w.sleep, w.rand, w.now = h.Sleep, h.Rand, h.Now
}

// SetHooks installs test hooks.
func (w *SheetsJobWaiter) SetHooks(h WaiterHooks) { setWaiterHooks(&w.w, h) }

// SetHooks installs test hooks.
func (w *SplitJobWaiter) SetHooks(h WaiterHooks) { setWaiterHooks(&w.w, h) }

// SetHooks installs test hooks.
func (w *BatchJobWaiter) SetHooks(h WaiterHooks) { setWaiterHooks(&w.w, h) }

// SetHooks installs test hooks.
func (w *IndexWaiter) SetHooks(h WaiterHooks) { setWaiterHooks(&w.w, h) }

// SyncAndWaitWithHooks is [IndexService.SyncAndWait] with test hooks in its waiter.
func SyncAndWaitWithHooks(ctx context.Context, s *IndexService, h WaiterHooks, indexID string, params IndexSyncParams, maxWait time.Duration, opts ...option.RequestOption) (*Index, error) {
	return s.syncAndWait(ctx, indexID, params, maxWait, func(w *jobWaiter[*Index]) { setWaiterHooks(w, h) }, opts)
}

// Options returns the waiter's options after the defaults and optFns.
func (w *SplitJobWaiter) Options() WaiterOptions { return w.w.options }
