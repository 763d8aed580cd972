package llamacloud_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// connStates starts a server that reports every connection state change.
func connStates(t *testing.T) (*httptest.Server, <-chan http.ConnState) {
	t.Helper()
	states := make(chan http.ConnState, 64)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, directoryJSON)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) { states <- s }
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, states
}

// awaitState waits, at most ten seconds, for the server to report state.
func awaitState(t *testing.T, states <-chan http.ConnState, want http.ConnState) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-states:
			if s == want {
				return
			}
		case <-timeout:
			t.Fatalf("no connection reached state %v", want)
		}
	}
}

func TestCloseIdleConnections(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string][]option.RequestOption{
		"SDK's HTTP client":     nil,
		"caller's *http.Client": {option.WithHTTPClient(&http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()})},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, states := connStates(t)
			c := llamacloud.NewClient(append([]option.RequestOption{option.WithBaseURL(srv.URL), option.WithAPIKey("k")}, opts...)...)
			_, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
			require.NoError(t, err)
			awaitState(t, states, http.StateIdle)
			c.CloseIdleConnections()
			awaitState(t, states, http.StateClosed)
			// Still usable.
			_, err = c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
			require.NoError(t, err)
			c.CloseIdleConnections()
		})
	}
	t.Run("a client without CloseIdleConnections, or bad options", func(t *testing.T) {
		t.Parallel()
		assert.NotPanics(t, llamacloud.NewClient(option.WithHTTPClient(doerFunc(func(*http.Request) (*http.Response, error) {
			return nil, nil
		}))).CloseIdleConnections)
		assert.NotPanics(t, llamacloud.NewClient(option.WithMaxRetries(-1)).CloseIdleConnections)
	})
}
