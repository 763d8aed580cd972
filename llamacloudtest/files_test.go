package llamacloudtest_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// newDir creates a directory and returns its ID.
func newDir(t testing.TB, srv *llamacloudtest.Server, name string) string {
	t.Helper()
	return mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": name}).Get("id").String()
}

// upload sends a multipart upload; fields are form fields besides upload_file.
func upload(t testing.TB, srv *llamacloudtest.Server, dirID, filename string, content []byte, fields map[string]string) reply {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("upload_file", filename)
		require.NoError(t, err)
		_, err = fw.Write(content)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, srv.URL+dirsPath+"/"+dirID+"/files/upload", &buf)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	return doRequest(t, req)
}

func TestFileAddAndGet(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dirID := newDir(t, srv, "docs")
	fileID := srv.PutFile("report.txt", []byte("quarterly numbers"))
	assert.Regexp(t, `^file-\d{12}$`, fileID)

	added := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files", map[string]any{
		"file_id": fileID, "metadata": map[string]any{"year": 2024, "tags": []string{"a", "b"}, "final": true},
	})
	id := added.Get("id").String()
	assert.Regexp(t, `^dfl-\d{12}$`, id)
	assert.Equal(t, dirID, added.Get("directory_id").String())
	assert.Equal(t, "report.txt", added.Get("display_name").String(), "defaults to the file's name")
	assert.Equal(t, "report.txt", added.Get("unique_id").String(), "defaults to the file's name")
	assert.Equal(t, fileID, added.Get("file_id").String())
	assert.Equal(t, srv.ProjectID, added.Get("project_id").String())
	assert.JSONEq(t, `{"year":2024,"tags":["a","b"],"final":true}`, added.Get("metadata").Raw)
	assert.Equal(t, gjson.Null, added.Get("deleted_at").Type)

	// The download URL serves the content without an API key.
	dl := added.Get("download_url")
	require.True(t, strings.HasPrefix(dl.Get("url").String(), srv.URL+"/"), dl.Raw)
	assert.NotEmpty(t, dl.Get("expires_at").String())
	resp, err := http.Get(dl.Get("url").String())
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "quarterly numbers", string(body))

	got := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files/"+id, nil)
	assert.Equal(t, id, got.Get("id").String())
	assert.Equal(t, added.Get("metadata").Raw, got.Get("metadata").Raw)

	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
	}{
		{"unique conflict", map[string]any{"file_id": fileID}, http.StatusConflict},
		{"explicit unique", map[string]any{"file_id": fileID, "unique_id": "copy", "display_name": "Copy"}, http.StatusOK},
		{"unknown file", map[string]any{"file_id": "file-missing"}, http.StatusNotFound},
		{"missing file_id", map[string]any{}, http.StatusUnprocessableEntity},
		{"nested metadata", map[string]any{"file_id": fileID, "unique_id": "n", "metadata": map[string]any{"x": map[string]any{}}}, http.StatusUnprocessableEntity},
	} {
		r := send(t, srv, http.MethodPost, dirsPath+"/"+dirID+"/files", tc.body)
		assert.Equal(t, tc.status, r.status, "%s: %s", tc.name, r.body)
	}
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, dirsPath+"/dir-missing/files", map[string]any{"file_id": fileID}).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, dirsPath+"/"+dirID+"/files/dfl-missing", nil).status)
}

func TestFileListFilters(t *testing.T) {
	t.Parallel()
	base := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	srv := start(t, llamacloudtest.WithClock(stepClock(base)))
	dirID := newDir(t, srv, "docs")
	var ids []string
	var stamps []string
	for _, name := range []string{"Alpha.md", "beta.txt", "ALPHABET.csv", "gamma.json", "delta.html"} {
		f := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files", map[string]any{"file_id": srv.PutFile(name, []byte(name))})
		ids = append(ids, f.Get("id").String())
		stamps = append(stamps, f.Get("updated_at").String())
	}
	fileOf := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files/"+ids[3], nil).Get("file_id").String()
	mustSend(t, srv, http.StatusNoContent, http.MethodDelete, dirsPath+"/"+dirID+"/files/"+ids[4], nil)

	list := func(q url.Values) []string {
		page := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files?"+q.Encode(), nil)
		var out []string
		for _, it := range page.Get("items").Array() {
			out = append(out, it.Get("id").String())
		}
		return out
	}
	for _, tc := range []struct {
		name string
		q    url.Values
		want []string
	}{
		{"all live", url.Values{}, ids[:4]},
		{"include deleted", url.Values{"include_deleted": {"true"}}, ids},
		{"display_name exact", url.Values{"display_name": {"beta.txt"}}, ids[1:2]},
		{"display_name_contains ignores case", url.Values{"display_name_contains": {"alpha"}}, []string{ids[0], ids[2]}},
		{"file_id", url.Values{"file_id": {fileOf}}, ids[3:4]},
		{"unique_id", url.Values{"unique_id": {"beta.txt"}}, ids[1:2]},
		{"updated on or after", url.Values{"updated_at_on_or_after": {stamps[2]}}, ids[2:4]},
		{"updated on or before", url.Values{"updated_at_on_or_before": {stamps[1]}}, ids[:2]},
		{"updated range", url.Values{"updated_at_on_or_after": {stamps[1]}, "updated_at_on_or_before": {stamps[2]}}, ids[1:3]},
		{"page", url.Values{"page_size": {"2"}, "include_deleted": {"true"}}, ids[:2]},
	} {
		assert.Equal(t, tc.want, list(tc.q), tc.name)
	}
	assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodGet, dirsPath+"/"+dirID+"/files?updated_at_on_or_after=yesterday", nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, dirsPath+"/dir-none/files", nil).status)
}

func TestFileUpload(t *testing.T) {
	t.Parallel()
	srv := start(t, llamacloudtest.WithMaxUploadSize(64))
	dirID := newDir(t, srv, "uploads")

	r := upload(t, srv, dirID, "notes.md", []byte("# Notes"), map[string]string{
		"display_name": "My notes", "external_file_id": "ext-1", "metadata": `{"team":"ml","n":3}`,
	})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	assert.Equal(t, "My notes", r.json.Get("display_name").String())
	assert.Equal(t, "ext-1", r.json.Get("unique_id").String(), "defaults to external_file_id")
	assert.JSONEq(t, `{"team":"ml","n":3}`, r.json.Get("metadata").Raw)
	resp, err := http.Get(r.json.Get("download_url.url").String())
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "# Notes", string(body))

	r = upload(t, srv, dirID, "plain.txt", []byte("x"), map[string]string{"unique_id": "u-2"})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	assert.Equal(t, "plain.txt", r.json.Get("display_name").String())
	assert.Equal(t, "u-2", r.json.Get("unique_id").String())

	for _, tc := range []struct {
		name     string
		filename string
		content  []byte
		fields   map[string]string
		status   int
	}{
		{"unique conflict", "other.txt", []byte("y"), map[string]string{"unique_id": "u-2"}, http.StatusConflict},
		{"external id conflict", "z.txt", []byte("z"), map[string]string{"external_file_id": "ext-1"}, http.StatusConflict},
		{"too large", "big.bin", bytes.Repeat([]byte("a"), 65), nil, http.StatusRequestEntityTooLarge},
		{"at the limit", "limit.bin", bytes.Repeat([]byte("a"), 64), nil, http.StatusOK},
		{"metadata not json", "m.txt", []byte("m"), map[string]string{"metadata": "{"}, http.StatusUnprocessableEntity},
		{"metadata nested", "m.txt", []byte("m"), map[string]string{"metadata": `{"a":{"b":1}}`}, http.StatusUnprocessableEntity},
		{"no file", "", nil, map[string]string{"display_name": "x"}, http.StatusUnprocessableEntity},
	} {
		r := upload(t, srv, dirID, tc.filename, tc.content, tc.fields)
		assert.Equal(t, tc.status, r.status, "%s: %s", tc.name, r.body)
	}
	files := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files", nil)
	assert.Equal(t, int64(3), files.Get("total_size").Int(), "failed uploads add nothing")
	r = send(t, srv, http.MethodPost, dirsPath+"/"+dirID+"/files/upload", `{"upload_file":"x"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status, "JSON instead of multipart")

	// Any body beyond the upload limit plus 1 MiB of slack is refused before it is parsed.
	huge := `{"name":"` + strings.Repeat("n", 1<<20+64) + `"}`
	r = send(t, srv, http.MethodPost, dirsPath, huge)
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.status)
	assert.Contains(t, r.json.Get("detail").String(), "exceeds")
}

func TestFileUpdateAndMove(t *testing.T) {
	t.Parallel()
	srv := start(t)
	src, dst := newDir(t, srv, "src"), newDir(t, srv, "dst")
	add := func(dir, unique string) string {
		return mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dir+"/files",
			map[string]any{"file_id": srv.PutFile("a.txt", []byte("a")), "unique_id": unique, "metadata": map[string]any{"k": "v"}}).Get("id").String()
	}
	id := add(src, "one")
	add(dst, "taken")
	add(src, "two")
	path := dirsPath + "/" + src + "/files/" + id

	upd := mustSend(t, srv, http.StatusOK, http.MethodPatch, path, map[string]any{"directory_id": src, "display_name": "Renamed", "metadata": map[string]any{"new": 1.5}})
	assert.Equal(t, "Renamed", upd.Get("display_name").String())
	assert.JSONEq(t, `{"new":1.5}`, upd.Get("metadata").Raw, "metadata is replaced")
	assert.Equal(t, "one", upd.Get("unique_id").String())

	for _, tc := range []struct {
		name   string
		body   any
		status int
	}{
		{"missing directory_id", map[string]any{"display_name": "x"}, http.StatusUnprocessableEntity},
		{"unique taken in directory", map[string]any{"directory_id": src, "unique_id": "two"}, http.StatusConflict},
		{"unique taken in target", map[string]any{"directory_id": dst, "unique_id": "taken"}, http.StatusConflict},
		{"unknown target", map[string]any{"directory_id": "dir-nope"}, http.StatusNotFound},
	} {
		r := send(t, srv, http.MethodPatch, path, tc.body)
		assert.Equal(t, tc.status, r.status, "%s: %s", tc.name, r.body)
	}

	moved := mustSend(t, srv, http.StatusOK, http.MethodPatch, path, map[string]any{"directory_id": dst})
	assert.Equal(t, dst, moved.Get("directory_id").String())
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, path, nil).status)
	assert.Equal(t, id, mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dst+"/files/"+id, nil).Get("id").String())
	assert.Equal(t, int64(2), mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dst+"/files", nil).Get("total_size").Int())
}

func TestFileSoftDelete(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dirID := newDir(t, srv, "d")
	fileID := srv.PutFile("same.txt", []byte("s"))
	id := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files", map[string]any{"file_id": fileID}).Get("id").String()
	path := dirsPath + "/" + dirID + "/files/" + id

	mustSend(t, srv, http.StatusNoContent, http.MethodDelete, path, nil)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, path, nil).status)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodDelete, path, nil).status)
	all := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files?include_deleted=true", nil)
	require.Len(t, all.Get("items").Array(), 1)
	assert.NotEqual(t, gjson.Null, all.Get("items.0.deleted_at").Type)
	// The unique_id is free again.
	mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath+"/"+dirID+"/files", map[string]any{"file_id": fileID})

	// Deleting the directory soft-deletes its files.
	mustSend(t, srv, http.StatusNoContent, http.MethodDelete, dirsPath+"/"+dirID, nil)
	files := mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files?include_deleted=true", nil)
	for _, it := range files.Get("items").Array() {
		assert.NotEqual(t, gjson.Null, it.Get("deleted_at").Type, it.Get("id").String())
	}
	assert.Empty(t, mustSend(t, srv, http.StatusOK, http.MethodGet, dirsPath+"/"+dirID+"/files", nil).Get("items").Array())
}
