package llamacloud_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The credentials of these tests: the API key, a gateway key and a cookie set with
// option.WithHeader, and a session cookie the server sets.
const (
	gatewayKey    = "gw-key-4471"
	requestCookie = "sid=req-cookie-9911"
	serverCookie  = "srv-cookie-7302"
)

var allSecrets = []string{secretKey, gatewayKey, "req-cookie-9911", serverCookie}

// secretsIn walks every value reachable from root (exported and unexported fields, pointers,
// interfaces, slices, arrays and maps; not channels or functions, whose contents reflection
// cannot read) and returns the path of each string or byte slice that holds one of secrets.
func secretsIn(root any, secrets ...string) []string {
	type visit struct {
		ptr uintptr
		typ reflect.Type
	}
	seen := map[visit]bool{}
	var found []string
	budget := 500_000
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if budget--; budget < 0 {
			return
		}
		check := func(s string) {
			for _, secret := range secrets {
				if strings.Contains(s, secret) {
					found = append(found, path)
				}
			}
		}
		switch v.Kind() {
		case reflect.String:
			check(v.String())
		case reflect.Pointer, reflect.Map, reflect.Slice:
			if v.IsNil() {
				return
			}
			key := visit{v.Pointer(), v.Type()}
			if seen[key] {
				return
			}
			seen[key] = true
			switch v.Kind() {
			case reflect.Pointer:
				walk(v.Elem(), path)
			case reflect.Map:
				for it := v.MapRange(); it.Next(); {
					walk(it.Key(), path+"[key]")
					walk(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()))
				}
			default:
				if v.Type().Elem().Kind() == reflect.Uint8 {
					check(string(v.Bytes()))
					return
				}
				for i := range v.Len() {
					walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
				}
			}
		case reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	}
	walk(reflect.ValueOf(root), reflect.TypeOf(root).String())
	return found
}

func TestSecretsInFindsCredentials(t *testing.T) {
	t.Parallel()
	// The walk itself must see through headers, pointers and unexported fields, or the
	// tests below would pass for nothing.
	req, err := http.NewRequest(http.MethodGet, "https://h/p", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+secretKey)
	resp := &http.Response{Request: req}
	assert.Equal(t, []string{`*http.Response.Request.Header[Authorization][0]`}, secretsIn(resp, secretKey))
	type hidden struct{ b []byte }
	assert.Len(t, secretsIn(&hidden{[]byte("x" + serverCookie)}, serverCookie), 1)
}

// redirectingServer answers /api/v1/beta/directories/{id} by redirecting to /{id}-moved on the
// same host, setting a cookie, and answers there with status (and a directory for 200).
func redirectingServer(t *testing.T, status int) *testserver.Server {
	t.Helper()
	return testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: serverCookie})
		if !strings.HasSuffix(r.URL.Path, "-moved") {
			http.Redirect(w, r, r.URL.Path+"-moved", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		if status == http.StatusOK {
			_, _ = io.WriteString(w, directoryJSON)
			return
		}
		_, _ = io.WriteString(w, `{"detail":"no such directory"}`)
	}))
}

func credentialClient(base string, opts ...option.RequestOption) *llamacloud.Client {
	return llamacloud.NewClient(append([]option.RequestOption{
		option.WithBaseURL(base), option.WithAPIKey(secretKey), option.WithMaxRetries(0),
		option.WithHeader("X-Api-Key", gatewayKey), option.WithHeader("Cookie", requestCookie),
	}, opts...)...)
}

func TestErrorHoldsNoCredential(t *testing.T) {
	t.Parallel()
	srv := redirectingServer(t, http.StatusNotFound)
	_, err := credentialClient(srv.URL).Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	var apiErr *llamacloud.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	// The redirect chain is there to walk: the response's request is the second hop, whose
	// Response is the redirect.
	require.NotNil(t, apiErr.Response.Request)
	assert.Equal(t, testserver.Prefix+"/api/v1/beta/directories/d-moved", apiErr.Response.Request.URL.Path)
	require.NotNil(t, apiErr.Response.Request.Response)
	assert.Equal(t, http.StatusFound, apiErr.Response.Request.Response.StatusCode)
	assert.Equal(t, "REDACTED", apiErr.Request.Header.Get("Authorization"))
	assert.Equal(t, "REDACTED", apiErr.Response.Request.Header.Get("Authorization"))
	assert.Equal(t, "REDACTED", apiErr.Response.Header.Get("Set-Cookie"))

	assert.Empty(t, secretsIn(apiErr, allSecrets...))
	assert.Empty(t, secretsIn(err, allSecrets...))
	for _, s := range []string{err.Error(), string(apiErr.DumpRequest(true)), string(apiErr.DumpResponse(true))} {
		for _, secret := range allSecrets {
			assert.NotContains(t, s, secret)
		}
	}
}

func TestResponseIntoHoldsNoCredential(t *testing.T) {
	t.Parallel()
	srv := redirectingServer(t, http.StatusOK)
	for name, status := range map[string]int{"success": http.StatusOK, "error": http.StatusNotFound} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := srv
			if status != http.StatusOK {
				srv = redirectingServer(t, status)
			}
			var resp *http.Response
			_, err := credentialClient(srv.URL).Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{},
				option.WithResponseInto(&resp))
			if status == http.StatusOK {
				require.NoError(t, err)
				require.NotNil(t, resp)
				assert.Equal(t, http.StatusOK, resp.StatusCode)
				assert.Equal(t, testserver.Prefix+"/api/v1/beta/directories/d-moved", resp.Request.URL.Path)
				assert.Equal(t, "REDACTED", resp.Request.Header.Get("Authorization"))
				assert.Empty(t, secretsIn(resp, allSecrets[:3]...), "no request credential")
			} else {
				assert.ErrorIs(t, err, llamacloud.ErrNotFound)
			}
		})
	}
}

func TestPageResponseHoldsNoCredential(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, testserver.Reply{Body: []byte(`{"items":[` + directoryJSON + `],"next_page_token":""}`)})
	page, err := credentialClient(srv.URL).Beta.Directories.List(context.Background(), beta.DirectoryListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	require.NotNil(t, page.Response())
	assert.Equal(t, http.StatusOK, page.Response().StatusCode)
	assert.Empty(t, secretsIn(page.Response(), allSecrets...))
}

func TestLogsMaskEveryCredentialHeader(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, status(503, "Retry-After-Ms", "0"))
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := credentialClient(srv.URL, option.WithLogger(logger), option.WithMaxRetries(1)).
		Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
	require.True(t, errors.Is(err, llamacloud.ErrServer), "got %v", err)
	out := buf.String()
	for _, h := range []string{"Authorization", "X-Api-Key", "Cookie"} {
		assert.Contains(t, out, h+"=REDACTED")
	}
	for _, secret := range allSecrets {
		assert.NotContains(t, out, secret)
	}
}

// hostsTransport is an *http.Transport that reaches the hosts of a test by name: each
// "host:port" dials the loopback listener given for it, and TLS is verified against the
// httptest certificate, so base URLs like https://api.test work offline.
func hostsTransport(t *testing.T, tlsSrv *httptest.Server, addrs map[string]string) *http.Transport {
	t.Helper()
	tr := tlsSrv.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig.ServerName = "example.com" // a name the httptest certificate holds
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		to, ok := addrs[addr]
		if !ok {
			return nil, fmt.Errorf("test dialer: unknown address %q", addr)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, to)
	}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

func TestRedirectsNeverCarryCredentialsWhereTheyCouldLeak(t *testing.T) {
	t.Parallel()
	type sawHeader struct{ auth, apiKey, cookie string }
	landed := make(chan sawHeader, 1)
	land := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		landed <- sawHeader{r.Header.Get("Authorization"), r.Header.Get("X-Api-Key"), r.Header.Get("Cookie")}
		_, _ = io.WriteString(w, directoryJSON)
	})
	plain := httptest.NewServer(land)
	t.Cleanup(plain.Close)
	// api.test:443 redirects to the URL in the request's X-Target header; other.test:443
	// lands, as does api.test:80 (plain http).
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "other.test" {
			land(w, r)
			return
		}
		http.Redirect(w, r, r.Header.Get("X-Target"), http.StatusFound)
	}))
	t.Cleanup(tlsSrv.Close)
	tlsAddr := tlsSrv.Listener.Addr().String()
	tr := hostsTransport(t, tlsSrv, map[string]string{
		"api.test:443": tlsAddr, "other.test:443": tlsAddr, "api.test:80": plain.Listener.Addr().String(),
	})
	for _, tc := range []struct {
		name   string
		target string
		opts   []option.RequestOption
		want   sawHeader
	}{
		{name: "https to http, same host", target: "http://api.test/landing"},
		{name: "https to http, same host, WithInsecureHTTP", target: "http://api.test/landing",
			opts: []option.RequestOption{option.WithInsecureHTTP()},
			want: sawHeader{"Bearer " + secretKey, gatewayKey, requestCookie}},
		{name: "https to another host", target: "https://other.test/landing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var redirects []string
			own := func(req *http.Request, via []*http.Request) error {
				redirects = append(redirects, req.URL.String())
				return nil
			}
			hc := &http.Client{Transport: tr, CheckRedirect: own}
			c := credentialClient("https://api.test", append([]option.RequestOption{
				option.WithHTTPClient(hc), option.WithHeader("X-Target", tc.target)}, tc.opts...)...)
			d, err := c.Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
			require.NoError(t, err)
			assert.Equal(t, "dir_1", d.ID)
			assert.Equal(t, tc.want, <-landed)
			assert.Equal(t, []string{tc.target}, redirects, "the client's own CheckRedirect still runs")
			assert.Equal(t, reflect.ValueOf(own).Pointer(), reflect.ValueOf(hc.CheckRedirect).Pointer(),
				"the caller's client is not changed")
		})
	}
	t.Run("the client's own CheckRedirect can stop", func(t *testing.T) {
		hc := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}
		_, err := credentialClient("https://api.test", option.WithHTTPClient(hc),
			option.WithHeader("X-Target", "https://other.test/landing")).
			Beta.Directories.Get(context.Background(), "d", beta.DirectoryGetParams{})
		var apiErr *llamacloud.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	})
}
