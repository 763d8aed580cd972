package llamacloudtest

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/sheetgrid"
)

// jobUserID is the user_id the fake writes on the jobs it creates.
const jobUserID = "user-llamacloudtest"

// jobStep returns the step an asynchronous job has reached after reads status reads: one step
// every s.jobSteps reads, capped at last; with jobSteps 0 a job is at its last step at once.
func (s *Server) jobStep(reads, last int) int {
	if s.jobSteps <= 0 {
		return last
	}
	return min(reads/s.jobSteps, last)
}

// sheetStore holds a project's spreadsheet jobs. The zero value is ready to use.
type sheetStore struct {
	jobs map[string]*sheetJob
}

// Sheets job statuses.
const (
	sheetPending        = "PENDING"
	sheetSuccess        = "SUCCESS"
	sheetError          = "ERROR"
	sheetPartialSuccess = "PARTIAL_SUCCESS"
	sheetCancelled      = "CANCELLED"
)

// sheetJob is a spreadsheet parsing job. The outcome is computed when the job is created and
// revealed when it completes.
type sheetJob struct {
	id        string
	fileID    string
	file      *storedFile // nil when file_id named no file
	config    sheetsConfig
	createdAt time.Time
	updatedAt time.Time
	reads     int
	status    string

	outcome    string // the terminal status
	errors     []string
	regions    []*sheetRegion
	sheetName  string
	sheetTitle string
	sheetDesc  string
}

// sheetsConfig is SheetsParsingConfig; fields the caller did not set are left out of responses.
type sheetsConfig struct {
	ExtractionRange            *string  `json:"extraction_range,omitempty"`
	FlattenHierarchicalTables  *bool    `json:"flatten_hierarchical_tables,omitempty"`
	GenerateAdditionalMetadata *bool    `json:"generate_additional_metadata,omitempty"`
	IncludeHiddenCells         *bool    `json:"include_hidden_cells,omitempty"`
	SheetNames                 []string `json:"sheet_names,omitempty"`
	Specialization             *string  `json:"specialization,omitempty"`
	TableMergeSensitivity      *string  `json:"table_merge_sensitivity,omitempty"`
	UseExperimentalProcessing  *bool    `json:"use_experimental_processing,omitempty"`
}

// sheetRegion is one extracted block of cells.
type sheetRegion struct {
	id          string
	typ         string // "table" or "extra"
	location    string // A1 range
	title       string
	description string
	row0, col0  int // 1-based row and column of the top-left cell
	rows        [][]string
}

type sheetsJobJSON struct {
	ID                string            `json:"id"`
	Config            sheetsConfig      `json:"config"`
	CreatedAt         string            `json:"created_at"`
	FileID            string            `json:"file_id"`
	ProjectID         string            `json:"project_id"`
	Status            string            `json:"status"`
	UpdatedAt         string            `json:"updated_at"`
	UserID            string            `json:"user_id"`
	Errors            []string          `json:"errors"`
	File              *sheetFileJSON    `json:"file"`
	Regions           []sheetRegionJSON `json:"regions"`
	Success           *bool             `json:"success"`
	WorksheetMetadata []worksheetJSON   `json:"worksheet_metadata"`
}

type sheetFileJSON struct {
	ID             string  `json:"id"`
	Name           string  `json:"name"`
	ProjectID      string  `json:"project_id"`
	CreatedAt      *string `json:"created_at"`
	DataSourceID   *string `json:"data_source_id"`
	ExpiresAt      *string `json:"expires_at"`
	ExternalFileID *string `json:"external_file_id"`
	FileSize       int     `json:"file_size"`
	FileType       *string `json:"file_type"`
	LastModifiedAt *string `json:"last_modified_at"`
	PermissionInfo any     `json:"permission_info"`
	Purpose        *string `json:"purpose"`
	ResourceInfo   any     `json:"resource_info"`
	UpdatedAt      *string `json:"updated_at"`
}

type sheetRegionJSON struct {
	Location    string  `json:"location"`
	RegionType  string  `json:"region_type"`
	SheetName   string  `json:"sheet_name"`
	Description *string `json:"description"`
	RegionID    string  `json:"region_id"`
	Title       *string `json:"title"`
}

type worksheetJSON struct {
	SheetName   string  `json:"sheet_name"`
	Description *string `json:"description"`
	Title       *string `json:"title"`
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (j *sheetJob) toJSON(projectID string, includeResults bool) sheetsJobJSON {
	out := sheetsJobJSON{
		ID:        j.id,
		Config:    j.config,
		CreatedAt: formatTime(j.createdAt),
		FileID:    j.fileID,
		ProjectID: projectID,
		Status:    j.status,
		UpdatedAt: formatTime(j.updatedAt),
		UserID:    jobUserID,
		Errors:    []string{},
	}
	if f := j.file; f != nil {
		ext := strings.TrimPrefix(strings.ToLower(path.Ext(f.name)), ".")
		out.File = &sheetFileJSON{
			ID: f.id, Name: f.name, ProjectID: projectID, CreatedAt: optTime(f.createdAt),
			ExternalFileID: optString(f.externalFileID), FileSize: len(f.content), FileType: optString(ext),
			LastModifiedAt: optTime(f.createdAt), UpdatedAt: optTime(f.createdAt),
		}
	}
	if j.status == sheetPending {
		return out
	}
	out.Errors = append(out.Errors, j.errors...)
	ok := j.status == sheetSuccess
	out.Success = &ok
	if !includeResults || j.status == sheetCancelled {
		return out
	}
	out.Regions = []sheetRegionJSON{}
	for _, r := range j.regions {
		out.Regions = append(out.Regions, sheetRegionJSON{
			Location: r.location, RegionType: r.typ, SheetName: j.sheetName,
			Description: optString(r.description), RegionID: r.id, Title: optString(r.title),
		})
	}
	if j.sheetName != "" {
		out.WorksheetMetadata = []worksheetJSON{{
			SheetName: j.sheetName, Description: optString(j.sheetDesc), Title: optString(j.sheetTitle),
		}}
	}
	return out
}

// advance moves the job to the step its status reads have earned: PENDING, then its outcome.
func (j *sheetJob) advance(s *Server) {
	if j.status != sheetPending {
		return
	}
	if s.jobStep(j.reads, 1) == 1 {
		j.status = j.outcome
		j.updatedAt = s.now()
	}
}

func (s *Server) sheetRoutes() []route {
	const base = "/api/v1/beta/sheets/jobs"
	return []route{
		{http.MethodPost, base, s.createSheetJob},
		{http.MethodGet, base, s.listSheetJobs},
		{http.MethodGet, base + "/{spreadsheet_job_id}", s.getSheetJob},
		{http.MethodDelete, base + "/{spreadsheet_job_id}", s.deleteSheetJob},
		{http.MethodGet, base + "/{spreadsheet_job_id}/regions/{region_id}/result/{region_type}", s.getSheetResult},
	}
}

// storedFileByID finds a stored file by file ID or by the ID of a live directory file.
func (p *projectState) storedFileByID(id string) *storedFile {
	if f, ok := p.files[id]; ok {
		return f
	}
	if df := p.dirFile(id); df != nil {
		return p.files[df.fileID]
	}
	return nil
}

func (s *Server) createSheetJob(c *call) {
	var in struct {
		FileID string        `json:"file_id"`
		Config *sheetsConfig `json:"config" pydantic:"SheetsParsingConfig"`
	}
	if !c.decode(&in, "file_id") {
		return
	}
	var cfg sheetsConfig
	if in.Config != nil {
		cfg = *in.Config
	}
	if v := cfg.TableMergeSensitivity; v != nil && *v != "strong" && *v != "weak" {
		c.invalid([]any{"body", "config", "table_merge_sensitivity"}, "Input should be 'strong' or 'weak'", "literal_error")
		return
	}
	var rng *sheetgrid.Range
	if cfg.ExtractionRange != nil {
		r, err := sheetgrid.ParseRange(*cfg.ExtractionRange)
		if err != nil {
			c.invalid([]any{"body", "config", "extraction_range"}, err.Error(), "value_error")
			return
		}
		rng = &r
	}
	now := s.now()
	j := &sheetJob{
		id: s.newID("sheets-job"), fileID: in.FileID, file: c.p.storedFileByID(in.FileID),
		config: cfg, createdAt: now, updatedAt: now, status: sheetPending,
	}
	j.parse(rng)
	if c.p.sheets.jobs == nil {
		c.p.sheets.jobs = map[string]*sheetJob{}
	}
	c.p.sheets.jobs[j.id] = j
	j.advance(s)
	c.writeJSON(http.StatusOK, j.toJSON(c.project, true))
}

// sheetJob returns the job named by the spreadsheet_job_id path value, or answers 404.
func (c *call) sheetJob() (*sheetJob, bool) {
	id := c.pathValue("spreadsheet_job_id")
	j, ok := c.p.sheets.jobs[id]
	if !ok {
		c.notFound("spreadsheet job", id)
	}
	return j, ok
}

func (s *Server) getSheetJob(c *call) {
	includeResults := true
	if c.query("include_results") != "" {
		v, ok := c.queryBool("include_results")
		if !ok {
			return
		}
		includeResults = v
	}
	j, ok := c.sheetJob()
	if !ok {
		return
	}
	j.reads++
	j.advance(s)
	c.writeJSON(http.StatusOK, j.toJSON(c.project, includeResults))
}

// listJobFilters reads the query filters shared by the sheets and split job lists; statuses lists
// the valid status values. It answers 422 itself.
func (c *call) listJobFilters(statuses ...string) (after, before time.Time, ids map[string]bool, status string, ok bool) {
	if after, ok = c.queryTime("created_at_on_or_after"); !ok {
		return
	}
	if before, ok = c.queryTime("created_at_on_or_before"); !ok {
		return
	}
	if vs := c.q["job_ids"]; len(vs) > 0 {
		ids = map[string]bool{}
		for _, v := range vs {
			ids[v] = true
		}
	}
	status = c.query("status")
	if status != "" && !contains(statuses, status) {
		quoted := make([]string, len(statuses))
		for i, s := range statuses {
			quoted[i] = "'" + s + "'"
		}
		c.invalid([]any{"query", "status"}, "Input should be "+strings.Join(quoted, ", "), "enum")
		return after, before, ids, status, false
	}
	return after, before, ids, status, true
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// keepJob applies the list filters to one job. created is compared at the millisecond precision
// of the created_at the client saw.
func keepJob(id, status string, created, after, before time.Time, ids map[string]bool, wantStatus string) bool {
	created = created.Truncate(time.Millisecond)
	return (ids == nil || ids[id]) && (wantStatus == "" || status == wantStatus) &&
		(after.IsZero() || !created.Before(after)) && (before.IsZero() || !created.After(before))
}

func (s *Server) listSheetJobs(c *call) {
	includeResults, ok := c.queryBool("include_results")
	if !ok {
		return
	}
	after, before, ids, status, ok := c.listJobFilters(sheetPending, sheetSuccess, sheetError, sheetPartialSuccess, sheetCancelled)
	if !ok {
		return
	}
	offset, size, ok := c.pageParams()
	if !ok {
		return
	}
	items := []sheetsJobJSON{}
	for _, id := range sortedKeys(c.p.sheets.jobs) {
		j := c.p.sheets.jobs[id]
		if keepJob(j.id, j.status, j.createdAt, after, before, ids, status) {
			items = append(items, j.toJSON(c.project, includeResults))
		}
	}
	writePage(c, items, offset, size)
}

func (s *Server) deleteSheetJob(c *call) {
	j, ok := c.sheetJob()
	if !ok {
		return
	}
	delete(c.p.sheets.jobs, j.id)
	c.writeJSON(http.StatusOK, map[string]any{})
}

func (s *Server) getSheetResult(c *call) {
	regionType := c.pathValue("region_type")
	if regionType != "table" && regionType != "extra" && regionType != "cell_metadata" {
		c.invalid([]any{"path", "region_type"}, "Input should be 'table', 'extra' or 'cell_metadata'", "literal_error")
		return
	}
	expires, ok := c.queryInt("expires_at_seconds", 0)
	if !ok {
		return
	}
	if expires < 0 {
		c.invalid([]any{"query", "expires_at_seconds"}, "Input should be greater than or equal to 0", "greater_than_equal")
		return
	}
	j, ok := c.sheetJob()
	if !ok {
		return
	}
	if j.status == sheetPending {
		c.fail(http.StatusBadRequest, fmt.Sprintf("spreadsheet job %q has not completed", j.id))
		return
	}
	regionID := c.pathValue("region_id")
	var region *sheetRegion
	for _, r := range j.regions {
		if r.id == regionID {
			region = r
		}
	}
	if region == nil || j.status == sheetCancelled {
		c.notFound("region", regionID)
		return
	}
	if regionType != "cell_metadata" && regionType != region.typ {
		c.fail(http.StatusNotFound, fmt.Sprintf("region %q has no %s result", regionID, regionType))
		return
	}
	content, err := region.result(regionType)
	if err != nil {
		c.fail(http.StatusInternalServerError, err.Error())
		return
	}
	u := c.presign("sheets/"+j.id+"/"+regionID+"/"+regionType, regionID+"_"+regionType+".csv", "text/csv", content)
	if expires > 0 {
		at := s.now().Add(time.Duration(expires) * time.Second)
		token := u.URL[strings.LastIndex(u.URL, "/")+1:]
		if b, ok := s.blobs[token]; ok {
			b.expires = at
			s.blobs[token] = b
		}
		u.ExpiresAt = formatTime(at)
	}
	c.writeJSON(http.StatusOK, u)
}

// result renders the region as CSV: its cells for "table" and "extra", one line per cell with its
// address, position, value and type for "cell_metadata".
func (r *sheetRegion) result(kind string) ([]byte, error) {
	if kind == "cell_metadata" {
		return sheetgrid.CellMetadataCSV(r.rows, r.row0, r.col0)
	}
	return sheetgrid.TableCSV(r.rows)
}

// parse works out the job's outcome from its file: a CSV (TSV for .tsv) whose blocks of rows,
// separated by blank rows, are regions — "table" for two rows or more, "extra" for a single row.
func (j *sheetJob) parse(rng *sheetgrid.Range) {
	fail := func(msg string) {
		j.outcome = sheetError
		j.errors = append(j.errors, msg)
	}
	if j.file == nil {
		fail(fmt.Sprintf("file %q not found", j.fileID))
		return
	}
	if !utf8.Valid(j.file.content) || bytes.IndexByte(j.file.content, 0) >= 0 {
		fail(fmt.Sprintf("unsupported spreadsheet format: %q is not CSV text", j.file.name))
		return
	}
	j.sheetName = strings.TrimSuffix(path.Base(j.file.name), path.Ext(j.file.name))
	if len(j.config.SheetNames) > 0 && !contains(j.config.SheetNames, j.sheetName) {
		fail(fmt.Sprintf("none of the sheets %q exists; the file has sheet %q", j.config.SheetNames, j.sheetName))
		return
	}
	comma := ','
	if strings.EqualFold(path.Ext(j.file.name), ".tsv") {
		comma = '\t'
	}
	grid, errs := sheetgrid.Read(j.file.content, comma)
	j.errors = append(j.errors, errs...)
	var blocks []sheetgrid.Range
	if rng != nil {
		blocks = []sheetgrid.Range{*rng}
	} else {
		blocks = sheetgrid.Blocks(grid)
	}
	for _, b := range blocks {
		rows := b.Cells(grid)
		if len(rows) == 0 {
			continue
		}
		r := &sheetRegion{
			id: fmt.Sprintf("region-%d", len(j.regions)+1), typ: "table", location: b.String(),
			row0: b.Row0, col0: b.Col0, rows: rows,
		}
		if len(rows) == 1 {
			r.typ = "extra"
		}
		if g := j.config.GenerateAdditionalMetadata; g != nil && *g {
			r.title = strings.Join(nonEmpty(rows[0]), ", ")
			r.description = fmt.Sprintf("%s of %d rows and %d columns at %s", r.typ, len(rows), len(rows[0]), r.location)
		}
		j.regions = append(j.regions, r)
	}
	if g := j.config.GenerateAdditionalMetadata; g != nil && *g {
		j.sheetTitle = j.sheetName
		j.sheetDesc = fmt.Sprintf("worksheet %q with %d regions", j.sheetName, len(j.regions))
	}
	switch {
	case len(j.regions) == 0:
		fail("no regions found")
	case len(j.errors) > 0:
		j.outcome = sheetPartialSuccess
	default:
		j.outcome = sheetSuccess
	}
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}
