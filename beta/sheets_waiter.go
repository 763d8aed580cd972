package beta

import (
	"context"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/waiter"
	"github.com/run-llama/llama-cloud-go/option"
)

// SheetsJobGetter fetches a spreadsheet job. [*SheetService] implements it; tests can fake it.
type SheetsJobGetter interface {
	Get(ctx context.Context, spreadsheetJobID string, params SheetGetParams, opts ...option.RequestOption) (*SheetsJob, error)
}

var _ SheetsJobGetter = (*SheetService)(nil)

// SheetsJobWaiter waits for spreadsheet jobs to finish. Make it with [NewSheetsJobWaiter];
// it is safe for concurrent use if its getter is.
type SheetsJobWaiter struct {
	w jobWaiter[*SheetsJob]
}

// NewSheetsJobWaiter returns a waiter that polls spreadsheet jobs through getter (usually
// client.Beta.Sheets) with the [WaiterOptions] defaults changed by optFns. Each check asks
// for the job with the default [SheetGetParams], so a finished job comes with its results.
func NewSheetsJobWaiter(getter SheetsJobGetter, optFns ...func(*WaiterOptions)) *SheetsJobWaiter {
	return newSheetsJobWaiter(getter, SheetGetParams{}, optFns)
}

// newSheetsJobWaiter returns a waiter whose checks send params.
func newSheetsJobWaiter(getter SheetsJobGetter, params SheetGetParams, optFns []func(*WaiterOptions)) *SheetsJobWaiter {
	var get func(context.Context, string, ...option.RequestOption) (*SheetsJob, error)
	if getter != nil {
		get = func(ctx context.Context, id string, opts ...option.RequestOption) (*SheetsJob, error) {
			return getter.Get(ctx, id, params, opts...)
		}
	}
	return &SheetsJobWaiter{w: newJobWaiter("sheets job", get, sheetsJobState, optFns)}
}

// sheetsJobState classifies a spreadsheet job: SUCCESS and PARTIAL_SUCCESS succeed, ERROR
// and CANCELLED fail.
func sheetsJobState(j *SheetsJob) (waiter.State, string) {
	if j == nil {
		return waiter.Pending, ""
	}
	switch j.Status {
	case SheetsJobStatusSuccess, SheetsJobStatusPartialSuccess:
		return waiter.Succeeded, string(j.Status)
	case SheetsJobStatusError, SheetsJobStatusCancelled:
		return waiter.Failed, string(j.Status)
	}
	return waiter.Pending, string(j.Status)
}

// Wait polls the spreadsheet job spreadsheetJobID until it is final, maxWait has passed or
// ctx is done, and returns the job as last seen (nil if no check returned it).
//
// [SheetsJobStatusSuccess] and [SheetsJobStatusPartialSuccess] are success (check the
// job's errors after a partial success). [SheetsJobStatusError] and
// [SheetsJobStatusCancelled] return the job with a [*JobFailedError] (matching
// [ErrJobFailed]). Any other status, known or not, keeps polling. When maxWait passes
// first the error wraps context.DeadlineExceeded; when ctx ends it wraps ctx's error. A
// failed check ends the wait with its error unless [WaiterOptions.Retryable] retries it.
// opts apply to every check. Wait returns an error before any request when maxWait is not
// positive, MinDelay is not positive or exceeds MaxDelay, or spreadsheetJobID is empty.
func (w *SheetsJobWaiter) Wait(ctx context.Context, spreadsheetJobID string, maxWait time.Duration, opts ...option.RequestOption) (*SheetsJob, error) {
	job, _, err := w.w.wait(ctx, spreadsheetJobID, maxWait, opts)
	return job, err
}

// NewAndWait creates a spreadsheet job with [SheetService.New] and waits for it as
// [SheetsJobWaiter.Wait] does, with the default [WaiterOptions]; opts apply to every
// request, and params' OrganizationID and ProjectID to the checks too. An unusable maxWait
// is an error before any request. When the wait fails, the error names the job ID and the
// job returned is the last one seen (the created job if no check returned it).
func (s *SheetService) NewAndWait(ctx context.Context, params SheetNewParams, maxWait time.Duration, opts ...option.RequestOption) (*SheetsJob, error) {
	w := newSheetsJobWaiter(s, SheetGetParams{OrganizationID: params.OrganizationID, ProjectID: params.ProjectID}, nil)
	return newAndWait(ctx, w.w, maxWait, opts,
		func() (*SheetsJob, error) { return s.New(ctx, params, opts...) },
		func(j *SheetsJob) string { return j.ID },
		func(j *SheetsJob) *SheetsJob { return j })
}
