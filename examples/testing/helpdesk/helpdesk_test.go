package helpdesk_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/examples/testing/helpdesk"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
	"github.com/run-llama/llama-cloud-go/option"
)

const retrievePath = "/api/v1/retrieval/retrieve"

// newDesk starts an in-memory LlamaCloud for the test and fills a knowledge base on it. The
// server is closed when the test ends.
func newDesk(t *testing.T, opts ...option.RequestOption) (*helpdesk.Helpdesk, *llamacloudtest.Server) {
	t.Helper()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	desk, err := helpdesk.New(ctx, srv.Client(opts...), "support-kb")
	require.NoError(t, err)
	for name, text := range map[string]string{
		"refunds.md":  "# Refunds\n\nRefunds are issued to the original card within 14 days of the return being received.",
		"shipping.md": "# Shipping\n\nOrders ship from our Rotterdam warehouse; delivery in the EU takes 2 to 4 working days.",
		"accounts.md": "# Accounts\n\nTo reset your password, use the Forgot password link on the sign-in page.",
	} {
		require.NoError(t, desk.AddDocument(ctx, name, strings.NewReader(text)))
	}
	return desk, srv
}

// count returns how many requests to path the server received.
func count(srv *llamacloudtest.Server, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

func TestAnswerFindsTheRightDocument(t *testing.T) {
	t.Parallel()
	desk, _ := newDesk(t)
	for _, tc := range []struct {
		question, source, passage string
	}{
		{"How long does a refund take?", "refunds.md", "within 14 days"},
		{"How long is delivery in the EU?", "shipping.md", "2 to 4 working days"},
		{"I forgot my password", "accounts.md", "Forgot password link"},
	} {
		t.Run(tc.source, func(t *testing.T) {
			t.Parallel()
			got, err := desk.Answer(context.Background(), tc.question)
			require.NoError(t, err)
			assert.Equal(t, tc.source, got.Source)
			assert.Contains(t, got.Passage, tc.passage)
			assert.GreaterOrEqual(t, got.Score, helpdesk.MinScore)
		})
	}
}

func TestAnswerWithAnEmptyKnowledgeBase(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)
	desk, err := helpdesk.New(context.Background(), srv.Client(), "empty")
	require.NoError(t, err)

	_, err = desk.Answer(context.Background(), "How long does a refund take?")

	assert.ErrorIs(t, err, helpdesk.ErrNoAnswer)
}

func TestAnswerRetriesAnOverloadedService(t *testing.T) {
	t.Parallel()
	desk, srv := newDesk(t)
	// The next two retrievals answer 503; the SDK retries twice by default, honouring the
	// retry-after-ms header (kept tiny so the test stays fast).
	srv.FailNext(2, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Path: retrievePath})

	got, err := desk.Answer(context.Background(), "How long does a refund take?")

	require.NoError(t, err)
	assert.Equal(t, "refunds.md", got.Source)
	assert.Equal(t, 3, count(srv, retrievePath), "two failed attempts, then the one that worked")
}

func TestAnswerGivesUpWhenTheServiceStaysDown(t *testing.T) {
	t.Parallel()
	desk, srv := newDesk(t, option.WithMaxRetries(1)) // options of srv.Client apply to every call
	srv.FailNext(2, llamacloudtest.Fault{Status: http.StatusServiceUnavailable, RetryAfterMS: 1, Path: retrievePath})

	_, err := desk.Answer(context.Background(), "How long does a refund take?")

	assert.ErrorIs(t, err, llamacloud.ErrServer)
	var apiErr *llamacloud.Error
	if assert.ErrorAs(t, err, &apiErr) {
		assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	}
	assert.Equal(t, 2, count(srv, retrievePath), "one try and one retry")
}

func TestOpen(t *testing.T) {
	t.Parallel()
	desk, srv := newDesk(t)

	t.Run("existing index", func(t *testing.T) {
		t.Parallel()
		again, err := helpdesk.Open(context.Background(), srv.Client(), desk.IndexID())
		require.NoError(t, err)
		got, err := again.Answer(context.Background(), "How long does a refund take?")
		require.NoError(t, err)
		assert.Equal(t, "refunds.md", got.Source)
	})
	t.Run("unknown index", func(t *testing.T) {
		t.Parallel()
		_, err := helpdesk.Open(context.Background(), srv.Client(), "idx-does-not-exist")
		assert.ErrorIs(t, err, helpdesk.ErrUnknownKnowledgeBase)
		assert.ErrorIs(t, err, llamacloud.ErrNotFound)
		assert.ErrorContains(t, err, `"idx-does-not-exist"`)
	})
	t.Run("another project's index", func(t *testing.T) {
		t.Parallel()
		// Keys belong to projects; an index of another project answers 404.
		srv.AddKey("llx-other-team", "proj-other")
		_, err := helpdesk.Open(context.Background(), srv.Client(option.WithAPIKey("llx-other-team")), desk.IndexID())
		assert.ErrorIs(t, err, helpdesk.ErrUnknownKnowledgeBase)
	})
}
