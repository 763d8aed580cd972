package llamacloudtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
)

// fastWaits makes a waiter poll every millisecond or two.
func fastWaits(o *beta.WaiterOptions) {
	o.MinDelay = time.Millisecond
	o.MaxDelay = 2 * time.Millisecond
}

// The recorders wrap a service's getter and note the status of every job they return.
type (
	splitRecorder struct {
		getter   beta.SplitJobGetter
		statuses []string
	}
	sheetsRecorder struct {
		getter   beta.SheetsJobGetter
		statuses []string
	}
	batchRecorder struct {
		getter   beta.BatchJobStatusGetter
		statuses []string
	}
)

func (r *splitRecorder) Get(ctx context.Context, id string, p beta.SplitGetParams, opts ...option.RequestOption) (*beta.SplitJob, error) {
	j, err := r.getter.Get(ctx, id, p, opts...)
	if err == nil {
		r.statuses = append(r.statuses, string(j.Status))
	}
	return j, err
}

func (r *sheetsRecorder) Get(ctx context.Context, id string, p beta.SheetGetParams, opts ...option.RequestOption) (*beta.SheetsJob, error) {
	j, err := r.getter.Get(ctx, id, p, opts...)
	if err == nil {
		r.statuses = append(r.statuses, string(j.Status))
	}
	return j, err
}

func (r *batchRecorder) GetStatus(ctx context.Context, id string, p beta.BatchGetStatusParams, opts ...option.RequestOption) (*beta.BatchGetStatusResponse, error) {
	j, err := r.getter.GetStatus(ctx, id, p, opts...)
	if err == nil {
		r.statuses = append(r.statuses, string(j.Job.Status))
	}
	return j, err
}

// jobCase is one job run with a waiter: how to create it, how to wait for it, and what the waiter
// must see.
type jobCase struct {
	name     string
	steps    int
	create   func(t *testing.T, srv *llamacloudtest.Server, client *llamacloud.Client, ctx context.Context) (id, status string)
	wait     func(ctx context.Context, client *llamacloud.Client, id string) (statuses []string, err error)
	jobPath  string   // the job's GET path, without the ID
	want     []string // the statuses the waiter sees, in order
	failed   bool
	failedAs func(err error) (jobID, status string, ok bool)
}

func newSplit(fileName, content string) func(*testing.T, *llamacloudtest.Server, *llamacloud.Client, context.Context) (string, string) {
	return func(t *testing.T, srv *llamacloudtest.Server, client *llamacloud.Client, ctx context.Context) (string, string) {
		value := "file-missing"
		if fileName != "" {
			value = srv.PutFile(fileName, []byte(content))
		}
		j, err := client.Beta.Split.New(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: value}, Configuration: sdkSplitConfig})
		require.NoError(t, err)
		return j.ID, string(j.Status)
	}
}

func waitSplit(ctx context.Context, client *llamacloud.Client, id string) ([]string, error) {
	rec := &splitRecorder{getter: client.Beta.Split}
	_, err := beta.NewSplitJobWaiter(rec, fastWaits).Wait(ctx, id, time.Minute)
	return rec.statuses, err
}

func newSheet(fileName, content string) func(*testing.T, *llamacloudtest.Server, *llamacloud.Client, context.Context) (string, string) {
	return func(t *testing.T, srv *llamacloudtest.Server, client *llamacloud.Client, ctx context.Context) (string, string) {
		j, err := client.Beta.Sheets.New(ctx, beta.SheetNewParams{FileID: srv.PutFile(fileName, []byte(content))})
		require.NoError(t, err)
		return j.ID, string(j.Status)
	}
}

func waitSheet(ctx context.Context, client *llamacloud.Client, id string) ([]string, error) {
	rec := &sheetsRecorder{getter: client.Beta.Sheets}
	_, err := beta.NewSheetsJobWaiter(rec, fastWaits).Wait(ctx, id, time.Minute)
	return rec.statuses, err
}

func newBatch(contents ...string) func(*testing.T, *llamacloudtest.Server, *llamacloud.Client, context.Context) (string, string) {
	return func(t *testing.T, srv *llamacloudtest.Server, client *llamacloud.Client, ctx context.Context) (string, string) {
		var ids []string
		for i, c := range contents {
			if c == "" {
				ids = append(ids, fmt.Sprintf("file-missing-%d", i))
				continue
			}
			ids = append(ids, srv.PutFile(fmt.Sprintf("doc%d.txt", i), []byte(c)))
		}
		j, err := client.Beta.Batch.New(ctx, beta.BatchNewParams{
			JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{JobName: beta.BatchParseJobNameParseRawFile}},
			ItemIDs:   ids,
		})
		require.NoError(t, err)
		return j.ID, string(j.Status)
	}
}

func waitBatch(ctx context.Context, client *llamacloud.Client, id string) ([]string, error) {
	rec := &batchRecorder{getter: client.Beta.Batch}
	_, err := beta.NewBatchJobWaiter(rec, fastWaits).Wait(ctx, id, time.Minute)
	return rec.statuses, err
}

// failedJob returns a failedAs for the waiter of job type J.
func failedJob[J any]() func(err error) (string, string, bool) {
	return func(err error) (string, string, bool) {
		var failed *beta.JobFailedError[J]
		if !errors.As(err, &failed) {
			return "", "", false
		}
		return failed.JobID, failed.Status, true
	}
}

// TestSDKJobWaiters runs sheets, split and batch jobs to their end with the SDK's waiters and
// checks the statuses the waiter saw, in order, and that each check was one request.
func TestSDKJobWaiters(t *testing.T) {
	t.Parallel()
	for _, tc := range []jobCase{
		{name: "split completes", steps: 1, create: newSplit("packet.txt", sdkPacket), wait: waitSplit, jobPath: sdkSplitPath,
			want: []string{"processing", "completed"}},
		{name: "split completes slowly", steps: 2, create: newSplit("packet.txt", sdkPacket), wait: waitSplit, jobPath: sdkSplitPath,
			want: []string{"pending", "processing", "processing", "completed"}},
		{name: "split fails", steps: 1, create: newSplit("", ""), wait: waitSplit, jobPath: sdkSplitPath,
			want: []string{"processing", "failed"}, failed: true, failedAs: failedJob[*beta.SplitJob]()},
		{name: "sheets succeeds", steps: 1, create: newSheet("fleet.csv", sdkSheet), wait: waitSheet, jobPath: sdkSheetsPath,
			want: []string{"SUCCESS"}},
		{name: "sheets succeeds slowly", steps: 3, create: newSheet("fleet.csv", sdkSheet), wait: waitSheet, jobPath: sdkSheetsPath,
			want: []string{"PENDING", "PENDING", "SUCCESS"}},
		{name: "sheets fails", steps: 1, create: newSheet("fleet.xlsx", "PK\x03\x04\x00binary"), wait: waitSheet, jobPath: sdkSheetsPath,
			want: []string{"ERROR"}, failed: true, failedAs: failedJob[*beta.SheetsJob]()},
		{name: "batch completes", steps: 1, create: newBatch("alpha", "beta", ""), wait: waitBatch, jobPath: sdkBatchPath,
			want: []string{"dispatched", "running", "completed"}},
		{name: "batch fails", steps: 1, create: newBatch("", ""), wait: waitBatch, jobPath: sdkBatchPath,
			want: []string{"dispatched", "running", "failed"}, failed: true, failedAs: failedJob[*beta.BatchGetStatusResponse]()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(tc.steps))
			id, status := tc.create(t, srv, client, ctx)
			assert.Contains(t, []string{"pending", "PENDING"}, status, "a new job is pending")
			srv.ClearRequests()

			statuses, err := tc.wait(ctx, client, id)
			assert.Equal(t, tc.want, statuses)
			gets := requestsTo(srv, http.MethodGet, tc.jobPath+"/"+id)
			assert.Len(t, gets, len(tc.want), "one request per check")
			assert.Len(t, srv.Requests(), len(tc.want), "nothing but checks")
			if !tc.failed {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, beta.ErrJobFailed)
			jobID, status, ok := tc.failedAs(err)
			require.True(t, ok, "%T: %v", err, err)
			assert.Equal(t, id, jobID)
			assert.Equal(t, tc.want[len(tc.want)-1], status)
			assert.Contains(t, err.Error(), id)
		})
	}
}

// TestSDKJobWaiterDetails checks what the waiters return besides the status: the job as last
// seen, a cancelled job, and a wait that runs out of time (a real 100 ms, polled every 1–2 ms).
func TestSDKJobWaiterDetails(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(1))

	split, err := client.Beta.Split.New(ctx, beta.SplitNewParams{
		DocumentInput: beta.SplitNewParamsDocumentInput{Value: srv.PutFile("packet.txt", []byte(sdkPacket))}, Configuration: sdkSplitConfig,
	})
	require.NoError(t, err)
	done, err := beta.NewSplitJobWaiter(client.Beta.Split, fastWaits).Wait(ctx, split.ID, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.SplitJobStatusCompleted, done.Status)
	var segs []string
	for _, s := range done.Result.Segments {
		segs = append(segs, fmt.Sprintf("%s:%v", s.Category, s.Pages))
	}
	assert.Equal(t, []string{"invoice:[1 2]", "contract:[3]", "uncategorized:[4]", "resume:[5]"}, segs)

	failedSplit, err := client.Beta.Split.New(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: "file-missing"}, Configuration: sdkSplitConfig})
	require.NoError(t, err)
	last, err := beta.NewSplitJobWaiter(client.Beta.Split, fastWaits).Wait(ctx, failedSplit.ID, time.Minute)
	var failed *beta.JobFailedError[*beta.SplitJob]
	require.ErrorAs(t, err, &failed)
	assert.Same(t, last, failed.Job)
	assert.Equal(t, "split job", failed.Kind)
	assert.Equal(t, `file "file-missing" not found`, failed.Job.ErrorMessage)

	// A cancelled batch job is a failure too.
	batch, err := client.Beta.Batch.New(ctx, beta.BatchNewParams{
		JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
		ItemIDs:   []string{srv.PutFile("a.txt", []byte("alpha"))},
	})
	require.NoError(t, err)
	cancelled, err := client.Beta.Batch.Cancel(ctx, batch.ID, beta.BatchCancelParams{Reason: llamacloud.String("wrong files")})
	require.NoError(t, err)
	assert.Equal(t, beta.BatchJobStatusCancelled, cancelled.Status)
	assert.Equal(t, batch.ID, cancelled.JobID)
	assert.Equal(t, "batch job "+batch.ID+" cancelled: wrong files", cancelled.Message)
	status, err := beta.NewBatchJobWaiter(client.Beta.Batch, fastWaits).Wait(ctx, batch.ID, time.Minute)
	var batchFailed *beta.JobFailedError[*beta.BatchGetStatusResponse]
	require.ErrorAs(t, err, &batchFailed)
	assert.Equal(t, "cancelled", batchFailed.Status)
	assert.Equal(t, "cancelled: wrong files", status.Job.ErrorMessage)
	_, err = client.Beta.Batch.Cancel(ctx, batch.ID, beta.BatchCancelParams{})
	assert.ErrorIs(t, err, llamacloud.ErrBadRequest, "already cancelled")

	// A job that does not finish in time: the error wraps DeadlineExceeded.
	slow := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(1 << 20))
	t.Cleanup(slow.Close)
	slowClient := slow.Client()
	job, err := slowClient.Beta.Sheets.New(ctx, beta.SheetNewParams{FileID: slow.PutFile("fleet.csv", []byte(sdkSheet))})
	require.NoError(t, err)
	rec := &sheetsRecorder{getter: slowClient.Beta.Sheets}
	last2, err := beta.NewSheetsJobWaiter(rec, fastWaits).Wait(ctx, job.ID, 100*time.Millisecond)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, beta.ErrJobFailed)
	require.NotNil(t, last2)
	assert.Equal(t, beta.SheetsJobStatusPending, last2.Status)
	assert.GreaterOrEqual(t, len(rec.statuses), 2)
	assert.Equal(t, len(rec.statuses), countRequests(slow, http.MethodGet, sdkSheetsPath+"/"+job.ID))
}

// TestSDKNewAndWait runs each kind of job with NewAndWait. With WithJobSteps(0) a job is done
// when created, so the wait's first check, made at once, ends it: one POST and one GET.
func TestSDKNewAndWait(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(0))
	countAll := func() int { return len(srv.Requests()) }

	before := countAll()
	split, err := client.Beta.Split.NewAndWait(ctx, beta.SplitNewParams{
		DocumentInput: beta.SplitNewParamsDocumentInput{Value: srv.PutFile("packet.txt", []byte(sdkPacket))}, Configuration: sdkSplitConfig,
	}, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.SplitJobStatusCompleted, split.Status)
	assert.NotEmpty(t, split.Result.Segments)
	assert.Equal(t, 1, countRequests(srv, http.MethodPost, sdkSplitPath))
	assert.Equal(t, 1, countRequests(srv, http.MethodGet, sdkSplitPath+"/"+split.ID))
	assert.Equal(t, before+2, countAll())

	sheet, err := client.Beta.Sheets.NewAndWait(ctx, beta.SheetNewParams{FileID: srv.PutFile("fleet.csv", []byte(sdkSheet))}, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.SheetsJobStatusSuccess, sheet.Status)
	assert.True(t, sheet.Success)
	assert.Len(t, sheet.Regions, 2)
	assert.Equal(t, 1, countRequests(srv, http.MethodGet, sdkSheetsPath+"/"+sheet.ID))

	batch, err := client.Beta.Batch.NewAndWait(ctx, beta.BatchNewParams{
		JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
		ItemIDs:   []string{srv.PutFile("a.txt", []byte("alpha")), srv.PutFile("b.txt", []byte("beta"))},
	}, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.BatchJobStatusCompleted, batch.Job.Status)
	assert.EqualValues(t, 2, batch.Job.ProcessedItems)
	assert.InDelta(t, 100, batch.ProgressPercentage, 1e-9)
	assert.Equal(t, 1, countRequests(srv, http.MethodGet, sdkBatchPath+"/"+batch.Job.ID))

	failed, err := client.Beta.Sheets.NewAndWait(ctx, beta.SheetNewParams{FileID: "file-missing"}, time.Minute)
	var sheetFailed *beta.JobFailedError[*beta.SheetsJob]
	require.ErrorAs(t, err, &sheetFailed)
	assert.Equal(t, beta.SheetsJobStatusError, failed.Status)
	assert.Equal(t, []string{`file "file-missing" not found`}, failed.Errors)

	_, err = client.Beta.Split.NewAndWait(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: "x"}, Configuration: sdkSplitConfig}, 0)
	assert.Error(t, err, "an unusable maxWait fails before any request")
}

// TestSDKNewAndWaitPolls runs NewAndWait against jobs that advance one state per status read,
// so the default waiter polls them: a sheets job is done at the first check, made at once; a split
// job needs a second check after the first delay (the default MinDelay, 1 s).
func TestSDKNewAndWaitPolls(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(1))

	sheet, err := client.Beta.Sheets.NewAndWait(ctx, beta.SheetNewParams{FileID: srv.PutFile("fleet.csv", []byte(sdkSheet))}, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.SheetsJobStatusSuccess, sheet.Status)
	assert.Equal(t, 1, countRequests(srv, http.MethodGet, sdkSheetsPath+"/"+sheet.ID))

	began := time.Now()
	split, err := client.Beta.Split.NewAndWait(ctx, beta.SplitNewParams{
		DocumentInput: beta.SplitNewParamsDocumentInput{Value: srv.PutFile("packet.txt", []byte(sdkPacket))}, Configuration: sdkSplitConfig,
	}, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, beta.SplitJobStatusCompleted, split.Status)
	assert.Equal(t, 2, countRequests(srv, http.MethodGet, sdkSplitPath+"/"+split.ID), "processing, then completed")
	assert.GreaterOrEqual(t, time.Since(began), time.Second, "the checks are one MinDelay apart")
}
