package llamacloud

import (
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
)

// Client is a LlamaCloud API client. Its zero value is not usable: make one with
// [NewClient]. A Client is safe for concurrent use by many goroutines; make one and share it.
type Client struct {
	// Options are the client-wide options every call starts from.
	Options []option.RequestOption
	// Beta holds the services of the beta API.
	Beta *beta.Service
}

// NewClient returns a client configured by the environment and opts:
//
//   - API key: option.WithAPIKey, else LLAMA_CLOUD_API_KEY, else LLAMA_PARSE_API_KEY;
//   - base URL: option.WithBaseURL, else LLAMA_CLOUD_BASE_URL, else https://api.cloud.llamaindex.ai;
//   - logging: option.WithLogger, else LLAMA_CLOUD_LOG=debug|info, else none;
//   - 2 retries, a 5 s connect and 60 s response-header timeout, no overall timeout.
//
// The environment is read once, here. An invalid option (a bad base URL, a negative retry
// count) does not stop NewClient: every call made with the client returns its error.
func NewClient(opts ...option.RequestOption) *Client {
	cfg := requestconfig.New()
	err := cfg.Apply(opts...)
	preset := []option.RequestOption{requestconfig.Preset(cfg, err)}
	return &Client{Options: preset, Beta: beta.NewService(preset...)}
}

// CloseIdleConnections closes the keep-alive connections the client holds open but is not
// using, as http.Client.CloseIdleConnections does: call it when a program is done with the
// API for a while, or before checking for leaked goroutines in a test. It affects the
// client's HTTP client: the SDK's default one, which every Client without
// option.WithHTTPClient shares, or the one given with option.WithHTTPClient, if that has a
// CloseIdleConnections method (an *http.Client has). Connections in use are not touched,
// and the Client stays usable: later calls open new connections.
func (c *Client) CloseIdleConnections() { requestconfig.CloseIdleConnections(c.Options...) }
