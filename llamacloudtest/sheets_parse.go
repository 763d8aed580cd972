package llamacloudtest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// result renders the region as CSV: its cells for "table" and "extra", one line per cell with its
// address, position, value and type for "cell_metadata".
func (r *sheetRegion) result(kind string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if kind != "cell_metadata" {
		if err := w.WriteAll(r.rows); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	_ = w.Write([]string{"cell", "row", "column", "value", "data_type"})
	for i, row := range r.rows {
		for k, v := range row {
			_ = w.Write([]string{
				columnName(r.col0+k) + strconv.Itoa(r.row0+i), strconv.Itoa(r.row0 + i), strconv.Itoa(r.col0 + k), v, cellType(v),
			})
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func cellType(v string) string {
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

// parse works out the job's outcome from its file: a CSV (TSV for .tsv) whose blocks of rows,
// separated by blank rows, are regions — "table" for two rows or more, "extra" for a single row.
func (j *sheetJob) parse(rng *cellRange) {
	fail := func(msg string) {
		j.outcome = sheetError
		j.errors = append(j.errors, msg)
	}
	if j.file == nil {
		fail(fmt.Sprintf("file %q not found", j.fileID))
		return
	}
	if !utf8.Valid(j.file.content) || bytes.IndexByte(j.file.content, 0) >= 0 {
		fail(fmt.Sprintf("unsupported spreadsheet format: %q is not CSV text", j.file.name))
		return
	}
	j.sheetName = strings.TrimSuffix(path.Base(j.file.name), path.Ext(j.file.name))
	if len(j.config.SheetNames) > 0 && !contains(j.config.SheetNames, j.sheetName) {
		fail(fmt.Sprintf("none of the sheets %q exists; the file has sheet %q", j.config.SheetNames, j.sheetName))
		return
	}
	comma := ','
	if strings.EqualFold(path.Ext(j.file.name), ".tsv") {
		comma = '\t'
	}
	grid, errs := readGrid(j.file.content, comma)
	j.errors = append(j.errors, errs...)
	var blocks []cellRange
	if rng != nil {
		blocks = []cellRange{*rng}
	} else {
		blocks = findBlocks(grid)
	}
	for _, b := range blocks {
		rows := b.cells(grid)
		if len(rows) == 0 {
			continue
		}
		r := &sheetRegion{
			id: fmt.Sprintf("region-%d", len(j.regions)+1), typ: "table", location: b.String(),
			row0: b.r0, col0: b.c0, rows: rows,
		}
		if len(rows) == 1 {
			r.typ = "extra"
		}
		if g := j.config.GenerateAdditionalMetadata; g != nil && *g {
			r.title = strings.Join(nonEmpty(rows[0]), ", ")
			r.description = fmt.Sprintf("%s of %d rows and %d columns at %s", r.typ, len(rows), len(rows[0]), r.location)
		}
		j.regions = append(j.regions, r)
	}
	if g := j.config.GenerateAdditionalMetadata; g != nil && *g {
		j.sheetTitle = j.sheetName
		j.sheetDesc = fmt.Sprintf("worksheet %q with %d regions", j.sheetName, len(j.regions))
	}
	switch {
	case len(j.regions) == 0:
		fail("no regions found")
	case len(j.errors) > 0:
		j.outcome = sheetPartialSuccess
	default:
		j.outcome = sheetSuccess
	}
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// readGrid parses CSV into rows of trimmed cells, keeping blank lines as empty rows so that row
// numbers match the spreadsheet's. A malformed record is dropped and reported.
func readGrid(content []byte, comma rune) (grid [][]string, errs []string) {
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

// findBlocks returns the bounding ranges of the runs of rows holding a non-empty cell.
func findBlocks(grid [][]string) []cellRange {
	var blocks []cellRange
	var cur *cellRange
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
			blocks = append(blocks, cellRange{r0: i + 1, c0: lo + 1, r1: i + 1, c1: hi + 1})
			cur = &blocks[len(blocks)-1]
			continue
		}
		cur.r1 = i + 1
		cur.c0, cur.c1 = min(cur.c0, lo+1), max(cur.c1, hi+1)
	}
	return blocks
}

// cellRange is an A1 range; rows and columns are 1-based and inclusive.
type cellRange struct{ r0, c0, r1, c1 int }

func (r cellRange) String() string {
	return columnName(r.c0) + strconv.Itoa(r.r0) + ":" + columnName(r.c1) + strconv.Itoa(r.r1)
}

// cells returns the grid's cells inside r, padded with empty cells; nil when r holds no value.
func (r cellRange) cells(grid [][]string) [][]string {
	var out [][]string
	hasValue := false
	for i := r.r0; i <= r.r1; i++ {
		row := make([]string, r.c1-r.c0+1)
		if i-1 < len(grid) {
			for k := r.c0; k <= r.c1; k++ {
				if k-1 < len(grid[i-1]) {
					row[k-r.c0] = grid[i-1][k-1]
					hasValue = hasValue || row[k-r.c0] != ""
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

// columnName turns a 1-based column number into letters: 1 → A, 27 → AA.
func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// parseCellRange reads "B2:D10" (or "Sheet!B2:D10", or a single cell "C3").
func parseCellRange(s string) (cellRange, error) {
	a1 := s[strings.LastIndex(s, "!")+1:]
	from, to, isRange := strings.Cut(a1, ":")
	if !isRange {
		to = from
	}
	r0, c0, err1 := parseCell(from)
	r1, c1, err2 := parseCell(to)
	if err1 != nil || err2 != nil {
		return cellRange{}, fmt.Errorf("invalid A1 range %q", s)
	}
	return cellRange{r0: min(r0, r1), c0: min(c0, c1), r1: max(r0, r1), c1: max(c0, c1)}, nil
}

func parseCell(s string) (row, col int, err error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
	}
	row, err = strconv.Atoi(s[i:])
	if i == 0 || i > 3 || err != nil || row < 1 {
		return 0, 0, fmt.Errorf("invalid cell %q", s)
	}
	return row, col, nil
}
