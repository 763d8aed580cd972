package llamacloud_test

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeImports are the packages a README snippet may use without importing them. A snippet
// that is a whole file (it starts with "package") imports what it uses itself.
var readmeImports = []string{
	"context", "encoding/json", "errors", "fmt", "io", "io/fs", "log", "log/slog", "net/http",
	"net/url", "os", "path", "strings", "testing", "time",
	"github.com/run-llama/llama-cloud-go",
	"github.com/run-llama/llama-cloud-go/beta",
	"github.com/run-llama/llama-cloud-go/llamacloudtest",
	"github.com/run-llama/llama-cloud-go/option",
	"github.com/run-llama/llama-cloud-go/packages/param",
	"github.com/run-llama/llama-cloud-go/packages/ssestream",
}

// readmeNames are the names a statement snippet may use without declaring them; the README says
// so before its first snippet. They are package-level variables of the generated file, so a
// snippet that declares one of them with := gets a local of its own.
const readmeNames = `
var (
	ctx        context.Context
	client     *llamacloud.Client
	dir        *beta.Directory
	dirID      string
	fileID     string
	indexID    string
	sheetJobID string
	projectID  string
)
`

// readmeSnippet is one ```go block of the README.
type readmeSnippet struct {
	line int // line of the opening fence
	code string
}

// readmeSnippets returns the ```go blocks of the README in order.
func readmeSnippets(t *testing.T, readme []byte) []readmeSnippet {
	t.Helper()
	var (
		out  []readmeSnippet
		cur  *readmeSnippet
		body strings.Builder
	)
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = &readmeSnippet{line: n}
			body.Reset()
		case cur != nil && strings.TrimSpace(line) == "```":
			cur.code = body.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	require.NoError(t, sc.Err())
	require.Nil(t, cur, "README ends inside a ```go block")
	return out
}

// snippetFile turns a snippet into a Go file: a whole file stays as it is, top-level
// declarations get the package clause and readmeImports, and statements become the body of a
// function returning error, after the declarations of readmeNames.
func snippetFile(s readmeSnippet) string {
	code := strings.TrimSpace(s.code)
	// A line directive makes positions in errors point into README.md.
	at := fmt.Sprintf("\n//line README.md:%d\n", s.line+1)
	if strings.HasPrefix(code, "package ") {
		return at[1:] + code
	}
	var b strings.Builder
	b.WriteString("package readme\n\nimport (\n")
	for _, p := range readmeImports {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	b.WriteString(")\n")
	if strings.HasPrefix(code, "func ") || strings.HasPrefix(code, "type ") {
		b.WriteString(at)
		b.WriteString(code)
		return b.String()
	}
	b.WriteString(readmeNames)
	b.WriteString("\nfunc snippet() error {")
	b.WriteString(at)
	b.WriteString(code)
	b.WriteString("\n\treturn nil\n}\n")
	return b.String()
}

// exportData lists the export data files of pkgs and everything they import, built by the go
// command (from the build cache when they are there).
func exportData(t *testing.T, pkgs []string) map[string]string {
	t.Helper()
	args := []string{"list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}"}
	if raceEnabled {
		args = append(args, "-race") // the packages the test binary was built from
	}
	args = append(args, pkgs...)
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "go list: %s", stderr.String())
	files := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, file, ok := strings.Cut(line, "=")
		if ok && file != "" {
			files[path] = file
		}
	}
	return files
}

// benignSnippetError reports whether err is one a snippet may have: a value shown but not used
// further, or one of readmeImports it does not need.
func benignSnippetError(err types.Error) bool {
	return strings.Contains(err.Msg, "declared and not used") || (strings.Contains(err.Msg, " imported ") && strings.HasSuffix(err.Msg, "not used"))
}

// snippetChecker returns a function that type-checks one generated file against the export
// data of pkgs and returns its problems, leaving out the benign ones.
func snippetChecker(t *testing.T, fset *token.FileSet, pkgs []string) func(*ast.File) []string {
	t.Helper()
	export := exportData(t, pkgs)
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := export[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	})
	return func(f *ast.File) []string {
		var problems []string
		conf := types.Config{Importer: imp, Error: func(err error) {
			if te, ok := err.(types.Error); ok && benignSnippetError(te) {
				return
			}
			problems = append(problems, err.Error())
		}}
		_, _ = conf.Check("readme", fset, []*ast.File{f}, nil)
		return problems
	}
}

// TestREADMESnippetsCompile type-checks every ```go block of README.md against the SDK, so
// that the README cannot show code that does not build. Statement snippets may use the names
// of readmeNames; values they declare need not be used afterwards.
func TestREADMESnippetsCompile(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	snippets := readmeSnippets(t, readme)
	require.NotEmpty(t, snippets)

	fset := token.NewFileSet()
	files := make([]*ast.File, len(snippets))
	imports := map[string]bool{}
	for _, p := range readmeImports {
		imports[p] = true
	}
	for i, s := range snippets {
		f, err := parser.ParseFile(fset, fmt.Sprintf("snippet%d.go", i), snippetFile(s), parser.ParseComments|parser.SkipObjectResolution)
		require.NoError(t, err, "the ```go block at README.md:%d does not parse", s.line)
		files[i] = f
		for _, imp := range f.Imports {
			imports[strings.Trim(imp.Path.Value, `"`)] = true
		}
	}
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	check := snippetChecker(t, fset, paths)

	for i, s := range snippets {
		t.Run(fmt.Sprintf("line_%d", s.line), func(t *testing.T) {
			problems := check(files[i])
			assert.Empty(t, problems, "the ```go block at README.md:%d does not compile:\n%s", s.line, s.code)
		})
	}
}

// TestREADMESnippetCheckFails makes sure the check above can fail: a snippet with an undefined
// name, a wrong field and a redeclared variable is reported, and a good one is not.
func TestREADMESnippetCheckFails(t *testing.T) {
	t.Parallel()
	readme := []byte("text\n```go\nturn := 1\nturn := 2\n_ = params\n```\n\n```go\ndir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: \"x\"})\n```\n")
	snippets := readmeSnippets(t, readme)
	require.Len(t, snippets, 2)
	assert.Equal(t, 2, snippets[0].line)
	assert.Equal(t, 8, snippets[1].line)

	fset := token.NewFileSet()
	checkFile := snippetChecker(t, fset, readmeImports)
	check := func(s readmeSnippet) []string {
		f, err := parser.ParseFile(fset, "snippet.go", snippetFile(s), parser.ParseComments)
		require.NoError(t, err)
		return checkFile(f)
	}
	bad := strings.Join(check(snippets[0]), "\n")
	assert.Contains(t, bad, "no new variables")
	assert.Contains(t, bad, "undefined: params")
	assert.Empty(t, check(snippets[1]))
}
