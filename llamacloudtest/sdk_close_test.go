package llamacloudtest_test

import (
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// TestCloseWithUnusedConnection proves that Close does not wait for a connection the client opened
// and never used: net/http's Shutdown treats such a connection as busy for 5 s, so Close must
// close it itself.
func TestCloseWithUnusedConnection(t *testing.T) {
	t.Parallel()
	srv := llamacloudtest.NewServer()
	t.Cleanup(srv.Close)

	idle, err := net.Dial("tcp", srv.URL[len("http://"):])
	require.NoError(t, err)
	defer idle.Close()
	// The server accepts connections in order, so once a request on a later connection was
	// answered, the unused one has been accepted and is tracked as new.
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/beta/directories", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)

	began := time.Now()
	srv.Close()
	assert.Less(t, time.Since(began), 2*time.Second, "Close waited for the unused connection")

	// The server closed the unused connection: reading it ends at once, not at the deadline.
	require.NoError(t, idle.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err = idle.Read(make([]byte, 1))
	require.Error(t, err)
	var ne net.Error
	if errors.As(err, &ne) {
		assert.False(t, ne.Timeout(), "the connection was left open: %v", err)
	}
}
