package beta

import (
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// BatchJobItemProcessingResults is the processing history of one item of a batch job.
type BatchJobItemProcessingResults struct {
	// ItemID is the source item.
	ItemID string `json:"item_id"`
	// ItemName is the source item's name.
	ItemName string `json:"item_name"`
	// ProcessingResults are the operations performed on the item.
	ProcessingResults []BatchProcessingResult `json:"processing_results"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ItemID            respjson.Field
		ItemName          respjson.Field
		ProcessingResults respjson.Field
		ExtraFields       map[string]respjson.Field
		raw               string
	} `json:"-"`
}

// RawJSON returns the results' JSON as received.
func (r BatchJobItemProcessingResults) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes processing results.
func (r *BatchJobItemProcessingResults) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// BatchProcessingResult is one processing operation performed on an item: the configuration
// used and where the output is.
type BatchProcessingResult struct {
	// ItemID is the item that was processed.
	ItemID string `json:"item_id"`
	// JobConfig is the configuration the item was processed with: parse or classify.
	JobConfig BatchJobConfigUnion `json:"job_config"`
	// JobType is the kind of processing performed.
	JobType BatchJobType `json:"job_type"`
	// OutputS3Path is where the output is stored.
	OutputS3Path string `json:"output_s3_path"`
	// ParametersHash is the content hash of the configuration, used to skip duplicate work.
	ParametersHash string `json:"parameters_hash"`
	// ProcessedAt is when the processing happened.
	ProcessedAt time.Time `json:"processed_at"`
	// ResultID identifies this result.
	ResultID string `json:"result_id"`
	// OutputMetadata describes the output; free-form and empty for now (the API plans
	// job-type-specific fields). Its raw JSON is JSON.OutputMetadata.Raw().
	OutputMetadata map[string]any `json:"output_metadata"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ItemID         respjson.Field
		JobConfig      respjson.Field
		JobType        respjson.Field
		OutputS3Path   respjson.Field
		ParametersHash respjson.Field
		ProcessedAt    respjson.Field
		ResultID       respjson.Field
		OutputMetadata respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the result's JSON as received.
func (r BatchProcessingResult) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a processing result.
func (r *BatchProcessingResult) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// BatchJobConfigUnion is the configuration a batch item was processed with: a parse
// configuration ([BatchParseJobRecord]) or a classify job ([ClassifyJob]). The API sends no
// discriminator; [BatchJobConfigUnion.Kind] tells the variants apart by their fields.
//
// The fields of both variants are flattened into the union (ProjectID and UserID are
// shared), so common reads need no conversion; [BatchJobConfigUnion.AsParse] and
// [BatchJobConfigUnion.AsClassify] decode the union's raw JSON as one variant, with that
// variant's own metadata and extra fields. A configuration of an unknown shape decodes
// without error: an object keeps its raw JSON here (unknown keys in JSON.ExtraFields), any
// other value in the parent's JSON.JobConfig.Raw().
type BatchJobConfigUnion struct {
	// CorrelationID tracks a parse job across services (parse).
	CorrelationID string `json:"correlation_id"`
	// JobName is [BatchParseJobNameParseRawFile] (parse).
	JobName BatchParseJobName `json:"job_name"`
	// Parameters are the parse settings (parse).
	Parameters BatchParseJobConfig `json:"parameters"`
	// ParentJobExecutionID is the parent job execution, when the job is nested (parse).
	ParentJobExecutionID string `json:"parent_job_execution_id"`
	// Partitions determine where the output is saved (parse).
	Partitions map[string]string `json:"partitions"`
	// ProjectID is the project of the job (both).
	ProjectID string `json:"project_id"`
	// SessionID is the upstream request that created the job (parse).
	SessionID string `json:"session_id"`
	// UserID is the user who created the job (both).
	UserID string `json:"user_id"`
	// WebhookURL is called when the parse job ends (parse).
	WebhookURL string `json:"webhook_url"`
	// ID identifies the classify job (classify).
	ID string `json:"id"`
	// Rules are the classification rules (classify).
	Rules []ClassifierRule `json:"rules"`
	// Status is the classify job's status (classify).
	Status SheetsJobStatus `json:"status"`
	// CreatedAt is when the classify job was created (classify).
	CreatedAt time.Time `json:"created_at"`
	// EffectiveAt is when the classify job's status took effect (classify).
	EffectiveAt time.Time `json:"effective_at"`
	// ErrorMessage is the error of the classify job's latest attempt (classify).
	ErrorMessage string `json:"error_message"`
	// JobRecordID is the job record associated with the status (classify).
	JobRecordID string `json:"job_record_id"`
	// Mode is how the documents were read (classify).
	Mode ClassifyMode `json:"mode"`
	// ParsingConfiguration configured the parsing before classification (classify).
	ParsingConfiguration ClassifyParsingConfiguration `json:"parsing_configuration"`
	// UpdatedAt is when the classify job was last updated (classify).
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		CorrelationID        respjson.Field
		JobName              respjson.Field
		Parameters           respjson.Field
		ParentJobExecutionID respjson.Field
		Partitions           respjson.Field
		ProjectID            respjson.Field
		SessionID            respjson.Field
		UserID               respjson.Field
		WebhookURL           respjson.Field
		ID                   respjson.Field
		Rules                respjson.Field
		Status               respjson.Field
		CreatedAt            respjson.Field
		EffectiveAt          respjson.Field
		ErrorMessage         respjson.Field
		JobRecordID          respjson.Field
		Mode                 respjson.Field
		ParsingConfiguration respjson.Field
		UpdatedAt            respjson.Field
		ExtraFields          map[string]respjson.Field
		raw                  string
	} `json:"-"`
}

// RawJSON returns the configuration's JSON as received.
func (u BatchJobConfigUnion) RawJSON() string { return u.JSON.raw }

// UnmarshalJSON decodes a configuration.
func (u *BatchJobConfigUnion) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, u) }

// Kind tells which variant the configuration is. It returns [BatchJobTypeClassify] when any
// of a classify job's required fields (id, rules, status) is present, [BatchJobTypeParse]
// for any other JSON object (every field of a parse configuration is optional, so even {} is
// one), and "" when the configuration is absent, null or not an object.
func (u BatchJobConfigUnion) Kind() BatchJobType {
	switch {
	case len(u.JSON.raw) == 0 || u.JSON.raw[0] != '{':
		return ""
	case u.JSON.ID.IsPresent() || u.JSON.Rules.IsPresent() || u.JSON.Status.IsPresent():
		return BatchJobTypeClassify
	}
	return BatchJobTypeParse
}

// AsParse returns the configuration as a parse configuration, decoded from the union's raw
// JSON. It never panics: it returns the zero value when the configuration is absent or its
// JSON is not an object. It does not check [BatchJobConfigUnion.Kind].
func (u BatchJobConfigUnion) AsParse() BatchParseJobRecord {
	var v BatchParseJobRecord
	if u.JSON.raw != "" && apijson.UnmarshalString(u.JSON.raw, &v) != nil {
		return BatchParseJobRecord{}
	}
	return v
}

// AsClassify returns the configuration as a classify job, decoded from the union's raw JSON.
// It never panics: it returns the zero value when the configuration is absent or its JSON is
// not an object. It does not check [BatchJobConfigUnion.Kind].
func (u BatchJobConfigUnion) AsClassify() ClassifyJob {
	var v ClassifyJob
	if u.JSON.raw != "" && apijson.UnmarshalString(u.JSON.raw, &v) != nil {
		return ClassifyJob{}
	}
	return v
}

// ClassifyJob is a classify job: rules that assign a document type to files (API schema
// "ClassifyJob"). Get it from [BatchJobConfigUnion.AsClassify].
type ClassifyJob struct {
	// ID is the job's unique identifier.
	ID string `json:"id"`
	// ProjectID is the project of the job.
	ProjectID string `json:"project_id"`
	// Rules classify the files.
	Rules []ClassifierRule `json:"rules"`
	// Status is the job's status. Its type is the API's shared job status enum, also used by
	// sheets jobs ([SheetsJobStatusSuccess], …).
	Status SheetsJobStatus `json:"status"`
	// UserID is the user of the job.
	UserID string `json:"user_id"`
	// CreatedAt is when the job was created.
	CreatedAt time.Time `json:"created_at"`
	// EffectiveAt is when the job's status took effect.
	EffectiveAt time.Time `json:"effective_at"`
	// ErrorMessage is the error of the latest job attempt, if any.
	ErrorMessage string `json:"error_message"`
	// JobRecordID is the job record associated with the status, if any.
	JobRecordID string `json:"job_record_id"`
	// Mode is how documents are read.
	Mode ClassifyMode `json:"mode"`
	// ParsingConfiguration configures the parsing that precedes classification.
	ParsingConfiguration ClassifyParsingConfiguration `json:"parsing_configuration"`
	// UpdatedAt is when the job was last updated.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID                   respjson.Field
		ProjectID            respjson.Field
		Rules                respjson.Field
		Status               respjson.Field
		UserID               respjson.Field
		CreatedAt            respjson.Field
		EffectiveAt          respjson.Field
		ErrorMessage         respjson.Field
		JobRecordID          respjson.Field
		Mode                 respjson.Field
		ParsingConfiguration respjson.Field
		UpdatedAt            respjson.Field
		ExtraFields          map[string]respjson.Field
		raw                  string
	} `json:"-"`
}

// RawJSON returns the job's JSON as received.
func (r ClassifyJob) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a classify job.
func (r *ClassifyJob) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ClassifierRule is one classification rule: documents matching Description get the type Type.
type ClassifierRule struct {
	// Description says in natural language what documents of the type look like.
	Description string `json:"description"`
	// Type is the document type assigned when the rule matches ("invoice", "receipt", …).
	Type string `json:"type"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Description respjson.Field
		Type        respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the rule's JSON as received.
func (r ClassifierRule) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a rule.
func (r *ClassifierRule) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ClassifyParsingConfiguration configures the parsing that precedes classification.
type ClassifyParsingConfiguration struct {
	// Lang is the language of the files.
	Lang ParsingLanguage `json:"lang"`
	// MaxPages is the number of pages parsed at most.
	MaxPages int64 `json:"max_pages"`
	// TargetPages are the pages parsed, 0-based (the first page is 0).
	TargetPages []int64 `json:"target_pages"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Lang        respjson.Field
		MaxPages    respjson.Field
		TargetPages respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the configuration's JSON as received.
func (r ClassifyParsingConfiguration) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a configuration.
func (r *ClassifyParsingConfiguration) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}
