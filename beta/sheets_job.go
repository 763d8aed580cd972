package beta

import (
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// SheetsJobStatus is the status of a spreadsheet parsing job. SheetsJobStatusSuccess and
// SheetsJobStatusPartialSuccess are terminal successes, SheetsJobStatusError and
// SheetsJobStatusCancelled terminal failures; any other value, SheetsJobStatusPending
// included, means the job is still going. Values the SDK does not know decode as they are.
type SheetsJobStatus string

// The statuses of a spreadsheet parsing job.
const (
	SheetsJobStatusPending        SheetsJobStatus = "PENDING"
	SheetsJobStatusSuccess        SheetsJobStatus = "SUCCESS"
	SheetsJobStatusError          SheetsJobStatus = "ERROR"
	SheetsJobStatusPartialSuccess SheetsJobStatus = "PARTIAL_SUCCESS"
	SheetsJobStatusCancelled      SheetsJobStatus = "CANCELLED"
)

// SheetsJob is a spreadsheet parsing job (API schema "SheetsJob"). Regions and
// WorksheetMetadata are filled once the job is done and results were asked for.
type SheetsJob struct {
	// ID is the job's ID (the spreadsheetJobID of the routes).
	ID string `json:"id"`
	// Config is the configuration the job runs with.
	Config SheetsParsingConfig `json:"config"`
	// CreatedAt is when the job was created, as the text the API sends (the API types it
	// as a plain string).
	CreatedAt string `json:"created_at"`
	// FileID is the ID of the input file.
	FileID string `json:"file_id"`
	// ProjectID is the project the job belongs to.
	ProjectID string `json:"project_id"`
	// Status is the job's status; see [SheetsJobStatus] for the terminal ones.
	Status SheetsJobStatus `json:"status"`
	// UpdatedAt is when the job last changed, as the text the API sends.
	UpdatedAt string `json:"updated_at"`
	// UserID is the user who created the job.
	UserID string `json:"user_id"`
	// Errors are the errors the job ran into.
	Errors []string `json:"errors"`
	// File describes the input file, when the service includes it.
	File SheetsJobFile `json:"file"`
	// Regions are the extracted regions, once the job is done.
	Regions []SheetsJobRegion `json:"regions"`
	// Success reports whether the job completed successfully.
	Success bool `json:"success"`
	// WorksheetMetadata describes each processed worksheet, once the job is done.
	WorksheetMetadata []SheetsJobWorksheetMetadata `json:"worksheet_metadata"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID                respjson.Field
		Config            respjson.Field
		CreatedAt         respjson.Field
		FileID            respjson.Field
		ProjectID         respjson.Field
		Status            respjson.Field
		UpdatedAt         respjson.Field
		UserID            respjson.Field
		Errors            respjson.Field
		File              respjson.Field
		Regions           respjson.Field
		Success           respjson.Field
		WorksheetMetadata respjson.Field
		ExtraFields       map[string]respjson.Field
		raw               string
	} `json:"-"`
}

// RawJSON returns the job's JSON as received.
func (r SheetsJob) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a job.
func (r *SheetsJob) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SheetsJobFile is the input file of a spreadsheet parsing job (API schema "File").
type SheetsJobFile struct {
	// ID is the file's ID.
	ID string `json:"id"`
	// Name is the file's name.
	Name string `json:"name"`
	// ProjectID is the project the file belongs to.
	ProjectID string `json:"project_id"`
	// CreatedAt is when the file was created.
	CreatedAt time.Time `json:"created_at"`
	// DataSourceID is the data source the file came from, if any.
	DataSourceID string `json:"data_source_id"`
	// ExpiresAt is when the file may be deleted; zero if it does not expire.
	ExpiresAt time.Time `json:"expires_at"`
	// ExternalFileID is the file's ID in an external system.
	ExternalFileID string `json:"external_file_id"`
	// FileSize is the file's size in bytes.
	FileSize int64 `json:"file_size"`
	// FileType is the file's type, such as "xlsx".
	FileType string `json:"file_type"`
	// LastModifiedAt is when the file was last modified.
	LastModifiedAt time.Time `json:"last_modified_at"`
	// PermissionInfo is free-form permission information: each value is a
	// map[string]any, []any, string, float64 or bool.
	PermissionInfo map[string]any `json:"permission_info"`
	// Purpose is what the file is for, such as "user_data", "parse", "extract", "split"
	// or "classify".
	Purpose string `json:"purpose"`
	// ResourceInfo is free-form resource information, with values like PermissionInfo's.
	ResourceInfo map[string]any `json:"resource_info"`
	// UpdatedAt is when the file was last updated.
	UpdatedAt time.Time `json:"updated_at"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ID             respjson.Field
		Name           respjson.Field
		ProjectID      respjson.Field
		CreatedAt      respjson.Field
		DataSourceID   respjson.Field
		ExpiresAt      respjson.Field
		ExternalFileID respjson.Field
		FileSize       respjson.Field
		FileType       respjson.Field
		LastModifiedAt respjson.Field
		PermissionInfo respjson.Field
		Purpose        respjson.Field
		ResourceInfo   respjson.Field
		UpdatedAt      respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the file's JSON as received.
func (r SheetsJobFile) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a file.
func (r *SheetsJobFile) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SheetsJobRegion is a region extracted from a spreadsheet. Pass its RegionID and
// RegionType to [SheetService.GetResultTable] to download it.
type SheetsJobRegion struct {
	// Location is where the region is in the sheet, in A1 notation.
	Location string `json:"location"`
	// RegionType is the kind of region as the API names it (documented as free text, so any
	// value decodes as it is); when it is one of the SheetRegionType constants it can be
	// passed to [SheetService.GetResultTable].
	RegionType SheetRegionType `json:"region_type"`
	// SheetName is the worksheet the region is on.
	SheetName string `json:"sheet_name"`
	// Description is the generated description, when metadata generation was on.
	Description string `json:"description"`
	// RegionID identifies the region within the file.
	RegionID string `json:"region_id"`
	// Title is the generated title, when metadata generation was on.
	Title string `json:"title"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Location    respjson.Field
		RegionType  respjson.Field
		SheetName   respjson.Field
		Description respjson.Field
		RegionID    respjson.Field
		Title       respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the region's JSON as received.
func (r SheetsJobRegion) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a region.
func (r *SheetsJobRegion) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SheetsJobWorksheetMetadata describes one processed worksheet.
type SheetsJobWorksheetMetadata struct {
	// SheetName is the worksheet's name.
	SheetName string `json:"sheet_name"`
	// Description is the generated description of the worksheet.
	Description string `json:"description"`
	// Title is the generated title of the worksheet.
	Title string `json:"title"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		SheetName   respjson.Field
		Description respjson.Field
		Title       respjson.Field
		ExtraFields map[string]respjson.Field
		raw         string
	} `json:"-"`
}

// RawJSON returns the metadata's JSON as received.
func (r SheetsJobWorksheetMetadata) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes worksheet metadata.
func (r *SheetsJobWorksheetMetadata) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// SheetsSpecialization selects a domain-specific extraction pipeline. The empty value uses
// the general-purpose one.
type SheetsSpecialization string

// The documented specializations.
const (
	SheetsSpecializationFinancialStandard SheetsSpecialization = "financial-standard"
	SheetsSpecializationFinancialEnhanced SheetsSpecialization = "financial-enhanced"
	SheetsSpecializationFinancialPrecise  SheetsSpecialization = "financial-precise"
)

// SheetsTableMergeSensitivity says how readily similar-looking regions are merged into one
// table: strong suits sparse tables, weak suits many distinct tables close together.
type SheetsTableMergeSensitivity string

// The table merge sensitivities.
const (
	SheetsTableMergeSensitivityStrong SheetsTableMergeSensitivity = "strong"
	SheetsTableMergeSensitivityWeak   SheetsTableMergeSensitivity = "weak"
)

// SheetsParsingConfig is the configuration a spreadsheet parsing job runs with (API schema
// "SheetsParsingConfig"). Absent fields are zero; JSON tells absent from false.
type SheetsParsingConfig struct {
	// ExtractionRange is the A1 range one region is extracted from; empty means the whole
	// sheet.
	ExtractionRange string `json:"extraction_range"`
	// FlattenHierarchicalTables returns hierarchical tables flattened.
	FlattenHierarchicalTables bool `json:"flatten_hierarchical_tables"`
	// GenerateAdditionalMetadata generates a title and description for each region.
	GenerateAdditionalMetadata bool `json:"generate_additional_metadata"`
	// IncludeHiddenCells includes hidden cells in the regions.
	IncludeHiddenCells bool `json:"include_hidden_cells"`
	// SheetNames are the worksheets processed; empty means all.
	SheetNames []string `json:"sheet_names"`
	// Specialization is the domain-specific pipeline; empty means general-purpose.
	Specialization SheetsSpecialization `json:"specialization"`
	// TableMergeSensitivity says how readily similar regions are merged into one table.
	TableMergeSensitivity SheetsTableMergeSensitivity `json:"table_merge_sensitivity"`
	// UseExperimentalProcessing turns on experimental processing.
	UseExperimentalProcessing bool `json:"use_experimental_processing"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		ExtractionRange            respjson.Field
		FlattenHierarchicalTables  respjson.Field
		GenerateAdditionalMetadata respjson.Field
		IncludeHiddenCells         respjson.Field
		SheetNames                 respjson.Field
		Specialization             respjson.Field
		TableMergeSensitivity      respjson.Field
		UseExperimentalProcessing  respjson.Field
		ExtraFields                map[string]respjson.Field
		raw                        string
	} `json:"-"`
}

// RawJSON returns the configuration's JSON as received.
func (r SheetsParsingConfig) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a configuration.
func (r *SheetsParsingConfig) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// SheetNewParamsConfig configures a spreadsheet parsing job in [SheetNewParams]. Fields
// left at their zero value are not sent, so the service's defaults apply.
type SheetNewParamsConfig struct {
	// ExtractionRange is an A1 range to extract a single region from, such as "B2:F40";
	// omitted or null means the whole sheet.
	ExtractionRange param.Opt[string] `json:"extraction_range"`
	// FlattenHierarchicalTables returns a flattened table when a detected table is
	// hierarchical.
	FlattenHierarchicalTables param.Opt[bool] `json:"flatten_hierarchical_tables"`
	// GenerateAdditionalMetadata generates a title and description for each region.
	GenerateAdditionalMetadata param.Opt[bool] `json:"generate_additional_metadata"`
	// IncludeHiddenCells includes hidden cells in the regions.
	IncludeHiddenCells param.Opt[bool] `json:"include_hidden_cells"`
	// SheetNames are the worksheets to process; nil means all.
	SheetNames []string `json:"sheet_names,omitzero"`
	// Specialization selects a domain-specific pipeline; empty uses the general-purpose one.
	Specialization SheetsSpecialization `json:"specialization,omitzero"`
	// TableMergeSensitivity says how readily similar regions are merged into one table.
	TableMergeSensitivity SheetsTableMergeSensitivity `json:"table_merge_sensitivity,omitzero"`
	// UseExperimentalProcessing turns on experimental processing; accuracy may suffer.
	UseExperimentalProcessing param.Opt[bool] `json:"use_experimental_processing"`
}
