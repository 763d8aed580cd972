package llamacloud_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
)

func ExampleNewClient() {
	// An in-memory LlamaCloud stands in for the service here. Against the real one,
	// llamacloud.NewClient() is enough: it reads the key from LLAMA_CLOUD_API_KEY.
	srv := llamacloudtest.NewServer()
	defer srv.Close()

	client := llamacloud.NewClient(
		option.WithBaseURL(srv.URL),
		option.WithAPIKey(srv.APIKey),
		option.WithMaxRetries(4),
	)
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "invoices"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Options given to a call apply to that call only.
	got, err := client.Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{}, option.WithMaxRetries(0))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Name, got.ProjectID)
	// Output: invoices proj-default
}

func ExampleError() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.Beta.Directories.Get(context.Background(), "dir-missing", beta.DirectoryGetParams{})
	if errors.Is(err, llamacloud.ErrNotFound) {
		fmt.Println("no such directory")
	}
	var apiErr *llamacloud.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, http.StatusText(apiErr.StatusCode))
		fmt.Println(apiErr.Request.Method, apiErr.Request.URL.Path)
		fmt.Println(apiErr.Message)
	}
	fmt.Println(errors.Is(err, llamacloud.ErrServer))
	// Output:
	// no such directory
	// 404 Not Found
	// GET /api/v1/beta/directories/dir-missing
	// directory "dir-missing" not found
	// false
}
