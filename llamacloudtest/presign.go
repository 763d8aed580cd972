package llamacloudtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// presignPrefix is where the server serves presigned downloads, outside the API and without a key.
const presignPrefix = "/presigned/"

// presignTTL is how long a presigned URL stays valid.
const presignTTL = time.Hour

// blob is content a presigned URL serves.
type blob struct {
	name        string
	contentType string
	content     []byte
	expires     time.Time
}

// presignedURL is the API's PresignedURL object.
type presignedURL struct {
	ExpiresAt  string            `json:"expires_at"`
	URL        string            `json:"url"`
	FormFields map[string]string `json:"form_fields"` // null: a download needs no form fields
}

// presign stores content under a URL of this server that answers GET without an API key for an
// hour, and returns the PresignedURL object. key names the content (e.g. a file ID): presigning the
// same key again replaces the content and keeps the URL. The caller holds s.mu.
func (c *call) presign(key, name, contentType string, content []byte) presignedURL {
	sum := sha256.Sum256([]byte(c.project + "\x00" + key))
	token := hex.EncodeToString(sum[:16])
	expires := c.s.now().Add(presignTTL)
	c.s.blobs[token] = blob{name: name, contentType: contentType, content: content, expires: expires}
	return presignedURL{ExpiresAt: formatTime(expires), URL: c.baseURL() + presignPrefix + token}
}

// baseURL is the server's URL, or the request's own origin while the server is embedded.
func (c *call) baseURL() string {
	if c.s.URL != "" {
		return c.s.URL
	}
	return "http://" + c.r.Host
}

// servePresigned answers GET on a presigned URL with the stored bytes.
func (s *Server) servePresigned(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	b, ok := s.blobs[r.PathValue("token")]
	now := s.now()
	s.mu.Unlock()
	if !ok {
		writeDetail(w, http.StatusNotFound, "Not Found")
		return
	}
	if now.After(b.expires) {
		writeDetail(w, http.StatusForbidden, "presigned URL expired")
		return
	}
	ct := b.contentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(b.content)))
	if b.name != "" {
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", b.name))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b.content)
}
