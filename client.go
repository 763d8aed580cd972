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
