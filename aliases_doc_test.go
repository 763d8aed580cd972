package llamacloud_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseDir parses the non-test Go files of a directory with their comments.
func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	return files
}

// typeSpec finds the declaration of a type and its doc comment.
func typeSpec(t *testing.T, files []*ast.File, name string) (*ast.TypeSpec, string) {
	t.Helper()
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				if ts := s.(*ast.TypeSpec); ts.Name.Name == name {
					doc := ts.Doc
					if doc == nil {
						doc = g.Doc
					}
					return ts, doc.Text()
				}
			}
		}
	}
	t.Fatalf("type %s not found", name)
	return nil, ""
}

// TestErrorDocListsItsMembers keeps the doc comment of the llamacloud.Error alias, which is
// all go doc shows of it, in step with apierror.Error: it must name every exported field and
// method, and nothing else.
func TestErrorDocListsItsMembers(t *testing.T) {
	t.Parallel()
	internal := parseDir(t, "internal/apierror")
	spec, _ := typeSpec(t, internal, "Error")
	var fields, methods []string
	for _, f := range spec.Type.(*ast.StructType).Fields.List {
		for _, n := range f.Names {
			if n.IsExported() {
				fields = append(fields, n.Name)
			}
		}
	}
	for _, f := range internal {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok && star.X.(*ast.Ident).Name == "Error" {
				methods = append(methods, fn.Name.Name)
			}
		}
	}
	require.NotEmpty(t, fields)
	require.NotEmpty(t, methods)

	alias, doc := typeSpec(t, parseDir(t, "."), "Error")
	require.True(t, alias.Assign.IsValid(), "llamacloud.Error is an alias")
	var docFields, docMethods []string
	for _, m := range regexp.MustCompile(`(?m)^\t\t([A-Z]\w*) `).FindAllStringSubmatch(doc, -1) {
		docFields = append(docFields, m[1])
	}
	for _, m := range regexp.MustCompile(`(?m)^\tfunc \(e \*Error\) ([A-Z]\w*)\(`).FindAllStringSubmatch(doc, -1) {
		docMethods = append(docMethods, m[1])
	}
	slices.Sort(fields)
	slices.Sort(methods)
	slices.Sort(docFields)
	slices.Sort(docMethods)
	assert.Equal(t, fields, docFields, "fields of apierror.Error vs those the doc of llamacloud.Error lists")
	assert.Equal(t, methods, docMethods, "methods of *apierror.Error vs those the doc of llamacloud.Error lists")
}

// TestOptionAliasesShowTheirSignature checks that go doc shows what the func types of the
// option package are: each is an alias of a func type written out, not of an internal name.
func TestOptionAliasesShowTheirSignature(t *testing.T) {
	t.Parallel()
	files := parseDir(t, "option")
	for _, name := range []string{"RequestOption", "Middleware", "MiddlewareNext"} {
		spec, doc := typeSpec(t, files, name)
		assert.True(t, spec.Assign.IsValid(), "%s is an alias", name)
		assert.IsType(t, &ast.FuncType{}, spec.Type, "%s is written as a func type", name)
		assert.True(t, strings.HasPrefix(doc, name+" "), "%s is documented", name)
	}
}
