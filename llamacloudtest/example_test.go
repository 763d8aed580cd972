package llamacloudtest_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

func ExampleNewServer() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "invoices"})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := client.Beta.Directories.Get(ctx, dir.ID, beta.DirectoryGetParams{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Name, got.ProjectID == srv.ProjectID)
	// Output: invoices true
}

func ExampleServer_FailNext() {
	srv := llamacloudtest.NewUnstartedServer()
	srv.FailNext(2, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1})
	srv.Start()
	defer srv.Close()

	// The client retries twice by default, so the third attempt succeeds.
	_, err := srv.Client().Beta.Directories.New(context.Background(), beta.DirectoryNewParams{Name: "x"})
	fmt.Println(err, len(srv.Requests()))
	// Output: <nil> 3
}
