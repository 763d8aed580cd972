// Package waiter is the one poll loop behind the SDK's waiters (beta.SheetsJobWaiter,
// beta.SplitJobWaiter, beta.BatchJobWaiter, beta.IndexWaiter). Each waiter supplies how to
// fetch its job and how to read the job's state; the loop owns the timing:
//
//	job, state, err := waiter.Wait(ctx, waiter.Job[*beta.SplitJob]{
//		Kind:  "split job",
//		ID:    id,
//		Check: check, // fetches the job, says Pending, Succeeded or Failed
//	}, 15*time.Minute, waiter.Options{MinDelay: time.Second, MaxDelay: 30 * time.Second})
//
// # Timing
//
// The job is checked at once, then again after each delay. The n-th delay (from 1) is drawn
// uniformly from [MinDelay, min(MinDelay·2ⁿ⁻¹, MaxDelay)], so the first one is MinDelay and
// the bound doubles until it reaches MaxDelay. A delay that would end past the deadline
// (maxWait after the call) is cut to end at it, and the job is checked one last time there.
package waiter

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
)

// State is what a check found the job to be.
type State int

const (
	// Pending means the job is not finished: keep polling.
	Pending State = iota
	// Succeeded means the job finished well.
	Succeeded
	// Failed means the job finished badly (failed or cancelled).
	Failed
)

// Job describes the job a [Wait] polls.
type Job[T any] struct {
	// Kind names the kind of job in error messages ("split job").
	Kind string
	// ID is the job's ID, quoted in error messages.
	ID string
	// Check fetches the job once and reports its state and status (the status only feeds
	// error messages). An error is a failed check; see [Options.Retryable].
	Check func(ctx context.Context) (job T, state State, status string, err error)
}

// Options tune a [Wait]. MinDelay and MaxDelay are required; the other fields have defaults.
type Options struct {
	// MinDelay is the first delay and the lower bound of every delay. It must be positive.
	MinDelay time.Duration
	// MaxDelay is the upper bound of every delay; it must not be less than MinDelay.
	MaxDelay time.Duration
	// Retryable reports whether a failed check is retried after the next delay instead of
	// ending the wait. Nil retries nothing. It is not consulted once ctx is done.
	Retryable func(ctx context.Context, err error) bool
	// Sleep waits for d or until ctx is done, returning ctx.Err() then. Nil is [Sleep].
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) that places a delay within its range. Nil is
	// math/rand/v2's Float64; values outside [0, 1] are clamped.
	Rand func() float64
	// Now reads the clock. Nil is time.Now.
	Now func() time.Time
}

// Validate reports whether maxWait and the delays of o are usable, naming the bad value.
func Validate(maxWait time.Duration, o Options) error {
	switch {
	case maxWait <= 0:
		return fmt.Errorf("max wait %s is not positive", maxWait)
	case o.MinDelay <= 0:
		return fmt.Errorf("min delay %s is not positive", o.MinDelay)
	case o.MinDelay > o.MaxDelay:
		return fmt.Errorf("min delay %s is greater than max delay %s", o.MinDelay, o.MaxDelay)
	}
	return nil
}

// Wait checks the job until it succeeds or fails, the deadline maxWait from now passes, or
// ctx is done. It returns the last job seen (the zero T if no check succeeded) with its
// state, and:
//
//   - an error naming the job and the bad value, before any check, when maxWait or the delays
//     are unusable (see [Validate]) or job.ID is empty;
//   - the check's error, wrapped, when a check fails and Options.Retryable declines it;
//   - ctx's error, wrapped, when ctx ends during a check or a delay;
//   - an error wrapping context.DeadlineExceeded when the job is still pending at the
//     deadline.
//
// A failed job (state [Failed]) is no error here: the caller builds its own.
func Wait[T any](ctx context.Context, job Job[T], maxWait time.Duration, o Options) (T, State, error) {
	var last T
	if job.ID == "" {
		return last, Pending, fmt.Errorf("llamacloud: wait for %s: job ID must not be empty", job.Kind)
	}
	if err := Validate(maxWait, o); err != nil {
		return last, Pending, fmt.Errorf("llamacloud: wait for %s %q: %w", job.Kind, job.ID, err)
	}
	sleep, random, now := o.Sleep, o.Rand, o.Now
	if sleep == nil {
		sleep = Sleep
	}
	if random == nil {
		random = rand.Float64
	}
	if now == nil {
		now = time.Now
	}
	deadline := now().Add(maxWait)
	status := ""
	for attempt := 1; ; attempt++ {
		j, state, st, err := job.Check(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return last, Pending, apierror.Wrap(ctxCause(ctx, err), fmt.Sprintf("wait for %s %q", job.Kind, job.ID))
		case err != nil && (o.Retryable == nil || !o.Retryable(ctx, err)):
			return last, Pending, apierror.Wrap(err, fmt.Sprintf("wait for %s %q", job.Kind, job.ID))
		case err == nil:
			last, status = j, st
			if state != Pending {
				return last, state, nil
			}
		}
		remaining := deadline.Sub(now())
		if remaining <= 0 {
			return last, Pending, fmt.Errorf("llamacloud: %s %q %s after %s: %w",
				job.Kind, job.ID, describe(status), maxWait, context.DeadlineExceeded)
		}
		d := min(Delay(attempt, o.MinDelay, o.MaxDelay, random()), remaining)
		if err := sleep(ctx, d); err != nil {
			return last, Pending, fmt.Errorf("llamacloud: wait for %s %q (%s): %w", job.Kind, job.ID, describe(status), err)
		}
	}
}

// describe words the last status seen for an error message.
func describe(status string) string {
	if status == "" {
		return "has no status yet"
	}
	return fmt.Sprintf("still has status %q", status)
}

// ctxCause returns err if it already wraps ctx's error, else ctx's error: a check cut short
// by ctx reports why.
func ctxCause(ctx context.Context, err error) error {
	if errors.Is(err, ctx.Err()) {
		return err
	}
	return ctx.Err()
}

// Delay returns the delay before check attempt+1: MinDelay plus r (clamped to [0, 1]) times
// the width of the range [MinDelay, min(MinDelay·2^(attempt-1), MaxDelay)]. It does not
// overflow for large attempts.
func Delay(attempt int, minDelay, maxDelay time.Duration, r float64) time.Duration {
	hi := minDelay
	for i := 1; i < attempt && hi < maxDelay; i++ {
		if hi > maxDelay/2 {
			hi = maxDelay
			break
		}
		hi *= 2
	}
	hi = min(hi, maxDelay)
	switch {
	case r <= 0 || hi <= minDelay:
		return minDelay
	case r >= 1:
		return hi
	}
	// With r < 1 the product stays below 2⁶³ and converts safely; min absorbs rounding up.
	return min(minDelay+time.Duration(r*float64(hi-minDelay)), hi)
}

// Sleep waits for d, or until ctx is done and then returns ctx.Err().
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
