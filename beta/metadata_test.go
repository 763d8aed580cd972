package beta_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
)

// The decoder of this test binary fails on any struct whose metadata does not list exactly
// its fields, so every response a test decodes is checked too.
func init() { apijson.SetStrictMetadata(true) }

// TestResponseMetadata checks, from the source of beta and packages/pagination, that the
// JSON metadata struct of every response type lists exactly the type's JSON fields: one
// respjson.Field per field under its Go name, plus ExtraFields and raw. The decoder fills
// entries by name and passes over a missing or misspelled one silently, so this is what
// keeps an entry from being dropped or mistyped unnoticed. Response types are found, not
// listed: every struct type with a JSON metadata field, every struct type with an
// UnmarshalJSON method, and every struct type of the package that a response type's field
// holds (through slices, maps and pointers) must have metadata that matches. A type that
// decodes itself (an UnmarshalAPIJSON method: the free-form objects) has no JSON fields for
// the decoder; its metadata holds ExtraFields and raw only.
func TestResponseMetadata(t *testing.T) {
	t.Parallel()
	var problems []string
	checked := 0
	for _, pkg := range []struct{ name, dir string }{{"beta", "."}, {"pagination", "../packages/pagination"}} {
		src := parseStructs(t, pkg.dir)
		require.NotEmpty(t, src.structs, pkg.dir)
		var names []string
		for name := range src.structs {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			st := src.structs[name]
			qualified := pkg.name + "." + name
			meta := src.metadataOf(st)
			if meta == nil {
				if src.unmarshalers[name] {
					problems = append(problems, qualified+": has an UnmarshalJSON method but no JSON metadata field")
				}
				continue
			}
			checked++
			problems = append(problems, src.checkMetadata(qualified, name, st, meta)...)
			for _, ref := range src.fieldTypes(st) {
				if src.metadataOf(src.structs[ref]) == nil {
					problems = append(problems, qualified+": holds "+pkg.name+"."+ref+", a struct without JSON metadata")
				}
			}
		}
	}
	assert.Empty(t, problems)
	assert.Positive(t, checked)
}

// source holds the struct types of one package's non-test files and which of them have an
// UnmarshalJSON method and an UnmarshalAPIJSON method.
type source struct {
	structs      map[string]*ast.StructType
	unmarshalers map[string]bool
	selfDecoding map[string]bool
}

func parseStructs(t *testing.T, dir string) source {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	src := source{structs: map[string]*ast.StructType{}, unmarshalers: map[string]bool{}, selfDecoding: map[string]bool{}}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		{
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						if ts, ok := spec.(*ast.TypeSpec); ok {
							if st, ok := ts.Type.(*ast.StructType); ok {
								src.structs[ts.Name.Name] = st
							}
						}
					}
				case *ast.FuncDecl:
					switch {
					case d.Recv == nil:
					case d.Name.Name == "UnmarshalJSON":
						src.unmarshalers[typeName(d.Recv.List[0].Type)] = true
					case d.Name.Name == "UnmarshalAPIJSON":
						src.selfDecoding[typeName(d.Recv.List[0].Type)] = true
					}
				}
			}
		}
	}
	return src
}

// typeName returns the name of a type expression's named type within the package (T, *T,
// T[X], []T, map[K]T: T), or "" for types of other packages and literals.
func typeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ArrayType:
			e = x.Elt
		case *ast.MapType:
			e = x.Value
		default:
			return ""
		}
	}
}

// metadataOf returns the struct of st's field named JSON tagged `json:"-"` (a struct
// literal or a struct type of the package), or nil.
func (src source) metadataOf(st *ast.StructType) *ast.StructType {
	if st == nil {
		return nil
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "JSON" && jsonTag(f) == "-" {
			if id, ok := f.Type.(*ast.Ident); ok {
				return src.structs[id.Name]
			}
			meta, _ := f.Type.(*ast.StructType)
			return meta
		}
	}
	return nil
}

// jsonTag returns the json key of a field's tag ("" when untagged).
func jsonTag(f *ast.Field) string {
	if f.Tag == nil {
		return ""
	}
	tag, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return ""
	}
	return reflect.StructTag(tag).Get("json")
}

// jsonFields lists the Go names of st's JSON fields as the decoder sees them: exported,
// not tagged "-", the metadata itself excluded, with the fields of untagged embedded
// structs of the package in their place.
func (src source) jsonFields(st *ast.StructType) []string {
	var names []string
	for _, f := range st.Fields.List {
		tag := jsonTag(f)
		if len(f.Names) == 0 { // embedded
			name := typeName(f.Type)
			if inner, ok := src.structs[name]; ok && tag == "" {
				names = append(names, src.jsonFields(inner)...)
			} else if ast.IsExported(name) && tag != "-" {
				names = append(names, name)
			}
			continue
		}
		for _, n := range f.Names {
			if n.IsExported() && n.Name != "JSON" && tag != "-" {
				names = append(names, n.Name)
			}
		}
	}
	return names
}

// fieldTypes lists the struct types of the package that st's JSON fields hold.
func (src source) fieldTypes(st *ast.StructType) []string {
	var refs []string
	for _, f := range st.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "JSON" {
			continue
		}
		if name := typeName(f.Type); src.structs[name] != nil && len(f.Names) > 0 {
			refs = append(refs, name)
		}
	}
	return refs
}

// checkMetadata lists how the metadata struct meta of the type name (qualified: with its
// package) does not match the type's JSON fields.
func (src source) checkMetadata(qualified, name string, st, meta *ast.StructType) []string {
	var problems []string
	entries := map[string]ast.Expr{}
	for _, f := range meta.Fields.List {
		for _, n := range f.Names {
			entries[n.Name] = f.Type
		}
	}
	want := map[string]bool{}
	var fields []string
	if !src.selfDecoding[name] {
		fields = src.jsonFields(st)
	}
	for _, name := range fields {
		want[name] = true
		switch typ, ok := entries[name]; {
		case !ok:
			problems = append(problems, qualified+": JSON."+name+" is missing: field "+name+" has no entry")
		case exprString(typ) != "respjson.Field":
			problems = append(problems, qualified+": JSON."+name+" is a "+exprString(typ)+", not a respjson.Field")
		}
	}
	for name, typ := range entries {
		switch name {
		case "ExtraFields":
			if exprString(typ) != "map[string]respjson.Field" {
				problems = append(problems, qualified+": JSON.ExtraFields is a "+exprString(typ)+", not a map[string]respjson.Field")
			}
		case "raw":
			if exprString(typ) != "string" {
				problems = append(problems, qualified+": JSON.raw is a "+exprString(typ)+", not a string")
			}
		default:
			if !want[name] {
				problems = append(problems, qualified+": JSON."+name+" names no JSON field of the type")
			}
		}
	}
	for _, name := range []string{"ExtraFields", "raw"} {
		if _, ok := entries[name]; !ok {
			problems = append(problems, qualified+": JSON."+name+" is missing")
		}
	}
	slices.Sort(problems)
	return problems
}

// exprString prints the type expressions metadata entries use.
func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.MapType:
		return "map[" + exprString(x.Key) + "]" + exprString(x.Value)
	case *ast.ArrayType:
		return "[]" + exprString(x.Elt)
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	}
	return "?"
}
