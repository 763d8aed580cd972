package requestconfig

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnvLogger(t *testing.T) {
	t.Parallel()
	assert.Nil(t, envLogger(""), "no logging by default")
	assert.Nil(t, envLogger("verbose"), "unknown levels log nothing")
	debug := envLogger("debug")
	if assert.NotNil(t, debug) {
		assert.True(t, debug.Enabled(context.Background(), slog.LevelDebug))
	}
	info := envLogger("INFO")
	if assert.NotNil(t, info) {
		assert.False(t, info.Enabled(context.Background(), slog.LevelDebug))
		assert.True(t, info.Enabled(context.Background(), slog.LevelInfo))
	}
}

func TestSecretNeverFormats(t *testing.T) {
	t.Parallel()
	s := NewSecret("sk-secret")
	c := Config{APIKey: s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		assert.NotContains(t, fmt.Sprintf(verb, s), "sk-secret", verb)
		assert.NotContains(t, fmt.Sprintf(verb, c), "sk-secret", verb)
		assert.NotContains(t, fmt.Sprintf(verb, &c), "sk-secret", verb)
	}
	assert.Equal(t, "sk-secret", s.Reveal())
	assert.Equal(t, "REDACTED", slog.AnyValue(s).Resolve().String())
}

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://api.example.com":       "https://api.example.com",
		"https://api.example.com/":      "https://api.example.com",
		"http://127.0.0.1:8080/prefix/": "http://127.0.0.1:8080/prefix",
		"https://h/a%2Fb/":              "https://h/a%2Fb",
	} {
		u, err := ParseBaseURL(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, u.String(), in)
		}
	}
	for in, msg := range map[string]string{
		"api.example.com":    "needs an http or https scheme",
		"ftp://h":            "needs an http or https scheme",
		"https://":           "has no host",
		"https://u:secret@h": "must not hold user info",
		"https://h/?q=1":     "must not have a query or fragment",
		"https://h/%zz":      "invalid base URL",
	} {
		_, err := ParseBaseURL(in)
		assert.ErrorContains(t, err, msg, in)
		if err != nil {
			assert.NotContains(t, err.Error(), "secret", in)
		}
	}
}

func TestDefaultClientRedirectPolicy(t *testing.T) {
	t.Parallel()
	hop := func(ctx context.Context, rawURL string) *http.Request {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Authorization", "Bearer k")
		r.Header.Set("X-Api-Key", "g")
		r.Header.Set("Accept", "application/json")
		return r
	}
	insecure := context.WithValue(context.Background(), insecureHTTPKey{}, true)
	for _, tc := range []struct {
		name  string
		ctx   context.Context
		chain []string // the first request, then each hop; the last is checked
		keep  bool
	}{
		{"same host", context.Background(), []string{"https://h/a", "https://h/b"}, true},
		{"host case differs", context.Background(), []string{"https://h/a", "https://H/b"}, true},
		{"other port", context.Background(), []string{"https://h/a", "https://h:8443/b"}, false},
		{"other host", context.Background(), []string{"https://h/a", "https://evil/b"}, false},
		{"https to http", context.Background(), []string{"https://h/a", "http://h/b"}, false},
		{"https to http, insecure allowed", insecure, []string{"https://h/a", "http://h/b"}, true},
		{"http to http", context.Background(), []string{"http://127.0.0.1/a", "http://127.0.0.1/b"}, true},
		{"back to the first host after another", context.Background(), []string{"https://h/a", "https://evil/b", "https://h/c"}, false},
		{"back to https after http", context.Background(), []string{"https://h/a", "http://h/b", "https://h/c"}, false},
	} {
		var via []*http.Request
		for _, u := range tc.chain[:len(tc.chain)-1] {
			via = append(via, hop(tc.ctx, u))
		}
		req := hop(tc.ctx, tc.chain[len(tc.chain)-1])
		assert.NoError(t, defaultHTTPClient.CheckRedirect(req, via), tc.name)
		if tc.keep {
			assert.Equal(t, "Bearer k", req.Header.Get("Authorization"), tc.name)
			assert.Equal(t, "g", req.Header.Get("X-Api-Key"), tc.name)
		} else {
			assert.Empty(t, req.Header.Values("Authorization"), tc.name)
			assert.Empty(t, req.Header.Values("X-Api-Key"), tc.name)
		}
		assert.Equal(t, "application/json", req.Header.Get("Accept"), tc.name)
	}
	via := make([]*http.Request, 10)
	for i := range via {
		via[i] = hop(context.Background(), "https://h/a")
	}
	assert.ErrorIs(t, defaultHTTPClient.CheckRedirect(hop(context.Background(), "https://h/b"), via), ErrRedirectLoop)
}
