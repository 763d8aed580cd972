package requestconfig

import (
	"context"
	"fmt"
	"log/slog"
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
