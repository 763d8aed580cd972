package llamacloudtest

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// fieldRef names a field of an agent-data record, as filters, order_by and group_by do:
// "created_at", "updated_at" and "id" are the record's own fields; any other name is a dotted
// path into data ("address.city"), and a "data." prefix forces a data path ("data.created_at").
type fieldRef struct {
	own  string   // "id", "created_at" or "updated_at"; "" for a data path
	path []string // the data path, e.g. ["address", "city"]
}

// refOf reads a field name; see fieldRef.
func refOf(name string) fieldRef {
	switch name {
	case "created_at", "updated_at", "id":
		return fieldRef{own: name}
	}
	return fieldRef{path: strings.Split(strings.TrimPrefix(name, "data."), ".")}
}

// String returns the canonical name: the own field, or "data." and the path.
func (r fieldRef) String() string {
	if r.own != "" {
		return r.own
	}
	return "data." + strings.Join(r.path, ".")
}

// value returns the field's value in it (decoded JSON), nil when it is missing. Timestamps are
// written as the API writes them.
func (r fieldRef) value(it *agentDataItem) any {
	switch r.own {
	case "created_at":
		return formatTime(it.createdAt)
	case "updated_at":
		return formatTime(it.updatedAt)
	case "id":
		return it.id
	}
	var cur any = it.data
	for _, part := range r.path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// Ranks of a sortValue: values of different kinds order by rank.
const (
	rankNull   = iota // null or a missing field
	rankBool          // false before true
	rankNumber        // by value
	rankTime          // a string in RFC 3339 form, by the instant it names
	rankString        // any other string, by its bytes
	rankOther         // a list or an object, by its JSON text
)

// sortValue is a decoded JSON value reduced to what ordering needs, so that comparing two costs no
// parsing. Ordering is total: null, booleans, numbers, datetimes, other strings, then lists and
// objects. Two datetimes naming the same instant are equal.
type sortValue struct {
	rank uint8
	nsec int32   // datetimes: the nanoseconds
	num  float64 // booleans (0 or 1), numbers, datetimes (Unix seconds, exact below 2^53)
	str  string  // strings, and the JSON text of lists and objects
}

// sortValueOf reduces a decoded JSON value; see sortValue.
func sortValueOf(v any) sortValue {
	switch x := v.(type) {
	case nil:
		return sortValue{rank: rankNull}
	case bool:
		if x {
			return sortValue{rank: rankBool, num: 1}
		}
		return sortValue{rank: rankBool}
	case float64:
		return sortValue{rank: rankNumber, num: x}
	case string:
		if t, ok := parseDatetime(x); ok {
			return sortValue{rank: rankTime, num: float64(t.Unix()), nsec: int32(t.Nanosecond())}
		}
		return sortValue{rank: rankString, str: x}
	}
	b, err := marshalJSON(v)
	if err != nil {
		b = []byte(fmt.Sprint(v))
	}
	return sortValue{rank: rankOther, str: string(b)}
}

// parseDatetime reads an RFC 3339 datetime, as filters compare them; it skips the parse for
// strings that cannot be one.
func parseDatetime(s string) (time.Time, bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[10] != 'T' && s[10] != 't' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// compareSortValues orders two values; see sortValue.
func compareSortValues(a, b sortValue) int {
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	switch a.rank {
	case rankBool, rankNumber:
		return cmp.Compare(a.num, b.num)
	case rankTime:
		if c := cmp.Compare(a.num, b.num); c != 0 {
			return c
		}
		return cmp.Compare(a.nsec, b.nsec)
	case rankString, rankOther:
		return strings.Compare(a.str, b.str)
	}
	return 0
}

// compareSortKeys orders two rows by their sort values, term by term, the terms with desc set
// reversed; 0 when they tie on every term.
func compareSortKeys(a, b []sortValue, desc []bool) int {
	for i, d := range desc {
		if c := compareSortValues(a[i], b[i]); c != 0 {
			if d {
				return -c
			}
			return c
		}
	}
	return 0
}

// orderKey is one term of an order_by clause.
type orderKey struct {
	field string // as written
	ref   fieldRef
	desc  bool
}

// parseOrderBy reads "a, data.b desc, c asc" (see [beta.AgentDataSearchParams.OrderBy]). The error
// says what is wrong with the first bad term: an empty term, a direction other than asc or desc
// (any case), or a field that is not a name or dotted path of letters, digits, '_' and '-'.
// Whether a well-formed field is known is up to the caller.
func parseOrderBy(orderBy string) ([]orderKey, error) {
	if strings.TrimSpace(orderBy) == "" {
		return nil, nil
	}
	var keys []orderKey
	for _, term := range strings.Split(orderBy, ",") {
		parts := strings.Fields(term)
		switch {
		case len(parts) == 0:
			return nil, fmt.Errorf("order_by %q has an empty term", orderBy)
		case len(parts) > 2 || len(parts) == 2 && !strings.EqualFold(parts[1], "asc") && !strings.EqualFold(parts[1], "desc"):
			return nil, fmt.Errorf("invalid order_by term %q: write a field, optionally followed by asc or desc", strings.TrimSpace(term))
		}
		if err := checkFieldPath(parts[0]); err != nil {
			return nil, err
		}
		keys = append(keys, orderKey{field: parts[0], ref: refOf(parts[0]), desc: len(parts) == 2 && strings.EqualFold(parts[1], "desc")})
	}
	return keys, nil
}

// checkFieldPath reports a malformed order_by field: an empty segment, or a character other than
// a letter, a digit, '_' or '-'.
func checkFieldPath(field string) error {
	for _, seg := range strings.Split(field, ".") {
		ok := seg != ""
		for _, r := range seg {
			ok = ok && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-')
		}
		if !ok {
			return fmt.Errorf("invalid order_by field %q: write a field name or a dotted path of letters, digits, '_' and '-'", field)
		}
	}
	return nil
}

// checkSearchOrder reports an order_by field of :search that names no field of a record: "data"
// alone (the whole object), or a path below one of the record's own scalar fields
// ("created_at.x").
func checkSearchOrder(keys []orderKey) error {
	for _, k := range keys {
		head, _, dotted := strings.Cut(k.field, ".")
		switch {
		case k.field == "data":
			return fmt.Errorf("order_by field %q is the whole data object: name a field in it, such as \"data.total\"", k.field)
		case dotted && (head == "id" || head == "created_at" || head == "updated_at"):
			return fmt.Errorf("unknown order_by field %q: %s has no fields", k.field, head)
		}
	}
	return nil
}

// canonicalOrder writes keys in one canonical form ("data.a desc,id"), the identity of an index.
func canonicalOrder(keys []orderKey) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k.ref.String())
		if k.desc {
			b.WriteString(" desc")
		}
	}
	return b.String()
}

// sortValuesOf reduces each value; see sortValue.
func sortValuesOf(values []any) []sortValue {
	out := make([]sortValue, len(values))
	for i, v := range values {
		out[i] = sortValueOf(v)
	}
	return out
}
