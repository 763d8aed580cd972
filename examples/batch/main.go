// Batch parses every file of a directory with one batch job: it uploads the documents of
// examples/data, starts a parse job over the directory, waits for it with a job waiter (printing
// each status check from WaiterOptions.OnPoll), lists the job's items and reads the processing
// results of one of them.
//
//	go run ./examples/batch
//
// Without LLAMA_CLOUD_API_KEY it runs against the in-memory LlamaCloud of package llamacloudtest,
// whose jobs advance one state per status check, with waiter delays of a few milliseconds.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// config holds the settings of a run.
type config struct {
	dataDir string                    // documents to upload and parse
	waiter  func(*beta.WaiterOptions) // tunes the waiter's delays
	maxWait time.Duration             // how long to wait for the job
}

func main() {
	var cfg config
	flag.StringVar(&cfg.dataDir, "data", "", "folder of documents to parse (default examples/data)")
	flag.DurationVar(&cfg.maxWait, "max-wait", 30*time.Minute, "how long to wait for the job")
	flag.Parse()

	exampleenv.Main("batch", func(ctx context.Context, env *exampleenv.Env) error {
		if env.Offline() {
			// The in-memory jobs move on at each check, so there is no point in waiting long.
			cfg.waiter = func(o *beta.WaiterOptions) { o.MinDelay, o.MaxDelay = 5*time.Millisecond, 20*time.Millisecond }
		} else {
			cfg.waiter = func(o *beta.WaiterOptions) { o.MinDelay, o.MaxDelay = 2*time.Second, 30*time.Second }
		}
		return run(ctx, os.Stdout, env.Client, cfg)
	}, llamacloudtest.WithJobSteps(1))
}

// run uploads the documents, parses them in one batch job and reports on the job's items.
func run(ctx context.Context, w io.Writer, client *llamacloud.Client, cfg config) (err error) {
	if cfg.dataDir == "" {
		if cfg.dataDir, err = exampleenv.DataDir(); err != nil {
			return err
		}
	}
	paths, err := filepath.Glob(filepath.Join(cfg.dataDir, "*.*"))
	if err != nil || len(paths) == 0 {
		return fmt.Errorf("no documents in %s", cfg.dataDir)
	}

	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "batch-example"})
	if err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	defer func() {
		if derr := exampleenv.DeleteAll(ctx, client, dir.ID, ""); derr != nil {
			err = errors.Join(err, fmt.Errorf("clean up: %w", derr))
		}
	}()
	for _, p := range paths {
		if err := upload(ctx, client, dir.ID, p); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "Uploaded %d files to directory %s\n", len(paths), dir.ID)

	// Start the job: parse every file of the directory with the same settings.
	job, err := client.Beta.Batch.New(ctx, beta.BatchNewParams{
		DirectoryID: llamacloud.String(dir.ID),
		JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{
			Parameters: beta.BatchNewParamsJobConfigParseParameters{
				ParseMode:          beta.ParsingModeParsePageWithoutLlm,
				OutputTablesAsHTML: llamacloud.Bool(true),
			},
		}},
	})
	if err != nil {
		return fmt.Errorf("create batch job: %w", err)
	}
	fmt.Fprintf(w, "Started batch job %s: %d items, status %s\n", job.ID, job.TotalItems, job.Status)

	// Wait for it, printing each status check: OnPoll gets what the check read.
	waiter := beta.NewBatchJobWaiter(client.Beta.Batch, cfg.waiter, func(o *beta.WaiterOptions) {
		o.OnPoll = func(job any) {
			if st, ok := job.(*beta.BatchGetStatusResponse); ok {
				fmt.Fprintf(w, "  check: %-10s %3.0f%% (%d of %d items processed)\n",
					st.Job.Status, st.ProgressPercentage, st.Job.ProcessedItems, st.Job.TotalItems)
			}
		}
	})
	status, err := waiter.Wait(ctx, job.ID, cfg.maxWait)
	if err != nil {
		var failed *beta.JobFailedError[*beta.BatchGetStatusResponse]
		if errors.As(err, &failed) {
			return fmt.Errorf("job %s ended %s: %s", failed.JobID, failed.Status, failed.Job.Job.ErrorMessage)
		}
		return fmt.Errorf("wait for batch job: %w", err)
	}
	j := status.Job
	fmt.Fprintf(w, "Job %s: %d processed, %d failed, %d skipped, in %s\n",
		j.Status, j.ProcessedItems, j.FailedItems, j.SkippedItems, j.CompletedAt.Sub(j.CreatedAt).Round(time.Millisecond))

	// List the items, two per page: the auto-pager follows offset and limit.
	fmt.Fprintln(w, "\nItems:")
	var done *beta.BatchJobItem
	for item, err := range client.Beta.Batch.JobItems.ListAutoPaging(ctx, job.ID, beta.BatchJobItemListParams{Limit: llamacloud.Int(2)}).All() {
		if err != nil {
			return fmt.Errorf("list items: %w", err)
		}
		fmt.Fprintf(w, "  %-30s %-10s %s\n", item.ItemName, item.Status, item.ItemID)
		if done == nil && item.Status == beta.BatchJobItemStatusCompleted {
			done = &item
		}
	}
	if done == nil {
		return errors.New("no item completed")
	}

	// The processing history of one item: which configuration ran and where its output went.
	res, err := client.Beta.Batch.JobItems.GetProcessingResults(ctx, done.ItemID, beta.BatchJobItemGetProcessingResultsParams{})
	if err != nil {
		return fmt.Errorf("processing results: %w", err)
	}
	fmt.Fprintf(w, "\nProcessing results of %s:\n", res.ItemName)
	for _, r := range res.ProcessingResults {
		parse := r.JobConfig.AsParse()
		fmt.Fprintf(w, "  %s job, parse mode %s, parameters hash %.12s…\n  output: %s\n",
			r.JobType, parse.Parameters.ParseMode, r.ParametersHash, r.OutputS3Path)
	}
	return nil
}

// upload sends one file to the directory.
func upload(ctx context.Context, client *llamacloud.Client, dirID, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := client.Beta.Directories.Files.Upload(ctx, dirID, beta.DirectoryFileUploadParams{UploadFile: f}); err != nil {
		return fmt.Errorf("upload %s: %w", filepath.Base(path), err)
	}
	return nil
}
