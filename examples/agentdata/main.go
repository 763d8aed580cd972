// Agentdata stores the invoices an extraction agent produced as agent-data records, then queries
// them: a filtered, ordered search; totals per vendor with group_by, count and first; an update;
// and a delete by query.
//
//	go run ./examples/agentdata
//
// Without LLAMA_CLOUD_API_KEY it runs against the in-memory LlamaCloud of package llamacloudtest.
// The records go into a collection of their own, deleted at the end.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
)

// invoice is one record the agent extracted.
type invoice struct {
	Number string
	Vendor string
	Total  float64
	Status string // open, overdue or paid
	Due    string // YYYY-MM-DD
}

// invoices are the records the example stores.
var invoices = []invoice{
	{"INV-1001", "ACME Corp", 1200.50, "open", "2024-11-15"},
	{"INV-1002", "Globex", 310.00, "paid", "2024-10-01"},
	{"INV-1003", "ACME Corp", 4800.00, "overdue", "2024-10-20"},
	{"INV-1004", "Initech", 950.75, "open", "2024-11-30"},
	{"INV-1005", "Globex", 2299.99, "open", "2024-12-05"},
	{"INV-1006", "Umbrella", 15000.00, "overdue", "2024-09-30"},
	{"INV-1007", "Initech", 125.00, "paid", "2024-10-12"},
	{"INV-1008", "ACME Corp", 640.00, "paid", "2024-10-28"},
}

func main() {
	deployment := flag.String("deployment", "invoice-agent", "agent deployment to store the records in")
	flag.Parse()
	collection := fmt.Sprintf("example-%d", time.Now().Unix())

	exampleenv.Main("agentdata", func(ctx context.Context, env *exampleenv.Env) error {
		return run(ctx, os.Stdout, env.Client, *deployment, collection)
	})
}

// run stores the invoices in deployment/collection, queries them and deletes them.
func run(ctx context.Context, w io.Writer, client *llamacloud.Client, deployment, collection string) (err error) {
	svc := client.Beta.AgentData
	defer func() {
		// Empty the collection: DeleteByQuery without a filter deletes every record of it.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		res, cerr := svc.DeleteByQuery(ctx, beta.AgentDataDeleteByQueryParams{
			DeploymentName: deployment, Collection: llamacloud.String(collection),
		})
		if cerr != nil {
			err = errors.Join(err, fmt.Errorf("clean up: %w", cerr))
			return
		}
		fmt.Fprintf(w, "\nCleaned up: deleted the %d remaining records of collection %s\n", res.DeletedCount, collection)
	}()

	// 1. Create: Data is free-form JSON.
	fmt.Fprintf(w, "== Create %d records in %s/%s ==\n", len(invoices), deployment, collection)
	ids := map[string]string{} // invoice number → record ID
	for _, inv := range invoices {
		rec, err := svc.New(ctx, beta.AgentDataNewParams{
			DeploymentName: deployment,
			Collection:     llamacloud.String(collection),
			Data: map[string]any{
				"number": inv.Number, "vendor": inv.Vendor, "total": inv.Total,
				"status": inv.Status, "due": inv.Due, "currency": "USD",
			},
		})
		if err != nil {
			return fmt.Errorf("create %s: %w", inv.Number, err)
		}
		ids[inv.Number] = rec.ID
		fmt.Fprintf(w, "  %s  %s  %-9s %9.2f  %s\n", rec.ID, inv.Number, inv.Vendor, inv.Total, inv.Status)
	}

	// 2. Search: every condition must hold; order_by sorts on data fields, "desc" reverses.
	fmt.Fprintln(w, "\n== Search: unpaid invoices of 1,000 or more, largest first ==")
	page, err := svc.Search(ctx, beta.AgentDataSearchParams{
		DeploymentName: deployment,
		Collection:     llamacloud.String(collection),
		Filter: map[string]beta.AgentDataFilter{
			"total":  {Gte: beta.AgentDataFilterFloat(1000)},
			"status": {Includes: beta.AgentDataFilterStrings("open", "overdue")},
		},
		OrderBy:      llamacloud.String("data.total desc"),
		IncludeTotal: llamacloud.Bool(true),
	})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	fmt.Fprintf(w, "  %d matches\n", page.TotalSize)
	for _, rec := range page.Items {
		fmt.Fprintf(w, "  %s  %-9s %9.2f  %-7s due %s\n", rec.Data["number"], rec.Data["vendor"], rec.Data["total"], rec.Data["status"], rec.Data["due"])
	}

	// 3. Aggregate: one group per vendor with its record count and its oldest record.
	fmt.Fprintln(w, "\n== Aggregate: invoices per vendor ==")
	for g, err := range svc.AggregateAutoPaging(ctx, beta.AgentDataAggregateParams{
		DeploymentName: deployment,
		Collection:     llamacloud.String(collection),
		GroupBy:        []string{"vendor"},
		Count:          llamacloud.Bool(true),
		First:          llamacloud.Bool(true),
		OrderBy:        llamacloud.String("vendor"),
	}).All() {
		if err != nil {
			return fmt.Errorf("aggregate: %w", err)
		}
		fmt.Fprintf(w, "  %-9s %d invoice(s), first: %s\n", g.GroupKey["vendor"], g.Count, g.FirstItem["number"])
	}

	// 4. Update replaces a record's data whole.
	fmt.Fprintln(w, "\n== Update: INV-1003 was paid ==")
	rec, err := svc.Get(ctx, ids["INV-1003"], beta.AgentDataGetParams{})
	if err != nil {
		return fmt.Errorf("get INV-1003: %w", err)
	}
	data := rec.Data
	data["status"] = "paid"
	data["paid_on"] = "2024-11-02"
	if rec, err = svc.Update(ctx, rec.ID, beta.AgentDataUpdateParams{Data: data}); err != nil {
		return fmt.Errorf("update INV-1003: %w", err)
	}
	fmt.Fprintf(w, "  %s is now %s (paid on %s)\n", rec.Data["number"], rec.Data["status"], rec.Data["paid_on"])

	// 5. Delete by query: every paid invoice.
	fmt.Fprintln(w, "\n== Delete by query: paid invoices ==")
	res, err := svc.DeleteByQuery(ctx, beta.AgentDataDeleteByQueryParams{
		DeploymentName: deployment,
		Collection:     llamacloud.String(collection),
		Filter:         map[string]beta.AgentDataFilter{"status": {Eq: beta.AgentDataFilterString("paid")}},
	})
	if err != nil {
		return fmt.Errorf("delete paid: %w", err)
	}
	left, err := svc.Aggregate(ctx, beta.AgentDataAggregateParams{
		DeploymentName: deployment,
		Collection:     llamacloud.String(collection),
		Count:          llamacloud.Bool(true), // no group_by: the whole collection is one group
	})
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	var remaining int64
	if len(left.Items) > 0 {
		remaining = left.Items[0].Count
	}
	fmt.Fprintf(w, "  deleted %d records; %d left\n", res.DeletedCount, remaining)
	return nil
}
