// Package apipath expands route templates with escaped path arguments.
package apipath

import (
	"fmt"
	"net/url"
	"strings"
)

// Expand fills the {name} placeholders of template, in order, with args, each escaped as
// one path segment by [Segment]. An empty or blank argument is an error naming the
// placeholder, returned before any request is built.
func Expand(template string, args ...string) (string, error) {
	var b strings.Builder
	b.Grow(len(template) + 16)
	i := 0
	for {
		open := strings.IndexByte(template, '{')
		if open < 0 {
			b.WriteString(template)
			break
		}
		end := strings.IndexByte(template[open:], '}')
		if end < 0 {
			return "", fmt.Errorf("llamacloud: bad route template %q", template)
		}
		name := template[open+1 : open+end]
		if i >= len(args) {
			return "", fmt.Errorf("llamacloud: missing path argument %s", name)
		}
		if strings.TrimSpace(args[i]) == "" {
			return "", fmt.Errorf("llamacloud: %s must not be empty or blank, got %q", name, args[i])
		}
		b.WriteString(template[:open])
		b.WriteString(Segment(args[i]))
		template = template[open+end+1:]
		i++
	}
	return b.String(), nil
}

// Segment escapes s so that it stays one path segment: "/", "?", "#", "%" and spaces are
// percent-encoded, and the dot segments "." and ".." are written as "%2E" and "%2E%2E" so
// no resolver can climb out of the route.
func Segment(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}
