package beta_test

import (
	"context"
	"net/url"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertExampleIndex checks every field of the reference's example index against golden.
func assertExampleIndex(t *testing.T, idx beta.Index, golden []byte) {
	t.Helper()
	assert.Equal(t, "id", idx.ID)
	assert.Equal(t, "export_config_id", idx.ExportConfigID)
	assert.Equal(t, "name", idx.Name)
	assert.Equal(t, "project_id", idx.ProjectID)
	assert.Equal(t, "source_directory_id", idx.SourceDirectoryID)
	assert.Equal(t, "sync_config_id", idx.SyncConfigID)
	assert.Equal(t, exampleTime, idx.CreatedAt)
	assert.Equal(t, "description", idx.Description)
	assert.Equal(t, exampleTime, idx.LastExportedAt)
	assert.Equal(t, exampleTime, idx.LastSyncedAt)
	assert.Equal(t, map[string]any{"foo": "bar"}, idx.Metadata)
	assert.Equal(t, exampleTime, idx.UpdatedAt)
	for name, valid := range map[string]bool{
		"id": idx.JSON.ID.Valid(), "export_config_id": idx.JSON.ExportConfigID.Valid(),
		"name": idx.JSON.Name.Valid(), "project_id": idx.JSON.ProjectID.Valid(),
		"source_directory_id": idx.JSON.SourceDirectoryID.Valid(), "sync_config_id": idx.JSON.SyncConfigID.Valid(),
		"created_at": idx.JSON.CreatedAt.Valid(), "description": idx.JSON.Description.Valid(),
		"last_exported_at": idx.JSON.LastExportedAt.Valid(), "last_synced_at": idx.JSON.LastSyncedAt.Valid(),
		"metadata": idx.JSON.Metadata.Valid(), "updated_at": idx.JSON.UpdatedAt.Valid(),
	} {
		assert.True(t, valid, "JSON.%s should be valid", name)
	}
	assert.Equal(t, `"2019-12-27T18:11:19.117Z"`, idx.JSON.LastSyncedAt.Raw())
	assert.JSONEq(t, `{"foo":"bar"}`, idx.JSON.Metadata.Raw())
	assert.Empty(t, idx.JSON.ExtraFields)
	assert.JSONEq(t, string(golden), idx.RawJSON())
}

func TestIndexGet(t *testing.T) {
	t.Parallel()
	body := golden(t, "indexes/get.json")
	client, reqs := okServer(t, body)
	idx, err := client.Beta.Indexes.Get(context.Background(), "idx/../1?x#y", beta.IndexGetParams{
		OrganizationID: llamacloud.String("org 1"),
		ProjectID:      llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/indexes/idx%2F..%2F1%3Fx%23y", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org 1"}, "project_id": {"proj"}}, s.Query)
	assert.Empty(t, s.Body)
	assertExampleIndex(t, *idx, body)
}

func TestIndexDelete(t *testing.T) {
	t.Parallel()
	client, reqs := newTestServer(t, []testserver.Reply{{Status: 204}})
	err := client.Beta.Indexes.Delete(context.Background(), "idx_1", beta.IndexDeleteParams{
		ProjectID: llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "DELETE", s.Method)
	assert.Equal(t, "/api/v1/indexes/idx_1", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj"}}, s.Query)
	assert.Empty(t, s.Body)
}

func TestIndexNew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		params beta.IndexNewParams
		query  url.Values
		body   string
	}{{
		name: "every field",
		params: beta.IndexNewParams{
			SourceDirectoryID: "dir-abc123",
			Description:       llamacloud.String("quarterly reports"),
			Products: []beta.IndexNewParamsProduct{
				{ProductConfigID: "cfg_parse", ProductType: beta.IndexProductTypeParse},
				{ProductConfigID: "cfg_extract", ProductType: beta.IndexProductTypeExtract},
			},
			OrganizationID: llamacloud.String("org"),
			ProjectID:      llamacloud.String("proj"),
		},
		query: url.Values{"organization_id": {"org"}, "project_id": {"proj"}},
		body: `{"source_directory_id":"dir-abc123","description":"quarterly reports","products":[
			{"product_config_id":"cfg_parse","product_type":"parse"},
			{"product_config_id":"cfg_extract","product_type":"extract"}]}`,
	}, {
		name:   "required only",
		params: beta.IndexNewParams{SourceDirectoryID: "dir-abc123"},
		body:   `{"source_directory_id":"dir-abc123"}`,
	}, {
		name:   "null description and empty products",
		params: beta.IndexNewParams{SourceDirectoryID: "d", Description: param.Null[string](), Products: []beta.IndexNewParamsProduct{}},
		body:   `{"source_directory_id":"d","description":null,"products":[]}`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := golden(t, "indexes/new.json")
			client, reqs := okServer(t, body)
			idx, err := client.Beta.Indexes.New(context.Background(), tc.params)
			require.NoError(t, err)
			s := reqs.Next(t)
			assertCommonHeaders(t, s)
			assert.Equal(t, "POST", s.Method)
			assert.Equal(t, "/api/v1/indexes", s.Path)
			if tc.query == nil {
				assert.Empty(t, s.Query)
			} else {
				assert.Equal(t, tc.query, s.Query)
			}
			assert.JSONEq(t, tc.body, string(s.Body))
			assertExampleIndex(t, *idx, body)
		})
	}
}

func TestIndexSync(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "indexes/sync.json"))
	res, err := client.Beta.Indexes.Sync(context.Background(), "idx 1", beta.IndexSyncParams{
		OrganizationID: llamacloud.String("org"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/indexes/idx%201/sync", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}}, s.Query)
	assert.JSONEq(t, `{}`, string(s.Body))
	assert.JSONEq(t, `{}`, res.RawJSON())
	assert.Empty(t, res.JSON.ExtraFields)
}

func TestIndexSyncKeepsFreeFormJSON(t *testing.T) {
	t.Parallel()
	body := `{"status":"started","job":{"id":"job_1","files":[1,2]},"note":null}`
	client, _ := okServer(t, []byte(body))
	res, err := client.Beta.Indexes.Sync(context.Background(), "idx_1", beta.IndexSyncParams{})
	require.NoError(t, err)
	assert.Equal(t, body, res.RawJSON())
	require.Len(t, res.JSON.ExtraFields, 3)
	assert.Equal(t, `"started"`, res.JSON.ExtraFields["status"].Raw())
	assert.JSONEq(t, `{"id":"job_1","files":[1,2]}`, res.JSON.ExtraFields["job"].Raw())
	assert.True(t, res.JSON.ExtraFields["note"].IsNull())
}

func TestIndexEmptyPathArgument(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "indexes/get.json"))
	ctx := context.Background()
	for name, call := range map[string]func(id string) error{
		"get": func(id string) error {
			_, err := client.Beta.Indexes.Get(ctx, id, beta.IndexGetParams{})
			return err
		},
		"delete": func(id string) error { return client.Beta.Indexes.Delete(ctx, id, beta.IndexDeleteParams{}) },
		"sync": func(id string) error {
			_, err := client.Beta.Indexes.Sync(ctx, id, beta.IndexSyncParams{})
			return err
		},
	} {
		for _, id := range []string{"", " \t"} {
			err := call(id)
			if assert.Error(t, err, "%s(%q)", name, id) {
				assert.Contains(t, err.Error(), "indexID", "%s(%q)", name, id)
				assert.Contains(t, err.Error(), "llamacloud:", "%s(%q)", name, id)
			}
		}
	}
	assert.Empty(t, reqs.Unread(), "no request may be sent")
}
