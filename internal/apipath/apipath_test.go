package apipath

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExpand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		template string
		args     []string
		want     string
		err      string
	}{
		{"api/v1/beta/directories/{directoryID}", []string{"dir_1"}, "api/v1/beta/directories/dir_1", ""},
		{"a/{x}/b/{y}", []string{"1", "2"}, "a/1/b/2", ""},
		{"a/{x}", []string{"a/b"}, "a/a%2Fb", ""},
		{"a/{x}", []string{".."}, "a/%2E%2E", ""},
		{"a/{x}", []string{"."}, "a/%2E", ""},
		{"a/{x}", []string{"..."}, "a/...", ""},
		{"a/{x}", []string{"%2F"}, "a/%252F", ""},
		{"a/{x}", []string{"?q=1#f"}, "a/%3Fq=1%23f", ""},
		{"a/{x}", []string{"a b"}, "a/a%20b", ""},
		{"a/{x}", []string{"日本"}, "a/%E6%97%A5%E6%9C%AC", ""},
		{"a/{x}", []string{"a\x00b"}, "a/a%00b", ""},
		{"a/{x}", []string{""}, "", `llamacloud: x must not be empty or blank, got ""`},
		{"a/{x}", []string{" \t"}, "", `llamacloud: x must not be empty or blank, got " \t"`},
		{"a/{x}/{y}", []string{"1"}, "", "llamacloud: missing path argument y"},
	} {
		got, err := Expand(tc.template, tc.args...)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"dir_1", "a/b", "..", ".", "?q#f", "%2F", "a b", "日本", "\x00", "../../etc/passwd", "%2e%2e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		seg := Segment(id)
		u, err := url.Parse("https://h/api/" + seg + "/tail")
		require.NoError(t, err)
		assert.Equal(t, "/api/"+id+"/tail", u.Path, "decodes back to the input")
		escaped := strings.TrimSuffix(strings.TrimPrefix(u.EscapedPath(), "/api/"), "/tail")
		assert.NotContains(t, escaped, "/", "stays one segment")
		assert.NotEqual(t, "..", escaped)
		assert.NotEqual(t, ".", escaped)
		assert.Empty(t, u.RawQuery+u.Fragment)
		// A resolver that removes dot segments cannot climb out of /api/.
		ref, err := url.Parse(seg)
		if err == nil && seg != "" {
			resolved := (&url.URL{Scheme: "https", Host: "h", Path: "/api/"}).ResolveReference(ref)
			assert.True(t, strings.HasPrefix(resolved.Path, "/api/") || resolved.Host != "h", "resolved %q", resolved.Path)
		}
	})
}
