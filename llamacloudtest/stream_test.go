package llamacloudtest_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// openTurn starts a chat turn over a new session on the corpus of srv, sent to baseURL, and
// returns the open response. The caller closes its body.
func openTurn(t *testing.T, ctx context.Context, srv *llamacloudtest.Server, baseURL string) *http.Response {
	t.Helper()
	indexID, _ := corpusIndex(t, srv)
	session := mustSend(t, srv, http.StatusOK, http.MethodPost, chatPath, map[string]any{"index_ids": []string{indexID}})
	body := `{"index_ids":["` + indexID + `"],"prompt":"how long is the warranty"}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+chatPath+"/"+session.Get("session_id").String()+"/messages/stream", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	return resp
}

// nextEvent reads one Server-Sent Event block ("event: …\ndata: …").
func nextEvent(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return b.String(), err
		}
		if line == "\n" {
			return b.String(), nil
		}
		b.WriteString(line)
	}
}

func TestStreamIntervalPacesEvents(t *testing.T) {
	t.Parallel()
	const interval = 5 * time.Millisecond
	srv := start(t, llamacloudtest.WithJobSteps(0), llamacloudtest.WithStreamInterval(interval))
	ctx := testContext(t)
	resp := openTurn(t, ctx, srv, srv.URL)
	defer resp.Body.Close()

	r := bufio.NewReader(resp.Body)
	began := time.Now()
	var events []string
	for {
		e, err := nextEvent(r)
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		events = append(events, e)
	}
	elapsed := time.Since(began)
	require.Greater(t, len(events), 5)
	assert.Contains(t, events[0], `"type":"user_input"`)
	assert.Contains(t, events[len(events)-1], `"type":"stop"`, "every event arrived")
	assert.GreaterOrEqual(t, elapsed, time.Duration(len(events)-1)*interval, "a pause between every two events")
}

// TestStreamIntervalEndsWithTheRequest checks that a client cancelling mid-turn ends the handler
// at once, although the next event is an hour away.
func TestStreamIntervalEndsWithTheRequest(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(0), llamacloudtest.WithStreamInterval(time.Hour))
	t.Cleanup(srv.Close)
	handlerDone := make(chan struct{}, 8)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.Handler().ServeHTTP(w, r)
		if strings.HasSuffix(r.URL.Path, "/messages/stream") {
			handlerDone <- struct{}{}
		}
	}))
	t.Cleanup(front.Close)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp := openTurn(t, ctx, srv, front.URL)
	defer resp.Body.Close()
	first, err := nextEvent(bufio.NewReader(resp.Body))
	require.NoError(t, err)
	assert.Contains(t, first, `"type":"user_input"`, "the first event comes at once")
	cancel()
	select {
	case <-handlerDone:
	case <-time.After(10 * time.Second):
		t.Fatal("the stream handler still runs after the client cancelled")
	}
}

// TestStreamIntervalDoesNotHoldClose checks that Close ends a paused stream instead of waiting.
func TestStreamIntervalDoesNotHoldClose(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer(llamacloudtest.WithJobSteps(0), llamacloudtest.WithStreamInterval(time.Hour))
	t.Cleanup(srv.Close)
	resp := openTurn(t, testContext(t), srv, srv.URL)
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	_, err := nextEvent(r)
	require.NoError(t, err)

	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waits for the stream interval")
	}
	rest, _ := io.ReadAll(r) // a clean or an unexpected EOF: either way the rest of the turn
	assert.NotContains(t, string(rest), `"type":"stop"`, "the turn was cut, not finished")
}
