package beta_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/packages/pagination"
)

// rawJSONer is every response type: it keeps the JSON it was decoded from.
type rawJSONer interface{ RawJSON() string }

// decoders decode one body into each union and each large domain type of the API.
var decoders = map[string]func(data []byte) (rawJSONer, error){
	"ChatEventUnion": func(d []byte) (rawJSONer, error) {
		var v beta.ChatEventUnion
		err := json.Unmarshal(d, &v)
		// Every accessor must be safe on any decoded value.
		_, _, _, _ = v.AsUserInput(), v.AsThinkingDelta(), v.AsThinking(), v.AsTextDelta()
		_, _, _, _ = v.AsText(), v.AsToolCall(), v.AsToolResult(), v.AsStop()
		return v, err
	},
	"ChatSessionDetail": func(d []byte) (rawJSONer, error) {
		var v beta.ChatSessionDetail
		err := json.Unmarshal(d, &v)
		var turn beta.ChatTurn
		for _, ev := range v.Events {
			turn.Add(ev)
		}
		_ = turn.Text()
		return v, err
	},
	"BatchJobItemProcessingResults": func(d []byte) (rawJSONer, error) {
		var v beta.BatchJobItemProcessingResults
		err := json.Unmarshal(d, &v)
		return v, err
	},
	"BatchJobConfigUnion": func(d []byte) (rawJSONer, error) {
		var v beta.BatchJobConfigUnion
		err := json.Unmarshal(d, &v)
		_, _, _ = v.Kind(), v.AsParse(), v.AsClassify()
		return v, err
	},
	"BatchJob": func(d []byte) (rawJSONer, error) {
		var v beta.BatchJob
		err := json.Unmarshal(d, &v)
		return v, err
	},
	"SheetsJob": func(d []byte) (rawJSONer, error) {
		var v beta.SheetsJob
		err := json.Unmarshal(d, &v)
		return v, err
	},
	"SplitJob": func(d []byte) (rawJSONer, error) {
		var v beta.SplitJob
		err := json.Unmarshal(d, &v)
		return v, err
	},
	"RetrievalRetrieveResponse": func(d []byte) (rawJSONer, error) {
		var v beta.RetrievalRetrieveResponse
		err := json.Unmarshal(d, &v)
		return v, err
	},
	"DirectoryFilePage": func(d []byte) (rawJSONer, error) {
		v := new(pagination.PaginatedCursor[beta.DirectoryFile])
		err := json.Unmarshal(d, v)
		return v, err
	},
	"AgentDataPage": func(d []byte) (rawJSONer, error) {
		v := new(pagination.PaginatedCursorPost[beta.AgentData])
		err := json.Unmarshal(d, v)
		return v, err
	},
}

// FuzzDecodeResponses decodes arbitrary bytes into every union and the largest domain
// types. It must never panic; valid JSON objects decode without error and keep their raw
// text; invalid JSON is an error.
func FuzzDecodeResponses(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{"type":"text_delta","content":"hi"}`, `{"type":"stop","is_error":true,"usage":{"turns":"x"}}`,
		`{"type":"tool_result","result":{"a":[1,{"b":null}]}}`, `{"type":42}`, `{"events":[{"type":"nope"},null,1]}`,
		`{"items":[{"id":1}],"next_page_token":null}`, `[]`, `null`, `{"a":"\ud800"}`, `{`, `{"id":"x"}garbage`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		object := valid && strings.HasPrefix(strings.TrimSpace(string(data)), "{")
		for name, decode := range decoders {
			v, err := decode(data)
			switch {
			case !valid && err == nil:
				t.Fatalf("%s: invalid JSON %q decoded without error", name, data)
			case object && err != nil:
				t.Fatalf("%s: valid object %q: %v", name, data, err)
			case object && v.RawJSON() != strings.TrimSpace(string(data)):
				t.Fatalf("%s: raw JSON %q, want %q", name, v.RawJSON(), data)
			}
		}
	})
}
