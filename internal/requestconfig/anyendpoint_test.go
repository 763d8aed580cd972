package requestconfig

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRelativePath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"api/v1/x":                       "api/v1/x",
		"/api/v1/x":                      "api/v1/x",
		"api/v1/beta/agent-data/:search": "api/v1/beta/agent-data/:search",
		":search":                        ":search",
		"api/v1/a%2Fb":                   "api/v1/a%2Fb",
		"api/v1/a b":                     "api/v1/a%20b",
		"api/v1/x?":                      "api/v1/x",
	} {
		got, q, err := RelativePath(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
			assert.Empty(t, q, in)
		}
	}
	got, q, err := RelativePath("api/v1/x?a=1&a=2&b=")
	require.NoError(t, err)
	assert.Equal(t, "api/v1/x", got)
	assert.Equal(t, url.Values{"a": {"1", "2"}, "b": {""}}, q)
}

// FuzzRelativePath checks that a path the SDK accepts can only lead under the base URL: same
// scheme, same host, below the path prefix, no dot segment.
func FuzzRelativePath(f *testing.F) {
	for _, s := range []string{"api/v1/x", "/api/v1/x?a=1", "//evil/x", "https://evil/x", "a/../b", "%2e%2e/x",
		"a#b", ":search", "a%2Fb", "\\\\evil\\x", "/\\evil", "http:x", "a:b/c", "?q=1", ""} {
		f.Add(s)
	}
	base, err := ParseBaseURL("https://api.example.com/prefix")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, path string) {
		rel, query, err := RelativePath(path)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "llamacloud: "), err.Error())
			return
		}
		r := &Request{Config: &Config{BaseURL: base}, Path: rel, Query: query}
		u := r.URL()
		assert.Equal(t, "https", u.Scheme)
		assert.Equal(t, "api.example.com", u.Host)
		assert.Empty(t, u.User)
		assert.True(t, strings.HasPrefix(u.EscapedPath(), "/prefix/"), u.EscapedPath())
		parsed, err := url.Parse(u.String())
		require.NoError(t, err, u.String())
		assert.Equal(t, "api.example.com", parsed.Host, u.String())
		assert.Empty(t, parsed.Fragment)
		for _, seg := range strings.Split(parsed.Path, "/") {
			assert.NotContains(t, []string{".", ".."}, seg, u.String())
		}
	})
}
