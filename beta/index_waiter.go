package beta

import (
	"context"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/waiter"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

// IndexGetter fetches an index. [*IndexService] implements it; tests can fake it.
type IndexGetter interface {
	Get(ctx context.Context, indexID string, params IndexGetParams, opts ...option.RequestOption) (*Index, error)
}

var _ IndexGetter = (*IndexService)(nil)

// IndexWaiter waits for an index to be built. Make it with [NewIndexWaiter]; it is safe for
// concurrent use if its getter is.
//
// The service builds an index asynchronously: [IndexService.New] and [IndexService.Sync]
// return at once and the build runs on. An index is ready when its LastExportedAt is set
// and not before its LastSyncedAt: the last sync's chunks have been exported, so retrieval,
// grep, read and chat see them. Only the server's timestamps are compared, never the local
// clock, so a skewed clock cannot end a wait early or late. The free-form Metadata (build
// state and diagnostics) is not read: its keys are not part of the API's contract. A build
// that fails never reads as ready, so the wait runs out with an error wrapping
// context.DeadlineExceeded, returning the index as last seen for its Metadata.
type IndexWaiter struct {
	w jobWaiter[*Index]
}

// NewIndexWaiter returns a waiter that polls indexes through getter (usually
// client.Beta.Indexes) with the [WaiterOptions] defaults changed by optFns.
func NewIndexWaiter(getter IndexGetter, optFns ...func(*WaiterOptions)) *IndexWaiter {
	return newIndexWaiter(getter, IndexGetParams{}, time.Time{}, optFns)
}

// newIndexWaiter returns a waiter whose checks send params and that accepts only an export
// strictly after exportedBefore (any export when it is zero).
func newIndexWaiter(getter IndexGetter, params IndexGetParams, exportedBefore time.Time, optFns []func(*WaiterOptions)) *IndexWaiter {
	var get func(context.Context, string, ...option.RequestOption) (*Index, error)
	if getter != nil {
		get = func(ctx context.Context, id string, opts ...option.RequestOption) (*Index, error) {
			return getter.Get(ctx, id, params, opts...)
		}
	}
	return &IndexWaiter{w: newJobWaiter("index", get, indexState(exportedBefore), optFns)}
}

// indexState returns the classifier of the index waiters: an index is built when it was
// exported, not before its last sync and, when exportedBefore is set, strictly after that
// earlier export. An index never fails; the status words what is missing for error messages.
func indexState(exportedBefore time.Time) func(*Index) (waiter.State, string) {
	return func(ix *Index) (waiter.State, string) {
		switch {
		case ix == nil:
			return waiter.Pending, ""
		case ix.LastExportedAt.IsZero():
			return waiter.Pending, "not exported"
		case ix.LastExportedAt.Before(ix.LastSyncedAt):
			return waiter.Pending, "exported before its last sync"
		case !exportedBefore.IsZero() && !ix.LastExportedAt.After(exportedBefore):
			return waiter.Pending, "not exported since the sync"
		}
		return waiter.Succeeded, "exported"
	}
}

// Wait polls the index indexID until it is built, maxWait has passed or ctx is done, and
// returns the index as last seen (nil if no check returned it).
//
// The index is built when LastExportedAt is set and not before LastSyncedAt (see
// [IndexWaiter]); until then each check reads it again. When maxWait passes first the
// error wraps context.DeadlineExceeded; when ctx ends it wraps ctx's error. A failed check
// ends the wait with its error unless [WaiterOptions.Retryable] retries it, so an index
// that does not exist ends it with an error matching llamacloud.ErrNotFound. opts apply to
// every check. Wait returns an error before any request when maxWait is not positive,
// MinDelay is not positive or exceeds MaxDelay, or indexID is empty.
func (w *IndexWaiter) Wait(ctx context.Context, indexID string, maxWait time.Duration, opts ...option.RequestOption) (*Index, error) {
	ix, _, err := w.w.wait(ctx, indexID, maxWait, opts)
	return ix, err
}

// NewAndWait creates an index with [IndexService.New] and waits until its first build is
// exported, as [IndexWaiter.Wait] does, with the default [WaiterOptions]. opts apply to
// every request, and params' OrganizationID and ProjectID to the checks too. An unusable
// maxWait is an error before any request. When the wait fails, the error names the index
// ID and the index returned is the last one seen (the created index if no check returned
// it), so that a caller can delete it or wait again with an [IndexWaiter].
func (s *IndexService) NewAndWait(ctx context.Context, params IndexNewParams, maxWait time.Duration, opts ...option.RequestOption) (*Index, error) {
	w := newIndexWaiter(s, scopeOf(params.OrganizationID, params.ProjectID), time.Time{}, nil)
	return newAndWait(ctx, w.w, maxWait, opts,
		func() (*Index, error) { return s.New(ctx, params, opts...) },
		func(ix *Index) string { return ix.ID },
		func(ix *Index) *Index { return ix })
}

// SyncAndWait starts a sync of the index with [IndexService.Sync] and waits until that
// sync is exported, with the default [WaiterOptions]. opts apply to every request, and
// params' OrganizationID and ProjectID to the reads too.
//
// "That sync is exported" means: LastExportedAt is strictly later than the LastExportedAt
// read just before the sync was started, and not before LastSyncedAt. The first half is
// what ties the export to this call: an export already done, or one that only catches up
// with an earlier sync, is never taken for it, even if the service records LastSyncedAt
// only once the queued sync actually starts (reading LastSyncedAt after the Sync call
// could see the previous sync then, which is already exported). The second half waits for
// the last sync when several were started. Both compare server timestamps only. So
// SyncAndWait sends one GET before the sync; a sync that exports nothing new (the service
// does not say whether it always exports) waits until maxWait.
//
// An unusable maxWait is an error before any request, an empty indexID too. The index
// returned is the last one seen (the one read before the sync if no later check returned
// it); when the wait fails the error names the index ID.
func (s *IndexService) SyncAndWait(ctx context.Context, indexID string, params IndexSyncParams, maxWait time.Duration, opts ...option.RequestOption) (*Index, error) {
	return s.syncAndWait(ctx, indexID, params, maxWait, nil, opts)
}

// syncAndWait is SyncAndWait with a setup of the waiter (tests install hooks with it).
func (s *IndexService) syncAndWait(ctx context.Context, indexID string, params IndexSyncParams, maxWait time.Duration,
	setup func(*jobWaiter[*Index]), opts []option.RequestOption) (*Index, error) {
	scope := scopeOf(params.OrganizationID, params.ProjectID)
	w := newIndexWaiter(s, scope, time.Time{}, nil)
	if setup != nil {
		setup(&w.w)
	}
	if err := w.w.validate(maxWait); err != nil {
		return nil, err
	}
	before, err := s.Get(ctx, indexID, scope, opts...)
	if err != nil {
		return nil, err
	}
	if _, err := s.Sync(ctx, indexID, params, opts...); err != nil {
		return before, err
	}
	w.w.state = indexState(before.LastExportedAt)
	ix, seen, err := w.w.wait(ctx, indexID, maxWait, opts)
	if !seen {
		ix = before
	}
	return ix, err
}

// scopeOf returns the read params of an index in the organization and project a write
// named.
func scopeOf(organizationID, projectID param.Opt[string]) IndexGetParams {
	return IndexGetParams{OrganizationID: organizationID, ProjectID: projectID}
}
