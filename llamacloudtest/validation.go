package llamacloudtest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// inputAt returns the input member of the 422 entry at loc, as FastAPI with pydantic v2 writes
// it: the value the request gave there (a query or path value as the string sent, several
// values of a repeated query key as a list, a body member as its JSON); for a missing body member,
// the whole object that lacks it (pydantic validates the object and reports it as the input); for
// a body that is not JSON at all, {} (FastAPI's json_invalid entry); null for a missing query
// value and for members of a body that is not JSON (multipart forms are validated field by field).
func (c *call) inputAt(loc []any) any {
	if len(loc) < 2 {
		if len(loc) == 1 && loc[0] == "body" && gjson.ValidBytes(c.body) {
			return json.RawMessage(c.body)
		}
		return nil
	}
	name, _ := loc[1].(string)
	switch loc[0] {
	case "query":
		switch vs := c.q[name]; len(vs) {
		case 0:
			return nil
		case 1:
			return vs[0]
		default:
			return vs
		}
	case "path":
		if c.r == nil {
			return nil
		}
		return c.r.PathValue(name)
	case "body":
		body := c.body
		if len(strings.TrimSpace(string(body))) == 0 {
			body = []byte("{}") // decode reads an empty body as {}
		}
		if !gjson.ValidBytes(body) {
			if len(loc) == 2 && loc[1] == 0 {
				return map[string]any{}
			}
			return nil
		}
		if r := gjson.GetBytes(body, jsonPath(loc[1:])); r.Exists() {
			return json.RawMessage(r.Raw)
		}
		parent := loc[1 : len(loc)-1]
		if len(parent) == 0 {
			return json.RawMessage(body)
		}
		if r := gjson.GetBytes(body, jsonPath(parent)); r.IsObject() {
			return json.RawMessage(r.Raw)
		}
	}
	return nil
}

// jsonPath turns the segments of a loc into a gjson path, escaping what gjson would read as syntax.
func jsonPath(segs []any) string {
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = gjson.Escape(fmt.Sprint(s))
	}
	return strings.Join(parts, ".")
}
