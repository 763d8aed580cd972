package llamacloudtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uniqueChecked returns how many files the unique_id checks of directory dirID have looked at.
func uniqueChecked(s *Server, dirID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.project(s.ProjectID).dirs[dirID].uniqueChecked
}

// serveUpload uploads content as name to directory dirID, with the form fields given, straight
// to the server's handler, and returns the status and the decoded answer.
func serveUpload(t testing.TB, s *Server, dirID, name string, fields map[string]string) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	fw, err := mw.CreateFormFile("upload_file", name)
	require.NoError(t, err)
	_, err = fw.Write([]byte("content of " + name))
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	req := httptest.NewRequest(http.MethodPost, "/api/v1/beta/directories/"+dirID+"/files/upload", &body)
	req.Header.Set("Authorization", "Bearer "+s.APIKey)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	return rec.Code, out
}

// TestDirectoryFileCreateCost counts the files the unique_id checks of creates, uploads and
// updates look at in a directory of 1,000 and of 10,000 files (2,000 and 20,000 with
// LLAMACLOUD_FULL_SIZE=1; every fourth deleted): at most one a check, the same at both sizes,
// where a scan of the directory would look at every file.
func TestDirectoryFileCreateCost(t *testing.T) {
	t.Parallel()
	small, large := costSizes()
	cost := map[int]int{}
	for _, n := range []int{small, large} {
		s := NewUnstartedServer(WithRecordLimit(0))
		t.Cleanup(s.Close)
		dirID := seedFiles(s, n)
		fileID := s.PutFile("new.txt", []byte("new"))
		other := func() string {
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.newDirectory(s.project(s.ProjectID), "other", nil).id
		}()
		filesPath := "/api/v1/beta/directories/" + dirID + "/files"
		add := func(uniqueID string, want int) string {
			status, out := serve(t, s, http.MethodPost, filesPath, fmt.Sprintf(`{"file_id":%q,"unique_id":%q}`, fileID, uniqueID))
			require.Equal(t, want, status, "add %q: %v", uniqueID, out)
			id, _ := out["id"].(string)
			return id
		}
		before := uniqueChecked(s, dirID) + uniqueChecked(s, other)
		for i := range 10 {
			add(fmt.Sprint("new-", i), http.StatusOK)
		}
		add("5", http.StatusConflict) // a live seeded file's unique_id
		add("3", http.StatusOK)       // a deleted seeded file's unique_id is free
		add("new-9", http.StatusConflict)
		status, out := serveUpload(t, s, dirID, "up.txt", map[string]string{"unique_id": "new-0"})
		require.Equal(t, http.StatusConflict, status, "%v", out)
		status, out = serveUpload(t, s, dirID, "up.txt", nil)
		require.Equal(t, http.StatusOK, status, "%v", out)
		id := add("renamed", http.StatusOK)
		status, out = serve(t, s, http.MethodPatch, filesPath+"/"+id, fmt.Sprintf(`{"directory_id":%q,"unique_id":"6"}`, dirID))
		require.Equal(t, http.StatusConflict, status, "%v", out)
		status, out = serve(t, s, http.MethodPatch, filesPath+"/"+id, fmt.Sprintf(`{"directory_id":%q,"unique_id":"again"}`, dirID))
		require.Equal(t, http.StatusOK, status, "%v", out)
		status, out = serve(t, s, http.MethodPatch, filesPath+"/"+id, fmt.Sprintf(`{"directory_id":%q}`, other))
		require.Equal(t, http.StatusOK, status, "%v", out)
		cost[n] = uniqueChecked(s, dirID) + uniqueChecked(s, other) - before
	}
	t.Logf("the checks of 19 creates, uploads and updates looked at %d files of %d, %d of %d", cost[small], small, cost[large], large)
	assert.LessOrEqual(t, cost[small], 19, "at most one file a check")
	assert.Equal(t, cost[small], cost[large], "a check costs the same in a directory of %d files as of %d", large, small)
}

// scanUniqueIDs is the unique_id index of d computed the slow way: its live files by unique_id.
func scanUniqueIDs(d *directory) map[string]*dirFile {
	live := map[string]*dirFile{}
	for _, f := range d.files {
		if f.deletedAt.IsZero() && d.deletedAt.IsZero() {
			live[f.uniqueID] = f
		}
	}
	return live
}

// TestDirectoryUniqueIDIndex runs random adds, uploads, renames, moves and deletes of files over
// three directories, with a small pool of unique_ids so that they collide, and checks every answer
// against a scan of the live files (409 exactly when another live file of the directory holds the
// unique_id) and the index against the scan after every step.
func TestDirectoryUniqueIDIndex(t *testing.T) {
	t.Parallel()
	s := NewUnstartedServer(WithRecordLimit(0))
	t.Cleanup(s.Close)
	r := rand.New(rand.NewPCG(12, 1))
	fileID := s.PutFile("f.txt", []byte("f"))
	var dirs []string
	for i := range 3 {
		status, out := serve(t, s, http.MethodPost, "/api/v1/beta/directories", fmt.Sprintf(`{"name":"d%d"}`, i))
		require.Equal(t, http.StatusOK, status, "%v", out)
		dirs = append(dirs, out["id"].(string))
	}
	state := func() *projectState { return s.project(s.ProjectID) }
	// taken reports, by a scan, whether a live file of dir other than except holds uniqueID.
	taken := func(dir, uniqueID, except string) bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		f := scanUniqueIDs(state().dirs[dir])[uniqueID]
		return f != nil && f.id != except
	}
	liveFiles := func() (ids, dirOf []string) {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, dir := range dirs {
			for _, f := range scanUniqueIDs(state().dirs[dir]) {
				ids, dirOf = append(ids, f.id), append(dirOf, dir)
			}
		}
		return ids, dirOf
	}
	statusFor := func(conflict bool) int {
		if conflict {
			return http.StatusConflict
		}
		return http.StatusOK
	}
	counts := map[string]int{}
	for step := range 400 {
		dir, uniqueID := dirs[r.IntN(len(dirs))], fmt.Sprint("u", r.IntN(6))
		base := "/api/v1/beta/directories/" + dir + "/files"
		ids, dirOf := liveFiles()
		op := []string{"add", "upload", "update", "move", "delete"}[r.IntN(5)]
		if op != "add" && op != "upload" && len(ids) == 0 {
			op = "add"
		}
		var status int
		var out map[string]any
		want := http.StatusOK
		switch op {
		case "add":
			want = statusFor(taken(dir, uniqueID, ""))
			status, out = serve(t, s, http.MethodPost, base, fmt.Sprintf(`{"file_id":%q,"unique_id":%q}`, fileID, uniqueID))
		case "upload":
			want = statusFor(taken(dir, uniqueID, ""))
			status, out = serveUpload(t, s, dir, "up.txt", map[string]string{"unique_id": uniqueID})
		case "update", "move":
			i := r.IntN(len(ids))
			target := dirOf[i]
			if op == "move" {
				target = dir
			}
			want = statusFor(taken(target, uniqueID, ids[i]))
			status, out = serve(t, s, http.MethodPatch, "/api/v1/beta/directories/"+dirOf[i]+"/files/"+ids[i],
				fmt.Sprintf(`{"directory_id":%q,"unique_id":%q}`, target, uniqueID))
		case "delete":
			i := r.IntN(len(ids))
			want = http.StatusNoContent
			req := httptest.NewRequest(http.MethodDelete, "/api/v1/beta/directories/"+dirOf[i]+"/files/"+ids[i], nil)
			req.Header.Set("Authorization", "Bearer "+s.APIKey)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			status = rec.Code
		}
		require.Equal(t, want, status, "step %d: %s %s in %s: %v", step, op, uniqueID, dir, out)
		counts[fmt.Sprint(op, " ", status)]++

		s.mu.Lock()
		for _, d := range dirs {
			got := map[string]*dirFile{}
			for k, f := range state().dirs[d].byUniqueID {
				got[k] = f
			}
			assert.Equal(t, scanUniqueIDs(state().dirs[d]), got, "step %d: index of %s", step, d)
		}
		s.mu.Unlock()
	}
	t.Logf("answers: %v", counts)
	for _, k := range []string{"add 200", "add 409", "upload 200", "upload 409", "update 200", "update 409", "move 200", "move 409", "delete 204"} {
		assert.Positive(t, counts[k], "the walk exercised %s", k)
	}

	// Deleting a directory frees every unique_id of its files; its deleted files stay listed.
	status, _ := serve(t, s, http.MethodPost, "/api/v1/beta/directories/"+dirs[0]+"/files", fmt.Sprintf(`{"file_id":%q,"unique_id":"last"}`, fileID))
	require.Equal(t, http.StatusOK, status)
	req := httptest.NewRequest(http.MethodDelete, "/api/v1/beta/directories/"+dirs[0], nil)
	req.Header.Set("Authorization", "Bearer "+s.APIKey)
	s.ServeHTTP(httptest.NewRecorder(), req)
	s.mu.Lock()
	assert.Empty(t, state().dirs[dirs[0]].byUniqueID)
	assert.NotEmpty(t, state().dirs[dirs[0]].files)
	s.mu.Unlock()
}
