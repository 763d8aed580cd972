package beta_test

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// The examples of index waiting and folder uploads; the others are in example_test.go.

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

func ExampleIndexService_NewAndWait() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "handbook"})
	if err != nil {
		fmt.Println(err)
		return
	}
	docs := fstest.MapFS{"leave-policy.md": {Data: []byte(handbook["leave-policy.md"])}}
	if _, err := client.Beta.Directories.Files.UploadFS(ctx, dir.ID, docs, beta.DirectoryFileUploadFSParams{}); err != nil {
		fmt.Println(err)
		return
	}

	// The service builds the index in the background: NewAndWait returns once the build is
	// exported, so retrieval sees every file.
	idx, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID}, 10*time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(idx.JSON.LastExportedAt.Valid(), !idx.LastExportedAt.Before(idx.LastSyncedAt))
	res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: idx.ID, Query: "parental leave", TopK: llamacloud.Int(1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Results), firstWords(res.Results[0].Content, 10))
	// Output:
	// true true
	// 1 # Leave policy Birth parents receive 20 weeks of fully
}

func ExampleNewIndexWaiter() {
	// Builds of this server are exported after three reads of the index.
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(3))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "empty"})
	if err != nil {
		fmt.Println(err)
		return
	}
	idx, err := client.Beta.Indexes.New(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID})
	if err != nil {
		fmt.Println(err)
		return
	}

	// Poll quickly for the example (the defaults are 1 s growing to 30 s) and show each check.
	w := beta.NewIndexWaiter(client.Beta.Indexes, func(o *beta.WaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, 10*time.Millisecond
		o.OnPoll = func(job any) {
			if ix, ok := job.(*beta.Index); ok {
				fmt.Println("check:", ix.Metadata["build_state"], ix.JSON.LastExportedAt.Valid())
			}
		}
	})
	idx, err = w.Wait(ctx, idx.ID, time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("built:", !idx.LastExportedAt.Before(idx.LastSyncedAt))
	// Output:
	// check: building false
	// check: building false
	// check: ready true
	// built: true
}

func ExampleIndexService_SyncAndWait() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "handbook"})
	if err != nil {
		fmt.Println(err)
		return
	}
	idx, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID}, 10*time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}

	// A file added later is searchable once a sync of the index is exported.
	docs := fstest.MapFS{"q3-report.md": {Data: []byte(handbook["q3-report.md"])}}
	if _, err := client.Beta.Directories.Files.UploadFS(ctx, dir.ID, docs, beta.DirectoryFileUploadFSParams{}); err != nil {
		fmt.Println(err)
		return
	}
	synced, err := client.Beta.Indexes.SyncAndWait(ctx, idx.ID, beta.IndexSyncParams{}, 10*time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(synced.LastExportedAt.After(idx.LastExportedAt))
	res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{IndexID: idx.ID, Query: "revenue growth", TopK: llamacloud.Int(1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(firstWords(res.Results[0].Content, 10))
	// Output:
	// true
	// # Q3 2024 report Total revenue grew 18% year over
}

func ExampleDirectoryFileService_UploadFS() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "handbook"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Any fs.FS works: os.DirFS("docs") for a folder on disk, an embed.FS, a zip.Reader.
	docs := fstest.MapFS{
		"policies/leave.md":  {Data: []byte(handbook["leave-policy.md"])},
		"finance/q3.md":      {Data: []byte(handbook["q3-report.md"])},
		"finance/prices.csv": {Data: []byte(handbook["pricing.csv"])},
		"finance/.DS_Store":  {Data: []byte{0}},
	}
	params := beta.DirectoryFileUploadFSParams{
		Concurrency: 2,
		Include:     func(p string, d fs.DirEntry) bool { return !strings.HasPrefix(d.Name(), ".") },
		Metadata:    func(p string) map[string]any { return map[string]any{"team": path.Dir(p)} },
		Progress: func(p beta.UploadProgress) {
			if p.Done == p.Total { // one call per finished file; print the last one
				fmt.Printf("%d/%d files, %d bytes\n", p.Done, p.Total, p.BytesDone)
			}
		},
	}
	res, err := client.Beta.Directories.Files.UploadFS(ctx, dir.ID, docs, params)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Uploaded {
		fmt.Println(f.UniqueID, f.Metadata["team"])
	}

	// A second run skips what is already there: nothing is uploaded again.
	params.Progress = nil
	res, err = client.Beta.Directories.Files.UploadFS(ctx, dir.ID, docs, params)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Uploaded), "uploaded,", len(res.Skipped), "skipped")
	// Output:
	// 3/3 files, 337 bytes
	// finance/prices.csv finance
	// finance/q3.md finance
	// policies/leave.md policies
	// 0 uploaded, 3 skipped
}
