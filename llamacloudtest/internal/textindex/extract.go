package textindex

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"html"
	"io"
	"path"
	"strings"
)

func extract(name string, content []byte) string {
	text := normalise(string(content))
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return stripHTML(text)
	case ".csv":
		return extractCSV(text, ',')
	case ".tsv":
		return extractCSV(text, '\t')
	case ".json":
		return extractJSON(text)
	}
	return text
}

// normalise makes line endings "\n" and drops invalid UTF-8 and NUL bytes.
func normalise(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\x00", "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

func extractCSV(text string, comma rune) string {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var b strings.Builder
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return text
		}
		for i, cell := range rec {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(strings.TrimSpace(cell))
		}
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

func extractJSON(text string) string {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var lines []string
	if err := flattenJSON(dec, "", &lines); err != nil {
		return text
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return text // trailing data
	}
	return strings.Join(lines, "\n")
}

// flattenJSON reads one value from dec and appends a "path: value" line per scalar in it.
func flattenJSON(dec *json.Decoder, prefix string, lines *[]string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	line := func(v string) {
		if prefix == "" {
			*lines = append(*lines, v)
			return
		}
		*lines = append(*lines, prefix+": "+v)
	}
	switch t := tok.(type) {
	case json.Delim:
		n := 0
		for ; dec.More(); n++ {
			child := prefix
			if t == '{' {
				keyTok, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := keyTok.(string)
				if child != "" {
					child += "."
				}
				child += key
			} else {
				child += "[" + itoa(n) + "]"
			}
			if err := flattenJSON(dec, child, lines); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // closing delimiter
			return err
		}
		if n == 0 {
			if t == '{' {
				line("{}")
			} else {
				line("[]")
			}
		}
	case string:
		line(t)
	case json.Number:
		line(t.String())
	case bool:
		if t {
			line("true")
		} else {
			line("false")
		}
	case nil:
		line("null")
	}
	return nil
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// blockTags start a new paragraph; lineTags start a new line; cellTags are separated by " | ".
var (
	blockTags = map[string]bool{
		"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"section": true, "article": true, "header": true, "footer": true, "main": true, "nav": true,
		"aside": true, "table": true, "ul": true, "ol": true, "dl": true, "blockquote": true,
		"pre": true, "form": true, "figure": true, "title": true, "body": true, "hr": true,
	}
	lineTags = map[string]bool{"br": true, "li": true, "tr": true, "dt": true, "dd": true, "caption": true}
	cellTags = map[string]bool{"td": true, "th": true}
)

// stripHTML returns the visible text of an HTML document with paragraphs separated by blank lines.
func stripHTML(src string) string {
	var out strings.Builder
	pre := 0
	for i := 0; i < len(src); {
		if src[i] != '<' {
			j := strings.IndexByte(src[i:], '<')
			if j < 0 {
				j = len(src) - i
			}
			writeHTMLText(&out, html.UnescapeString(src[i:i+j]), pre > 0)
			i += j
			continue
		}
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				i = len(src)
			} else {
				i += 4 + end + 3
			}
			continue
		case len(rest) > 1 && (isASCIILetter(rest[1]) || rest[1] == '/' || rest[1] == '!' || rest[1] == '?'):
		default:
			writeHTMLText(&out, "<", pre > 0)
			i++
			continue
		}
		end := tagEnd(rest)
		if end < 0 {
			break
		}
		name, closing := tagName(rest[1:end])
		i += end + 1
		switch {
		case !closing && (name == "script" || name == "style" || name == "noscript" || name == "template"):
			closeTag := "</" + name
			k := indexFold(src[i:], closeTag)
			if k < 0 {
				i = len(src)
				continue
			}
			i += k
			if e := tagEnd(src[i:]); e >= 0 {
				i += e + 1
			} else {
				i = len(src)
			}
		case blockTags[name]:
			out.WriteString("\n\n")
			if name == "pre" {
				if closing {
					pre = max(pre-1, 0)
				} else {
					pre++
				}
			}
		case lineTags[name] && !closing:
			out.WriteString("\n")
		case cellTags[name] && !closing:
			out.WriteString(" | ")
		}
	}
	return tidyLines(out.String())
}

func writeHTMLText(out *strings.Builder, s string, pre bool) {
	if pre || s == "" {
		out.WriteString(s)
		return
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		out.WriteByte(' ')
		return
	}
	if isSpace(s[0]) {
		out.WriteByte(' ')
	}
	out.WriteString(strings.Join(fields, " "))
	if isSpace(s[len(s)-1]) {
		out.WriteByte(' ')
	}
}

// tidyLines trims every line, drops leading " | " cell separators, and keeps at most one blank line
// in a row.
func tidyLines(s string) string {
	var b strings.Builder
	blank := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "|"))
		if l == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
		blank = false
	}
	return b.String()
}

// tagEnd returns the index of the '>' closing the tag that s starts with, skipping quoted
// attribute values, or -1.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// tagName returns the lower-cased element name of a tag's inside ("/p", "div class=x", "br/").
func tagName(inner string) (name string, closing bool) {
	if strings.HasPrefix(inner, "/") {
		closing = true
		inner = inner[1:]
	}
	end := 0
	for end < len(inner) && (isASCIILetter(inner[end]) || (end > 0 && inner[end] >= '0' && inner[end] <= '9')) {
		end++
	}
	return strings.ToLower(inner[:end]), closing
}

// indexFold is strings.Index ignoring ASCII case; sub must be ASCII.
func indexFold(s, sub string) int {
	for k := 0; k+len(sub) <= len(s); k++ {
		if strings.EqualFold(s[k:k+len(sub)], sub) {
			return k
		}
	}
	return -1
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v' }
