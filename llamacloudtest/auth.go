package llamacloudtest

import (
	"fmt"
	"net/http"
	"strings"
)

// AddKey makes key a valid API key of project projectID, creating the project if it is new. A key
// added again moves to the new project.
func (s *Server) AddKey(key, projectID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[key] = projectID
	s.project(projectID)
}

// authenticate resolves the project of r's bearer key. Without a valid key it answers 401 itself,
// before anything reads the body, and closes the connection when a body may follow, so that an
// unauthenticated client cannot make the server read or keep its upload.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (projectID string, ok bool) {
	auth := r.Header.Get("Authorization")
	scheme, key, found := strings.Cut(auth, " ")
	if found && strings.EqualFold(scheme, "Bearer") {
		s.mu.Lock()
		projectID, ok = s.keys[strings.TrimSpace(key)]
		s.mu.Unlock()
	}
	if ok {
		return projectID, true
	}
	detail := "Invalid API key"
	if auth == "" {
		detail = "Not authenticated"
	}
	w.Header().Set("WWW-Authenticate", "Bearer")
	if r.ContentLength != 0 { // a body of some length (or of unknown length) is left unread
		w.Header().Set("Connection", "close")
	}
	writeDetail(w, http.StatusUnauthorized, detail)
	return "", false
}

// authorize loads the caller's project and checks the organization_id and project_id query values
// against it; it answers 403 itself and reports whether to go on. The caller holds s.mu.
func (s *Server) authorize(c *call) bool {
	c.p = s.project(c.project)
	if v := c.q.Get("project_id"); v != "" && v != c.project {
		c.fail(http.StatusForbidden, fmt.Sprintf("project %q is not accessible with this API key", v))
		return false
	}
	if v := c.q.Get("organization_id"); v != "" && v != c.p.orgID {
		c.fail(http.StatusForbidden, fmt.Sprintf("organization %q is not accessible with this API key", v))
		return false
	}
	return true
}
