package benchmarks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// The bodies are built in code, deterministically: the same bytes on every run.

// paragraph is the prose that chunk and message texts are cut from. Its line breaks and
// quotes are escaped in JSON, as in real markdown content, so decoders must unescape.
const paragraph = "## Quarterly results\n\nRevenue for the quarter rose to $4.2M, up 12% year over year, " +
	"driven by the \"enterprise\" tier and new contracts in EMEA. Operating costs were flat; the " +
	"gross margin improved to 71%. | Region | Revenue | Growth |\n|---|---|---|\n| EMEA | 1.6M | 18% |\n" +
	"| APAC | 0.9M | 9% |\n| AMER | 1.7M | 8% |\n\nThe board approved the FY25 budget and a " +
	"hiring plan for 40 engineers. Risks: currency exposure, longer sales cycles, supplier costs. "

// text returns n bytes of prose starting at an offset that depends on seed.
func text(seed, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(paragraph)
	}
	s := b.String() + paragraph
	off := (seed * 37) % len(paragraph)
	return s[off : off+n]
}

// stamp returns a distinct RFC 3339 time with microseconds.
func stamp(i int) string {
	t := time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC).Add(time.Duration(i) * 1753 * time.Millisecond)
	return t.Format("2006-01-02T15:04:05.000000Z07:00")
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // test data only
	}
	return b
}

// retrieveBody is a Retrieve response with n results of about 1 KB each.
func retrieveBody(n int) []byte {
	results := make([]any, n)
	for i := range results {
		attachments := []any{map[string]any{
			"attachment_name": fmt.Sprintf("screenshots/page_%d.jpg", i%40+1),
			"source_id":       fmt.Sprintf("file-%08x", i*7919),
			"type":            "screenshot",
		}}
		if i%3 == 0 {
			attachments = append(attachments, map[string]any{
				"attachment_name": fmt.Sprintf("items/page_%d.json", i%40+1),
				"source_id":       fmt.Sprintf("file-%08x", i*7919),
				"type":            "items",
			})
		}
		results[i] = map[string]any{
			"content": text(i, 640),
			"metadata": map[string]any{
				"file_name":    fmt.Sprintf("reports/2024/q%d/board-pack-%03d.pdf", i%4+1, i%97),
				"department":   []string{"finance", "legal", "sales", "ops"}[i%4],
				"year":         2020 + i%5,
				"confidential": i%2 == 0,
				"tags":         []string{"quarterly", "board", "emea"},
			},
			"rerank_score": 0.98 - float64(i)*0.0007,
			"score":        0.91 - float64(i)*0.0006,
			"static_fields": map[string]any{
				"attachments":              attachments,
				"chunk_end_char":           i*640 + 640,
				"chunk_index":              i,
				"chunk_start_char":         i * 640,
				"chunk_token_count":        150 + i%50,
				"page_range_end":           i%40 + 2,
				"page_range_start":         i%40 + 1,
				"parsed_directory_file_id": fmt.Sprintf("dfl-%08x-%04x", i*104729, i%4096),
			},
		}
	}
	return mustJSON(map[string]any{"results": results})
}

// directoryFile is one file record of a directory listing.
func directoryFile(i int) map[string]any {
	return map[string]any{
		"id":           fmt.Sprintf("dfl-%08x-%04x", i*104729, i%4096),
		"directory_id": "dir-7f3a9c2e-41b8-4d2a-9e61-0c5d8b3f1a27",
		"display_name": fmt.Sprintf("board-pack-%05d.pdf", i),
		"project_id":   "prj-2b1e6f90-8c3d-4a57-b0e4-9d71c6a5f382",
		"unique_id":    fmt.Sprintf("s3://acme-docs/reports/2024/board-pack-%05d.pdf", i),
		"created_at":   stamp(i),
		"deleted_at":   nil,
		"download_url": map[string]any{
			"url":        fmt.Sprintf("https://files.example.com/acme/board-pack-%05d.pdf?X-Amz-Signature=%064x", i, i*2654435761),
			"expires_at": stamp(i + 3600),
		},
		"file_id": fmt.Sprintf("file-%08x", i*7919),
		"metadata": map[string]any{
			"department": []string{"finance", "legal", "sales", "ops"}[i%4],
			"year":       2020 + i%5,
			"reviewed":   i%3 == 0,
		},
		"updated_at": stamp(i + 60),
	}
}

// filesPage is a page of n directory files starting at item first, with a next page token.
func filesPage(first, n int, next string) []byte {
	items := make([]any, n)
	for i := range items {
		items[i] = directoryFile(first + i)
	}
	return mustJSON(map[string]any{"items": items, "next_page_token": next, "total_size": 1_000_000})
}

// fullParseConfig is a parse configuration with every field of plainBatchParseJobConfig set.
func fullParseConfig(seed int) map[string]any {
	return fill(reflect.TypeFor[plainBatchParseJobConfig](), seed).(map[string]any)
}

// fill returns a JSON value for every field of t, recursively, varied by seed.
func fill(t reflect.Type, seed int) any {
	switch t.Kind() {
	case reflect.Bool:
		return seed%2 == 0
	case reflect.String:
		return fmt.Sprintf("value-%d-%s", seed, text(seed, 12+seed%20))
	case reflect.Float64:
		return float64(seed%97) / 100
	case reflect.Int64:
		return seed % 1000
	case reflect.Map:
		if t.Elem().Kind() == reflect.String {
			return map[string]any{"region": "eu-west-1", "tenant": fmt.Sprintf("t-%d", seed%13)}
		}
		return map[string]any{"source": "batch", "priority": seed % 5, "labels": []any{"a", "b"}}
	case reflect.Slice:
		return []any{fill(t.Elem(), seed), fill(t.Elem(), seed+1)}
	case reflect.Struct:
		m := make(map[string]any, t.NumField())
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			m[name] = fill(f.Type, seed+i)
		}
		return m
	}
	panic("fill: unsupported " + t.String()) // test data only
}

// processingResultsBody is a job item's processing results with n results, each carrying a
// full parse configuration.
func processingResultsBody(n int) []byte {
	results := make([]any, n)
	for i := range results {
		results[i] = map[string]any{
			"item_id": "dfl-5c2e9a10-77f4",
			"job_config": map[string]any{
				"correlation_id":          fmt.Sprintf("corr-%08x", i*31337),
				"job_name":                "parse_raw_file_job",
				"parameters":              fullParseConfig(i),
				"parent_job_execution_id": fmt.Sprintf("exec-%08x", i*7),
				"partitions":              map[string]any{"directory_id": "dir-7f3a9c2e", "run": fmt.Sprintf("r%d", i)},
				"project_id":              "prj-2b1e6f90-8c3d-4a57-b0e4-9d71c6a5f382",
				"session_id":              fmt.Sprintf("sess-%08x", i*131),
				"user_id":                 "usr-0d4f7b21",
				"webhook_url":             "https://hooks.example.com/llama/parse-done",
			},
			"job_type":        "parse",
			"output_s3_path":  fmt.Sprintf("s3://acme-output/batch/run-%d/board-pack.md", i),
			"parameters_hash": fmt.Sprintf("%064x", i*2654435761),
			"processed_at":    stamp(i),
			"result_id":       fmt.Sprintf("res-%08x", i*65537),
			"output_metadata": map[string]any{},
		}
	}
	return mustJSON(map[string]any{
		"item_id":            "dfl-5c2e9a10-77f4",
		"item_name":          "board-pack-00042.pdf",
		"processing_results": results,
	})
}

// chatEvent returns event i of a chat turn sequence and its SSE event type: mostly text and
// thinking deltas, with user input, complete thinking and text, tool calls and results, and
// stop events among them.
func chatEvent(i int) (map[string]any, string) {
	switch i % 20 {
	case 0:
		return map[string]any{"type": "user_input", "content": "What was EMEA revenue growth last quarter, and what drove it?"}, "message"
	case 1:
		return map[string]any{"type": "tool_call", "call_id": fmt.Sprintf("call_%d", i), "name": "search_index",
			"arguments": map[string]any{"query": "EMEA revenue growth quarter", "top_k": 5, "filters": map[string]any{"year": 2024}}}, "message"
	case 2:
		return map[string]any{"type": "tool_result", "call_id": fmt.Sprintf("call_%d", i-1), "name": "search_index",
			"result":           map[string]any{"chunks": []any{text(i, 180), text(i+1, 160)}, "count": 2},
			"image_attachment": map[string]any{"attachment_name": "screenshots/page_7.jpg", "source_id": fmt.Sprintf("file-%08x", i)}}, "message"
	case 3, 4, 5:
		return map[string]any{"type": "thinking_delta", "content": text(i, 24)}, "delta"
	case 6:
		return map[string]any{"type": "thinking", "content": text(i, 200)}, "message"
	case 18:
		return map[string]any{"type": "text", "content": text(i, 400)}, "message"
	case 19:
		return map[string]any{"type": "stop", "is_error": false, "usage": map[string]any{
			"duration_ms": 4123.5, "total_input_tokens": 1834 + i, "total_output_tokens": 412, "turns": 2}}, "message"
	}
	return map[string]any{"type": "text_delta", "content": text(i, 16)}, "delta"
}

// chatSessionBody is a chat session with n events.
func chatSessionBody(n int) []byte {
	events := make([]any, n)
	for i := range events {
		events[i], _ = chatEvent(i)
	}
	return mustJSON(map[string]any{
		"events":          events,
		"last_updated_at": stamp(n),
		"session_id":      "chat-1e8f4c2a-9b7d-4e31-a5c6-2f0d8e9b7a14",
		"generated_title": "EMEA revenue growth and drivers",
		"index_ids":       []string{"idx-4a1c", "idx-9e77"},
		"job_metadata": map[string]any{
			"duration_ms": 4123.5, "error": "", "export_config_ids": []string{"exp-1"}, "is_error": false,
			"total_input_tokens": 91234, "total_output_tokens": 20551, "turns": 2,
		},
	})
}

// chatStream is an SSE body of n chat events, as the chat stream endpoint sends them.
func chatStream(n int) []byte {
	var buf bytes.Buffer
	for i := range n {
		ev, typ := chatEvent(i)
		buf.WriteString("event: ")
		buf.WriteString(typ)
		buf.WriteString("\ndata: ")
		buf.Write(mustJSON(ev))
		buf.WriteString("\n\n")
	}
	return buf.Bytes()
}
