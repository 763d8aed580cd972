package beta_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeIndexGetter answers with an index whose timestamps say the script's status: "exported",
// "exported before its last sync", or anything else for an index never exported.
type fakeIndexGetter struct{ *jobScript }

func (f fakeIndexGetter) Get(ctx context.Context, id string, _ beta.IndexGetParams, _ ...option.RequestOption) (*beta.Index, error) {
	st, err := f.next(ctx, id)
	if err != nil {
		return nil, err
	}
	synced := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ix := &beta.Index{ID: id, LastSyncedAt: synced}
	switch st {
	case "exported":
		ix.LastExportedAt = synced
	case "exported before its last sync":
		ix.LastExportedAt = synced.Add(-time.Millisecond)
	}
	return ix, nil
}

// indexStatus words an index's build state as the index waiter does.
func indexStatus(ix *beta.Index) string {
	switch {
	case ix.LastExportedAt.IsZero():
		return "not exported"
	case ix.LastExportedAt.Before(ix.LastSyncedAt):
		return "exported before its last sync"
	}
	return "exported"
}

// indexJSON is an index answer with the two timestamps of the readiness rule; "" is null.
func indexJSON(id, syncedAt, exportedAt string) []byte {
	q := func(s string) string {
		if s == "" {
			return "null"
		}
		return `"` + s + `"`
	}
	return []byte(fmt.Sprintf(`{"id":%q,"name":"n","project_id":"proj","source_directory_id":"dir_1","export_config_id":"e","sync_config_id":"s",`+
		`"last_synced_at":%s,"last_exported_at":%s,"metadata":{"build_state":"whatever"}}`, id, q(syncedAt), q(exportedAt)))
}

// timestampGetter answers every check with one index built from its two timestamps.
type timestampGetter struct{ synced, exported time.Time }

func (g timestampGetter) Get(_ context.Context, id string, _ beta.IndexGetParams, _ ...option.RequestOption) (*beta.Index, error) {
	return &beta.Index{ID: id, LastSyncedAt: g.synced, LastExportedAt: g.exported}, nil
}

func TestIndexWaiterReadinessRule(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name             string
		synced, exported time.Time
		ready            bool
	}{
		{"never synced nor exported", time.Time{}, time.Time{}, false},
		{"synced, not exported", t0, time.Time{}, false},
		{"exported one millisecond before the last sync", t0, t0.Add(-time.Millisecond), false},
		{"exported at the last sync's time", t0, t0, true},
		{"exported after the last sync", t0, t0.Add(time.Second), true},
		{"exported, never synced", time.Time{}, t0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := beta.NewIndexWaiter(timestampGetter{tc.synced, tc.exported})
			clock := &fakeClock{now: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)} // far from t0: the local clock plays no part
			w.SetHooks(clock.hooks(0))
			ix, err := w.Wait(context.Background(), "idx_1", 2*time.Second)
			require.NotNil(t, ix)
			if tc.ready {
				assert.NoError(t, err)
				assert.Empty(t, clock.delays, "a built index needs one check")
				return
			}
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, []time.Duration{time.Second, time.Second}, clock.delays)
		})
	}
}

func TestIndexNewAndWait(t *testing.T) {
	t.Parallel()
	const synced = "2025-03-01T12:00:00.000Z"
	client, reqs := newTestServer(t, []testserver.Reply{
		{Body: indexJSON("idx_1", synced, "")},
		{Body: indexJSON("idx_1", synced, "2025-03-01T12:00:00.250Z")},
	})
	ix, err := client.Beta.Indexes.NewAndWait(context.Background(), beta.IndexNewParams{
		SourceDirectoryID: "dir_1",
		ProjectID:         llamacloud.String("proj_9"),
	}, time.Minute, option.WithHeader("X-Trace", "t1"))
	require.NoError(t, err)
	assert.Equal(t, "idx_1", ix.ID)
	assert.Equal(t, time.Date(2025, 3, 1, 12, 0, 0, 250e6, time.UTC), ix.LastExportedAt)
	assert.Equal(t, map[string]any{"build_state": "whatever"}, ix.Metadata)

	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST /api/v1/indexes", s.Method+" "+s.Path)
	assert.JSONEq(t, `{"source_directory_id":"dir_1"}`, string(s.Body))
	assert.Equal(t, "project_id=proj_9", s.Query.Encode())
	assert.Equal(t, "t1", s.Header.Get("X-Trace"))
	s = reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET /api/v1/indexes/idx_1", s.Method+" "+s.Path)
	assert.Equal(t, "project_id=proj_9", s.Query.Encode(), "the checks read the project the index was made in")
	assert.Equal(t, "t1", s.Header.Get("X-Trace"), "the options apply to every request")
	assert.Empty(t, s.Body)
	assert.Empty(t, reqs.Unread(), "one check is enough for a built index")
}

func TestIndexNewAndWaitFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	client, reqs := okServer(t, indexJSON("idx_1", "", ""))
	_, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: "dir_1"}, 0)
	assert.EqualError(t, err, "llamacloud: wait for index: max wait 0s is not positive")
	assert.Empty(t, reqs.Unread(), "nothing is created when maxWait is unusable")

	// The index disappears between the create and the check: the created index comes back
	// with the check's error, which names it.
	client, reqs = newTestServer(t, []testserver.Reply{{Body: indexJSON("idx_1", "", "")}, {Status: 404, Body: []byte(`{"detail":"gone"}`)}})
	ix, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: "dir_1"}, time.Minute)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.Contains(t, err.Error(), `wait for index "idx_1"`)
	require.NotNil(t, ix)
	assert.Equal(t, "idx_1", ix.ID)
	assert.True(t, ix.LastExportedAt.IsZero())
	s := reqs.Next(t)
	assert.Equal(t, "POST /api/v1/indexes", s.Method+" "+s.Path)
	s = reqs.Next(t)
	assert.Equal(t, "GET /api/v1/indexes/idx_1", s.Method+" "+s.Path)

	// A create that fails is the error, with no wait.
	client, reqs = newTestServer(t, []testserver.Reply{{Status: 422, Body: []byte(`{"detail":"no such directory"}`)}})
	ix, err = client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: "dir_x"}, time.Minute)
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable)
	assert.Nil(t, ix)
	reqs.Next(t)
	assert.Empty(t, reqs.Unread())
}

func TestIndexSyncAndWait(t *testing.T) {
	t.Parallel()
	const (
		t0 = "2025-03-01T12:00:00.000Z" // the sync and export before this call
		t1 = "2025-03-01T12:05:00.000Z" // this call's sync
		t2 = "2025-03-01T12:05:00.001Z" // its export
	)
	for _, tc := range []struct {
		name       string
		checks     [][]byte // what the reads after the sync see, in turn
		wantDelays []time.Duration
	}{
		{
			name: "the service records the sync late",
			checks: [][]byte{
				indexJSON("idx_1", t0, t0), // the sync is not recorded yet: the old export must not count
				indexJSON("idx_1", t1, t0), // recorded, not exported
				indexJSON("idx_1", t1, t2), // exported
			},
			wantDelays: []time.Duration{time.Second, 2 * time.Second},
		},
		{
			name:       "exported at the sync's own time",
			checks:     [][]byte{indexJSON("idx_1", t1, ""), indexJSON("idx_1", t1, t1)},
			wantDelays: []time.Duration{time.Second},
		},
		{
			name:   "built at the first check",
			checks: [][]byte{indexJSON("idx_1", t1, t2)},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			replies := []testserver.Reply{{Body: indexJSON("idx_1", t0, t0)}, {Body: []byte(`{}`)}}
			for _, c := range tc.checks {
				replies = append(replies, testserver.Reply{Body: c})
			}
			client, reqs := newTestServer(t, replies)
			clock := &fakeClock{}
			ix, err := beta.SyncAndWaitWithHooks(context.Background(), client.Beta.Indexes, clock.hooks(1), "idx_1",
				beta.IndexSyncParams{OrganizationID: llamacloud.String("org_1")}, time.Hour)
			require.NoError(t, err)
			assert.Equal(t, time.Date(2025, 3, 1, 12, 5, 0, 0, time.UTC), ix.LastSyncedAt)
			assert.False(t, ix.LastExportedAt.Before(ix.LastSyncedAt))
			assert.Equal(t, tc.wantDelays, clock.delays)

			want := []string{"GET /api/v1/indexes/idx_1", "POST /api/v1/indexes/idx_1/sync"}
			for range tc.checks {
				want = append(want, "GET /api/v1/indexes/idx_1")
			}
			for _, w := range want {
				s := reqs.Next(t)
				assertCommonHeaders(t, s)
				assert.Equal(t, w, s.Method+" "+s.Path)
				assert.Equal(t, "organization_id=org_1", s.Query.Encode(), "every read is in the sync's organization")
				if s.Method == "POST" {
					assert.JSONEq(t, `{}`, string(s.Body))
				}
			}
			assert.Empty(t, reqs.Unread())
		})
	}
}

func TestIndexSyncAndWaitFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const t0 = "2025-03-01T12:00:00.000Z"

	client, reqs := okServer(t, indexJSON("idx_1", t0, t0))
	_, err := client.Beta.Indexes.SyncAndWait(ctx, "idx_1", beta.IndexSyncParams{}, -time.Second)
	assert.EqualError(t, err, "llamacloud: wait for index: max wait -1s is not positive")
	_, err = client.Beta.Indexes.SyncAndWait(ctx, "", beta.IndexSyncParams{}, time.Minute)
	assert.ErrorContains(t, err, "indexID")
	assert.Empty(t, reqs.Unread(), "bad input sends nothing")

	// The index does not exist: the first read fails and nothing is synced.
	client, reqs = newTestServer(t, []testserver.Reply{{Status: 404, Body: []byte(`{"detail":"Index not found"}`)}})
	ix, err := client.Beta.Indexes.SyncAndWait(ctx, "idx_404", beta.IndexSyncParams{}, time.Minute)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.Nil(t, ix)
	reqs.Next(t)
	assert.Empty(t, reqs.Unread())

	// The sync fails: the index read before it comes back with the error.
	client, reqs = newTestServer(t, []testserver.Reply{{Body: indexJSON("idx_1", t0, t0)}, {Status: 409, Body: []byte(`{"detail":"a sync is running"}`)}})
	ix, err = client.Beta.Indexes.SyncAndWait(ctx, "idx_1", beta.IndexSyncParams{}, time.Minute)
	assert.ErrorIs(t, err, llamacloud.ErrConflict)
	require.NotNil(t, ix)
	assert.Equal(t, "idx_1", ix.ID)
	reqs.Next(t)
	assert.Equal(t, "/api/v1/indexes/idx_1/sync", reqs.Next(t).Path)
	assert.Empty(t, reqs.Unread())

	// The export never comes: out of time, with the last index seen.
	client, reqs = newTestServer(t, []testserver.Reply{{Body: indexJSON("idx_1", t0, t0)}, {Body: []byte(`{}`)}, {Body: indexJSON("idx_1", t0, t0)}})
	clock := &fakeClock{}
	ix, err = beta.SyncAndWaitWithHooks(ctx, client.Beta.Indexes, clock.hooks(0), "idx_1", beta.IndexSyncParams{}, 3*time.Second)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.EqualError(t, err, `llamacloud: index "idx_1" still has status "not exported since the sync" after 3s: context deadline exceeded`)
	require.NotNil(t, ix)
	assert.Equal(t, []time.Duration{time.Second, time.Second, time.Second}, clock.delays)
	for range 2 + 4 {
		reqs.Next(t)
	}
	assert.Empty(t, reqs.Unread())
	assert.Equal(t, 1, strings.Count(err.Error(), "llamacloud:"))
}

// Against the in-memory LlamaCloud, whose builds finish after three reads of the index and
// whose clock is frozen: the waiters poll until the build is exported, then retrieval sees
// the files; a sync's wait is not fooled by the export before it.
func TestIndexWaitersAgainstLlamacloudtest(t *testing.T) {
	t.Parallel()
	frozen := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(3), llamacloudtest.WithClock(func() time.Time { return frozen }))
	t.Cleanup(srv.Close)
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "kb"})
	require.NoError(t, err)
	upload := func(name, text string) {
		_, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
			UploadFile: llamacloud.File(strings.NewReader(text), name, "text/plain"),
		})
		require.NoError(t, err)
	}
	upload("refunds.txt", "Refunds are issued within 14 days.")

	created, err := client.Beta.Indexes.New(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID})
	require.NoError(t, err)
	assert.False(t, created.JSON.LastExportedAt.Valid(), "a new index is not exported yet")

	clock := &fakeClock{}
	var polled []string
	w := beta.NewIndexWaiter(client.Beta.Indexes, func(o *beta.WaiterOptions) {
		o.OnPoll = func(job any) { polled = append(polled, fmt.Sprint(job.(*beta.Index).Metadata["build_state"])) }
	})
	w.SetHooks(clock.hooks(1))
	ix, err := w.Wait(ctx, created.ID, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second}, clock.delays, "three reads, two delays")
	assert.Equal(t, []string{"building", "building", "ready"}, polled)
	assert.False(t, ix.LastExportedAt.Before(ix.LastSyncedAt))
	res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: ix.ID, Query: "refund"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Results)
	assert.Contains(t, res.Results[0].Content, "14 days")

	// A sync of a new file: the wait ends only once that sync is exported.
	upload("shipping.txt", "Delivery in the EU takes 2 to 4 working days.")
	clock = &fakeClock{}
	synced, err := beta.SyncAndWaitWithHooks(ctx, client.Beta.Indexes, clock.hooks(1), ix.ID, beta.IndexSyncParams{}, time.Hour)
	require.NoError(t, err)
	assert.True(t, synced.LastExportedAt.After(ix.LastExportedAt), "a later export, though the clock stood still")
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second}, clock.delays)
	res, err = client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: ix.ID, Query: "delivery EU working days"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Results)
	assert.Contains(t, res.Results[0].Content, "2 to 4 working days")
}

// NewAndWait and SyncAndWait with the fake's default of one read per build: no delay at all.
func TestIndexNewAndSyncAndWaitAgainstLlamacloudtest(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "kb"})
	require.NoError(t, err)
	_, err = client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(strings.NewReader("Passwords are reset from the sign-in page."), "accounts.txt", "text/plain"),
	})
	require.NoError(t, err)

	srv.ClearRequests()
	ix, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID}, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, "ready", ix.Metadata["build_state"])
	res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: ix.ID, Query: "reset password"})
	require.NoError(t, err)
	assert.NotEmpty(t, res.Results)

	again, err := client.Beta.Indexes.SyncAndWait(ctx, ix.ID, beta.IndexSyncParams{}, time.Minute)
	require.NoError(t, err)
	assert.True(t, again.LastExportedAt.After(ix.LastExportedAt))
	var calls []string
	for _, r := range srv.Requests() {
		calls = append(calls, r.Method+" "+strings.TrimPrefix(r.Path, "/api/v1/"))
	}
	assert.Equal(t, []string{
		"POST indexes", "GET indexes/" + ix.ID, // New, one check
		"POST retrieval/retrieve",
		"GET indexes/" + ix.ID, "POST indexes/" + ix.ID + "/sync", "GET indexes/" + ix.ID, // read, Sync, one check
	}, calls, "one check was enough each time: no delay")
}
