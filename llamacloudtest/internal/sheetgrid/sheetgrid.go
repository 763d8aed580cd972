// Package sheetgrid reads CSV text as a spreadsheet grid for the in-memory sheets jobs: it keeps row
// numbers as the spreadsheet shows them, finds the blocks of rows separated by blank rows, reads and
// writes A1 ranges, and renders a block's cells as CSV.
//
//	grid, errs := sheetgrid.Read(content, ',')
//	for _, r := range sheetgrid.Blocks(grid) {
//		rows := r.Cells(grid) // padded to the range's width
//		fmt.Println(r, len(rows))
//	}
//
// Rows and columns are 1-based, as in a spreadsheet. Everything here is pure and safe for
// concurrent use.
package sheetgrid

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Grid is a sheet's cells: Grid[i][k] is row i+1, column k+1. A row may be shorter than others
// (or nil for a blank line); missing cells are empty.
type Grid [][]string

// Read parses CSV (or TSV with comma '\t') into a grid of trimmed cells, keeping blank lines as
// empty rows so that row numbers match the spreadsheet's. A malformed record is dropped and
// reported in errs as "row N: cause"; the rows after it are still read.
func Read(content []byte, comma rune) (grid Grid, errs []string) {
	r := csv.NewReader(bytes.NewReader(content))
	r.Comma = comma
	r.FieldsPerRecord = -1
	nextLine := 1 // the spreadsheet row of the next line of input
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			errs = append(errs, fmt.Sprintf("row %d: %v", pe.StartLine, pe.Err))
			for len(grid) < pe.Line {
				grid = append(grid, nil)
			}
			nextLine = pe.Line + 1
			continue
		}
		if err != nil {
			errs = append(errs, err.Error())
			break
		}
		line, _ := r.FieldPos(0)
		for nextLine < line { // blank lines the reader skipped
			grid = append(grid, nil)
			nextLine++
		}
		row := make([]string, len(rec))
		for i, v := range rec {
			row[i] = strings.TrimSpace(v)
		}
		grid = append(grid, row)
		lastLine, _ := r.FieldPos(len(rec) - 1)
		nextLine = lastLine + strings.Count(rec[len(rec)-1], "\n") + 1
	}
	return grid, errs
}

// Blocks returns the bounding ranges of the runs of rows holding a non-empty cell, top to bottom.
func Blocks(grid Grid) []Range {
	var blocks []Range
	var cur *Range
	for i, row := range grid {
		lo, hi := -1, -1
		for k, v := range row {
			if v != "" {
				if lo < 0 {
					lo = k
				}
				hi = k
			}
		}
		if lo < 0 {
			cur = nil
			continue
		}
		if cur == nil {
			blocks = append(blocks, Range{Row0: i + 1, Col0: lo + 1, Row1: i + 1, Col1: hi + 1})
			cur = &blocks[len(blocks)-1]
			continue
		}
		cur.Row1 = i + 1
		cur.Col0, cur.Col1 = min(cur.Col0, lo+1), max(cur.Col1, hi+1)
	}
	return blocks
}

// Range is an A1 range: rows and columns are 1-based and inclusive, Row0 <= Row1, Col0 <= Col1.
type Range struct{ Row0, Col0, Row1, Col1 int }

// String writes r in A1 notation, e.g. "B2:D10".
func (r Range) String() string {
	return ColumnName(r.Col0) + strconv.Itoa(r.Row0) + ":" + ColumnName(r.Col1) + strconv.Itoa(r.Row1)
}

// Cells returns the grid's cells inside r, each row padded with empty cells to the width of r;
// nil when r holds no non-empty cell.
func (r Range) Cells(grid Grid) [][]string {
	var out [][]string
	hasValue := false
	for i := r.Row0; i <= r.Row1; i++ {
		row := make([]string, r.Col1-r.Col0+1)
		if i-1 < len(grid) {
			for k := r.Col0; k <= r.Col1; k++ {
				if k-1 < len(grid[i-1]) {
					row[k-r.Col0] = grid[i-1][k-1]
					hasValue = hasValue || row[k-r.Col0] != ""
				}
			}
		}
		out = append(out, row)
	}
	if !hasValue {
		return nil
	}
	return out
}

// ColumnName turns a 1-based column number into letters: 1 → A, 27 → AA. n < 1 gives "".
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// maxColumnLetters bounds the letters of a column ("XFD" is the last column of a spreadsheet).
const maxColumnLetters = 3

// ParseRange reads "B2:D10", "Sheet!B2:D10" or a single cell "C3"; corners may come in either
// order. A malformed range is an error quoting it.
func ParseRange(s string) (Range, error) {
	a1 := s[strings.LastIndex(s, "!")+1:]
	from, to, isRange := strings.Cut(a1, ":")
	if !isRange {
		to = from
	}
	r0, c0, err1 := parseCell(from)
	r1, c1, err2 := parseCell(to)
	if err1 != nil || err2 != nil {
		return Range{}, fmt.Errorf("invalid A1 range %q", s)
	}
	return Range{Row0: min(r0, r1), Col0: min(c0, c1), Row1: max(r0, r1), Col1: max(c0, c1)}, nil
}

// parseCell reads one A1 cell such as "C3" (case-insensitive).
func parseCell(s string) (row, col int, err error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
	}
	row, err = strconv.Atoi(s[i:])
	if i == 0 || i > maxColumnLetters || err != nil || row < 1 {
		return 0, 0, fmt.Errorf("invalid cell %q", s)
	}
	return row, col, nil
}

// CellType names the data type of a cell value: "empty", "boolean", "number" or "string".
func CellType(v string) string {
	switch {
	case v == "":
		return "empty"
	case v == "TRUE" || v == "FALSE" || v == "true" || v == "false":
		return "boolean"
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return "number"
	}
	return "string"
}

// TableCSV renders rows as CSV.
func TableCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// CellMetadataCSV renders rows, whose top-left cell is at row0, col0, as one CSV line per cell
// under the header cell,row,column,value,data_type.
func CellMetadataCSV(rows [][]string, row0, col0 int) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"cell", "row", "column", "value", "data_type"})
	for i, row := range rows {
		for k, v := range row {
			_ = w.Write([]string{
				ColumnName(col0+k) + strconv.Itoa(row0+i), strconv.Itoa(row0 + i), strconv.Itoa(col0 + k), v, CellType(v),
			})
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
