package beta_test

import (
	"context"
	"encoding/json"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetrievalFilterConstructors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		filter any
		want   string
	}{
		{"string", beta.RetrievalStringFilter(beta.RetrievalFilterOperatorEq, `a"b`), `{"operator":"eq","value":"a\"b"}`},
		{"empty string", beta.RetrievalStringFilter(beta.RetrievalFilterOperatorNe, ""), `{"operator":"ne","value":""}`},
		{"bool false", beta.RetrievalBoolFilter(beta.RetrievalFilterOperatorEq, false), `{"operator":"eq","value":false}`},
		{"float zero", beta.RetrievalFloatFilter(beta.RetrievalFilterOperatorGte, 0), `{"operator":"gte","value":0}`},
		{"float", beta.RetrievalFloatFilter(beta.RetrievalFilterOperatorLt, 1e-7), `{"operator":"lt","value":1e-7}`},
		{"string list", beta.RetrievalStringListFilter(beta.RetrievalFilterOperatorIn, "x", "y"), `{"operator":"in","value":["x","y"]}`},
		{"empty string list", beta.RetrievalStringListFilter(beta.RetrievalFilterOperatorNin), `{"operator":"nin","value":[]}`},
		{"float list", beta.RetrievalFloatListFilter(beta.RetrievalFilterOperatorIn, 1, 2.5), `{"operator":"in","value":[1,2.5]}`},
		{"ranges", beta.RetrievalRangeFilter(
			beta.RetrievalRange(beta.RetrievalFilterOperatorGt, 1),
			beta.RetrievalRange(beta.RetrievalFilterOperatorLte, 9.5),
		), `[{"operator":"gt","value":1},{"operator":"lte","value":9.5}]`},
		{"no ranges", beta.RetrievalRangeFilter(), `[]`},
		{"null", beta.RetrievalRetrieveParamsCustomFilterUnion{OfNull: true}, `null`},
		{"file ID", beta.RetrievalFileIDFilter(beta.RetrievalFilterOperatorEq, "f1"), `{"operator":"eq","value":"f1"}`},
		{"file IDs", beta.RetrievalFileIDListFilter(beta.RetrievalFilterOperatorNin, "f1", "f2"), `{"operator":"nin","value":["f1","f2"]}`},
		{"unknown operator sent as is", beta.RetrievalFloatFilter("between", 3), `{"operator":"between","value":3}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := json.Marshal(tc.filter)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))
		})
	}
}

func TestRetrievalFilterConstructorsCopyInput(t *testing.T) {
	t.Parallel()
	ids := []string{"f1", "f2"}
	ranges := []beta.RetrievalRetrieveParamsCustomFilterRange{beta.RetrievalRange(beta.RetrievalFilterOperatorGt, 1)}
	static := beta.RetrievalFileIDListFilter(beta.RetrievalFilterOperatorIn, ids...)
	custom := beta.RetrievalRangeFilter(ranges...)
	ids[0] = "changed"
	ranges[0] = beta.RetrievalRange(beta.RetrievalFilterOperatorLt, 99)
	assert.Equal(t, []string{"f1", "f2"}, static.Value.OfStringList)
	require.Len(t, custom.OfRanges, 1)
	assert.Equal(t, beta.RetrievalFilterOperatorGt, custom.OfRanges[0].Operator)
}

func TestRetrievalFilterOperators(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []beta.RetrievalFilterOperator{"eq", "ne", "gt", "lt", "gte", "lte", "in", "nin"}, []beta.RetrievalFilterOperator{
		beta.RetrievalFilterOperatorEq, beta.RetrievalFilterOperatorNe, beta.RetrievalFilterOperatorGt,
		beta.RetrievalFilterOperatorLt, beta.RetrievalFilterOperatorGte, beta.RetrievalFilterOperatorLte,
		beta.RetrievalFilterOperatorIn, beta.RetrievalFilterOperatorNin,
	})
}

// TestRetrievalFilterUnionErrors sends unions with no variant or two variants set: each call
// fails before a request is sent, with an error naming the union type and the variants set.
func TestRetrievalFilterUnionErrors(t *testing.T) {
	t.Parallel()
	eq := beta.RetrievalFilterOperatorEq
	scalar := func(v beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion) beta.RetrievalRetrieveParamsCustomFilterUnion {
		return beta.RetrievalRetrieveParamsCustomFilterUnion{OfScalar: &beta.RetrievalRetrieveParamsCustomFilterScalar{Operator: eq, Value: v}}
	}
	rangeOf := func(v beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion) beta.RetrievalRetrieveParamsCustomFilterUnion {
		return beta.RetrievalRetrieveParamsCustomFilterUnion{OfRanges: []beta.RetrievalRetrieveParamsCustomFilterRange{{Operator: eq, Value: v}}}
	}
	for _, tc := range []struct {
		name   string
		custom beta.RetrievalRetrieveParamsCustomFilterUnion
		static beta.RetrievalRetrieveParamsStaticFilters
		want   []string
	}{{
		name:   "custom filter: none",
		custom: beta.RetrievalRetrieveParamsCustomFilterUnion{},
		want:   []string{"beta.RetrievalRetrieveParamsCustomFilterUnion has no variant set"},
	}, {
		name: "custom filter: two",
		custom: beta.RetrievalRetrieveParamsCustomFilterUnion{
			OfScalar: beta.RetrievalStringFilter(eq, "x").OfScalar,
			OfRanges: []beta.RetrievalRetrieveParamsCustomFilterRange{beta.RetrievalRange(eq, 1)},
		},
		want: []string{"beta.RetrievalRetrieveParamsCustomFilterUnion has 2 variants set (OfScalar, OfRanges)"},
	}, {
		name:   "custom filter: null and scalar",
		custom: beta.RetrievalRetrieveParamsCustomFilterUnion{OfScalar: beta.RetrievalBoolFilter(eq, true).OfScalar, OfNull: true},
		want:   []string{"beta.RetrievalRetrieveParamsCustomFilterUnion has 2 variants set (OfScalar, OfNull)"},
	}, {
		name:   "scalar value: none",
		custom: scalar(beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{}),
		want:   []string{"beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion has no variant set"},
	}, {
		name:   "scalar value: null Opt is not a variant",
		custom: scalar(beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfString: param.Null[string]()}),
		want:   []string{"beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion has no variant set"},
	}, {
		name: "scalar value: two",
		custom: scalar(beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{
			OfString: llamacloud.String("x"), OfFloat: llamacloud.Float(1),
		}),
		want: []string{"beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion has 2 variants set (OfString, OfFloat)"},
	}, {
		name: "list item: none",
		custom: scalar(beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{
			OfList: []beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion{{OfString: llamacloud.String("ok")}, {}},
		}),
		want: []string{"beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion has no variant set"},
	}, {
		name: "list item: three",
		custom: scalar(beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{
			OfList: []beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion{
				{OfString: llamacloud.String("a"), OfBool: llamacloud.Bool(true), OfFloat: llamacloud.Float(2)},
			},
		}),
		want: []string{"beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion has 3 variants set (OfString, OfBool, OfFloat)"},
	}, {
		name:   "range value: none",
		custom: rangeOf(beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion{}),
		want:   []string{"beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion has no variant set"},
	}, {
		name:   "range value: two",
		custom: rangeOf(beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion{OfFloat: llamacloud.Float(1), OfFloatList: []float64{}}),
		want:   []string{"beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion has 2 variants set (OfFloat, OfFloatList)"},
	}, {
		name:   "file ID value: none",
		custom: beta.RetrievalStringFilter(eq, "fine"),
		static: beta.RetrievalRetrieveParamsStaticFilters{
			ParsedDirectoryFileID: beta.RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID{Operator: eq},
		},
		want: []string{"beta.RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion has no variant set"},
	}, {
		name:   "file ID value: two",
		custom: beta.RetrievalStringFilter(eq, "fine"),
		static: beta.RetrievalRetrieveParamsStaticFilters{
			ParsedDirectoryFileID: beta.RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID{
				Operator: eq,
				Value: beta.RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion{
					OfString: llamacloud.String("f1"), OfStringList: []string{"f2"},
				},
			},
		},
		want: []string{"beta.RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion has 2 variants set (OfString, OfStringList)"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, "retrieval/retrieve.json"))
			res, err := client.Beta.Retrieval.Retrieve(context.Background(), beta.RetrievalRetrieveParams{
				IndexID:       "idx",
				Query:         "q",
				CustomFilters: map[string]beta.RetrievalRetrieveParamsCustomFilterUnion{"field": tc.custom},
				StaticFilters: tc.static,
			})
			require.Error(t, err)
			assert.Nil(t, res)
			assert.Contains(t, err.Error(), "llamacloud:")
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, reqs.Unread(), "no request may be sent")
		})
	}
}
