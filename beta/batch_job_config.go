package beta

import (
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

// BatchNewParamsJobConfig is the job configuration of [BatchNewParams]: what to do with each
// file of the batch. It is a union: set exactly one of its fields.
//
//	cfg := beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{
//		Parameters: beta.BatchNewParamsJobConfigParseParameters{ParseMode: beta.ParsingModeParsePageWithAgent},
//	}}
//
// A request whose configuration has no field set, or more than one, fails with an error before
// anything is sent.
type BatchNewParamsJobConfig struct {
	// OfParse parses every file (API schema "BatchParseJobRecordCreate").
	OfParse *BatchNewParamsJobConfigParse
	// OfClassify classifies every file (API schema "ClassifyJob").
	OfClassify *BatchNewParamsJobConfigClassify
}

// MarshalJSON encodes the variant that is set. It returns an error when none or both are set.
func (u BatchNewParamsJobConfig) MarshalJSON() ([]byte, error) { return apijson.MarshalVariant(u) }

// MarshalVariant returns the configuration that is set; it fails unless exactly one is.
func (u BatchNewParamsJobConfig) MarshalVariant() (any, error) {
	return pickVariant("beta.BatchNewParamsJobConfig",
		variant{"OfParse", u.OfParse != nil, u.OfParse},
		variant{"OfClassify", u.OfClassify != nil, u.OfClassify},
	)
}

// BatchNewParamsJobConfigClassify classifies every file of a batch by the first rule that
// matches it (API schema "ClassifyJob"). The API takes a whole classify job record: ID,
// ProjectID, Rules, Status and UserID are required and always sent; an empty or blank ID,
// ProjectID or UserID fails the call before anything is sent.
type BatchNewParamsJobConfigClassify struct {
	// ID identifies the classify job. Required.
	ID string `json:"id" param:"required"`
	// ProjectID is the project of the job. Required.
	ProjectID string `json:"project_id" param:"required"`
	// Rules classify the files; nil is sent as []. Required.
	Rules []BatchNewParamsJobConfigClassifyRule `json:"rules"`
	// Status is the job's status (the API's shared job status enum, also used by sheets
	// jobs), such as [SheetsJobStatusPending]. Required.
	Status SheetsJobStatus `json:"status"`
	// UserID is the user the job runs for. Required.
	UserID string `json:"user_id" param:"required"`
	// CreatedAt is when the job was created.
	CreatedAt param.Opt[time.Time] `json:"created_at"`
	// EffectiveAt is when the job's status took effect.
	EffectiveAt param.Opt[time.Time] `json:"effective_at"`
	// ErrorMessage is the error of the latest job attempt.
	ErrorMessage param.Opt[string] `json:"error_message"`
	// JobRecordID is the job record associated with the status.
	JobRecordID param.Opt[string] `json:"job_record_id"`
	// Mode is how documents are read; empty (not sent) leaves the API's default.
	Mode ClassifyMode `json:"mode,omitzero"`
	// ParsingConfiguration configures the parsing that precedes classification; not sent when zero.
	ParsingConfiguration BatchNewParamsJobConfigClassifyParsingConfiguration `json:"parsing_configuration,omitzero"`
	// UpdatedAt is when the job was last updated.
	UpdatedAt param.Opt[time.Time] `json:"updated_at"`
}

// BatchNewParamsJobConfigClassifyRule is one classification rule: files matching Description
// get the document type Type.
type BatchNewParamsJobConfigClassifyRule struct {
	// Description says in natural language what the matching documents look like. Be specific
	// about the content that identifies the type. Required.
	Description string `json:"description"`
	// Type is the document type to assign when the rule matches ("invoice", "receipt",
	// "contract", …). Required.
	Type string `json:"type"`
}

// BatchNewParamsJobConfigClassifyParsingConfiguration configures the parsing that precedes
// classification (API schema "ClassifyParsingConfiguration"). Unset fields are not sent.
type BatchNewParamsJobConfigClassifyParsingConfiguration struct {
	// Lang is the language of the files.
	Lang ParsingLanguage `json:"lang,omitzero"`
	// MaxPages is the number of pages to parse at most.
	MaxPages param.Opt[int64] `json:"max_pages"`
	// TargetPages are the pages to parse, 0-based (the first page is 0).
	TargetPages []int64 `json:"target_pages,omitzero"`
}
