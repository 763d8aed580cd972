package llamacloudtest_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidationErrorInput checks the input member of 422 entries, as FastAPI with pydantic v2
// writes it: the value given at loc; for a missing body member, the object that lacks it; {} for
// a body that is not JSON; null for a missing query value or a member of a multipart form.
func TestValidationErrorInput(t *testing.T) {
	t.Parallel()
	srv := start(t)
	dir := mustSend(t, srv, http.StatusOK, http.MethodPost, dirsPath, map[string]any{"name": "d"}).Get("id").String()
	for _, tc := range []struct {
		name, method, path, body string
		loc, input               string
	}{
		{"missing field", http.MethodPost, dirsPath, `{"description":"x"}`, `["body","name"]`, `{"description":"x"}`},
		{"empty body", http.MethodPost, dirsPath, ``, `["body","name"]`, `{}`},
		{"null field", http.MethodPost, dirsPath, `{"name":null}`, `["body","name"]`, `null`},
		{"wrong type", http.MethodPost, dirsPath, `{"name":5}`, `["body","name"]`, `5`},
		{"empty name", http.MethodPost, dirsPath, `{"name":" "}`, `["body","name"]`, `" "`},
		{"bad json", http.MethodPost, dirsPath, `{"name":`, `["body",0]`, `{}`},
		{"not an object", http.MethodPost, dirsPath, `[1, 2]`, `["body"]`, `[1, 2]`},
		{"nested type", http.MethodPost, "/api/v1/retrieval/retrieve", `{"index_id":"i","query":"q","rerank":{"top_n":"x"}}`, `["body","rerank","top_n"]`, `"x"`},
		{"missing with dots", http.MethodPost, agentDataPath, `{"data":{"a.b":1}}`, `["body","deployment_name"]`, `{"data":{"a.b":1}}`},
		{"unknown operator", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","filter":{"a.b":{"like":"x%"}}}`, `["body","filter","a.b","like"]`, `"x%"`},
		{"order_by", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","order_by":"a..b"}`, `["body","order_by"]`, `"a..b"`},
		{"page size", http.MethodPost, agentDataPath + "/:search", `{"deployment_name":"d","page_size":0}`, `["body","page_size"]`, `0`},
		{"query int", http.MethodGet, dirsPath + "?page_size=abc", ``, `["query","page_size"]`, `"abc"`},
		{"query bound", http.MethodGet, dirsPath + "?page_size=0", ``, `["query","page_size"]`, `"0"`},
		{"query literal", http.MethodGet, dirsPath + "?type=other", ``, `["query","type"]`, `"other"`},
		{"query bool", http.MethodGet, dirsPath + "?include_deleted=maybe", ``, `["query","include_deleted"]`, `"maybe"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var body any
			if tc.body != "" {
				body = tc.body
			}
			r := send(t, srv, tc.method, tc.path, body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, string(r.body))
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
