package textindex_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

func TestExtract(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, content, want string
	}{
		{"plain text kept", "notes.txt", "Hello,\n  world!", "Hello,\n  world!"},
		{"markdown kept", "README.md", "# Title\n\n*bold* <b>not html</b>", "# Title\n\n*bold* <b>not html</b>"},
		{"no extension", "LICENSE", "MIT", "MIT"},
		{"line endings and NUL", "a.txt", "one\r\ntwo\rthree\x00!", "one\ntwo\nthree!"},
		{"invalid UTF-8 dropped", "a.txt", "caf\xc3\xa9 \xff\xfeok", "café ok"},
		{"html tags and entities", "page.HTML", "<p>Fish &amp; chips &lt;3</p><p>x&#39;s <i>y</i></p>", "Fish & chips <3\n\nx's y"},
		{"html script style comment", "a.htm",
			"<head><style>p{}</style><script type=\"x\">if (a<b) {}</script></head><!-- hidden --><p>shown</p><noscript>no</noscript>",
			"shown"},
		{"html table and list", "t.html",
			"<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table><ul><li>x</li><li>y</li></ul>end",
			"a | b\n1 | 2\n\nx\ny\n\nend"},
		{"html whitespace collapsed", "w.html", "<div>  lots   of\n\n  space <b>bold</b>text<br/>next\tline</div>",
			"lots of space boldtext\nnext line"},
		{"html stray angle and quoted attribute", "s.html", `a < b <a title="x>y" href="#">link</a>`, "a < b link"},
		{"csv rows", "data.csv", "name,city\n\"Smith, J\", Paris \n\nLee,\"New\nYork\"\n", "name | city\nSmith, J | Paris\nLee | New\nYork"},
		{"tsv rows", "data.tsv", "a\tb\n1\t2\n", "a | b\n1 | 2"},
		{"json flattened in order", "doc.json",
			`{"z": 1, "a": {"b": [true, null, "s"], "e": {}}, "n": 1.50, "l": []}`,
			"z: 1\na.b[0]: true\na.b[1]: null\na.b[2]: s\na.e: {}\nn: 1.50\nl: []"},
		{"json root array", "arr.json", `[{"k":"v"}, 2]`, "[0].k: v\n[1]: 2"},
		{"json scalar", "s.json", `"just text"`, "just text"},
		{"invalid json kept", "bad.json", `{"a": 1`, `{"a": 1`},
		{"json with trailing data kept", "two.json", `{"a":1} {"b":2}`, `{"a":1} {"b":2}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, textindex.Extract(tc.file, []byte(tc.content)))
		})
	}
}

func TestExtractHTMLFile(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", "history.html"))
	require.NoError(t, err)
	got := textindex.Extract("history.html", data)
	assert.Equal(t, "Veloria\n\nThe Kingdom of Veloria\n\n"+
		"Veloria is a fictional island kingdom. Its capital city is Port Amsel, founded by fishermen in 1412.\n\n"+
		"The kingdom's main exports are salt, amber and woollen cloth.", got)
	assert.NotContains(t, got, "wrong answer")
	assert.NotContains(t, got, "color")
}
