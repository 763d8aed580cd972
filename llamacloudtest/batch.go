package llamacloudtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// batchStore holds a project's batch jobs and the processing results of their items. The zero
// value is ready to use.
type batchStore struct {
	jobs    map[string]*batchJob
	results map[string][]processingResult // by item ID, oldest first
}

// Batch job statuses, in the order a job goes through them.
const (
	batchPending    = "pending"
	batchDispatched = "dispatched"
	batchRunning    = "running"
	batchCompleted  = "completed"
	batchFailed     = "failed"
	batchCancelled  = "cancelled"
)

// Batch item statuses.
const (
	itemPending    = "pending"
	itemProcessing = "processing"
	itemCompleted  = "completed"
	itemFailed     = "failed"
	itemSkipped    = "skipped"
	itemCancelled  = "cancelled"
)

// batchJob is a batch processing job. It goes pending → dispatched → running → completed (or
// failed when every item failed), one step per status read: while running, the first half of its
// items are done and the next one is processing.
type batchJob struct {
	id          string
	jobType     string // parse or classify
	jobConfig   json.RawMessage
	directoryID *string
	items       []*batchItem
	createdAt   time.Time
	updatedAt   time.Time
	startedAt   time.Time
	completedAt time.Time
	reads       int
	status      string
	errorMsg    string
}

// batchItem is one file of a batch job; outcome, errorMsg, skipReason and metadata are decided when
// the job is created.
type batchItem struct {
	id          string
	name        string
	status      string
	outcome     string
	errorMsg    string
	skipReason  string
	metadata    map[string]any // output_metadata of the processing result
	jobID       string
	startedAt   time.Time
	completedAt time.Time
}

// processingResult is the wire form of one processing of an item.
type processingResult struct {
	ItemID         string          `json:"item_id"`
	JobConfig      json.RawMessage `json:"job_config"`
	JobType        string          `json:"job_type"`
	OutputS3Path   string          `json:"output_s3_path"`
	ParametersHash string          `json:"parameters_hash"`
	ProcessedAt    string          `json:"processed_at"`
	ResultID       string          `json:"result_id"`
	OutputMetadata map[string]any  `json:"output_metadata"`
}

type batchJobJSON struct {
	ID             string  `json:"id"`
	JobType        string  `json:"job_type"`
	ProjectID      string  `json:"project_id"`
	Status         string  `json:"status"`
	TotalItems     int     `json:"total_items"`
	CompletedAt    *string `json:"completed_at"`
	CreatedAt      *string `json:"created_at"`
	DirectoryID    *string `json:"directory_id"`
	EffectiveAt    *string `json:"effective_at"`
	ErrorMessage   *string `json:"error_message"`
	FailedItems    int     `json:"failed_items"`
	JobRecordID    *string `json:"job_record_id"`
	ProcessedItems int     `json:"processed_items"`
	SkippedItems   int     `json:"skipped_items"`
	StartedAt      *string `json:"started_at"`
	UpdatedAt      *string `json:"updated_at"`
	WorkflowID     *string `json:"workflow_id"`
}

type batchItemJSON struct {
	ItemID       string  `json:"item_id"`
	ItemName     string  `json:"item_name"`
	Status       string  `json:"status"`
	CompletedAt  *string `json:"completed_at"`
	EffectiveAt  *string `json:"effective_at"`
	ErrorMessage *string `json:"error_message"`
	JobID        *string `json:"job_id"`
	JobRecordID  *string `json:"job_record_id"`
	SkipReason   *string `json:"skip_reason"`
	StartedAt    *string `json:"started_at"`
}

// counts returns how many items failed, were skipped, and were processed (completed or failed).
func (j *batchJob) counts() (failed, skipped, processed int) {
	for _, it := range j.items {
		switch it.status {
		case itemFailed:
			failed++
			processed++
		case itemCompleted:
			processed++
		case itemSkipped:
			skipped++
		}
	}
	return failed, skipped, processed
}

func (j *batchJob) toJSON(projectID string) batchJobJSON {
	failed, skipped, processed := j.counts()
	workflow := "wf-" + j.id
	return batchJobJSON{
		ID: j.id, JobType: j.jobType, ProjectID: projectID, Status: j.status, TotalItems: len(j.items),
		CompletedAt: optTime(j.completedAt), CreatedAt: optTime(j.createdAt), DirectoryID: j.directoryID,
		EffectiveAt: optTime(j.updatedAt), ErrorMessage: optString(j.errorMsg), FailedItems: failed,
		ProcessedItems: processed, SkippedItems: skipped, StartedAt: optTime(j.startedAt),
		UpdatedAt: optTime(j.updatedAt), WorkflowID: &workflow,
	}
}

func (it *batchItem) toJSON() batchItemJSON {
	out := batchItemJSON{
		ItemID: it.id, ItemName: it.name, Status: it.status, CompletedAt: optTime(it.completedAt),
		EffectiveAt: optTime(it.completedAt), ErrorMessage: optString(it.errorMsg),
		JobID: optString(it.jobID), SkipReason: optString(it.skipReason), StartedAt: optTime(it.startedAt),
	}
	if out.EffectiveAt == nil {
		out.EffectiveAt = optTime(it.startedAt)
	}
	return out
}

// progress is the share of items done, 0 to 100.
func (j *batchJob) progress() float64 {
	if len(j.items) == 0 {
		if j.status == batchCompleted {
			return 100
		}
		return 0
	}
	_, skipped, processed := j.counts()
	return float64(processed+skipped) * 100 / float64(len(j.items))
}

// advance moves the job to the step its status reads have earned.
func (j *batchJob) advance(s *Server, p *projectState) {
	if j.status == batchCompleted || j.status == batchFailed || j.status == batchCancelled {
		return
	}
	step := s.jobStep(j.reads, 3)
	now := s.now()
	if step >= 1 && j.status == batchPending {
		j.status, j.updatedAt = batchDispatched, now
	}
	if step >= 2 && j.status == batchDispatched {
		j.status, j.startedAt, j.updatedAt = batchRunning, now, now
		half := (len(j.items) + 1) / 2
		j.finishItems(s, p, half, now)
		if half < len(j.items) {
			j.items[half].status, j.items[half].startedAt = itemProcessing, now
		}
	}
	if step >= 3 && j.status == batchRunning {
		j.finishItems(s, p, len(j.items), now)
		j.status, j.completedAt, j.updatedAt = batchCompleted, now, now
		if failed, _, _ := j.counts(); failed > 0 && failed == len(j.items) {
			j.status = batchFailed
			j.errorMsg = fmt.Sprintf("all %d items failed", failed)
		}
	}
}

// finishItems gives the first n items their outcomes and records the processing results.
func (j *batchJob) finishItems(s *Server, p *projectState, n int, now time.Time) {
	for _, it := range j.items[:n] {
		if it.status != itemPending && it.status != itemProcessing {
			continue
		}
		if it.startedAt.IsZero() {
			it.startedAt = now
		}
		it.status, it.completedAt = it.outcome, now
		if it.outcome != itemCompleted {
			continue
		}
		it.jobID = s.newID(j.jobType + "-job")
		sum := sha256.Sum256(j.jobConfig)
		if p.batches.results == nil {
			p.batches.results = map[string][]processingResult{}
		}
		p.batches.results[it.id] = append(p.batches.results[it.id], processingResult{
			ItemID: it.id, JobConfig: j.jobConfig, JobType: j.jobType,
			OutputS3Path:   fmt.Sprintf("s3://llamacloudtest/%s/%s/%s.json", p.id, j.id, it.id),
			ParametersHash: hex.EncodeToString(sum[:]), ProcessedAt: formatTime(now),
			ResultID: s.newID("result"), OutputMetadata: it.metadata,
		})
	}
}

func (s *Server) batchRoutes() []route {
	const base = "/api/v1/beta/batch-processing"
	return []route{
		{http.MethodPost, base, s.createBatchJob},
		{http.MethodGet, base, s.listBatchJobs},
		{http.MethodGet, base + "/{job_id}", s.getBatchJob},
		{http.MethodPost, base + "/{job_id}/cancel", s.cancelBatchJob},
		{http.MethodGet, base + "/{job_id}/items", s.listBatchItems},
		{http.MethodGet, base + "/items/{item_id}/processing-results", s.getProcessingResults},
	}
}

func (s *Server) createBatchJob(c *call) {
	var in struct {
		JobConfig   map[string]any `json:"job_config"`
		DirectoryID *string        `json:"directory_id"`
		ItemIDs     []string       `json:"item_ids"`
	}
	if !c.decode(&in, "job_config") {
		return
	}
	jobType := "parse"
	if _, ok := in.JobConfig["rules"]; ok {
		jobType = "classify"
	} else if name, ok := in.JobConfig["job_name"]; ok && name != nil && name != "parse_raw_file_job" {
		c.invalid([]any{"body", "job_config", "job_name"}, "Input should be 'parse_raw_file_job'", "literal_error")
		return
	}
	var rules []textindex.Category
	if jobType == "classify" {
		for i, r := range gjson.GetBytes(c.body, "job_config.rules").Array() {
			if !r.Get("type").Exists() || !r.Get("description").Exists() {
				c.invalid([]any{"body", "job_config", "rules", i}, "Rules need a type and a description", "missing")
				return
			}
			rules = append(rules, textindex.Category{Name: r.Get("type").String(), Description: r.Get("description").String()})
		}
	}
	if (in.DirectoryID == nil) == (in.ItemIDs == nil) {
		c.invalid([]any{"body"}, "Provide exactly one of directory_id and item_ids", "value_error")
		return
	}
	now := s.now()
	j := &batchJob{
		id: s.newID("bjb"), jobType: jobType, jobConfig: json.RawMessage(gjson.GetBytes(c.body, "job_config").Raw),
		directoryID: in.DirectoryID, createdAt: now, updatedAt: now, status: batchPending,
	}
	if in.DirectoryID != nil {
		d, ok := c.liveDirectory(*in.DirectoryID)
		if !ok {
			return
		}
		for _, id := range sortedKeys(d.files) {
			if f := d.files[id]; f.deletedAt.IsZero() {
				j.items = append(j.items, &batchItem{id: f.id, name: f.displayName})
			}
		}
	} else {
		for _, id := range in.ItemIDs {
			j.items = append(j.items, &batchItem{id: id, name: id})
		}
	}
	seen := map[string]bool{}
	for _, it := range j.items {
		it.status = itemPending
		it.decide(c.p, seen, rules)
	}
	if c.p.batches.jobs == nil {
		c.p.batches.jobs = map[string]*batchJob{}
	}
	c.p.batches.jobs[j.id] = j
	j.advance(s, c.p)
	c.writeJSON(http.StatusOK, j.toJSON(c.project))
}

// decide settles what processing the item will do: skip a repeated item, fail a missing file or
// one without text, else complete (classify jobs record the best rule's type).
func (it *batchItem) decide(p *projectState, seen map[string]bool, rules []textindex.Category) {
	if seen[it.id] {
		it.outcome, it.skipReason = itemSkipped, "already_processed"
		return
	}
	seen[it.id] = true
	name, content, ok := p.fileContent(it.id)
	if !ok {
		it.outcome, it.errorMsg = itemFailed, fmt.Sprintf("item %q not found", it.id)
		return
	}
	it.name = name
	text := textindex.Extract(name, content)
	if strings.TrimSpace(text) == "" {
		it.outcome, it.errorMsg = itemFailed, fmt.Sprintf("no text could be extracted from %q", name)
		return
	}
	it.outcome, it.metadata = itemCompleted, map[string]any{}
	if rules != nil {
		segs := textindex.Categorize([]string{text}, rules, true)
		if len(segs) > 0 {
			it.metadata["classification"] = segs[0].Category
			it.metadata["confidence"] = segs[0].Confidence
		}
	}
}

// batchJob returns the job named by the job_id path value, or answers 404.
func (c *call) batchJob() (*batchJob, bool) {
	id := c.pathValue("job_id")
	j, ok := c.p.batches.jobs[id]
	if !ok {
		c.notFound("batch job", id)
	}
	return j, ok
}

func (s *Server) getBatchJob(c *call) {
	j, ok := c.batchJob()
	if !ok {
		return
	}
	j.reads++
	j.advance(s, c.p)
	c.writeJSON(http.StatusOK, map[string]any{"job": j.toJSON(c.project), "progress_percentage": j.progress()})
}

func (s *Server) cancelBatchJob(c *call) {
	var in struct {
		Reason            *string `json:"reason"`
		TemporalNamespace *string `json:"temporal_namespace"`
	}
	if !c.decode(&in) {
		return
	}
	j, ok := c.batchJob()
	if !ok {
		return
	}
	if j.status == batchCompleted || j.status == batchFailed || j.status == batchCancelled {
		c.fail(http.StatusBadRequest, fmt.Sprintf("batch job %q is already %s", j.id, j.status))
		return
	}
	now := s.now()
	for _, it := range j.items {
		if it.status == itemPending || it.status == itemProcessing {
			it.status, it.completedAt = itemCancelled, now
		}
	}
	j.status, j.completedAt, j.updatedAt = batchCancelled, now, now
	msg := fmt.Sprintf("batch job %s cancelled", j.id)
	if in.Reason != nil && *in.Reason != "" {
		msg += ": " + *in.Reason
		j.errorMsg = "cancelled: " + *in.Reason
	}
	_, _, processed := j.counts()
	c.writeJSON(http.StatusOK, map[string]any{"job_id": j.id, "message": msg, "processed_items": processed, "status": j.status})
}

// offsetPage reads limit (default 50, 1 to 1000) and offset (0 or more) for the batch lists; it
// answers 422 itself.
func (c *call) offsetPage() (offset, limit int, ok bool) {
	if limit, ok = c.queryInt("limit", defaultPageSize); !ok {
		return 0, 0, false
	}
	if limit < 1 || limit > maxPageSize {
		c.invalid([]any{"query", "limit"}, fmt.Sprintf("Input should be between 1 and %d", maxPageSize), "less_than_equal")
		return 0, 0, false
	}
	if offset, ok = c.queryInt("offset", 0); !ok {
		return 0, 0, false
	}
	if offset < 0 {
		c.invalid([]any{"query", "offset"}, "Input should be greater than or equal to 0", "greater_than_equal")
		return 0, 0, false
	}
	return offset, limit, true
}

// checkEnum answers 422 unless the query parameter is empty or one of values.
func (c *call) checkEnum(name string, values ...string) bool {
	v := c.query(name)
	if v == "" || contains(values, v) {
		return true
	}
	c.invalid([]any{"query", name}, fmt.Sprintf("Input should be one of %q", values), "literal_error")
	return false
}

func (s *Server) listBatchJobs(c *call) {
	if !c.checkEnum("job_type", "parse", "extract", "classify") ||
		!c.checkEnum("status", batchPending, batchRunning, batchDispatched, batchCompleted, batchFailed, batchCancelled) {
		return
	}
	offset, limit, ok := c.offsetPage()
	if !ok {
		return
	}
	dir, typ, status := c.query("directory_id"), c.query("job_type"), c.query("status")
	items := []batchJobJSON{}
	for _, id := range sortedKeys(c.p.batches.jobs) {
		j := c.p.batches.jobs[id]
		switch {
		case dir != "" && (j.directoryID == nil || *j.directoryID != dir):
		case typ != "" && j.jobType != typ:
		case status != "" && j.status != status:
		default:
			items = append(items, j.toJSON(c.project))
		}
	}
	writePage(c, items, offset, limit)
}

func (s *Server) listBatchItems(c *call) {
	if !c.checkEnum("status", itemPending, itemProcessing, itemCompleted, itemFailed, itemSkipped, itemCancelled) {
		return
	}
	offset, limit, ok := c.offsetPage()
	if !ok {
		return
	}
	j, ok := c.batchJob()
	if !ok {
		return
	}
	status := c.query("status")
	items := []batchItemJSON{}
	for _, it := range j.items {
		if status == "" || it.status == status {
			items = append(items, it.toJSON())
		}
	}
	writePage(c, items, offset, limit)
}

func (s *Server) getProcessingResults(c *call) {
	if !c.checkEnum("job_type", "parse", "extract", "classify") {
		return
	}
	id := c.pathValue("item_id")
	name, _, known := c.p.fileContent(id)
	for _, j := range c.p.batches.jobs {
		for _, it := range j.items {
			if it.id == id {
				known, name = true, it.name
			}
		}
	}
	results, hasResults := c.p.batches.results[id]
	if !known && !hasResults {
		c.notFound("item", id)
		return
	}
	typ := c.query("job_type")
	out := []processingResult{}
	for _, r := range results {
		if typ == "" || r.JobType == typ {
			out = append(out, r)
		}
	}
	c.writeJSON(http.StatusOK, map[string]any{"item_id": id, "item_name": name, "processing_results": out})
}
