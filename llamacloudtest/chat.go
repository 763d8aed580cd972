package llamacloudtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/run-llama/llama-cloud-go/llamacloudtest/internal/textindex"
)

// chatSession is a conversation: its summary fields and every event streamed in it.
type chatSession struct {
	id        string
	title     *string
	indexIDs  []string // nil: unbound, each turn uses the index_ids of its request
	updatedAt time.Time
	events    []json.RawMessage
	job       *jobMetadata
}

// jobMetadata is the usage and status of a session's most recent run.
type jobMetadata struct {
	DurationMS        float64  `json:"duration_ms"`
	Error             *string  `json:"error"`
	ExportConfigIDs   []string `json:"export_config_ids"`
	IsError           bool     `json:"is_error"`
	TotalInputTokens  int      `json:"total_input_tokens"`
	TotalOutputTokens int      `json:"total_output_tokens"`
	Turns             int      `json:"turns"`
}

// chatSummaryJSON is the wire form of a session summary.
type chatSummaryJSON struct {
	LastUpdatedAt  string       `json:"last_updated_at"`
	SessionID      string       `json:"session_id"`
	GeneratedTitle *string      `json:"generated_title"`
	IndexIDs       []string     `json:"index_ids"`
	JobMetadata    *jobMetadata `json:"job_metadata"`
}

// chatLayout is how the chat API writes last_updated_at: Python's isoformat, no zone.
const chatLayout = "2006-01-02T15:04:05.000000"

func (cs *chatSession) summary() chatSummaryJSON {
	return chatSummaryJSON{
		LastUpdatedAt:  cs.updatedAt.UTC().Format(chatLayout),
		SessionID:      cs.id,
		GeneratedTitle: cs.title,
		IndexIDs:       cs.indexIDs,
		JobMetadata:    cs.job,
	}
}

func (s *Server) chatRoutes() []route {
	const base = "/api/v1/chat"
	return []route{
		{http.MethodGet, base, s.listChats},
		{http.MethodPost, base, s.createChat},
		{http.MethodGet, base + "/{session_id}", s.getChat},
		{http.MethodDelete, base + "/{session_id}", s.deleteChat},
		{http.MethodGet, base + "/{session_id}/summary", s.chatSummary},
		{http.MethodPost, base + "/{session_id}/title", s.chatTitle},
		{http.MethodPost, base + "/{session_id}/messages/stream", s.streamChat},
	}
}

// lookupChat returns the caller's session, answering 404 itself.
func (c *call) lookupChat() (*chatSession, bool) {
	id := c.pathValue("session_id")
	cs, ok := c.p.chats[id]
	if !ok {
		c.notFound("session", id)
		return nil, false
	}
	return cs, true
}

// checkIndexes answers 404 for the first ID that is not an index of the caller's project.
func (c *call) checkIndexes(ids []string) bool {
	for _, id := range ids {
		if _, ok := c.lookupIndex(id); !ok {
			return false
		}
	}
	return true
}

// listChats lists sessions in creation order, paged by seek cursor. Unlike the other GET lists it
// sends no total_size: the reference's example of the chat list has none.
func (s *Server) listChats(c *call) {
	fingerprint := queryFingerprint("chat sessions")
	after, size, ok := c.keysetParams(fingerprint)
	if !ok {
		return
	}
	l := &c.p.lists
	syncIDs(&l.chats, c.p.chats)
	ids, more := l.chats.page(after, size, func(id string) bool { return c.p.chats[id] != nil }, &l.work)
	items := make([]chatSummaryJSON, len(ids))
	for i, id := range ids {
		items[i] = c.p.chats[id].summary()
	}
	writeCursorPage(c, items, nextToken(fingerprint, ids, more), nil)
}

func (s *Server) createChat(c *call) {
	var in struct {
		IndexIDs []string `json:"index_ids"`
	}
	if !c.decode(&in) || !c.checkIndexes(in.IndexIDs) {
		return
	}
	cs := &chatSession{id: s.newID("ses"), indexIDs: in.IndexIDs, updatedAt: s.now()}
	c.p.chats[cs.id] = cs
	c.p.lists.chats.add(cs.id)
	c.writeJSON(http.StatusOK, cs.summary())
}

func (s *Server) getChat(c *call) {
	cs, ok := c.lookupChat()
	if !ok {
		return
	}
	events := cs.events
	if events == nil {
		events = []json.RawMessage{}
	}
	c.writeJSON(http.StatusOK, struct {
		Events []json.RawMessage `json:"events"`
		chatSummaryJSON
	}{events, cs.summary()})
}

func (s *Server) deleteChat(c *call) {
	if cs, ok := c.lookupChat(); ok {
		delete(c.p.chats, cs.id)
		c.p.lists.chats.remove(cs.id)
		c.status = http.StatusNoContent
	}
}

func (s *Server) chatSummary(c *call) {
	if cs, ok := c.lookupChat(); ok {
		c.writeJSON(http.StatusOK, cs.summary())
	}
}

// makeTitle derives a session title from the first message: its first 50 characters, cut at a
// word boundary, followed by "...".
func makeTitle(msg string) string {
	words := strings.Fields(msg)
	title := ""
	for _, w := range words {
		if title != "" && len([]rune(title))+1+len([]rune(w)) > 50 {
			break
		}
		if title != "" {
			title += " "
		}
		title += w
	}
	if r := []rune(title); len(r) > 50 {
		title = string(r[:50])
	}
	return title + "..."
}

func (s *Server) chatTitle(c *call) {
	cs, ok := c.lookupChat()
	if !ok {
		return
	}
	var in struct {
		FirstMessage string `json:"first_message"`
	}
	if !c.decode(&in, "first_message") || !c.checkName("first_message", in.FirstMessage) {
		return
	}
	title := makeTitle(in.FirstMessage)
	cs.title = &title
	cs.updatedAt = s.now()
	c.writeJSON(http.StatusOK, cs.summary())
}

// sseEvent is one Server-Sent Event of a chat stream.
type sseEvent struct {
	name string // "delta" or "message"
	data json.RawMessage
}

// chatHit is a retrieved chunk with its score and the index it came from.
type chatHit struct {
	result textindex.Result
	score  float64
	text   *textindex.Index
}

// chatTopK is how many chunks a chat turn retrieves and quotes.
const chatTopK = 3

// streamChat answers a prompt: it retrieves from the session's indexes (or, for an unbound
// session, the request's index_ids) and streams user_input, tool_call, tool_result, text_delta
// events, the final text quoting the best chunks, and stop. The events become the session's history.
func (s *Server) streamChat(c *call) {
	cs, ok := c.lookupChat()
	if !ok {
		return
	}
	var in struct {
		IndexIDs []string `json:"index_ids"`
		Prompt   string   `json:"prompt"`
	}
	if !c.decode(&in, "index_ids", "prompt") || !c.checkName("prompt", in.Prompt) {
		return
	}
	indexIDs := in.IndexIDs
	if cs.indexIDs != nil {
		indexIDs = cs.indexIDs
	}
	if !c.checkIndexes(indexIDs) {
		return
	}
	start := s.now()
	callID := s.newID("call")
	var hits []chatHit
	var exportIDs []string
	for _, id := range indexIDs {
		ix := c.p.indexes[id]
		exportIDs = append(exportIDs, ix.exportConfigID)
		served := s.read(ix).text
		for _, r := range served.Retrieve(textindex.Query{Text: in.Prompt, TopK: chatTopK}) {
			score := r.Score
			if r.Reranked {
				score = r.RerankScore
			}
			hits = append(hits, chatHit{r, score, served})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	hits = hits[:min(len(hits), chatTopK)]

	results := make([]map[string]any, 0, len(hits))
	inputTokens := textindex.CountTokens(in.Prompt)
	for _, h := range hits {
		ch := h.result.Chunk
		results = append(results, map[string]any{
			"file_name":                ch.DocName,
			"parsed_directory_file_id": ch.DocID,
			"chunk_index":              ch.Index,
			"content":                  ch.Text,
			"score":                    h.score,
		})
		inputTokens += ch.TokenCount
	}
	answer := chatAnswer(in.Prompt, hits)
	outputTokens := textindex.CountTokens(answer)
	duration := float64(s.now().Sub(start).Microseconds()) / 1000
	usage := map[string]any{"duration_ms": duration, "total_input_tokens": inputTokens, "total_output_tokens": outputTokens, "turns": 2}

	var events []sseEvent
	add := func(name string, v map[string]any) {
		b, _ := marshalJSON(v)
		events = append(events, sseEvent{name, b})
	}
	add("message", map[string]any{"type": "user_input", "content": in.Prompt})
	add("message", map[string]any{"type": "tool_call", "call_id": callID, "name": "retrieve",
		"arguments": map[string]any{"query": in.Prompt, "index_ids": indexIDs, "top_k": chatTopK}})
	add("message", map[string]any{"type": "tool_result", "call_id": callID, "name": "retrieve",
		"result": map[string]any{"results": results}})
	for _, piece := range splitDeltas(answer) {
		add("delta", map[string]any{"type": "text_delta", "content": piece})
	}
	add("message", map[string]any{"type": "text", "content": answer})
	add("message", map[string]any{"type": "stop", "is_error": false, "error": nil, "usage": usage})

	for _, e := range events {
		cs.events = append(cs.events, e.data)
	}
	if cs.title == nil {
		title := makeTitle(in.Prompt)
		cs.title = &title
	}
	if exportIDs == nil {
		exportIDs = []string{}
	}
	cs.job = &jobMetadata{DurationMS: duration, ExportConfigIDs: exportIDs, TotalInputTokens: inputTokens, TotalOutputTokens: outputTokens, Turns: 2}
	cs.updatedAt = s.now()

	c.header.Set("Content-Type", "text/event-stream")
	c.header.Set("Cache-Control", "no-cache")
	c.stream(events)
}

// maxQuoteRunes caps a quoted sentence (a line without punctuation can be long).
const maxQuoteRunes = 300

// chatAnswer writes the reply: the chatTopK sentences of the retrieved chunks that best match the
// prompt (scored as retrieval scores chunks, see textindex.BestSentences), best first, each with
// its file name; or a plain statement that nothing in the documents matches. The same hits and
// prompt always give the same answer.
func chatAnswer(prompt string, hits []chatHit) string {
	var sentences []textindex.Sentence
	for _, h := range hits {
		sentences = append(sentences, h.text.Sentences(prompt, []textindex.Chunk{h.result.Chunk})...)
	}
	best := textindex.BestSentences(sentences, chatTopK)
	if len(best) == 0 {
		return fmt.Sprintf("I could not find anything about %q in the indexed documents.", prompt)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Here is what the documents say about %q:", prompt)
	for i, s := range best {
		quote := strings.Join(strings.Fields(s.Text), " ")
		if r := []rune(quote); len(r) > maxQuoteRunes {
			quote = string(r[:maxQuoteRunes]) + "…"
		}
		fmt.Fprintf(&b, "\n\n[%d] %s: \"%s\"", i+1, s.Chunk.DocName, quote)
	}
	return b.String()
}

// splitDeltas cuts text into pieces of about six words whose concatenation is text.
func splitDeltas(text string) []string {
	var pieces []string
	words, start := 0, 0
	for i, r := range text {
		if r == ' ' || r == '\n' {
			words++
			if words%6 == 0 {
				pieces = append(pieces, text[start:i+1])
				start = i + 1
			}
		}
	}
	if start < len(text) {
		pieces = append(pieces, text[start:])
	}
	return pieces
}
