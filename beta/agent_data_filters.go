package beta

import (
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

// AgentDataFilter is the condition one data field of a record must meet in
// [AgentDataSearchParams], [AgentDataAggregateParams] and [AgentDataDeleteByQueryParams],
// whose Filter maps field names to conditions. A record passes when it meets every
// operator that is set; operators left at their zero value are not sent.
//
//	Filter: map[string]beta.AgentDataFilter{
//		"status": {Eq: beta.AgentDataFilterString("approved")},
//		"score":  {Gte: beta.AgentDataFilterFloat(0.8), Lt: beta.AgentDataFilterFloat(1)},
//		"due":    {Lte: beta.AgentDataFilterTime(deadline)},
//		"tag":    {Includes: beta.AgentDataFilterStrings("red", "blue")},
//		"owner":  {Ne: beta.AgentDataFilterNull()}, // owner is not null
//	}
//
// Values are numbers, strings or times (sent as RFC 3339 UTC with milliseconds), or an
// explicit null; see [AgentDataFilterValue].
type AgentDataFilter struct {
	// Eq keeps records whose field equals the value.
	Eq AgentDataFilterValue `json:"eq,omitzero"`
	// Ne keeps records whose field differs from the value.
	Ne AgentDataFilterValue `json:"ne,omitzero"`
	// Gt keeps records whose field is greater than the value.
	Gt AgentDataFilterValue `json:"gt,omitzero"`
	// Gte keeps records whose field is greater than or equal to the value.
	Gte AgentDataFilterValue `json:"gte,omitzero"`
	// Lt keeps records whose field is less than the value.
	Lt AgentDataFilterValue `json:"lt,omitzero"`
	// Lte keeps records whose field is less than or equal to the value.
	Lte AgentDataFilterValue `json:"lte,omitzero"`
	// Includes keeps records whose field matches one of the values (the API's "includes").
	Includes []AgentDataFilterValue `json:"includes,omitzero"`
	// Excludes keeps records whose field matches none of the values (the API's "excludes").
	Excludes []AgentDataFilterValue `json:"excludes,omitzero"`
}

// AgentDataFilterValue is the operand of an [AgentDataFilter] operator: a number, a
// string, a time, or null. It is a request union: set exactly one Of field, or build it
// with [AgentDataFilterFloat], [AgentDataFilterString], [AgentDataFilterTime] or
// [AgentDataFilterNull]. An Of field set to param.Null sends null. The zero value, with no
// field set, is left out when it is an operator of [AgentDataFilter]; anywhere else (in
// Includes or Excludes, say) it makes the call fail before sending, as do two fields set.
type AgentDataFilterValue struct {
	// OfFloat is a number operand.
	OfFloat param.Opt[float64]
	// OfString is a string operand.
	OfString param.Opt[string]
	// OfTime is a time operand, sent as RFC 3339 in UTC with milliseconds.
	OfTime param.Opt[time.Time]
}

// AgentDataFilterFloat returns a number operand. Integers convert exactly up to 2^53.
func AgentDataFilterFloat(v float64) AgentDataFilterValue {
	return AgentDataFilterValue{OfFloat: param.NewOpt(v)}
}

// AgentDataFilterString returns a string operand.
func AgentDataFilterString(v string) AgentDataFilterValue {
	return AgentDataFilterValue{OfString: param.NewOpt(v)}
}

// AgentDataFilterTime returns a time operand.
func AgentDataFilterTime(v time.Time) AgentDataFilterValue {
	return AgentDataFilterValue{OfTime: param.NewOpt(v)}
}

// AgentDataFilterNull returns an operand that is sent as JSON null, as in {"eq": null}.
func AgentDataFilterNull() AgentDataFilterValue {
	return AgentDataFilterValue{OfString: param.Null[string]()}
}

// AgentDataFilterStrings returns string operands for Includes and Excludes.
func AgentDataFilterStrings(vs ...string) []AgentDataFilterValue {
	out := make([]AgentDataFilterValue, len(vs))
	for i, v := range vs {
		out[i] = AgentDataFilterString(v)
	}
	return out
}

// AgentDataFilterFloats returns number operands for Includes and Excludes.
func AgentDataFilterFloats(vs ...float64) []AgentDataFilterValue {
	out := make([]AgentDataFilterValue, len(vs))
	for i, v := range vs {
		out[i] = AgentDataFilterFloat(v)
	}
	return out
}

// MarshalVariant returns the one operand that is set (an Opt made with param.Null counts,
// and is sent as null). It fails when no field or more than one is set.
func (v AgentDataFilterValue) MarshalVariant() (any, error) {
	return pickVariant("beta.AgentDataFilterValue",
		variant{"OfFloat", !v.OfFloat.IsOmitted(), v.OfFloat},
		variant{"OfString", !v.OfString.IsOmitted(), v.OfString},
		variant{"OfTime", !v.OfTime.IsOmitted(), v.OfTime},
	)
}

// MarshalJSON encodes the one operand that is set. It returns an error when no field or
// more than one is set, and for a number that JSON cannot hold (NaN, ±Inf).
func (v AgentDataFilterValue) MarshalJSON() ([]byte, error) { return apijson.MarshalVariant(v) }
