package llamacloud_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

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

// Reach an endpoint the SDK has no method for yet: the request goes through the same
// pipeline as the typed calls (key, base URL, retries, errors).
func ExampleClient_Execute() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// params: any JSON value (here a map) is the body of a POST, PUT or PATCH.
	var dir beta.Directory // res: a response type, a struct of your own, a map, *any, …
	err := client.Execute(ctx, http.MethodPost, "api/v1/beta/directories",
		map[string]any{"name": "invoices", "description": "Q3"}, &dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dir.Name, dir.Description)

	// An error is a *llamacloud.Error, as from typed calls.
	err = client.Execute(ctx, http.MethodGet, "api/v1/beta/directories/dir-missing", nil, nil)
	fmt.Println(errors.Is(err, llamacloud.ErrNotFound))
	// Output:
	// invoices Q3
	// true
}

func ExampleClient_Get() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "invoices"})
	if err != nil {
		fmt.Println(err)
		return
	}

	// Escape path values yourself; url.Values (or a params struct) fill the query.
	var page struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}
	err = client.Get(ctx, "api/v1/beta/directories", url.Values{"page_size": {"10"}}, &page)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Items), page.Items[0].Name)

	// *json.RawMessage (or *[]byte) takes the body as it came.
	var raw json.RawMessage
	if err := client.Get(ctx, "api/v1/beta/directories/"+url.PathEscape(dir.ID), nil, &raw); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(json.Valid(raw))
	// Output:
	// 1 invoices
	// true
}
