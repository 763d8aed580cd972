package llamacloudtest

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// decode reads the JSON body into v and checks that every field named in required (gjson paths,
// e.g. "name" or "rerank.top_n") is present and not null. On a body that is not a JSON object, a
// value of the wrong type, a missing field or a required field sent as null it writes the 422 the
// service would and returns false: pydantic v2's type error for the field's Go type (see
// typeError) for a null or a wrong type, "missing" for an absent field. An empty body counts as {}.
func (c *call) decode(v any, required ...string) bool {
	body := c.body
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	if !gjson.ValidBytes(body) {
		c.invalid([]any{"body", 0}, "JSON decode error", "json_invalid")
		return false
	}
	if !gjson.ParseBytes(body).IsObject() {
		c.invalid([]any{"body"}, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
		return false
	}
	for _, name := range required {
		switch r := gjson.GetBytes(body, name); {
		case !r.Exists():
			c.invalid(bodyLoc(name), "Field required", "missing")
			return false
		case r.Type == gjson.Null:
			t, class := fieldType(reflect.TypeOf(v), name)
			msg, typ := typeError(t, class)
			c.invalid(bodyLoc(name), msg, typ)
			return false
		}
	}
	if v == nil {
		return true
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			_, class := fieldType(reflect.TypeOf(v), te.Field)
			msg, typ := typeError(te.Type, class)
			c.invalid(bodyLoc(te.Field), msg, typ)
			return false
		}
		c.invalid([]any{"body"}, err.Error(), "value_error")
		return false
	}
	return true
}

// bodyLoc turns a dotted field path into a 422 loc: "rerank.top_n" → ["body","rerank","top_n"].
func bodyLoc(field string) []any {
	loc := []any{"body"}
	for _, part := range strings.Split(field, ".") {
		if part == "" {
			continue
		}
		if n, err := strconv.Atoi(part); err == nil {
			loc = append(loc, n)
		} else {
			loc = append(loc, part)
		}
	}
	return loc
}

// queryBool reads an optional boolean query parameter ("true"/"false", also 1/0); on a bad value it
// writes 422 and returns ok == false.
func (c *call) queryBool(name string) (v, ok bool) {
	s := c.q.Get(name)
	if s == "" {
		return false, true
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		c.invalid([]any{"query", name}, "Input should be a valid boolean", "bool_parsing")
		return false, false
	}
	return b, true
}

// queryInt reads an optional integer query parameter, def when absent; on a bad value it writes 422
// and returns ok == false.
func (c *call) queryInt(name string, def int) (v int, ok bool) {
	s := c.q.Get(name)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		c.invalid([]any{"query", name}, "Input should be a valid integer, unable to parse string as an integer", "int_parsing")
		return 0, false
	}
	return n, true
}

// queryTime reads an optional datetime query parameter; zero when absent; 422 on a bad value.
func (c *call) queryTime(name string) (t time.Time, ok bool) {
	s := c.q.Get(name)
	if s == "" {
		return time.Time{}, true
	}
	t, err := parseTime(s)
	if err != nil {
		c.invalid([]any{"query", name}, "Input should be a valid datetime", "datetime_from_date_parsing")
		return time.Time{}, false
	}
	return t, true
}

// formatNumber writes v in its shortest form, as in a validation message.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
