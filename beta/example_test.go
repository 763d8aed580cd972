package beta_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// Each example runs against the in-memory LlamaCloud of package llamacloudtest; with a real
// account, make the client with llamacloud.NewClient() instead of srv.Client().

// exampleClock is the fixed time of the examples' servers, so that timestamps print the same.
func exampleClock() time.Time { return time.Date(2024, 10, 14, 9, 30, 0, 0, time.UTC) }

// exampleIndex uploads docs (name → text) into a new directory, indexes it and waits until the
// index is built. It returns the index ID and the display names by directory file ID, which
// retrieval results refer to.
func exampleIndex(ctx context.Context, client *llamacloud.Client, docs map[string]string) (string, map[string]string, error) {
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "handbook"})
	if err != nil {
		return "", nil, err
	}
	names := map[string]string{}
	for _, name := range []string{"leave-policy.md", "pricing.csv", "q3-report.md"} {
		text, ok := docs[name]
		if !ok {
			continue
		}
		f, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
			UploadFile: llamacloud.File(strings.NewReader(text), name, "text/plain"),
		})
		if err != nil {
			return "", nil, err
		}
		names[f.ID] = f.DisplayName
	}
	idx, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID}, 10*time.Minute)
	if err != nil {
		return "", nil, err
	}
	return idx.ID, names, nil
}

// handbook are the documents of the retrieval and chat examples.
var handbook = map[string]string{
	"leave-policy.md": "# Leave policy\n\nBirth parents receive 20 weeks of fully paid parental leave. " +
		"Full-time employees accrue 25 days of paid time off per year.",
	"pricing.csv": "plan,monthly_price_usd,sso\nStarter,49,no\nTeam,199,no\nBusiness,799,yes\n",
	"q3-report.md": "# Q3 2024 report\n\nTotal revenue grew 18% year over year to $42.6 million. " +
		"Enterprise revenue grew 22%, led by financial services.",
}

func ExampleDirectoryService_New() {
	srv := llamacloudtest.NewServer(llamacloudtest.WithClock(exampleClock))
	defer srv.Close()
	client := srv.Client()

	dir, err := client.Beta.Directories.New(context.Background(), beta.DirectoryNewParams{
		Name:        "invoices",
		Description: llamacloud.String("scanned supplier invoices"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dir.ID, dir.Name)
	fmt.Println(dir.Description)
	fmt.Println(dir.CreatedAt.Format(time.RFC3339), dir.JSON.DeletedAt.Valid())
	// Output:
	// dir-000000000001 invoices
	// scanned supplier invoices
	// 2024-10-14T09:30:00Z false
}

func ExampleDirectoryFileService_Upload() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "reports"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// An *os.File works as it is; other readers get a name and content type with llamacloud.File.
	report := strings.NewReader("Q3 revenue grew 18% year over year.")
	file, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(report, "q3.txt", "text/plain"),
		Metadata:   map[string]any{"quarter": "Q3", "year": 2024},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(file.DisplayName, file.DirectoryID == dir.ID)
	fmt.Println(file.Metadata["quarter"], file.Metadata["year"])
	// Output:
	// q3.txt true
	// Q3 2024
}

func ExampleDirectoryService_ListAutoPaging() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, name := range []string{"2024-q1", "2024-q2", "2024-q3", "2024-q4", "2025-q1"} {
		if _, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: name}); err != nil {
			fmt.Println(err)
			return
		}
	}
	srv.ClearRequests()

	// Two directories per page: the pager asks for the next page when the loop needs it.
	pager := client.Beta.Directories.ListAutoPaging(ctx, beta.DirectoryListParams{PageSize: llamacloud.Int(2)})
	for dir, err := range pager.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(dir.Name)
		if dir.Name == "2024-q3" {
			break // no further page is fetched
		}
	}
	fmt.Println("pages fetched:", len(srv.Requests()))
	// Output:
	// 2024-q1
	// 2024-q2
	// 2024-q3
	// pages fetched: 2
}

func ExampleRetrievalService_Retrieve() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	indexID, names, err := exampleIndex(ctx, client, handbook)
	if err != nil {
		fmt.Println(err)
		return
	}

	res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{
		IndexID: indexID,
		Query:   "How much did revenue grow?",
		TopK:    llamacloud.Int(1),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Results {
		fmt.Println(names[r.StaticFields.ParsedDirectoryFileID], r.Score > 0)
		fmt.Println(r.Content)
	}
	// Output:
	// q3-report.md true
	// # Q3 2024 report
	//
	// Total revenue grew 18% year over year to $42.6 million. Enterprise revenue grew 22%, led by financial services.
}

func ExampleRetrievalService_Grep() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	indexID, _, err := exampleIndex(ctx, client, handbook)
	if err != nil {
		fmt.Println(err)
		return
	}

	// Find the file by name, then search its text for a regular expression.
	found, err := client.Beta.Retrieval.Search(ctx, beta.RetrievalSearchParams{
		IndexID:          indexID,
		FileNameContains: llamacloud.String("q3"),
	})
	if err != nil || len(found.Files) == 0 {
		fmt.Println("not found", err)
		return
	}
	res, err := client.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{
		IndexID:      indexID,
		FileID:       found.Files[0].FileID,
		Pattern:      `revenue grew \d+%`,
		ContextChars: llamacloud.Int(10),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range res.Matches {
		fmt.Printf("%d-%d %q\n", m.StartChar, m.EndChar, m.Content)
	}
	// Output:
	// 24-40 "rt\n\nTotal revenue grew 18% year over"
	// 85-101 "nterprise revenue grew 22%, led by f"
}

func ExampleChatService_Stream() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	indexID, _, err := exampleIndex(ctx, client, handbook)
	if err != nil {
		fmt.Println(err)
		return
	}
	session, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{indexID}})
	if err != nil {
		fmt.Println(err)
		return
	}

	stream := client.Beta.Chat.Stream(ctx, session.SessionID, beta.ChatStreamParams{
		IndexIDs: []string{indexID},
		Prompt:   "How long is parental leave?",
	})
	var answer strings.Builder
	for ev, err := range stream.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		switch ev.Type {
		case beta.ChatEventTypeTextDelta:
			answer.WriteString(ev.AsTextDelta().Content) // a terminal would print it at once
		case beta.ChatEventTypeToolCall:
			fmt.Println("tool call:", ev.AsToolCall().Name, ev.AsToolCall().Arguments["query"])
		case beta.ChatEventTypeStop:
			stop := ev.AsStop()
			fmt.Println("stop: error", stop.IsError, "- output tokens counted:", stop.Usage.TotalOutputTokens > 0)
		default:
			fmt.Println(ev.Type)
		}
	}
	fmt.Println(strings.SplitN(answer.String(), "\n", 2)[0])
	// Output:
	// user_input
	// tool call: retrieve How long is parental leave?
	// tool_result
	// text
	// stop: error false - output tokens counted: true
	// Here is what the documents say about "How long is parental leave?":
}

func ExampleAccumulateChat() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	indexID, _, err := exampleIndex(ctx, client, handbook)
	if err != nil {
		fmt.Println(err)
		return
	}
	session, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{indexID}})
	if err != nil {
		fmt.Println(err)
		return
	}

	turn, err := beta.AccumulateChat(client.Beta.Chat.Stream(ctx, session.SessionID, beta.ChatStreamParams{
		IndexIDs: []string{indexID},
		Prompt:   "Which plan includes SSO?",
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The in-memory chat quotes its sources: "[1] file: "…"".
	first, rest, _ := strings.Cut(turn.Text(), "\n\n")
	source, _, _ := strings.Cut(rest, ":")
	fmt.Println(first)
	fmt.Println(source)
	for _, call := range turn.ToolCalls {
		fmt.Println("tool:", call.Name, "answered:", call.Result != nil)
	}
	fmt.Println("finished:", turn.Stop != nil, "input tokens counted:", turn.Usage().TotalInputTokens > 0)
	// Output:
	// Here is what the documents say about "Which plan includes SSO?":
	// [1] pricing.csv
	// tool: retrieve answered: true
	// finished: true input tokens counted: true
}

func ExampleAgentDataService_Search() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, inv := range []map[string]any{
		{"number": "INV-1", "vendor": "ACME", "total": 1200.5, "status": "open"},
		{"number": "INV-2", "vendor": "Globex", "total": 310, "status": "paid"},
		{"number": "INV-3", "vendor": "ACME", "total": 4800, "status": "overdue"},
		{"number": "INV-4", "vendor": "Initech", "total": 950, "status": "open"},
	} {
		if _, err := client.Beta.AgentData.New(ctx, beta.AgentDataNewParams{DeploymentName: "invoice-agent", Data: inv}); err != nil {
			fmt.Println(err)
			return
		}
	}

	page, err := client.Beta.AgentData.Search(ctx, beta.AgentDataSearchParams{
		DeploymentName: "invoice-agent",
		Filter: map[string]beta.AgentDataFilter{
			"total":  {Gte: beta.AgentDataFilterFloat(900)},
			"status": {Includes: beta.AgentDataFilterStrings("open", "overdue")},
		},
		OrderBy:      llamacloud.String("data.total desc"),
		IncludeTotal: llamacloud.Bool(true),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.TotalSize, "matches")
	for _, rec := range page.Items {
		fmt.Println(rec.Data["number"], rec.Data["vendor"], rec.Data["total"])
	}
	// Output:
	// 3 matches
	// INV-3 ACME 4800
	// INV-1 ACME 1200.5
	// INV-4 Initech 950
}

func ExampleAgentDataService_Aggregate() {
	srv := llamacloudtest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, v := range []string{"ACME", "Globex", "ACME", "Initech", "ACME"} {
		_, err := client.Beta.AgentData.New(ctx, beta.AgentDataNewParams{
			DeploymentName: "invoice-agent",
			Data:           map[string]any{"vendor": v},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}

	groups, err := client.Beta.AgentData.Aggregate(ctx, beta.AgentDataAggregateParams{
		DeploymentName: "invoice-agent",
		GroupBy:        []string{"vendor"},
		Count:          llamacloud.Bool(true),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range groups.Items {
		fmt.Println(g.GroupKey["vendor"], g.Count)
	}
	// Output:
	// ACME 3
	// Globex 1
	// Initech 1
}

func ExampleSplitService_NewAndWait() {
	// WithJobSteps(0) makes the fake's jobs finish as soon as they are created.
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(0))
	defer srv.Close()
	client := srv.Client()
	// Pages are separated by form feeds; with the real service, upload a PDF instead.
	fileID := srv.PutFile("bundle.txt", []byte(
		"INVOICE 1042\nAmount due: $1,200.00. Payment terms: 30 days.\f"+
			"INVOICE 1043\nAmount due: $310.00. Payment terms: 14 days.\f"+
			"SERVICE AGREEMENT\nThis contract is signed by both parties and governs the services.\f"+
			"Signatures of the parties to the contract."))

	job, err := client.Beta.Split.NewAndWait(context.Background(), beta.SplitNewParams{
		DocumentInput: beta.SplitNewParamsDocumentInput{Type: beta.SplitDocumentInputTypeFileID, Value: fileID},
		Configuration: beta.SplitNewParamsConfiguration{Categories: []beta.SplitNewParamsConfigurationCategory{
			{Name: "invoice", Description: llamacloud.String("invoices with an amount due")},
			{Name: "contract", Description: llamacloud.String("signed agreements between parties")},
		}},
	}, 10*time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(job.Status)
	for _, seg := range job.Result.Segments {
		fmt.Println(seg.Category, seg.Pages)
	}
	// Output:
	// completed
	// invoice [1 2]
	// contract [3 4]
}

func ExampleNewSheetsJobWaiter() {
	srv := llamacloudtest.NewServer() // jobs advance one state per status check
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	fileID := srv.PutFile("budget.csv", []byte("Department,Q3,Q4\nSales,120,135\nSupport,80,82\n\nApproved by,CFO\n"))
	job, err := client.Beta.Sheets.New(ctx, beta.SheetNewParams{FileID: fileID})
	if err != nil {
		fmt.Println(err)
		return
	}

	// Poll quickly for the example; the defaults are 1 s growing to 30 s.
	w := beta.NewSheetsJobWaiter(client.Beta.Sheets, func(o *beta.WaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, 10*time.Millisecond
	})
	job, err = w.Wait(ctx, job.ID, time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(job.Status)
	for _, r := range job.Regions {
		fmt.Println(r.SheetName, r.RegionType, r.Location)
	}
	// Output:
	// SUCCESS
	// budget table A1:C3
	// budget extra A5:B5
}

func ExampleBatchService_NewAndWait() {
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(0))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "inbox"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		_, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{
			UploadFile: llamacloud.File(strings.NewReader("text of "+name), name, "text/plain"),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}

	status, err := client.Beta.Batch.NewAndWait(ctx, beta.BatchNewParams{
		DirectoryID: llamacloud.String(dir.ID),
		JobConfig:   beta.BatchNewParamsJobConfig{OfParse: &beta.BatchNewParamsJobConfigParse{}},
	}, time.Hour)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(status.Job.Status, status.ProgressPercentage, status.Job.ProcessedItems, "of", status.Job.TotalItems)
	// Output:
	// completed 100 3 of 3
}
