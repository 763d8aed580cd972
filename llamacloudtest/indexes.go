package llamacloudtest

import (
	"net/http"
	"path"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// index is a searchable snapshot of a directory: the text of its live files, chunked and indexed
// when the index is created and again on each sync.
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

	text   *textindex.Index
	byFile map[string]string // storage file ID → directory file ID (the document ID)
}

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
			"status":         "SUCCESS",
			"document_count": len(ix.byFile),
			"chunk_count":    len(ix.text.Chunks()),
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

// build re-reads the live files of the source directory d into ix. The caller holds s.mu.
func (s *Server) build(p *projectState, ix *index, d *directory) {
	var docs []textindex.Document
	ix.byFile = map[string]string{}
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
		ix.byFile[f.fileID] = f.id
	}
	ix.text = textindex.NewIndex(docs, textindex.ChunkOptions{})
	now := s.now()
	ix.syncs++
	ix.lastSyncedAt, ix.lastExportedAt, ix.updatedAt = now, now, now
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

// createIndex indexes the source directory at once, so the index is searchable when created.
func (s *Server) createIndex(c *call) {
	var in struct {
		SourceDirectoryID string         `json:"source_directory_id"`
		Description       *string        `json:"description"`
		Products          []indexProduct `json:"products"`
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
	s.build(c.p, ix, d)
	c.p.indexes[ix.id] = ix
	c.writeJSON(http.StatusOK, ix.toJSON(c.project))
}

func (s *Server) getIndex(c *call) {
	if ix, ok := c.lookupIndex(c.pathValue("index_id")); ok {
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

// syncIndex re-reads the source directory: files added, changed or deleted since the last sync
// become visible to retrieval.
func (s *Server) syncIndex(c *call) {
	ix, ok := c.lookupIndex(c.pathValue("index_id"))
	if !ok {
		return
	}
	d, ok := c.liveDirectory(ix.sourceDirectoryID)
	if !ok {
		return
	}
	s.build(c.p, ix, d)
	c.writeJSON(http.StatusOK, map[string]any{})
}
