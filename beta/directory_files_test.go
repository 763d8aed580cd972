package beta_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertExampleFile checks every field of the reference's example directory file.
func assertExampleFile(t *testing.T, f beta.DirectoryFile) {
	t.Helper()
	assert.Equal(t, "id", f.ID)
	assert.Equal(t, "directory_id", f.DirectoryID)
	assert.Equal(t, "x", f.DisplayName)
	assert.Equal(t, "project_id", f.ProjectID)
	assert.Equal(t, "x", f.UniqueID)
	assert.Equal(t, exampleTime, f.CreatedAt)
	assert.Equal(t, exampleTime, f.DeletedAt)
	assert.Equal(t, exampleTime, f.DownloadURL.ExpiresAt)
	assert.Equal(t, "https://example.com", f.DownloadURL.URL)
	assert.Equal(t, map[string]string{"foo": "string"}, f.DownloadURL.FormFields)
	assert.True(t, f.DownloadURL.JSON.FormFields.Valid())
	assert.JSONEq(t, `{"expires_at":"2019-12-27T18:11:19.117Z","url":"https://example.com","form_fields":{"foo":"string"}}`,
		f.DownloadURL.RawJSON())
	assert.Equal(t, "file_id", f.FileID)
	assert.Equal(t, map[string]any{"foo": "string"}, f.Metadata)
	assert.Equal(t, exampleTime, f.UpdatedAt)
	for name, ok := range map[string]bool{
		"id": f.JSON.ID.Valid(), "directory_id": f.JSON.DirectoryID.Valid(), "display_name": f.JSON.DisplayName.Valid(),
		"project_id": f.JSON.ProjectID.Valid(), "unique_id": f.JSON.UniqueID.Valid(), "created_at": f.JSON.CreatedAt.Valid(),
		"deleted_at": f.JSON.DeletedAt.Valid(), "download_url": f.JSON.DownloadURL.Valid(), "file_id": f.JSON.FileID.Valid(),
		"metadata": f.JSON.Metadata.Valid(), "updated_at": f.JSON.UpdatedAt.Valid(),
	} {
		assert.True(t, ok, "JSON.%s should be valid", name)
	}
	assert.JSONEq(t, `{"foo":"string"}`, f.JSON.Metadata.Raw())
	assert.Empty(t, f.JSON.ExtraFields)
	assert.Contains(t, f.RawJSON(), `"unique_id": "x"`)
}

func TestDirectoryFileAdd(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directory_files/add.json"))
	f, err := client.Beta.Directories.Files.Add(context.Background(), "dir_1", beta.DirectoryFileAddParams{
		FileID:      "file_1",
		DisplayName: llamacloud.String("Q3.pdf"),
		Metadata:    map[string]any{"year": 2024.0, "tags": []string{"a", "b"}, "ok": true, "who": "me"},
		ProjectID:   llamacloud.String("p"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1/files", s.Path)
	assert.Equal(t, url.Values{"project_id": {"p"}}, s.Query)
	assert.JSONEq(t, `{"file_id":"file_1","display_name":"Q3.pdf",
		"metadata":{"year":2024,"tags":["a","b"],"ok":true,"who":"me"}}`, string(s.Body))
	assertExampleFile(t, *f)
}

func TestDirectoryFileList(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directory_files/list.json"))
	after := time.Date(2024, 1, 2, 3, 4, 5, 6_000_000, time.FixedZone("CET", 3600))
	page, err := client.Beta.Directories.Files.List(context.Background(), "dir 1", beta.DirectoryFileListParams{
		DisplayName:         llamacloud.String("a.pdf"),
		DisplayNameContains: llamacloud.String("a"),
		Expand:              []string{"download_url", "metadata"},
		FileID:              llamacloud.String("f"),
		IncludeDeleted:      llamacloud.Bool(true),
		PageSize:            llamacloud.Int(100),
		PageToken:           llamacloud.String("t"),
		UniqueID:            llamacloud.String("u"),
		UpdatedAtOnOrAfter:  llamacloud.Time(after),
		UpdatedAtOnOrBefore: param.Null[time.Time](),
		OrganizationID:      llamacloud.String("o"),
		ProjectID:           llamacloud.String("p"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir%201/files", s.Path)
	assert.Equal(t, url.Values{
		"display_name": {"a.pdf"}, "display_name_contains": {"a"}, "expand": {"download_url", "metadata"},
		"file_id": {"f"}, "include_deleted": {"true"}, "page_size": {"100"}, "page_token": {"t"}, "unique_id": {"u"},
		"updated_at_on_or_after": {"2024-01-02T02:04:05.006Z"}, "organization_id": {"o"}, "project_id": {"p"},
	}, s.Query)
	require.Len(t, page.Items, 1)
	assertExampleFile(t, page.Items[0])
	assert.Equal(t, "next_page_token", page.NextPageToken)
	assert.Equal(t, int64(0), page.TotalSize)
}

func TestDirectoryFileGet(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directory_files/get.json"))
	f, err := client.Beta.Directories.Files.Get(context.Background(), "dir_1", "..", beta.DirectoryFileGetParams{})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1/files/%2E%2E", s.Path)
	assert.Empty(t, s.Query)
	assertExampleFile(t, *f)

	// Expand repeats its key, in order, next to the organization.
	_, err = client.Beta.Directories.Files.Get(context.Background(), "dir_1", "df_1", beta.DirectoryFileGetParams{
		Expand:         []string{"download_url", "metadata"},
		OrganizationID: llamacloud.String("org_1"),
	})
	require.NoError(t, err)
	s = reqs.Next(t)
	assert.Equal(t, "GET /api/v1/beta/directories/dir_1/files/df_1", s.Method+" "+s.Path)
	assert.Equal(t, url.Values{"expand": {"download_url", "metadata"}, "organization_id": {"org_1"}}, s.Query)
	assert.Empty(t, s.Body)
}

func TestDirectoryFileUpdate(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directory_files/update.json"))
	params := beta.DirectoryFileUpdateParams{
		DisplayName: llamacloud.String("new"),
		UniqueID:    param.Null[string](),
		Metadata:    map[string]any{"k": "v"},
	}
	f, err := client.Beta.Directories.Files.Update(context.Background(), "dir_1", "df_1", params)
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "PATCH", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1/files/df_1", s.Path)
	assert.Empty(t, s.Query)
	// An empty DirectoryID keeps the file in the directory of the path.
	assert.JSONEq(t, `{"directory_id":"dir_1","display_name":"new","unique_id":null,"metadata":{"k":"v"}}`, string(s.Body))
	assert.Empty(t, params.DirectoryID, "the caller's params must not be changed")
	assertExampleFile(t, *f)

	_, err = client.Beta.Directories.Files.Update(context.Background(), "dir_1", "df_1", beta.DirectoryFileUpdateParams{DirectoryID: "dir_2"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"directory_id":"dir_2"}`, string(reqs.Next(t).Body))
}

func TestDirectoryFileDelete(t *testing.T) {
	t.Parallel()
	client, reqs := newTestServer(t, []testserver.Reply{{Status: 204}})
	err := client.Beta.Directories.Files.Delete(context.Background(), "dir_1", "df#1", beta.DirectoryFileDeleteParams{ProjectID: llamacloud.String("p")})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "DELETE", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1/files/df%231", s.Path)
	assert.Equal(t, url.Values{"project_id": {"p"}}, s.Query)
	assert.Empty(t, s.Body)
}
