package llamacloudtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"time"
)

// storedFile is uploaded content: what a file_id refers to.
type storedFile struct {
	id             string
	name           string
	contentType    string
	externalFileID string
	content        []byte
	createdAt      time.Time
}

// dirFile is a directory's entry for a stored file. A deleted entry keeps its record (deletedAt
// set), is listed only with include_deleted=true, and frees its unique_id.
type dirFile struct {
	id          string
	dirID       string
	fileID      string
	displayName string
	uniqueID    string
	metadata    map[string]any
	createdAt   time.Time
	updatedAt   time.Time
	deletedAt   time.Time
}

// dirFileJSON is the wire form of a directory file.
type dirFileJSON struct {
	ID          string         `json:"id"`
	DirectoryID string         `json:"directory_id"`
	DisplayName string         `json:"display_name"`
	ProjectID   string         `json:"project_id"`
	UniqueID    string         `json:"unique_id"`
	CreatedAt   *string        `json:"created_at"`
	DeletedAt   *string        `json:"deleted_at"`
	DownloadURL *presignedURL  `json:"download_url"`
	FileID      string         `json:"file_id"`
	Metadata    map[string]any `json:"metadata"`
	UpdatedAt   *string        `json:"updated_at"`
}

// fileJSON writes f with a fresh download URL for its content.
func (c *call) fileJSON(f *dirFile) dirFileJSON {
	out := dirFileJSON{
		ID:          f.id,
		DirectoryID: f.dirID,
		DisplayName: f.displayName,
		ProjectID:   c.project,
		UniqueID:    f.uniqueID,
		CreatedAt:   optTime(f.createdAt),
		DeletedAt:   optTime(f.deletedAt),
		FileID:      f.fileID,
		Metadata:    f.metadata,
		UpdatedAt:   optTime(f.updatedAt),
	}
	if out.Metadata == nil {
		out.Metadata = map[string]any{}
	}
	if sf, ok := c.p.files[f.fileID]; ok {
		u := c.presign(sf.id, sf.name, sf.contentType, sf.content)
		out.DownloadURL = &u
	}
	return out
}

func (s *Server) fileRoutes() []route {
	const base = "/api/v1/beta/directories/{directory_id}/files"
	return []route{
		{http.MethodPost, base, s.addFile},
		{http.MethodGet, base, s.listFiles},
		{http.MethodPost, base + "/upload", s.uploadFile},
		{http.MethodGet, base + "/{directory_file_id}", s.getFile},
		{http.MethodPatch, base + "/{directory_file_id}", s.updateFile},
		{http.MethodDelete, base + "/{directory_file_id}", s.deleteFile},
	}
}

// PutFile stores content as a file of the default project, as an upload to the files API would,
// and returns its file ID, for use with the add-directory-file endpoint and with jobs. name gives
// the display name and, by its extension, how the text is extracted.
func (s *Server) PutFile(name string, content []byte) (fileID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.storeFile(s.project(s.ProjectID), name, "", "", bytes.Clone(content)).id
}

// storeFile adds content to p's files. The caller holds s.mu.
func (s *Server) storeFile(p *projectState, name, contentType, externalID string, content []byte) *storedFile {
	if contentType == "" {
		contentType = mime.TypeByExtension(path.Ext(name))
	}
	f := &storedFile{
		id:             s.newID("file"),
		name:           name,
		contentType:    contentType,
		externalFileID: externalID,
		content:        content,
		createdAt:      s.now(),
	}
	p.files[f.id] = f
	return f
}

// fileContent returns the name and bytes of a stored file, by file ID or by the ID of a live
// directory file. The caller holds s.mu; content must not be modified.
func (p *projectState) fileContent(fileID string) (name string, content []byte, ok bool) {
	if f, ok := p.files[fileID]; ok {
		return f.name, f.content, true
	}
	if df := p.dirFile(fileID); df != nil {
		if f, ok := p.files[df.fileID]; ok {
			return df.displayName, f.content, true
		}
	}
	return "", nil, false
}

// dirFile finds a live directory file by its ID in any live directory of p.
func (p *projectState) dirFile(id string) *dirFile {
	for _, d := range p.dirs {
		if f, ok := d.files[id]; ok && d.deletedAt.IsZero() && f.deletedAt.IsZero() {
			return f
		}
	}
	return nil
}

// insertFile adds f to d's files, to their list order and, while f is live, to the unique_id
// index.
func (d *directory) insertFile(f *dirFile) {
	d.files[f.id] = f
	d.fileIDs.add(f.id)
	if f.deletedAt.IsZero() {
		d.indexUniqueID(f)
	}
	d.fileCounts.touch()
}

// removeFile takes f out of d, for a move to another directory.
func (d *directory) removeFile(f *dirFile) {
	delete(d.files, f.id)
	d.fileIDs.remove(f.id)
	d.unindexUniqueID(f)
	d.fileCounts.touch()
}

// indexUniqueID records the live file f under its unique_id, which no other live file of d holds.
func (d *directory) indexUniqueID(f *dirFile) {
	if d.byUniqueID == nil {
		d.byUniqueID = map[string]*dirFile{}
	}
	d.byUniqueID[f.uniqueID] = f
}

// unindexUniqueID frees f's unique_id, before f is deleted, moved or given another unique_id.
func (d *directory) unindexUniqueID(f *dirFile) {
	if d.byUniqueID[f.uniqueID] == f {
		delete(d.byUniqueID, f.uniqueID)
	}
}

// uniqueIDFree reports whether no live file of d other than except holds uniqueID, and answers
// 409 when one does. Deleted files free their unique_id. It looks at one file at most, whatever the
// size of the directory.
func (c *call) uniqueIDFree(d *directory, uniqueID, except string) bool {
	f, ok := d.byUniqueID[uniqueID]
	if !ok {
		return true
	}
	d.uniqueChecked++
	if f.id == except {
		return true
	}
	c.fail(http.StatusConflict, fmt.Sprintf("a file with unique_id %q already exists in directory %q", uniqueID, d.id))
	return false
}

// addToDirectory creates the directory file for stored file sf, answering 409 when uniqueID is
// taken. Empty displayName and uniqueID default as the API documents. The caller holds s.mu.
func (c *call) addToDirectory(d *directory, sf *storedFile, displayName, uniqueID string, metadata map[string]any) {
	if displayName == "" {
		displayName = sf.name
	}
	if uniqueID == "" {
		uniqueID = sf.externalFileID
	}
	if uniqueID == "" {
		uniqueID = sf.name
	}
	if !c.uniqueIDFree(d, uniqueID, "") {
		return
	}
	now := c.s.now()
	f := &dirFile{
		id:          c.s.newID("dfl"),
		dirID:       d.id,
		fileID:      sf.id,
		displayName: displayName,
		uniqueID:    uniqueID,
		metadata:    metadata,
		createdAt:   now,
		updatedAt:   now,
	}
	d.insertFile(f)
	d.updatedAt = now
	c.writeJSON(http.StatusOK, c.fileJSON(f))
}

// checkMetadata answers 422 unless every value is a string, number, boolean, null or list of strings.
func (c *call) checkMetadata(m map[string]any, loc ...any) bool {
	for _, k := range sortedKeys(m) {
		switch v := m[k].(type) {
		case string, float64, bool, nil:
			continue
		case []any:
			ok := true
			for _, e := range v {
				_, isStr := e.(string)
				ok = ok && isStr
			}
			if ok {
				continue
			}
		}
		c.invalid(append(append([]any{}, loc...), k), "Input should be a valid string, number, boolean or list of strings", "union_type")
		return false
	}
	return true
}

func (s *Server) addFile(c *call) {
	d, ok := c.liveDirectory(c.pathValue("directory_id"))
	if !ok {
		return
	}
	var in struct {
		FileID      string         `json:"file_id"`
		DisplayName string         `json:"display_name"`
		UniqueID    string         `json:"unique_id"`
		Metadata    map[string]any `json:"metadata"`
	}
	if !c.decode(&in, "file_id") || !c.checkMetadata(in.Metadata, "body", "metadata") {
		return
	}
	sf, ok := c.p.files[in.FileID]
	if !ok {
		c.notFound("file", in.FileID)
		return
	}
	c.addToDirectory(d, sf, in.DisplayName, in.UniqueID, in.Metadata)
}

// listFiles lists a directory's files in creation order with every documented filter, paged by
// seek cursor; total_size is counted once per query and change of the directory.
func (s *Server) listFiles(c *call) {
	dirID := c.pathValue("directory_id")
	d, ok := c.p.dirs[dirID]
	if !ok {
		c.notFound("directory", dirID)
		return
	}
	includeDeleted, ok := c.queryBool("include_deleted")
	if !ok {
		return
	}
	after, ok := c.queryTime("updated_at_on_or_after")
	if !ok {
		return
	}
	before, ok := c.queryTime("updated_at_on_or_before")
	if !ok {
		return
	}
	displayName, fileID, uniqueID := c.query("display_name"), c.query("file_id"), c.query("unique_id")
	contains := strings.ToLower(c.query("display_name_contains"))
	fingerprint := queryFingerprint("directory files", d.id, fmt.Sprint(includeDeleted), displayName, contains,
		fileID, uniqueID, after.String(), before.String())
	afterID, size, ok := c.keysetParams(fingerprint)
	if !ok {
		return
	}
	keep := func(f *dirFile) bool {
		// Compare at the millisecond precision of the updated_at the client saw, so that a
		// listed file's own updated_at is a bound that keeps it.
		updated := f.updatedAt.Truncate(time.Millisecond)
		switch {
		case !includeDeleted && !f.deletedAt.IsZero():
		case displayName != "" && f.displayName != displayName:
		case contains != "" && !strings.Contains(strings.ToLower(f.displayName), contains):
		case fileID != "" && f.fileID != fileID:
		case uniqueID != "" && f.uniqueID != uniqueID:
		case !after.IsZero() && updated.Before(after):
		case !before.IsZero() && updated.After(before):
		default:
			return true
		}
		return false
	}
	work := &c.p.lists.work
	if syncIDs(&d.fileIDs, d.files) {
		d.fileCounts.touch()
	}
	ids, more := d.fileIDs.page(afterID, size, func(id string) bool { return d.files[id] != nil && keep(d.files[id]) }, work)
	items := make([]dirFileJSON, len(ids))
	for i, id := range ids {
		items[i] = c.fileJSON(d.files[id])
	}
	total := d.fileCounts.get(fingerprint, func() (n int) {
		for _, f := range d.files {
			*work++
			if keep(f) {
				n++
			}
		}
		return n
	})
	writeCursorPage(c, items, nextToken(fingerprint, ids, more), &total)
}

// liveFile returns the live file directory_file_id of the live directory directory_id, answering
// 404 itself.
func (c *call) liveFile() (*directory, *dirFile, bool) {
	d, ok := c.liveDirectory(c.pathValue("directory_id"))
	if !ok {
		return nil, nil, false
	}
	id := c.pathValue("directory_file_id")
	f, ok := d.files[id]
	if !ok || !f.deletedAt.IsZero() {
		c.notFound("directory file", id)
		return nil, nil, false
	}
	return d, f, true
}

func (s *Server) getFile(c *call) {
	if _, f, ok := c.liveFile(); ok {
		c.writeJSON(http.StatusOK, c.fileJSON(f))
	}
}

// updateFile changes display name, unique ID and metadata, and moves the file when the body's
// directory_id names another directory.
func (s *Server) updateFile(c *call) {
	d, f, ok := c.liveFile()
	if !ok {
		return
	}
	var in struct {
		DirectoryID string          `json:"directory_id"`
		DisplayName *string         `json:"display_name"`
		UniqueID    *string         `json:"unique_id"`
		Metadata    *map[string]any `json:"metadata"`
	}
	if !c.decode(&in, "directory_id") {
		return
	}
	if in.Metadata != nil && !c.checkMetadata(*in.Metadata, "body", "metadata") {
		return
	}
	target := d
	if in.DirectoryID != "" && in.DirectoryID != d.id {
		if target, ok = c.liveDirectory(in.DirectoryID); !ok {
			return
		}
	}
	uniqueID := f.uniqueID
	if in.UniqueID != nil {
		uniqueID = *in.UniqueID
	}
	if !c.uniqueIDFree(target, uniqueID, f.id) {
		return
	}
	now := s.now()
	d.removeFile(f)
	f.dirID, f.uniqueID = target.id, uniqueID
	target.insertFile(f)
	if target != d {
		d.updatedAt, target.updatedAt = now, now
	}
	if in.DisplayName != nil {
		f.displayName = *in.DisplayName
	}
	if in.Metadata != nil {
		f.metadata = *in.Metadata
	}
	f.updatedAt = now
	c.writeJSON(http.StatusOK, c.fileJSON(f))
}

// deleteFile soft-deletes the directory file.
func (s *Server) deleteFile(c *call) {
	d, f, ok := c.liveFile()
	if !ok {
		return
	}
	now := s.now()
	d.unindexUniqueID(f)
	f.deletedAt, f.updatedAt, d.updatedAt = now, now, now
	d.fileCounts.touch()
	c.status = http.StatusNoContent
}

// uploadFile reads the multipart form (upload_file, display_name, external_file_id, metadata as a
// JSON object string, unique_id), stores the content and adds it to the directory.
func (s *Server) uploadFile(c *call) {
	d, ok := c.liveDirectory(c.pathValue("directory_id"))
	if !ok {
		return
	}
	mediaType, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		c.invalid([]any{"body", "upload_file"}, "Field required", "missing")
		return
	}
	fields := map[string]string{}
	var file *multipart.Part
	var content []byte
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			c.fail(http.StatusBadRequest, "malformed multipart body: "+err.Error())
			return
		}
		data, err := io.ReadAll(io.LimitReader(part, s.cfg.maxUpload+1))
		if err != nil {
			c.fail(http.StatusBadRequest, "malformed multipart body: "+err.Error())
			return
		}
		if int64(len(data)) > s.cfg.maxUpload {
			c.fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("file exceeds the upload limit of %d bytes", s.cfg.maxUpload))
			return
		}
		if part.FormName() == "upload_file" {
			file, content = part, data
		} else if part.FormName() != "" {
			fields[part.FormName()] = string(data)
		}
	}
	c.form = fields
	if file == nil {
		c.invalid([]any{"body", "upload_file"}, "Field required", "missing")
		return
	}
	var metadata map[string]any
	if raw, ok := fields["metadata"]; ok && raw != "" {
		if err := json.Unmarshal([]byte(raw), &metadata); err != nil {
			c.invalid([]any{"body", "metadata"}, "metadata must be a JSON object string", "value_error")
			return
		}
		if !c.checkMetadata(metadata, "body", "metadata") {
			return
		}
	}
	name := file.FileName()
	if name == "" {
		name = "upload"
	}
	contentType := file.Header.Get("Content-Type")
	if contentType == "application/octet-stream" {
		contentType = ""
	}
	uniqueID := fields["unique_id"]
	for _, v := range []string{fields["external_file_id"], name} {
		if uniqueID == "" {
			uniqueID = v
		}
	}
	if !c.uniqueIDFree(d, uniqueID, "") { // before storing, so a conflict leaves no orphan file
		return
	}
	sf := s.storeFile(c.p, name, contentType, fields["external_file_id"], content)
	c.addToDirectory(d, sf, fields["display_name"], uniqueID, metadata)
}
