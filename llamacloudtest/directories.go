package llamacloudtest

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// directory is a folder of files in a project. A deleted directory keeps its record (deletedAt set)
// and is listed only with include_deleted=true.
type directory struct {
	id          string
	name        string
	description *string
	createdAt   time.Time
	updatedAt   time.Time
	deletedAt   time.Time
	files       map[string]*dirFile // by directory file ID; changed only by insertFile and removeFile

	fileIDs    idList              // the IDs of files in order, for their list
	fileCounts countCache          // total_size of file lists; touched by every change to files
	byUniqueID map[string]*dirFile // the live files by unique_id, at most one each; see uniqueIDFree

	uniqueChecked int // files the unique_id checks have looked at, so tests can count their cost
}

// directoryJSON is the wire form of a directory.
type directoryJSON struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	ProjectID   string  `json:"project_id"`
	CreatedAt   *string `json:"created_at"`
	DeletedAt   *string `json:"deleted_at"`
	Description *string `json:"description"`
	UpdatedAt   *string `json:"updated_at"`
}

func (d *directory) toJSON(projectID string) directoryJSON {
	return directoryJSON{
		ID:          d.id,
		Name:        d.name,
		ProjectID:   projectID,
		CreatedAt:   optTime(d.createdAt),
		DeletedAt:   optTime(d.deletedAt),
		Description: d.description,
		UpdatedAt:   optTime(d.updatedAt),
	}
}

func (s *Server) directoryRoutes() []route {
	const base = "/api/v1/beta/directories"
	return []route{
		{http.MethodPost, base, s.createDirectory},
		{http.MethodGet, base, s.listDirectories},
		{http.MethodGet, base + "/{directory_id}", s.getDirectory},
		{http.MethodPatch, base + "/{directory_id}", s.updateDirectory},
		{http.MethodDelete, base + "/{directory_id}", s.deleteDirectory},
	}
}

// newDirectory adds an empty directory to p. The caller holds s.mu.
func (s *Server) newDirectory(p *projectState, name string, description *string) *directory {
	now := s.now()
	d := &directory{
		id:          s.newID("dir"),
		name:        name,
		description: description,
		createdAt:   now,
		updatedAt:   now,
		files:       map[string]*dirFile{},
	}
	p.dirs[d.id] = d
	p.lists.dirs.add(d.id)
	p.lists.dirCounts.touch()
	return d
}

// liveDirectory returns the caller's directory id unless it is missing or deleted; it answers 404
// itself.
func (c *call) liveDirectory(id string) (*directory, bool) {
	d, ok := c.p.dirs[id]
	if !ok || !d.deletedAt.IsZero() {
		c.notFound("directory", id)
		return nil, false
	}
	return d, true
}

// checkName answers 422 for an empty name field.
func (c *call) checkName(field, v string) bool {
	if strings.TrimSpace(v) == "" {
		c.invalid([]any{"body", field}, "String should have at least 1 character", "string_too_short")
		return false
	}
	return true
}

func (s *Server) createDirectory(c *call) {
	var in struct {
		Name        string  `json:"name"`
		Description *string `json:"description"`
	}
	if !c.decode(&in, "name") || !c.checkName("name", in.Name) {
		return
	}
	d := s.newDirectory(c.p, in.Name, in.Description)
	c.writeJSON(http.StatusOK, d.toJSON(c.project))
}

// listDirectories lists in creation order, paged by seek cursor. type=index keeps the
// directories that are the source of an index, type=user the others. total_size is counted once
// per query, change of the directories and set of index sources.
func (s *Server) listDirectories(c *call) {
	includeDeleted, ok := c.queryBool("include_deleted")
	if !ok {
		return
	}
	typ := c.query("type")
	if typ != "" && typ != "user" && typ != "index" {
		c.invalid([]any{"query", "type"}, "Input should be 'user' or 'index'", "literal_error")
		return
	}
	name := c.query("name")
	fingerprint := queryFingerprint("directories", fmt.Sprint(includeDeleted), typ, name)
	after, size, ok := c.keysetParams(fingerprint)
	if !ok {
		return
	}
	sources := map[string]bool{}
	for _, ix := range c.p.indexes {
		sources[ix.sourceDirectoryID] = true
	}
	keep := func(id string) bool {
		d := c.p.dirs[id]
		switch {
		case d == nil:
		case !includeDeleted && !d.deletedAt.IsZero():
		case name != "" && d.name != name:
		case typ == "index" && !sources[id], typ == "user" && sources[id]:
		default:
			return true
		}
		return false
	}
	l := &c.p.lists
	if syncIDs(&l.dirs, c.p.dirs) {
		l.dirCounts.touch()
	}
	ids, more := l.dirs.page(after, size, keep, &l.work)
	items := make([]directoryJSON, len(ids))
	for i, id := range ids {
		items[i] = c.p.dirs[id].toJSON(c.project)
	}
	// The type filter follows the indexes, so the count is kept per set of index sources.
	total := l.dirCounts.get(fingerprint+queryFingerprint(sortedKeys(sources)...), func() (n int) {
		for id := range c.p.dirs {
			l.work++
			if keep(id) {
				n++
			}
		}
		return n
	})
	writeCursorPage(c, items, nextToken(fingerprint, ids, more), &total)
}

func (s *Server) getDirectory(c *call) {
	if d, ok := c.liveDirectory(c.pathValue("directory_id")); ok {
		c.writeJSON(http.StatusOK, d.toJSON(c.project))
	}
}

func (s *Server) updateDirectory(c *call) {
	d, ok := c.liveDirectory(c.pathValue("directory_id"))
	if !ok {
		return
	}
	var in struct {
		Name        *string `json:"name"`
		Description *string `json:"description"`
	}
	if !c.decode(&in) {
		return
	}
	if in.Name != nil {
		if !c.checkName("name", *in.Name) {
			return
		}
		d.name = *in.Name
	}
	if desc := gjson.GetBytes(c.body, "description"); desc.Exists() { // an explicit null clears it
		d.description = in.Description
	}
	d.updatedAt = s.now()
	c.p.lists.dirCounts.touch()
	c.writeJSON(http.StatusOK, d.toJSON(c.project))
}

// deleteDirectory soft-deletes the directory and its files: they keep their records, marked with
// deleted_at, and appear only in listings with include_deleted=true.
func (s *Server) deleteDirectory(c *call) {
	d, ok := c.liveDirectory(c.pathValue("directory_id"))
	if !ok {
		return
	}
	now := s.now()
	d.deletedAt, d.updatedAt = now, now
	d.fileCounts.touch()
	c.p.lists.dirCounts.touch()
	for _, f := range d.byUniqueID { // the live files
		f.deletedAt, f.updatedAt = now, now
	}
	clear(d.byUniqueID)
	c.status = http.StatusNoContent
}
