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

// project_id query values; it answers 401 or 403 itself and reports whether to go on. The caller
// holds s.mu.
func (s *Server) authorize(c *call) bool {
	auth := c.r.Header.Get("Authorization")
	scheme, key, found := strings.Cut(auth, " ")
	if auth == "" {
		c.header.Set("WWW-Authenticate", "Bearer")
		c.fail(http.StatusUnauthorized, "Not authenticated")
		return false
	}
	projectID, ok := s.keys[strings.TrimSpace(key)]
	if !found || !strings.EqualFold(scheme, "Bearer") || !ok {
		c.header.Set("WWW-Authenticate", "Bearer")
		c.fail(http.StatusUnauthorized, "Invalid API key")
		return false
	}
	c.p = s.project(projectID)
	c.project = projectID
	if v := c.q.Get("project_id"); v != "" && v != projectID {
		c.fail(http.StatusForbidden, fmt.Sprintf("project %q is not accessible with this API key", v))
		return false
	}
	if v := c.q.Get("organization_id"); v != "" && v != c.p.orgID {
		c.fail(http.StatusForbidden, fmt.Sprintf("organization %q is not accessible with this API key", v))
		return false
	}
	return true
}
