package beta_test

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/packages/respjson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// exampleBatchJobJSON is the batch job of the reference's examples.
const exampleBatchJobJSON = `{"id":"bjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","job_type":"parse",
	"project_id":"proj-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"pending","total_items":0,
	"completed_at":"2019-12-27T18:11:19.117Z","created_at":"2019-12-27T18:11:19.117Z",
	"directory_id":"dir-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","effective_at":"2019-12-27T18:11:19.117Z",
	"error_message":"error_message","failed_items":0,"job_record_id":"job_record_id","processed_items":0,
	"skipped_items":0,"started_at":"2019-12-27T18:11:19.117Z","updated_at":"2019-12-27T18:11:19.117Z",
	"workflow_id":"workflow_id"}`

// assertBatchMetaValid checks that every respjson.Field of a JSON metadata struct is Valid
// (present, not null, decoded) except those named in absent, and that no extra fields came.
func assertBatchMetaValid(t *testing.T, meta any, absent ...string) {
	t.Helper()
	v := reflect.ValueOf(meta)
	require.Equal(t, reflect.Struct, v.Kind())
	fieldType := reflect.TypeOf(respjson.Field{})
	n := 0
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Name == "ExtraFields" {
			assert.Empty(t, v.Field(i).Interface(), "ExtraFields")
			continue
		}
		require.Equal(t, fieldType, f.Type, f.Name)
		field := v.Field(i).Interface().(respjson.Field)
		if slices.Contains(absent, f.Name) {
			assert.False(t, field.IsPresent(), "JSON.%s should be absent", f.Name)
			continue
		}
		assert.True(t, field.Valid(), "JSON.%s should be valid", f.Name)
		n++
	}
	assert.Positive(t, n)
}

// assertExampleBatchJob checks every field of the reference's example batch job.
func assertExampleBatchJob(t *testing.T, j beta.BatchJob) {
	t.Helper()
	assert.Equal(t, "bjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", j.ID)
	assert.Equal(t, beta.BatchJobTypeParse, j.JobType)
	assert.Equal(t, "proj-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", j.ProjectID)
	assert.Equal(t, beta.BatchJobStatusPending, j.Status)
	assert.Equal(t, int64(0), j.TotalItems)
	assert.Equal(t, exampleTime, j.CompletedAt)
	assert.Equal(t, exampleTime, j.CreatedAt)
	assert.Equal(t, "dir-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", j.DirectoryID)
	assert.Equal(t, exampleTime, j.EffectiveAt)
	assert.Equal(t, "error_message", j.ErrorMessage)
	assert.Equal(t, int64(0), j.FailedItems)
	assert.Equal(t, "job_record_id", j.JobRecordID)
	assert.Equal(t, int64(0), j.ProcessedItems)
	assert.Equal(t, int64(0), j.SkippedItems)
	assert.Equal(t, exampleTime, j.StartedAt)
	assert.Equal(t, exampleTime, j.UpdatedAt)
	assert.Equal(t, "workflow_id", j.WorkflowID)
	assertBatchMetaValid(t, j.JSON)
	assert.Equal(t, "0", j.JSON.TotalItems.Raw())
	assert.JSONEq(t, exampleBatchJobJSON, j.RawJSON())
}

// fullParseConfigParams sets every field of a parse configuration to the values of the
// reference's processing-results example, so its encoding must equal that example's job_config.
func fullParseConfigParams() *beta.BatchNewParamsJobConfigParse {
	return &beta.BatchNewParamsJobConfigParse{
		CorrelationID:        llamacloud.String("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"),
		JobName:              beta.BatchParseJobNameParseRawFile,
		Parameters:           fullParseParameters(),
		ParentJobExecutionID: llamacloud.String("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"),
		Partitions:           map[string]string{"foo": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"},
		ProjectID:            llamacloud.String("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"),
		SessionID:            llamacloud.String("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"),
		UserID:               llamacloud.String("user_id"),
		WebhookURL:           llamacloud.String("webhook_url"),
	}
}

func TestBatchNewParse(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/new.json"))
	job, err := client.Beta.Batch.New(context.Background(), beta.BatchNewParams{
		JobConfig:              beta.BatchNewParamsJobConfig{OfParse: fullParseConfigParams()},
		ContinueAsNewThreshold: llamacloud.Int(100),
		DirectoryID:            llamacloud.String("dir_1"),
		ItemIDs:                []string{"item_1", "item_2"},
		PageSize:               llamacloud.Int(0),
		TemporalNamespace:      llamacloud.String("ns"),
		OrganizationID:         llamacloud.String("org"),
		ProjectID:              llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/beta/batch-processing", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}, "project_id": {"proj"}}, s.Query)
	// The job_config sent equals the reference's example configuration, key for key.
	wantConfig := gjson.GetBytes(golden(t, "batch_job_items/get_processing_results.json"), "processing_results.0.job_config").Raw
	require.NotEmpty(t, wantConfig)
	assert.JSONEq(t, `{"job_config":`+wantConfig+`,"continue_as_new_threshold":100,"directory_id":"dir_1",
		"item_ids":["item_1","item_2"],"page_size":0,"temporal_namespace":"ns"}`, string(s.Body))
	assert.Len(t, gjson.GetBytes(s.Body, "job_config.parameters").Map(), 125)
	assertExampleBatchJob(t, *job)
}

func TestBatchNewClassify(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/new.json"))
	_, err := client.Beta.Batch.New(context.Background(), beta.BatchNewParams{
		JobConfig: beta.BatchNewParamsJobConfig{OfClassify: &beta.BatchNewParamsJobConfigClassify{
			ID:        "cls_1",
			ProjectID: "proj_1",
			Rules: []beta.BatchNewParamsJobConfigClassifyRule{
				{Description: "bills with a total & a due date", Type: "invoice"},
				{Description: "", Type: "other"},
			},
			Status:       beta.SheetsJobStatusPending,
			UserID:       "user_1",
			CreatedAt:    llamacloud.Time(exampleTime),
			EffectiveAt:  llamacloud.Time(exampleTime),
			ErrorMessage: llamacloud.String(""),
			JobRecordID:  llamacloud.String("rec_1"),
			Mode:         beta.ClassifyModeMultimodal,
			ParsingConfiguration: beta.BatchNewParamsJobConfigClassifyParsingConfiguration{
				Lang:        beta.ParsingLanguageChSim,
				MaxPages:    llamacloud.Int(5),
				TargetPages: []int64{0, 2},
			},
			UpdatedAt: llamacloud.Time(exampleTime),
		}},
		DirectoryID: llamacloud.String("dir_1"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assert.Empty(t, s.Query)
	assert.JSONEq(t, `{"job_config":{"id":"cls_1","project_id":"proj_1",
		"rules":[{"description":"bills with a total & a due date","type":"invoice"},{"description":"","type":"other"}],
		"status":"PENDING","user_id":"user_1","created_at":"2019-12-27T18:11:19.117Z",
		"effective_at":"2019-12-27T18:11:19.117Z","error_message":"","job_record_id":"rec_1","mode":"MULTIMODAL",
		"parsing_configuration":{"lang":"ch_sim","max_pages":5,"target_pages":[0,2]},
		"updated_at":"2019-12-27T18:11:19.117Z"},"directory_id":"dir_1"}`, string(s.Body))
}

func TestBatchNewMinimalConfigs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		config beta.BatchNewParamsJobConfig
		want   string
	}{
		{"empty parse", beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}}, `{"job_config":{}}`},
		{"parse with one setting", beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{
			Parameters: beta.BatchNewParamsJobConfigParseParameters{
				ParseMode:   beta.ParsingModeParsePageWithAgent,
				HideFooters: llamacloud.Bool(false),
				WebhookConfigurations: []beta.BatchNewParamsJobConfigParseParametersWebhookConfiguration{
					{WebhookURL: llamacloud.String("https://h/x")},
				},
			},
		}}, `{"job_config":{"parameters":{"parse_mode":"parse_page_with_agent","hide_footers":false,
			"webhook_configurations":[{"webhook_url":"https://h/x"}]}}}`},
		{"required classify fields", beta.BatchNewParamsJobConfig{OfClassify: &beta.BatchNewParamsJobConfigClassify{ID: "c", ProjectID: "p", UserID: "u"}},
			`{"job_config":{"id":"c","project_id":"p","rules":[],"status":"","user_id":"u"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, golden(t, "batch/new.json"))
			_, err := client.Beta.Batch.New(context.Background(), beta.BatchNewParams{JobConfig: tc.config})
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(reqs.Next(t).Body))
		})
	}
}

func TestBatchNewJobConfigNeedsOneVariant(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/new.json"))
	for name, cfg := range map[string]beta.BatchNewParamsJobConfig{
		"none": {},
		"both": {OfParse: &beta.BatchNewParamsJobConfigParse{}, OfClassify: &beta.BatchNewParamsJobConfigClassify{}},
	} {
		_, err := client.Beta.Batch.New(context.Background(), beta.BatchNewParams{JobConfig: cfg})
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "BatchNewParamsJobConfig", name)
		assert.True(t, strings.HasPrefix(err.Error(), "llamacloud:"), err.Error())
	}
	assert.Empty(t, reqs.Unread(), "no request may be sent for an invalid job_config")

	// The union also encodes with encoding/json.
	b, err := json.Marshal(beta.BatchNewParamsJobConfig{OfClassify: &beta.BatchNewParamsJobConfigClassify{ID: "c", ProjectID: "p", UserID: "u"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"c","project_id":"p","rules":[],"status":"","user_id":"u"}`, string(b))
}

func TestBatchList(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/list.json"))
	page, err := client.Beta.Batch.List(context.Background(), beta.BatchListParams{
		DirectoryID:    llamacloud.String("dir 1"),
		JobType:        beta.BatchJobTypeClassify,
		Limit:          llamacloud.Int(10),
		Offset:         llamacloud.Int(0),
		Status:         beta.BatchJobStatusDispatched,
		OrganizationID: llamacloud.String("org"),
		ProjectID:      llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/batch-processing", s.Path)
	assert.Equal(t, url.Values{
		"directory_id": {"dir 1"}, "job_type": {"classify"}, "limit": {"10"}, "offset": {"0"},
		"status": {"dispatched"}, "organization_id": {"org"}, "project_id": {"proj"},
	}, s.Query)
	assert.Empty(t, s.Body)
	require.Len(t, page.Items, 1)
	assertExampleBatchJob(t, page.Items[0])
	assert.Equal(t, "next_page_token", page.NextPageToken)
	assert.Equal(t, int64(0), page.TotalSize)
	assert.True(t, page.JSON.TotalSize.Valid())
	assert.JSONEq(t, string(golden(t, "batch/list.json")), page.RawJSON())
}

func TestBatchListAutoPaging(t *testing.T) {
	t.Parallel()
	job := func(id string) string {
		return `{"id":"` + id + `","job_type":"parse","project_id":"p","status":"running","total_items":1}`
	}
	client, reqs := newTestServer(t, []testserver.Reply{
		{Body: []byte(`{"items":[` + job("a") + `,` + job("b") + `],"total_size":3}`)},
		{Body: []byte(`{"items":[` + job("c") + `],"total_size":3}`)},
	})
	pager := client.Beta.Batch.ListAutoPaging(context.Background(), beta.BatchListParams{
		Limit: llamacloud.Int(2), Status: beta.BatchJobStatusRunning,
	})
	assert.Empty(t, reqs.Unread(), "nothing is fetched before the first item is asked for")
	var ids []string
	for j, err := range pager.All() {
		require.NoError(t, err)
		ids = append(ids, j.ID)
	}
	assert.Equal(t, []string{"a", "b", "c"}, ids)
	assert.Equal(t, url.Values{"limit": {"2"}, "status": {"running"}}, reqs.Next(t).Query)
	assert.Equal(t, url.Values{"limit": {"2"}, "status": {"running"}, "offset": {"2"}}, reqs.Next(t).Query)
	assert.Empty(t, reqs.Unread(), "offset 3 reaches total_size: no third request")
}

func TestBatchGetStatus(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/get_status.json"))
	st, err := client.Beta.Batch.GetStatus(context.Background(), "bjb/../1?x#y", beta.BatchGetStatusParams{
		ProjectID: llamacloud.String("proj"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "GET", s.Method)
	assert.Equal(t, "/api/v1/beta/batch-processing/bjb%2F..%2F1%3Fx%23y", s.Path)
	assert.Equal(t, url.Values{"project_id": {"proj"}}, s.Query)
	assert.Empty(t, s.Body)
	assertExampleBatchJob(t, st.Job)
	assert.Equal(t, float64(0), st.ProgressPercentage)
	assertBatchMetaValid(t, st.JSON)
	assert.JSONEq(t, string(golden(t, "batch/get_status.json")), st.RawJSON())
}

func TestBatchCancel(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/cancel.json"))
	res, err := client.Beta.Batch.Cancel(context.Background(), "bjb_1", beta.BatchCancelParams{
		Reason:            llamacloud.String("wrong directory"),
		TemporalNamespace: llamacloud.String("ns"),
		OrganizationID:    llamacloud.String("org"),
	})
	require.NoError(t, err)
	s := reqs.Next(t)
	assertCommonHeaders(t, s)
	assert.Equal(t, "POST", s.Method)
	assert.Equal(t, "/api/v1/beta/batch-processing/bjb_1/cancel", s.Path)
	assert.Equal(t, url.Values{"organization_id": {"org"}}, s.Query)
	assert.JSONEq(t, `{"reason":"wrong directory","temporal_namespace":"ns"}`, string(s.Body))
	assert.Equal(t, "job_id", res.JobID)
	assert.Equal(t, "message", res.Message)
	assert.Equal(t, int64(0), res.ProcessedItems)
	assert.Equal(t, beta.BatchJobStatusPending, res.Status)
	assertBatchMetaValid(t, res.JSON)
	assert.JSONEq(t, string(golden(t, "batch/cancel.json")), res.RawJSON())

	// Without params the body is an empty object.
	_, err = client.Beta.Batch.Cancel(context.Background(), "bjb_1", beta.BatchCancelParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(reqs.Next(t).Body))
}

func TestBatchUnknownEnumValuesDecode(t *testing.T) {
	t.Parallel()
	body := strings.NewReplacer(`"parse"`, `"transcribe"`, `"pending"`, `"paused"`).Replace(string(golden(t, "batch/get_status.json")))
	client, _ := okServer(t, []byte(body))
	st, err := client.Beta.Batch.GetStatus(context.Background(), "j", beta.BatchGetStatusParams{})
	require.NoError(t, err)
	assert.Equal(t, beta.BatchJobType("transcribe"), st.Job.JobType)
	assert.Equal(t, beta.BatchJobStatus("paused"), st.Job.Status)
	assert.True(t, st.Job.JSON.Status.Valid())
}

func TestBatchEmptyPathArguments(t *testing.T) {
	t.Parallel()
	client, reqs := okServer(t, golden(t, "batch/get_status.json"))
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"get status": func() error { _, err := client.Beta.Batch.GetStatus(ctx, "", beta.BatchGetStatusParams{}); return err },
		"cancel":     func() error { _, err := client.Beta.Batch.Cancel(ctx, " ", beta.BatchCancelParams{}); return err },
		"items list": func() error {
			_, err := client.Beta.Batch.JobItems.List(ctx, "", beta.BatchJobItemListParams{})
			return err
		},
		"processing results": func() error {
			_, err := client.Beta.Batch.JobItems.GetProcessingResults(ctx, "", beta.BatchJobItemGetProcessingResultsParams{})
			return err
		},
	} {
		err := call()
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "must not be empty", name)
	}
	assert.Empty(t, reqs.Unread(), "no request may be sent for an empty path argument")
}
