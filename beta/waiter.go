package beta

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/waiter"
	"github.com/run-llama/llama-cloud-go/option"
)

// WaiterOptions tune a waiter ([NewSheetsJobWaiter], [NewSplitJobWaiter],
// [NewBatchJobWaiter], [NewIndexWaiter]). Change them in the functions passed to the
// constructor:
//
//	w := beta.NewSplitJobWaiter(client.Beta.Split, func(o *beta.WaiterOptions) { o.MaxDelay = 10 * time.Second })
//
// A waiter checks its job at once, then again after each delay. The n-th delay (from 1) is
// drawn at random from [MinDelay, min(MinDelay·2ⁿ⁻¹, MaxDelay)]: the first is MinDelay and
// the bound doubles up to MaxDelay. A delay that would end after the wait's deadline is cut
// to end at it, where the job is checked one last time.
type WaiterOptions struct {
	// MinDelay is the first delay and the least one. The default is 1 s; it must be positive.
	MinDelay time.Duration
	// MaxDelay caps every delay. The default is 30 s; it must not be less than MinDelay.
	MaxDelay time.Duration
	// Retryable reports whether a status check that failed with err is retried after the
	// next delay instead of ending the wait. The default is [DefaultWaiterRetryable]; nil
	// retries nothing. It is not called once the wait's context is done.
	Retryable func(ctx context.Context, err error) bool
	// OnPoll, when not nil, is called after each status check that returned the job, with
	// what the check read: a *[SheetsJob], *[SplitJob], *[BatchGetStatusResponse] or
	// *[Index], as the waiter's Wait returns. Scripts use it to show progress (batch jobs
	// carry completed and total item counts). It runs on the goroutine that called Wait,
	// before the wait decides whether to go on, and is not called for a failed check.
	OnPoll func(job any)
}

// DefaultWaiterRetryable is the default [WaiterOptions.Retryable]: it retries checks that
// failed with a rate limit (429) or a server error (5xx), which the client has already
// retried a few times on its own, and nothing else.
func DefaultWaiterRetryable(_ context.Context, err error) bool {
	return errors.Is(err, apierror.ErrRateLimited) || errors.Is(err, apierror.ErrServer)
}

// ErrJobFailed is matched by errors.Is for the error a waiter returns when its job ends
// failed or cancelled. Use errors.As with the [*JobFailedError] of the waiter's job type to
// read the job.
var ErrJobFailed = errors.New("llamacloud: job failed")

// JobFailedError is the error a waiter returns when its job ends in a failure status
// (failed, cancelled, error). J is what the waiter's Wait returns: *[SheetsJob],
// *[SplitJob] or *[BatchGetStatusResponse].
//
//	var failed *beta.JobFailedError[*beta.SplitJob]
//	if errors.As(err, &failed) {
//		log.Printf("split job %s: %s", failed.JobID, failed.Job.Status)
//	}
type JobFailedError[J any] struct {
	// Kind names the kind of job: "sheets job", "split job" or "batch job".
	Kind string
	// JobID is the job's ID.
	JobID string
	// Status is the job's final status.
	Status string
	// Job is the job as last seen.
	Job J
}

// Error names the job and its status.
func (e *JobFailedError[J]) Error() string {
	return fmt.Sprintf("llamacloud: %s %q ended with status %q", e.Kind, e.JobID, e.Status)
}

// Is reports whether target is [ErrJobFailed].
func (e *JobFailedError[J]) Is(target error) bool { return target == ErrJobFailed }

// jobWaiter is the body the four waiters share: options, test hooks and one call into the
// shared loop. get fetches the job; state classifies it.
type jobWaiter[J any] struct {
	kind    string
	get     func(ctx context.Context, id string, opts ...option.RequestOption) (J, error)
	state   func(J) (waiter.State, string)
	options WaiterOptions

	// Test hooks; nil means the real thing.
	sleep func(ctx context.Context, d time.Duration) error
	rand  func() float64
	now   func() time.Time
}

// newJobWaiter applies the defaults and then optFns.
func newJobWaiter[J any](kind string, get func(context.Context, string, ...option.RequestOption) (J, error),
	state func(J) (waiter.State, string), optFns []func(*WaiterOptions)) jobWaiter[J] {
	o := WaiterOptions{MinDelay: time.Second, MaxDelay: 30 * time.Second, Retryable: DefaultWaiterRetryable}
	for _, fn := range optFns {
		if fn != nil {
			fn(&o)
		}
	}
	return jobWaiter[J]{kind: kind, get: get, state: state, options: o}
}

// validate checks maxWait and the delays before any request.
func (w *jobWaiter[J]) validate(maxWait time.Duration) error {
	err := waiter.Validate(maxWait, waiter.Options{MinDelay: w.options.MinDelay, MaxDelay: w.options.MaxDelay})
	if err != nil {
		return fmt.Errorf("llamacloud: wait for %s: %w", w.kind, err)
	}
	return nil
}

// wait runs the shared loop and turns a failed job into a *JobFailedError. seen reports
// whether any check returned the job.
func (w *jobWaiter[J]) wait(ctx context.Context, id string, maxWait time.Duration, opts []option.RequestOption) (job J, seen bool, err error) {
	if w.get == nil {
		return job, false, fmt.Errorf("llamacloud: wait for %s %q: the waiter has no getter", w.kind, id)
	}
	job, state, err := waiter.Wait(ctx, waiter.Job[J]{
		Kind: w.kind,
		ID:   id,
		Check: func(ctx context.Context) (J, waiter.State, string, error) {
			j, err := w.get(ctx, id, opts...)
			if err != nil {
				return j, waiter.Pending, "", err
			}
			seen = true
			if w.options.OnPoll != nil {
				w.options.OnPoll(j)
			}
			state, status := w.state(j)
			return j, state, status, nil
		},
	}, maxWait, waiter.Options{
		MinDelay:  w.options.MinDelay,
		MaxDelay:  w.options.MaxDelay,
		Retryable: w.options.Retryable,
		Sleep:     w.sleep,
		Rand:      w.rand,
		Now:       w.now,
	})
	if err == nil && state == waiter.Failed {
		_, status := w.state(job)
		err = &JobFailedError[J]{Kind: w.kind, JobID: id, Status: status, Job: job}
	}
	return job, seen, err
}

// newAndWait is the body of the NewAndWait methods: it checks maxWait, creates a job with
// create and waits for it. When no check returned the job, the result is asJob(created).
func newAndWait[N, J any](ctx context.Context, w jobWaiter[J], maxWait time.Duration, opts []option.RequestOption,
	create func() (N, error), id func(N) string, asJob func(N) J) (J, error) {
	var zero J
	if err := w.validate(maxWait); err != nil {
		return zero, err
	}
	created, err := create()
	if err != nil {
		return zero, err
	}
	job, seen, err := w.wait(ctx, id(created), maxWait, opts)
	if !seen {
		job = asJob(created)
	}
	return job, err
}
