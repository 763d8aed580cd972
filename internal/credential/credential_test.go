package credential

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeaders(t *testing.T) {
	t.Parallel()
	for _, h := range Headers() {
		assert.Equal(t, http.CanonicalHeaderKey(h), h, "canonical form")
		assert.True(t, IsHeader(h))
	}
	for _, h := range []string{"authorization", "PROXY-AUTHORIZATION", "cookie", "set-cookie", "x-api-key"} {
		assert.True(t, IsHeader(h), h)
	}
	for _, h := range []string{"Accept", "User-Agent", "Idempotency-Key", "X-Request-Id", "Content-Type"} {
		assert.False(t, IsHeader(h), h)
	}
	hs := Headers()
	hs[0] = "Accept"
	assert.False(t, IsHeader("Accept"), "Headers returns a copy")
}

func TestRedactAndStrip(t *testing.T) {
	t.Parallel()
	h := http.Header{"Authorization": {"Bearer k"}, "X-Api-Key": {"a", "b"}, "Accept": {"*/*"}}
	Redact(h)
	assert.Equal(t, http.Header{"Authorization": {Redacted}, "X-Api-Key": {Redacted}, "Accept": {"*/*"}}, h)
	h = http.Header{"Authorization": {"Bearer k"}, "Cookie": {"c"}, "Accept": {"*/*"}}
	Strip(h)
	assert.Equal(t, http.Header{"Accept": {"*/*"}}, h)
}

func TestRequestAndResponseCopies(t *testing.T) {
	t.Parallel()
	assert.Nil(t, Request(nil))
	assert.Nil(t, Response(nil))
	first, err := http.NewRequest(http.MethodGet, "https://h/a", nil)
	require.NoError(t, err)
	first.Header.Set("Authorization", "Bearer k")
	redirect := &http.Response{StatusCode: 302, Header: http.Header{"Set-Cookie": {"s=1"}}, Request: first}
	second, err := http.NewRequest(http.MethodPost, "https://h/b", http.NoBody)
	require.NoError(t, err)
	second.Header.Set("Authorization", "Bearer k")
	second.Response = redirect

	r := Request(second)
	assert.Equal(t, "https://h/b", r.URL.String())
	assert.Equal(t, Redacted, r.Header.Get("Authorization"))
	assert.Nil(t, r.Body)
	assert.Nil(t, r.GetBody)
	assert.Equal(t, Redacted, r.Response.Header.Get("Set-Cookie"))
	assert.Equal(t, http.NoBody, r.Response.Body)
	assert.Equal(t, Redacted, r.Response.Request.Header.Get("Authorization"))
	// The originals are untouched.
	assert.Equal(t, "Bearer k", second.Header.Get("Authorization"))
	assert.Equal(t, "Bearer k", first.Header.Get("Authorization"))
	assert.Equal(t, "s=1", redirect.Header.Get("Set-Cookie"))
}
