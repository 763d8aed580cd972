package pagination_test

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPagesShowNoInternals checks that users see nothing of internal/ on the page types:
// their methods are the documented ones, and go doc (which lists the methods promoted from
// unexported embedded types) prints no declaration naming an internal package.
func TestPagesShowNoInternals(t *testing.T) {
	t.Parallel()
	want := []string{"GetNextPage", "RawJSON", "Response", "UnmarshalJSON"}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[*pagination.PaginatedCursor[int]](),
		reflect.TypeFor[*pagination.PaginatedCursorPost[int]](),
		reflect.TypeFor[*pagination.PaginatedBatchItems[int]](),
	} {
		var got []string
		for i := range typ.NumMethod() {
			got = append(got, typ.Method(i).Name)
		}
		assert.Equal(t, want, got, "methods of %v", typ)
		for i := range typ.Elem().NumField() {
			if f := typ.Elem().Field(i); f.IsExported() {
				assert.NotContains(t, f.Type.PkgPath(), "/internal/", "field %s of %v", f.Name, typ)
			}
		}
	}

	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	d, err := doc.NewFromFiles(fset, files, "github.com/run-llama/llama-cloud-go/packages/pagination")
	require.NoError(t, err)
	var decls []ast.Decl
	for _, f := range d.Funcs {
		decls = append(decls, f.Decl)
	}
	var methods []string
	for _, typ := range d.Types {
		decls = append(decls, typ.Decl)
		for _, f := range slices.Concat(typ.Funcs, typ.Methods) {
			decls = append(decls, f.Decl)
			methods = append(methods, typ.Name+"."+f.Name)
		}
	}
	require.Contains(t, methods, "PaginatedCursor.GetNextPage")
	require.Contains(t, methods, "PaginatedCursor.Response", "go doc lists the promoted methods")
	for _, decl := range decls {
		var buf bytes.Buffer
		require.NoError(t, printer.Fprint(&buf, fset, decl))
		assert.NotContains(t, buf.String(), "requestconfig")
		assert.NotContains(t, buf.String(), "SetPageConfig")
	}
}
