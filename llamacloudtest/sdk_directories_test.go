package llamacloudtest_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

const sdkDirsPath = "/api/v1/beta/directories"

func TestSDKDirectoryLifecycle(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithClock(stepClock(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))))
	dirs := client.Beta.Directories

	created, err := dirs.New(ctx, beta.DirectoryNewParams{Name: "invoices", Description: llamacloud.String("scanned PDFs")})
	require.NoError(t, err)
	assert.Regexp(t, `^dir-\d{12}$`, created.ID)
	assert.Equal(t, "invoices", created.Name)
	assert.Equal(t, "scanned PDFs", created.Description)
	assert.Equal(t, srv.ProjectID, created.ProjectID)
	assert.Equal(t, time.Date(2025, 3, 1, 0, 0, 0, int(time.Millisecond), time.UTC), created.CreatedAt)
	assert.False(t, created.JSON.DeletedAt.Valid(), "deleted_at is null")

	got, err := dirs.Get(ctx, created.ID, beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, created.RawJSON(), got.RawJSON())

	renamed, err := dirs.Update(ctx, created.ID, beta.DirectoryUpdateParams{Name: llamacloud.String("bills")})
	require.NoError(t, err)
	assert.Equal(t, "bills", renamed.Name)
	assert.Equal(t, "scanned PDFs", renamed.Description, "an unset field is left alone")
	assert.True(t, renamed.UpdatedAt.After(created.UpdatedAt))

	cleared, err := dirs.Update(ctx, created.ID, beta.DirectoryUpdateParams{Description: param.Null[string]()})
	require.NoError(t, err)
	assert.Equal(t, "bills", cleared.Name)
	assert.True(t, cleared.JSON.Description.Raw() == "null", "description cleared: %s", cleared.RawJSON())
	assert.JSONEq(t, `{"description":null}`, string(requestsTo(srv, http.MethodPatch, sdkDirsPath+"/"+created.ID)[1].Body))

	// An index makes its source directory an "index" directory.
	other, err := dirs.New(ctx, beta.DirectoryNewParams{Name: "source"})
	require.NoError(t, err)
	_, err = client.Beta.Indexes.New(ctx, beta.IndexNewParams{SourceDirectoryID: other.ID})
	require.NoError(t, err)
	for _, tc := range []struct {
		params beta.DirectoryListParams
		want   []string
	}{
		{beta.DirectoryListParams{}, []string{created.ID, other.ID}},
		{beta.DirectoryListParams{Type: beta.DirectoryTypeUser}, []string{created.ID}},
		{beta.DirectoryListParams{Type: beta.DirectoryTypeIndex}, []string{other.ID}},
		{beta.DirectoryListParams{Name: llamacloud.String("bills")}, []string{created.ID}},
		{beta.DirectoryListParams{Name: llamacloud.String("invoices")}, nil},
	} {
		page, err := dirs.List(ctx, tc.params)
		require.NoError(t, err)
		var ids []string
		for _, d := range page.Items {
			ids = append(ids, d.ID)
		}
		assert.Equal(t, tc.want, ids, "%+v", tc.params)
		assert.EqualValues(t, len(tc.want), page.TotalSize)
		assert.Empty(t, page.NextPageToken)
	}

	require.NoError(t, dirs.Delete(ctx, created.ID, beta.DirectoryDeleteParams{}))
	_, err = dirs.Get(ctx, created.ID, beta.DirectoryGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.ErrorIs(t, dirs.Delete(ctx, created.ID, beta.DirectoryDeleteParams{}), llamacloud.ErrNotFound)
	page, err := dirs.List(ctx, beta.DirectoryListParams{IncludeDeleted: llamacloud.Bool(true)})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, created.ID, page.Items[0].ID)
	assert.True(t, page.Items[0].JSON.DeletedAt.Valid())
	assert.False(t, page.Items[0].DeletedAt.Before(page.Items[0].CreatedAt))

	_, err = dirs.New(ctx, beta.DirectoryNewParams{Name: " "})
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable)
}

// TestSDKDirectoryFiles adds, uploads, reads, lists, updates, moves and deletes files.
func TestSDKDirectoryFiles(t *testing.T) {
	t.Parallel()
	// Timestamps a millisecond apart, each 0.4 ms past the millisecond the wire shows.
	srv, client, ctx := sdkServer(t, llamacloudtest.WithClock(subMillisClock(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))))
	files := client.Beta.Directories.Files
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "docs"})
	require.NoError(t, err)
	other, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "archive"})
	require.NoError(t, err)

	// Add a seeded file.
	seeded := srv.PutFile("notes.txt", []byte("plain notes"))
	added, err := files.Add(ctx, dir.ID, beta.DirectoryFileAddParams{FileID: seeded, Metadata: map[string]any{"kind": "notes", "pages": 1.0}})
	require.NoError(t, err)
	assert.Equal(t, dir.ID, added.DirectoryID)
	assert.Equal(t, seeded, added.FileID)
	assert.Equal(t, "notes.txt", added.DisplayName)
	assert.Equal(t, "notes.txt", added.UniqueID, "the unique ID defaults to the file name")
	assert.Equal(t, map[string]any{"kind": "notes", "pages": 1.0}, added.Metadata)
	// 409 is retried by default; the conflict is permanent here, so ask once.
	_, err = files.Add(ctx, dir.ID, beta.DirectoryFileAddParams{FileID: seeded}, option.WithMaxRetries(0))
	assert.ErrorIs(t, err, llamacloud.ErrConflict, "the same unique ID again")
	_, err = files.Add(ctx, dir.ID, beta.DirectoryFileAddParams{FileID: "file-missing"})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)

	// Upload content with every form field, then download it from the presigned URL.
	content := []byte("Quarterly report\n\nRevenue grew by 12 percent.")
	up, err := files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
		UploadFile:     llamacloud.File(bytes.NewReader(content), "q3.md", "text/markdown"),
		DisplayName:    llamacloud.String("Q3 report"),
		ExternalFileID: llamacloud.String("ext-42"),
		UniqueID:       llamacloud.String("reports/q3"),
		Metadata:       map[string]any{"quarter": 3.0, "tags": []any{"finance", "2025"}, "final": true},
	})
	require.NoError(t, err)
	assert.Equal(t, "Q3 report", up.DisplayName)
	assert.Equal(t, "reports/q3", up.UniqueID)
	assert.Equal(t, map[string]any{"quarter": 3.0, "tags": []any{"finance", "2025"}, "final": true}, up.Metadata)
	require.True(t, up.JSON.DownloadURL.Valid())
	assert.True(t, strings.HasPrefix(up.DownloadURL.URL, srv.URL+"/"), up.DownloadURL.URL)
	assert.WithinDuration(t, up.CreatedAt.Add(time.Hour), up.DownloadURL.ExpiresAt, 10*time.Millisecond, "a presigned URL lasts an hour")
	resp, err := http.Get(up.DownloadURL.URL)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, resp.Body.Close())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, content, body)
	assert.Equal(t, "text/markdown", resp.Header.Get("Content-Type"))
	uploads := requestsTo(srv, http.MethodPost, sdkDirsPath+"/"+dir.ID+"/files/upload")
	require.Len(t, uploads, 1)
	assert.True(t, strings.HasPrefix(uploads[0].Header.Get("Content-Type"), "multipart/form-data; boundary="))

	got, err := files.Get(ctx, dir.ID, up.ID, beta.DirectoryFileGetParams{})
	require.NoError(t, err)
	assert.Equal(t, up.ID, got.ID)
	assert.Equal(t, up.FileID, got.FileID)
	assert.Equal(t, up.Metadata, got.Metadata)

	list := func(params beta.DirectoryFileListParams) []string {
		t.Helper()
		var ids []string
		for f, err := range files.ListAutoPaging(ctx, dir.ID, params).All() {
			require.NoError(t, err)
			ids = append(ids, f.ID)
		}
		return ids
	}
	assert.Equal(t, []string{added.ID, up.ID}, list(beta.DirectoryFileListParams{}))
	assert.Equal(t, []string{up.ID}, list(beta.DirectoryFileListParams{DisplayNameContains: llamacloud.String("q3")}))
	assert.Equal(t, []string{added.ID}, list(beta.DirectoryFileListParams{DisplayName: llamacloud.String("notes.txt")}))
	assert.Equal(t, []string{up.ID}, list(beta.DirectoryFileListParams{UniqueID: llamacloud.String("reports/q3")}))
	assert.Equal(t, []string{added.ID}, list(beta.DirectoryFileListParams{FileID: llamacloud.String(seeded)}))
	assert.Equal(t, []string{added.ID, up.ID}, list(beta.DirectoryFileListParams{UpdatedAtOnOrAfter: llamacloud.Time(added.UpdatedAt)}))
	assert.Equal(t, []string{added.ID}, list(beta.DirectoryFileListParams{UpdatedAtOnOrBefore: llamacloud.Time(added.UpdatedAt)}))

	// Update, then move to the other directory.
	updated, err := files.Update(ctx, dir.ID, up.ID, beta.DirectoryFileUpdateParams{
		DisplayName: llamacloud.String("Q3 final"), Metadata: map[string]any{"quarter": 3.0},
	})
	require.NoError(t, err)
	assert.Equal(t, "Q3 final", updated.DisplayName)
	assert.Equal(t, map[string]any{"quarter": 3.0}, updated.Metadata, "metadata is replaced")
	assert.Equal(t, dir.ID, updated.DirectoryID)
	patches := requestsTo(srv, http.MethodPatch, sdkDirsPath+"/"+dir.ID+"/files/"+up.ID)
	require.Len(t, patches, 1)
	assert.JSONEq(t, fmt.Sprintf(`{"directory_id":%q,"display_name":"Q3 final","metadata":{"quarter":3}}`, dir.ID), string(patches[0].Body),
		"an empty DirectoryID sends the current directory")
	moved, err := files.Update(ctx, dir.ID, up.ID, beta.DirectoryFileUpdateParams{DirectoryID: other.ID})
	require.NoError(t, err)
	assert.Equal(t, other.ID, moved.DirectoryID)
	_, err = files.Get(ctx, dir.ID, up.ID, beta.DirectoryFileGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = files.Get(ctx, other.ID, up.ID, beta.DirectoryFileGetParams{})
	assert.NoError(t, err)

	// Soft delete.
	require.NoError(t, files.Delete(ctx, dir.ID, added.ID, beta.DirectoryFileDeleteParams{}))
	_, err = files.Get(ctx, dir.ID, added.ID, beta.DirectoryFileGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	assert.Empty(t, list(beta.DirectoryFileListParams{}))
	assert.Equal(t, []string{added.ID}, list(beta.DirectoryFileListParams{IncludeDeleted: llamacloud.Bool(true)}))
	// The unique ID is free again.
	again, err := files.Add(ctx, dir.ID, beta.DirectoryFileAddParams{FileID: seeded})
	require.NoError(t, err)
	assert.NotEqual(t, added.ID, again.ID)
}

// TestSDKListsPageThrough walks lists of more than three pages with ListAutoPaging(...).All() and
// checks that each page took exactly one request, with the page token of the page before.
func TestSDKListsPageThrough(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t)
	const n, pageSize = 11, 3 // four pages: 3, 3, 3, 2
	const pages = (n + pageSize - 1) / pageSize

	var wantDirs []string
	for i := range n {
		d, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: fmt.Sprintf("dir %02d", i)})
		require.NoError(t, err)
		wantDirs = append(wantDirs, d.ID)
	}
	dirID := wantDirs[0]
	var wantFiles []string
	for i := range n {
		f, err := client.Beta.Directories.Files.Upload(ctx, dirID, beta.DirectoryFileUploadParams{
			UploadFile: llamacloud.File(strings.NewReader(fmt.Sprintf("file %d", i)), fmt.Sprintf("f%02d.txt", i), "text/plain"),
		})
		require.NoError(t, err)
		wantFiles = append(wantFiles, f.ID)
	}
	srv.ClearRequests()

	var gotDirs []string
	for d, err := range client.Beta.Directories.ListAutoPaging(ctx, beta.DirectoryListParams{PageSize: llamacloud.Int(pageSize)}).All() {
		require.NoError(t, err)
		gotDirs = append(gotDirs, d.ID)
	}
	assert.Equal(t, wantDirs, gotDirs)
	checkCursorPages(t, requestsTo(srv, http.MethodGet, sdkDirsPath), pages, pageSize)

	var gotFiles []string
	for f, err := range client.Beta.Directories.Files.ListAutoPaging(ctx, dirID, beta.DirectoryFileListParams{PageSize: llamacloud.Int(pageSize)}).All() {
		require.NoError(t, err)
		gotFiles = append(gotFiles, f.ID)
	}
	assert.Equal(t, wantFiles, gotFiles)
	checkCursorPages(t, requestsTo(srv, http.MethodGet, sdkDirsPath+"/"+dirID+"/files"), pages, pageSize)

	// Stopping early fetches no further page.
	srv.ClearRequests()
	seen := 0
	for _, err := range client.Beta.Directories.ListAutoPaging(ctx, beta.DirectoryListParams{PageSize: llamacloud.Int(pageSize)}).All() {
		require.NoError(t, err)
		if seen++; seen == pageSize+1 {
			break
		}
	}
	assert.Equal(t, 2, countRequests(srv, http.MethodGet, sdkDirsPath))
}

// checkCursorPages checks that reqs are the requests of a page_token walk of pages pages: the
// first without a token, each later one with a different token, all with the page size.
func checkCursorPages(t *testing.T, reqs []llamacloudtest.RecordedRequest, pages, pageSize int) {
	t.Helper()
	require.Len(t, reqs, pages)
	tokens := map[string]bool{}
	for i, r := range reqs {
		q, err := url.ParseQuery(r.RawQuery)
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprint(pageSize), q.Get("page_size"), "request %d", i)
		tok := q.Get("page_token")
		if i == 0 {
			assert.Empty(t, tok, "the first page has no token")
			continue
		}
		assert.NotEmpty(t, tok, "request %d", i)
		assert.False(t, tokens[tok], "token %q sent twice", tok)
		tokens[tok] = true
	}
}
