// Ingest uploads a folder into a LlamaCloud directory, four files at a time, with a one-line
// progress display on standard error; then it builds an index over the directory, waits until
// the index is ready and runs one query against it.
//
//	go run ./examples/ingest                       # the sample documents of examples/data
//	go run ./examples/ingest ~/reports -q "Q3 revenue"
//	go run ./examples/ingest -index idx-123 ~/reports  # sync an existing index instead
//
// Re-running it is cheap: the directory is found by name (-dir), and files already in it (same
// path, which is their unique ID) are skipped without sending their content, so an interrupted
// run picks up where it stopped and a finished one uploads nothing new. The first run prints the
// index ID; pass it with -index next time to sync that index rather than build another.
//
// Without LLAMA_CLOUD_API_KEY it runs against the in-memory LlamaCloud of package llamacloudtest,
// which starts empty every time. With the key it uses the real service and keeps what it made
// (pass -delete to remove the directory and index at the end).
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
)

// config holds the settings of a run.
type config struct {
	folder      string        // what to upload; "" is examples/data
	dirName     string        // the directory to upload into, found by name or created
	indexID     string        // an index over that directory to sync; "" builds a new one
	question    string        // the query run at the end
	concurrency int           // uploads in flight
	maxWait     time.Duration // how long to wait for the index
	delete      bool          // delete the directory and index at the end
	backend     string        // what the client talks to, printed first when not empty
	progress    io.Writer     // where the progress line goes (standard error)
	now         func() time.Time
}

func main() {
	cfg := config{progress: os.Stderr, now: time.Now}
	flag.StringVar(&cfg.dirName, "dir", "ingest-example", "name of the directory to upload into (found or created)")
	flag.StringVar(&cfg.indexID, "index", "", "ID of an index over that directory to sync (default: build a new index)")
	flag.StringVar(&cfg.question, "q", "How much did revenue grow in Q3 2024?", "query to run once the index is ready")
	flag.IntVar(&cfg.concurrency, "concurrency", beta.DefaultUploadConcurrency, "uploads in flight at once")
	flag.DurationVar(&cfg.maxWait, "max-wait", 30*time.Minute, "how long to wait for the index to be built")
	flag.BoolVar(&cfg.delete, "delete", false, "delete the directory and the index at the end")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: ingest [flags] [folder]\n\nUploads folder (default examples/data) and indexes it.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	cfg.folder = flag.Arg(0)

	exampleenv.Main("ingest", func(ctx context.Context, env *exampleenv.Env) error {
		cfg.backend = env.Backend()
		return run(ctx, os.Stdout, env.Client, cfg)
	})
}

// run uploads cfg.folder, builds or syncs the index and queries it, reporting to w.
func run(ctx context.Context, w io.Writer, client *llamacloud.Client, cfg config) (err error) {
	if cfg.backend != "" {
		fmt.Fprintf(w, "Backend: %s\n", cfg.backend)
	}
	if cfg.folder == "" {
		if cfg.folder, err = exampleenv.DataDir(); err != nil {
			return err
		}
	}
	if fi, err := os.Stat(cfg.folder); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", cfg.folder)
	}
	dir, err := findOrCreateDirectory(ctx, w, client, cfg.dirName)
	if err != nil {
		return err
	}
	indexID := cfg.indexID
	if cfg.delete {
		defer func() { err = errors.Join(err, deleteAll(ctx, w, client, dir.ID, indexID)) }()
	}

	// 1. Upload: every file of the folder but hidden ones, each under its path in the folder.
	fmt.Fprintf(w, "Uploading %s, %d at a time\n", cfg.folder, cmp.Or(cfg.concurrency, beta.DefaultUploadConcurrency))
	bar := &progressLine{w: cfg.progress, now: cfg.now, start: cfg.now()}
	res, uploadErr := client.Beta.Directories.Files.UploadFS(ctx, dir.ID, os.DirFS(cfg.folder), beta.DirectoryFileUploadFSParams{
		Concurrency: cfg.concurrency,
		Include: func(p string, d fs.DirEntry) bool {
			return !strings.HasPrefix(d.Name(), ".")
		},
		Metadata: func(p string) map[string]any {
			return map[string]any{"source": "examples/ingest", "format": strings.TrimPrefix(path.Ext(p), ".")}
		},
		Progress: bar.update,
	})
	bar.done()
	if res == nil { // nothing was tried: a bad folder or a failed listing
		return fmt.Errorf("upload: %w", uploadErr)
	}
	fmt.Fprintf(w, "Uploaded %d files (%s), skipped %d already there, %d failed\n",
		len(res.Uploaded), formatBytes(res.Bytes), len(res.Skipped), len(res.Failed))
	for _, f := range res.Failed {
		fmt.Fprintf(w, "  failed: %s: %v\n", f.Path, f.Err)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("upload: %w", uploadErr) // interrupted: run again to finish
	}
	if len(res.Uploaded)+len(res.Skipped) == 0 {
		return fmt.Errorf("nothing to index in %s: %w", cfg.folder, uploadErr)
	}

	// 2. Index: build a new index, or sync the given one, and wait until the service has
	// exported it, so that the query sees every file.
	var ix *beta.Index
	if indexID == "" {
		ix, err = client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{
			SourceDirectoryID: dir.ID,
			Description:       llamacloud.String("built by examples/ingest from " + cfg.folder),
		}, cfg.maxWait)
		if ix != nil {
			indexID = ix.ID
		}
	} else {
		ix, err = client.Beta.Indexes.SyncAndWait(ctx, indexID, beta.IndexSyncParams{}, cfg.maxWait)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("index: %w", err), uploadErr)
	}
	verb := "Built"
	if cfg.indexID != "" {
		verb = "Synced"
	}
	fmt.Fprintf(w, "%s index %s over directory %s (exported %s)\n", verb, ix.ID, dir.ID, ix.LastExportedAt.Format(time.RFC3339))

	// 3. One query.
	found, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{
		IndexID: ix.ID,
		Query:   cfg.question,
		TopK:    llamacloud.Int(3),
	})
	if err != nil {
		return errors.Join(fmt.Errorf("retrieve: %w", err), uploadErr)
	}
	fmt.Fprintf(w, "Top %d passages for %q:\n", len(found.Results), cfg.question)
	for i, r := range found.Results {
		fmt.Fprintf(w, "  %d. score %.3f  %s\n", i+1, r.Score, snippet(r.Content, 90))
	}
	if cfg.indexID == "" && !cfg.delete {
		fmt.Fprintf(w, "Run again with -index %s to sync this index instead of building another.\n", ix.ID)
	}
	return uploadErr // the failed files, if any: the rest is indexed
}

// findOrCreateDirectory returns the directory named name, making it when there is none.
func findOrCreateDirectory(ctx context.Context, w io.Writer, client *llamacloud.Client, name string) (*beta.Directory, error) {
	for d, err := range client.Beta.Directories.ListAutoPaging(ctx, beta.DirectoryListParams{Name: llamacloud.String(name)}).All() {
		if err != nil {
			return nil, fmt.Errorf("find directory %q: %w", name, err)
		}
		fmt.Fprintf(w, "Directory %q (%s) found\n", d.Name, d.ID)
		return &d, nil
	}
	d, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{
		Name:        name,
		Description: llamacloud.String("files uploaded by examples/ingest"),
	})
	if err != nil {
		return nil, fmt.Errorf("create directory %q: %w", name, err)
	}
	fmt.Fprintf(w, "Directory %q (%s) created\n", d.Name, d.ID)
	return d, nil
}

// deleteAll removes the index (if one was made or given) and the directory, even when ctx
// was cancelled by an interrupt.
func deleteAll(ctx context.Context, w io.Writer, client *llamacloud.Client, dirID, indexID string) error {
	if err := exampleenv.DeleteAll(ctx, client, dirID, indexID); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	fmt.Fprintln(w, "Deleted the index and the directory.")
	return nil
}

// progressLine redraws one line on w after each finished file: files done of total, bytes
// uploaded and the upload rate.
type progressLine struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  string
}

// update is the UploadFS Progress callback. UploadFS calls it from one goroutine at a time.
func (p *progressLine) update(u beta.UploadProgress) {
	elapsed := p.now().Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(u.BytesDone) / elapsed
	}
	line := fmt.Sprintf("[%d/%d files] %s uploaded, %s/s", u.Done, u.Total, formatBytes(u.BytesDone), formatBytes(int64(rate)))
	if u.Err != nil {
		line += ", " + u.Path + " failed"
	}
	// Pad with spaces over what is left of a longer previous line.
	fmt.Fprintf(p.w, "\r%-*s", len(p.last), line)
	p.last = line
}

// done ends the progress line, if one was drawn.
func (p *progressLine) done() {
	if p.last != "" {
		fmt.Fprintln(p.w)
	}
}

// formatBytes writes n in B, kB, MB or GB (powers of 1000), one decimal above bytes.
func formatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, suffix := float64(n), "kMGT"
	i := -1
	for v >= unit && i < len(suffix)-1 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %cB", v, suffix[i])
}

// snippet collapses the white space of s and cuts it to at most n characters.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
