package beta

// This file holds the enums of batch parse and classify configurations: the values the
// API documents for them. Unknown values decode as they are, so compare with the constants
// and keep a default branch.

// ParsingLanguage is a language code of the parser's OCR (API schema "ParsingLanguages").
type ParsingLanguage string

// The parsing languages.
const (
	ParsingLanguageAf         ParsingLanguage = "af"          // Afrikaans
	ParsingLanguageAz         ParsingLanguage = "az"          // Azerbaijani
	ParsingLanguageBs         ParsingLanguage = "bs"          // Bosnian
	ParsingLanguageCs         ParsingLanguage = "cs"          // Czech
	ParsingLanguageCy         ParsingLanguage = "cy"          // Welsh
	ParsingLanguageDa         ParsingLanguage = "da"          // Danish
	ParsingLanguageDe         ParsingLanguage = "de"          // German
	ParsingLanguageEn         ParsingLanguage = "en"          // English
	ParsingLanguageEs         ParsingLanguage = "es"          // Spanish
	ParsingLanguageEt         ParsingLanguage = "et"          // Estonian
	ParsingLanguageFr         ParsingLanguage = "fr"          // French
	ParsingLanguageGa         ParsingLanguage = "ga"          // Irish
	ParsingLanguageHr         ParsingLanguage = "hr"          // Croatian
	ParsingLanguageHu         ParsingLanguage = "hu"          // Hungarian
	ParsingLanguageId         ParsingLanguage = "id"          // Indonesian
	ParsingLanguageIs         ParsingLanguage = "is"          // Icelandic
	ParsingLanguageIt         ParsingLanguage = "it"          // Italian
	ParsingLanguageKu         ParsingLanguage = "ku"          // Kurdish
	ParsingLanguageLa         ParsingLanguage = "la"          // Latin
	ParsingLanguageLt         ParsingLanguage = "lt"          // Lithuanian
	ParsingLanguageLv         ParsingLanguage = "lv"          // Latvian
	ParsingLanguageMi         ParsingLanguage = "mi"          // Maori
	ParsingLanguageMs         ParsingLanguage = "ms"          // Malay
	ParsingLanguageMt         ParsingLanguage = "mt"          // Maltese
	ParsingLanguageNl         ParsingLanguage = "nl"          // Dutch
	ParsingLanguageNo         ParsingLanguage = "no"          // Norwegian
	ParsingLanguageOc         ParsingLanguage = "oc"          // Occitan
	ParsingLanguagePi         ParsingLanguage = "pi"          // Pali
	ParsingLanguagePl         ParsingLanguage = "pl"          // Polish
	ParsingLanguagePt         ParsingLanguage = "pt"          // Portuguese
	ParsingLanguageRo         ParsingLanguage = "ro"          // Romanian
	ParsingLanguageRsLatin    ParsingLanguage = "rs_latin"    // Serbian (Latin)
	ParsingLanguageSk         ParsingLanguage = "sk"          // Slovak
	ParsingLanguageSl         ParsingLanguage = "sl"          // Slovenian
	ParsingLanguageSq         ParsingLanguage = "sq"          // Albanian
	ParsingLanguageSv         ParsingLanguage = "sv"          // Swedish
	ParsingLanguageSw         ParsingLanguage = "sw"          // Swahili
	ParsingLanguageTl         ParsingLanguage = "tl"          // Tagalog
	ParsingLanguageTr         ParsingLanguage = "tr"          // Turkish
	ParsingLanguageUz         ParsingLanguage = "uz"          // Uzbek
	ParsingLanguageVi         ParsingLanguage = "vi"          // Vietnamese
	ParsingLanguageAr         ParsingLanguage = "ar"          // Arabic
	ParsingLanguageFa         ParsingLanguage = "fa"          // Persian
	ParsingLanguageUg         ParsingLanguage = "ug"          // Uyghur
	ParsingLanguageUr         ParsingLanguage = "ur"          // Urdu
	ParsingLanguageBn         ParsingLanguage = "bn"          // Bengali
	ParsingLanguageAs         ParsingLanguage = "as"          // Assamese
	ParsingLanguageMni        ParsingLanguage = "mni"         // Manipuri
	ParsingLanguageRu         ParsingLanguage = "ru"          // Russian
	ParsingLanguageRsCyrillic ParsingLanguage = "rs_cyrillic" // Serbian (Cyrillic)
	ParsingLanguageBe         ParsingLanguage = "be"          // Belarusian
	ParsingLanguageBg         ParsingLanguage = "bg"          // Bulgarian
	ParsingLanguageUk         ParsingLanguage = "uk"          // Ukrainian
	ParsingLanguageMn         ParsingLanguage = "mn"          // Mongolian
	ParsingLanguageAbq        ParsingLanguage = "abq"         // Abaza
	ParsingLanguageAdy        ParsingLanguage = "ady"         // Adyghe
	ParsingLanguageKbd        ParsingLanguage = "kbd"         // Kabardian
	ParsingLanguageAva        ParsingLanguage = "ava"         // Avar
	ParsingLanguageDar        ParsingLanguage = "dar"         // Dargwa
	ParsingLanguageInh        ParsingLanguage = "inh"         // Ingush
	ParsingLanguageChe        ParsingLanguage = "che"         // Chechen
	ParsingLanguageLbe        ParsingLanguage = "lbe"         // Lak
	ParsingLanguageLez        ParsingLanguage = "lez"         // Lezghian
	ParsingLanguageTab        ParsingLanguage = "tab"         // Tabasaran
	ParsingLanguageTjk        ParsingLanguage = "tjk"         // Tajik
	ParsingLanguageHi         ParsingLanguage = "hi"          // Hindi
	ParsingLanguageMr         ParsingLanguage = "mr"          // Marathi
	ParsingLanguageNe         ParsingLanguage = "ne"          // Nepali
	ParsingLanguageBh         ParsingLanguage = "bh"          // Bihari
	ParsingLanguageMai        ParsingLanguage = "mai"         // Maithili
	ParsingLanguageAng        ParsingLanguage = "ang"         // Angika
	ParsingLanguageBho        ParsingLanguage = "bho"         // Bhojpuri
	ParsingLanguageMah        ParsingLanguage = "mah"         // Magahi
	ParsingLanguageSck        ParsingLanguage = "sck"         // Nagpuri
	ParsingLanguageNew        ParsingLanguage = "new"         // Newari
	ParsingLanguageGom        ParsingLanguage = "gom"         // Goan Konkani
	ParsingLanguageSa         ParsingLanguage = "sa"          // Sanskrit
	ParsingLanguageBgc        ParsingLanguage = "bgc"         // Haryanvi
	ParsingLanguageTh         ParsingLanguage = "th"          // Thai
	ParsingLanguageChSim      ParsingLanguage = "ch_sim"      // Chinese (Simplified)
	ParsingLanguageChTra      ParsingLanguage = "ch_tra"      // Chinese (Traditional)
	ParsingLanguageJa         ParsingLanguage = "ja"          // Japanese
	ParsingLanguageKo         ParsingLanguage = "ko"          // Korean
	ParsingLanguageTa         ParsingLanguage = "ta"          // Tamil
	ParsingLanguageTe         ParsingLanguage = "te"          // Telugu
	ParsingLanguageKn         ParsingLanguage = "kn"          // Kannada
)

// ParsingMode is how a document is parsed: page by page or whole, and with which kind of
// model (API schema "ParsingMode").
type ParsingMode string

// The parsing modes.
const (
	ParsingModeParsePageWithoutLlm      ParsingMode = "parse_page_without_llm"
	ParsingModeParsePageWithLlm         ParsingMode = "parse_page_with_llm"
	ParsingModeParsePageWithLvm         ParsingMode = "parse_page_with_lvm"
	ParsingModeParsePageWithAgent       ParsingMode = "parse_page_with_agent"
	ParsingModeParsePageWithLayoutAgent ParsingMode = "parse_page_with_layout_agent"
	ParsingModeParseDocumentWithLlm     ParsingMode = "parse_document_with_llm"
	ParsingModeParseDocumentWithLvm     ParsingMode = "parse_document_with_lvm"
	ParsingModeParseDocumentWithAgent   ParsingMode = "parse_document_with_agent"
)

// FailPageMode is what replaces a page that failed to parse (API schema "FailPageMode").
type FailPageMode string

// The failed-page modes.
const (
	// FailPageModeRawText keeps the page's raw text.
	FailPageModeRawText FailPageMode = "raw_text"
	// FailPageModeBlankPage leaves the page blank.
	FailPageModeBlankPage FailPageMode = "blank_page"
	// FailPageModeErrorMessage writes the error message in place of the page.
	FailPageModeErrorMessage FailPageMode = "error_message"
)

// ParsePriority is the priority of a parse request. The API may ignore or overwrite it
// depending on the organization's tier.
type ParsePriority string

// The parse priorities.
const (
	ParsePriorityLow      ParsePriority = "low"
	ParsePriorityMedium   ParsePriority = "medium"
	ParsePriorityHigh     ParsePriority = "high"
	ParsePriorityCritical ParsePriority = "critical"
)

// ParseImageType is a kind of image a parse job can save.
type ParseImageType string

// The kinds of images to save.
const (
	// ParseImageTypeScreenshot is a screenshot of a whole page.
	ParseImageTypeScreenshot ParseImageType = "screenshot"
	// ParseImageTypeEmbedded is an image embedded in the document.
	ParseImageTypeEmbedded ParseImageType = "embedded"
	// ParseImageTypeLayout is an image region found by layout detection.
	ParseImageTypeLayout ParseImageType = "layout"
)

// ParseConfigType tags a parse configuration; its only value is [ParseConfigTypeParse].
type ParseConfigType string

// ParseConfigTypeParse is the type of every parse configuration.
const ParseConfigTypeParse ParseConfigType = "parse"

// BatchParseJobName is the name of a batch parse job; its only value is
// [BatchParseJobNameParseRawFile].
type BatchParseJobName string

// BatchParseJobNameParseRawFile is the job name of batch parse jobs.
const BatchParseJobNameParseRawFile BatchParseJobName = "parse_raw_file_job"

// WebhookEvent is a job event a webhook can subscribe to.
type WebhookEvent string

// The webhook events.
const (
	WebhookEventExtractPending         WebhookEvent = "extract.pending"
	WebhookEventExtractSuccess         WebhookEvent = "extract.success"
	WebhookEventExtractError           WebhookEvent = "extract.error"
	WebhookEventExtractPartialSuccess  WebhookEvent = "extract.partial_success"
	WebhookEventExtractCancelled       WebhookEvent = "extract.cancelled"
	WebhookEventParsePending           WebhookEvent = "parse.pending"
	WebhookEventParseRunning           WebhookEvent = "parse.running"
	WebhookEventParseSuccess           WebhookEvent = "parse.success"
	WebhookEventParseError             WebhookEvent = "parse.error"
	WebhookEventParsePartialSuccess    WebhookEvent = "parse.partial_success"
	WebhookEventParseCancelled         WebhookEvent = "parse.cancelled"
	WebhookEventClassifyPending        WebhookEvent = "classify.pending"
	WebhookEventClassifySuccess        WebhookEvent = "classify.success"
	WebhookEventClassifyError          WebhookEvent = "classify.error"
	WebhookEventClassifyPartialSuccess WebhookEvent = "classify.partial_success"
	WebhookEventClassifyCancelled      WebhookEvent = "classify.cancelled"
	WebhookEventUnmappedEvent          WebhookEvent = "unmapped_event"
)

// ClassifyMode is how a classify job reads documents.
type ClassifyMode string

// The classification modes.
const (
	// ClassifyModeFast classifies from the text.
	ClassifyModeFast ClassifyMode = "FAST"
	// ClassifyModeMultimodal classifies from the text and the page images.
	ClassifyModeMultimodal ClassifyMode = "MULTIMODAL"
)
