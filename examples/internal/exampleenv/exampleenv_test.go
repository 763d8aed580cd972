package exampleenv_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

func TestOpenWithoutKeyStartsTheFake(t *testing.T) {
	t.Setenv(exampleenv.APIKeyVar, "")
	var notice bytes.Buffer
	env := exampleenv.Open(&notice)
	t.Cleanup(env.Close)

	require.True(t, env.Offline())
	assert.Equal(t, exampleenv.OfflineNotice+"\n", notice.String())
	dir, err := env.Client.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "reports"})
	require.NoError(t, err)
	assert.Equal(t, "reports", dir.Name)
	assert.Len(t, env.Fake.Requests(), 1, "the client talks to the in-memory server")
	assert.Equal(t, "the in-memory LlamaCloud of llamacloudtest at "+env.Fake.URL, env.Backend())
	assert.True(t, strings.HasPrefix(env.Fake.URL, "http://127.0.0.1:"), env.Fake.URL)
	env.Close() // a second Close is harmless
}

func TestOpenWithKeyUsesTheRealClient(t *testing.T) {
	srv := testserver.New(t, testserver.Reply{Body: []byte(`{"id":"dir_1","name":"reports","project_id":"p"}`)})
	t.Setenv(exampleenv.APIKeyVar, "llx-secret")
	t.Setenv("LLAMA_CLOUD_BASE_URL", srv.URL)

	var notice bytes.Buffer
	env := exampleenv.Open(&notice)
	t.Cleanup(env.Close)

	assert.False(t, env.Offline())
	assert.Nil(t, env.Fake)
	assert.Empty(t, notice.String(), "no notice when the key is set")
	assert.Equal(t, "LlamaCloud at "+srv.URL, env.Backend())
	dir, err := env.Client.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "reports"})
	require.NoError(t, err)
	assert.Equal(t, "dir_1", dir.ID)
	sent := srv.Next(t)
	assert.Equal(t, "Bearer llx-secret /api/v1/beta/directories", sent.Header.Get("Authorization")+" "+sent.Path)
}

func TestBackendOfTheRealServiceDefaultsToItsURL(t *testing.T) {
	t.Setenv(exampleenv.APIKeyVar, "llx-secret")
	t.Setenv("LLAMA_CLOUD_BASE_URL", "")
	env := exampleenv.Open(&bytes.Buffer{})
	t.Cleanup(env.Close)
	assert.Equal(t, "LlamaCloud at https://api.cloud.llamaindex.ai", env.Backend())
}

func TestDataDirHoldsTheSampleDocuments(t *testing.T) {
	dir, err := exampleenv.DataDir()
	require.NoError(t, err)
	for _, name := range []string{"q3-2024-quarterly-report.md", "hr-leave-policy.txt", "pricing.csv", "product-faq.html", "incident-log.json"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if assert.NoError(t, err, name) {
			assert.Positive(t, fi.Size(), name)
		}
	}
}

func TestDeleteAllWorksAfterAnInterrupt(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	client := srv.Client()
	dir, err := client.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "d"})
	require.NoError(t, err)
	idx, err := client.Beta.Indexes.New(context.Background(), beta.IndexNewParams{SourceDirectoryID: dir.ID})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as an interrupt would

	require.NoError(t, exampleenv.DeleteAll(ctx, client, dir.ID, idx.ID))
	_, err = client.Beta.Indexes.Get(context.Background(), idx.ID, beta.IndexGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	page, err := client.Beta.Directories.List(context.Background(), beta.DirectoryListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items)

	// A second time, both are gone: the errors of both come back.
	err = exampleenv.DeleteAll(ctx, client, dir.ID, idx.ID)
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}
