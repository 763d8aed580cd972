// Package option holds the request options of the SDK. Pass them to llamacloud.NewClient
// to set client-wide defaults, or to any call to change that call alone:
//
//	client := llamacloud.NewClient(option.WithMaxRetries(5))
//	dir, err := client.Beta.Directories.Get(ctx, "dir_1", beta.DirectoryGetParams{},
//		option.WithRequestTimeout(10*time.Second))
//
// Options apply, in order, to a per-call copy of the client's configuration: a call never
// changes the client, and a later option overrides an earlier one. A bad value (a negative
// retry count, an unparsable base URL) is returned as an error by the call that uses it.
package option

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
)

// RequestOption changes the configuration of a request: a client's (given to
// llamacloud.NewClient) or one call's (given last to any method). Build them with the With…
// functions of this package; the configuration they change is internal to the SDK. An
// option returns an error for a bad value, and the call it applies to returns that error
// before sending anything.
type RequestOption = func(*requestconfig.Config) error

// WithAPIKey sets the API key sent as "Authorization: Bearer <key>". The default is the
// LLAMA_CLOUD_API_KEY environment variable, else LLAMA_PARSE_API_KEY. The key never
// appears in logs, errors, dumps or formatted values.
func WithAPIKey(key string) RequestOption {
	return func(c *requestconfig.Config) error {
		c.APIKey = requestconfig.NewSecret(key)
		return nil
	}
}

// WithBaseURL sets the API's base URL. The default is LLAMA_CLOUD_BASE_URL, else
// https://api.cloud.llamaindex.ai. A path prefix is kept ("https://proxy/llama" sends
// requests to "https://proxy/llama/api/v1/…"); a URL without an http(s) scheme or host, or
// with user info, is an error.
func WithBaseURL(base string) RequestOption {
	return func(c *requestconfig.Config) error {
		u, err := requestconfig.ParseBaseURL(base)
		if err != nil {
			return err
		}
		c.BaseURL = u
		return nil
	}
}

// WithEnvironmentEU selects the EU region, https://api.cloud.eu.llamaindex.ai.
func WithEnvironmentEU() RequestOption { return WithBaseURL(requestconfig.EUBaseURL) }

// WithInsecureHTTP allows sending the API key over plain http to a host that is not
// loopback. Without it such a request fails before anything is sent; loopback hosts
// (127.0.0.1, ::1, localhost) are always allowed, for local fakes and proxies. It also lets
// the credentials follow a redirect from https to http on the same host, which they
// otherwise do not.
func WithInsecureHTTP() RequestOption {
	return func(c *requestconfig.Config) error {
		c.AllowInsecureKey = true
		return nil
	}
}

// WithProjectID sets the project_id query value sent with every call whose params leave
// ProjectID unset. By default none is sent and the API uses the key's default project.
func WithProjectID(id string) RequestOption {
	return func(c *requestconfig.Config) error {
		c.ProjectID = id
		return nil
	}
}

// WithOrganizationID sets the organization_id query value sent with every call whose
// params leave OrganizationID unset. By default none is sent.
func WithOrganizationID(id string) RequestOption {
	return func(c *requestconfig.Config) error {
		c.OrganizationID = id
		return nil
	}
}

// WithHTTPClient sets the client that sends requests; anything with
// Do(*http.Request) (*http.Response, error) will do. The default is an *http.Client with a
// 5 s connect timeout and a 60 s response-header timeout.
//
// The SDK's redirect policy holds for an *http.Client too: the SDK sends with a copy of it
// (client itself is not changed, and later changes to its fields are not seen; its Transport
// is shared) whose CheckRedirect first runs client's own, or stops after ten redirects when
// that is nil, and then drops the credential headers (Authorization, cookies, API-key
// headers) from any hop that leaves the base URL's host or goes from https to http. A client
// of another type follows redirects its own way.
func WithHTTPClient(client interface {
	Do(*http.Request) (*http.Response, error)
}) RequestOption {
	return func(c *requestconfig.Config) error {
		if client == nil {
			return fmt.Errorf("llamacloud: WithHTTPClient: nil client")
		}
		if hc, ok := client.(*http.Client); ok && hc == nil {
			return fmt.Errorf("llamacloud: WithHTTPClient: nil *http.Client")
		}
		c.HTTPClient = requestconfig.GuardRedirects(client)
		return nil
	}
}

// WithMaxRetries sets how many times a failed request is retried. The default is 2;
// 0 disables retries.
func WithMaxRetries(n int) RequestOption {
	return func(c *requestconfig.Config) error {
		if n < 0 {
			return fmt.Errorf("llamacloud: max retries %d is negative", n)
		}
		c.SetMaxRetries(n)
		return nil
	}
}

// WithRequestTimeout limits each attempt of a request, from sending it to reading the
// whole response; a timed-out attempt is retried. The default is no limit beyond the
// context's and the transport's (5 s to connect, 60 s to the response headers).
func WithRequestTimeout(d time.Duration) RequestOption {
	return func(c *requestconfig.Config) error {
		if d < 0 {
			return fmt.Errorf("llamacloud: request timeout %v is negative", d)
		}
		c.RequestTimeout = d
		return nil
	}
}

// WithMaxResponseBytes limits the size of a JSON response body; a larger one fails with an
// error instead of exhausting memory. The default is 256 MiB. Streams are limited by
// [WithMaxStreamEventBytes] instead.
func WithMaxResponseBytes(n int64) RequestOption {
	return func(c *requestconfig.Config) error {
		if n <= 0 {
			return fmt.Errorf("llamacloud: max response bytes %d is not positive", n)
		}
		c.MaxResponseBytes = n
		return nil
	}
}

// WithMaxStreamEventBytes limits the size of one line of a streamed response (such as
// Chat.Stream's) and of one event's data: a stream passing it ends with an
// *ssestream.EventTooLargeError instead of buffering without bound. The default is 32 MiB,
// far above any real event (chat events are a few KiB): the limit bounds the memory a broken
// or hostile server can make a stream hold, not the events a real one sends. A value below 1
// is an error.
func WithMaxStreamEventBytes(n int64) RequestOption {
	return func(c *requestconfig.Config) error {
		if n <= 0 {
			return fmt.Errorf("llamacloud: max stream event bytes %d is not positive", n)
		}
		c.MaxStreamEventBytes = n
		return nil
	}
}

// WithHeader sets a request header, replacing any value it had.
func WithHeader(key, value string) RequestOption {
	return func(c *requestconfig.Config) error {
		if c.Header == nil {
			c.Header = http.Header{}
		}
		c.Header.Set(key, value)
		return nil
	}
}

// WithHeaderAdd adds a value to a request header.
func WithHeaderAdd(key, value string) RequestOption {
	return func(c *requestconfig.Config) error {
		if c.Header == nil {
			c.Header = http.Header{}
		}
		c.Header.Add(key, value)
		return nil
	}
}

// WithHeaderDel removes a request header set by an earlier option.
func WithHeaderDel(key string) RequestOption {
	return func(c *requestconfig.Config) error {
		c.Header.Del(key)
		return nil
	}
}

// WithQuery sets a query value, replacing any value the key had from earlier options.
// Values from the params are kept alongside.
func WithQuery(key, value string) RequestOption {
	return func(c *requestconfig.Config) error {
		if c.Query == nil {
			c.Query = url.Values{}
		}
		c.Query.Set(key, value)
		return nil
	}
}

// WithQueryAdd adds a query value.
func WithQueryAdd(key, value string) RequestOption {
	return func(c *requestconfig.Config) error {
		if c.Query == nil {
			c.Query = url.Values{}
		}
		c.Query.Add(key, value)
		return nil
	}
}

// WithQueryDel removes a query key set by an earlier option.
func WithQueryDel(key string) RequestOption {
	return func(c *requestconfig.Config) error {
		c.Query.Del(key)
		return nil
	}
}

// WithJSONSet sets a value in the JSON body at an sjson path ("a.b", "list.0"), for fields
// the params do not have yet. It is applied after the params are encoded.
func WithJSONSet(path string, value any) RequestOption {
	return func(c *requestconfig.Config) error {
		c.JSONEdits = append(c.JSONEdits, requestconfig.JSONEdit{Path: path, Value: value})
		return nil
	}
}

// WithJSONDel removes the value at an sjson path from the JSON body.
func WithJSONDel(path string) RequestOption {
	return func(c *requestconfig.Config) error {
		c.JSONEdits = append(c.JSONEdits, requestconfig.JSONEdit{Path: path, Delete: true})
		return nil
	}
}

// WithResponseInto stores the last HTTP response of a successful call in *dst, for reading
// its status and headers. It is a copy whose Body is http.NoBody (the body was read and
// closed) and whose Request holds no credential: its Authorization and other credential
// headers read "REDACTED". A call that takes the live response (a stream, or a raw call into
// a **http.Response) stores that response, its Request likewise redacted.
func WithResponseInto(dst **http.Response) RequestOption {
	return func(c *requestconfig.Config) error {
		c.ResponseInto = dst
		return nil
	}
}

// WithLogger logs requests to l: one Debug record per attempt (method, path, status,
// attempt, duration) and one Info record per retry (reason, delay). Credentials are
// masked in every record. The default is no logging, unless LLAMA_CLOUD_LOG is "debug"
// or "info", which logs text to standard error.
func WithLogger(l *slog.Logger) RequestOption {
	return func(c *requestconfig.Config) error {
		c.SetLogger(l)
		return nil
	}
}
