package textindex_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

func TestGrep(t *testing.T) {
	t.Parallel()
	const text = "Revenue grew 12%. Profit fell; révenue in €: 5 revenue"
	for _, tc := range []struct {
		name           string
		pattern        string
		context, limit int
		want           []textindex.Match
	}{
		{"alternation", "Revenue|Profit", 0, 0, []textindex.Match{
			{Start: 0, End: 7, Content: "Revenue"}, {Start: 18, End: 24, Content: "Profit"}}},
		{"case-insensitive flag", "(?i)r[eé]venue", 0, 0, []textindex.Match{
			{Start: 0, End: 7, Content: "Revenue"}, {Start: 31, End: 38, Content: "révenue"}, {Start: 47, End: 54, Content: "revenue"}}},
		{"rune offsets after multibyte", "€", 0, 0, []textindex.Match{{Start: 42, End: 43, Content: "€"}}},
		{"context", "Profit", 5, 0, []textindex.Match{{Start: 18, End: 24, Content: "12%. Profit fell"}}},
		{"context clipped at both ends", "(?i)revenue", 3, 0, []textindex.Match{
			{Start: 0, End: 7, Content: "Revenue gr"}, {Start: 47, End: 54, Content: " 5 revenue"}}},
		{"negative context", "Profit", -4, 0, []textindex.Match{{Start: 18, End: 24, Content: "Profit"}}},
		{"limit", `\d+`, 0, 2, []textindex.Match{{Start: 13, End: 15, Content: "12"}, {Start: 45, End: 46, Content: "5"}}},
		{"empty matches skipped", `x*`, 0, 0, nil},
		{"no match", "loss", 10, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := textindex.Grep(text, tc.pattern, tc.context, tc.limit)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			runes := []rune(text)
			for _, m := range got {
				assert.Contains(t, m.Content, string(runes[m.Start:m.End]))
			}
		})
	}
	_, err := textindex.Grep(text, "([a-z", 0, 0)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `llamacloud: invalid pattern "([a-z"`)
}

func TestRead(t *testing.T) {
	t.Parallel()
	const text = "héllo wörld"
	for _, tc := range []struct {
		offset, maxLength int
		want              string
	}{
		{0, 0, text},
		{0, -1, text},
		{0, 5, "héllo"},
		{6, 0, "wörld"},
		{6, 2, "wö"},
		{6, 100, "wörld"},
		{10, 5, "d"},
		{11, 5, ""},
		{1000, 1, ""},
	} {
		got, err := textindex.Read(text, tc.offset, tc.maxLength)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "offset %d max %d", tc.offset, tc.maxLength)
	}
	_, err := textindex.Read(text, -1, 0)
	assert.EqualError(t, err, "llamacloud: offset -1 is negative")
}
