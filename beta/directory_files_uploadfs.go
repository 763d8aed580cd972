package beta

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/apipath"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

// DefaultUploadConcurrency is the number of uploads [DirectoryFileService.UploadFS] keeps in
// flight when [DirectoryFileUploadFSParams.Concurrency] is 0.
const DefaultUploadConcurrency = 4

// DirectoryFileUploadFSParams are the parameters of [DirectoryFileService.UploadFS]. The zero
// value uploads every regular file, four at a time, with no metadata and no progress report.
type DirectoryFileUploadFSParams struct {
	// Concurrency is the most uploads in flight at once. 0 means
	// [DefaultUploadConcurrency]; a negative value is an error.
	Concurrency int
	// Include, when not nil, chooses the files to upload: it is called with the slash path
	// and entry of every regular file the walk meets, and false leaves the file out. Use it
	// for extensions (path.Ext(p) == ".pdf"), hidden files or whole folders
	// (strings.HasPrefix(p, "build/")).
	Include func(path string, d fs.DirEntry) bool
	// Metadata, when not nil, returns the user metadata of the file at path (nil for none),
	// sent as the upload's metadata: string, float64, bool or []string values.
	Metadata func(path string) map[string]any
	// Progress, when not nil, is called once for every file when it is finished: uploaded,
	// skipped or failed. The calls come one at a time, from the goroutine that called
	// UploadFS, in the order the files finish; a slow Progress holds up the next uploads.
	Progress func(UploadProgress)

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// UploadProgress reports one finished file of [DirectoryFileService.UploadFS].
type UploadProgress struct {
	// Path is the file's slash path in the file system, which is also its unique ID and
	// display name in the directory.
	Path string
	// Done counts the files finished so far, this one included; it reaches Total at the end
	// of a run that was not cancelled.
	Done int
	// Total is the number of files the run considers: the regular files Include kept.
	Total int
	// Err is why the file was not uploaded; nil when it was uploaded or skipped.
	Err error
	// Skipped reports that a file with this unique ID was already in the directory, so the
	// content was not sent.
	Skipped bool
	// File is the directory's record of the file: the one uploaded, or the one already there
	// when Skipped; nil when Err is set.
	File *DirectoryFile
	// Size is the file's size in bytes, as the walk saw it.
	Size int64
	// BytesDone is the total size of the files uploaded so far, this one included; skipped
	// and failed files add nothing.
	BytesDone int64
}

// UploadFailure is a file [DirectoryFileService.UploadFS] could not upload.
type UploadFailure struct {
	// Path is the file's slash path in the file system.
	Path string
	// Err is why: the upload's error (an *llamacloud.Error for a status, a context error
	// when the context ended during the upload), or the file system's.
	Err error
}

// DirectoryFileUploadFSResult is what [DirectoryFileService.UploadFS] did, each list in walk
// order. Every file the walk kept is in exactly one list.
type DirectoryFileUploadFSResult struct {
	// Uploaded holds the directory's records of the files uploaded.
	Uploaded []DirectoryFile
	// Skipped holds the directory's existing records of the files whose unique ID was
	// already taken, which were not uploaded again.
	Skipped []DirectoryFile
	// Failed holds the files that could not be uploaded, with why.
	Failed []UploadFailure
	// NotStarted holds the paths of the files not tried because the context ended first; a
	// later run uploads them.
	NotStarted []string
	// Bytes is the total size of the uploaded files.
	Bytes int64
}

// UploadFS uploads every regular file of fsys into a directory, Concurrency at a time (four
// by default), each as [DirectoryFileService.Upload] would with its slash path in fsys
// ("reports/q3.pdf") as unique ID and display name, and the content type its extension
// implies. Each file is streamed from fsys, so memory does not grow with file sizes; a file
// that fsys opens as an io.Seeker (os.DirFS, fstest.MapFS, embed.FS do) is rewound when
// its upload is retried. Each upload is one call, with its own retries and idempotency key.
//
// Re-running is cheap: UploadFS first lists the directory's files once (every page) and
// skips, without sending their content, the files whose unique ID is already there, so
// an interrupted run can be started again and uploads only what is missing. A changed file
// keeps its unique ID and is skipped too: delete its record to upload it again.
//
// The walk is fs.WalkDir's, in lexical order; symbolic links and other irregular files are
// left out. A file that fails (a status error, a file that cannot be read) does not stop
// the others. When ctx ends, no new upload starts, the uploads in flight end with ctx's
// error, and UploadFS returns at once, leaving no goroutine behind.
//
// The result accounts for every file (see [DirectoryFileUploadFSResult]). The error is nil
// when every file was uploaded or skipped; otherwise it wraps each failure's error and, if
// ctx ended, ctx's error, so errors.Is and errors.As see them (errors.As(err, &apiErr) finds
// the first status error). UploadFS returns a nil result and an error, before any upload,
// if directoryID is empty, fsys is nil or Concurrency is negative (these before any
// request too), or if the listing fails.
func (s *DirectoryFileService) UploadFS(ctx context.Context, directoryID string, fsys fs.FS, params DirectoryFileUploadFSParams, opts ...option.RequestOption) (*DirectoryFileUploadFSResult, error) {
	if _, err := apipath.Expand("{directoryID}", directoryID); err != nil {
		return nil, err
	}
	switch {
	case fsys == nil:
		return nil, fmt.Errorf("llamacloud: upload to directory %q: the file system is nil", directoryID)
	case params.Concurrency < 0:
		return nil, fmt.Errorf("llamacloud: upload to directory %q: concurrency %d is negative", directoryID, params.Concurrency)
	}
	files, walkFailures := walkUploads(fsys, params.Include)
	existing, err := s.existingUniqueIDs(ctx, directoryID, files, params, opts)
	if err != nil {
		return nil, err
	}
	run := &uploadRun{
		s: s, directoryID: directoryID, fsys: fsys, params: params, opts: opts,
		files: files, outcomes: make([]uploadOutcome, len(files)),
		total: len(files) + len(walkFailures),
	}
	for _, f := range walkFailures {
		run.finish(f.Path, 0, uploadOutcome{err: f.Err})
	}
	run.uploadAll(ctx, existing)
	return run.result(ctx, directoryID, walkFailures)
}

// uploadFile is a file the walk kept.
type uploadFile struct {
	path string
	size int64
}

// walkUploads returns the regular files of fsys that include keeps, in walk order, and the
// paths the walk could not read.
func walkUploads(fsys fs.FS, include func(string, fs.DirEntry) bool) (files []uploadFile, failures []UploadFailure) {
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			failures = append(failures, UploadFailure{Path: p, Err: err})
			return nil // a directory that cannot be read is skipped; the walk goes on
		}
		if !d.Type().IsRegular() || (include != nil && !include(p, d)) {
			return nil // directories, links and devices, and files left out
		}
		info, err := d.Info()
		if err != nil {
			failures = append(failures, UploadFailure{Path: p, Err: err})
			return nil
		}
		files = append(files, uploadFile{path: p, size: info.Size()})
		return nil
	})
	return files, failures
}

// existingUniqueIDs lists the directory's files once and returns those whose unique ID is
// the path of one of files.
func (s *DirectoryFileService) existingUniqueIDs(ctx context.Context, directoryID string, files []uploadFile,
	params DirectoryFileUploadFSParams, opts []option.RequestOption) (map[string]DirectoryFile, error) {
	wanted := make(map[string]bool, len(files))
	for _, f := range files {
		wanted[f.path] = true
	}
	existing := map[string]DirectoryFile{}
	if len(files) == 0 {
		return existing, nil
	}
	list := DirectoryFileListParams{OrganizationID: params.OrganizationID, ProjectID: params.ProjectID}
	for df, err := range s.ListAutoPaging(ctx, directoryID, list, opts...).All() {
		if err != nil {
			return nil, apierror.Wrap(err, fmt.Sprintf("upload to directory %q: list its files", directoryID))
		}
		if wanted[df.UniqueID] {
			existing[df.UniqueID] = df
		}
	}
	return existing, nil
}

// uploadOutcome is how one file ended.
type uploadOutcome struct {
	file       *DirectoryFile
	skipped    bool
	notStarted bool
	err        error
}

// uploadRun is one UploadFS call's state. Only the calling goroutine touches it; the
// workers hand their outcomes over on a channel.
type uploadRun struct {
	s           *DirectoryFileService
	directoryID string
	fsys        fs.FS
	params      DirectoryFileUploadFSParams
	opts        []option.RequestOption
	files       []uploadFile
	outcomes    []uploadOutcome // by index in files
	total, done int
	bytes       int64
}

// uploadAll skips the existing files and uploads the others with a bounded pool of
// workers, until all are done or ctx ends.
func (r *uploadRun) uploadAll(ctx context.Context, existing map[string]DirectoryFile) {
	var todo []int
	for i, f := range r.files {
		if df, ok := existing[f.path]; ok {
			r.outcomes[i] = uploadOutcome{file: &df, skipped: true}
			r.finish(f.path, f.size, r.outcomes[i])
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(ctx) // ends the uploads in flight if Progress panics
	workers := min(cmp.Or(r.params.Concurrency, DefaultUploadConcurrency), len(todo))
	jobs := make(chan int)
	type finished struct {
		i       int
		outcome uploadOutcome
	}
	results := make(chan finished, workers) // a worker never waits to hand over its outcome
	var wg sync.WaitGroup
	defer func() {
		close(jobs)
		cancel()
		wg.Wait()
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- finished{i, r.uploadOne(ctx, r.files[i])}
			}
		}()
	}
	next, inFlight := 0, 0
	for {
		starting := next < len(todo) && ctx.Err() == nil
		if !starting && inFlight == 0 {
			break
		}
		// Offer the next file while there is one and ctx lasts; always take outcomes.
		var send chan<- int
		var stop <-chan struct{}
		job := -1
		if starting {
			send, stop, job = jobs, ctx.Done(), todo[next]
		}
		select {
		case send <- job:
			next++
			inFlight++
		case f := <-results:
			inFlight--
			r.outcomes[f.i] = f.outcome
			r.finish(r.files[f.i].path, r.files[f.i].size, f.outcome)
		case <-stop:
		}
	}
	for _, i := range todo[next:] {
		r.outcomes[i] = uploadOutcome{notStarted: true}
	}
}

// uploadOne opens one file and uploads it.
func (r *uploadRun) uploadOne(ctx context.Context, f uploadFile) uploadOutcome {
	if err := ctx.Err(); err != nil {
		return uploadOutcome{notStarted: true}
	}
	file, err := r.fsys.Open(f.path)
	if err != nil {
		return uploadOutcome{err: err}
	}
	defer file.Close()
	params := DirectoryFileUploadParams{
		UploadFile:     file,
		DisplayName:    param.NewOpt(f.path),
		UniqueID:       param.NewOpt(f.path),
		OrganizationID: r.params.OrganizationID,
		ProjectID:      r.params.ProjectID,
	}
	if r.params.Metadata != nil {
		params.Metadata = r.params.Metadata(f.path)
	}
	name := path.Base(f.path)
	df, err := r.s.upload(ctx, r.directoryID, &params, name, mime.TypeByExtension(path.Ext(name)), r.opts)
	if err != nil {
		return uploadOutcome{err: err}
	}
	return uploadOutcome{file: df}
}

// finish counts a finished file and reports it to Progress. A file not started is not
// finished.
func (r *uploadRun) finish(p string, size int64, o uploadOutcome) {
	if o.notStarted {
		return
	}
	r.done++
	if o.file != nil && !o.skipped {
		r.bytes += size
	}
	if r.params.Progress != nil {
		r.params.Progress(UploadProgress{
			Path: p, Done: r.done, Total: r.total, Err: o.err, Skipped: o.skipped,
			File: o.file, Size: size, BytesDone: r.bytes,
		})
	}
}

// result gathers the outcomes in walk order and builds the error.
func (r *uploadRun) result(ctx context.Context, directoryID string, walkFailures []UploadFailure) (*DirectoryFileUploadFSResult, error) {
	res := &DirectoryFileUploadFSResult{Failed: walkFailures, Bytes: r.bytes}
	for i, o := range r.outcomes {
		switch {
		case o.notStarted:
			res.NotStarted = append(res.NotStarted, r.files[i].path)
		case o.err != nil:
			res.Failed = append(res.Failed, UploadFailure{Path: r.files[i].path, Err: o.err})
		case o.skipped:
			res.Skipped = append(res.Skipped, *o.file)
		default:
			res.Uploaded = append(res.Uploaded, *o.file)
		}
	}
	if len(res.Failed) == 0 && len(res.NotStarted) == 0 {
		return res, nil
	}
	return res, &uploadFSError{directoryID: directoryID, total: r.total, failed: res.Failed, notStarted: len(res.NotStarted), ctxErr: ctx.Err()}
}

// uploadFSError is UploadFS's error: it names the failed files and wraps their errors.
type uploadFSError struct {
	directoryID string
	total       int
	failed      []UploadFailure
	notStarted  int
	ctxErr      error
}

// uploadFSErrorFiles is how many failed files the message names.
const uploadFSErrorFiles = 3

func (e *uploadFSError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%supload to directory %q: %d of %d files failed", apierror.Prefix, e.directoryID, len(e.failed), e.total)
	if e.notStarted > 0 {
		fmt.Fprintf(&b, ", %d not started (%v)", e.notStarted, e.ctxErr)
	}
	for i, f := range e.failed {
		if i == uploadFSErrorFiles {
			fmt.Fprintf(&b, "; and %d more", len(e.failed)-i)
			break
		}
		fmt.Fprintf(&b, "; %s: %s", f.Path, apierror.Unprefixed(f.Err))
	}
	return b.String()
}

// Unwrap returns the failures' errors and, if the context ended, its error.
func (e *uploadFSError) Unwrap() []error {
	errs := make([]error, 0, len(e.failed)+1)
	for _, f := range e.failed {
		errs = append(errs, f.Err)
	}
	if e.ctxErr != nil {
		errs = append(errs, e.ctxErr)
	}
	return errs
}
