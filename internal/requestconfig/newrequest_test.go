package requestconfig_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// counting returns an option that counts how often it is applied.
func counting(n *int) requestconfig.RequestOption {
	return func(*requestconfig.Config) error {
		*n++
		return nil
	}
}

// TestNewRequestAppliesEachOptionOnce covers both ways a request's options come: after a
// client's Preset, and alone (a zero-value service), where the defaults fill in around them.
// Not parallel: it sets the environment.
func TestNewRequestAppliesEachOptionOnce(t *testing.T) {
	t.Setenv("LLAMA_CLOUD_API_KEY", "env-key")
	t.Setenv("LLAMA_CLOUD_BASE_URL", "https://env.example.com/prefix")
	t.Setenv("LLAMA_CLOUD_LOG", "debug")

	t.Run("no preset", func(t *testing.T) {
		n := 0
		r, err := requestconfig.NewRequest(http.MethodGet, "api/v1/x", nil, counting(&n),
			option.WithHeader("X-Team", "search"), option.WithMaxRetries(0), option.WithLogger(nil))
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		cfg := r.Config
		assert.Equal(t, "search", cfg.Header.Get("X-Team"), "a header option needs no defaults first")
		assert.Equal(t, 0, cfg.MaxRetries, "a chosen 0 stays")
		assert.Nil(t, cfg.Logger, "a chosen nil logger stays")
		assert.Equal(t, "env-key", cfg.APIKey.Reveal())
		assert.Equal(t, "https://env.example.com/prefix", cfg.BaseURL.String())
		assert.NotNil(t, cfg.HTTPClient)
		assert.NotNil(t, cfg.Sleep)
		assert.Equal(t, int64(requestconfig.DefaultMaxResponseBytes), cfg.MaxResponseBytes)

		r, err = requestconfig.NewRequest(http.MethodGet, "api/v1/x", nil, option.WithAPIKey(""))
		require.NoError(t, err)
		assert.Equal(t, requestconfig.DefaultMaxRetries, r.Config.MaxRetries)
		assert.NotNil(t, r.Config.Logger, "LLAMA_CLOUD_LOG")
		assert.False(t, r.Config.APIKey.IsSet(), "an explicit empty key is not replaced by the environment")
	})
	t.Run("after a preset", func(t *testing.T) {
		base := requestconfig.New()
		require.NoError(t, base.Apply(option.WithMaxRetries(5), option.WithBaseURL("https://api.example.com")))
		n := 0
		r, err := requestconfig.NewRequest(http.MethodGet, "api/v1/x", nil, requestconfig.Preset(base, nil), counting(&n),
			option.WithHeader("X-Team", "search"))
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, 5, r.Config.MaxRetries)
		assert.Equal(t, "https://api.example.com", r.Config.BaseURL.String())
		assert.Equal(t, "search", r.Config.Header.Get("X-Team"))
		assert.Empty(t, base.Header.Get("X-Team"), "the preset is not changed")
	})
}

type queryAndBody struct {
	Name      string            `json:"name"`
	PageSize  param.Opt[int64]  `json:"-" query:"page_size"`
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

func TestNewRequestSteps(t *testing.T) {
	t.Parallel()
	opts := []requestconfig.RequestOption{option.WithProjectID("p-client"), option.WithOrganizationID("o-client"),
		option.WithQueryAdd("tag", "a"), option.WithJSONSet("labels.team", "search")}
	r, err := requestconfig.NewRequest(http.MethodPost, "api/v1/x",
		&queryAndBody{Name: "n", PageSize: param.NewOpt[int64](5), ProjectID: param.NewOpt("p-call")}, opts...)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"page_size": {"5"}, "project_id": {"p-call"}, "organization_id": {"o-client"}, "tag": {"a"}}, r.Query)
	assert.JSONEq(t, `{"name":"n","labels":{"team":"search"}}`, string(r.Body))

	r, err = requestconfig.NewRequest(http.MethodPost, "api/v1/x", nil, option.WithJSONSet("a", 1))
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1}`, string(r.Body), "edits start from {} without params")

	r, err = requestconfig.NewRequest(http.MethodGet, "api/v1/x", &queryAndBody{Name: "n"}, option.WithJSONSet("a", 1))
	require.NoError(t, err)
	assert.Nil(t, r.Body, "a GET has no body")
	assert.Equal(t, url.Values{}, r.Query)
}
