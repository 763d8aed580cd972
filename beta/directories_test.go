package beta_test

import (
	"context"
	"net/url"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertExampleDirectory checks every field of the reference's example directory.
func assertExampleDirectory(t *testing.T, d beta.Directory) {
	t.Helper()
	assert.Equal(t, "id", d.ID)
	assert.Equal(t, "x", d.Name)
	assert.Equal(t, "project_id", d.ProjectID)
	assert.Equal(t, exampleTime, d.CreatedAt)
	assert.Equal(t, exampleTime, d.DeletedAt)
	assert.Equal(t, "description", d.Description)
	assert.Equal(t, exampleTime, d.UpdatedAt)
	for name, f := range map[string]bool{
		"id": d.JSON.ID.Valid(), "name": d.JSON.Name.Valid(), "project_id": d.JSON.ProjectID.Valid(),
		"created_at": d.JSON.CreatedAt.Valid(), "deleted_at": d.JSON.DeletedAt.Valid(),
		"description": d.JSON.Description.Valid(), "updated_at": d.JSON.UpdatedAt.Valid(),
	} {
		assert.True(t, f, "JSON.%s should be valid", name)
	}
	assert.Equal(t, `"2019-12-27T18:11:19.117Z"`, d.JSON.CreatedAt.Raw())
	assert.Empty(t, d.JSON.ExtraFields)
	assert.JSONEq(t, `{"id":"id","name":"x","project_id":"project_id","created_at":"2019-12-27T18:11:19.117Z",
		"deleted_at":"2019-12-27T18:11:19.117Z","description":"description","updated_at":"2019-12-27T18:11:19.117Z"}`, d.RawJSON())
}

func TestDirectoryNew(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/new.json"))
	dir, err := client.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{
		Name:        "x",
		Description: llamacloud.String("invoices"),
		ProjectID:   llamacloud.String("proj 1"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/beta/directories", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj 1"}}, s.Query)
	assert.JSONEq(t, `{"name":"x","description":"invoices"}`, string(s.Body))
	assertExampleDirectory(t, *dir)
}

func TestDirectoryNewSendsNullAndOmits(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/new.json"))
	_, err := client.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{
		Name:        "",
		Description: param.Null[string](),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	// A required string is sent even when empty; a null Opt is sent as null.
	assert.JSONEq(t, `{"name":"","description":null}`, string(s.Body))
	assert.Empty(t, s.Query)
}

func TestDirectoryList(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/list.json"))
	page, err := client.Beta.Directories.List(context.Background(), beta.DirectoryListParams{
		IncludeDeleted: llamacloud.Bool(false),
		Name:           llamacloud.String("a&b"),
		PageSize:       llamacloud.Int(25),
		PageToken:      llamacloud.String("tok"),
		Type:           beta.DirectoryTypeIndex,
		OrganizationID: llamacloud.String("org"),
		ProjectID:      llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/directories", s.Path)
	assert.Equal(t, url.Values{
		"include_deleted": {"false"}, "name": {"a&b"}, "page_size": {"25"}, "page_token": {"tok"},
		"type": {"index"}, "organization_id": {"org"}, "project_id": {"proj"},
	}, s.Query)
	assert.Empty(t, s.Body)
	require.Len(t, page.Items, 1)
	assertExampleDirectory(t, page.Items[0])
	assert.Equal(t, "next_page_token", page.NextPageToken)
	assert.Equal(t, int64(0), page.TotalSize)
	assert.True(t, page.JSON.TotalSize.Valid())
}

func TestDirectoryGet(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/get.json"))
	dir, err := client.Beta.Directories.Get(context.Background(), "dir/../1?x#y", beta.DirectoryGetParams{})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir%2F..%2F1%3Fx%23y", s.Path)
	assert.Empty(t, s.Query)
	assertExampleDirectory(t, *dir)
}

func TestDirectoryUpdate(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/update.json"))
	dir, err := client.Beta.Directories.Update(context.Background(), "dir_1", beta.DirectoryUpdateParams{
		Description: param.Null[string](),
		Name:        llamacloud.String("renamed"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "PATCH", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1", s.Path)
	assert.Empty(t, s.Query)
	assert.JSONEq(t, `{"description":null,"name":"renamed"}`, string(s.Body))
	assertExampleDirectory(t, *dir)
}

func TestDirectoryDelete(t *testing.T) {
	t.Parallel()
	client, reqs := newTestServer(t, []testserver.Reply{{Status: 204}})
	err := client.Beta.Directories.Delete(context.Background(), "dir_1", beta.DirectoryDeleteParams{
		OrganizationID: llamacloud.String("org"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "DELETE", s.Method)
	assert.Equal(t, "/api/v1/beta/directories/dir_1", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}}, s.Query)
	assert.Empty(t, s.Body)
}

func TestDirectoryEmptyPathArgument(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/get.json"))
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"get": func() error { _, err := client.Beta.Directories.Get(ctx, "", beta.DirectoryGetParams{}); return err },
		"update": func() error {
			_, err := client.Beta.Directories.Update(ctx, " ", beta.DirectoryUpdateParams{})
			return err
		},
		"delete": func() error { return client.Beta.Directories.Delete(ctx, "\t", beta.DirectoryDeleteParams{}) },
		"file get": func() error {
			_, err := client.Beta.Directories.Files.Get(ctx, "dir", "", beta.DirectoryFileGetParams{})
			return err
		},
	} {
		err := call()
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "must not be empty", name)
	}
	assert.Empty(t, reqs.Unread(), "no request may be sent for an empty path argument")
}

func TestClientWideProjectIsOverriddenByParams(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/get.json"),
		option.WithProjectID("client-proj"), option.WithOrganizationID("client-org"))
	_, err := client.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"project_id": {"client-proj"}, "organization_id": {"client-org"}}, reqs.Next(t).Query)

	_, err = client.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{ProjectID: llamacloud.String("call-proj")},
		option.WithOrganizationID("call-org"))
	require.NoError(t, err)
	assert.Equal(t, url.Values{"project_id": {"call-proj"}, "organization_id": {"call-org"}}, reqs.Next(t).Query)

	// The per-call option did not change the client.
	_, err = client.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"project_id": {"client-proj"}, "organization_id": {"client-org"}}, reqs.Next(t).Query)
}
