package textindex

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// retrievalOps are the operators of retrieval filters, in the order the API lists them.
var retrievalOps = []Op{OpEq, OpNe, OpGt, OpLt, OpGte, OpLte, OpIn, OpNin}

func fieldErrorText(e *FieldError) string {
	parts := make([]string, len(e.Loc))
	for i, l := range e.Loc {
		parts[i] = fmt.Sprint(l)
	}
	return fmt.Sprintf("llamacloud: invalid filter at %q: %s", strings.Join(parts, "."), e.Msg)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isStaticField(name string) bool {
	for _, f := range StaticFields {
		if f == name {
			return true
		}
	}
	return false
}

func parseStaticFilters(raw map[string]any) ([]Filter, error) {
	var out []Filter
	for _, key := range sortedKeys(raw) {
		v := raw[key]
		if v == nil {
			continue
		}
		loc := []any{"static_filters", key}
		if !isStaticField(key) {
			return nil, &FieldError{Loc: loc, Msg: "Extra inputs are not permitted", Type: "extra_forbidden"}
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, &FieldError{Loc: loc, Msg: "Input should be a valid dictionary", Type: "dict_type"}
		}
		kind := kindNumber
		if key == "parsed_directory_file_id" {
			kind = kindString
		}
		cond, err := parseCondition(obj, loc, kind)
		if err != nil {
			return nil, err
		}
		out = append(out, Filter{Field: key, Static: true, Conditions: []Condition{cond}})
	}
	return out, nil
}

func parseCustomFilters(raw map[string]any) ([]Filter, error) {
	var out []Filter
	for _, key := range sortedKeys(raw) {
		loc := []any{"custom_filters", key}
		switch v := raw[key].(type) {
		case nil:
			continue
		case map[string]any:
			cond, err := parseCondition(v, loc, kindScalar)
			if err != nil {
				return nil, err
			}
			out = append(out, Filter{Field: key, Conditions: []Condition{cond}})
		case []any:
			f := Filter{Field: key}
			for i, e := range v {
				eloc := append(append([]any(nil), loc...), i)
				obj, ok := e.(map[string]any)
				if !ok {
					return nil, &FieldError{Loc: eloc, Msg: "Input should be a valid dictionary", Type: "dict_type"}
				}
				cond, err := parseCondition(obj, eloc, kindNumber)
				if err != nil {
					return nil, err
				}
				f.Conditions = append(f.Conditions, cond)
			}
			out = append(out, f)
		default:
			return nil, &FieldError{Loc: loc, Msg: "Input should be a valid dictionary or list", Type: "model_type"}
		}
	}
	return out, nil
}

// Value kinds a condition accepts.
const (
	kindScalar = iota // string, number or bool
	kindNumber
	kindString
)

// parseCondition reads {"operator": …, "value": …}; list values are allowed for in and nin, and
// required to hold values of the given kind.
func parseCondition(obj map[string]any, loc []any, kind int) (Condition, error) {
	at := func(k string) []any { return append(append([]any(nil), loc...), k) }
	opRaw, ok := obj["operator"]
	if !ok {
		return Condition{}, &FieldError{Loc: at("operator"), Msg: "Field required", Type: "missing"}
	}
	opStr, _ := opRaw.(string)
	op := Op(opStr)
	valid := false
	for _, o := range retrievalOps {
		valid = valid || o == op
	}
	if !valid {
		return Condition{}, &FieldError{Loc: at("operator"),
			Msg: "Input should be 'eq', 'ne', 'gt', 'lt', 'gte', 'lte', 'in' or 'nin'", Type: "literal_error"}
	}
	val, ok := obj["value"]
	if !ok {
		return Condition{}, &FieldError{Loc: at("value"), Msg: "Field required", Type: "missing"}
	}
	val = normalize(val)
	check := func(x any) bool {
		switch x.(type) {
		case float64:
			return kind != kindString
		case string:
			return kind != kindNumber
		case bool:
			return kind == kindScalar
		}
		return false
	}
	if list, isList := val.([]any); isList {
		for _, x := range list {
			if !check(x) {
				return Condition{}, &FieldError{Loc: at("value"), Msg: fmt.Sprintf("Input %v has the wrong type", x), Type: "type_error"}
			}
		}
	} else if !check(val) {
		return Condition{}, &FieldError{Loc: at("value"), Msg: fmt.Sprintf("Input %v has the wrong type", val), Type: "type_error"}
	}
	return Condition{Op: op, Value: val}, nil
}

func (f Filter) match(c Chunk) bool {
	var v any
	if f.Static {
		v = staticValue(c, f.Field)
	} else if c.Metadata != nil {
		v = c.Metadata[f.Field]
	}
	for _, cond := range f.Conditions {
		if !cond.holds(v) {
			return false
		}
	}
	return true
}

func staticValue(c Chunk, field string) any {
	switch field {
	case "parsed_directory_file_id":
		return c.DocID
	case "chunk_index":
		return float64(c.Index)
	case "chunk_start_char":
		return float64(c.Start)
	case "chunk_end_char":
		return float64(c.End)
	case "chunk_token_count":
		return float64(c.TokenCount)
	case "page_range_start":
		return float64(c.PageStart)
	case "page_range_end":
		return float64(c.PageEnd)
	}
	return nil
}

// normalize turns the numeric types and string lists a caller may have stored into the shapes
// encoding/json decodes to.
func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []float64:
		out := make([]any, len(x))
		for i, f := range x {
			out[i] = f
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	}
	return v
}

func (c Condition) holds(v any) bool {
	v = normalize(v)
	want := normalize(c.Value)
	list, isList := v.([]any)
	some := func(pred func(any) bool) bool {
		if !isList {
			return pred(v)
		}
		for _, e := range list {
			if pred(e) {
				return true
			}
		}
		return false
	}
	switch c.Op {
	case OpEq:
		return some(func(x any) bool { return equal(x, want) })
	case OpNe:
		return !some(func(x any) bool { return equal(x, want) })
	case OpGt, OpLt, OpGte, OpLte:
		if v == nil {
			return false
		}
		return some(func(x any) bool {
			cmp, ok := compare(x, want)
			if !ok || x == nil {
				return false
			}
			switch c.Op {
			case OpGt:
				return cmp > 0
			case OpLt:
				return cmp < 0
			case OpGte:
				return cmp >= 0
			}
			return cmp <= 0
		})
	case OpIn, OpIncludes:
		return some(func(x any) bool { return oneOf(x, want) })
	case OpNin, OpExcludes:
		return !some(func(x any) bool { return oneOf(x, want) })
	}
	return false
}

func equal(a, b any) bool {
	cmp, ok := compare(a, b)
	return ok && cmp == 0
}

// oneOf reports whether x equals want or, when want is a list, one of its elements.
func oneOf(x, want any) bool {
	list, ok := want.([]any)
	if !ok {
		return equal(x, want)
	}
	for _, w := range list {
		if equal(x, w) {
			return true
		}
	}
	return false
}

func compare(a, b any) (int, bool) {
	a, b = normalize(a), normalize(b)
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0, true
		case a == nil:
			return -1, true
		}
		return 1, true
	}
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		if !ok {
			return 0, false
		}
		return cmpOrdered(x, y), true
	case string:
		y, ok := b.(string)
		if !ok {
			return 0, false
		}
		tx, errx := time.Parse(time.RFC3339Nano, x)
		ty, erry := time.Parse(time.RFC3339Nano, y)
		if errx == nil && erry == nil {
			return tx.Compare(ty), true
		}
		return strings.Compare(x, y), true
	case bool:
		y, ok := b.(bool)
		if !ok {
			return 0, false
		}
		switch {
		case x == y:
			return 0, true
		case !x:
			return -1, true
		}
		return 1, true
	}
	return 0, false
}

func cmpOrdered(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
