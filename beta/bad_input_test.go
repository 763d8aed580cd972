package beta_test

import (
	"context"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/stretchr/testify/assert"
)

// Negative page sizes, limits and offsets are refused before anything is sent, with an
// error naming the parameter and the value.
func TestNegativeCountsAreRefused(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, []byte(`{}`))
	ctx := context.Background()
	for want, call := range map[string]func() error{
		"page_size must not be negative, got -1": func() error {
			_, err := client.Beta.Directories.List(ctx, beta.DirectoryListParams{PageSize: llamacloud.Int(-1)})
			return err
		},
		"page_size must not be negative, got -5": func() error {
			_, err := client.Beta.Directories.Files.List(ctx, "d", beta.DirectoryFileListParams{PageSize: llamacloud.Int(-5)})
			return err
		},
		"top_k must not be negative, got -3": func() error {
			_, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: "i", Query: "q", TopK: llamacloud.Int(-3)})
			return err
		},
		"offset must not be negative, got -2": func() error {
			_, err := client.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{DeploymentName: "d", Offset: llamacloud.Int(-2)})
			return err
		},
		"max_length must not be negative, got -7": func() error {
			_, err := client.Beta.Retrieval.Read(ctx, beta.RetrievalReadParams{IndexID: "i", FileID: "f", MaxLength: llamacloud.Int(-7)})
			return err
		},
	} {
		err := call()
		if assert.ErrorContains(t, err, want) {
			assert.True(t, strings.HasPrefix(err.Error(), "llamacloud: "), err.Error())
			assert.Equal(t, 1, strings.Count(err.Error(), "llamacloud:"), err.Error())
		}
	}
	// The pager reports the same error once, without a request.
	var n int
	for _, err := range client.Beta.Sheets.ListAutoPaging(ctx, beta.SheetListParams{PageSize: llamacloud.Int(-1)}).All() {
		assert.ErrorContains(t, err, "page_size must not be negative")
		n++
	}
	assert.Equal(t, 1, n)
	assert.Empty(t, reqs.Unread())
}

// Path values are escaped as one segment, whatever they hold.
func TestPathValuesAreEscaped(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "directories/get.json"))
	for id, want := range map[string]string{
		"a/b":    "/api/v1/beta/directories/a%2Fb",
		"..":     "/api/v1/beta/directories/%2E%2E",
		"%2F":    "/api/v1/beta/directories/%252F",
		"a?b#c":  "/api/v1/beta/directories/a%3Fb%23c",
		"a b":    "/api/v1/beta/directories/a%20b",
		"日本":     "/api/v1/beta/directories/%E6%97%A5%E6%9C%AC",
		"a\x00b": "/api/v1/beta/directories/a%00b",
	} {
		_, err := client.Beta.Directories.Get(context.Background(), id, beta.DirectoryGetParams{})
		if assert.NoError(t, err, id) {
			assert.Equal(t, want, reqs.Next(t).Path, id)
		}
	}
}
