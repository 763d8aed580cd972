package beta

import (
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

// This file holds the filters of [RetrievalRetrieveParams]: custom filters on user-defined
// metadata, static filters on built-in fields, and constructors that build them.
//
// Each request union below is a struct with one Of… field per variant. Exactly one must be
// set (a non-nil pointer or slice, an Opt made with llamacloud.String and friends, or true);
// with none or several set the request fails before it is sent, with an error naming the
// union type and the variants that were set.

// RetrievalFilterOperator is the comparison a retrieval filter applies. Values the SDK
// does not list are sent as they are.
type RetrievalFilterOperator string

// The operators of retrieval filters. In and Nin take a list value.
const (
	RetrievalFilterOperatorEq  RetrievalFilterOperator = "eq"  // equal
	RetrievalFilterOperatorNe  RetrievalFilterOperator = "ne"  // not equal
	RetrievalFilterOperatorGt  RetrievalFilterOperator = "gt"  // greater than
	RetrievalFilterOperatorLt  RetrievalFilterOperator = "lt"  // less than
	RetrievalFilterOperatorGte RetrievalFilterOperator = "gte" // greater than or equal
	RetrievalFilterOperatorLte RetrievalFilterOperator = "lte" // less than or equal
	RetrievalFilterOperatorIn  RetrievalFilterOperator = "in"  // one of a list
	RetrievalFilterOperatorNin RetrievalFilterOperator = "nin" // none of a list
)

// RetrievalRetrieveParamsCustomFilterUnion is the filter on one user-defined metadata field,
// a value of [RetrievalRetrieveParams.CustomFilters]. Set exactly one field:
//
//	filters := map[string]beta.RetrievalRetrieveParamsCustomFilterUnion{
//		"department": {OfScalar: &beta.RetrievalRetrieveParamsCustomFilterScalar{
//			Operator: beta.RetrievalFilterOperatorEq,
//			Value:    beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfString: llamacloud.String("finance")},
//		}},
//		"year": beta.RetrievalRangeFilter(
//			beta.RetrievalRange(beta.RetrievalFilterOperatorGte, 2020),
//			beta.RetrievalRange(beta.RetrievalFilterOperatorLt, 2024),
//		),
//		"region": beta.RetrievalStringListFilter(beta.RetrievalFilterOperatorIn, "emea", "apac"),
//	}
//
// The zero value has no variant set and is an error when sent.
type RetrievalRetrieveParamsCustomFilterUnion struct {
	// OfScalar compares the field with one value or, for in and nin, a list of values.
	OfScalar *RetrievalRetrieveParamsCustomFilterScalar
	// OfRanges applies numeric range conditions to the field (say gte 2020 and lt 2024).
	// Any non-nil slice counts as set; an empty one is sent as [].
	OfRanges []RetrievalRetrieveParamsCustomFilterRange
	// OfNull sends an explicit null for the field, which the API allows in place of a filter.
	OfNull bool
}

// MarshalVariant returns the value of the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterUnion) MarshalVariant() (any, error) {
	return pickVariant("beta.RetrievalRetrieveParamsCustomFilterUnion",
		variant{"OfScalar", u.OfScalar != nil, u.OfScalar},
		variant{"OfRanges", u.OfRanges != nil, u.OfRanges},
		variant{"OfNull", u.OfNull, nil},
	)
}

// MarshalJSON encodes the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterUnion) MarshalJSON() ([]byte, error) {
	return apijson.MarshalVariant(u)
}

// RetrievalRetrieveParamsCustomFilterScalar compares a metadata field with a string, bool or
// number, or with a list of them for [RetrievalFilterOperatorIn] and [RetrievalFilterOperatorNin].
type RetrievalRetrieveParamsCustomFilterScalar struct {
	// Operator is the comparison. Required.
	Operator RetrievalFilterOperator `json:"operator"`
	// Value is what the field is compared with. Required: exactly one variant must be set.
	Value RetrievalRetrieveParamsCustomFilterScalarValueUnion `json:"value"`
}

// RetrievalRetrieveParamsCustomFilterScalarValueUnion is the value of a scalar custom
// filter. Set exactly one field; the zero value is an error when sent.
type RetrievalRetrieveParamsCustomFilterScalarValueUnion struct {
	// OfString is a string value.
	OfString param.Opt[string]
	// OfBool is a boolean value.
	OfBool param.Opt[bool]
	// OfFloat is a numeric value.
	OfFloat param.Opt[float64]
	// OfList is a list of values, for in and nin. Any non-nil slice counts as set.
	OfList []RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion
}

// MarshalVariant returns the value of the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterScalarValueUnion) MarshalVariant() (any, error) {
	return pickVariant("beta.RetrievalRetrieveParamsCustomFilterScalarValueUnion",
		variant{"OfString", u.OfString.Valid(), u.OfString.Value()},
		variant{"OfBool", u.OfBool.Valid(), u.OfBool.Value()},
		variant{"OfFloat", u.OfFloat.Valid(), u.OfFloat.Value()},
		variant{"OfList", u.OfList != nil, u.OfList},
	)
}

// MarshalJSON encodes the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterScalarValueUnion) MarshalJSON() ([]byte, error) {
	return apijson.MarshalVariant(u)
}

// RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion is one element of
// [RetrievalRetrieveParamsCustomFilterScalarValueUnion.OfList]: a string, bool or number.
// Set exactly one field; the zero value is an error when sent.
type RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion struct {
	// OfString is a string element.
	OfString param.Opt[string]
	// OfBool is a boolean element.
	OfBool param.Opt[bool]
	// OfFloat is a numeric element.
	OfFloat param.Opt[float64]
}

// MarshalVariant returns the value of the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion) MarshalVariant() (any, error) {
	return pickVariant("beta.RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion",
		variant{"OfString", u.OfString.Valid(), u.OfString.Value()},
		variant{"OfBool", u.OfBool.Valid(), u.OfBool.Value()},
		variant{"OfFloat", u.OfFloat.Valid(), u.OfFloat.Value()},
	)
}

// MarshalJSON encodes the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion) MarshalJSON() ([]byte, error) {
	return apijson.MarshalVariant(u)
}

// RetrievalRetrieveParamsCustomFilterRange is one numeric condition of
// [RetrievalRetrieveParamsCustomFilterUnion.OfRanges].
type RetrievalRetrieveParamsCustomFilterRange struct {
	// Operator is the comparison. Required.
	Operator RetrievalFilterOperator `json:"operator"`
	// Value is the bound, or a list of numbers for in and nin. Required: exactly one
	// variant must be set.
	Value RetrievalRetrieveParamsCustomFilterRangeValueUnion `json:"value"`
}

// RetrievalRetrieveParamsCustomFilterRangeValueUnion is the value of a numeric range
// condition. Set exactly one field; the zero value is an error when sent.
type RetrievalRetrieveParamsCustomFilterRangeValueUnion struct {
	// OfFloat is a single number.
	OfFloat param.Opt[float64]
	// OfFloatList is a list of numbers, for in and nin. Any non-nil slice counts as set.
	OfFloatList []float64
}

// MarshalVariant returns the value of the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterRangeValueUnion) MarshalVariant() (any, error) {
	return pickVariant("beta.RetrievalRetrieveParamsCustomFilterRangeValueUnion",
		variant{"OfFloat", u.OfFloat.Valid(), u.OfFloat.Value()},
		variant{"OfFloatList", u.OfFloatList != nil, u.OfFloatList},
	)
}

// MarshalJSON encodes the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsCustomFilterRangeValueUnion) MarshalJSON() ([]byte, error) {
	return apijson.MarshalVariant(u)
}

// RetrievalRetrieveParamsStaticFilters filters on built-in document fields
// ([RetrievalRetrieveParams.StaticFilters]). The zero value is left out of the request.
type RetrievalRetrieveParamsStaticFilters struct {
	// ParsedDirectoryFileID filters on the parsed file a chunk comes from; build it with
	// [RetrievalFileIDFilter] or [RetrievalFileIDListFilter]. Left out when zero.
	ParsedDirectoryFileID RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID `json:"parsed_directory_file_id,omitzero"`
}

// RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID compares the parsed file ID of
// each chunk with one ID or, for in and nin, a list of IDs.
type RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID struct {
	// Operator is the comparison. Required.
	Operator RetrievalFilterOperator `json:"operator"`
	// Value is the file ID or IDs. Required: exactly one variant must be set.
	Value RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion `json:"value"`
}

// RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion is one file ID or a
// list of them. Set exactly one field; the zero value is an error when sent.
type RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion struct {
	// OfString is one file ID.
	OfString param.Opt[string]
	// OfStringList is a list of file IDs, for in and nin. Any non-nil slice counts as set.
	OfStringList []string
}

// MarshalVariant returns the value of the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion) MarshalVariant() (any, error) {
	return pickVariant("beta.RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion",
		variant{"OfString", u.OfString.Valid(), u.OfString.Value()},
		variant{"OfStringList", u.OfStringList != nil, u.OfStringList},
	)
}

// MarshalJSON encodes the variant that is set; it fails unless exactly one is.
func (u RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion) MarshalJSON() ([]byte, error) {
	return apijson.MarshalVariant(u)
}

// RetrievalStringFilter returns a custom filter comparing a metadata field with the string v.
func RetrievalStringFilter(op RetrievalFilterOperator, v string) RetrievalRetrieveParamsCustomFilterUnion {
	return retrievalScalarFilter(op, RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfString: param.NewOpt(v)})
}

// RetrievalBoolFilter returns a custom filter comparing a metadata field with the bool v.
func RetrievalBoolFilter(op RetrievalFilterOperator, v bool) RetrievalRetrieveParamsCustomFilterUnion {
	return retrievalScalarFilter(op, RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfBool: param.NewOpt(v)})
}

// RetrievalFloatFilter returns a custom filter comparing a metadata field with the number v.
// For a range (two or more bounds) use [RetrievalRangeFilter].
func RetrievalFloatFilter(op RetrievalFilterOperator, v float64) RetrievalRetrieveParamsCustomFilterUnion {
	return retrievalScalarFilter(op, RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfFloat: param.NewOpt(v)})
}

// RetrievalStringListFilter returns a custom filter comparing a metadata field with a list
// of strings, for [RetrievalFilterOperatorIn] and [RetrievalFilterOperatorNin]. No values
// send an empty list. The filter keeps a copy of values.
func RetrievalStringListFilter(op RetrievalFilterOperator, values ...string) RetrievalRetrieveParamsCustomFilterUnion {
	list := make([]RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion, len(values))
	for i, v := range values {
		list[i].OfString = param.NewOpt(v)
	}
	return retrievalScalarFilter(op, RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfList: list})
}

// RetrievalFloatListFilter returns a custom filter comparing a metadata field with a list
// of numbers, for [RetrievalFilterOperatorIn] and [RetrievalFilterOperatorNin]. No values
// send an empty list. The filter keeps a copy of values.
func RetrievalFloatListFilter(op RetrievalFilterOperator, values ...float64) RetrievalRetrieveParamsCustomFilterUnion {
	list := make([]RetrievalRetrieveParamsCustomFilterScalarValueListItemUnion, len(values))
	for i, v := range values {
		list[i].OfFloat = param.NewOpt(v)
	}
	return retrievalScalarFilter(op, RetrievalRetrieveParamsCustomFilterScalarValueUnion{OfList: list})
}

func retrievalScalarFilter(op RetrievalFilterOperator, v RetrievalRetrieveParamsCustomFilterScalarValueUnion) RetrievalRetrieveParamsCustomFilterUnion {
	return RetrievalRetrieveParamsCustomFilterUnion{OfScalar: &RetrievalRetrieveParamsCustomFilterScalar{Operator: op, Value: v}}
}

// RetrievalRangeFilter returns a custom filter whose numeric conditions (made with
// [RetrievalRange]) must all hold, such as gte 2020 and lt 2024. No conditions send an
// empty list. The filter keeps a copy of ranges.
func RetrievalRangeFilter(ranges ...RetrievalRetrieveParamsCustomFilterRange) RetrievalRetrieveParamsCustomFilterUnion {
	return RetrievalRetrieveParamsCustomFilterUnion{OfRanges: append([]RetrievalRetrieveParamsCustomFilterRange{}, ranges...)}
}

// RetrievalRange returns the numeric condition "field op v", for [RetrievalRangeFilter].
func RetrievalRange(op RetrievalFilterOperator, v float64) RetrievalRetrieveParamsCustomFilterRange {
	return RetrievalRetrieveParamsCustomFilterRange{
		Operator: op,
		Value:    RetrievalRetrieveParamsCustomFilterRangeValueUnion{OfFloat: param.NewOpt(v)},
	}
}

// RetrievalFileIDFilter returns a static filter comparing each chunk's parsed file ID with id.
func RetrievalFileIDFilter(op RetrievalFilterOperator, id string) RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID {
	return RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID{
		Operator: op,
		Value:    RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion{OfString: param.NewOpt(id)},
	}
}

// RetrievalFileIDListFilter returns a static filter comparing each chunk's parsed file ID
// with a list of IDs, for [RetrievalFilterOperatorIn] and [RetrievalFilterOperatorNin]. No
// IDs send an empty list. The filter keeps a copy of ids.
func RetrievalFileIDListFilter(op RetrievalFilterOperator, ids ...string) RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID {
	return RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileID{
		Operator: op,
		Value:    RetrievalRetrieveParamsStaticFiltersParsedDirectoryFileIDValueUnion{OfStringList: append([]string{}, ids...)},
	}
}
