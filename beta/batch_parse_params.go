package beta

import "github.com/run-llama/llama-cloud-go/packages/param"

// BatchNewParamsJobConfigParse configures a batch of parse jobs (API schema
// "BatchParseJobRecordCreate"): the job metadata and the parse settings applied to every
// file. Set it as [BatchNewParamsJobConfig.OfParse]. Every field is optional; the zero value
// sends "{}".
type BatchNewParamsJobConfigParse struct {
	// CorrelationID tracks the job across services.
	CorrelationID param.Opt[string] `json:"correlation_id"`
	// JobName is [BatchParseJobNameParseRawFile] when set.
	JobName BatchParseJobName `json:"job_name,omitzero"`
	// Parameters are the parse settings applied to every file; left out when zero.
	Parameters BatchNewParamsJobConfigParseParameters `json:"parameters,omitzero"`
	// ParentJobExecutionID is the ID of the parent job execution, when the job is nested.
	ParentJobExecutionID param.Opt[string] `json:"parent_job_execution_id"`
	// Partitions determine where the job's output is saved.
	Partitions map[string]string `json:"partitions,omitzero"`
	// ProjectID is the project the job belongs to.
	ProjectID param.Opt[string] `json:"project_id"`
	// SessionID is the upstream request that created the job.
	SessionID param.Opt[string] `json:"session_id"`
	// UserID is the user who created the job.
	UserID param.Opt[string] `json:"user_id"`
	// WebhookURL is called when each parse job ends.
	WebhookURL param.Opt[string] `json:"webhook_url"`
}

// BatchNewParamsJobConfigParseParameters are the parse settings of a batch (API schema
// "BatchParseJobConfig"), applied to every file. Unset fields are not sent and take the
// API's defaults.
type BatchNewParamsJobConfigParseParameters struct {
	// AdaptiveLongTable adapts the output to tables that run over several pages.
	AdaptiveLongTable param.Opt[bool] `json:"adaptive_long_table"`
	// AggressiveTableExtraction looks for tables more aggressively, at the risk of false positives.
	AggressiveTableExtraction param.Opt[bool] `json:"aggressive_table_extraction"`
	// AnnotateLinks keeps the document's links in the markdown output.
	AnnotateLinks param.Opt[bool] `json:"annotate_links"`
	// AutoMode parses pages that match one of the AutoModeTrigger… conditions in premium mode and the others
	// in the cheaper default mode.
	AutoMode param.Opt[bool] `json:"auto_mode"`
	// AutoModeConfigurationJSON is a JSON document configuring auto mode in full.
	AutoModeConfigurationJSON param.Opt[string] `json:"auto_mode_configuration_json"`
	// AutoModeTriggerOnImageInPage upgrades pages that contain an image (auto mode).
	AutoModeTriggerOnImageInPage param.Opt[bool] `json:"auto_mode_trigger_on_image_in_page"`
	// AutoModeTriggerOnRegexpInPage is a regular expression; pages that match it are upgraded (auto mode).
	AutoModeTriggerOnRegexpInPage param.Opt[string] `json:"auto_mode_trigger_on_regexp_in_page"`
	// AutoModeTriggerOnTableInPage upgrades pages that contain a table (auto mode).
	AutoModeTriggerOnTableInPage param.Opt[bool] `json:"auto_mode_trigger_on_table_in_page"`
	// AutoModeTriggerOnTextInPage is a text; pages that contain it are upgraded (auto mode).
	AutoModeTriggerOnTextInPage param.Opt[string] `json:"auto_mode_trigger_on_text_in_page"`
	// AzureOpenAIAPIVersion is the API version of your own Azure OpenAI deployment.
	AzureOpenAIAPIVersion param.Opt[string] `json:"azure_openai_api_version"`
	// AzureOpenAIDeploymentName is the name of your own Azure OpenAI deployment.
	AzureOpenAIDeploymentName param.Opt[string] `json:"azure_openai_deployment_name"`
	// AzureOpenAIEndpoint is the endpoint of your own Azure OpenAI deployment.
	AzureOpenAIEndpoint param.Opt[string] `json:"azure_openai_endpoint"`
	// AzureOpenAIKey is the key of your own Azure OpenAI deployment.
	AzureOpenAIKey param.Opt[string] `json:"azure_openai_key"`
	// BboxBottom is the fraction (0 to 1) of each page, from the bottom, to ignore.
	BboxBottom param.Opt[float64] `json:"bbox_bottom"`
	// BboxLeft is the fraction (0 to 1) of each page, from the left, to ignore.
	BboxLeft param.Opt[float64] `json:"bbox_left"`
	// BboxRight is the fraction (0 to 1) of each page, from the right, to ignore.
	BboxRight param.Opt[float64] `json:"bbox_right"`
	// BboxTop is the fraction (0 to 1) of each page, from the top, to ignore.
	BboxTop param.Opt[float64] `json:"bbox_top"`
	// BoundingBox gives the margins to ignore as "top,right,bottom,left" fractions of the page.
	BoundingBox param.Opt[string] `json:"bounding_box"`
	// CompactMarkdownTable writes markdown tables without padding.
	CompactMarkdownTable param.Opt[bool] `json:"compact_markdown_table"`
	// ComplementalFormattingInstruction is appended to the default formatting instructions.
	ComplementalFormattingInstruction param.Opt[string] `json:"complemental_formatting_instruction"`
	// ContentGuidelineInstruction tells the parser what content to keep and how.
	ContentGuidelineInstruction param.Opt[string] `json:"content_guideline_instruction"`
	// ContinuousMode joins content, such as tables, that continues from one page to the next.
	ContinuousMode param.Opt[bool] `json:"continuous_mode"`
	// CustomMetadata is the custom metadata to attach to the documents.
	CustomMetadata map[string]any `json:"custom_metadata,omitzero"`
	// DisableImageExtraction turns off the extraction of images.
	DisableImageExtraction param.Opt[bool] `json:"disable_image_extraction"`
	// DisableOCR turns off OCR: only the document's text layer is read.
	DisableOCR param.Opt[bool] `json:"disable_ocr"`
	// DisableReconstruction turns off the reconstruction of the document's structure.
	DisableReconstruction param.Opt[bool] `json:"disable_reconstruction"`
	// DoNotCache keeps the document and its result out of the cache.
	DoNotCache param.Opt[bool] `json:"do_not_cache"`
	// DoNotUnrollColumns keeps multi-column text in columns instead of reading it column by column.
	DoNotUnrollColumns param.Opt[bool] `json:"do_not_unroll_columns"`
	// EnableCostOptimizer parses simple pages in a cheaper mode.
	EnableCostOptimizer param.Opt[bool] `json:"enable_cost_optimizer"`
	// ExtractCharts extracts the data of charts.
	ExtractCharts param.Opt[bool] `json:"extract_charts"`
	// ExtractLayout returns the layout elements of each page.
	ExtractLayout param.Opt[bool] `json:"extract_layout"`
	// ExtractPrintedPageNumber reads the page numbers printed on the pages.
	ExtractPrintedPageNumber param.Opt[bool] `json:"extract_printed_page_number"`
	// FastMode reads the text layer only, without OCR or reconstruction.
	FastMode param.Opt[bool] `json:"fast_mode"`
	// FormattingInstruction tells the parser how to format its output.
	FormattingInstruction param.Opt[string] `json:"formatting_instruction"`
	// GPT4oAPIKey is your own OpenAI key for GPT-4o mode.
	GPT4oAPIKey param.Opt[string] `json:"gpt4o_api_key"`
	// GPT4oMode parses with GPT-4o (superseded by UseVendorMultimodalModel).
	GPT4oMode param.Opt[bool] `json:"gpt4o_mode"`
	// GuessXLSXSheetName guesses sheet names for spreadsheets converted from other formats.
	GuessXLSXSheetName param.Opt[bool] `json:"guess_xlsx_sheet_name"`
	// HideFooters leaves page footers out of the output.
	HideFooters param.Opt[bool] `json:"hide_footers"`
	// HideHeaders leaves page headers out of the output.
	HideHeaders param.Opt[bool] `json:"hide_headers"`
	// HighResOCR runs OCR at a higher resolution: slower, more accurate.
	HighResOCR param.Opt[bool] `json:"high_res_ocr"`
	// HTMLMakeAllElementsVisible renders the hidden elements of HTML input too.
	HTMLMakeAllElementsVisible param.Opt[bool] `json:"html_make_all_elements_visible"`
	// HTMLRemoveFixedElements drops fixed-position elements (banners, overlays) from HTML input.
	HTMLRemoveFixedElements param.Opt[bool] `json:"html_remove_fixed_elements"`
	// HTMLRemoveNavigationElements drops navigation elements from HTML input.
	HTMLRemoveNavigationElements param.Opt[bool] `json:"html_remove_navigation_elements"`
	// HTTPProxy is the proxy used to fetch InputURL.
	HTTPProxy param.Opt[string] `json:"http_proxy"`
	// IgnoreDocumentElementsForLayoutDetection detects the layout from the rendered page only, ignoring the
	// document's own elements.
	IgnoreDocumentElementsForLayoutDetection param.Opt[bool] `json:"ignore_document_elements_for_layout_detection"`
	// ImagesToSave lists the kinds of images to save.
	ImagesToSave []ParseImageType `json:"images_to_save,omitzero"`
	// InlineImagesInMarkdown embeds the images in the markdown output.
	InlineImagesInMarkdown param.Opt[bool] `json:"inline_images_in_markdown"`
	// InputS3Path is an s3:// path of the document to parse.
	InputS3Path param.Opt[string] `json:"input_s3_path"`
	// InputS3Region is the region of the input S3 bucket.
	InputS3Region param.Opt[string] `json:"input_s3_region"`
	// InputURL is a URL of the document to parse.
	InputURL param.Opt[string] `json:"input_url"`
	// InternalIsScreenshotJob marks an internal screenshot-only job.
	InternalIsScreenshotJob param.Opt[bool] `json:"internal_is_screenshot_job"`
	// InvalidateCache ignores cached results and parses again.
	InvalidateCache param.Opt[bool] `json:"invalidate_cache"`
	// IsFormattingInstruction reads ParsingInstruction as formatting instructions.
	IsFormattingInstruction param.Opt[bool] `json:"is_formatting_instruction"`
	// JobTimeoutExtraTimePerPageInSeconds is added to the job's timeout for each page, in seconds.
	JobTimeoutExtraTimePerPageInSeconds param.Opt[float64] `json:"job_timeout_extra_time_per_page_in_seconds"`
	// JobTimeoutInSeconds is the job's timeout, in seconds.
	JobTimeoutInSeconds param.Opt[float64] `json:"job_timeout_in_seconds"`
	// KeepPageSeparatorWhenMergingTables keeps the page separator inside tables merged across pages.
	KeepPageSeparatorWhenMergingTables param.Opt[bool] `json:"keep_page_separator_when_merging_tables"`
	// Lang is the language.
	Lang param.Opt[string] `json:"lang"`
	// Languages are the languages of the documents, for OCR.
	Languages []ParsingLanguage `json:"languages,omitzero"`
	// LayoutAware parses with layout awareness.
	LayoutAware param.Opt[bool] `json:"layout_aware"`
	// LineLevelBoundingBox returns a bounding box for each line.
	LineLevelBoundingBox param.Opt[bool] `json:"line_level_bounding_box"`
	// MarkdownTableMultilineHeaderSeparator separates the lines of a multi-line table header.
	MarkdownTableMultilineHeaderSeparator param.Opt[string] `json:"markdown_table_multiline_header_separator"`
	// MaxPages is the number of pages to parse at most.
	MaxPages param.Opt[int64] `json:"max_pages"`
	// MaxPagesEnforced is a page limit the platform enforces.
	MaxPagesEnforced param.Opt[int64] `json:"max_pages_enforced"`
	// MergeTablesAcrossPagesInMarkdown merges tables that continue across pages.
	MergeTablesAcrossPagesInMarkdown param.Opt[bool] `json:"merge_tables_across_pages_in_markdown"`
	// Model is the model to parse with.
	Model param.Opt[string] `json:"model"`
	// OutlinedTableExtraction detects tables drawn with outlines.
	OutlinedTableExtraction param.Opt[bool] `json:"outlined_table_extraction"`
	// OutputPDFOfDocument also outputs a PDF rendering of the document.
	OutputPDFOfDocument param.Opt[bool] `json:"output_pdf_of_document"`
	// OutputS3PathPrefix is an s3:// URL prefix; when set, every output file is saved under it.
	OutputS3PathPrefix param.Opt[string] `json:"output_s3_path_prefix"`
	// OutputS3Region is the region of the output S3 bucket.
	OutputS3Region param.Opt[string] `json:"output_s3_region"`
	// OutputTablesAsHTML writes tables as HTML in the markdown output (wire name "output_tables_as_HTML").
	OutputTablesAsHTML param.Opt[bool] `json:"output_tables_as_HTML"`
	// OutputBucket is the output bucket (wire name "outputBucket").
	OutputBucket param.Opt[string] `json:"outputBucket"`
	// PageErrorTolerance is the fraction (0 to 1) of pages that may fail before the job fails.
	PageErrorTolerance param.Opt[float64] `json:"page_error_tolerance"`
	// PageFooterPrefix is written before each page footer.
	PageFooterPrefix param.Opt[string] `json:"page_footer_prefix"`
	// PageFooterSuffix is written after each page footer.
	PageFooterSuffix param.Opt[string] `json:"page_footer_suffix"`
	// PageHeaderPrefix is written before each page header.
	PageHeaderPrefix param.Opt[string] `json:"page_header_prefix"`
	// PageHeaderSuffix is written after each page header.
	PageHeaderSuffix param.Opt[string] `json:"page_header_suffix"`
	// PagePrefix is written before each page.
	PagePrefix param.Opt[string] `json:"page_prefix"`
	// PageSeparator is written between pages.
	PageSeparator param.Opt[string] `json:"page_separator"`
	// PageSuffix is written after each page.
	PageSuffix param.Opt[string] `json:"page_suffix"`
	// ParseMode is the mode of parsing.
	ParseMode ParsingMode `json:"parse_mode,omitzero"`
	// ParsingInstruction gives the parser instructions (superseded by SystemPrompt and UserPrompt).
	ParsingInstruction param.Opt[string] `json:"parsing_instruction"`
	// PipelineID is the pipeline ID.
	PipelineID param.Opt[string] `json:"pipeline_id"`
	// PreciseBoundingBox computes more precise bounding boxes.
	PreciseBoundingBox param.Opt[bool] `json:"precise_bounding_box"`
	// PremiumMode parses with the best available models.
	PremiumMode param.Opt[bool] `json:"premium_mode"`
	// PresentationOutOfBoundsContent keeps slide content that lies outside the slide.
	PresentationOutOfBoundsContent param.Opt[bool] `json:"presentation_out_of_bounds_content"`
	// PresentationSkipEmbeddedData skips the data embedded in presentation charts.
	PresentationSkipEmbeddedData param.Opt[bool] `json:"presentation_skip_embedded_data"`
	// PreserveLayoutAlignmentAcrossPages keeps text alignment consistent from page to page.
	PreserveLayoutAlignmentAcrossPages param.Opt[bool] `json:"preserve_layout_alignment_across_pages"`
	// PreserveVerySmallText keeps very small text that is dropped otherwise.
	PreserveVerySmallText param.Opt[bool] `json:"preserve_very_small_text"`
	// Preset names a preset of settings.
	Preset param.Opt[string] `json:"preset"`
	// Priority is the priority of the request; the API may ignore or overwrite it depending on the
	// organization's tier.
	Priority ParsePriority `json:"priority,omitzero"`
	// ProjectID is the project the parse jobs run in.
	ProjectID param.Opt[string] `json:"project_id"`
	// RemoveHiddenText removes text that is not visible.
	RemoveHiddenText param.Opt[bool] `json:"remove_hidden_text"`
	// ReplaceFailedPageMode says what replaces a page that failed to parse.
	ReplaceFailedPageMode FailPageMode `json:"replace_failed_page_mode,omitzero"`
	// ReplaceFailedPageWithErrorMessagePrefix is written before the error message that replaces a failed page.
	ReplaceFailedPageWithErrorMessagePrefix param.Opt[string] `json:"replace_failed_page_with_error_message_prefix"`
	// ReplaceFailedPageWithErrorMessageSuffix is written after the error message that replaces a failed page.
	ReplaceFailedPageWithErrorMessageSuffix param.Opt[string] `json:"replace_failed_page_with_error_message_suffix"`
	// ResourceInfo is information about the file's resource.
	ResourceInfo map[string]any `json:"resource_info,omitzero"`
	// SaveImages saves the images found in the document.
	SaveImages param.Opt[bool] `json:"save_images"`
	// SkipDiagonalText ignores text that is neither horizontal nor vertical.
	SkipDiagonalText param.Opt[bool] `json:"skip_diagonal_text"`
	// SpecializedChartParsingAgentic parses charts with the agentic chart model.
	SpecializedChartParsingAgentic param.Opt[bool] `json:"specialized_chart_parsing_agentic"`
	// SpecializedChartParsingEfficient parses charts with the efficient chart model.
	SpecializedChartParsingEfficient param.Opt[bool] `json:"specialized_chart_parsing_efficient"`
	// SpecializedChartParsingPlus parses charts with the plus chart model.
	SpecializedChartParsingPlus param.Opt[bool] `json:"specialized_chart_parsing_plus"`
	// SpecializedImageParsing parses images with a specialised model.
	SpecializedImageParsing param.Opt[bool] `json:"specialized_image_parsing"`
	// SpreadsheetExtractSubTables splits spreadsheet sheets into their sub-tables.
	SpreadsheetExtractSubTables param.Opt[bool] `json:"spreadsheet_extract_sub_tables"`
	// SpreadsheetForceFormulaComputation recomputes spreadsheet formulas instead of reading cached values.
	SpreadsheetForceFormulaComputation param.Opt[bool] `json:"spreadsheet_force_formula_computation"`
	// SpreadsheetIncludeHiddenSheets parses hidden spreadsheet sheets too.
	SpreadsheetIncludeHiddenSheets param.Opt[bool] `json:"spreadsheet_include_hidden_sheets"`
	// StrictModeBuggyFont fails a page whose font cannot be decoded instead of guessing.
	StrictModeBuggyFont param.Opt[bool] `json:"strict_mode_buggy_font"`
	// StrictModeImageExtraction fails when an image cannot be extracted.
	StrictModeImageExtraction param.Opt[bool] `json:"strict_mode_image_extraction"`
	// StrictModeImageOCR fails when the OCR of an image fails.
	StrictModeImageOCR param.Opt[bool] `json:"strict_mode_image_ocr"`
	// StrictModeReconstruction fails when the structure cannot be reconstructed.
	StrictModeReconstruction param.Opt[bool] `json:"strict_mode_reconstruction"`
	// StructuredOutput returns JSON following StructuredOutputJSONSchema.
	StructuredOutput param.Opt[bool] `json:"structured_output"`
	// StructuredOutputJSONSchema is the JSON Schema of the structured output.
	StructuredOutputJSONSchema param.Opt[string] `json:"structured_output_json_schema"`
	// StructuredOutputJSONSchemaName names a predefined structured-output schema.
	StructuredOutputJSONSchemaName param.Opt[string] `json:"structured_output_json_schema_name"`
	// SystemPrompt replaces the parser's system prompt.
	SystemPrompt param.Opt[string] `json:"system_prompt"`
	// SystemPromptAppend is appended to the parser's system prompt.
	SystemPromptAppend param.Opt[string] `json:"system_prompt_append"`
	// TakeScreenshot saves a screenshot of each page.
	TakeScreenshot param.Opt[bool] `json:"take_screenshot"`
	// TargetPages lists the pages to parse, 0-based, as comma-separated numbers and ranges ("0,2-4").
	TargetPages param.Opt[string] `json:"target_pages"`
	// Tier is the parsing tier.
	Tier param.Opt[string] `json:"tier"`
	// Type is always ParseConfigTypeParse.
	Type ParseConfigType `json:"type,omitzero"`
	// UseVendorMultimodalModel parses with the multimodal model named by VendorMultimodalModelName.
	UseVendorMultimodalModel param.Opt[bool] `json:"use_vendor_multimodal_model"`
	// UserPrompt is added to the parser's prompt.
	UserPrompt param.Opt[string] `json:"user_prompt"`
	// VendorMultimodalAPIKey is your own key for the multimodal model's vendor.
	VendorMultimodalAPIKey param.Opt[string] `json:"vendor_multimodal_api_key"`
	// VendorMultimodalModelName is the multimodal model to parse with.
	VendorMultimodalModelName param.Opt[string] `json:"vendor_multimodal_model_name"`
	// Version is the parser version.
	Version param.Opt[string] `json:"version"`
	// WebhookConfigurations are outbound webhook endpoints notified when the job's status changes.
	WebhookConfigurations []BatchNewParamsJobConfigParseParametersWebhookConfiguration `json:"webhook_configurations,omitzero"`
	// WebhookURL is called when the job ends.
	WebhookURL param.Opt[string] `json:"webhook_url"`
}

// BatchNewParamsJobConfigParseParametersWebhookConfiguration is an outbound webhook endpoint
// notified when a job's status changes.
type BatchNewParamsJobConfigParseParametersWebhookConfiguration struct {
	// WebhookEvents are the events to deliver; nil (not sent) delivers all events.
	WebhookEvents []WebhookEvent `json:"webhook_events,omitzero"`
	// WebhookHeaders are custom HTTP headers sent with each webhook request (auth tokens, say).
	WebhookHeaders map[string]string `json:"webhook_headers,omitzero"`
	// WebhookOutputFormat is the format of the payload: "string" (the default) or "json".
	WebhookOutputFormat param.Opt[string] `json:"webhook_output_format"`
	// WebhookURL receives the webhook POST notifications.
	WebhookURL param.Opt[string] `json:"webhook_url"`
}
