package llamacloudtest

import (
	"fmt"
	"net/http"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// splitStore holds a project's split jobs. The zero value is ready to use.
type splitStore struct {
	jobs map[string]*splitJob
}

// Split job statuses, in the order a job goes through them.
const (
	splitPending    = "pending"
	splitProcessing = "processing"
	splitCompleted  = "completed"
	splitFailed     = "failed"
	splitCancelled  = "cancelled"
)

// splitJob is a document split job. Its outcome is computed when it is created and revealed when
// it completes: pending, then processing, then completed or failed, one step per status read.
type splitJob struct {
	id              string
	categories      []splitCategory
	documentInput   splitDocumentInput
	configurationID *string
	createdAt       time.Time
	updatedAt       time.Time
	reads           int
	status          string

	outcome  string
	errorMsg string
	segments []splitSegment
}

type splitCategory struct {
	Name        string  `json:"name"`
	Description *string `json:"description"`
}

type splitDocumentInput struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type splitSegment struct {
	Category           string `json:"category"`
	ConfidenceCategory string `json:"confidence_category"`
	Pages              []int  `json:"pages"`
}

type splitJobJSON struct {
	ID              string             `json:"id"`
	Categories      []splitCategory    `json:"categories"`
	DocumentInput   splitDocumentInput `json:"document_input"`
	ProjectID       string             `json:"project_id"`
	Status          string             `json:"status"`
	UserID          string             `json:"user_id"`
	ConfigurationID *string            `json:"configuration_id"`
	CreatedAt       *string            `json:"created_at"`
	ErrorMessage    *string            `json:"error_message"`
	Result          *splitResultJSON   `json:"result"`
	UpdatedAt       *string            `json:"updated_at"`
}

type splitResultJSON struct {
	Segments []splitSegment `json:"segments"`
}

func (j *splitJob) toJSON(projectID string) splitJobJSON {
	out := splitJobJSON{
		ID: j.id, Categories: j.categories, DocumentInput: j.documentInput, ProjectID: projectID,
		Status: j.status, UserID: jobUserID, ConfigurationID: j.configurationID,
		CreatedAt: optTime(j.createdAt), UpdatedAt: optTime(j.updatedAt),
	}
	switch j.status {
	case splitCompleted:
		out.Result = &splitResultJSON{Segments: j.segments}
	case splitFailed:
		out.ErrorMessage = optString(j.errorMsg)
	}
	return out
}

// advance moves the job to the step its status reads have earned.
func (j *splitJob) advance(s *Server) {
	if j.status != splitPending && j.status != splitProcessing {
		return
	}
	next := j.status
	switch s.jobStep(j.reads, 2) {
	case 1:
		next = splitProcessing
	case 2:
		next = j.outcome
	}
	if next != j.status {
		j.status = next
		j.updatedAt = s.now()
	}
}

// confidenceCategory turns a confidence in [0, 1] into the API's high/medium/low.
func confidenceCategory(c float64) string {
	switch {
	case c >= 0.7:
		return "high"
	case c >= 0.4:
		return "medium"
	}
	return "low"
}

func (s *Server) splitRoutes() []route {
	const base = "/api/v1/beta/split/jobs"
	return []route{
		{http.MethodPost, base, s.createSplitJob},
		{http.MethodGet, base, s.listSplitJobs},
		{http.MethodGet, base + "/{split_job_id}", s.getSplitJob},
	}
}

func (s *Server) createSplitJob(c *call) {
	var in struct {
		DocumentInput splitDocumentInput `json:"document_input" pydantic:"SplitDocumentInput"`
		Configuration *struct {
			Categories        []splitCategory `json:"categories" pydantic:"SplitCategory"`
			SplittingStrategy *struct {
				AllowUncategorized *string `json:"allow_uncategorized"`
			} `json:"splitting_strategy" pydantic:"ConfigurationSplittingStrategy"`
		} `json:"configuration" pydantic:"Configuration"`
		ConfigurationID *string `json:"configuration_id"`
	}
	if !c.decode(&in, "document_input", "document_input.type", "document_input.value") {
		return
	}
	if in.DocumentInput.Type != "file_id" {
		c.invalid([]any{"body", "document_input", "type"}, "Valid values are: file_id", "value_error")
		return
	}
	if in.Configuration == nil && in.ConfigurationID == nil {
		c.invalid([]any{"body", "configuration"}, "Field required", "missing")
		return
	}
	allow := "include"
	var categories []splitCategory
	if cfg := in.Configuration; cfg != nil {
		if cfg.Categories == nil {
			c.invalid([]any{"body", "configuration", "categories"}, "Field required", "missing")
			return
		}
		for i, cat := range cfg.Categories {
			if cat.Name == "" {
				c.invalid([]any{"body", "configuration", "categories", i, "name"}, "String should have at least 1 character", "string_too_short")
				return
			}
		}
		categories = cfg.Categories
		if st := cfg.SplittingStrategy; st != nil && st.AllowUncategorized != nil {
			allow = *st.AllowUncategorized
			if allow != "include" && allow != "forbid" && allow != "omit" {
				c.invalid([]any{"body", "configuration", "splitting_strategy", "allow_uncategorized"},
					"Input should be 'include', 'forbid' or 'omit'", "literal_error")
				return
			}
		}
	}
	if categories == nil {
		categories = []splitCategory{}
	}
	now := s.now()
	j := &splitJob{
		id: s.newID("split-job"), categories: categories, documentInput: in.DocumentInput,
		configurationID: in.ConfigurationID, createdAt: now, updatedAt: now, status: splitPending,
	}
	j.split(c.p, in.Configuration != nil, allow)
	if c.p.splits.jobs == nil {
		c.p.splits.jobs = map[string]*splitJob{}
	}
	c.p.splits.jobs[j.id] = j
	j.advance(s)
	c.writeJSON(http.StatusOK, j.toJSON(c.project))
}

// split works out the job's outcome: the file's text is cut into pages at form feeds, and
// consecutive pages of the same category (see textindex.Categorize) form a segment.
func (j *splitJob) split(p *projectState, configured bool, allow string) {
	j.outcome = splitFailed
	if !configured {
		j.errorMsg = fmt.Sprintf("split configuration %q not found", *j.configurationID)
		return
	}
	name, content, ok := p.fileContent(j.documentInput.Value)
	if !ok {
		j.errorMsg = fmt.Sprintf("file %q not found", j.documentInput.Value)
		return
	}
	cats := make([]textindex.Category, len(j.categories))
	for i, c := range j.categories {
		cats[i] = textindex.Category{Name: c.Name}
		if c.Description != nil {
			cats[i].Description = *c.Description
		}
	}
	if allow == "forbid" && len(cats) == 0 {
		j.errorMsg = "no categories to assign pages to while uncategorized pages are forbidden"
		return
	}
	pages := textindex.Pages(textindex.Extract(name, content))
	j.segments = []splitSegment{}
	for _, seg := range textindex.Categorize(pages, cats, allow != "forbid") {
		if allow == "omit" && seg.Category == textindex.Uncategorized {
			continue
		}
		j.segments = append(j.segments, splitSegment{
			Category: seg.Category, ConfidenceCategory: confidenceCategory(seg.Confidence), Pages: seg.Pages,
		})
	}
	j.outcome = splitCompleted
}

// splitJob returns the job named by the split_job_id path value, or answers 404.
func (c *call) splitJob() (*splitJob, bool) {
	id := c.pathValue("split_job_id")
	j, ok := c.p.splits.jobs[id]
	if !ok {
		c.notFound("split job", id)
	}
	return j, ok
}

func (s *Server) getSplitJob(c *call) {
	j, ok := c.splitJob()
	if !ok {
		return
	}
	j.reads++
	j.advance(s)
	c.writeJSON(http.StatusOK, j.toJSON(c.project))
}

func (s *Server) listSplitJobs(c *call) {
	after, before, ids, status, ok := c.listJobFilters(splitPending, splitProcessing, splitCompleted, splitFailed, splitCancelled)
	if !ok {
		return
	}
	offset, size, ok := c.pageParams()
	if !ok {
		return
	}
	items := []splitJobJSON{}
	for _, id := range sortedKeys(c.p.splits.jobs) {
		j := c.p.splits.jobs[id]
		if keepJob(j.id, j.status, j.createdAt, after, before, ids, status) {
			items = append(items, j.toJSON(c.project))
		}
	}
	writePage(c, items, offset, size)
}
