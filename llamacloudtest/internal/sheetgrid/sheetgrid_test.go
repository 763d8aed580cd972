package sheetgrid

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadKeepsSpreadsheetRowNumbers(t *testing.T) {
	t.Parallel()
	in := "name,qty\n a , 1\n\n\nnote\n\"multi\nline\",x\nb\"ad,2\nlast,3\n"
	grid, errs := Read([]byte(in), ',')
	assert.Equal(t, Grid{
		{"name", "qty"}, {"a", "1"}, nil, nil, {"note"}, {"multi\nline", "x"}, nil, nil, {"last", "3"},
	}, grid)
	assert.Equal(t, []string{`row 8: bare " in non-quoted-field`}, errs)

	tsv, errs := Read([]byte("a\tb\n"), '\t')
	assert.Empty(t, errs)
	assert.Equal(t, Grid{{"a", "b"}}, tsv)
}

func TestBlocksAndCells(t *testing.T) {
	t.Parallel()
	grid := Grid{{"", "h1", "h2"}, {"", "1"}, nil, {"x", "", "", "y"}, {""}}
	blocks := Blocks(grid)
	require.Equal(t, []Range{{Row0: 1, Col0: 2, Row1: 2, Col1: 3}, {Row0: 4, Col0: 1, Row1: 4, Col1: 4}}, blocks)
	assert.Equal(t, "B1:C2", blocks[0].String())
	assert.Equal(t, [][]string{{"h1", "h2"}, {"1", ""}}, blocks[0].Cells(grid))
	assert.Equal(t, [][]string{{"x", "", "", "y"}}, blocks[1].Cells(grid))
	assert.Nil(t, Range{Row0: 3, Col0: 1, Row1: 3, Col1: 2}.Cells(grid), "a blank range")
	assert.Equal(t, [][]string{{"1", ""}, {"", ""}}, Range{Row0: 2, Col0: 2, Row1: 3, Col1: 3}.Cells(grid), "padded")
}

func TestParseRange(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Range{
		"B2:D10":        {Row0: 2, Col0: 2, Row1: 10, Col1: 4},
		"Sheet1!d10:b2": {Row0: 2, Col0: 2, Row1: 10, Col1: 4},
		"C3":            {Row0: 3, Col0: 3, Row1: 3, Col1: 3},
		"AA1:XFD2":      {Row0: 1, Col0: 27, Row1: 2, Col1: 16384},
	} {
		got, err := ParseRange(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "B", "2", "B0:C1", "ABCD1", "B2:", "B-1"} {
		_, err := ParseRange(bad)
		assert.EqualError(t, err, `invalid A1 range "`+bad+`"`, bad)
	}
}

func TestColumnNameAndCellType(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "", 1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		assert.Equal(t, want, ColumnName(n), n)
	}
	for v, want := range map[string]string{"": "empty", "TRUE": "boolean", "false": "boolean", "1.5e3": "number", "-2": "number", "x": "string"} {
		assert.Equal(t, want, CellType(v), v)
	}
}

func TestCSVRendering(t *testing.T) {
	t.Parallel()
	rows := [][]string{{"a", "1"}, {"b,c", ""}}
	table, err := TableCSV(rows)
	require.NoError(t, err)
	assert.Equal(t, "a,1\n\"b,c\",\n", string(table))
	meta, err := CellMetadataCSV(rows, 3, 2)
	require.NoError(t, err)
	assert.Equal(t, "cell,row,column,value,data_type\nB3,3,2,a,string\nC3,3,3,1,number\nB4,4,2,\"b,c\",string\nC4,4,3,,empty\n", string(meta))
}
