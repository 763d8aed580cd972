package llamacloudtest_test

import (
	"context"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// coverageState carries the objects the steps of TestSDKEveryEndpoint create for later steps.
type coverageState struct {
	srv    *llamacloudtest.Server
	client *llamacloud.Client
	ctx    context.Context

	dirID, otherDirID, addedFileID, uploadedFileID, indexID string
	sessionID, agentDataID, sheetJobID, regionID            string
	batchJobID, batchItemID, splitJobID                     string
}

// coverageStep is one endpoint of the API and a call of it through the SDK with checks of its
// result.
type coverageStep struct {
	method, route string // as the fake registers it
	sdk           string // the SDK method of the endpoint, by its path from client.Beta: "Directories.Files.Add"
	call          func(t *testing.T, s *coverageState)
}

// assertSameEndpoints checks that the names found on one side (routes of the fake or SDK methods)
// are exactly those the steps cover, naming each one missing on either side.
func assertSameEndpoints(t *testing.T, kind string, found []string, steps map[string]bool) {
	t.Helper()
	require.NotEmpty(t, found, "no %s found", kind)
	have := map[string]bool{}
	for _, name := range found {
		have[name] = true
		assert.True(t, steps[name], "%s %s has no step in TestSDKEveryEndpoint", kind, name)
	}
	for name := range steps {
		assert.True(t, have[name], "a step names %s, which is no %s", name, kind)
	}
}

// sdkHelperSuffixes end the names of SDK methods that are built on endpoint methods and have no
// route of their own: auto-pagers, create-and-wait helpers and the file-tree upload (Files.UploadFS,
// a listing and one Upload per file).
var sdkHelperSuffixes = []string{"AutoPaging", "AndWait", "UploadFS"}

// sdkEndpointMethods returns the endpoint methods of every service reachable from svc (a pointer to
// a service struct), by path: "Indexes.New", "Directories.Files.Add".
func sdkEndpointMethods(svc any) []string {
	var out []string
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := range t.NumMethod() {
			name := t.Method(i).Name
			helper := false
			for _, suffix := range sdkHelperSuffixes {
				helper = helper || strings.HasSuffix(name, suffix)
			}
			if prefix != "" && !helper {
				out = append(out, prefix+name)
			}
		}
		for i := range t.Elem().NumField() {
			f := t.Elem().Field(i)
			if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				walk(v.Elem().Field(i), prefix+f.Name+".")
			}
		}
	}
	walk(reflect.ValueOf(svc), "")
	sort.Strings(out)
	return out
}

// routeWildcard matches a quoted path wildcard such as \{session_id\}.
var routeWildcard = regexp.MustCompile(`\\\{[a-z_]+\\\}`)

// routeRegexp turns a route such as /api/v1/chat/{session_id} into a regexp matching its paths.
func routeRegexp(route string) *regexp.Regexp {
	return regexp.MustCompile("^" + routeWildcard.ReplaceAllString(regexp.QuoteMeta(route), `[^/]+`) + "$")
}

// TestSDKEveryEndpoint calls each of the fake's endpoints through the SDK, in an order where each
// call finds what it needs, checks its result, and checks from the recorded requests that the step
// did reach its endpoint. The steps must match, one to one and by name, the fake's route table and
// the SDK's endpoint methods, so a route or a method added on one side only fails here.
func TestSDKEveryEndpoint(t *testing.T) {
	t.Parallel()
	srv, client, ctx := sdkServer(t, llamacloudtest.WithJobSteps(1))
	s := &coverageState{srv: srv, client: client, ctx: ctx}
	const (
		dirs    = "/api/v1/beta/directories"
		files   = dirs + "/{directory_id}/files"
		indexes = "/api/v1/indexes"
		retr    = "/api/v1/retrieval"
		chat    = "/api/v1/chat"
		agent   = "/api/v1/beta/agent-data"
		sheets  = "/api/v1/beta/sheets/jobs"
		batch   = "/api/v1/beta/batch-processing"
		split   = "/api/v1/beta/split/jobs"
	)
	steps := []coverageStep{
		// Directories and their files.
		{http.MethodPost, dirs, "Directories.New", func(t *testing.T, s *coverageState) {
			d, err := s.client.Beta.Directories.New(s.ctx, beta.DirectoryNewParams{Name: "coverage"})
			require.NoError(t, err)
			assert.Equal(t, "coverage", d.Name)
			s.dirID = d.ID
			other, err := s.client.Beta.Directories.New(s.ctx, beta.DirectoryNewParams{Name: "other"})
			require.NoError(t, err)
			s.otherDirID = other.ID
		}},
		{http.MethodGet, dirs + "/{directory_id}", "Directories.Get", func(t *testing.T, s *coverageState) {
			d, err := s.client.Beta.Directories.Get(s.ctx, s.dirID, beta.DirectoryGetParams{})
			require.NoError(t, err)
			assert.Equal(t, s.dirID, d.ID)
		}},
		{http.MethodPatch, dirs + "/{directory_id}", "Directories.Update", func(t *testing.T, s *coverageState) {
			d, err := s.client.Beta.Directories.Update(s.ctx, s.dirID, beta.DirectoryUpdateParams{Description: llamacloud.String("all endpoints")})
			require.NoError(t, err)
			assert.Equal(t, "all endpoints", d.Description)
		}},
		{http.MethodGet, dirs, "Directories.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Directories.List(s.ctx, beta.DirectoryListParams{Name: llamacloud.String("coverage")})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, s.dirID, page.Items[0].ID)
		}},
		{http.MethodPost, files, "Directories.Files.Add", func(t *testing.T, s *coverageState) {
			f, err := s.client.Beta.Directories.Files.Add(s.ctx, s.dirID, beta.DirectoryFileAddParams{
				FileID: s.srv.PutFile("guide.md", []byte("The robot charges in 90 minutes. Invoice total: 300 EUR.")),
			})
			require.NoError(t, err)
			assert.Equal(t, "guide.md", f.DisplayName)
			s.addedFileID = f.ID
		}},
		{http.MethodPost, files + "/upload", "Directories.Files.Upload", func(t *testing.T, s *coverageState) {
			f, err := s.client.Beta.Directories.Files.Upload(s.ctx, s.dirID, beta.DirectoryFileUploadParams{
				UploadFile: llamacloud.File(strings.NewReader("Warranty: two years on parts and labour."), "warranty.txt", "text/plain"),
				Metadata:   map[string]any{"topic": "warranty"},
			})
			require.NoError(t, err)
			assert.Equal(t, map[string]any{"topic": "warranty"}, f.Metadata)
			s.uploadedFileID = f.ID
		}},
		{http.MethodGet, files + "/{directory_file_id}", "Directories.Files.Get", func(t *testing.T, s *coverageState) {
			f, err := s.client.Beta.Directories.Files.Get(s.ctx, s.dirID, s.uploadedFileID, beta.DirectoryFileGetParams{})
			require.NoError(t, err)
			assert.Equal(t, "warranty.txt", f.DisplayName)
		}},
		{http.MethodPatch, files + "/{directory_file_id}", "Directories.Files.Update", func(t *testing.T, s *coverageState) {
			f, err := s.client.Beta.Directories.Files.Update(s.ctx, s.dirID, s.uploadedFileID, beta.DirectoryFileUpdateParams{DisplayName: llamacloud.String("Warranty")})
			require.NoError(t, err)
			assert.Equal(t, "Warranty", f.DisplayName)
		}},
		{http.MethodGet, files, "Directories.Files.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Directories.Files.List(s.ctx, s.dirID, beta.DirectoryFileListParams{})
			require.NoError(t, err)
			require.Len(t, page.Items, 2)
			assert.Equal(t, []string{s.addedFileID, s.uploadedFileID}, []string{page.Items[0].ID, page.Items[1].ID})
		}},

		// Indexes and retrieval.
		{http.MethodPost, indexes, "Indexes.New", func(t *testing.T, s *coverageState) {
			ix, err := s.client.Beta.Indexes.New(s.ctx, beta.IndexNewParams{SourceDirectoryID: s.dirID})
			require.NoError(t, err)
			assert.Equal(t, s.dirID, ix.SourceDirectoryID)
			assert.True(t, ix.LastExportedAt.IsZero(), "built asynchronously")
			assert.Equal(t, "building", ix.Metadata["build_state"])
			s.indexID = ix.ID
		}},
		{http.MethodPost, indexes + "/{index_id}/sync", "Indexes.Sync", func(t *testing.T, s *coverageState) {
			_, err := s.client.Beta.Directories.Files.Add(s.ctx, s.dirID, beta.DirectoryFileAddParams{
				FileID: s.srv.PutFile("late.txt", []byte("Added after the index was made.")),
			})
			require.NoError(t, err)
			res, err := s.client.Beta.Indexes.Sync(s.ctx, s.indexID, beta.IndexSyncParams{})
			require.NoError(t, err)
			assert.JSONEq(t, `{}`, res.RawJSON())
		}},
		{http.MethodGet, indexes + "/{index_id}", "Indexes.Get", func(t *testing.T, s *coverageState) {
			ix, err := s.client.Beta.Indexes.Get(s.ctx, s.indexID, beta.IndexGetParams{})
			require.NoError(t, err)
			assert.EqualValues(t, 3, ix.Metadata["document_count"], "the sync picked up the new file")
			assert.EqualValues(t, 2, ix.Metadata["sync_count"])
		}},
		{http.MethodPost, retr + "/retrieve", "Retrieval.Retrieve", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.Retrieval.Retrieve(s.ctx, beta.RetrievalRetrieveParams{IndexID: s.indexID, Query: "how long is the warranty"})
			require.NoError(t, err)
			require.NotEmpty(t, res.Results)
			assert.Equal(t, s.uploadedFileID, res.Results[0].StaticFields.ParsedDirectoryFileID)
		}},
		{http.MethodPost, retr + "/files/search", "Retrieval.Search", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.Retrieval.Search(s.ctx, beta.RetrievalSearchParams{IndexID: s.indexID, FileNameContains: llamacloud.String("guide")})
			require.NoError(t, err)
			require.Len(t, res.Files, 1)
			assert.Equal(t, s.addedFileID, res.Files[0].FileID)
		}},
		{http.MethodPost, retr + "/files/grep", "Retrieval.Grep", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.Retrieval.Grep(s.ctx, beta.RetrievalGrepParams{IndexID: s.indexID, FileID: s.addedFileID, Pattern: `\d+ minutes`})
			require.NoError(t, err)
			require.Len(t, res.Matches, 1)
			assert.Equal(t, "90 minutes", res.Matches[0].Content)
			assert.EqualValues(t, 21, res.Matches[0].StartChar)
		}},
		{http.MethodPost, retr + "/files/read", "Retrieval.Read", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.Retrieval.Read(s.ctx, beta.RetrievalReadParams{IndexID: s.indexID, FileID: s.addedFileID, Offset: llamacloud.Int(4), MaxLength: llamacloud.Int(5)})
			require.NoError(t, err)
			assert.Equal(t, "robot", res.Content)
		}},

		// Chat.
		{http.MethodPost, chat, "Chat.New", func(t *testing.T, s *coverageState) {
			ses, err := s.client.Beta.Chat.New(s.ctx, beta.ChatNewParams{IndexIDs: []string{s.indexID}})
			require.NoError(t, err)
			assert.Equal(t, []string{s.indexID}, ses.IndexIDs)
			s.sessionID = ses.SessionID
		}},
		{http.MethodPost, chat + "/{session_id}/messages/stream", "Chat.Stream", func(t *testing.T, s *coverageState) {
			turn, err := beta.AccumulateChat(s.client.Beta.Chat.Stream(s.ctx, s.sessionID, beta.ChatStreamParams{Prompt: "How many minutes does the robot need to charge?"}))
			require.NoError(t, err)
			assert.Contains(t, turn.Text(), "90 minutes")
			require.NotNil(t, turn.Stop)
		}},
		{http.MethodGet, chat + "/{session_id}", "Chat.Get", func(t *testing.T, s *coverageState) {
			d, err := s.client.Beta.Chat.Get(s.ctx, s.sessionID, beta.ChatGetParams{})
			require.NoError(t, err)
			require.NotEmpty(t, d.Events)
			assert.Equal(t, beta.ChatEventTypeUserInput, d.Events[0].Type)
		}},
		{http.MethodGet, chat + "/{session_id}/summary", "Chat.GetSummary", func(t *testing.T, s *coverageState) {
			ses, err := s.client.Beta.Chat.GetSummary(s.ctx, s.sessionID, beta.ChatGetSummaryParams{})
			require.NoError(t, err)
			assert.Equal(t, "How many minutes does the robot need to charge?...", ses.GeneratedTitle)
		}},
		{http.MethodPost, chat + "/{session_id}/title", "Chat.SetTitle", func(t *testing.T, s *coverageState) {
			ses, err := s.client.Beta.Chat.SetTitle(s.ctx, s.sessionID, beta.ChatSetTitleParams{FirstMessage: "Charging"})
			require.NoError(t, err)
			assert.Equal(t, "Charging...", ses.GeneratedTitle)
		}},
		{http.MethodGet, chat, "Chat.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Chat.List(s.ctx, beta.ChatListParams{})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, "Charging...", page.Items[0].GeneratedTitle)
		}},
		{http.MethodDelete, chat + "/{session_id}", "Chat.Delete", func(t *testing.T, s *coverageState) {
			require.NoError(t, s.client.Beta.Chat.Delete(s.ctx, s.sessionID, beta.ChatDeleteParams{}))
			page, err := s.client.Beta.Chat.List(s.ctx, beta.ChatListParams{})
			require.NoError(t, err)
			assert.Empty(t, page.Items)
			assert.ErrorIs(t, s.client.Beta.Chat.Delete(s.ctx, s.sessionID, beta.ChatDeleteParams{}), llamacloud.ErrNotFound, "second delete")
		}},

		// Agent data.
		{http.MethodPost, agent, "AgentData.New", func(t *testing.T, s *coverageState) {
			for _, v := range []float64{1, 2, 3} {
				rec, err := s.client.Beta.AgentData.New(s.ctx, beta.AgentDataNewParams{DeploymentName: "cov", Data: map[string]any{"n": v, "odd": v != 2}})
				require.NoError(t, err)
				s.agentDataID = rec.ID
			}
		}},
		{http.MethodGet, agent + "/{item_id}", "AgentData.Get", func(t *testing.T, s *coverageState) {
			rec, err := s.client.Beta.AgentData.Get(s.ctx, s.agentDataID, beta.AgentDataGetParams{})
			require.NoError(t, err)
			assert.Equal(t, 3.0, rec.Data["n"])
		}},
		{http.MethodPut, agent + "/{item_id}", "AgentData.Update", func(t *testing.T, s *coverageState) {
			rec, err := s.client.Beta.AgentData.Update(s.ctx, s.agentDataID, beta.AgentDataUpdateParams{Data: map[string]any{"n": 30.0, "odd": true}})
			require.NoError(t, err)
			assert.Equal(t, 30.0, rec.Data["n"])
		}},
		{http.MethodPost, agent + "/:search", "AgentData.Search", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.AgentData.Search(s.ctx, beta.AgentDataSearchParams{DeploymentName: "cov",
				Filter: map[string]beta.AgentDataFilter{"n": {Gt: beta.AgentDataFilterFloat(1)}}, OrderBy: llamacloud.String("n desc")})
			require.NoError(t, err)
			require.Len(t, page.Items, 2)
			assert.Equal(t, []any{30.0, 2.0}, []any{page.Items[0].Data["n"], page.Items[1].Data["n"]})
		}},
		{http.MethodPost, agent + "/:aggregate", "AgentData.Aggregate", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.AgentData.Aggregate(s.ctx, beta.AgentDataAggregateParams{DeploymentName: "cov", GroupBy: []string{"odd"}, Count: llamacloud.Bool(true)})
			require.NoError(t, err)
			require.Len(t, page.Items, 2)
			assert.Equal(t, map[string]any{"odd": false}, page.Items[0].GroupKey)
			assert.EqualValues(t, 1, page.Items[0].Count)
			assert.EqualValues(t, 2, page.Items[1].Count)
		}},
		{http.MethodDelete, agent + "/{item_id}", "AgentData.Delete", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.AgentData.Delete(s.ctx, s.agentDataID, beta.AgentDataDeleteParams{})
			require.NoError(t, err)
			assert.Equal(t, s.agentDataID, res.Values["id"])
		}},
		{http.MethodPost, agent + "/:delete", "AgentData.DeleteByQuery", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.AgentData.DeleteByQuery(s.ctx, beta.AgentDataDeleteByQueryParams{DeploymentName: "cov"})
			require.NoError(t, err)
			assert.EqualValues(t, 2, res.DeletedCount)
		}},

		// Sheets.
		{http.MethodPost, sheets, "Sheets.New", func(t *testing.T, s *coverageState) {
			j, err := s.client.Beta.Sheets.New(s.ctx, beta.SheetNewParams{FileID: s.srv.PutFile("fleet.csv", []byte(sdkSheet))})
			require.NoError(t, err)
			assert.Equal(t, beta.SheetsJobStatusPending, j.Status)
			s.sheetJobID = j.ID
		}},
		{http.MethodGet, sheets + "/{spreadsheet_job_id}", "Sheets.Get", func(t *testing.T, s *coverageState) {
			j, err := s.client.Beta.Sheets.Get(s.ctx, s.sheetJobID, beta.SheetGetParams{})
			require.NoError(t, err)
			assert.Equal(t, beta.SheetsJobStatusSuccess, j.Status)
			require.Len(t, j.Regions, 2)
			s.regionID = j.Regions[1].RegionID
		}},
		{http.MethodGet, sheets, "Sheets.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Sheets.List(s.ctx, beta.SheetListParams{Status: beta.SheetsJobStatusSuccess})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, s.sheetJobID, page.Items[0].ID)
		}},
		{http.MethodGet, sheets + "/{spreadsheet_job_id}/regions/{region_id}/result/{region_type}", "Sheets.GetResultTable", func(t *testing.T, s *coverageState) {
			u, err := s.client.Beta.Sheets.GetResultTable(s.ctx, s.sheetJobID, s.regionID, beta.SheetRegionTypeTable, beta.SheetGetResultTableParams{})
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(u.URL, s.srv.URL), u.URL)
		}},
		{http.MethodDelete, sheets + "/{spreadsheet_job_id}", "Sheets.DeleteJob", func(t *testing.T, s *coverageState) {
			_, err := s.client.Beta.Sheets.DeleteJob(s.ctx, s.sheetJobID, beta.SheetDeleteJobParams{})
			require.NoError(t, err)
			page, err := s.client.Beta.Sheets.List(s.ctx, beta.SheetListParams{})
			require.NoError(t, err)
			assert.Empty(t, page.Items)
			_, err = s.client.Beta.Sheets.DeleteJob(s.ctx, s.sheetJobID, beta.SheetDeleteJobParams{})
			assert.ErrorIs(t, err, llamacloud.ErrNotFound)
		}},

		// Batch processing.
		{http.MethodPost, batch, "Batch.New", func(t *testing.T, s *coverageState) {
			j, err := s.client.Beta.Batch.New(s.ctx, beta.BatchNewParams{
				DirectoryID: llamacloud.String(s.dirID),
				JobConfig:   beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{JobName: beta.BatchParseJobNameParseRawFile}},
			})
			require.NoError(t, err)
			assert.EqualValues(t, 3, j.TotalItems)
			s.batchJobID = j.ID
		}},
		{http.MethodGet, batch + "/{job_id}", "Batch.GetStatus", func(t *testing.T, s *coverageState) {
			var statuses []beta.BatchJobStatus
			for range 3 {
				st, err := s.client.Beta.Batch.GetStatus(s.ctx, s.batchJobID, beta.BatchGetStatusParams{})
				require.NoError(t, err)
				statuses = append(statuses, st.Job.Status)
			}
			assert.Equal(t, []beta.BatchJobStatus{beta.BatchJobStatusDispatched, beta.BatchJobStatusRunning, beta.BatchJobStatusCompleted}, statuses)
		}},
		{http.MethodGet, batch, "Batch.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Batch.List(s.ctx, beta.BatchListParams{DirectoryID: llamacloud.String(s.dirID)})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, beta.BatchJobStatusCompleted, page.Items[0].Status)
		}},
		{http.MethodGet, batch + "/{job_id}/items", "Batch.JobItems.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Batch.JobItems.List(s.ctx, s.batchJobID, beta.BatchJobItemListParams{})
			require.NoError(t, err)
			require.Len(t, page.Items, 3)
			assert.Equal(t, s.addedFileID, page.Items[0].ItemID)
			assert.Equal(t, beta.BatchJobItemStatusCompleted, page.Items[0].Status)
			s.batchItemID = page.Items[0].ItemID
		}},
		{http.MethodGet, batch + "/items/{item_id}/processing-results", "Batch.JobItems.GetProcessingResults", func(t *testing.T, s *coverageState) {
			res, err := s.client.Beta.Batch.JobItems.GetProcessingResults(s.ctx, s.batchItemID, beta.BatchJobItemGetProcessingResultsParams{})
			require.NoError(t, err)
			require.Len(t, res.ProcessingResults, 1)
			assert.Equal(t, beta.BatchJobTypeParse, res.ProcessingResults[0].JobType)
			assert.Equal(t, beta.BatchParseJobNameParseRawFile, res.ProcessingResults[0].JobConfig.AsParse().JobName)
		}},
		{http.MethodPost, batch + "/{job_id}/cancel", "Batch.Cancel", func(t *testing.T, s *coverageState) {
			j, err := s.client.Beta.Batch.New(s.ctx, beta.BatchNewParams{
				ItemIDs: []string{s.addedFileID}, JobConfig: beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
			})
			require.NoError(t, err)
			res, err := s.client.Beta.Batch.Cancel(s.ctx, j.ID, beta.BatchCancelParams{})
			require.NoError(t, err)
			assert.Equal(t, beta.BatchJobStatusCancelled, res.Status)
		}},

		// Split.
		{http.MethodPost, split, "Split.New", func(t *testing.T, s *coverageState) {
			j, err := s.client.Beta.Split.New(s.ctx, beta.SplitNewParams{
				DocumentInput: beta.SplitNewParamsDocumentInput{Value: s.srv.PutFile("packet.txt", []byte(sdkPacket))}, Configuration: sdkSplitConfig,
			})
			require.NoError(t, err)
			assert.Equal(t, beta.SplitJobStatusPending, j.Status)
			s.splitJobID = j.ID
		}},
		{http.MethodGet, split + "/{split_job_id}", "Split.Get", func(t *testing.T, s *coverageState) {
			j, err := s.client.Beta.Split.Get(s.ctx, s.splitJobID, beta.SplitGetParams{})
			require.NoError(t, err)
			assert.Equal(t, beta.SplitJobStatusProcessing, j.Status)
		}},
		{http.MethodGet, split, "Split.List", func(t *testing.T, s *coverageState) {
			page, err := s.client.Beta.Split.List(s.ctx, beta.SplitListParams{Status: beta.SplitJobStatusProcessing})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, s.splitJobID, page.Items[0].ID)
		}},

		// Deletes last, since the steps above use what they delete.
		{http.MethodDelete, files + "/{directory_file_id}", "Directories.Files.Delete", func(t *testing.T, s *coverageState) {
			require.NoError(t, s.client.Beta.Directories.Files.Delete(s.ctx, s.dirID, s.uploadedFileID, beta.DirectoryFileDeleteParams{}))
			_, err := s.client.Beta.Directories.Files.Get(s.ctx, s.dirID, s.uploadedFileID, beta.DirectoryFileGetParams{})
			assert.ErrorIs(t, err, llamacloud.ErrNotFound)
			require.NoError(t, s.client.Beta.Directories.Files.Delete(s.ctx, s.dirID, s.addedFileID, beta.DirectoryFileDeleteParams{}))
		}},
		{http.MethodDelete, indexes + "/{index_id}", "Indexes.Delete", func(t *testing.T, s *coverageState) {
			require.NoError(t, s.client.Beta.Indexes.Delete(s.ctx, s.indexID, beta.IndexDeleteParams{}))
			_, err := s.client.Beta.Indexes.Get(s.ctx, s.indexID, beta.IndexGetParams{})
			assert.ErrorIs(t, err, llamacloud.ErrNotFound)
			assert.ErrorIs(t, s.client.Beta.Indexes.Delete(s.ctx, s.indexID, beta.IndexDeleteParams{}), llamacloud.ErrNotFound, "second delete")
		}},
		{http.MethodDelete, dirs + "/{directory_id}", "Directories.Delete", func(t *testing.T, s *coverageState) {
			require.NoError(t, s.client.Beta.Directories.Delete(s.ctx, s.dirID, beta.DirectoryDeleteParams{}))
			_, err := s.client.Beta.Directories.Get(s.ctx, s.dirID, beta.DirectoryGetParams{})
			assert.ErrorIs(t, err, llamacloud.ErrNotFound)
			require.NoError(t, s.client.Beta.Directories.Delete(s.ctx, s.otherDirID, beta.DirectoryDeleteParams{}))
		}},
	}

	// The steps, the fake's routes and the SDK's endpoint methods are the same endpoints.
	stepRoutes, stepMethods := map[string]bool{}, map[string]bool{}
	for _, st := range steps {
		key := st.method + " " + st.route
		assert.False(t, stepRoutes[key], "%s listed twice", key)
		assert.False(t, stepMethods[st.sdk], "%s listed twice", st.sdk)
		stepRoutes[key], stepMethods[st.sdk] = true, true
	}
	assertSameEndpoints(t, "route of the fake", llamacloudtest.RouteKeys(srv), stepRoutes)
	assertSameEndpoints(t, "SDK method", sdkEndpointMethods(client.Beta), stepMethods)

	for _, st := range steps {
		name := st.method + " " + st.route
		srv.ClearRequests()
		if !t.Run(name, func(t *testing.T) { st.call(t, s) }) {
			t.Fatalf("%s failed; the later steps depend on it", name)
		}
		re := routeRegexp(st.route)
		hit := 0
		for _, r := range srv.Requests() {
			if r.Method == st.method && re.MatchString(r.Path) {
				hit++
			}
		}
		if !assert.Positive(t, hit, "%s was not called", name) {
			for _, r := range srv.Requests() {
				t.Logf("sent: %s %s", r.Method, r.Path)
			}
		}
	}
}
