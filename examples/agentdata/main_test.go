package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

func TestRunQueriesTheInvoices(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	var out bytes.Buffer

	require.NoError(t, run(context.Background(), &out, srv.Client(), "invoice-agent", "test"))

	got := out.String()
	assert.Contains(t, got, "  4 matches\n"+
		"  INV-1006  Umbrella   15000.00  overdue due 2024-09-30\n"+
		"  INV-1003  ACME Corp   4800.00  overdue due 2024-10-20\n"+
		"  INV-1005  Globex      2299.99  open    due 2024-12-05\n"+
		"  INV-1001  ACME Corp   1200.50  open    due 2024-11-15\n")
	assert.Contains(t, got, "  ACME Corp 3 invoice(s), first: INV-1001\n"+
		"  Globex    2 invoice(s), first: INV-1002\n"+
		"  Initech   2 invoice(s), first: INV-1004\n"+
		"  Umbrella  1 invoice(s), first: INV-1006\n")
	assert.Contains(t, got, "INV-1003 is now paid (paid on 2024-11-02)")
	assert.Contains(t, got, "deleted 4 records; 4 left")
	assert.Contains(t, got, "deleted the 4 remaining records of collection test")

	// The search went out with the filter and order the example shows.
	var search []byte
	for _, r := range srv.Requests() {
		if r.Path == "/api/v1/beta/agent-data/:search" {
			search = r.Body
		}
	}
	require.NotNil(t, search)
	assert.Equal(t, `{"gte":1000}`, gjson.GetBytes(search, "filter.total").Raw)
	assert.Equal(t, `{"includes":["open","overdue"]}`, gjson.GetBytes(search, "filter.status").Raw)
	assert.Equal(t, "data.total desc", gjson.GetBytes(search, "order_by").String())

	page, err := srv.Client().Beta.AgentData.Search(context.Background(), beta.AgentDataSearchParams{
		DeploymentName: "invoice-agent", Collection: llamacloud.String("test"),
	})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "the collection is emptied at the end")
}
