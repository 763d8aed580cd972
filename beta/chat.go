package beta

import (
	"context"
	"net/http"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/apijson"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// ChatService manages chat sessions over indexes and streams their turns. Get it from
// client.Beta.Chat. A turn is sent with [ChatService.Stream]; [AccumulateChat] folds the
// streamed events into the answer.
type ChatService struct {
	// Options are the options every call of the service starts from.
	Options []option.RequestOption
}

// NewChatService returns the service with opts as the options its calls start from.
func NewChatService(opts ...option.RequestOption) *ChatService {
	return &ChatService{Options: opts}
}

// ChatSession is the summary of a chat session: its ID, title, bound indexes and the
// metadata of its last run. List, New, GetSummary and SetTitle all return it.
type ChatSession struct {
	// LastUpdatedAt is when the session was last updated. The API sends an ISO 8601 time
	// without a zone ("2026-04-22T12:34:41.342245"), read as UTC; JSON.LastUpdatedAt.Raw()
	// keeps the text as sent.
	LastUpdatedAt time.Time `json:"last_updated_at"`
	// SessionID is the session's unique identifier.
	SessionID string `json:"session_id"`
	// GeneratedTitle is the title derived from the first user message; "" until one is made.
	GeneratedTitle string `json:"generated_title"`
	// IndexIDs are the indexes the session is bound to; nil (JSON.IndexIDs null) for an
	// unbound session.
	IndexIDs []string `json:"index_ids"`
	// JobMetadata is the token usage and status of the most recent run; its zero value
	// (JSON.JobMetadata not Valid) if the session has not run yet.
	JobMetadata ChatSessionJobMetadata `json:"job_metadata"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		LastUpdatedAt  respjson.Field
		SessionID      respjson.Field
		GeneratedTitle respjson.Field
		IndexIDs       respjson.Field
		JobMetadata    respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the session's JSON as received.
func (r ChatSession) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a session.
func (r *ChatSession) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatSessionJobMetadata is the token usage and status of a session's most recent run.
// Every field is optional: zero when absent.
type ChatSessionJobMetadata struct {
	// DurationMs is how long the run took, in milliseconds.
	DurationMs float64 `json:"duration_ms"`
	// Error is the run's error message, if it failed.
	Error string `json:"error"`
	// ExportConfigIDs are the export configurations the run used.
	ExportConfigIDs []string `json:"export_config_ids"`
	// IsError reports whether the run failed.
	IsError bool `json:"is_error"`
	// TotalInputTokens is the number of input tokens the run consumed.
	TotalInputTokens int64 `json:"total_input_tokens"`
	// TotalOutputTokens is the number of output tokens the run produced.
	TotalOutputTokens int64 `json:"total_output_tokens"`
	// Turns is the number of agent turns of the run.
	Turns int64 `json:"turns"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		DurationMs        respjson.Field
		Error             respjson.Field
		ExportConfigIDs   respjson.Field
		IsError           respjson.Field
		TotalInputTokens  respjson.Field
		TotalOutputTokens respjson.Field
		Turns             respjson.Field
		ExtraFields       map[string]respjson.Field
		raw               string
	} `json:"-"`
}

// RawJSON returns the metadata's JSON as received.
func (r ChatSessionJobMetadata) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes the metadata.
func (r *ChatSessionJobMetadata) UnmarshalJSON(data []byte) error {
	return apijson.Unmarshal(data, r)
}

// ChatSessionDetail is a full chat session: the fields of [ChatSession] plus its event
// history, as [ChatService.Get] returns it.
type ChatSessionDetail struct {
	// Events is the conversation history, in order. Each event is a [ChatEventUnion]; read
	// it with its As… accessor for its Type.
	Events []ChatEventUnion `json:"events"`
	// LastUpdatedAt is when the session was last updated (see [ChatSession.LastUpdatedAt]).
	LastUpdatedAt time.Time `json:"last_updated_at"`
	// SessionID is the session's unique identifier.
	SessionID string `json:"session_id"`
	// GeneratedTitle is the title derived from the first user message; "" until one is made.
	GeneratedTitle string `json:"generated_title"`
	// IndexIDs are the indexes the session is bound to; nil for an unbound session.
	IndexIDs []string `json:"index_ids"`
	// JobMetadata is the token usage and status of the most recent run; its zero value
	// (JSON.JobMetadata not Valid) if the session has not run yet.
	JobMetadata ChatSessionJobMetadata `json:"job_metadata"`
	// JSON records how each field appeared on the wire.
	JSON struct {
		Events         respjson.Field
		LastUpdatedAt  respjson.Field
		SessionID      respjson.Field
		GeneratedTitle respjson.Field
		IndexIDs       respjson.Field
		JobMetadata    respjson.Field
		ExtraFields    map[string]respjson.Field
		raw            string
	} `json:"-"`
}

// RawJSON returns the session's JSON as received.
func (r ChatSessionDetail) RawJSON() string { return r.JSON.raw }

// UnmarshalJSON decodes a full session.
func (r *ChatSessionDetail) UnmarshalJSON(data []byte) error { return apijson.Unmarshal(data, r) }

// ChatListParams are the parameters of [ChatService.List].
type ChatListParams struct {
	// PageSize is the number of sessions per page.
	PageSize param.Opt[int64] `json:"-" query:"page_size" param:"nonneg"`
	// PageToken is a page's NextPageToken, to continue from it.
	PageToken param.Opt[string] `json:"-" query:"page_token"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// List returns one page of the project's chat sessions (GET /api/v1/chat).
func (s *ChatService) List(ctx context.Context, params ChatListParams, opts ...option.RequestOption) (*pagination.PaginatedCursor[ChatSession], error) {
	return execute[pagination.PaginatedCursor[ChatSession]](ctx, http.MethodGet, "api/v1/chat", nil, &params, s.Options, opts)
}

// ListAutoPaging walks every chat session across pages, fetching each page when the
// previous one is used up; nothing is fetched before the first Next. It keeps ctx for the
// later pages.
func (s *ChatService) ListAutoPaging(ctx context.Context, params ChatListParams, opts ...option.RequestOption) *pagination.AutoPager[ChatSession] {
	return pagination.NewPaginatedCursorAutoPager(func() (*pagination.PaginatedCursor[ChatSession], error) {
		return s.List(ctx, params, opts...)
	})
}

// ChatNewParams are the parameters of [ChatService.New].
type ChatNewParams struct {
	// IndexIDs are the indexes the session will retrieve from. Once set and the first
	// message sent, they are locked for the session's lifetime. Nil (not sent) creates an
	// unbound session.
	IndexIDs []string `json:"index_ids,omitzero"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// New creates a chat session, optionally bound to indexes (POST /api/v1/chat).
func (s *ChatService) New(ctx context.Context, params ChatNewParams, opts ...option.RequestOption) (*ChatSession, error) {
	return execute[ChatSession](ctx, http.MethodPost, "api/v1/chat", nil, &params, s.Options, opts)
}

// ChatGetParams are the parameters of [ChatService.Get].
type ChatGetParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Get returns a session with its full event history (GET /api/v1/chat/{session_id}). It
// fails before sending anything if sessionID is empty, and with an error matching
// llamacloud.ErrNotFound if there is no such session.
func (s *ChatService) Get(ctx context.Context, sessionID string, params ChatGetParams, opts ...option.RequestOption) (*ChatSessionDetail, error) {
	return execute[ChatSessionDetail](ctx, http.MethodGet, "api/v1/chat/{sessionID}", []string{sessionID}, &params, s.Options, opts)
}

// ChatDeleteParams are the parameters of [ChatService.Delete].
type ChatDeleteParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Delete removes a session (DELETE /api/v1/chat/{session_id}). It fails before sending
// anything if sessionID is empty, and with an error matching llamacloud.ErrNotFound if
// there is no such session.
func (s *ChatService) Delete(ctx context.Context, sessionID string, params ChatDeleteParams, opts ...option.RequestOption) error {
	return executeNoContent(ctx, http.MethodDelete, "api/v1/chat/{sessionID}", []string{sessionID}, &params, s.Options, opts)
}

// ChatGetSummaryParams are the parameters of [ChatService.GetSummary].
type ChatGetSummaryParams struct {
	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// GetSummary returns a session without its events (GET /api/v1/chat/{session_id}/summary).
// It fails before sending anything if sessionID is empty, and with an error matching
// llamacloud.ErrNotFound if there is no such session.
func (s *ChatService) GetSummary(ctx context.Context, sessionID string, params ChatGetSummaryParams, opts ...option.RequestOption) (*ChatSession, error) {
	return execute[ChatSession](ctx, http.MethodGet, "api/v1/chat/{sessionID}/summary", []string{sessionID}, &params, s.Options, opts)
}

// ChatSetTitleParams are the parameters of [ChatService.SetTitle].
type ChatSetTitleParams struct {
	// FirstMessage is the session's first user message, from which a short title is
	// inferred. Required.
	FirstMessage string `json:"first_message"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// SetTitle generates the session's title from its first user message and returns the
// updated session (POST /api/v1/chat/{session_id}/title). It fails before sending anything
// if sessionID is empty.
func (s *ChatService) SetTitle(ctx context.Context, sessionID string, params ChatSetTitleParams, opts ...option.RequestOption) (*ChatSession, error) {
	return execute[ChatSession](ctx, http.MethodPost, "api/v1/chat/{sessionID}/title", []string{sessionID}, &params, s.Options, opts)
}

// ChatStreamParams are the parameters of [ChatService.Stream].
type ChatStreamParams struct {
	// IndexIDs are the indexes to retrieve data from. Required; nil is sent as [].
	IndexIDs []string `json:"index_ids"`
	// Prompt is the user message of this turn. Required.
	Prompt string `json:"prompt"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Stream sends a user message and streams the agent's events for the turn as Server-Sent
// Events (POST /api/v1/chat/{session_id}/messages/stream, sent with
// "Accept: text/event-stream"). Deltas (text_delta, thinking_delta) and complete events
// (user_input, thinking, text, tool_call, tool_result, stop) arrive as [ChatEventUnion]
// values in order; [AccumulateChat] or a [ChatTurn] folds them into the answer.
//
// Stream never returns nil. The request is sent, with retries, before Stream returns; a
// failure is reported by the stream's Err after its first Next returns false: an empty
// sessionID, a transport error, a non-2xx status (an *llamacloud.Error), or a success
// status whose body is not an event stream, such as a JSON error document or an HTML page
// (an *ssestream.ContentTypeError carrying the body's message). A line or event larger
// than option.WithMaxStreamEventBytes (32 MiB by default) ends the stream with an
// *ssestream.EventTooLargeError.
//
// The stream keeps ctx: once ctx is done, the next Next returns false and Err matches
// ctx.Err(), even with events already received and buffered. The end of an
// option.WithRequestTimeout, which bounds the whole attempt, reading the stream included,
// ends it too. The stream is single-use; it closes the response body when it ends, on
// error, when a range over All stops early, and on Close — call Close (or drain it) when
// giving up on it before it ends.
func (s *ChatService) Stream(ctx context.Context, sessionID string, params ChatStreamParams, opts ...option.RequestOption) *ssestream.Stream[ChatEventUnion] {
	return executeStream[ChatEventUnion](ctx, http.MethodPost, "api/v1/chat/{sessionID}/messages/stream", []string{sessionID}, &params, s.Options, opts)
}
