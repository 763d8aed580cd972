package beta_test

import (
	"context"
	"net/url"
	"reflect"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

func TestBatchJobItemList(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch_job_items/list.json"))
	page, err := client.Beta.Batch.JobItems.List(context.Background(), "bjb/1", beta.BatchJobItemListParams{
		Limit:          llamacloud.Int(50),
		Offset:         llamacloud.Int(100),
		Status:         beta.BatchJobItemStatusSkipped,
		OrganizationID: llamacloud.String("org"),
		ProjectID:      llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/batch-processing/bjb%2F1/items", s.Path)
	assert.Equal(t, url.Values{
		"limit": {"50"}, "offset": {"100"}, "status": {"skipped"}, "organization_id": {"org"}, "project_id": {"proj"},
	}, s.Query)
	assert.Empty(t, s.Body)

	require.Len(t, page.Items, 1)
	it := page.Items[0]
	assert.Equal(t, "item_id", it.ItemID)
	assert.Equal(t, "item_name", it.ItemName)
	assert.Equal(t, beta.BatchJobItemStatusPending, it.Status)
	assert.Equal(t, exampleTime, it.CompletedAt)
	assert.Equal(t, exampleTime, it.EffectiveAt)
	assert.Equal(t, "error_message", it.ErrorMessage)
	assert.Equal(t, "job_id", it.JobID)
	assert.Equal(t, "job_record_id", it.JobRecordID)
	assert.Equal(t, "skip_reason", it.SkipReason)
	assert.Equal(t, exampleTime, it.StartedAt)
	assertBatchMetaValid(t, it.JSON)
	assert.JSONEq(t, gjson.GetBytes(golden(t, "batch_job_items/list.json"), "items.0").Raw, it.RawJSON())
	assert.Equal(t, "next_page_token", page.NextPageToken)
	assert.Equal(t, int64(0), page.TotalSize)
	assert.True(t, page.JSON.TotalSize.Valid())
}

func TestBatchJobItemListAutoPaging(t *testing.T) {
	t.Parallel()
	item := func(id string) string { return `{"item_id":"` + id + `","item_name":"n","status":"failed"}` }
	client, reqs := newTestServer(t, []testserver.Reply{
		{Body: []byte(`{"items":[` + item("a") + `],"total_size":3}`)},
		{Body: []byte(`{"items":[` + item("b") + `],"total_size":3}`)},
		{Body: []byte(`{"items":[` + item("c") + `],"total_size":3}`)},
	})
	pager := client.Beta.Batch.JobItems.ListAutoPaging(context.Background(), "bjb_1", beta.BatchJobItemListParams{
		Offset: llamacloud.Int(1), Status: beta.BatchJobItemStatusFailed,
	})
	var ids []string
	for it, err := range pager.All() {
		require.NoError(t, err)
		ids = append(ids, it.ItemID)
		if len(ids) == 2 {
			break
		}
	}
	assert.Equal(t, []string{"a", "b"}, ids)
	first, second := reqs.Next(t), reqs.Next(t)
	assert.Equal(t, "/api/v1/beta/batch-processing/bjb_1/items", first.Path)
	assert.Equal(t, url.Values{"offset": {"1"}, "status": {"failed"}}, first.Query)
	assert.Equal(t, "/api/v1/beta/batch-processing/bjb_1/items", second.Path)
	assert.Equal(t, url.Values{"offset": {"2"}, "status": {"failed"}}, second.Query)
	assert.Empty(t, reqs.Unread(), "breaking out of the loop fetches no further page")
}

func TestBatchJobItemGetProcessingResults(t *testing.T) {
	t.Parallel()
	body := golden(t, "batch_job_items/get_processing_results.json")
	client, reqs := okServer(t, body)
	res, err := client.Beta.Batch.JobItems.GetProcessingResults(context.Background(), "item/1", beta.BatchJobItemGetProcessingResultsParams{
		JobType:   beta.BatchJobTypeParse,
		ProjectID: llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/batch-processing/items/item%2F1/processing-results", s.Path)
	assert.Equal(t, url.Values{"job_type": {"parse"}, "project_id": {"proj"}}, s.Query)
	assert.Empty(t, s.Body)

	assert.Equal(t, "item_id", res.ItemID)
	assert.Equal(t, "item_name", res.ItemName)
	assertBatchMetaValid(t, res.JSON)
	assert.JSONEq(t, string(body), res.RawJSON())
	require.Len(t, res.ProcessingResults, 1)

	r := res.ProcessingResults[0]
	assert.Equal(t, "item_id", r.ItemID)
	assert.Equal(t, beta.BatchJobTypeParse, r.JobType)
	assert.Equal(t, "output_s3_path", r.OutputS3Path)
	assert.Equal(t, "parameters_hash", r.ParametersHash)
	assert.Equal(t, exampleTime, r.ProcessedAt)
	assert.Equal(t, "result_id", r.ResultID)
	assert.Equal(t, map[string]any{}, r.OutputMetadata)
	assert.Equal(t, "{}", r.JSON.OutputMetadata.Raw())
	assertBatchMetaValid(t, r.JSON)
	assert.JSONEq(t, gjson.GetBytes(body, "processing_results.0").Raw, r.RawJSON())

	// The union: its flattened fields, its kind and its parse variant, field by field.
	wantConfig := gjson.GetBytes(body, "processing_results.0.job_config").Raw
	u := r.JobConfig
	assert.Equal(t, beta.BatchJobTypeParse, u.Kind())
	assert.JSONEq(t, wantConfig, u.RawJSON())
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", u.CorrelationID)
	assert.Equal(t, beta.BatchParseJobNameParseRawFile, u.JobName)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", u.ProjectID)
	assert.Equal(t, "user_id", u.UserID)
	assert.Equal(t, "parse_page_without_llm", string(u.Parameters.ParseMode))
	assert.False(t, u.JSON.ID.IsPresent())
	assert.False(t, u.JSON.Rules.IsPresent())
	assertBatchMetaValid(t, u.JSON, "ID", "Rules", "Status", "CreatedAt", "EffectiveAt", "ErrorMessage",
		"JobRecordID", "Mode", "ParsingConfiguration", "UpdatedAt")

	p := u.AsParse()
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", p.CorrelationID)
	assert.Equal(t, beta.BatchParseJobNameParseRawFile, p.JobName)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", p.ParentJobExecutionID)
	assert.Equal(t, map[string]string{"foo": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}, p.Partitions)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", p.ProjectID)
	assert.Equal(t, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", p.SessionID)
	assert.Equal(t, "user_id", p.UserID)
	assert.Equal(t, "webhook_url", p.WebhookURL)
	assertBatchMetaValid(t, p.JSON)
	assert.JSONEq(t, wantConfig, p.RawJSON())

	// Every one of the 125 parse settings, including the wire names output_tables_as_HTML
	// and outputBucket: all present and valid, none left over, each with the example's value.
	params := p.Parameters
	assertBatchMetaValid(t, params.JSON)
	assert.Equal(t, 125, countMetaFields(params.JSON))
	assert.Len(t, gjson.Get(wantConfig, "parameters").Map(), 125)
	assert.True(t, params.OutputTablesAsHTML)
	assert.Equal(t, "outputBucket", params.OutputBucket)
	assert.JSONEq(t, gjson.Get(wantConfig, "parameters").Raw, params.RawJSON())
	require.Len(t, params.WebhookConfigurations, 1)
	wh := params.WebhookConfigurations[0]
	assertBatchMetaValid(t, wh.JSON)
	assert.JSONEq(t, gjson.Get(wantConfig, "parameters.webhook_configurations.0").Raw, wh.RawJSON())
	assert.JSONEq(t, `["screenshot"]`, params.JSON.ImagesToSave.Raw())
	assert.Equal(t, "0", params.JSON.BboxTop.Raw())

	// Without metadata, the decoded settings equal the expected values field for field.
	params.JSON = beta.BatchParseJobConfig{}.JSON
	for i := range params.WebhookConfigurations {
		params.WebhookConfigurations[i].JSON = beta.WebhookConfiguration{}.JSON
	}
	assert.Equal(t, exampleParseParameters(), params)
}

// countMetaFields counts the per-field entries of a JSON metadata struct.
func countMetaFields(meta any) int {
	t := reflect.TypeOf(meta)
	n := 0
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && f.Name != "ExtraFields" {
			n++
		}
	}
	return n
}

func TestBatchJobConfigUnionClassify(t *testing.T) {
	t.Parallel()
	config := `{"id":"cls_1","project_id":"proj_1","rules":[{"description":"bills","type":"invoice"}],
		"status":"PARTIAL_SUCCESS","user_id":"user_1","created_at":"2019-12-27T18:11:19.117Z",
		"effective_at":"2019-12-27T18:11:19.117Z","error_message":"one page failed","job_record_id":"rec_1",
		"mode":"FAST","parsing_configuration":{"lang":"ja","max_pages":3,"target_pages":[0,1]},
		"updated_at":"2019-12-27T18:11:19.117Z"}`
	body := `{"item_id":"i","item_name":"n","processing_results":[{"item_id":"i","job_config":` + config + `,
		"job_type":"classify","output_s3_path":"s3://b/k","parameters_hash":"h","processed_at":"2019-12-27T18:11:19.117Z",
		"result_id":"r"}]}`
	client, _ := okServer(t, []byte(body))
	res, err := client.Beta.Batch.JobItems.GetProcessingResults(context.Background(), "i", beta.BatchJobItemGetProcessingResultsParams{})
	require.NoError(t, err)
	require.Len(t, res.ProcessingResults, 1)
	r := res.ProcessingResults[0]
	assert.Equal(t, beta.BatchJobTypeClassify, r.JobType)
	assert.Nil(t, r.OutputMetadata)
	assert.False(t, r.JSON.OutputMetadata.IsPresent())

	u := r.JobConfig
	assert.Equal(t, beta.BatchJobTypeClassify, u.Kind())
	assert.Equal(t, "cls_1", u.ID)
	assert.Equal(t, beta.SheetsJobStatusPartialSuccess, u.Status)
	require.Len(t, u.Rules, 1)
	assert.Equal(t, "invoice", u.Rules[0].Type)
	assert.False(t, u.JSON.Parameters.IsPresent())

	c := u.AsClassify()
	assert.Equal(t, "cls_1", c.ID)
	assert.Equal(t, "proj_1", c.ProjectID)
	require.Len(t, c.Rules, 1)
	assert.Equal(t, "bills", c.Rules[0].Description)
	assert.Equal(t, "invoice", c.Rules[0].Type)
	assertBatchMetaValid(t, c.Rules[0].JSON)
	assert.JSONEq(t, `{"description":"bills","type":"invoice"}`, c.Rules[0].RawJSON())
	assert.Equal(t, beta.SheetsJobStatusPartialSuccess, c.Status)
	assert.Equal(t, "user_1", c.UserID)
	assert.Equal(t, exampleTime, c.CreatedAt)
	assert.Equal(t, exampleTime, c.EffectiveAt)
	assert.Equal(t, "one page failed", c.ErrorMessage)
	assert.Equal(t, "rec_1", c.JobRecordID)
	assert.Equal(t, beta.ClassifyModeFast, c.Mode)
	assert.Equal(t, beta.ParsingLanguageJa, c.ParsingConfiguration.Lang)
	assert.Equal(t, int64(3), c.ParsingConfiguration.MaxPages)
	assert.Equal(t, []int64{0, 1}, c.ParsingConfiguration.TargetPages)
	assertBatchMetaValid(t, c.ParsingConfiguration.JSON)
	assert.JSONEq(t, `{"lang":"ja","max_pages":3,"target_pages":[0,1]}`, c.ParsingConfiguration.RawJSON())
	assert.Equal(t, exampleTime, c.UpdatedAt)
	assertBatchMetaValid(t, c.JSON)
	assert.JSONEq(t, config, c.RawJSON())
}

func TestBatchJobConfigUnionOddShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		config string
		kind   beta.BatchJobType
	}{
		{"empty object is a parse config", `{}`, beta.BatchJobTypeParse},
		{"unknown fields only", `{"future":{"x":1}}`, beta.BatchJobTypeParse},
		{"classify by rules alone", `{"rules":[]}`, beta.BatchJobTypeClassify},
		{"string", `"opaque"`, ""},
		{"number", `42`, ""},
		{"null", `null`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, _ := okServer(t, []byte(`{"item_id":"i","item_name":"n","processing_results":[{"job_config":`+tc.config+`}]}`))
			res, err := client.Beta.Batch.JobItems.GetProcessingResults(context.Background(), "i", beta.BatchJobItemGetProcessingResultsParams{})
			require.NoError(t, err, "an unknown shape decodes without error")
			require.Len(t, res.ProcessingResults, 1)
			u := res.ProcessingResults[0].JobConfig
			assert.Equal(t, tc.kind, u.Kind())
			assert.NotPanics(t, func() { _, _ = u.AsParse(), u.AsClassify() })
			assert.JSONEq(t, tc.config, res.ProcessingResults[0].JSON.JobConfig.Raw(), "the raw JSON is kept")
			if tc.kind == "" {
				assert.Equal(t, "", u.AsParse().RawJSON())
				assert.Equal(t, "", u.AsClassify().RawJSON())
			} else {
				assert.JSONEq(t, tc.config, u.RawJSON())
				assert.JSONEq(t, tc.config, u.AsParse().RawJSON())
			}
		})
	}
	var zero beta.BatchJobConfigUnion
	assert.Equal(t, beta.BatchJobType(""), zero.Kind())
	assert.Equal(t, "", zero.AsParse().CorrelationID)
	assert.Equal(t, "", zero.AsClassify().ID)
}
