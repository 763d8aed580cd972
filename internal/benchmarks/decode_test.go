package benchmarks_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The decoder of this test binary fails on any struct whose JSON metadata does not list
// exactly its fields, so the bodies below also check the metadata of the types they fill.
func init() { apijson.SetStrictMetadata(true) }

// Target 1: decoding a response body into the SDK's type, metadata included, takes no more
// time and no more allocated bytes than encoding/json into a plain struct. "ours" is
// requestconfig.DecodeBody, the decoding step of every SDK call.

func BenchmarkDecodeRetrieve(b *testing.B) {
	benchDecode[beta.RetrievalRetrieveResponse, plainRetrievalRetrieveResponse](b, retrieveBody(1000))
}

func BenchmarkDecodeFilesPage(b *testing.B) {
	benchDecode[pagination.PaginatedCursor[beta.DirectoryFile], plainDirectoryFilePage](b, filesPage(0, 1000, "page-2"))
}

func BenchmarkDecodeProcessingResults(b *testing.B) {
	benchDecode[beta.BatchJobItemProcessingResults, plainBatchJobItemProcessingResults](b, processingResultsBody(200))
}

func BenchmarkDecodeChatSession(b *testing.B) {
	benchDecode[beta.ChatSessionDetail, plainChatSessionDetail](b, chatSessionBody(5000))
}

// benchDecode runs the baseline, encoding/json into a P, and ours, the SDK's decoder into an O.
func benchDecode[O, P any](b *testing.B, body []byte) {
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for range b.N {
			var v P
			if err := json.Unmarshal(body, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=ours", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for range b.N {
			var v O
			if err := requestconfig.DecodeBody(body, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDecodeBodiesAlike decodes each benchmark body both ways and checks that the SDK's value
// holds exactly what the plain one does, that no key of the body went unrecognised (no
// ExtraFields anywhere), and that every field of every parse configuration was decoded: the
// two sides do the same work.
func TestDecodeBodiesAlike(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		body  func() []byte
		ours  any
		plain any
		check func(t *testing.T, body []byte, ours any) // more checks of one body, or nil
	}{
		{"retrieve", func() []byte { return retrieveBody(1000) }, new(beta.RetrievalRetrieveResponse), new(plainRetrievalRetrieveResponse),
			func(t *testing.T, body []byte, _ any) {
				assert.InDelta(t, 1<<20, len(body), 300<<10, "retrieve body is about 1 MB")
			}},
		{"files page", func() []byte { return filesPage(0, 1000, "page-2") }, new(pagination.PaginatedCursor[beta.DirectoryFile]), new(plainDirectoryFilePage), nil},
		{"processing results", func() []byte { return processingResultsBody(200) }, new(beta.BatchJobItemProcessingResults), new(plainBatchJobItemProcessingResults),
			checkFullParseConfigurations},
		{"chat session", func() []byte { return chatSessionBody(5000) }, new(beta.ChatSessionDetail), new(plainChatSessionDetail), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := tc.body()
			require.NoError(t, json.Unmarshal(body, tc.plain))
			require.NoError(t, requestconfig.DecodeBody(body, tc.ours))
			var diffs []string
			compareValues("", reflect.ValueOf(tc.ours).Elem(), reflect.ValueOf(tc.plain).Elem(), &diffs)
			assert.Empty(t, diffs)
			assert.Empty(t, unknownKeys("", reflect.ValueOf(tc.ours).Elem()))
			if tc.check != nil {
				tc.check(t, body, tc.ours)
			}
		})
	}
}

// checkFullParseConfigurations checks that every field of every parse configuration of the
// processing results was decoded.
func checkFullParseConfigurations(t *testing.T, _ []byte, ours any) {
	res := ours.(*beta.BatchJobItemProcessingResults)
	require.Len(t, res.ProcessingResults, 200)
	for _, r := range res.ProcessingResults {
		assert.Equal(t, beta.BatchJobTypeParse, r.JobConfig.Kind())
		params := reflect.ValueOf(r.JobConfig.Parameters.JSON)
		for i := range params.NumField() {
			if !params.Type().Field(i).IsExported() {
				continue
			}
			if f, ok := params.Field(i).Interface().(respjson.Field); ok {
				assert.True(t, f.Valid(), "parameters.%s not decoded", params.Type().Field(i).Name)
			}
		}
	}
}

var timeType = reflect.TypeFor[time.Time]()

// compareValues records in diffs every place where the SDK value ours and the plain value
// plain differ. Plain fields are matched to the SDK's by Go field name.
func compareValues(path string, ours, plain reflect.Value, diffs *[]string) {
	if len(*diffs) > 20 {
		return
	}
	fail := func() {
		*diffs = append(*diffs, fmt.Sprintf("%s: ours %v, plain %v", path, ours, plain))
	}
	switch {
	case plain.Type() == timeType:
		if !ours.Interface().(time.Time).Equal(plain.Interface().(time.Time)) {
			fail()
		}
		return
	case plain.Kind() == reflect.Struct:
		for i := range plain.NumField() {
			name := plain.Type().Field(i).Name
			of := ours.FieldByName(name)
			if !of.IsValid() {
				*diffs = append(*diffs, path+"."+name+": no such field in the SDK type")
				continue
			}
			compareValues(path+"."+name, of, plain.Field(i), diffs)
		}
		return
	case plain.Kind() == reflect.Slice:
		if ours.Len() != plain.Len() {
			fail()
			return
		}
		for i := range plain.Len() {
			compareValues(fmt.Sprintf("%s[%d]", path, i), ours.Index(i), plain.Index(i), diffs)
		}
		return
	}
	switch plain.Kind() {
	case reflect.String:
		if ours.String() != plain.String() {
			fail()
		}
	case reflect.Bool:
		if ours.Bool() != plain.Bool() {
			fail()
		}
	case reflect.Int64:
		if ours.Int() != plain.Int() {
			fail()
		}
	case reflect.Float64:
		if ours.Float() != plain.Float() {
			fail()
		}
	default: // maps and any: free-form JSON, decoded alike by both
		if !reflect.DeepEqual(ours.Interface(), plain.Interface()) {
			fail()
		}
	}
}

// unknownKeys lists the JSON keys, anywhere in v, that the SDK type had no field for.
func unknownKeys(path string, v reflect.Value) []string {
	var out []string
	switch v.Kind() {
	case reflect.Struct:
		if meta := v.FieldByName("JSON"); meta.IsValid() && meta.Kind() == reflect.Struct {
			if extra := meta.FieldByName("ExtraFields"); extra.IsValid() {
				for _, k := range extra.MapKeys() {
					out = append(out, path+"."+k.String())
				}
			}
		}
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && f.Name != "JSON" {
				out = append(out, unknownKeys(path+"."+f.Name, v.Field(i))...)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			out = append(out, unknownKeys(fmt.Sprintf("%s[%d]", path, i), v.Index(i))...)
		}
	}
	return out
}

// TestPlainTypesMatch checks that each plain type has the fields, with the same JSON names, of
// the SDK type it stands for, recursively: no more, no fewer.
func TestPlainTypesMatch(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]reflect.Type{
		{reflect.TypeFor[beta.RetrievalRetrieveResponse](), reflect.TypeFor[plainRetrievalRetrieveResponse]()},
		{reflect.TypeFor[pagination.PaginatedCursor[beta.DirectoryFile]](), reflect.TypeFor[plainDirectoryFilePage]()},
		{reflect.TypeFor[beta.BatchJobItemProcessingResults](), reflect.TypeFor[plainBatchJobItemProcessingResults]()},
		{reflect.TypeFor[beta.ChatSessionDetail](), reflect.TypeFor[plainChatSessionDetail]()},
		{reflect.TypeFor[beta.Directory](), reflect.TypeFor[plainDirectory]()},
	} {
		t.Run(pair[1].Name(), func(t *testing.T) {
			t.Parallel()
			assert.Empty(t, fieldDiffs(pair[1].Name(), pair[0], pair[1]))
		})
	}
}

// fieldDiffs lists the fields that the SDK type ours and the plain type plain do not share.
func fieldDiffs(path string, ours, plain reflect.Type) []string {
	for ours.Kind() == reflect.Slice || ours.Kind() == reflect.Map {
		if plain.Kind() != ours.Kind() {
			return []string{fmt.Sprintf("%s: %s vs %s", path, ours, plain)}
		}
		ours, plain = ours.Elem(), plain.Elem()
	}
	if ours.Kind() != reflect.Struct || ours == timeType {
		if ours.Kind() != plain.Kind() {
			return []string{fmt.Sprintf("%s: %s vs %s", path, ours, plain)}
		}
		return nil
	}
	tags := func(t reflect.Type) map[string]reflect.StructField {
		m := map[string]reflect.StructField{}
		for i := range t.NumField() {
			f := t.Field(i)
			if tag := f.Tag.Get("json"); f.IsExported() && tag != "-" {
				name, _, _ := strings.Cut(tag, ",")
				m[f.Name+" "+name] = f
			}
		}
		return m
	}
	o, p := tags(ours), tags(plain)
	var out []string
	for k, f := range o {
		pf, ok := p[k]
		if !ok {
			out = append(out, path+": plain type lacks "+k)
			continue
		}
		out = append(out, fieldDiffs(path+"."+f.Name, f.Type, pf.Type)...)
	}
	for k := range p {
		if _, ok := o[k]; !ok {
			out = append(out, path+": SDK type lacks "+k)
		}
	}
	return out
}

// ourValue is reflect.ValueOf(v), through a pointer.
func ourValue(v any) reflect.Value { return reflect.Indirect(reflect.ValueOf(v)) }
