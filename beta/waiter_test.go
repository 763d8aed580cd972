package beta_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jobScript is the life of a fake job: the statuses its checks see in turn (the last one
// repeats), with an error in place of some checks.
type jobScript struct {
	mu       sync.Mutex
	statuses []string
	errs     map[int]error // by check, from 0
	ids      []string      // the job ID of each check
}

func (s *jobScript) next(ctx context.Context, id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.ids)
	s.ids = append(s.ids, id)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := s.errs[n]; err != nil {
		return "", err
	}
	return s.statuses[min(n, len(s.statuses)-1)], nil
}

func (s *jobScript) checks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}

// The fake getters, one per waiter, as a user would write them.

type fakeSheetsGetter struct{ *jobScript }

func (f fakeSheetsGetter) Get(ctx context.Context, id string, _ beta.SheetGetParams, _ ...option.RequestOption) (*beta.SheetsJob, error) {
	st, err := f.next(ctx, id)
	if err != nil {
		return nil, err
	}
	return &beta.SheetsJob{ID: id, Status: beta.SheetsJobStatus(st)}, nil
}

type fakeSplitGetter struct{ *jobScript }

func (f fakeSplitGetter) Get(ctx context.Context, id string, _ beta.SplitGetParams, _ ...option.RequestOption) (*beta.SplitJob, error) {
	st, err := f.next(ctx, id)
	if err != nil {
		return nil, err
	}
	return &beta.SplitJob{ID: id, Status: beta.SplitJobStatus(st)}, nil
}

type fakeBatchGetter struct{ *jobScript }

func (f fakeBatchGetter) GetStatus(ctx context.Context, id string, _ beta.BatchGetStatusParams, _ ...option.RequestOption) (*beta.BatchGetStatusResponse, error) {
	st, err := f.next(ctx, id)
	if err != nil {
		return nil, err
	}
	return &beta.BatchGetStatusResponse{Job: beta.BatchJob{ID: id, Status: beta.BatchJobStatus(st)}, ProgressPercentage: 50}, nil
}

// fakeClock records the delays slept and moves its time on by them.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	delays []time.Duration
	onNap  func(n int) error // called before the n-th delay (from 1); an error ends the sleep
}

func (c *fakeClock) hooks(r float64) beta.WaiterHooks {
	return beta.WaiterHooks{
		Sleep: func(ctx context.Context, d time.Duration) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.onNap != nil {
				if err := c.onNap(len(c.delays) + 1); err != nil {
					return err
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			c.delays = append(c.delays, d)
			c.now = c.now.Add(d)
			return nil
		},
		Rand: func() float64 { return r },
		Now: func() time.Time {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.now
		},
	}
}

// waitOutcome is what one Wait returned, in kind-neutral terms.
type waitOutcome struct {
	status string // the returned job's status; "" for nil
	err    error
	// From errors.As on the kind's *JobFailedError:
	failedKind, failedID, failedStatus string
	failedJobIsReturned                bool
}

// testWaiter is what the table uses of a waiter.
type testWaiter[J comparable] interface {
	Wait(ctx context.Context, id string, maxWait time.Duration, opts ...option.RequestOption) (J, error)
	SetHooks(beta.WaiterHooks)
}

// waiterKind adapts one waiter to the table. An index never fails: its failed and cancelled
// statuses are empty.
type waiterKind struct {
	name                                      string
	kind                                      string // as error messages name it
	pending, running, done, failed, cancelled string
	// wait makes a waiter over s with optFns, installs hooks (when not nil) and waits.
	wait func(ctx context.Context, s *jobScript, hooks *beta.WaiterHooks, id string, maxWait time.Duration, optFns ...func(*beta.WaiterOptions)) waitOutcome
	// polled returns the status of what OnPoll received, and false when it is not what the
	// kind's Wait returns.
	polled func(job any) (string, bool)
}

// kindOf builds the table entry of the waiters that newWaiter makes; status reads a job's status.
func kindOf[J comparable](k waiterKind, newWaiter func(*jobScript, ...func(*beta.WaiterOptions)) testWaiter[J], status func(J) string) waiterKind {
	k.wait = func(ctx context.Context, s *jobScript, hooks *beta.WaiterHooks, id string, maxWait time.Duration, optFns ...func(*beta.WaiterOptions)) waitOutcome {
		w := newWaiter(s, optFns...)
		if hooks != nil {
			w.SetHooks(*hooks)
		}
		var none J
		job, err := w.Wait(ctx, id, maxWait)
		out := waitOutcome{err: err}
		if job != none {
			out.status = status(job)
		}
		var failed *beta.JobFailedError[J]
		if errors.As(err, &failed) {
			out.failedKind, out.failedID, out.failedStatus = failed.Kind, failed.JobID, failed.Status
			out.failedJobIsReturned = failed.Job == job && job != none
		}
		return out
	}
	k.polled = func(job any) (string, bool) {
		j, ok := job.(J)
		if !ok {
			return "", false
		}
		return status(j), true
	}
	return k
}

var waiterKinds = []waiterKind{
	kindOf(waiterKind{name: "sheets", kind: "sheets job", pending: "PENDING", running: "PENDING", done: "SUCCESS", failed: "ERROR", cancelled: "CANCELLED"},
		func(s *jobScript, optFns ...func(*beta.WaiterOptions)) testWaiter[*beta.SheetsJob] {
			return beta.NewSheetsJobWaiter(fakeSheetsGetter{s}, optFns...)
		},
		func(j *beta.SheetsJob) string { return string(j.Status) }),
	kindOf(waiterKind{name: "split", kind: "split job", pending: "pending", running: "processing", done: "completed", failed: "failed", cancelled: "cancelled"},
		func(s *jobScript, optFns ...func(*beta.WaiterOptions)) testWaiter[*beta.SplitJob] {
			return beta.NewSplitJobWaiter(fakeSplitGetter{s}, optFns...)
		},
		func(j *beta.SplitJob) string { return string(j.Status) }),
	kindOf(waiterKind{name: "batch", kind: "batch job", pending: "pending", running: "running", done: "completed", failed: "failed", cancelled: "cancelled"},
		func(s *jobScript, optFns ...func(*beta.WaiterOptions)) testWaiter[*beta.BatchGetStatusResponse] {
			return beta.NewBatchJobWaiter(fakeBatchGetter{s}, optFns...)
		},
		func(r *beta.BatchGetStatusResponse) string { return string(r.Job.Status) }),
	kindOf(waiterKind{name: "index", kind: "index", pending: "not exported", running: "exported before its last sync", done: "exported"},
		func(s *jobScript, optFns ...func(*beta.WaiterOptions)) testWaiter[*beta.Index] {
			return beta.NewIndexWaiter(fakeIndexGetter{s}, optFns...)
		},
		indexStatus),
}

func TestWaiterPolling(t *testing.T) {
	t.Parallel()
	const s = time.Second
	type scenario struct {
		name       string
		statuses   func(k waiterKind) []string
		rand       float64
		maxWait    time.Duration
		optFns     []func(*beta.WaiterOptions)
		wantStatus func(k waiterKind) string
		wantFailed bool // a *JobFailedError carrying the returned job
		wantExpiry bool // an error wrapping context.DeadlineExceeded
		wantDelays []time.Duration
	}
	for _, sc := range []scenario{
		{
			name:       "pending running unknown completed",
			statuses:   func(k waiterKind) []string { return []string{k.pending, k.running, "ON_HOLD_NEW_STATUS", k.done} },
			rand:       1,
			maxWait:    time.Hour,
			wantStatus: func(k waiterKind) string { return k.done },
			wantDelays: []time.Duration{s, 2 * s, 4 * s}, // defaults: 1 s, then the bound doubles
		},
		{
			name:       "completed at the first check: no sleep",
			statuses:   func(k waiterKind) []string { return []string{k.done} },
			rand:       1,
			maxWait:    time.Minute,
			wantStatus: func(k waiterKind) string { return k.done },
		},
		{
			name:       "failed",
			statuses:   func(k waiterKind) []string { return []string{k.pending, k.failed} },
			rand:       1,
			maxWait:    time.Hour,
			wantStatus: func(k waiterKind) string { return k.failed },
			wantFailed: true,
			wantDelays: []time.Duration{s},
		},
		{
			name:       "cancelled at the first check",
			statuses:   func(k waiterKind) []string { return []string{k.cancelled} },
			rand:       1,
			maxWait:    time.Hour,
			wantStatus: func(k waiterKind) string { return k.cancelled },
			wantFailed: true,
		},
		{
			name:       "out of time: the last delay is cut to the deadline",
			statuses:   func(k waiterKind) []string { return []string{k.running} },
			rand:       1,
			maxWait:    10 * s,
			optFns:     []func(*beta.WaiterOptions){func(o *beta.WaiterOptions) { o.MaxDelay = 4 * s }},
			wantStatus: func(k waiterKind) string { return k.running },
			wantExpiry: true,
			wantDelays: []time.Duration{s, 2 * s, 4 * s, 3 * s},
		},
		{
			name:       "lowest delays",
			statuses:   func(k waiterKind) []string { return []string{k.running} },
			rand:       0,
			maxWait:    3 * s,
			wantStatus: func(k waiterKind) string { return k.running },
			wantExpiry: true,
			wantDelays: []time.Duration{s, s, s},
		},
		{
			name: "mid-range delays capped by MaxDelay",
			statuses: func(k waiterKind) []string {
				return []string{k.pending, k.pending, k.running, k.running, k.running, k.done}
			},
			rand:    0.5,
			maxWait: time.Hour,
			optFns: []func(*beta.WaiterOptions){func(o *beta.WaiterOptions) {
				o.MinDelay, o.MaxDelay = 2*s, 10*s
			}},
			wantStatus: func(k waiterKind) string { return k.done },
			// [2,2] [2,4] [2,8] [2,10] [2,10] at their midpoints.
			wantDelays: []time.Duration{2 * s, 3 * s, 5 * s, 6 * s, 6 * s},
		},
	} {
		for _, k := range waiterKinds {
			if k.failed == "" && sc.wantFailed {
				continue // this kind never fails
			}
			t.Run(k.name+"/"+sc.name, func(t *testing.T) {
				t.Parallel()
				script := &jobScript{statuses: sc.statuses(k)}
				clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
				hooks := clock.hooks(sc.rand)
				out := k.wait(context.Background(), script, &hooks, "job/1", sc.maxWait, sc.optFns...)

				assert.Equal(t, sc.wantStatus(k), out.status, "the last job seen is returned")
				assert.Equal(t, sc.wantDelays, clock.delays)
				assert.Equal(t, len(sc.wantDelays)+1, script.checks(), "one check at once, then one after each delay")
				for _, id := range script.ids {
					assert.Equal(t, "job/1", id)
				}
				switch {
				case sc.wantFailed:
					require.Error(t, out.err)
					assert.ErrorIs(t, out.err, beta.ErrJobFailed)
					assert.NotErrorIs(t, out.err, context.DeadlineExceeded)
					assert.True(t, out.failedJobIsReturned, "the error carries the returned job")
					assert.Equal(t, k.kind, out.failedKind)
					assert.Equal(t, "job/1", out.failedID)
					assert.Equal(t, out.status, out.failedStatus)
					assert.Equal(t, `llamacloud: `+k.kind+` "job/1" ended with status "`+out.status+`"`, out.err.Error())
				case sc.wantExpiry:
					require.Error(t, out.err)
					assert.ErrorIs(t, out.err, context.DeadlineExceeded)
					assert.NotErrorIs(t, out.err, beta.ErrJobFailed)
					assert.Contains(t, out.err.Error(), `"job/1"`)
					assert.Contains(t, out.err.Error(), `"`+k.running+`"`)
				default:
					assert.NoError(t, out.err)
				}
			})
		}
	}
}

func TestWaiterSheetsPartialSuccessIsSuccess(t *testing.T) {
	t.Parallel()
	script := &jobScript{statuses: []string{"PENDING", "PARTIAL_SUCCESS"}}
	clock := &fakeClock{}
	w := beta.NewSheetsJobWaiter(fakeSheetsGetter{script})
	w.SetHooks(clock.hooks(0))
	job, err := w.Wait(context.Background(), "sh_1", time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.SheetsJobStatusPartialSuccess, job.Status)
	assert.Equal(t, 2, script.checks())
}

func TestWaiterContextEndsWhilePolling(t *testing.T) {
	t.Parallel()
	for _, k := range waiterKinds {
		t.Run(k.name+"/deadline during a real sleep", func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			t.Cleanup(cancel)
			script := &jobScript{statuses: []string{k.running}}
			// No hooks: the real sleep, which must end with the context, long before its hour.
			out := k.wait(ctx, script, nil, "j1", 2*time.Hour, func(o *beta.WaiterOptions) { o.MinDelay, o.MaxDelay = time.Hour, time.Hour })
			require.Error(t, out.err)
			assert.ErrorIs(t, out.err, context.DeadlineExceeded)
			assert.NotErrorIs(t, out.err, beta.ErrJobFailed)
			assert.Contains(t, out.err.Error(), `"j1"`)
			assert.Equal(t, k.running, out.status, "the last job seen is returned")
			assert.Equal(t, 1, script.checks())
		})
		t.Run(k.name+"/cancelled during the second sleep", func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			script := &jobScript{statuses: []string{k.pending, k.running}}
			clock := &fakeClock{onNap: func(n int) error {
				if n == 2 {
					cancel()
				}
				return nil
			}}
			hooks := clock.hooks(1)
			out := k.wait(ctx, script, &hooks, "j1", time.Hour)
			assert.ErrorIs(t, out.err, context.Canceled)
			assert.Equal(t, k.running, out.status)
			assert.Equal(t, 2, script.checks())
			assert.Equal(t, []time.Duration{time.Second}, clock.delays)
		})
	}
}

func TestWaiterRejectsBadInputBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, k := range waiterKinds {
		for _, tc := range []struct {
			name    string
			id      string
			maxWait time.Duration
			optFn   func(*beta.WaiterOptions)
			want    string
		}{
			{"zero max wait", "j", 0, nil, "max wait 0s is not positive"},
			{"negative max wait", "j", -time.Second, nil, "max wait -1s is not positive"},
			{"min delay above max delay", "j", time.Minute, func(o *beta.WaiterOptions) { o.MinDelay = 31 * time.Second }, "min delay 31s is greater than max delay 30s"},
			{"zero min delay", "j", time.Minute, func(o *beta.WaiterOptions) { o.MinDelay = 0 }, "min delay 0s is not positive"},
			{"empty job ID", "", time.Minute, nil, "job ID must not be empty"},
		} {
			t.Run(k.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				script := &jobScript{statuses: []string{k.done}}
				out := k.wait(context.Background(), script, nil, tc.id, tc.maxWait, tc.optFn)
				require.Error(t, out.err)
				assert.True(t, strings.HasPrefix(out.err.Error(), "llamacloud: wait for "+k.kind), out.err.Error())
				assert.Contains(t, out.err.Error(), tc.want)
				assert.Zero(t, script.checks(), "no request before the input is checked")
				assert.Empty(t, out.status)
			})
		}
	}
}

func TestWaiterRetryable(t *testing.T) {
	t.Parallel()
	unavailable := &llamacloud.Error{StatusCode: http.StatusServiceUnavailable}
	notFound := &llamacloud.Error{StatusCode: http.StatusNotFound}
	for _, k := range waiterKinds {
		for _, tc := range []struct {
			name       string
			err        error
			optFn      func(*beta.WaiterOptions)
			wantChecks int
			wantErr    error
		}{
			{"default retries a 503", unavailable, nil, 3, nil},
			{"default retries a 429", &llamacloud.Error{StatusCode: http.StatusTooManyRequests}, nil, 3, nil},
			{"default stops at a 404", notFound, nil, 1, llamacloud.ErrNotFound},
			{"nil Retryable stops at a 503", unavailable, func(o *beta.WaiterOptions) { o.Retryable = nil }, 1, llamacloud.ErrServer},
			{"custom Retryable", notFound, func(o *beta.WaiterOptions) {
				o.Retryable = func(_ context.Context, err error) bool { return errors.Is(err, llamacloud.ErrNotFound) }
			}, 3, nil},
		} {
			t.Run(k.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				script := &jobScript{statuses: []string{"", k.running, k.done}, errs: map[int]error{0: tc.err}}
				hooks := (&fakeClock{}).hooks(0)
				out := k.wait(context.Background(), script, &hooks, "j1", time.Minute, tc.optFn)
				assert.Equal(t, tc.wantChecks, script.checks())
				if tc.wantErr == nil {
					require.NoError(t, out.err)
					assert.Equal(t, k.done, out.status)
					return
				}
				assert.ErrorIs(t, out.err, tc.wantErr)
				assert.Contains(t, out.err.Error(), `"j1"`)
				assert.Empty(t, out.status, "no job was seen")
			})
		}
	}
}

func TestWaiterOptionsDefaults(t *testing.T) {
	t.Parallel()
	o := beta.NewSplitJobWaiter(fakeSplitGetter{&jobScript{}}).Options()
	assert.Equal(t, time.Second, o.MinDelay)
	assert.Equal(t, 30*time.Second, o.MaxDelay)
	require.NotNil(t, o.Retryable)
	o = beta.NewSplitJobWaiter(nil, nil, func(o *beta.WaiterOptions) { o.MaxDelay = 10 * time.Second }).Options()
	assert.Equal(t, 10*time.Second, o.MaxDelay, "a nil option function is skipped")

	// A waiter without a getter fails instead of panicking.
	_, err := beta.NewSplitJobWaiter(nil).Wait(context.Background(), "j", time.Minute)
	assert.ErrorContains(t, err, "no getter")
}

func TestWaiterNewAndWait(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		created   string
		checked   string
		run       func(c *llamacloud.Client) (status string, err error)
		wantPaths []string
	}{
		{
			name:    "batch",
			created: string(golden(t, "batch/new.json")),
			checked: strings.Replace(string(golden(t, "batch/get_status.json")), `"pending"`, `"completed"`, 1),
			run: func(c *llamacloud.Client) (string, error) {
				res, err := c.Beta.Batch.NewAndWait(ctx, beta.BatchNewParams{
					JobConfig:      beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
					DirectoryID:    llamacloud.String("dir_1"),
					OrganizationID: llamacloud.String("org"),
				}, time.Minute, option.WithProjectID("proj"))
				if res == nil {
					return "", err
				}
				return string(res.Job.Status), err
			},
			wantPaths: []string{"POST /api/v1/beta/batch-processing", "GET /api/v1/beta/batch-processing/bjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"},
		},
		{
			name:    "split",
			created: `{"id":"spl_1","status":"pending"}`,
			checked: `{"id":"spl_1","status":"completed"}`,
			run: func(c *llamacloud.Client) (string, error) {
				job, err := c.Beta.Split.NewAndWait(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: "file_1"}, OrganizationID: llamacloud.String("org")}, time.Minute, option.WithProjectID("proj"))
				if job == nil {
					return "", err
				}
				return string(job.Status), err
			},
			wantPaths: []string{"POST /api/v1/beta/split/jobs", "GET /api/v1/beta/split/jobs/spl_1"},
		},
		{
			name:    "sheets",
			created: `{"id":"sh_1","status":"PENDING"}`,
			checked: `{"id":"sh_1","status":"SUCCESS"}`,
			run: func(c *llamacloud.Client) (string, error) {
				job, err := c.Beta.Sheets.NewAndWait(ctx, beta.SheetNewParams{FileID: "file_1", OrganizationID: llamacloud.String("org")}, time.Minute, option.WithProjectID("proj"))
				if job == nil {
					return "", err
				}
				return string(job.Status), err
			},
			wantPaths: []string{"POST /api/v1/beta/sheets/jobs", "GET /api/v1/beta/sheets/jobs/sh_1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := newTestServer(t, []testserver.Reply{{Body: []byte(tc.created)}, {Body: []byte(tc.checked)}})
			status, err := tc.run(client)
			require.NoError(t, err)
			assert.Contains(t, []string{"completed", "SUCCESS"}, status)
			for _, want := range tc.wantPaths {
				s := reqs.Next(t)
				assertCommonHeaders(t, s)
				assert.Equal(t, want, s.Method+" "+s.Path)
				assert.Equal(t, "proj", s.Query.Get("project_id"), "the options apply to every request")
				assert.Equal(t, "org", s.Query.Get("organization_id"), "the checks read the organization the job was made in")
			}
			assert.Empty(t, reqs.Unread(), "one check is enough for a finished job")
		})
	}
}

func TestWaiterNewAndWaitFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	// An unusable maxWait is rejected before the job is created.
	client, reqs := okServer(t, golden(t, "batch/new.json"))
	_, err := client.Beta.Batch.NewAndWait(ctx, beta.BatchNewParams{}, 0)
	assert.ErrorContains(t, err, "max wait 0s is not positive")
	assert.Empty(t, reqs.Unread())

	// A failed job comes back with the error, which carries it.
	failed := strings.Replace(string(golden(t, "batch/get_status.json")), `"pending"`, `"failed"`, 1)
	client, reqs = newTestServer(t, []testserver.Reply{{Body: golden(t, "batch/new.json")}, {Body: []byte(failed)}})
	res, err := client.Beta.Batch.NewAndWait(ctx, beta.BatchNewParams{
		JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
	}, time.Minute)
	var jf *beta.JobFailedError[*beta.BatchGetStatusResponse]
	require.ErrorAs(t, err, &jf)
	assert.Same(t, res, jf.Job)
	assert.Equal(t, beta.BatchJobStatusFailed, res.Job.Status)
	assert.Equal(t, "error_message", res.Job.ErrorMessage)
	assert.Equal(t, "bjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", jf.JobID)
	reqs.Next(t)
	reqs.Next(t)

	// When no check succeeds, the created job comes back with the check's error.
	client, reqs = newTestServer(t, []testserver.Reply{{Body: golden(t, "batch/new.json")}, {Status: 404, Body: []byte(`{"detail":"gone"}`)}})
	res, err = client.Beta.Batch.NewAndWait(ctx, beta.BatchNewParams{
		JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
	}, time.Minute)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.Contains(t, err.Error(), `batch job "bjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"`)
	require.NotNil(t, res)
	assert.Equal(t, beta.BatchJobStatusPending, res.Job.Status)
	assert.Equal(t, "bjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", res.Job.ID)
	reqs.Next(t)
	reqs.Next(t)
	assert.Empty(t, reqs.Unread())
}

func TestWaiterOnPoll(t *testing.T) {
	t.Parallel()
	for _, k := range waiterKinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			// The second check fails with a 503 and is retried: OnPoll sees only what was read.
			script := &jobScript{
				statuses: []string{k.pending, "", k.running, k.done},
				errs:     map[int]error{1: &llamacloud.Error{StatusCode: http.StatusServiceUnavailable}},
			}
			hooks := (&fakeClock{}).hooks(0)
			var polled []string
			out := k.wait(context.Background(), script, &hooks, "j1", time.Hour, func(o *beta.WaiterOptions) {
				o.OnPoll = func(job any) {
					status, ok := k.polled(job)
					assert.True(t, ok, "OnPoll gets what Wait returns, got %T", job)
					polled = append(polled, status)
				}
			})
			require.NoError(t, out.err)
			assert.Equal(t, []string{k.pending, k.running, k.done}, polled)
			assert.Equal(t, 4, script.checks())
		})
	}
}
