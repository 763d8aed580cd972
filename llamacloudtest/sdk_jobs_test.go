package llamacloudtest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

const (
	sdkSheetsPath = "/api/v1/beta/sheets/jobs"
	sdkSplitPath  = "/api/v1/beta/split/jobs"
	sdkBatchPath  = "/api/v1/beta/batch-processing"
)

// sdkPacket is a five-page document for split jobs: invoice, invoice, contract, weather, resume.
const sdkPacket = "INVOICE 2024-17. Amount due: 1,200 EUR including VAT. Payment terms: 30 days.\f" +
	"Invoice continued: line items and total amount due.\f" +
	"This agreement is made between the parties. Clause 1: the contract term is two years.\f" +
	"Weather report: sunny with light winds.\f" +
	"Resume of Jane Doe. Work experience: five years as an engineer."

var sdkSplitConfig = beta.SplitNewParamsConfiguration{Categories: []beta.SplitNewParamsConfigurationCategory{
	{Name: "invoice", Description: llamacloud.String("Bills listing amounts due, VAT and payment terms")},
	{Name: "contract", Description: llamacloud.String("Agreements between parties with clauses")},
	{Name: "resume"},
}}

// sdkSheet is a CSV spreadsheet with a title line and one table.
const sdkSheet = "Fleet costs,,\n\nmodel,units,cost\nAtlas-7,4,74000\nHeron-2,10,74000\n"

// download fetches a presigned URL without an API key.
func download(t *testing.T, rawURL string) string {
	t.Helper()
	resp, err := http.Get(rawURL)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	return string(body)
}

// TestSDKSheets covers the sheets endpoints: get with and without results, list filters, result
// downloads and deletion.
func TestSDKSheets(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(0), llamacloudtest.WithClock(subMillisClock(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))))
	fileID := srv.PutFile("fleet.csv", []byte(sdkSheet))
	job, err := client.Beta.Sheets.New(ctx, beta.SheetNewParams{FileID: fileID, Config: beta.SheetNewParamsConfig{
		GenerateAdditionalMetadata: llamacloud.Bool(true), TableMergeSensitivity: beta.SheetsTableMergeSensitivityWeak,
	}})
	require.NoError(t, err)
	assert.Equal(t, fileID, job.FileID)
	assert.True(t, job.Config.GenerateAdditionalMetadata)
	assert.Equal(t, beta.SheetsTableMergeSensitivityWeak, job.Config.TableMergeSensitivity)
	assert.Equal(t, "fleet.csv", job.File.Name)
	assert.EqualValues(t, len(sdkSheet), job.File.FileSize)

	got, err := client.Beta.Sheets.Get(ctx, job.ID, beta.SheetGetParams{})
	require.NoError(t, err)
	require.Len(t, got.Regions, 2)
	assert.Equal(t, beta.SheetRegionTypeExtra, got.Regions[0].RegionType)
	assert.Equal(t, "A1:A1", got.Regions[0].Location)
	assert.Equal(t, beta.SheetRegionTypeTable, got.Regions[1].RegionType)
	assert.Equal(t, "A3:C5", got.Regions[1].Location)
	assert.Equal(t, "fleet", got.Regions[1].SheetName)
	require.Len(t, got.WorksheetMetadata, 1)
	assert.Equal(t, "fleet", got.WorksheetMetadata[0].SheetName)
	slim, err := client.Beta.Sheets.Get(ctx, job.ID, beta.SheetGetParams{IncludeResults: llamacloud.Bool(false)})
	require.NoError(t, err)
	assert.Nil(t, slim.Regions)
	assert.Equal(t, "include_results=false", requestsTo(srv, http.MethodGet, sdkSheetsPath+"/"+job.ID)[1].RawQuery)

	table, err := client.Beta.Sheets.GetResultTable(ctx, job.ID, got.Regions[1].RegionID, beta.SheetRegionTypeTable, beta.SheetGetResultTableParams{})
	require.NoError(t, err)
	assert.Equal(t, "model,units,cost\nAtlas-7,4,74000\nHeron-2,10,74000\n", download(t, table.URL))
	extra, err := client.Beta.Sheets.GetResultTable(ctx, job.ID, got.Regions[0].RegionID, beta.SheetRegionTypeExtra, beta.SheetGetResultTableParams{})
	require.NoError(t, err)
	assert.Equal(t, "Fleet costs\n", download(t, extra.URL))
	cells, err := client.Beta.Sheets.GetResultTable(ctx, job.ID, got.Regions[1].RegionID, beta.SheetRegionTypeCellMetadata,
		beta.SheetGetResultTableParams{ExpiresAtSeconds: llamacloud.Int(90)})
	require.NoError(t, err)
	assert.Contains(t, download(t, cells.URL), "cell,row,column,value,data_type\nA3,3,1,model,string\n")
	assert.Equal(t, time.Date(2025, 5, 1, 0, 1, 30, 0, time.UTC), cells.ExpiresAt.Truncate(time.Minute/2))
	_, err = client.Beta.Sheets.GetResultTable(ctx, job.ID, got.Regions[1].RegionID, beta.SheetRegionTypeExtra, beta.SheetGetResultTableParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound, "a table region has no extra result")
	before := len(srv.Requests())
	_, err = client.Beta.Sheets.GetResultTable(ctx, job.ID, got.Regions[1].RegionID, "chart", beta.SheetGetResultTableParams{})
	assert.Error(t, err)
	assert.Len(t, srv.Requests(), before, "an unknown region type fails before sending")

	// Lists: filters and pages.
	var ids []string
	for range 6 {
		j, err := client.Beta.Sheets.New(ctx, beta.SheetNewParams{FileID: fileID})
		require.NoError(t, err)
		ids = append(ids, j.ID)
	}
	bad, err := client.Beta.Sheets.New(ctx, beta.SheetNewParams{FileID: "file-missing"})
	require.NoError(t, err)
	listIDs := func(params beta.SheetListParams) []string {
		var out []string
		for j, err := range client.Beta.Sheets.ListAutoPaging(ctx, params).All() {
			require.NoError(t, err)
			out = append(out, j.ID)
		}
		return out
	}
	srv.ClearRequests()
	assert.Equal(t, append(append([]string{job.ID}, ids...), bad.ID), listIDs(beta.SheetListParams{PageSize: llamacloud.Int(2)}))
	checkCursorPages(t, requestsTo(srv, http.MethodGet, sdkSheetsPath), 4, 2)
	assert.Equal(t, []string{bad.ID}, listIDs(beta.SheetListParams{Status: beta.SheetsJobStatusError}))
	assert.Equal(t, []string{ids[1], ids[3]}, listIDs(beta.SheetListParams{JobIDs: []string{ids[3], ids[1]}}))
	third, err := client.Beta.Sheets.Get(ctx, ids[2], beta.SheetGetParams{})
	require.NoError(t, err)
	createdAt, err := time.Parse(time.RFC3339, third.CreatedAt)
	require.NoError(t, err)
	assert.Equal(t, ids[2:], listIDs(beta.SheetListParams{CreatedAtOnOrAfter: llamacloud.Time(createdAt), JobIDs: ids}))
	assert.Equal(t, append([]string{job.ID}, ids[:3]...), listIDs(beta.SheetListParams{CreatedAtOnOrBefore: llamacloud.Time(createdAt), Status: beta.SheetsJobStatusSuccess}))

	deleted, err := client.Beta.Sheets.DeleteJob(ctx, job.ID, beta.SheetDeleteJobParams{})
	require.NoError(t, err)
	assert.Empty(t, deleted.Fields)
	_, err = client.Beta.Sheets.Get(ctx, job.ID, beta.SheetGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = client.Beta.Sheets.DeleteJob(ctx, job.ID, beta.SheetDeleteJobParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
}

// TestSDKSplit covers split job creation, results, and the list with its filters and pages.
func TestSDKSplit(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(0), llamacloudtest.WithClock(subMillisClock(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))))
	fileID := srv.PutFile("packet.txt", []byte(sdkPacket))
	job, err := client.Beta.Split.New(ctx, beta.SplitNewParams{
		DocumentInput: beta.SplitNewParamsDocumentInput{Value: fileID},
		Configuration: beta.SplitNewParamsConfiguration{
			Categories:        sdkSplitConfig.Categories,
			SplittingStrategy: beta.SplitNewParamsConfigurationSplittingStrategy{AllowUncategorized: beta.SplitAllowUncategorizedOmit},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, beta.SplitDocumentInputTypeFileID, job.DocumentInput.Type, "the SDK sends file_id when Type is empty")
	assert.Equal(t, fileID, job.DocumentInput.Value)
	require.Len(t, job.Categories, 3)
	assert.Equal(t, "resume", job.Categories[2].Name)
	assert.False(t, job.Categories[2].JSON.Description.Valid())

	got, err := client.Beta.Split.Get(ctx, job.ID, beta.SplitGetParams{})
	require.NoError(t, err)
	assert.Equal(t, beta.SplitJobStatusCompleted, got.Status)
	var segs []string
	for _, s := range got.Result.Segments {
		segs = append(segs, fmt.Sprintf("%s:%v:%s", s.Category, s.Pages, s.ConfidenceCategory))
		assert.Contains(t, []beta.SplitConfidence{beta.SplitConfidenceHigh, beta.SplitConfidenceMedium, beta.SplitConfidenceLow}, s.ConfidenceCategory)
	}
	require.Len(t, segs, 3, "uncategorized pages are omitted: %v", segs)
	assert.True(t, strings.HasPrefix(segs[0], "invoice:[1 2]:"), segs[0])
	assert.True(t, strings.HasPrefix(segs[1], "contract:[3]:"), segs[1])
	assert.True(t, strings.HasPrefix(segs[2], "resume:[5]:"), segs[2])

	var ids []string
	for range 5 {
		j, err := client.Beta.Split.New(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: fileID}, Configuration: sdkSplitConfig})
		require.NoError(t, err)
		ids = append(ids, j.ID)
	}
	bad, err := client.Beta.Split.New(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: fileID}, ConfigurationID: llamacloud.String("cfg-missing")})
	require.NoError(t, err)
	assert.Equal(t, beta.SplitJobStatusFailed, bad.Status)
	assert.Equal(t, `split configuration "cfg-missing" not found`, bad.ErrorMessage)

	listIDs := func(params beta.SplitListParams) []string {
		var out []string
		for j, err := range client.Beta.Split.ListAutoPaging(ctx, params).All() {
			require.NoError(t, err)
			out = append(out, j.ID)
		}
		return out
	}
	srv.ClearRequests()
	all := append(append([]string{job.ID}, ids...), bad.ID)
	assert.Equal(t, all, listIDs(beta.SplitListParams{PageSize: llamacloud.Int(2)}))
	checkCursorPages(t, requestsTo(srv, http.MethodGet, sdkSplitPath), 4, 2)
	assert.Equal(t, []string{bad.ID}, listIDs(beta.SplitListParams{Status: beta.SplitJobStatusFailed}))
	assert.Equal(t, []string{ids[0], ids[4]}, listIDs(beta.SplitListParams{JobIDs: []string{ids[4], ids[0]}}))
	pivot, err := client.Beta.Split.Get(ctx, ids[2], beta.SplitGetParams{})
	require.NoError(t, err)
	assert.Equal(t, all[3:], listIDs(beta.SplitListParams{CreatedAtOnOrAfter: llamacloud.Time(pivot.CreatedAt)}))
	assert.Equal(t, all[:4], listIDs(beta.SplitListParams{CreatedAtOnOrBefore: llamacloud.Time(pivot.CreatedAt)}),
		"a job's own created_at bounds it")
	q, err := url.ParseQuery(requestsTo(srv, http.MethodGet, sdkSplitPath)[len(requestsTo(srv, http.MethodGet, sdkSplitPath))-1].RawQuery)
	require.NoError(t, err)
	assert.Equal(t, pivot.CreatedAt.Format("2006-01-02T15:04:05.000Z"), q.Get("created_at_on_or_before"))

	_, err = client.Beta.Split.Get(ctx, "split-job-missing", beta.SplitGetParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)
	_, err = client.Beta.Split.New(ctx, beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: fileID}})
	assert.ErrorIs(t, err, llamacloud.ErrUnprocessable, "neither configuration nor configuration_id")
}

// TestSDKBatch covers batch jobs over a directory: status, the job list and the item list paged
// by offset and limit, processing results and classification.
func TestSDKBatch(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(0))
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "batch"})
	require.NoError(t, err)
	const n = 10
	var fileIDs []string
	for i := range n {
		content := fmt.Sprintf("Invoice %d. Amount due: %d EUR including VAT.", i, 100+i)
		if i%2 == 1 {
			content = fmt.Sprintf("Meeting notes %d: the team discussed the roadmap and hiring.", i)
		}
		if i == n-1 {
			content = "   " // no text: the item fails
		}
		df, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
			UploadFile: llamacloud.File(strings.NewReader(content), fmt.Sprintf("doc%02d.txt", i), "text/plain"),
		})
		require.NoError(t, err)
		fileIDs = append(fileIDs, df.ID)
	}

	job, err := client.Beta.Batch.New(ctx, beta.BatchNewParams{
		DirectoryID: llamacloud.String(dir.ID),
		JobConfig: beta.BatchNewParamsJobConfig{OfClassify: &beta.BatchNewParamsJobConfigClassify{
			ID: "cls-1", ProjectID: srv.ProjectID, UserID: "user-1", Status: beta.SheetsJobStatusPending,
			Rules: []beta.BatchNewParamsJobConfigClassifyRule{
				{Type: "invoice", Description: "Bills with an amount due and VAT"},
				{Type: "notes", Description: "Meeting notes about a team discussion"},
			},
		}},
	})
	require.NoError(t, err)
	assert.Equal(t, beta.BatchJobTypeClassify, job.JobType)
	assert.Equal(t, dir.ID, job.DirectoryID)
	assert.EqualValues(t, n, job.TotalItems)

	status, err := client.Beta.Batch.GetStatus(ctx, job.ID, beta.BatchGetStatusParams{})
	require.NoError(t, err)
	assert.Equal(t, beta.BatchJobStatusCompleted, status.Job.Status)
	assert.EqualValues(t, n, status.Job.ProcessedItems)
	assert.EqualValues(t, 1, status.Job.FailedItems)
	assert.InDelta(t, 100, status.ProgressPercentage, 1e-9)

	// Items in pages of three: offsets 0, 3, 6, 9 with limit 3.
	srv.ClearRequests()
	var items []beta.BatchJobItem
	for it, err := range client.Beta.Batch.JobItems.ListAutoPaging(ctx, job.ID, beta.BatchJobItemListParams{Limit: llamacloud.Int(3)}).All() {
		require.NoError(t, err)
		items = append(items, it)
	}
	require.Len(t, items, n)
	for i, it := range items {
		assert.Equal(t, fileIDs[i], it.ItemID)
		assert.Equal(t, fmt.Sprintf("doc%02d.txt", i), it.ItemName)
	}
	assert.Equal(t, beta.BatchJobItemStatusFailed, items[n-1].Status)
	assert.Equal(t, `no text could be extracted from "doc09.txt"`, items[n-1].ErrorMessage)
	reqs := requestsTo(srv, http.MethodGet, sdkBatchPath+"/"+job.ID+"/items")
	require.Len(t, reqs, 4)
	for i, r := range reqs {
		q, err := url.ParseQuery(r.RawQuery)
		require.NoError(t, err)
		assert.Equal(t, "3", q.Get("limit"), "request %d", i)
		if i == 0 {
			assert.Contains(t, []string{"", "0"}, q.Get("offset"))
		} else {
			assert.Equal(t, fmt.Sprint(3*i), q.Get("offset"), "request %d", i)
		}
	}
	// Paging from an offset: 4, then 7.
	srv.ClearRequests()
	var fromFour []string
	for it, err := range client.Beta.Batch.JobItems.ListAutoPaging(ctx, job.ID, beta.BatchJobItemListParams{Offset: llamacloud.Int(4), Limit: llamacloud.Int(3)}).All() {
		require.NoError(t, err)
		fromFour = append(fromFour, it.ItemID)
	}
	assert.Equal(t, fileIDs[4:], fromFour)
	reqs = requestsTo(srv, http.MethodGet, sdkBatchPath+"/"+job.ID+"/items")
	require.Len(t, reqs, 2)
	assert.Equal(t, []string{"limit=3&offset=4", "limit=3&offset=7"}, []string{reqs[0].RawQuery, reqs[1].RawQuery})

	failedItems, err := client.Beta.Batch.JobItems.List(ctx, job.ID, beta.BatchJobItemListParams{Status: beta.BatchJobItemStatusFailed})
	require.NoError(t, err)
	require.Len(t, failedItems.Items, 1)
	assert.Equal(t, fileIDs[n-1], failedItems.Items[0].ItemID)
	assert.EqualValues(t, 1, failedItems.TotalSize)

	results, err := client.Beta.Batch.JobItems.GetProcessingResults(ctx, fileIDs[0], beta.BatchJobItemGetProcessingResultsParams{})
	require.NoError(t, err)
	assert.Equal(t, fileIDs[0], results.ItemID)
	assert.Equal(t, "doc00.txt", results.ItemName)
	require.Len(t, results.ProcessingResults, 1)
	res := results.ProcessingResults[0]
	assert.Equal(t, beta.BatchJobTypeClassify, res.JobType)
	assert.Equal(t, beta.BatchJobTypeClassify, res.JobConfig.Kind())
	assert.Equal(t, "cls-1", res.JobConfig.AsClassify().ID)
	assert.Equal(t, "invoice", res.OutputMetadata["classification"])
	assert.Len(t, res.ParametersHash, 64)
	assert.True(t, strings.HasSuffix(res.OutputS3Path, "/"+fileIDs[0]+".json"), res.OutputS3Path)
	notes, err := client.Beta.Batch.JobItems.GetProcessingResults(ctx, fileIDs[1], beta.BatchJobItemGetProcessingResultsParams{JobType: beta.BatchJobTypeClassify})
	require.NoError(t, err)
	require.Len(t, notes.ProcessingResults, 1)
	assert.Equal(t, "notes", notes.ProcessingResults[0].OutputMetadata["classification"])
	none, err := client.Beta.Batch.JobItems.GetProcessingResults(ctx, fileIDs[1], beta.BatchJobItemGetProcessingResultsParams{JobType: beta.BatchJobTypeParse})
	require.NoError(t, err)
	assert.Empty(t, none.ProcessingResults)
	_, err = client.Beta.Batch.JobItems.GetProcessingResults(ctx, "item-missing", beta.BatchJobItemGetProcessingResultsParams{})
	assert.ErrorIs(t, err, llamacloud.ErrNotFound)

	// The job list, in pages of two: five jobs, three pages.
	var jobIDs = []string{job.ID}
	for range 4 {
		j, err := client.Beta.Batch.New(ctx, beta.BatchNewParams{
			JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
			ItemIDs:   fileIDs[:2],
		})
		require.NoError(t, err)
		jobIDs = append(jobIDs, j.ID)
	}
	srv.ClearRequests()
	var listed []string
	for j, err := range client.Beta.Batch.ListAutoPaging(ctx, beta.BatchListParams{Limit: llamacloud.Int(2)}).All() {
		require.NoError(t, err)
		listed = append(listed, j.ID)
	}
	assert.Equal(t, jobIDs, listed)
	assert.Equal(t, 3, countRequests(srv, http.MethodGet, sdkBatchPath))
	page, err := client.Beta.Batch.List(ctx, beta.BatchListParams{JobType: beta.BatchJobTypeClassify})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, job.ID, page.Items[0].ID)
	page, err = client.Beta.Batch.List(ctx, beta.BatchListParams{DirectoryID: llamacloud.String(dir.ID), Status: beta.BatchJobStatusCompleted})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	page, err = client.Beta.Batch.List(ctx, beta.BatchListParams{Offset: llamacloud.Int(3)})
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.EqualValues(t, 5, page.TotalSize)
}
