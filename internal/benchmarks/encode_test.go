package benchmarks_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Target 2: encoding request params takes at most 1.5× the time of encoding/json on an
// equivalent plain struct. "ours" is apijson.Marshal, the call that builds every JSON
// request body.

func BenchmarkEncodeBatchNew(b *testing.B) {
	ours, plain := batchNewParams()
	benchEncode(b, &ours, &plain)
}

func BenchmarkEncodeRetrieve(b *testing.B) {
	ours, plain := retrieveParams()
	benchEncode(b, &ours, &plain)
}

func benchEncode(b *testing.B, ours, plain any) {
	size, err := json.Marshal(plain)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(size)))
		for range b.N {
			if _, err := json.Marshal(plain); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=ours", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(size)))
		for range b.N {
			if _, err := apijson.Marshal(ours); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// batchNewParams returns a BatchNewParams whose parse configuration sets every field, and
// the plain struct holding the same values.
func batchNewParams() (beta.BatchNewParams, plainBatchNewParams) {
	var parse beta.BatchNewParamsJobConfigParse
	setAll(reflect.ValueOf(&parse).Elem(), 1)
	ours := beta.BatchNewParams{
		JobConfig:              beta.BatchNewParamsJobConfig{OfParse: &parse},
		DirectoryID:            param.NewOpt("dir-7f3a9c2e-41b8-4d2a-9e61-0c5d8b3f1a27"),
		PageSize:               param.NewOpt[int64](100),
		ContinueAsNewThreshold: param.NewOpt[int64](1000),
		TemporalNamespace:      param.NewOpt("default"),
	}
	// The plain struct is filled from the SDK's encoding, so it holds the same values.
	plain := plainBatchNewParams{JobConfig: new(plainParamsJobConfigParse)}
	body, err := apijson.Marshal(&ours)
	if err == nil {
		err = json.Unmarshal(body, &plain)
	}
	if err != nil {
		panic(err) // test data only
	}
	return ours, plain
}

// setAll sets every field of the params value v, recursively, to a value varied by seed.
func setAll(v reflect.Value, seed int) {
	switch v.Type() {
	case reflect.TypeFor[param.Opt[bool]]():
		v.Set(reflect.ValueOf(param.NewOpt(seed%2 == 0)))
		return
	case reflect.TypeFor[param.Opt[string]]():
		v.Set(reflect.ValueOf(param.NewOpt(fmt.Sprintf("value-%d-%s", seed, text(seed, 12+seed%20)))))
		return
	case reflect.TypeFor[param.Opt[float64]]():
		v.Set(reflect.ValueOf(param.NewOpt(float64(seed%97) / 100)))
		return
	case reflect.TypeFor[param.Opt[int64]]():
		v.Set(reflect.ValueOf(param.NewOpt(int64(seed % 1000))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("value_%d", seed%7))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			setAll(v.Index(i), seed+i)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		if v.Type().Elem().Kind() == reflect.String {
			m.SetMapIndex(reflect.ValueOf("region"), reflect.ValueOf("eu-west-1"))
			m.SetMapIndex(reflect.ValueOf("tenant"), reflect.ValueOf(fmt.Sprintf("t-%d", seed%13)))
		} else {
			m.SetMapIndex(reflect.ValueOf("source"), reflect.ValueOf(any("batch")))
			m.SetMapIndex(reflect.ValueOf("priority"), reflect.ValueOf(any(seed%5)))
			m.SetMapIndex(reflect.ValueOf("labels"), reflect.ValueOf(any([]any{"a", "b"})))
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			setAll(v.Field(i), seed+i)
		}
	default:
		panic("setAll: unsupported " + v.Type().String()) // test data only
	}
}

// retrieveParams returns RetrievalRetrieveParams with custom and static filters of every
// kind, and the plain struct holding the same values.
func retrieveParams() (beta.RetrievalRetrieveParams, plainRetrieveParams) {
	ours := beta.RetrievalRetrieveParams{
		IndexID: "idx-4a1c9e77-2b3d-4f50-8a61-7c9d0e1f2a3b",
		Query:   "What drove EMEA revenue growth in the last quarter, and which risks did the board note?",
		CustomFilters: map[string]beta.RetrievalRetrieveParamsCustomFilterUnion{
			"department":   beta.RetrievalStringFilter(beta.RetrievalFilterOperatorEq, "finance"),
			"confidential": beta.RetrievalBoolFilter(beta.RetrievalFilterOperatorEq, false),
			"score":        beta.RetrievalFloatFilter(beta.RetrievalFilterOperatorGte, 0.75),
			"region":       beta.RetrievalStringListFilter(beta.RetrievalFilterOperatorIn, "emea", "apac", "amer"),
			"quarter":      beta.RetrievalFloatListFilter(beta.RetrievalFilterOperatorNin, 1, 2),
			"year": beta.RetrievalRangeFilter(
				beta.RetrievalRange(beta.RetrievalFilterOperatorGte, 2020),
				beta.RetrievalRange(beta.RetrievalFilterOperatorLt, 2024),
			),
			"archived": {OfNull: true},
		},
		StaticFilters: beta.RetrievalRetrieveParamsStaticFilters{
			ParsedDirectoryFileID: beta.RetrievalFileIDListFilter(beta.RetrievalFilterOperatorIn,
				"dfl-0001a2b3", "dfl-0004c5d6", "dfl-0007e8f9"),
		},
		Rerank:                 beta.RetrievalRetrieveParamsRerank{Enabled: param.NewOpt(true), TopN: param.NewOpt[int64](8)},
		TopK:                   param.NewOpt[int64](20),
		NumCandidates:          param.NewOpt[int64](200),
		ScoreThreshold:         param.NewOpt(0.2),
		FullTextPipelineWeight: param.NewOpt(0.3),
		VectorPipelineWeight:   param.NewOpt(0.7),
	}
	ptr := func(v any) any { return v }
	plain := plainRetrieveParams{
		IndexID: ours.IndexID,
		Query:   ours.Query,
		CustomFilters: map[string]any{
			"department":   &plainScalarFilter{"eq", "finance"},
			"confidential": &plainScalarFilter{"eq", false},
			"score":        &plainScalarFilter{"gte", 0.75},
			"region":       &plainScalarFilter{"in", []string{"emea", "apac", "amer"}},
			"quarter":      &plainScalarFilter{"nin", []float64{1, 2}},
			"year":         []plainRangeFilter{{"gte", 2020.0}, {"lt", 2024.0}},
			"archived":     ptr(nil),
		},
		StaticFilters: &plainRetrieveStaticFilter{ParsedDirectoryFileID: &plainScalarFilter{
			"in", []string{"dfl-0001a2b3", "dfl-0004c5d6", "dfl-0007e8f9"}}},
		Rerank:                 &plainRerank{Enabled: new(bool), TopN: new(int64)},
		TopK:                   new(int64),
		NumCandidates:          new(int64),
		ScoreThreshold:         new(float64),
		FullTextPipelineWeight: new(float64),
		VectorPipelineWeight:   new(float64),
	}
	*plain.Rerank.Enabled, *plain.Rerank.TopN = true, 8
	*plain.TopK, *plain.NumCandidates = 20, 200
	*plain.ScoreThreshold, *plain.FullTextPipelineWeight, *plain.VectorPipelineWeight = 0.2, 0.3, 0.7
	return ours, plain
}

// TestEncodeParamsAlike checks that each benchmark's two sides encode the same JSON, and that
// the batch parse configuration sends every one of its fields.
func TestEncodeParamsAlike(t *testing.T) {
	t.Parallel()
	batchOurs, batchPlain := batchNewParams()
	retrieveOurs, retrievePlain := retrieveParams()
	for _, tc := range []struct {
		name        string
		ours, plain any
	}{
		{"batch new", &batchOurs, &batchPlain},
		{"retrieve", &retrieveOurs, &retrievePlain},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ours, err := apijson.Marshal(tc.ours)
			require.NoError(t, err)
			plain, err := json.Marshal(tc.plain)
			require.NoError(t, err)
			assert.JSONEq(t, string(plain), string(ours))
		})
	}
	t.Run("every parse field sent", func(t *testing.T) {
		t.Parallel()
		body, err := apijson.Marshal(&batchOurs)
		require.NoError(t, err)
		var sent struct {
			JobConfig struct {
				Parameters map[string]json.RawMessage `json:"parameters"`
			} `json:"job_config"`
		}
		require.NoError(t, json.Unmarshal(body, &sent))
		params := reflect.TypeFor[beta.BatchNewParamsJobConfigParseParameters]()
		require.Greater(t, params.NumField(), 100)
		for i := range params.NumField() {
			name, _, _ := strings.Cut(params.Field(i).Tag.Get("json"), ",")
			assert.Contains(t, sent.JobConfig.Parameters, name)
		}
	})
}
