package beta

import (
	"context"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/waiter"
	"github.com/run-llama/llama-cloud-go/option"
)

// SplitJobGetter fetches a split job. [*SplitService] implements it; tests can fake it.
type SplitJobGetter interface {
	Get(ctx context.Context, splitJobID string, params SplitGetParams, opts ...option.RequestOption) (*SplitJob, error)
}

var _ SplitJobGetter = (*SplitService)(nil)

// SplitJobWaiter waits for split jobs to finish. Make it with [NewSplitJobWaiter]; it is
// safe for concurrent use if its getter is.
type SplitJobWaiter struct {
	w jobWaiter[*SplitJob]
}

// NewSplitJobWaiter returns a waiter that polls split jobs through getter (usually
// client.Beta.Split) with the [WaiterOptions] defaults changed by optFns.
func NewSplitJobWaiter(getter SplitJobGetter, optFns ...func(*WaiterOptions)) *SplitJobWaiter {
	return newSplitJobWaiter(getter, SplitGetParams{}, optFns)
}

// newSplitJobWaiter returns a waiter whose checks send params.
func newSplitJobWaiter(getter SplitJobGetter, params SplitGetParams, optFns []func(*WaiterOptions)) *SplitJobWaiter {
	var get func(context.Context, string, ...option.RequestOption) (*SplitJob, error)
	if getter != nil {
		get = func(ctx context.Context, id string, opts ...option.RequestOption) (*SplitJob, error) {
			return getter.Get(ctx, id, params, opts...)
		}
	}
	return &SplitJobWaiter{w: newJobWaiter("split job", get, splitJobState, optFns)}
}

// splitJobState classifies a split job: completed succeeds, failed and cancelled fail.
func splitJobState(j *SplitJob) (waiter.State, string) {
	if j == nil {
		return waiter.Pending, ""
	}
	switch j.Status {
	case SplitJobStatusCompleted:
		return waiter.Succeeded, string(j.Status)
	case SplitJobStatusFailed, SplitJobStatusCancelled:
		return waiter.Failed, string(j.Status)
	}
	return waiter.Pending, string(j.Status)
}

// Wait polls the split job splitJobID until it is final, maxWait has passed or ctx is done,
// and returns the job as last seen (nil if no check returned it).
//
// [SplitJobStatusCompleted] is success. [SplitJobStatusFailed] and
// [SplitJobStatusCancelled] return the job with a [*JobFailedError] (matching
// [ErrJobFailed]). Any other status, known or not, keeps polling. When maxWait passes
// first the error wraps context.DeadlineExceeded; when ctx ends it wraps ctx's error. A
// failed check ends the wait with its error unless [WaiterOptions.Retryable] retries it.
// opts apply to every check. Wait returns an error before any request when maxWait is not
// positive, MinDelay is not positive or exceeds MaxDelay, or splitJobID is empty.
func (w *SplitJobWaiter) Wait(ctx context.Context, splitJobID string, maxWait time.Duration, opts ...option.RequestOption) (*SplitJob, error) {
	job, _, err := w.w.wait(ctx, splitJobID, maxWait, opts)
	return job, err
}

// NewAndWait creates a split job with [SplitService.New] and waits for it as
// [SplitJobWaiter.Wait] does, with the default [WaiterOptions]; opts apply to every
// request, and params' OrganizationID and ProjectID to the checks too. An unusable maxWait
// is an error before any request. When the wait fails, the error names the job ID and the
// job returned is the last one seen (the created job if no check returned it).
func (s *SplitService) NewAndWait(ctx context.Context, params SplitNewParams, maxWait time.Duration, opts ...option.RequestOption) (*SplitJob, error) {
	w := newSplitJobWaiter(s, SplitGetParams{OrganizationID: params.OrganizationID, ProjectID: params.ProjectID}, nil)
	return newAndWait(ctx, w.w, maxWait, opts,
		func() (*SplitJob, error) { return s.New(ctx, params, opts...) },
		func(j *SplitJob) string { return j.ID },
		func(j *SplitJob) *SplitJob { return j })
}
