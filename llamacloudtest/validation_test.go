package llamacloudtest_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidationErrorInput checks the type, loc and input members of 422 entries, as FastAPI with
// pydantic v2 writes them: input is the value given at loc; for a missing body member, the object
// that lacks it; {} for a body that is not JSON; null for a missing query value or form field.
func TestValidationErrorInput(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dir := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": "d"}).Get("id").String()
	for _, tc := range []struct {
		name, method, path, body string
		typ, loc, input          string
	}{
		{"missing field", http.MethodPost, dirsPath, `{"description":"x"}`, "missing", `["body","name"]`, `{"description":"x"}`},
		{"empty body", http.MethodPost, dirsPath, ``, "missing", `["body","name"]`, `{}`},
		{"wrong type", http.MethodPost, dirsPath, `{"name":5}`, "string_type", `["body","name"]`, `5`},
		{"empty name", http.MethodPost, dirsPath, `{"name":" "}`, "string_too_short", `["body","name"]`, `" "`},
		{"bad json", http.MethodPost, dirsPath, `{"name":`, "json_invalid", `["body",0]`, `{}`},
		{"not an object", http.MethodPost, dirsPath, `[1, 2]`, "model_attributes_type", `["body"]`, `[1, 2]`},
		{"nested type", http.MethodPost, "/api/v1/retrieval/retrieve", `{"index_id":"i","query":"q","rerank":{"top_n":"x"}}`, "int_type", `["body","rerank","top_n"]`, `"x"`},
		{"missing with dots", http.MethodPost, agentDataPath, `{"data":{"a.b":1}}`, "missing", `["body","deployment_name"]`, `{"data":{"a.b":1}}`},
		{"unknown operator", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","filter":{"a.b":{"like":"x%"}}}`, "extra_forbidden", `["body","filter","a.b","like"]`, `"x%"`},
		{"order_by", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","order_by":"a..b"}`, "value_error", `["body","order_by"]`, `"a..b"`},
		{"page size", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","page_size":0}`, "greater_than_equal", `["body","page_size"]`, `0`},
		{"query int", http.MethodGet, dirsPath + "?page_size=abc", ``, "int_parsing", `["query","page_size"]`, `"abc"`},
		{"query bound", http.MethodGet, dirsPath + "?page_size=0", ``, "greater_than_equal", `["query","page_size"]`, `"0"`},
		{"query literal", http.MethodGet, dirsPath + "?type=other", ``, "literal_error", `["query","type"]`, `"other"`},
		{"query bool", http.MethodGet, dirsPath + "?include_deleted=maybe", ``, "bool_parsing", `["query","include_deleted"]`, `"maybe"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var body any
			if tc.body != "" {
				body = tc.body
			}
			r := send(t, srv, tc.method, tc.path, body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, string(r.body))
			assert.Equal(t, tc.typ, r.json.Get("detail.0.type").String())
			assert.JSONEq(t, tc.loc, r.json.Get("detail.0.loc").Raw)
			require.True(t, r.json.Get("detail.0.input").Exists(), string(r.body))
			assert.JSONEq(t, tc.input, r.json.Get("detail.0.input").Raw)
		})
	}

	// A multipart form without its file: FastAPI validates form fields one by one, input null.
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	require.NoError(t, mw.WriteField("display_name", "x"))
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, srv.URL+dirsPath+"/"+dir+"/files/upload", &form)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	var out bytes.Buffer
	_, err = out.ReadFrom(resp.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"detail":[{"loc":["body","upload_file"],"msg":"Field required","type":"missing","input":null}]}`, out.String())
}

// TestValidationErrorOfNull checks that a required field sent as null answers pydantic v2's type
// error for the field's type, with input null, not "missing"; and that the wrong type of a nested
// model names the model.
func TestValidationErrorOfNull(t *testing.T) {
	t.Parallel()
	srv := start(t)
	session := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{}).Get("session_id").String()
	for _, tc := range []struct {
		name, path, body string
		loc, typ, msg    string
		input            string
	}{
		{"string", dirsPath, `{"name":null}`, `["body","name"]`, "string_type", "Input should be a valid string", `null`},
		{"dict", agentDataPath, `{"deployment_name":"d","data":null}`, `["body","data"]`, "dict_type", "Input should be a valid dictionary", `null`},
		{"list", chatPath + "/" + session + "/messages/stream", `{"index_ids":null,"prompt":"hi"}`, `["body","index_ids"]`, "list_type", "Input should be a valid list", `null`},
		{"model", "/api/v1/beta/split/jobs", `{"document_input":null}`, `["body","document_input"]`, "model_type",
			"Input should be a valid dictionary or instance of SplitDocumentInput", `null`},
		{"nested string", "/api/v1/beta/split/jobs", `{"document_input":{"type":"file_id","value":null}}`, `["body","document_input","value"]`, "string_type",
			"Input should be a valid string", `null`},
		{"union of models", "/api/v1/beta/batch-processing", `{"job_config":null,"item_ids":["x"]}`, `["body","job_config"]`, "dict_type",
			"Input should be a valid dictionary", `null`},
		{"model of the wrong type", "/api/v1/retrieval/retrieve", `{"index_id":"i","query":"q","rerank":5}`, `["body","rerank"]`, "model_type",
			"Input should be a valid dictionary or instance of Rerank", `5`},
		{"optional model of the wrong type", "/api/v1/beta/sheets/jobs", `{"file_id":"f","config":"all"}`, `["body","config"]`, "model_type",
			"Input should be a valid dictionary or instance of SheetsParsingConfig", `"all"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := send(t, srv, http.MethodPost, tc.path, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, string(r.body))
			require.Len(t, r.json.Get("detail").Array(), 1, string(r.body))
			assert.JSONEq(t, fmt.Sprintf(`{"loc":%s,"type":%q,"msg":%q,"input":%s}`, tc.loc, tc.typ, tc.msg, tc.input), r.json.Get("detail.0").Raw)
		})
	}
}

// TestValidationErrorOfFormField checks that a 422 for a multipart field carries the value sent
// in that field as its input, and a member below it that member of the field's JSON.
func TestValidationErrorOfFormField(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dir := newDir(t, srv, "forms")
	for _, tc := range []struct {
		name, metadata string
		want           string
	}{
		{"not JSON", `{"k":`, `{"loc":["body","metadata"],"msg":"metadata must be a JSON object string","type":"value_error","input":"{\"k\":"}`},
		{"a list, not an object", `["a"]`, `{"loc":["body","metadata"],"msg":"metadata must be a JSON object string","type":"value_error","input":"[\"a\"]"}`},
		{"a nested value", `{"ok":"v","k":{"x":1}}`,
			`{"loc":["body","metadata","k"],"msg":"Input should be a valid string, number, boolean or list of strings","type":"union_type","input":{"x":1}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := upload(t, srv, dir, "a.txt", []byte("a"), map[string]string{"metadata": tc.metadata, "display_name": "A"})
			require.Equal(t, http.StatusUnprocessableEntity, r.status, string(r.body))
			assert.JSONEq(t, `{"detail":[`+tc.want+`]}`, string(r.body))
		})
	}
}
