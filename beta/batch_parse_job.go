package beta

import (
	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// BatchParseJobRecord is the parse variant of a batch job configuration as the API reports
// it (API schema "BatchParseJobRecordCreate"): the settings shared by the parse jobs of
// every file of a batch. Get it from [BatchJobConfigUnion.AsParse]. Every field is optional;
// an absent one is its zero value (see JSON.<Field>.Valid()).
type BatchParseJobRecord struct {
	// CorrelationID tracks the job across services.
	CorrelationID string `json:"correlation_id"`
	// JobName is always [BatchParseJobNameParseRawFile].
	JobName BatchParseJobName `json:"job_name"`
	// Parameters are the parse settings applied to every file of the batch.
	Parameters BatchParseJobConfig `json:"parameters"`
	// ParentJobExecutionID is the ID of the parent job execution, when the job is nested.
	ParentJobExecutionID string `json:"parent_job_execution_id"`
	// Partitions determine where the job's output is saved.
	Partitions map[string]string `json:"partitions"`
	// ProjectID is the project the job belongs to.
	ProjectID string `json:"project_id"`
	// SessionID is the upstream request that created the job.
	SessionID string `json:"session_id"`
	// UserID is the user who created the job.
	UserID string `json:"user_id"`
	// WebhookURL is called when the parse job ends.
	WebhookURL string `json:"webhook_url"`
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
		ExtraFields          map[string]respjson.Field
		raw                  string
	} `json:"-"`
}

// RawJSON returns the record's JSON as received.
func (r BatchParseJobRecord) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a record.
func (r *BatchParseJobRecord) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// BatchParseJobConfig is the parse configuration applied to every file of a batch (API
// schema "BatchParseJobConfig"). File-specific settings (file name, file ID) come from each
// directory file instead. Every field is optional; an absent one is its zero value (see
// JSON.<Field>.Valid()).
type BatchParseJobConfig struct {
	// AdaptiveLongTable adapts the output to tables that run over several pages.
	AdaptiveLongTable bool `json:"adaptive_long_table"`
	// AggressiveTableExtraction looks for tables more aggressively, at the risk of false positives.
	AggressiveTableExtraction bool `json:"aggressive_table_extraction"`
	// AnnotateLinks keeps the document's links in the markdown output.
	AnnotateLinks bool `json:"annotate_links"`
	// AutoMode parses pages that match one of the AutoModeTrigger… conditions in premium mode and the others
	// in the cheaper default mode.
	AutoMode bool `json:"auto_mode"`
	// AutoModeConfigurationJSON is a JSON document configuring auto mode in full.
	AutoModeConfigurationJSON string `json:"auto_mode_configuration_json"`
	// AutoModeTriggerOnImageInPage upgrades pages that contain an image (auto mode).
	AutoModeTriggerOnImageInPage bool `json:"auto_mode_trigger_on_image_in_page"`
	// AutoModeTriggerOnRegexpInPage is a regular expression; pages that match it are upgraded (auto mode).
	AutoModeTriggerOnRegexpInPage string `json:"auto_mode_trigger_on_regexp_in_page"`
	// AutoModeTriggerOnTableInPage upgrades pages that contain a table (auto mode).
	AutoModeTriggerOnTableInPage bool `json:"auto_mode_trigger_on_table_in_page"`
	// AutoModeTriggerOnTextInPage is a text; pages that contain it are upgraded (auto mode).
	AutoModeTriggerOnTextInPage string `json:"auto_mode_trigger_on_text_in_page"`
	// AzureOpenAIAPIVersion is the API version of your own Azure OpenAI deployment.
	AzureOpenAIAPIVersion string `json:"azure_openai_api_version"`
	// AzureOpenAIDeploymentName is the name of your own Azure OpenAI deployment.
	AzureOpenAIDeploymentName string `json:"azure_openai_deployment_name"`
	// AzureOpenAIEndpoint is the endpoint of your own Azure OpenAI deployment.
	AzureOpenAIEndpoint string `json:"azure_openai_endpoint"`
	// AzureOpenAIKey is the key of your own Azure OpenAI deployment.
	AzureOpenAIKey string `json:"azure_openai_key"`
	// BboxBottom is the fraction (0 to 1) of each page, from the bottom, to ignore.
	BboxBottom float64 `json:"bbox_bottom"`
	// BboxLeft is the fraction (0 to 1) of each page, from the left, to ignore.
	BboxLeft float64 `json:"bbox_left"`
	// BboxRight is the fraction (0 to 1) of each page, from the right, to ignore.
	BboxRight float64 `json:"bbox_right"`
	// BboxTop is the fraction (0 to 1) of each page, from the top, to ignore.
	BboxTop float64 `json:"bbox_top"`
	// BoundingBox gives the margins to ignore as "top,right,bottom,left" fractions of the page.
	BoundingBox string `json:"bounding_box"`
	// CompactMarkdownTable writes markdown tables without padding.
	CompactMarkdownTable bool `json:"compact_markdown_table"`
	// ComplementalFormattingInstruction is appended to the default formatting instructions.
	ComplementalFormattingInstruction string `json:"complemental_formatting_instruction"`
	// ContentGuidelineInstruction tells the parser what content to keep and how.
	ContentGuidelineInstruction string `json:"content_guideline_instruction"`
	// ContinuousMode joins content, such as tables, that continues from one page to the next.
	ContinuousMode bool `json:"continuous_mode"`
	// CustomMetadata is the custom metadata to attach to the documents.
	CustomMetadata map[string]any `json:"custom_metadata"`
	// DisableImageExtraction turns off the extraction of images.
	DisableImageExtraction bool `json:"disable_image_extraction"`
	// DisableOCR turns off OCR: only the document's text layer is read.
	DisableOCR bool `json:"disable_ocr"`
	// DisableReconstruction turns off the reconstruction of the document's structure.
	DisableReconstruction bool `json:"disable_reconstruction"`
	// DoNotCache keeps the document and its result out of the cache.
	DoNotCache bool `json:"do_not_cache"`
	// DoNotUnrollColumns keeps multi-column text in columns instead of reading it column by column.
	DoNotUnrollColumns bool `json:"do_not_unroll_columns"`
	// EnableCostOptimizer parses simple pages in a cheaper mode.
	EnableCostOptimizer bool `json:"enable_cost_optimizer"`
	// ExtractCharts extracts the data of charts.
	ExtractCharts bool `json:"extract_charts"`
	// ExtractLayout returns the layout elements of each page.
	ExtractLayout bool `json:"extract_layout"`
	// ExtractPrintedPageNumber reads the page numbers printed on the pages.
	ExtractPrintedPageNumber bool `json:"extract_printed_page_number"`
	// FastMode reads the text layer only, without OCR or reconstruction.
	FastMode bool `json:"fast_mode"`
	// FormattingInstruction tells the parser how to format its output.
	FormattingInstruction string `json:"formatting_instruction"`
	// GPT4oAPIKey is your own OpenAI key for GPT-4o mode.
	GPT4oAPIKey string `json:"gpt4o_api_key"`
	// GPT4oMode parses with GPT-4o (superseded by UseVendorMultimodalModel).
	GPT4oMode bool `json:"gpt4o_mode"`
	// GuessXLSXSheetName guesses sheet names for spreadsheets converted from other formats.
	GuessXLSXSheetName bool `json:"guess_xlsx_sheet_name"`
	// HideFooters leaves page footers out of the output.
	HideFooters bool `json:"hide_footers"`
	// HideHeaders leaves page headers out of the output.
	HideHeaders bool `json:"hide_headers"`
	// HighResOCR runs OCR at a higher resolution: slower, more accurate.
	HighResOCR bool `json:"high_res_ocr"`
	// HTMLMakeAllElementsVisible renders the hidden elements of HTML input too.
	HTMLMakeAllElementsVisible bool `json:"html_make_all_elements_visible"`
	// HTMLRemoveFixedElements drops fixed-position elements (banners, overlays) from HTML input.
	HTMLRemoveFixedElements bool `json:"html_remove_fixed_elements"`
	// HTMLRemoveNavigationElements drops navigation elements from HTML input.
	HTMLRemoveNavigationElements bool `json:"html_remove_navigation_elements"`
	// HTTPProxy is the proxy used to fetch InputURL.
	HTTPProxy string `json:"http_proxy"`
	// IgnoreDocumentElementsForLayoutDetection detects the layout from the rendered page only, ignoring the
	// document's own elements.
	IgnoreDocumentElementsForLayoutDetection bool `json:"ignore_document_elements_for_layout_detection"`
	// ImagesToSave lists the kinds of images to save.
	ImagesToSave []ParseImageType `json:"images_to_save"`
	// InlineImagesInMarkdown embeds the images in the markdown output.
	InlineImagesInMarkdown bool `json:"inline_images_in_markdown"`
	// InputS3Path is an s3:// path of the document to parse.
	InputS3Path string `json:"input_s3_path"`
	// InputS3Region is the region of the input S3 bucket.
	InputS3Region string `json:"input_s3_region"`
	// InputURL is a URL of the document to parse.
	InputURL string `json:"input_url"`
	// InternalIsScreenshotJob marks an internal screenshot-only job.
	InternalIsScreenshotJob bool `json:"internal_is_screenshot_job"`
	// InvalidateCache ignores cached results and parses again.
	InvalidateCache bool `json:"invalidate_cache"`
	// IsFormattingInstruction reads ParsingInstruction as formatting instructions.
	IsFormattingInstruction bool `json:"is_formatting_instruction"`
	// JobTimeoutExtraTimePerPageInSeconds is added to the job's timeout for each page, in seconds.
	JobTimeoutExtraTimePerPageInSeconds float64 `json:"job_timeout_extra_time_per_page_in_seconds"`
	// JobTimeoutInSeconds is the job's timeout, in seconds.
	JobTimeoutInSeconds float64 `json:"job_timeout_in_seconds"`
	// KeepPageSeparatorWhenMergingTables keeps the page separator inside tables merged across pages.
	KeepPageSeparatorWhenMergingTables bool `json:"keep_page_separator_when_merging_tables"`
	// Lang is the language.
	Lang string `json:"lang"`
	// Languages are the languages of the documents, for OCR.
	Languages []ParsingLanguage `json:"languages"`
	// LayoutAware parses with layout awareness.
	LayoutAware bool `json:"layout_aware"`
	// LineLevelBoundingBox returns a bounding box for each line.
	LineLevelBoundingBox bool `json:"line_level_bounding_box"`
	// MarkdownTableMultilineHeaderSeparator separates the lines of a multi-line table header.
	MarkdownTableMultilineHeaderSeparator string `json:"markdown_table_multiline_header_separator"`
	// MaxPages is the number of pages to parse at most.
	MaxPages int64 `json:"max_pages"`
	// MaxPagesEnforced is a page limit the platform enforces.
	MaxPagesEnforced int64 `json:"max_pages_enforced"`
	// MergeTablesAcrossPagesInMarkdown merges tables that continue across pages.
	MergeTablesAcrossPagesInMarkdown bool `json:"merge_tables_across_pages_in_markdown"`
	// Model is the model to parse with.
	Model string `json:"model"`
	// OutlinedTableExtraction detects tables drawn with outlines.
	OutlinedTableExtraction bool `json:"outlined_table_extraction"`
	// OutputPDFOfDocument also outputs a PDF rendering of the document.
	OutputPDFOfDocument bool `json:"output_pdf_of_document"`
	// OutputS3PathPrefix is an s3:// URL prefix; when set, every output file is saved under it.
	OutputS3PathPrefix string `json:"output_s3_path_prefix"`
	// OutputS3Region is the region of the output S3 bucket.
	OutputS3Region string `json:"output_s3_region"`
	// OutputTablesAsHTML writes tables as HTML in the markdown output (wire name "output_tables_as_HTML").
	OutputTablesAsHTML bool `json:"output_tables_as_HTML"`
	// OutputBucket is the output bucket (wire name "outputBucket").
	OutputBucket string `json:"outputBucket"`
	// PageErrorTolerance is the fraction (0 to 1) of pages that may fail before the job fails.
	PageErrorTolerance float64 `json:"page_error_tolerance"`
	// PageFooterPrefix is written before each page footer.
	PageFooterPrefix string `json:"page_footer_prefix"`
	// PageFooterSuffix is written after each page footer.
	PageFooterSuffix string `json:"page_footer_suffix"`
	// PageHeaderPrefix is written before each page header.
	PageHeaderPrefix string `json:"page_header_prefix"`
	// PageHeaderSuffix is written after each page header.
	PageHeaderSuffix string `json:"page_header_suffix"`
	// PagePrefix is written before each page.
	PagePrefix string `json:"page_prefix"`
	// PageSeparator is written between pages.
	PageSeparator string `json:"page_separator"`
	// PageSuffix is written after each page.
	PageSuffix string `json:"page_suffix"`
	// ParseMode is the mode of parsing.
	ParseMode ParsingMode `json:"parse_mode"`
	// ParsingInstruction gives the parser instructions (superseded by SystemPrompt and UserPrompt).
	ParsingInstruction string `json:"parsing_instruction"`
	// PipelineID is the pipeline ID.
	PipelineID string `json:"pipeline_id"`
	// PreciseBoundingBox computes more precise bounding boxes.
	PreciseBoundingBox bool `json:"precise_bounding_box"`
	// PremiumMode parses with the best available models.
	PremiumMode bool `json:"premium_mode"`
	// PresentationOutOfBoundsContent keeps slide content that lies outside the slide.
	PresentationOutOfBoundsContent bool `json:"presentation_out_of_bounds_content"`
	// PresentationSkipEmbeddedData skips the data embedded in presentation charts.
	PresentationSkipEmbeddedData bool `json:"presentation_skip_embedded_data"`
	// PreserveLayoutAlignmentAcrossPages keeps text alignment consistent from page to page.
	PreserveLayoutAlignmentAcrossPages bool `json:"preserve_layout_alignment_across_pages"`
	// PreserveVerySmallText keeps very small text that is dropped otherwise.
	PreserveVerySmallText bool `json:"preserve_very_small_text"`
	// Preset names a preset of settings.
	Preset string `json:"preset"`
	// Priority is the priority of the request; the API may ignore or overwrite it depending on the
	// organization's tier.
	Priority ParsePriority `json:"priority"`
	// ProjectID is the project the parse jobs run in.
	ProjectID string `json:"project_id"`
	// RemoveHiddenText removes text that is not visible.
	RemoveHiddenText bool `json:"remove_hidden_text"`
	// ReplaceFailedPageMode says what replaces a page that failed to parse.
	ReplaceFailedPageMode FailPageMode `json:"replace_failed_page_mode"`
	// ReplaceFailedPageWithErrorMessagePrefix is written before the error message that replaces a failed page.
	ReplaceFailedPageWithErrorMessagePrefix string `json:"replace_failed_page_with_error_message_prefix"`
	// ReplaceFailedPageWithErrorMessageSuffix is written after the error message that replaces a failed page.
	ReplaceFailedPageWithErrorMessageSuffix string `json:"replace_failed_page_with_error_message_suffix"`
	// ResourceInfo is information about the file's resource.
	ResourceInfo map[string]any `json:"resource_info"`
	// SaveImages saves the images found in the document.
	SaveImages bool `json:"save_images"`
	// SkipDiagonalText ignores text that is neither horizontal nor vertical.
	SkipDiagonalText bool `json:"skip_diagonal_text"`
	// SpecializedChartParsingAgentic parses charts with the agentic chart model.
	SpecializedChartParsingAgentic bool `json:"specialized_chart_parsing_agentic"`
	// SpecializedChartParsingEfficient parses charts with the efficient chart model.
	SpecializedChartParsingEfficient bool `json:"specialized_chart_parsing_efficient"`
	// SpecializedChartParsingPlus parses charts with the plus chart model.
	SpecializedChartParsingPlus bool `json:"specialized_chart_parsing_plus"`
	// SpecializedImageParsing parses images with a specialised model.
	SpecializedImageParsing bool `json:"specialized_image_parsing"`
	// SpreadsheetExtractSubTables splits spreadsheet sheets into their sub-tables.
	SpreadsheetExtractSubTables bool `json:"spreadsheet_extract_sub_tables"`
	// SpreadsheetForceFormulaComputation recomputes spreadsheet formulas instead of reading cached values.
	SpreadsheetForceFormulaComputation bool `json:"spreadsheet_force_formula_computation"`
	// SpreadsheetIncludeHiddenSheets parses hidden spreadsheet sheets too.
	SpreadsheetIncludeHiddenSheets bool `json:"spreadsheet_include_hidden_sheets"`
	// StrictModeBuggyFont fails a page whose font cannot be decoded instead of guessing.
	StrictModeBuggyFont bool `json:"strict_mode_buggy_font"`
	// StrictModeImageExtraction fails when an image cannot be extracted.
	StrictModeImageExtraction bool `json:"strict_mode_image_extraction"`
	// StrictModeImageOCR fails when the OCR of an image fails.
	StrictModeImageOCR bool `json:"strict_mode_image_ocr"`
	// StrictModeReconstruction fails when the structure cannot be reconstructed.
	StrictModeReconstruction bool `json:"strict_mode_reconstruction"`
	// StructuredOutput returns JSON following StructuredOutputJSONSchema.
	StructuredOutput bool `json:"structured_output"`
	// StructuredOutputJSONSchema is the JSON Schema of the structured output.
	StructuredOutputJSONSchema string `json:"structured_output_json_schema"`
	// StructuredOutputJSONSchemaName names a predefined structured-output schema.
	StructuredOutputJSONSchemaName string `json:"structured_output_json_schema_name"`
	// SystemPrompt replaces the parser's system prompt.
	SystemPrompt string `json:"system_prompt"`
	// SystemPromptAppend is appended to the parser's system prompt.
	SystemPromptAppend string `json:"system_prompt_append"`
	// TakeScreenshot saves a screenshot of each page.
	TakeScreenshot bool `json:"take_screenshot"`
	// TargetPages lists the pages to parse, 0-based, as comma-separated numbers and ranges ("0,2-4").
	TargetPages string `json:"target_pages"`
	// Tier is the parsing tier.
	Tier string `json:"tier"`
	// Type is always ParseConfigTypeParse.
	Type ParseConfigType `json:"type"`
	// UseVendorMultimodalModel parses with the multimodal model named by VendorMultimodalModelName.
	UseVendorMultimodalModel bool `json:"use_vendor_multimodal_model"`
	// UserPrompt is added to the parser's prompt.
	UserPrompt string `json:"user_prompt"`
	// VendorMultimodalAPIKey is your own key for the multimodal model's vendor.
	VendorMultimodalAPIKey string `json:"vendor_multimodal_api_key"`
	// VendorMultimodalModelName is the multimodal model to parse with.
	VendorMultimodalModelName string `json:"vendor_multimodal_model_name"`
	// Version is the parser version.
	Version string `json:"version"`
	// WebhookConfigurations are outbound webhook endpoints notified when the job's status changes.
	WebhookConfigurations []WebhookConfiguration `json:"webhook_configurations"`
	// WebhookURL is called when the job ends.
	WebhookURL string `json:"webhook_url"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		AdaptiveLongTable                        respjson.Field
		AggressiveTableExtraction                respjson.Field
		AnnotateLinks                            respjson.Field
		AutoMode                                 respjson.Field
		AutoModeConfigurationJSON                respjson.Field
		AutoModeTriggerOnImageInPage             respjson.Field
		AutoModeTriggerOnRegexpInPage            respjson.Field
		AutoModeTriggerOnTableInPage             respjson.Field
		AutoModeTriggerOnTextInPage              respjson.Field
		AzureOpenAIAPIVersion                    respjson.Field
		AzureOpenAIDeploymentName                respjson.Field
		AzureOpenAIEndpoint                      respjson.Field
		AzureOpenAIKey                           respjson.Field
		BboxBottom                               respjson.Field
		BboxLeft                                 respjson.Field
		BboxRight                                respjson.Field
		BboxTop                                  respjson.Field
		BoundingBox                              respjson.Field
		CompactMarkdownTable                     respjson.Field
		ComplementalFormattingInstruction        respjson.Field
		ContentGuidelineInstruction              respjson.Field
		ContinuousMode                           respjson.Field
		CustomMetadata                           respjson.Field
		DisableImageExtraction                   respjson.Field
		DisableOCR                               respjson.Field
		DisableReconstruction                    respjson.Field
		DoNotCache                               respjson.Field
		DoNotUnrollColumns                       respjson.Field
		EnableCostOptimizer                      respjson.Field
		ExtractCharts                            respjson.Field
		ExtractLayout                            respjson.Field
		ExtractPrintedPageNumber                 respjson.Field
		FastMode                                 respjson.Field
		FormattingInstruction                    respjson.Field
		GPT4oAPIKey                              respjson.Field
		GPT4oMode                                respjson.Field
		GuessXLSXSheetName                       respjson.Field
		HideFooters                              respjson.Field
		HideHeaders                              respjson.Field
		HighResOCR                               respjson.Field
		HTMLMakeAllElementsVisible               respjson.Field
		HTMLRemoveFixedElements                  respjson.Field
		HTMLRemoveNavigationElements             respjson.Field
		HTTPProxy                                respjson.Field
		IgnoreDocumentElementsForLayoutDetection respjson.Field
		ImagesToSave                             respjson.Field
		InlineImagesInMarkdown                   respjson.Field
		InputS3Path                              respjson.Field
		InputS3Region                            respjson.Field
		InputURL                                 respjson.Field
		InternalIsScreenshotJob                  respjson.Field
		InvalidateCache                          respjson.Field
		IsFormattingInstruction                  respjson.Field
		JobTimeoutExtraTimePerPageInSeconds      respjson.Field
		JobTimeoutInSeconds                      respjson.Field
		KeepPageSeparatorWhenMergingTables       respjson.Field
		Lang                                     respjson.Field
		Languages                                respjson.Field
		LayoutAware                              respjson.Field
		LineLevelBoundingBox                     respjson.Field
		MarkdownTableMultilineHeaderSeparator    respjson.Field
		MaxPages                                 respjson.Field
		MaxPagesEnforced                         respjson.Field
		MergeTablesAcrossPagesInMarkdown         respjson.Field
		Model                                    respjson.Field
		OutlinedTableExtraction                  respjson.Field
		OutputPDFOfDocument                      respjson.Field
		OutputS3PathPrefix                       respjson.Field
		OutputS3Region                           respjson.Field
		OutputTablesAsHTML                       respjson.Field
		OutputBucket                             respjson.Field
		PageErrorTolerance                       respjson.Field
		PageFooterPrefix                         respjson.Field
		PageFooterSuffix                         respjson.Field
		PageHeaderPrefix                         respjson.Field
		PageHeaderSuffix                         respjson.Field
		PagePrefix                               respjson.Field
		PageSeparator                            respjson.Field
		PageSuffix                               respjson.Field
		ParseMode                                respjson.Field
		ParsingInstruction                       respjson.Field
		PipelineID                               respjson.Field
		PreciseBoundingBox                       respjson.Field
		PremiumMode                              respjson.Field
		PresentationOutOfBoundsContent           respjson.Field
		PresentationSkipEmbeddedData             respjson.Field
		PreserveLayoutAlignmentAcrossPages       respjson.Field
		PreserveVerySmallText                    respjson.Field
		Preset                                   respjson.Field
		Priority                                 respjson.Field
		ProjectID                                respjson.Field
		RemoveHiddenText                         respjson.Field
		ReplaceFailedPageMode                    respjson.Field
		ReplaceFailedPageWithErrorMessagePrefix  respjson.Field
		ReplaceFailedPageWithErrorMessageSuffix  respjson.Field
		ResourceInfo                             respjson.Field
		SaveImages                               respjson.Field
		SkipDiagonalText                         respjson.Field
		SpecializedChartParsingAgentic           respjson.Field
		SpecializedChartParsingEfficient         respjson.Field
		SpecializedChartParsingPlus              respjson.Field
		SpecializedImageParsing                  respjson.Field
		SpreadsheetExtractSubTables              respjson.Field
		SpreadsheetForceFormulaComputation       respjson.Field
		SpreadsheetIncludeHiddenSheets           respjson.Field
		StrictModeBuggyFont                      respjson.Field
		StrictModeImageExtraction                respjson.Field
		StrictModeImageOCR                       respjson.Field
		StrictModeReconstruction                 respjson.Field
		StructuredOutput                         respjson.Field
		StructuredOutputJSONSchema               respjson.Field
		StructuredOutputJSONSchemaName           respjson.Field
		SystemPrompt                             respjson.Field
		SystemPromptAppend                       respjson.Field
		TakeScreenshot                           respjson.Field
		TargetPages                              respjson.Field
		Tier                                     respjson.Field
		Type                                     respjson.Field
		UseVendorMultimodalModel                 respjson.Field
		UserPrompt                               respjson.Field
		VendorMultimodalAPIKey                   respjson.Field
		VendorMultimodalModelName                respjson.Field
		Version                                  respjson.Field
		WebhookConfigurations                    respjson.Field
		WebhookURL                               respjson.Field
		ExtraFields                              map[string]respjson.Field
		raw                                      string
	} `json:"-"`
}

// RawJSON returns the configuration's JSON as received.
func (r BatchParseJobConfig) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a configuration.
func (r *BatchParseJobConfig) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// WebhookConfiguration is an outbound webhook endpoint notified when a job's status changes.
type WebhookConfiguration struct {
	// WebhookEvents are the events delivered; when absent or null, all events are.
	WebhookEvents []WebhookEvent `json:"webhook_events"`
	// WebhookHeaders are custom HTTP headers sent with each webhook request (auth tokens, say).
	WebhookHeaders map[string]string `json:"webhook_headers"`
	// WebhookOutputFormat is the format of the payload: "string" (the default) or "json".
	WebhookOutputFormat string `json:"webhook_output_format"`
	// WebhookURL receives the webhook POST notifications.
	WebhookURL string `json:"webhook_url"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		WebhookEvents       respjson.Field
		WebhookHeaders      respjson.Field
		WebhookOutputFormat respjson.Field
		WebhookURL          respjson.Field
		ExtraFields         map[string]respjson.Field
		raw                 string
	} `json:"-"`
}

// RawJSON returns the configuration's JSON as received.
func (r WebhookConfiguration) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a webhook configuration.
func (r *WebhookConfiguration) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }
