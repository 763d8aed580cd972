package llamacloudtest

import (
	"net/http"
	"path"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// index is a searchable snapshot of a directory: the text of its live files, chunked and indexed
// when the index is created and again on each sync. Like the service, it builds asynchronously:
// a create or sync takes the snapshot into pending, and the build is exported (served to
// retrieval) after the job steps of [WithJobSteps] requests that read it; until then retrieval serves
// the previous export, or nothing before the first.
type index struct {
	id                string
	name              string
	description       *string
	sourceDirectoryID string
	exportConfigID    string
	syncConfigID      string
	products          []indexProduct
	createdAt         time.Time
	updatedAt         time.Time
	lastSyncedAt      time.Time
	lastExportedAt    time.Time
	syncs             int

	exported *indexBuild // what retrieval serves; nil before the first export
	pending  *indexBuild // the build in progress; nil when the index is ready
	reads    int         // requests that read the index since the pending build began
}

// indexBuild is one build of an index: the chunked text of the source directory's live files.
type indexBuild struct {
	text   *textindex.Index
	byFile map[string]string // storage file ID → directory file ID (the document ID)
}

// Build states of an index, in metadata.build_state.
const (
	indexBuilding = "building"
	indexReady    = "ready"
)

// indexProduct is one entry of the products of an index.
type indexProduct struct {
	ProductConfigID string `json:"product_config_id"`
	ProductType     string `json:"product_type"`
}

// indexJSON is the wire form of an index.
type indexJSON struct {
	ID                string         `json:"id"`
	ExportConfigID    string         `json:"export_config_id"`
	Name              string         `json:"name"`
	ProjectID         string         `json:"project_id"`
	SourceDirectoryID string         `json:"source_directory_id"`
	SyncConfigID      string         `json:"sync_config_id"`
	CreatedAt         *string        `json:"created_at"`
	Description       *string        `json:"description"`
	LastExportedAt    *string        `json:"last_exported_at"`
	LastSyncedAt      *string        `json:"last_synced_at"`
	Metadata          map[string]any `json:"metadata"`
	UpdatedAt         *string        `json:"updated_at"`
}

func (ix *index) toJSON(projectID string) indexJSON {
	products := make([]any, 0, len(ix.products))
	for _, p := range ix.products {
		products = append(products, map[string]any{"product_config_id": p.ProductConfigID, "product_type": p.ProductType})
	}
	state, documents, chunks := indexReady, 0, 0
	if ix.pending != nil {
		state = indexBuilding
	}
	if ix.exported != nil {
		documents, chunks = len(ix.exported.byFile), len(ix.exported.text.Chunks())
	}
	return indexJSON{
		ID:                ix.id,
		ExportConfigID:    ix.exportConfigID,
		Name:              ix.name,
		ProjectID:         projectID,
		SourceDirectoryID: ix.sourceDirectoryID,
		SyncConfigID:      ix.syncConfigID,
		CreatedAt:         optTime(ix.createdAt),
		Description:       ix.description,
		LastExportedAt:    optTime(ix.lastExportedAt),
		LastSyncedAt:      optTime(ix.lastSyncedAt),
		Metadata: map[string]any{
			"build_state":    state,
			"document_count": documents,
			"chunk_count":    chunks,
			"sync_count":     ix.syncs,
			"products":       products,
		},
		UpdatedAt: optTime(ix.updatedAt),
	}
}

func (s *Server) indexRoutes() []route {
	const base = "/api/v1/indexes"
	return []route{
		{http.MethodPost, base, s.createIndex},
		{http.MethodGet, base + "/{index_id}", s.getIndex},
		{http.MethodDelete, base + "/{index_id}", s.deleteIndex},
		{http.MethodPost, base + "/{index_id}/sync", s.syncIndex},
	}
}

// startBuild snapshots the live files of the source directory d into a pending build of ix and
// stamps the sync; with job steps 0 the build is exported at once. The caller holds s.mu.
//
// Timestamps are whole milliseconds, as the API writes them, and monotonic per index whatever the
// clock does: a sync is stamped after the last export (last_synced_at > last_exported_at, so the
// index reads as not yet exported) and an export at or after the sync it completes.
func (s *Server) startBuild(p *projectState, ix *index, d *directory) {
	var docs []textindex.Document
	byFile := map[string]string{}
	for _, id := range sortedKeys(d.files) {
		f := d.files[id]
		sf, ok := p.files[f.fileID]
		if !ok || !f.deletedAt.IsZero() {
			continue
		}
		name := sf.name
		if path.Ext(name) == "" {
			name = f.displayName
		}
		docs = append(docs, textindex.Document{
			ID:       f.id,
			Name:     f.displayName,
			Text:     textindex.Extract(name, sf.content),
			Metadata: f.metadata,
		})
		byFile[f.fileID] = f.id
	}
	ix.pending = &indexBuild{text: textindex.NewIndex(docs, textindex.ChunkOptions{}), byFile: byFile}
	ix.reads = 0
	ix.syncs++
	now := s.now().Truncate(time.Millisecond)
	if !ix.lastExportedAt.IsZero() {
		now = later(now, ix.lastExportedAt.Add(time.Millisecond))
	}
	ix.lastSyncedAt, ix.updatedAt = now, now
	if s.jobSteps == 0 {
		s.export(ix)
	}
}

// export makes the pending build the one retrieval serves. The caller holds s.mu.
func (s *Server) export(ix *index) {
	ix.exported, ix.pending = ix.pending, nil
	now := later(s.now().Truncate(time.Millisecond), ix.lastSyncedAt)
	ix.lastExportedAt, ix.updatedAt = now, now
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// read counts a request that reads ix (a GET of it, a retrieval, grep, read or chat turn over it)
// toward its pending build, exporting the build once it has had its job steps, and returns the
// build to serve: the exported one, or an empty one before the first export. The caller holds s.mu.
func (s *Server) read(ix *index) *indexBuild {
	if ix.pending != nil {
		ix.reads++
		if s.jobStep(ix.reads, 1) == 1 {
			s.export(ix)
		}
	}
	if ix.exported == nil {
		return &indexBuild{text: textindex.NewIndex(nil, textindex.ChunkOptions{}), byFile: map[string]string{}}
	}
	return ix.exported
}

// lookupIndex returns the caller's index id, answering 404 itself.
func (c *call) lookupIndex(id string) (*index, bool) {
	ix, ok := c.p.indexes[id]
	if !ok {
		c.notFound("index", id)
		return nil, false
	}
	return ix, true
}

// readIndex is lookupIndex for a request that reads the index: it advances the index's build (see
// [Server.read]) and returns the build to serve.
func (c *call) readIndex(id string) (*index, *indexBuild, bool) {
	ix, ok := c.lookupIndex(id)
	if !ok {
		return nil, nil, false
	}
	return ix, c.s.read(ix), true
}

// createIndex creates the index and starts its first build; it is searchable once exported.
func (s *Server) createIndex(c *call) {
	var in struct {
		SourceDirectoryID string         `json:"source_directory_id"`
		Description       *string        `json:"description"`
		Products          []indexProduct `json:"products" pydantic:"Product"`
	}
	if !c.decode(&in, "source_directory_id") {
		return
	}
	for i, p := range in.Products {
		if p.ProductConfigID == "" {
			c.invalid([]any{"body", "products", i, "product_config_id"}, "Field required", "missing")
			return
		}
		if p.ProductType != "parse" && p.ProductType != "extract" {
			c.invalid([]any{"body", "products", i, "product_type"}, "Input should be 'parse' or 'extract'", "literal_error")
			return
		}
	}
	d, ok := c.liveDirectory(in.SourceDirectoryID)
	if !ok {
		return
	}
	now := s.now()
	ix := &index{
		id:                s.newID("idx"),
		name:              d.name,
		description:       in.Description,
		sourceDirectoryID: d.id,
		exportConfigID:    s.newID("exp"),
		syncConfigID:      s.newID("syn"),
		products:          in.Products,
		createdAt:         now,
	}
	s.startBuild(c.p, ix, d)
	c.p.indexes[ix.id] = ix
	c.writeJSON(http.StatusOK, ix.toJSON(c.project))
}

func (s *Server) getIndex(c *call) {
	if ix, _, ok := c.readIndex(c.pathValue("index_id")); ok {
		c.writeJSON(http.StatusOK, ix.toJSON(c.project))
	}
}

func (s *Server) deleteIndex(c *call) {
	id := c.pathValue("index_id")
	if _, ok := c.lookupIndex(id); ok {
		delete(c.p.indexes, id)
		c.status = http.StatusNoContent
	}
}

// syncIndex starts a new build from the source directory: files added, changed or deleted since
// the last sync become visible to retrieval once it is exported.
func (s *Server) syncIndex(c *call) {
	ix, ok := c.lookupIndex(c.pathValue("index_id"))
	if !ok {
		return
	}
	d, ok := c.liveDirectory(ix.sourceDirectoryID)
	if !ok {
		return
	}
	s.startBuild(c.p, ix, d)
	c.writeJSON(http.StatusOK, map[string]any{})
}
