package beta_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chatExampleTime is last_updated_at of the reference's chat examples, an ISO time without
// a zone ("2026-04-22T12:34:41.342245"), read as UTC.
var chatExampleTime = time.Date(2026, 4, 22, 12, 34, 41, 342245000, time.UTC)

// chatExampleSessionJSON is the session object of the reference's chat examples.
const chatExampleSessionJSON = `{"last_updated_at":"2026-04-22T12:34:41.342245","session_id":"ses-abc123",
	"generated_title":"What were the main findings in Q3?...","index_ids":["idx-abc123","idx-def456"],
	"job_metadata":{"duration_ms":0,"error":"error","export_config_ids":["string"],"is_error":true,
	"total_input_tokens":0,"total_output_tokens":0,"turns":0}}`

// assertExampleJobMetadata checks every field of the reference's example job_metadata.
func assertExampleJobMetadata(t *testing.T, m beta.ChatSessionJobMetadata) {
	t.Helper()
	assert.Equal(t, float64(0), m.DurationMs)
	assert.Equal(t, "error", m.Error)
	assert.Equal(t, []string{"string"}, m.ExportConfigIDs)
	assert.True(t, m.IsError)
	assert.Equal(t, int64(0), m.TotalInputTokens)
	assert.Equal(t, int64(0), m.TotalOutputTokens)
	assert.Equal(t, int64(0), m.Turns)
	assertChatFieldsValid(t, map[string]respjson.Field{
		"duration_ms": m.JSON.DurationMs, "error": m.JSON.Error, "export_config_ids": m.JSON.ExportConfigIDs,
		"is_error": m.JSON.IsError, "total_input_tokens": m.JSON.TotalInputTokens,
		"total_output_tokens": m.JSON.TotalOutputTokens, "turns": m.JSON.Turns,
	})
	assert.Empty(t, m.JSON.ExtraFields)
	assert.JSONEq(t, `{"duration_ms":0,"error":"error","export_config_ids":["string"],"is_error":true,
		"total_input_tokens":0,"total_output_tokens":0,"turns":0}`, m.RawJSON())
}

// assertChatFieldsValid checks that each named field was present and decoded.
func assertChatFieldsValid(t *testing.T, fields map[string]respjson.Field) {
	t.Helper()
	for name, f := range fields {
		assert.True(t, f.Valid(), "JSON.%s should be valid", name)
	}
}

// assertExampleChatSession checks every field of the reference's example session.
func assertExampleChatSession(t *testing.T, s beta.ChatSession) {
	t.Helper()
	assert.Equal(t, chatExampleTime, s.LastUpdatedAt)
	assert.Equal(t, "ses-abc123", s.SessionID)
	assert.Equal(t, "What were the main findings in Q3?...", s.GeneratedTitle)
	assert.Equal(t, []string{"idx-abc123", "idx-def456"}, s.IndexIDs)
	assertExampleJobMetadata(t, s.JobMetadata)
	assertChatFieldsValid(t, map[string]respjson.Field{
		"last_updated_at": s.JSON.LastUpdatedAt, "session_id": s.JSON.SessionID,
		"generated_title": s.JSON.GeneratedTitle, "index_ids": s.JSON.IndexIDs, "job_metadata": s.JSON.JobMetadata,
	})
	assert.Equal(t, `"2026-04-22T12:34:41.342245"`, s.JSON.LastUpdatedAt.Raw())
	assert.Empty(t, s.JSON.ExtraFields)
	assert.JSONEq(t, chatExampleSessionJSON, s.RawJSON())
}

func TestChatList(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "chat/list.json"))
	page, err := client.Beta.Chat.List(context.Background(), beta.ChatListParams{
		PageSize:       llamacloud.Int(10),
		PageToken:      llamacloud.String("tok/1"),
		OrganizationID: llamacloud.String("org"),
		ProjectID:      llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/chat", s.Path)
	assert.Equal(t, url.Values{
		"page_size": {"10"}, "page_token": {"tok/1"}, "organization_id": {"org"}, "project_id": {"proj"},
	}, s.Query)
	assert.Empty(t, s.Body)
	require.Len(t, page.Items, 1)
	assertExampleChatSession(t, page.Items[0])
	assert.Equal(t, "next_page_token", page.NextPageToken)
	assert.False(t, page.JSON.TotalSize.IsPresent())
	assert.JSONEq(t, string(golden(t, "chat/list.json")), page.RawJSON())
}

func TestChatListAutoPaging(t *testing.T) {
	t.Parallel()
	last := `{"items":[{"session_id":"ses-2","last_updated_at":"2026-04-23T00:00:00Z"}],"next_page_token":""}`
	client, reqs := newTestServer(t, []testserver.Reply{
		{Body: golden(t, "chat/list.json")},
		{Body: []byte(last)},
	})
	pager := client.Beta.Chat.ListAutoPaging(context.Background(), beta.ChatListParams{PageSize: llamacloud.Int(1)})
	assert.Empty(t, reqs.Unread(), "nothing is fetched before the first Next")

	var ids []string
	for s, err := range pager.All() {
		require.NoError(t, err)
		ids = append(ids, s.SessionID)
	}
	assert.Equal(t, []string{"ses-abc123", "ses-2"}, ids)
	first, second := reqs.Next(t), reqs.Next(t)
	assert.Equal(t, url.Values{"page_size": {"1"}}, first.Query)
	assert.Equal(t, url.Values{"page_size": {"1"}, "page_token": {"next_page_token"}}, second.Query)
	assert.Equal(t, "/api/v1/chat", second.Path)
	assert.Empty(t, reqs.Unread(), "an empty next_page_token ends the walk")
}

// TestChatListRefusesBadPages: a page whose items or token do not fit their types is an
// error from List and from the walk, never an empty page that ends the walk early.
func TestChatListRefusesBadPages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body, field string }{
		{"an item of the wrong type", `{"items":[{"session_id":"ses-1"},7],"next_page_token":"t2"}`, "items"},
		{"a token of the wrong type", `{"items":[{"session_id":"ses-1"}],"next_page_token":["t2"]}`, "next_page_token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, _ := okServer(t, []byte(tc.body))
			page, err := client.Beta.Chat.List(context.Background(), beta.ChatListParams{})
			assert.Nil(t, page)
			assert.ErrorContains(t, err, `/prefix/api/v1/chat": decode response: page field "`+tc.field+`" does not fit its Go type`)
			assert.True(t, strings.HasPrefix(err.Error(), `llamacloud: GET "http://127.0.0.1:`), err.Error())
			n := 0
			for _, err := range client.Beta.Chat.ListAutoPaging(context.Background(), beta.ChatListParams{}).All() {
				require.Error(t, err)
				assert.ErrorContains(t, err, `page field "`+tc.field+`"`)
				n++
			}
			assert.Equal(t, 1, n, "only the error is yielded")
		})
	}
}

// TestChatListAutoPagingEnds: a server repeating its next_page_token cannot make the walk
// endless.
func TestChatListAutoPagingEnds(t *testing.T) {
	t.Parallel()
	client, reqs := newTestServer(t, []testserver.Reply{
		{Body: []byte(`{"items":[{"session_id":"ses-1"}],"next_page_token":"t2"}`)},
		{Body: []byte(`{"items":[{"session_id":"ses-2"}],"next_page_token":"t2"}`)},
	})
	var ids []string
	var err error
	for s, e := range client.Beta.Chat.ListAutoPaging(context.Background(), beta.ChatListParams{}).All() {
		if err = e; e != nil {
			break
		}
		ids = append(ids, s.SessionID)
		require.Less(t, len(ids), 10, "the walk does not end")
	}
	assert.Equal(t, []string{"ses-1", "ses-2"}, ids)
	assert.ErrorContains(t, err, `next_page_token "t2" repeats the token of an earlier page`)
	assert.Len(t, reqs.Unread(), 2)
}

func TestChatNew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		params   beta.ChatNewParams
		wantBody string
		wantQ    url.Values
	}{
		{"bound", beta.ChatNewParams{IndexIDs: []string{"idx-abc123", "idx-def456"}, ProjectID: llamacloud.String("proj")},
			`{"index_ids":["idx-abc123","idx-def456"]}`, url.Values{"project_id": {"proj"}}},
		{"unbound", beta.ChatNewParams{}, `{}`, url.Values{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, "chat/new.json"))
			sess, err := client.Beta.Chat.New(context.Background(), tc.params)
			require.NoError(t, err)
			s := reqs.Next(t)
			assertCommonHeaders(t, s)
			assert.Equal(t, "POST", s.Method)
			assert.Equal(t, "/api/v1/chat", s.Path)
			assert.Equal(t, tc.wantQ, s.Query)
			assert.JSONEq(t, tc.wantBody, string(s.Body))
			assertExampleChatSession(t, *sess)
		})
	}
}

func TestChatGet(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "chat/get.json"))
	sess, err := client.Beta.Chat.Get(context.Background(), "ses/../1?x#y", beta.ChatGetParams{
		OrganizationID: llamacloud.String("org"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/chat/ses%2F..%2F1%3Fx%23y", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}}, s.Query)
	assert.Empty(t, s.Body)

	require.Len(t, sess.Events, 1)
	ev := sess.Events[0]
	assert.Equal(t, beta.ChatEventTypeThinkingDelta, ev.Type)
	assert.Equal(t, "content", ev.Content)
	assert.JSONEq(t, `{"content":"content","type":"thinking_delta"}`, ev.RawJSON())
	delta := ev.AsThinkingDelta()
	assert.Equal(t, "content", delta.Content)
	assert.Equal(t, beta.ChatEventTypeThinkingDelta, delta.Type)
	assert.True(t, delta.JSON.Content.Valid())
	assert.Equal(t, ev.RawJSON(), delta.RawJSON())
	assert.Zero(t, ev.AsTextDelta(), "an accessor of another type returns the zero value")

	assert.Equal(t, chatExampleTime, sess.LastUpdatedAt)
	assert.Equal(t, "ses-abc123", sess.SessionID)
	assert.Equal(t, "What were the main findings in Q3?...", sess.GeneratedTitle)
	assert.Equal(t, []string{"idx-abc123", "idx-def456"}, sess.IndexIDs)
	assertExampleJobMetadata(t, sess.JobMetadata)
	assertChatFieldsValid(t, map[string]respjson.Field{
		"events": sess.JSON.Events, "last_updated_at": sess.JSON.LastUpdatedAt, "session_id": sess.JSON.SessionID,
		"generated_title": sess.JSON.GeneratedTitle, "index_ids": sess.JSON.IndexIDs, "job_metadata": sess.JSON.JobMetadata,
	})
	assert.Empty(t, sess.JSON.ExtraFields)
	assert.JSONEq(t, string(golden(t, "chat/get.json")), sess.RawJSON())
}

func TestChatDelete(t *testing.T) {
	t.Parallel()
	client, reqs := newTestServer(t, []testserver.Reply{{Status: 204}})
	err := client.Beta.Chat.Delete(context.Background(), "ses-abc123", beta.ChatDeleteParams{
		ProjectID: llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "DELETE", s.Method)
	assert.Equal(t, "/api/v1/chat/ses-abc123", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj"}}, s.Query)
	assert.Empty(t, s.Body)
}

func TestChatGetSummary(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "chat/get_summary.json"))
	sess, err := client.Beta.Chat.GetSummary(context.Background(), "ses abc", beta.ChatGetSummaryParams{
		OrganizationID: llamacloud.String("org"),
		ProjectID:      llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/chat/ses%20abc/summary", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}, "project_id": {"proj"}}, s.Query)
	assert.Empty(t, s.Body)
	assertExampleChatSession(t, *sess)
}

func TestChatSetTitle(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "chat/set_title.json"))
	sess, err := client.Beta.Chat.SetTitle(context.Background(), "ses-abc123", beta.ChatSetTitleParams{
		FirstMessage: "What were the main findings in Q3?",
		ProjectID:    llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/chat/ses-abc123/title", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj"}}, s.Query)
	assert.JSONEq(t, `{"first_message":"What were the main findings in Q3?"}`, string(s.Body))
	assertExampleChatSession(t, *sess)
}

func TestChatSessionOptionalFieldsAbsentOrNull(t *testing.T) {
	t.Parallel()
	client, _ := okServer(t, []byte(`{"session_id":"s","last_updated_at":"2026-04-22T12:34:41Z",
		"generated_title":null,"index_ids":null,"job_metadata":null,"new_field":1}`))
	sess, err := client.Beta.Chat.GetSummary(context.Background(), "s", beta.ChatGetSummaryParams{})
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 4, 22, 12, 34, 41, 0, time.UTC), sess.LastUpdatedAt)
	assert.Nil(t, sess.IndexIDs)
	assert.True(t, sess.JSON.IndexIDs.IsNull())
	assert.True(t, sess.JSON.JobMetadata.IsNull())
	assert.False(t, sess.JSON.JobMetadata.Valid())
	assert.Zero(t, sess.JobMetadata.Turns)
	assert.Equal(t, "1", sess.JSON.ExtraFields["new_field"].Raw())
}

func TestChatEmptySessionID(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "chat/get.json"))
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"get": func() error { _, err := client.Beta.Chat.Get(ctx, "", beta.ChatGetParams{}); return err },
		"delete": func() error {
			return client.Beta.Chat.Delete(ctx, " ", beta.ChatDeleteParams{})
		},
		"get summary": func() error {
			_, err := client.Beta.Chat.GetSummary(ctx, "", beta.ChatGetSummaryParams{})
			return err
		},
		"set title": func() error {
			_, err := client.Beta.Chat.SetTitle(ctx, "\t", beta.ChatSetTitleParams{FirstMessage: "hi"})
			return err
		},
		"stream": func() error {
			stream := client.Beta.Chat.Stream(ctx, "", beta.ChatStreamParams{Prompt: "hi"})
			assert.False(t, stream.Next())
			return stream.Err()
		},
	} {
		err := call()
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "must not be empty", name)
	}
	assert.Empty(t, reqs.Unread(), "no request may be sent for an empty session ID")
}
