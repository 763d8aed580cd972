package llamacloudtest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const chatPath = "/api/v1/chat"

// sse is one parsed Server-Sent Event.
type sse struct {
	event string
	data  gjson.Result
}

// parseSSE splits a text/event-stream body into events.
func parseSSE(t *testing.T, body string) []sse {
	t.Helper()
	var out []sse
	for _, block := range strings.Split(body, "\n\n") {
		if strings.TrimSpace(block) == "" {
			continue
		}
		var e sse
		for _, line := range strings.Split(block, "\n") {
			switch {
			case strings.HasPrefix(line, "event: "):
				e.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data := strings.TrimPrefix(line, "data: ")
				require.True(t, gjson.Valid(data), data)
				e.data = gjson.Parse(data)
			default:
				t.Errorf("unexpected SSE line %q", line)
			}
		}
		out = append(out, e)
	}
	return out
}

// stream sends a chat turn and returns its events.
func stream(t *testing.T, srv *llamacloudtest.Server, sessionID string, indexIDs []string, prompt string) []sse {
	t.Helper()
	r := send(t, srv, http.MethodPost, chatPath+"/"+sessionID+"/messages/stream", map[string]any{"index_ids": indexIDs, "prompt": prompt})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	assert.Equal(t, "text/event-stream", r.header.Get("Content-Type"))
	return parseSSE(t, string(r.body))
}

func TestChatStream(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, files := corpusIndex(t, srv)
	created := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{"index_ids": []string{ixID}})
	sid := created.Get("session_id").String()
	assert.Regexp(t, `^ses-\d{12}$`, sid)
	assert.Equal(t, gjson.Null, created.Get("generated_title").Type)
	assert.Equal(t, gjson.Null, created.Get("job_metadata").Type)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$`, created.Get("last_updated_at").String())

	events := stream(t, srv, sid, []string{ixID}, "What is the refund policy?")
	var kinds []string
	var deltas strings.Builder
	for _, e := range events {
		typ := e.data.Get("type").String()
		kinds = append(kinds, e.event+":"+typ)
		if typ == "text_delta" {
			assert.Equal(t, "delta", e.event)
			deltas.WriteString(e.data.Get("content").String())
		}
	}
	require.GreaterOrEqual(t, len(kinds), 7)
	assert.Equal(t, []string{"message:user_input", "message:tool_call", "message:tool_result"}, kinds[:3])
	for _, k := range kinds[3 : len(kinds)-2] {
		assert.Equal(t, "delta:text_delta", k)
	}
	assert.GreaterOrEqual(t, len(kinds)-5, 2, "several text deltas")
	assert.Equal(t, []string{"message:text", "message:stop"}, kinds[len(kinds)-2:])

	assert.Equal(t, "What is the refund policy?", events[0].data.Get("content").String())
	call, result := events[1].data, events[2].data
	assert.Equal(t, call.Get("call_id").String(), result.Get("call_id").String())
	assert.NotEmpty(t, call.Get("call_id").String())
	assert.Equal(t, "retrieve", call.Get("name").String())
	assert.Equal(t, "What is the refund policy?", call.Get("arguments.query").String())
	assert.Equal(t, "refunds.md", result.Get("result.results.0.file_name").String())
	assert.Equal(t, files["refunds.md"], result.Get("result.results.0.parsed_directory_file_id").String())

	text := events[len(events)-2].data.Get("content").String()
	assert.Equal(t, text, deltas.String(), "the deltas add up to the text")
	assert.Contains(t, text, "refunds.md")
	assert.Contains(t, text, "refund within 30 days")
	stop := events[len(events)-1].data
	assert.False(t, stop.Get("is_error").Bool())
	assert.Positive(t, stop.Get("usage.total_input_tokens").Int())
	assert.Positive(t, stop.Get("usage.total_output_tokens").Int())
	assert.True(t, stop.Get("usage.duration_ms").Exists())

	full := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+sid, nil)
	history := full.Get("events").Array()
	require.Len(t, history, len(events))
	for i, e := range events {
		assert.JSONEq(t, e.data.Raw, history[i].Raw, "event %d", i)
	}
	assert.Equal(t, "What is the refund policy?...", full.Get("generated_title").String())
	assert.Equal(t, []any{ixID}, full.Get("index_ids").Value())
	assert.Equal(t, stop.Get("usage.total_output_tokens").Int(), full.Get("job_metadata.total_output_tokens").Int())
	assert.False(t, full.Get("job_metadata.is_error").Bool())
	assert.NotEmpty(t, full.Get("job_metadata.export_config_ids.0").String())

	// A second turn keeps the title, appends to the history, and uses the bound index even when
	// the request names another.
	second := stream(t, srv, sid, []string{"idx-ignored"}, "How long does shipping take?")
	assert.Contains(t, second[len(second)-2].data.Get("content").String(), "shipping.txt")
	full = mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+sid, nil)
	assert.Len(t, full.Get("events").Array(), len(events)+len(second))
	assert.Equal(t, "What is the refund policy?...", full.Get("generated_title").String())
}

func TestChatUnboundSession(t *testing.T) {
	t.Parallel()
	srv := start(t)
	ixID, _ := corpusIndex(t, srv)
	sid := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, nil).Get("session_id").String()
	events := stream(t, srv, sid, []string{ixID}, "how are passwords hashed")
	assert.Contains(t, events[len(events)-2].data.Get("content").String(), "security.html")
	summary := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+sid+"/summary", nil)
	assert.Equal(t, gjson.Null, summary.Get("index_ids").Type, "still unbound")

	none := stream(t, srv, sid, []string{}, "anything at all")
	assert.Contains(t, none[len(none)-2].data.Get("content").String(), "could not find")

	r := send(t, srv, http.MethodPost, chatPath+"/"+sid+"/messages/stream", map[string]any{"index_ids": []string{"idx-missing"}, "prompt": "x"})
	assert.Equal(t, http.StatusNotFound, r.status)
	r = send(t, srv, http.MethodPost, chatPath+"/"+sid+"/messages/stream", map[string]any{"index_ids": []string{ixID}})
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
	assert.JSONEq(t, `["body","prompt"]`, r.json.Get("detail.0.loc").Raw)
	r = send(t, srv, http.MethodPost, chatPath+"/ses-missing/messages/stream", map[string]any{"index_ids": []string{ixID}, "prompt": "x"})
	assert.Equal(t, http.StatusNotFound, r.status)
}

func TestChatSessions(t *testing.T) {
	t.Parallel()
	srv := start(t)
	assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodPost, chatPath, map[string]any{"index_ids": []string{"idx-missing"}}).status)
	var ids []string
	for range 5 {
		ids = append(ids, mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{}).Get("session_id").String())
	}
	page := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"?page_size=2", nil)
	assert.Len(t, page.Get("items").Array(), 2)
	assert.Equal(t, ids[0], page.Get("items.0.session_id").String())
	next := page.Get("next_page_token").String()
	require.NotEmpty(t, next)
	page = mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"?page_size=2&page_token="+next, nil)
	assert.Equal(t, ids[2], page.Get("items.0.session_id").String())

	titled := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath+"/"+ids[1]+"/title",
		map[string]any{"first_message": "What were the main findings in Q3?"})
	assert.Equal(t, "What were the main findings in Q3?...", titled.Get("generated_title").String())
	long := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath+"/"+ids[1]+"/title",
		map[string]any{"first_message": strings.Repeat("word ", 40)})
	assert.LessOrEqual(t, len(long.Get("generated_title").String()), 53)
	assert.True(t, strings.HasSuffix(long.Get("generated_title").String(), "word..."))
	assert.Equal(t, http.StatusUnprocessableEntity, send(t, srv, http.MethodPost, chatPath+"/"+ids[1]+"/title", map[string]any{}).status)
	summary := mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+ids[1]+"/summary", nil)
	assert.Equal(t, long.Get("generated_title").String(), summary.Get("generated_title").String())
	assert.Empty(t, mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath+"/"+ids[1], nil).Get("events").Array())

	mustSend(t, srv, http.StatusNoContent, http.MethodDelete, chatPath+"/"+ids[1], nil)
	for _, p := range []string{"", "/summary"} {
		assert.Equal(t, http.StatusNotFound, send(t, srv, http.MethodGet, chatPath+"/"+ids[1]+p, nil).status)
	}
	assert.Equal(t, int64(4), mustSend(t, srv, http.StatusOK, http.MethodGet, chatPath, nil).Get("total_size").Int())
}
