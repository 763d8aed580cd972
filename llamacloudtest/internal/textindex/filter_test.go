package textindex_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

func TestConditionHolds(t *testing.T) {
	t.Parallel()
	list := []any{"red", "blue"}
	for _, tc := range []struct {
		op    textindex.Op
		value any
		field any
		want  bool
	}{
		{textindex.OpEq, 3.0, 3.0, true},
		{textindex.OpEq, 3.0, 3, true},
		{textindex.OpEq, 3.0, json.Number("3"), true},
		{textindex.OpEq, 3.0, "3", false},
		{textindex.OpEq, "a", "a", true},
		{textindex.OpEq, "a", "A", false},
		{textindex.OpEq, true, true, true},
		{textindex.OpEq, true, false, false},
		{textindex.OpEq, "blue", list, true},
		{textindex.OpEq, "green", list, false},
		{textindex.OpEq, "a", nil, false},
		{textindex.OpEq, nil, nil, true},
		{textindex.OpNe, 3.0, 4.0, true},
		{textindex.OpNe, 3.0, 3.0, false},
		{textindex.OpNe, "a", nil, true},
		{textindex.OpNe, "blue", list, false},
		{textindex.OpNe, "green", []string{"red", "blue"}, true},
		{textindex.OpGt, 3.0, 4.0, true},
		{textindex.OpGt, 3.0, 3.0, false},
		{textindex.OpGt, 3.0, nil, false},
		{textindex.OpGt, "b", "c", true},
		{textindex.OpGt, "2024-01-02T00:00:00Z", "2024-01-01T23:00:00-02:00", true},
		{textindex.OpGt, 3.0, "4", false},
		{textindex.OpGt, 3.0, []any{1.0, 5.0}, true},
		{textindex.OpGte, 3.0, 3.0, true},
		{textindex.OpGte, 3.0, 2.9, false},
		{textindex.OpLt, 3.0, 2.0, true},
		{textindex.OpLt, 3.0, 3.0, false},
		{textindex.OpLt, 3.0, nil, false},
		{textindex.OpLt, false, true, false},
		{textindex.OpLt, true, false, true},
		{textindex.OpLte, 3.0, 3.0, true},
		{textindex.OpLte, 3.0, 3.5, false},
		{textindex.OpLte, "2024-01-01T00:00:00Z", "2023-12-31T23:59:59.999Z", true},
		{textindex.OpIn, []any{"a", "b"}, "b", true},
		{textindex.OpIn, []any{"a", "b"}, "c", false},
		{textindex.OpIn, []any{1.0, 2.0}, 2, true},
		{textindex.OpIn, "a", "a", true},
		{textindex.OpIn, []any{"x", "blue"}, list, true},
		{textindex.OpIn, []any{"a"}, nil, false},
		{textindex.OpNin, []any{"a", "b"}, "c", true},
		{textindex.OpNin, []any{"a", "b"}, "a", false},
		{textindex.OpNin, []any{"a"}, nil, true},
		{textindex.OpNin, []any{"x", "blue"}, list, false},
		{textindex.OpIncludes, []any{"a", 1.0}, 1.0, true},
		{textindex.OpIncludes, []any{"a", 1.0}, "b", false},
		{textindex.OpExcludes, []any{"a", 1.0}, "b", true},
		{textindex.OpExcludes, []any{"a", 1.0}, "a", false},
		{textindex.Op("like"), "a", "a", false},
	} {
		c := textindex.Condition{Op: tc.op, Value: tc.value}
		assert.Equal(t, tc.want, c.Holds(tc.field), "%s %v on %v", tc.op, tc.value, tc.field)
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b any
		cmp  int
		ok   bool
	}{
		{1.0, 2, -1, true},
		{2.5, 2.5, 0, true},
		{"b", "a", 1, true},
		{"2024-01-01T10:00:00+02:00", "2024-01-01T08:00:00Z", 0, true},
		{nil, 1.0, -1, true},
		{"x", nil, 1, true},
		{nil, nil, 0, true},
		{false, true, -1, true},
		{1.0, "1", 0, false},
		{[]any{1.0}, 1.0, 0, false},
	} {
		cmp, ok := textindex.Compare(tc.a, tc.b)
		assert.Equal(t, tc.ok, ok, "%v vs %v", tc.a, tc.b)
		if tc.ok {
			assert.Equal(t, tc.cmp, cmp, "%v vs %v", tc.a, tc.b)
		}
	}
}

// decode is a JSON object as a handler would decode it.
func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	return m
}

func TestParseStaticFilters(t *testing.T) {
	t.Parallel()
	fs, err := textindex.ParseStaticFilters(decode(t, `{
		"parsed_directory_file_id": {"operator": "in", "value": ["f1", "f2"]},
		"chunk_index": {"operator": "gte", "value": 2},
		"page_range_start": null}`))
	require.NoError(t, err)
	assert.Equal(t, []textindex.Filter{
		{Field: "chunk_index", Static: true, Conditions: []textindex.Condition{{Op: textindex.OpGte, Value: 2.0}}},
		{Field: "parsed_directory_file_id", Static: true, Conditions: []textindex.Condition{{Op: textindex.OpIn, Value: []any{"f1", "f2"}}}},
	}, fs)
	fs, err = textindex.ParseStaticFilters(nil)
	assert.NoError(t, err)
	assert.Empty(t, fs)

	for _, tc := range []struct {
		name, body string
		loc        []any
		typ        string
	}{
		{"unknown field", `{"colour": {"operator": "eq", "value": "x"}}`, []any{"static_filters", "colour"}, "extra_forbidden"},
		{"not an object", `{"chunk_index": 3}`, []any{"static_filters", "chunk_index"}, "dict_type"},
		{"missing operator", `{"chunk_index": {"value": 3}}`, []any{"static_filters", "chunk_index", "operator"}, "missing"},
		{"bad operator", `{"chunk_index": {"operator": "like", "value": 3}}`, []any{"static_filters", "chunk_index", "operator"}, "literal_error"},
		{"missing value", `{"chunk_index": {"operator": "eq"}}`, []any{"static_filters", "chunk_index", "value"}, "missing"},
		{"number for an id", `{"parsed_directory_file_id": {"operator": "eq", "value": 3}}`, []any{"static_filters", "parsed_directory_file_id", "value"}, "type_error"},
		{"string for a number", `{"chunk_index": {"operator": "eq", "value": "3"}}`, []any{"static_filters", "chunk_index", "value"}, "type_error"},
		{"object in a list", `{"parsed_directory_file_id": {"operator": "in", "value": [{}]}}`, []any{"static_filters", "parsed_directory_file_id", "value"}, "type_error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := textindex.ParseStaticFilters(decode(t, tc.body))
			var fe *textindex.FieldError
			require.True(t, errors.As(err, &fe), "got %v", err)
			assert.Equal(t, tc.loc, fe.Loc)
			assert.Equal(t, tc.typ, fe.Type)
			assert.NotEmpty(t, fe.Msg)
			assert.Contains(t, err.Error(), "llamacloud: invalid filter at ")
		})
	}
}

func TestParseCustomFilters(t *testing.T) {
	t.Parallel()
	fs, err := textindex.ParseCustomFilters(decode(t, `{
		"year": [{"operator": "gte", "value": 2020}, {"operator": "lt", "value": 2024}],
		"tag": {"operator": "nin", "value": ["draft", true, 1]},
		"public": {"operator": "eq", "value": true},
		"skip": null}`))
	require.NoError(t, err)
	assert.Equal(t, []textindex.Filter{
		{Field: "public", Conditions: []textindex.Condition{{Op: textindex.OpEq, Value: true}}},
		{Field: "tag", Conditions: []textindex.Condition{{Op: textindex.OpNin, Value: []any{"draft", true, 1.0}}}},
		{Field: "year", Conditions: []textindex.Condition{{Op: textindex.OpGte, Value: 2020.0}, {Op: textindex.OpLt, Value: 2024.0}}},
	}, fs)

	for _, tc := range []struct {
		name, body string
		loc        []any
	}{
		{"scalar", `{"year": 2020}`, []any{"custom_filters", "year"}},
		{"string in a range", `{"year": [{"operator": "gte", "value": "2020"}]}`, []any{"custom_filters", "year", 0, "value"}},
		{"non-object in a range", `{"year": [{"operator": "gte", "value": 1}, 5]}`, []any{"custom_filters", "year", 1}},
		{"bad operator", `{"k": {"operator": "includes", "value": "x"}}`, []any{"custom_filters", "k", "operator"}},
		{"null value", `{"k": {"operator": "eq", "value": null}}`, []any{"custom_filters", "k", "value"}},
		{"object value", `{"k": {"operator": "eq", "value": {"a": 1}}}`, []any{"custom_filters", "k", "value"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := textindex.ParseCustomFilters(decode(t, tc.body))
			var fe *textindex.FieldError
			require.True(t, errors.As(err, &fe), "got %v", err)
			assert.Equal(t, tc.loc, fe.Loc)
		})
	}
}

func TestRetrieveFilters(t *testing.T) {
	t.Parallel()
	ix := loadCorpus(t)
	const question = "refund warranty server port backups capital price ceo"
	all := ix.Retrieve(textindex.Query{Text: question, TopK: 100})
	require.NotEmpty(t, all)
	for _, tc := range []struct {
		name           string
		static, custom string
		keep           func(c textindex.Chunk) bool
	}{
		{"static eq", `{"parsed_directory_file_id": {"operator": "eq", "value": "file_policies.md"}}`, ``,
			func(c textindex.Chunk) bool { return c.DocID == "file_policies.md" }},
		{"static ne", `{"parsed_directory_file_id": {"operator": "ne", "value": "file_policies.md"}}`, ``,
			func(c textindex.Chunk) bool { return c.DocID != "file_policies.md" }},
		{"static in", `{"parsed_directory_file_id": {"operator": "in", "value": ["file_prices.csv", "file_company.json"]}}`, ``,
			func(c textindex.Chunk) bool { return c.DocID == "file_prices.csv" || c.DocID == "file_company.json" }},
		{"static nin", `{"parsed_directory_file_id": {"operator": "nin", "value": ["file_prices.csv", "file_company.json"]}}`, ``,
			func(c textindex.Chunk) bool { return c.DocID != "file_prices.csv" && c.DocID != "file_company.json" }},
		{"static gt chunk index", `{"chunk_index": {"operator": "gt", "value": 0}}`, ``,
			func(c textindex.Chunk) bool { return c.Index > 0 }},
		{"static lte chunk index", `{"chunk_index": {"operator": "lte", "value": 0}}`, ``,
			func(c textindex.Chunk) bool { return c.Index == 0 }},
		{"static lt tokens", `{"chunk_token_count": {"operator": "lt", "value": 30}}`, ``,
			func(c textindex.Chunk) bool { return c.TokenCount < 30 }},
		{"custom eq", ``, `{"kind": {"operator": "eq", "value": ".md"}}`,
			func(c textindex.Chunk) bool { return c.DocName == "policies.md" }},
		{"custom ne", ``, `{"kind": {"operator": "ne", "value": ".md"}}`,
			func(c textindex.Chunk) bool { return c.DocName != "policies.md" }},
		{"custom in", ``, `{"kind": {"operator": "in", "value": [".csv", ".json"]}}`,
			func(c textindex.Chunk) bool { return c.DocName == "prices.csv" || c.DocName == "company.json" }},
		{"custom nin", ``, `{"kind": {"operator": "nin", "value": [".csv", ".json"]}}`,
			func(c textindex.Chunk) bool { return c.DocName != "prices.csv" && c.DocName != "company.json" }},
		{"custom gte", ``, `{"position": {"operator": "gte", "value": 3}}`,
			func(c textindex.Chunk) bool { return c.Metadata["position"].(float64) >= 3 }},
		{"custom range", ``, `{"position": [{"operator": "gt", "value": 0}, {"operator": "lte", "value": 2}]}`,
			func(c textindex.Chunk) bool { p := c.Metadata["position"].(float64); return p > 0 && p <= 2 }},
		{"custom missing field", ``, `{"absent": {"operator": "eq", "value": "x"}}`,
			func(textindex.Chunk) bool { return false }},
		{"static and custom", `{"chunk_index": {"operator": "eq", "value": 0}}`, `{"kind": {"operator": "eq", "value": ".txt"}}`,
			func(c textindex.Chunk) bool { return c.Index == 0 && c.DocName == "server-guide.txt" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var filters []textindex.Filter
			if tc.static != "" {
				fs, err := textindex.ParseStaticFilters(decode(t, tc.static))
				require.NoError(t, err)
				filters = append(filters, fs...)
			}
			if tc.custom != "" {
				fs, err := textindex.ParseCustomFilters(decode(t, tc.custom))
				require.NoError(t, err)
				filters = append(filters, fs...)
			}
			var want []string
			for _, r := range all {
				if tc.keep(r.Chunk) {
					want = append(want, r.Chunk.DocID+"#"+string(rune('0'+r.Chunk.Index)))
				}
			}
			var got []string
			for _, r := range ix.Retrieve(textindex.Query{Text: question, TopK: 100, Filters: filters}) {
				assert.True(t, tc.keep(r.Chunk), "%s #%d passed the filter", r.Chunk.DocID, r.Chunk.Index)
				got = append(got, r.Chunk.DocID+"#"+string(rune('0'+r.Chunk.Index)))
			}
			assert.ElementsMatch(t, want, got)
			if tc.name != "custom missing field" {
				assert.NotEmpty(t, got)
				assert.Less(t, len(got), len(all), "the filter removes something")
			}
		})
	}
}
