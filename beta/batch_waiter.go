package beta

import (
	"context"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/waiter"
	"github.com/run-llama/llama-cloud-go/option"
)

// BatchJobStatusGetter fetches the status of a batch job. [*BatchService] implements it;
// tests can fake it.
type BatchJobStatusGetter interface {
	GetStatus(ctx context.Context, jobID string, params BatchGetStatusParams, opts ...option.RequestOption) (*BatchGetStatusResponse, error)
}

var _ BatchJobStatusGetter = (*BatchService)(nil)

// BatchJobWaiter waits for batch jobs to finish. Make it with [NewBatchJobWaiter]; it is
// safe for concurrent use if its getter is.
type BatchJobWaiter struct {
	w jobWaiter[*BatchGetStatusResponse]
}

// NewBatchJobWaiter returns a waiter that polls batch jobs through getter (usually
// client.Beta.Batch) with the [WaiterOptions] defaults changed by optFns.
func NewBatchJobWaiter(getter BatchJobStatusGetter, optFns ...func(*WaiterOptions)) *BatchJobWaiter {
	return newBatchJobWaiter(getter, BatchGetStatusParams{}, optFns)
}

// newBatchJobWaiter returns a waiter whose checks send params.
func newBatchJobWaiter(getter BatchJobStatusGetter, params BatchGetStatusParams, optFns []func(*WaiterOptions)) *BatchJobWaiter {
	var get func(context.Context, string, ...option.RequestOption) (*BatchGetStatusResponse, error)
	if getter != nil {
		get = func(ctx context.Context, id string, opts ...option.RequestOption) (*BatchGetStatusResponse, error) {
			return getter.GetStatus(ctx, id, params, opts...)
		}
	}
	return &BatchJobWaiter{w: newJobWaiter("batch job", get, batchJobState, optFns)}
}

// batchJobState classifies a batch job: completed succeeds, failed and cancelled fail.
func batchJobState(r *BatchGetStatusResponse) (waiter.State, string) {
	if r == nil {
		return waiter.Pending, ""
	}
	switch r.Job.Status {
	case BatchJobStatusCompleted:
		return waiter.Succeeded, string(r.Job.Status)
	case BatchJobStatusFailed, BatchJobStatusCancelled:
		return waiter.Failed, string(r.Job.Status)
	}
	return waiter.Pending, string(r.Job.Status)
}

// Wait polls the batch job jobID until it is final, maxWait has passed or ctx is done, and
// returns its status as last seen (nil if no check returned it): the job and its progress.
//
// [BatchJobStatusCompleted] is success (items may still have failed: see the job's
// FailedItems). [BatchJobStatusFailed] and [BatchJobStatusCancelled] return the status with
// a [*JobFailedError] (matching [ErrJobFailed]). Any other status (pending, running,
// dispatched, or one not known yet) keeps polling. When maxWait passes first the error
// wraps context.DeadlineExceeded; when ctx ends it wraps ctx's error. A failed check ends
// the wait with its error unless [WaiterOptions.Retryable] retries it. opts apply to every
// check. Wait returns an error before any request when maxWait is not positive, MinDelay is
// not positive or exceeds MaxDelay, or jobID is empty.
func (w *BatchJobWaiter) Wait(ctx context.Context, jobID string, maxWait time.Duration, opts ...option.RequestOption) (*BatchGetStatusResponse, error) {
	job, _, err := w.w.wait(ctx, jobID, maxWait, opts)
	return job, err
}

// NewAndWait creates a batch job with [BatchService.New] and waits for it as
// [BatchJobWaiter.Wait] does, with the default [WaiterOptions]; opts apply to every
// request, and params' OrganizationID and ProjectID to the checks too. An unusable maxWait
// is an error before any request. When the wait fails, the error names the job ID and the
// status returned is the last one seen (if no check returned one, a status holding the
// created job, with zero progress and no raw JSON).
func (s *BatchService) NewAndWait(ctx context.Context, params BatchNewParams, maxWait time.Duration, opts ...option.RequestOption) (*BatchGetStatusResponse, error) {
	w := newBatchJobWaiter(s, BatchGetStatusParams{OrganizationID: params.OrganizationID, ProjectID: params.ProjectID}, nil)
	return newAndWait(ctx, w.w, maxWait, opts,
		func() (*BatchJob, error) { return s.New(ctx, params, opts...) },
		func(j *BatchJob) string { return j.ID },
		func(j *BatchJob) *BatchGetStatusResponse { return &BatchGetStatusResponse{Job: *j} })
}
