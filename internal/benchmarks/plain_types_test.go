package benchmarks_test

import "time"

// The baselines decode into and encode from these plain structs: the same fields and JSON
// names as the SDK's types, with enums as plain strings, param.Opt[T] as *T with omitempty,
// and no metadata. TestPlainTypesMatch keeps the response ones in step with the beta types.

type plainBatchJobConfigUnion struct {
	CorrelationID        string                            `json:"correlation_id"`
	JobName              string                            `json:"job_name"`
	Parameters           plainBatchParseJobConfig          `json:"parameters"`
	ParentJobExecutionID string                            `json:"parent_job_execution_id"`
	Partitions           map[string]string                 `json:"partitions"`
	ProjectID            string                            `json:"project_id"`
	SessionID            string                            `json:"session_id"`
	UserID               string                            `json:"user_id"`
	WebhookURL           string                            `json:"webhook_url"`
	ID                   string                            `json:"id"`
	Rules                []plainClassifierRule             `json:"rules"`
	Status               string                            `json:"status"`
	CreatedAt            time.Time                         `json:"created_at"`
	EffectiveAt          time.Time                         `json:"effective_at"`
	ErrorMessage         string                            `json:"error_message"`
	JobRecordID          string                            `json:"job_record_id"`
	Mode                 string                            `json:"mode"`
	ParsingConfiguration plainClassifyParsingConfiguration `json:"parsing_configuration"`
	UpdatedAt            time.Time                         `json:"updated_at"`
}

type plainBatchJobItemProcessingResults struct {
	ItemID            string                       `json:"item_id"`
	ItemName          string                       `json:"item_name"`
	ProcessingResults []plainBatchProcessingResult `json:"processing_results"`
}

type plainBatchParseJobConfig struct {
	AdaptiveLongTable                        bool                        `json:"adaptive_long_table"`
	AggressiveTableExtraction                bool                        `json:"aggressive_table_extraction"`
	AnnotateLinks                            bool                        `json:"annotate_links"`
	AutoMode                                 bool                        `json:"auto_mode"`
	AutoModeConfigurationJSON                string                      `json:"auto_mode_configuration_json"`
	AutoModeTriggerOnImageInPage             bool                        `json:"auto_mode_trigger_on_image_in_page"`
	AutoModeTriggerOnRegexpInPage            string                      `json:"auto_mode_trigger_on_regexp_in_page"`
	AutoModeTriggerOnTableInPage             bool                        `json:"auto_mode_trigger_on_table_in_page"`
	AutoModeTriggerOnTextInPage              string                      `json:"auto_mode_trigger_on_text_in_page"`
	AzureOpenAIAPIVersion                    string                      `json:"azure_openai_api_version"`
	AzureOpenAIDeploymentName                string                      `json:"azure_openai_deployment_name"`
	AzureOpenAIEndpoint                      string                      `json:"azure_openai_endpoint"`
	AzureOpenAIKey                           string                      `json:"azure_openai_key"`
	BboxBottom                               float64                     `json:"bbox_bottom"`
	BboxLeft                                 float64                     `json:"bbox_left"`
	BboxRight                                float64                     `json:"bbox_right"`
	BboxTop                                  float64                     `json:"bbox_top"`
	BoundingBox                              string                      `json:"bounding_box"`
	CompactMarkdownTable                     bool                        `json:"compact_markdown_table"`
	ComplementalFormattingInstruction        string                      `json:"complemental_formatting_instruction"`
	ContentGuidelineInstruction              string                      `json:"content_guideline_instruction"`
	ContinuousMode                           bool                        `json:"continuous_mode"`
	CustomMetadata                           map[string]any              `json:"custom_metadata"`
	DisableImageExtraction                   bool                        `json:"disable_image_extraction"`
	DisableOCR                               bool                        `json:"disable_ocr"`
	DisableReconstruction                    bool                        `json:"disable_reconstruction"`
	DoNotCache                               bool                        `json:"do_not_cache"`
	DoNotUnrollColumns                       bool                        `json:"do_not_unroll_columns"`
	EnableCostOptimizer                      bool                        `json:"enable_cost_optimizer"`
	ExtractCharts                            bool                        `json:"extract_charts"`
	ExtractLayout                            bool                        `json:"extract_layout"`
	ExtractPrintedPageNumber                 bool                        `json:"extract_printed_page_number"`
	FastMode                                 bool                        `json:"fast_mode"`
	FormattingInstruction                    string                      `json:"formatting_instruction"`
	GPT4oAPIKey                              string                      `json:"gpt4o_api_key"`
	GPT4oMode                                bool                        `json:"gpt4o_mode"`
	GuessXLSXSheetName                       bool                        `json:"guess_xlsx_sheet_name"`
	HideFooters                              bool                        `json:"hide_footers"`
	HideHeaders                              bool                        `json:"hide_headers"`
	HighResOCR                               bool                        `json:"high_res_ocr"`
	HTMLMakeAllElementsVisible               bool                        `json:"html_make_all_elements_visible"`
	HTMLRemoveFixedElements                  bool                        `json:"html_remove_fixed_elements"`
	HTMLRemoveNavigationElements             bool                        `json:"html_remove_navigation_elements"`
	HTTPProxy                                string                      `json:"http_proxy"`
	IgnoreDocumentElementsForLayoutDetection bool                        `json:"ignore_document_elements_for_layout_detection"`
	ImagesToSave                             []string                    `json:"images_to_save"`
	InlineImagesInMarkdown                   bool                        `json:"inline_images_in_markdown"`
	InputS3Path                              string                      `json:"input_s3_path"`
	InputS3Region                            string                      `json:"input_s3_region"`
	InputURL                                 string                      `json:"input_url"`
	InternalIsScreenshotJob                  bool                        `json:"internal_is_screenshot_job"`
	InvalidateCache                          bool                        `json:"invalidate_cache"`
	IsFormattingInstruction                  bool                        `json:"is_formatting_instruction"`
	JobTimeoutExtraTimePerPageInSeconds      float64                     `json:"job_timeout_extra_time_per_page_in_seconds"`
	JobTimeoutInSeconds                      float64                     `json:"job_timeout_in_seconds"`
	KeepPageSeparatorWhenMergingTables       bool                        `json:"keep_page_separator_when_merging_tables"`
	Lang                                     string                      `json:"lang"`
	Languages                                []string                    `json:"languages"`
	LayoutAware                              bool                        `json:"layout_aware"`
	LineLevelBoundingBox                     bool                        `json:"line_level_bounding_box"`
	MarkdownTableMultilineHeaderSeparator    string                      `json:"markdown_table_multiline_header_separator"`
	MaxPages                                 int64                       `json:"max_pages"`
	MaxPagesEnforced                         int64                       `json:"max_pages_enforced"`
	MergeTablesAcrossPagesInMarkdown         bool                        `json:"merge_tables_across_pages_in_markdown"`
	Model                                    string                      `json:"model"`
	OutlinedTableExtraction                  bool                        `json:"outlined_table_extraction"`
	OutputPDFOfDocument                      bool                        `json:"output_pdf_of_document"`
	OutputS3PathPrefix                       string                      `json:"output_s3_path_prefix"`
	OutputS3Region                           string                      `json:"output_s3_region"`
	OutputTablesAsHTML                       bool                        `json:"output_tables_as_HTML"`
	OutputBucket                             string                      `json:"outputBucket"`
	PageErrorTolerance                       float64                     `json:"page_error_tolerance"`
	PageFooterPrefix                         string                      `json:"page_footer_prefix"`
	PageFooterSuffix                         string                      `json:"page_footer_suffix"`
	PageHeaderPrefix                         string                      `json:"page_header_prefix"`
	PageHeaderSuffix                         string                      `json:"page_header_suffix"`
	PagePrefix                               string                      `json:"page_prefix"`
	PageSeparator                            string                      `json:"page_separator"`
	PageSuffix                               string                      `json:"page_suffix"`
	ParseMode                                string                      `json:"parse_mode"`
	ParsingInstruction                       string                      `json:"parsing_instruction"`
	PipelineID                               string                      `json:"pipeline_id"`
	PreciseBoundingBox                       bool                        `json:"precise_bounding_box"`
	PremiumMode                              bool                        `json:"premium_mode"`
	PresentationOutOfBoundsContent           bool                        `json:"presentation_out_of_bounds_content"`
	PresentationSkipEmbeddedData             bool                        `json:"presentation_skip_embedded_data"`
	PreserveLayoutAlignmentAcrossPages       bool                        `json:"preserve_layout_alignment_across_pages"`
	PreserveVerySmallText                    bool                        `json:"preserve_very_small_text"`
	Preset                                   string                      `json:"preset"`
	Priority                                 string                      `json:"priority"`
	ProjectID                                string                      `json:"project_id"`
	RemoveHiddenText                         bool                        `json:"remove_hidden_text"`
	ReplaceFailedPageMode                    string                      `json:"replace_failed_page_mode"`
	ReplaceFailedPageWithErrorMessagePrefix  string                      `json:"replace_failed_page_with_error_message_prefix"`
	ReplaceFailedPageWithErrorMessageSuffix  string                      `json:"replace_failed_page_with_error_message_suffix"`
	ResourceInfo                             map[string]any              `json:"resource_info"`
	SaveImages                               bool                        `json:"save_images"`
	SkipDiagonalText                         bool                        `json:"skip_diagonal_text"`
	SpecializedChartParsingAgentic           bool                        `json:"specialized_chart_parsing_agentic"`
	SpecializedChartParsingEfficient         bool                        `json:"specialized_chart_parsing_efficient"`
	SpecializedChartParsingPlus              bool                        `json:"specialized_chart_parsing_plus"`
	SpecializedImageParsing                  bool                        `json:"specialized_image_parsing"`
	SpreadsheetExtractSubTables              bool                        `json:"spreadsheet_extract_sub_tables"`
	SpreadsheetForceFormulaComputation       bool                        `json:"spreadsheet_force_formula_computation"`
	SpreadsheetIncludeHiddenSheets           bool                        `json:"spreadsheet_include_hidden_sheets"`
	StrictModeBuggyFont                      bool                        `json:"strict_mode_buggy_font"`
	StrictModeImageExtraction                bool                        `json:"strict_mode_image_extraction"`
	StrictModeImageOCR                       bool                        `json:"strict_mode_image_ocr"`
	StrictModeReconstruction                 bool                        `json:"strict_mode_reconstruction"`
	StructuredOutput                         bool                        `json:"structured_output"`
	StructuredOutputJSONSchema               string                      `json:"structured_output_json_schema"`
	StructuredOutputJSONSchemaName           string                      `json:"structured_output_json_schema_name"`
	SystemPrompt                             string                      `json:"system_prompt"`
	SystemPromptAppend                       string                      `json:"system_prompt_append"`
	TakeScreenshot                           bool                        `json:"take_screenshot"`
	TargetPages                              string                      `json:"target_pages"`
	Tier                                     string                      `json:"tier"`
	Type                                     string                      `json:"type"`
	UseVendorMultimodalModel                 bool                        `json:"use_vendor_multimodal_model"`
	UserPrompt                               string                      `json:"user_prompt"`
	VendorMultimodalAPIKey                   string                      `json:"vendor_multimodal_api_key"`
	VendorMultimodalModelName                string                      `json:"vendor_multimodal_model_name"`
	Version                                  string                      `json:"version"`
	WebhookConfigurations                    []plainWebhookConfiguration `json:"webhook_configurations"`
	WebhookURL                               string                      `json:"webhook_url"`
}

type plainBatchProcessingResult struct {
	ItemID         string                   `json:"item_id"`
	JobConfig      plainBatchJobConfigUnion `json:"job_config"`
	JobType        string                   `json:"job_type"`
	OutputS3Path   string                   `json:"output_s3_path"`
	ParametersHash string                   `json:"parameters_hash"`
	ProcessedAt    time.Time                `json:"processed_at"`
	ResultID       string                   `json:"result_id"`
	OutputMetadata map[string]any           `json:"output_metadata"`
}

type plainChatEventUnion struct {
	Type            string                                  `json:"type"`
	Content         string                                  `json:"content"`
	Arguments       map[string]any                          `json:"arguments"`
	CallID          string                                  `json:"call_id"`
	Name            string                                  `json:"name"`
	Result          any                                     `json:"result"`
	ImageAttachment plainChatToolResultEventImageAttachment `json:"image_attachment"`
	Error           string                                  `json:"error"`
	IsError         bool                                    `json:"is_error"`
	Usage           plainChatStopEventUsage                 `json:"usage"`
}

type plainChatSessionDetail struct {
	Events         []plainChatEventUnion       `json:"events"`
	LastUpdatedAt  time.Time                   `json:"last_updated_at"`
	SessionID      string                      `json:"session_id"`
	GeneratedTitle string                      `json:"generated_title"`
	IndexIDs       []string                    `json:"index_ids"`
	JobMetadata    plainChatSessionJobMetadata `json:"job_metadata"`
}

type plainChatSessionJobMetadata struct {
	DurationMs        float64  `json:"duration_ms"`
	Error             string   `json:"error"`
	ExportConfigIDs   []string `json:"export_config_ids"`
	IsError           bool     `json:"is_error"`
	TotalInputTokens  int64    `json:"total_input_tokens"`
	TotalOutputTokens int64    `json:"total_output_tokens"`
	Turns             int64    `json:"turns"`
}

type plainChatStopEventUsage struct {
	DurationMs        float64 `json:"duration_ms"`
	TotalInputTokens  int64   `json:"total_input_tokens"`
	TotalOutputTokens int64   `json:"total_output_tokens"`
	Turns             int64   `json:"turns"`
}

type plainChatToolResultEventImageAttachment struct {
	AttachmentName string `json:"attachment_name"`
	SourceID       string `json:"source_id"`
}

type plainClassifierRule struct {
	Description string `json:"description"`
	Type        string `json:"type"`
}

type plainClassifyParsingConfiguration struct {
	Lang        string  `json:"lang"`
	MaxPages    int64   `json:"max_pages"`
	TargetPages []int64 `json:"target_pages"`
}

type plainDirectoryFile struct {
	ID          string            `json:"id"`
	DirectoryID string            `json:"directory_id"`
	DisplayName string            `json:"display_name"`
	ProjectID   string            `json:"project_id"`
	UniqueID    string            `json:"unique_id"`
	CreatedAt   time.Time         `json:"created_at"`
	DeletedAt   time.Time         `json:"deleted_at"`
	DownloadURL plainPresignedURL `json:"download_url"`
	FileID      string            `json:"file_id"`
	Metadata    map[string]any    `json:"metadata"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

type plainPresignedURL struct {
	ExpiresAt  time.Time         `json:"expires_at"`
	URL        string            `json:"url"`
	FormFields map[string]string `json:"form_fields"`
}

type plainRetrievalRetrieveResponse struct {
	Results []plainRetrievalRetrieveResponseResult `json:"results"`
}

type plainRetrievalRetrieveResponseResult struct {
	Content      string                                           `json:"content"`
	Metadata     map[string]any                                   `json:"metadata"`
	RerankScore  float64                                          `json:"rerank_score"`
	Score        float64                                          `json:"score"`
	StaticFields plainRetrievalRetrieveResponseResultStaticFields `json:"static_fields"`
}

type plainRetrievalRetrieveResponseResultStaticFields struct {
	Attachments           []plainRetrievalRetrieveResponseResultStaticFieldsAttachment `json:"attachments"`
	ChunkEndChar          int64                                                        `json:"chunk_end_char"`
	ChunkIndex            int64                                                        `json:"chunk_index"`
	ChunkStartChar        int64                                                        `json:"chunk_start_char"`
	ChunkTokenCount       int64                                                        `json:"chunk_token_count"`
	PageRangeEnd          int64                                                        `json:"page_range_end"`
	PageRangeStart        int64                                                        `json:"page_range_start"`
	ParsedDirectoryFileID string                                                       `json:"parsed_directory_file_id"`
}

type plainRetrievalRetrieveResponseResultStaticFieldsAttachment struct {
	AttachmentName string `json:"attachment_name"`
	SourceID       string `json:"source_id"`
	Type           string `json:"type"`
}

type plainWebhookConfiguration struct {
	WebhookEvents       []string          `json:"webhook_events"`
	WebhookHeaders      map[string]string `json:"webhook_headers"`
	WebhookOutputFormat string            `json:"webhook_output_format"`
	WebhookURL          string            `json:"webhook_url"`
}

type plainParamsJobConfigParse struct {
	CorrelationID        *string                              `json:"correlation_id,omitempty"`
	JobName              string                               `json:"job_name,omitempty"`
	Parameters           *plainParamsJobConfigParseParameters `json:"parameters,omitempty"`
	ParentJobExecutionID *string                              `json:"parent_job_execution_id,omitempty"`
	Partitions           map[string]string                    `json:"partitions,omitempty"`
	ProjectID            *string                              `json:"project_id,omitempty"`
	SessionID            *string                              `json:"session_id,omitempty"`
	UserID               *string                              `json:"user_id,omitempty"`
	WebhookURL           *string                              `json:"webhook_url,omitempty"`
}

type plainParamsJobConfigParseParameters struct {
	AdaptiveLongTable                        *bool                                                     `json:"adaptive_long_table,omitempty"`
	AggressiveTableExtraction                *bool                                                     `json:"aggressive_table_extraction,omitempty"`
	AnnotateLinks                            *bool                                                     `json:"annotate_links,omitempty"`
	AutoMode                                 *bool                                                     `json:"auto_mode,omitempty"`
	AutoModeConfigurationJSON                *string                                                   `json:"auto_mode_configuration_json,omitempty"`
	AutoModeTriggerOnImageInPage             *bool                                                     `json:"auto_mode_trigger_on_image_in_page,omitempty"`
	AutoModeTriggerOnRegexpInPage            *string                                                   `json:"auto_mode_trigger_on_regexp_in_page,omitempty"`
	AutoModeTriggerOnTableInPage             *bool                                                     `json:"auto_mode_trigger_on_table_in_page,omitempty"`
	AutoModeTriggerOnTextInPage              *string                                                   `json:"auto_mode_trigger_on_text_in_page,omitempty"`
	AzureOpenAIAPIVersion                    *string                                                   `json:"azure_openai_api_version,omitempty"`
	AzureOpenAIDeploymentName                *string                                                   `json:"azure_openai_deployment_name,omitempty"`
	AzureOpenAIEndpoint                      *string                                                   `json:"azure_openai_endpoint,omitempty"`
	AzureOpenAIKey                           *string                                                   `json:"azure_openai_key,omitempty"`
	BboxBottom                               *float64                                                  `json:"bbox_bottom,omitempty"`
	BboxLeft                                 *float64                                                  `json:"bbox_left,omitempty"`
	BboxRight                                *float64                                                  `json:"bbox_right,omitempty"`
	BboxTop                                  *float64                                                  `json:"bbox_top,omitempty"`
	BoundingBox                              *string                                                   `json:"bounding_box,omitempty"`
	CompactMarkdownTable                     *bool                                                     `json:"compact_markdown_table,omitempty"`
	ComplementalFormattingInstruction        *string                                                   `json:"complemental_formatting_instruction,omitempty"`
	ContentGuidelineInstruction              *string                                                   `json:"content_guideline_instruction,omitempty"`
	ContinuousMode                           *bool                                                     `json:"continuous_mode,omitempty"`
	CustomMetadata                           map[string]any                                            `json:"custom_metadata,omitempty"`
	DisableImageExtraction                   *bool                                                     `json:"disable_image_extraction,omitempty"`
	DisableOCR                               *bool                                                     `json:"disable_ocr,omitempty"`
	DisableReconstruction                    *bool                                                     `json:"disable_reconstruction,omitempty"`
	DoNotCache                               *bool                                                     `json:"do_not_cache,omitempty"`
	DoNotUnrollColumns                       *bool                                                     `json:"do_not_unroll_columns,omitempty"`
	EnableCostOptimizer                      *bool                                                     `json:"enable_cost_optimizer,omitempty"`
	ExtractCharts                            *bool                                                     `json:"extract_charts,omitempty"`
	ExtractLayout                            *bool                                                     `json:"extract_layout,omitempty"`
	ExtractPrintedPageNumber                 *bool                                                     `json:"extract_printed_page_number,omitempty"`
	FastMode                                 *bool                                                     `json:"fast_mode,omitempty"`
	FormattingInstruction                    *string                                                   `json:"formatting_instruction,omitempty"`
	GPT4oAPIKey                              *string                                                   `json:"gpt4o_api_key,omitempty"`
	GPT4oMode                                *bool                                                     `json:"gpt4o_mode,omitempty"`
	GuessXLSXSheetName                       *bool                                                     `json:"guess_xlsx_sheet_name,omitempty"`
	HideFooters                              *bool                                                     `json:"hide_footers,omitempty"`
	HideHeaders                              *bool                                                     `json:"hide_headers,omitempty"`
	HighResOCR                               *bool                                                     `json:"high_res_ocr,omitempty"`
	HTMLMakeAllElementsVisible               *bool                                                     `json:"html_make_all_elements_visible,omitempty"`
	HTMLRemoveFixedElements                  *bool                                                     `json:"html_remove_fixed_elements,omitempty"`
	HTMLRemoveNavigationElements             *bool                                                     `json:"html_remove_navigation_elements,omitempty"`
	HTTPProxy                                *string                                                   `json:"http_proxy,omitempty"`
	IgnoreDocumentElementsForLayoutDetection *bool                                                     `json:"ignore_document_elements_for_layout_detection,omitempty"`
	ImagesToSave                             []string                                                  `json:"images_to_save,omitempty"`
	InlineImagesInMarkdown                   *bool                                                     `json:"inline_images_in_markdown,omitempty"`
	InputS3Path                              *string                                                   `json:"input_s3_path,omitempty"`
	InputS3Region                            *string                                                   `json:"input_s3_region,omitempty"`
	InputURL                                 *string                                                   `json:"input_url,omitempty"`
	InternalIsScreenshotJob                  *bool                                                     `json:"internal_is_screenshot_job,omitempty"`
	InvalidateCache                          *bool                                                     `json:"invalidate_cache,omitempty"`
	IsFormattingInstruction                  *bool                                                     `json:"is_formatting_instruction,omitempty"`
	JobTimeoutExtraTimePerPageInSeconds      *float64                                                  `json:"job_timeout_extra_time_per_page_in_seconds,omitempty"`
	JobTimeoutInSeconds                      *float64                                                  `json:"job_timeout_in_seconds,omitempty"`
	KeepPageSeparatorWhenMergingTables       *bool                                                     `json:"keep_page_separator_when_merging_tables,omitempty"`
	Lang                                     *string                                                   `json:"lang,omitempty"`
	Languages                                []string                                                  `json:"languages,omitempty"`
	LayoutAware                              *bool                                                     `json:"layout_aware,omitempty"`
	LineLevelBoundingBox                     *bool                                                     `json:"line_level_bounding_box,omitempty"`
	MarkdownTableMultilineHeaderSeparator    *string                                                   `json:"markdown_table_multiline_header_separator,omitempty"`
	MaxPages                                 *int64                                                    `json:"max_pages,omitempty"`
	MaxPagesEnforced                         *int64                                                    `json:"max_pages_enforced,omitempty"`
	MergeTablesAcrossPagesInMarkdown         *bool                                                     `json:"merge_tables_across_pages_in_markdown,omitempty"`
	Model                                    *string                                                   `json:"model,omitempty"`
	OutlinedTableExtraction                  *bool                                                     `json:"outlined_table_extraction,omitempty"`
	OutputPDFOfDocument                      *bool                                                     `json:"output_pdf_of_document,omitempty"`
	OutputS3PathPrefix                       *string                                                   `json:"output_s3_path_prefix,omitempty"`
	OutputS3Region                           *string                                                   `json:"output_s3_region,omitempty"`
	OutputTablesAsHTML                       *bool                                                     `json:"output_tables_as_HTML,omitempty"`
	OutputBucket                             *string                                                   `json:"outputBucket,omitempty"`
	PageErrorTolerance                       *float64                                                  `json:"page_error_tolerance,omitempty"`
	PageFooterPrefix                         *string                                                   `json:"page_footer_prefix,omitempty"`
	PageFooterSuffix                         *string                                                   `json:"page_footer_suffix,omitempty"`
	PageHeaderPrefix                         *string                                                   `json:"page_header_prefix,omitempty"`
	PageHeaderSuffix                         *string                                                   `json:"page_header_suffix,omitempty"`
	PagePrefix                               *string                                                   `json:"page_prefix,omitempty"`
	PageSeparator                            *string                                                   `json:"page_separator,omitempty"`
	PageSuffix                               *string                                                   `json:"page_suffix,omitempty"`
	ParseMode                                string                                                    `json:"parse_mode,omitempty"`
	ParsingInstruction                       *string                                                   `json:"parsing_instruction,omitempty"`
	PipelineID                               *string                                                   `json:"pipeline_id,omitempty"`
	PreciseBoundingBox                       *bool                                                     `json:"precise_bounding_box,omitempty"`
	PremiumMode                              *bool                                                     `json:"premium_mode,omitempty"`
	PresentationOutOfBoundsContent           *bool                                                     `json:"presentation_out_of_bounds_content,omitempty"`
	PresentationSkipEmbeddedData             *bool                                                     `json:"presentation_skip_embedded_data,omitempty"`
	PreserveLayoutAlignmentAcrossPages       *bool                                                     `json:"preserve_layout_alignment_across_pages,omitempty"`
	PreserveVerySmallText                    *bool                                                     `json:"preserve_very_small_text,omitempty"`
	Preset                                   *string                                                   `json:"preset,omitempty"`
	Priority                                 string                                                    `json:"priority,omitempty"`
	ProjectID                                *string                                                   `json:"project_id,omitempty"`
	RemoveHiddenText                         *bool                                                     `json:"remove_hidden_text,omitempty"`
	ReplaceFailedPageMode                    string                                                    `json:"replace_failed_page_mode,omitempty"`
	ReplaceFailedPageWithErrorMessagePrefix  *string                                                   `json:"replace_failed_page_with_error_message_prefix,omitempty"`
	ReplaceFailedPageWithErrorMessageSuffix  *string                                                   `json:"replace_failed_page_with_error_message_suffix,omitempty"`
	ResourceInfo                             map[string]any                                            `json:"resource_info,omitempty"`
	SaveImages                               *bool                                                     `json:"save_images,omitempty"`
	SkipDiagonalText                         *bool                                                     `json:"skip_diagonal_text,omitempty"`
	SpecializedChartParsingAgentic           *bool                                                     `json:"specialized_chart_parsing_agentic,omitempty"`
	SpecializedChartParsingEfficient         *bool                                                     `json:"specialized_chart_parsing_efficient,omitempty"`
	SpecializedChartParsingPlus              *bool                                                     `json:"specialized_chart_parsing_plus,omitempty"`
	SpecializedImageParsing                  *bool                                                     `json:"specialized_image_parsing,omitempty"`
	SpreadsheetExtractSubTables              *bool                                                     `json:"spreadsheet_extract_sub_tables,omitempty"`
	SpreadsheetForceFormulaComputation       *bool                                                     `json:"spreadsheet_force_formula_computation,omitempty"`
	SpreadsheetIncludeHiddenSheets           *bool                                                     `json:"spreadsheet_include_hidden_sheets,omitempty"`
	StrictModeBuggyFont                      *bool                                                     `json:"strict_mode_buggy_font,omitempty"`
	StrictModeImageExtraction                *bool                                                     `json:"strict_mode_image_extraction,omitempty"`
	StrictModeImageOCR                       *bool                                                     `json:"strict_mode_image_ocr,omitempty"`
	StrictModeReconstruction                 *bool                                                     `json:"strict_mode_reconstruction,omitempty"`
	StructuredOutput                         *bool                                                     `json:"structured_output,omitempty"`
	StructuredOutputJSONSchema               *string                                                   `json:"structured_output_json_schema,omitempty"`
	StructuredOutputJSONSchemaName           *string                                                   `json:"structured_output_json_schema_name,omitempty"`
	SystemPrompt                             *string                                                   `json:"system_prompt,omitempty"`
	SystemPromptAppend                       *string                                                   `json:"system_prompt_append,omitempty"`
	TakeScreenshot                           *bool                                                     `json:"take_screenshot,omitempty"`
	TargetPages                              *string                                                   `json:"target_pages,omitempty"`
	Tier                                     *string                                                   `json:"tier,omitempty"`
	Type                                     string                                                    `json:"type,omitempty"`
	UseVendorMultimodalModel                 *bool                                                     `json:"use_vendor_multimodal_model,omitempty"`
	UserPrompt                               *string                                                   `json:"user_prompt,omitempty"`
	VendorMultimodalAPIKey                   *string                                                   `json:"vendor_multimodal_api_key,omitempty"`
	VendorMultimodalModelName                *string                                                   `json:"vendor_multimodal_model_name,omitempty"`
	Version                                  *string                                                   `json:"version,omitempty"`
	WebhookConfigurations                    []plainParamsJobConfigParseParametersWebhookConfiguration `json:"webhook_configurations,omitempty"`
	WebhookURL                               *string                                                   `json:"webhook_url,omitempty"`
}

type plainParamsJobConfigParseParametersWebhookConfiguration struct {
	WebhookEvents       []string          `json:"webhook_events,omitempty"`
	WebhookHeaders      map[string]string `json:"webhook_headers,omitempty"`
	WebhookOutputFormat *string           `json:"webhook_output_format,omitempty"`
	WebhookURL          *string           `json:"webhook_url,omitempty"`
}

// plainDirectoryFilePage is pagination.PaginatedCursor[beta.DirectoryFile].
type plainDirectoryFilePage struct {
	Items         []plainDirectoryFile `json:"items"`
	NextPageToken string               `json:"next_page_token"`
	TotalSize     int64                `json:"total_size"`
}

// plainDirectory is beta.Directory.
type plainDirectory struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	ProjectID   string    `json:"project_id"`
	CreatedAt   time.Time `json:"created_at"`
	DeletedAt   time.Time `json:"deleted_at"`
	Description string    `json:"description"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// plainBatchNewParams is beta.BatchNewParams; JobConfig holds a *plainParamsJobConfigParse
// or a classify job, as the union does.
type plainBatchNewParams struct {
	JobConfig              any      `json:"job_config"`
	ContinueAsNewThreshold *int64   `json:"continue_as_new_threshold,omitempty"`
	DirectoryID            *string  `json:"directory_id,omitempty"`
	ItemIDs                []string `json:"item_ids,omitempty"`
	PageSize               *int64   `json:"page_size,omitempty"`
	TemporalNamespace      *string  `json:"temporal_namespace,omitempty"`
}

// plainRetrieveParams is beta.RetrievalRetrieveParams. A custom filter is a
// *plainScalarFilter or a []plainRangeFilter, as the union is one or the other.
type plainRetrieveParams struct {
	IndexID                string                     `json:"index_id"`
	Query                  string                     `json:"query"`
	CustomFilters          map[string]any             `json:"custom_filters,omitempty"`
	FullTextPipelineWeight *float64                   `json:"full_text_pipeline_weight,omitempty"`
	NumCandidates          *int64                     `json:"num_candidates,omitempty"`
	Rerank                 *plainRerank               `json:"rerank,omitempty"`
	ScoreThreshold         *float64                   `json:"score_threshold,omitempty"`
	StaticFilters          *plainRetrieveStaticFilter `json:"static_filters,omitempty"`
	TopK                   *int64                     `json:"top_k,omitempty"`
	VectorPipelineWeight   *float64                   `json:"vector_pipeline_weight,omitempty"`
}

type plainRerank struct {
	Enabled *bool  `json:"enabled,omitempty"`
	TopN    *int64 `json:"top_n,omitempty"`
}

// plainScalarFilter compares a field with a value: a string, bool, number or a list of them.
type plainScalarFilter struct {
	Operator string `json:"operator"`
	Value    any    `json:"value"`
}

// plainRangeFilter is one numeric condition: a number or a list of numbers.
type plainRangeFilter struct {
	Operator string `json:"operator"`
	Value    any    `json:"value"`
}

type plainRetrieveStaticFilter struct {
	ParsedDirectoryFileID *plainScalarFilter `json:"parsed_directory_file_id,omitempty"`
}
