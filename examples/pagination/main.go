// Pagination is a batch-script style walk over thousands of records. It stores 3,000 agent-data
// records (several workers sharing one client), then reads them all back with
// SearchAutoPaging(…).All(), 100 to a page, counting records and pages; then it shows that
// breaking out of the loop stops the fetching; finally it deletes what it stored.
//
//	go run ./examples/pagination
//	go run ./examples/pagination -n 500 -page-size 50 -stop-after 120
//
// Without LLAMA_CLOUD_API_KEY it runs against the in-memory LlamaCloud of package llamacloudtest
// and takes a second or two.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
	"github.com/run-llama/llama-cloud-go/option"
)

// config holds the command-line settings of a run.
type config struct {
	records    int    // how many records to store and read back
	pageSize   int64  // records per page
	workers    int    // concurrent writers
	stopAfter  int    // records read before breaking out of the second loop
	deployment string // agent deployment the records belong to
	collection string // collection of this run, deleted at the end
}

func main() {
	cfg := config{deployment: "pagination-demo"}
	flag.IntVar(&cfg.records, "n", 3000, "number of records to create and page through")
	flag.Int64Var(&cfg.pageSize, "page-size", 100, "records per page")
	flag.IntVar(&cfg.workers, "workers", 8, "concurrent writers")
	flag.IntVar(&cfg.stopAfter, "stop-after", 250, "records to read before breaking out of the loop")
	flag.Parse()
	cfg.collection = fmt.Sprintf("run-%d", time.Now().Unix())

	exampleenv.Main("pagination", func(ctx context.Context, env *exampleenv.Env) error {
		return run(ctx, os.Stdout, env.Client, cfg)
	})
}

// run stores the records, pages through them twice and deletes them, reporting to w.
func run(ctx context.Context, w io.Writer, client *llamacloud.Client, cfg config) (err error) {
	if cfg.records < 1 || cfg.pageSize < 1 || cfg.workers < 1 || cfg.stopAfter < 0 {
		return fmt.Errorf("-n, -page-size and -workers must be positive and -stop-after not negative")
	}
	defer func() { err = errors.Join(err, cleanUp(ctx, w, client, cfg)) }()

	start := time.Now()
	fmt.Fprintf(w, "Creating %d records in %s/%s with %d workers...\n", cfg.records, cfg.deployment, cfg.collection, cfg.workers)
	if err := create(ctx, client, cfg); err != nil {
		return err
	}
	fmt.Fprintf(w, "  created %d records in %s\n", cfg.records, since(start))

	// Every request the pagers send passes through this middleware, so it counts pages.
	var pages atomic.Int64
	countPages := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		pages.Add(1)
		return next(r)
	})
	params := beta.AgentDataSearchParams{
		DeploymentName: cfg.deployment,
		Collection:     llamacloud.String(cfg.collection),
		OrderBy:        llamacloud.String("data.seq"),
		PageSize:       llamacloud.Int(cfg.pageSize),
	}

	// 1. Walk every record: All fetches the next page only when the current one is used up.
	start = time.Now()
	fmt.Fprintf(w, "\nReading every record, %d per page, with SearchAutoPaging(...).All():\n", cfg.pageSize)
	seen := make([]bool, cfg.records)
	count, inOrder := 0, true
	for rec, err := range client.Beta.AgentData.SearchAutoPaging(ctx, params, countPages).All() {
		if err != nil {
			return fmt.Errorf("after %d records: %w", count, err)
		}
		seq, ok := rec.Data["seq"].(float64)
		if !ok || int(seq) < 0 || int(seq) >= cfg.records || seen[int(seq)] {
			return fmt.Errorf("record %s has an unexpected or repeated seq %v", rec.ID, rec.Data["seq"])
		}
		seen[int(seq)] = true
		inOrder = inOrder && int(seq) == count
		count++
	}
	fmt.Fprintf(w, "  %d records in %d pages in %s; each record seen once, in seq order: %t\n",
		count, pages.Load(), since(start), count == cfg.records && inOrder)

	// 2. Breaking out of the loop stops the pager: the pages after the current one are never
	// requested.
	pages.Store(0)
	count = 0
	for _, err := range client.Beta.AgentData.SearchAutoPaging(ctx, params, countPages).All() {
		if err != nil {
			return err
		}
		if count == cfg.stopAfter {
			break
		}
		count++
	}
	total := (int64(cfg.records) + cfg.pageSize - 1) / cfg.pageSize
	fmt.Fprintf(w, "\nBreaking out after %d records:\n  %d of %d pages fetched; the other %d were never requested\n",
		count, pages.Load(), total, total-pages.Load())
	return nil
}

// create stores cfg.records records with cfg.workers concurrent writers; the client is safe for
// concurrent use. The first error stops the other writers.
func create(ctx context.Context, client *llamacloud.Client, cfg config) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				_, err := client.Beta.AgentData.New(ctx, beta.AgentDataNewParams{
					DeploymentName: cfg.deployment,
					Collection:     llamacloud.String(cfg.collection),
					Data: map[string]any{
						"seq":      i,
						"customer": fmt.Sprintf("customer-%04d", i%997),
						"amount":   float64(i%500) + 0.99,
						"region":   []string{"emea", "amer", "apac"}[i%3],
					},
				})
				if err != nil {
					cancel(fmt.Errorf("create record %d: %w", i, err))
				}
			}
		}()
	}
feed:
	for i := range cfg.records {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}

// cleanUp deletes the run's collection, even when ctx was cancelled by an interrupt.
func cleanUp(ctx context.Context, w io.Writer, client *llamacloud.Client, cfg config) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	res, err := client.Beta.AgentData.DeleteByQuery(ctx, beta.AgentDataDeleteByQueryParams{
		DeploymentName: cfg.deployment,
		Collection:     llamacloud.String(cfg.collection),
	})
	if err != nil {
		return fmt.Errorf("clean up: %w", err)
	}
	fmt.Fprintf(w, "\nCleaned up: deleted %d records of collection %s\n", res.DeletedCount, cfg.collection)
	return nil
}

// since returns the time elapsed since start, rounded for printing.
func since(start time.Time) time.Duration {
	return time.Since(start).Round(time.Millisecond)
}
