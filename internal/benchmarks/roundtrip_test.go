package benchmarks_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Target 3: a Directories.Get call against a loopback server takes at most 1.15× the time
// and 1.5× the allocations of the same GET written with net/http and encoding/json.

const directoryJSON = `{"id":"dir-7f3a9c2e-41b8-4d2a-9e61-0c5d8b3f1a27","name":"Board packs 2024",` +
	`"project_id":"prj-2b1e6f90-8c3d-4a57-b0e4-9d71c6a5f382","created_at":"2025-03-14T09:26:53.589793Z",` +
	`"deleted_at":null,"description":"Quarterly board packs, scanned and parsed",` +
	`"updated_at":"2025-03-15T11:02:17.104211Z"}`

// directoryServer serves GET /api/v1/beta/directories/{id} with directoryJSON.
func directoryServer(tb testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v1/beta/directories/dir-7f3a9c2e" ||
			r.Header.Get("Authorization") != "Bearer bench-key" {
			http.Error(w, `{"detail":"unexpected request"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, directoryJSON)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// plainGetDirectory is the hand-written call: net/http and encoding/json.
func plainGetDirectory(ctx context.Context, client *http.Client, baseURL, id string) (*plainDirectory, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/api/v1/beta/directories/"+id, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer bench-key")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, body)
	}
	dir := new(plainDirectory)
	if err := json.Unmarshal(body, dir); err != nil {
		return nil, err
	}
	return dir, nil
}

// plainHTTPClient is what a hand-written client would use: the default transport's settings.
func plainHTTPClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

func BenchmarkRoundTrip(b *testing.B) {
	srv := directoryServer(b)
	ctx := context.Background()
	b.Run("impl=baseline", func(b *testing.B) {
		client := plainHTTPClient()
		b.Cleanup(client.CloseIdleConnections)
		b.ReportAllocs()
		b.SetBytes(int64(len(directoryJSON)))
		b.ResetTimer()
		for range b.N {
			dir, err := plainGetDirectory(ctx, client, srv.URL, "dir-7f3a9c2e")
			if err != nil || dir.Name == "" {
				b.Fatal(dir, err)
			}
		}
	})
	b.Run("impl=ours", func(b *testing.B) {
		client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key"))
		b.ReportAllocs()
		b.SetBytes(int64(len(directoryJSON)))
		b.ResetTimer()
		for range b.N {
			dir, err := client.Beta.Directories.Get(ctx, "dir-7f3a9c2e", beta.DirectoryGetParams{})
			if err != nil || dir.Name == "" {
				b.Fatal(dir, err)
			}
		}
	})
}

// cannedTransport answers every request with directoryJSON without touching the network.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(len(directoryJSON)),
		Body:          io.NopCloser(strings.NewReader(directoryJSON)),
		Request:       req,
	}, nil
}

// BenchmarkRoundTripNoNetwork is a diagnostic, not a target: the two calls of
// BenchmarkRoundTrip through an in-memory transport, which leaves only the client-side work
// (building the request, reading and decoding the response) that the loopback round trip's
// scheduling noise hides.
func BenchmarkRoundTripNoNetwork(b *testing.B) {
	ctx := context.Background()
	b.Run("impl=baseline", func(b *testing.B) {
		client := &http.Client{Transport: cannedTransport{}}
		b.ReportAllocs()
		for range b.N {
			if _, err := plainGetDirectory(ctx, client, "http://127.0.0.1:9", "dir-7f3a9c2e"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=ours", func(b *testing.B) {
		client := llamacloud.NewClient(option.WithBaseURL("http://127.0.0.1:9"), option.WithAPIKey("bench-key"),
			option.WithHTTPClient(&http.Client{Transport: cannedTransport{}}))
		b.ReportAllocs()
		for range b.N {
			if _, err := client.Beta.Directories.Get(ctx, "dir-7f3a9c2e", beta.DirectoryGetParams{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestRoundTripAlike checks that both sides of BenchmarkRoundTrip get the same directory.
func TestRoundTripAlike(t *testing.T) {
	t.Parallel()
	srv := directoryServer(t)
	ctx := context.Background()
	client := plainHTTPClient()
	t.Cleanup(client.CloseIdleConnections)
	plain, err := plainGetDirectory(ctx, client, srv.URL, "dir-7f3a9c2e")
	require.NoError(t, err)
	ours, err := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("bench-key")).
		Beta.Directories.Get(ctx, "dir-7f3a9c2e", beta.DirectoryGetParams{})
	require.NoError(t, err)
	var diffs []string
	compareValues("", ourValue(ours), ourValue(plain), &diffs)
	assert.Empty(t, diffs)
	assert.Equal(t, directoryJSON, ours.RawJSON())
}
