package llamacloudtest

import (
	"time"
)

// Defaults of a [Server] made without options.
const (
	// DefaultAPIKey is the API key a Server accepts unless [WithAPIKey] changes it.
	DefaultAPIKey = "llx-llamacloudtest-key"
	// DefaultProjectID is the project that [DefaultAPIKey] (or the key set by [WithAPIKey]) belongs to.
	DefaultProjectID = "proj-default"
	// DefaultOrganizationID is the organization every project of a Server belongs to.
	DefaultOrganizationID = "org-default"
	// DefaultMaxUploadSize is the largest upload a Server accepts unless [WithMaxUploadSize] changes it.
	DefaultMaxUploadSize = 100 << 20
	// DefaultRecordLimit is how many requests [Server.Requests] keeps unless [WithRecordLimit] changes it.
	DefaultRecordLimit = 10000
)

// Option configures a [Server]; pass options to [NewServer] or [NewUnstartedServer].
type Option func(*config)

type config struct {
	apiKey      string
	projectID   string
	addr        string
	maxUpload   int64
	jobSteps    int
	recordLimit int
	clock       func() time.Time

	streamInterval time.Duration
}

// WithAPIKey sets the default API key, the one in [Server.APIKey]. The default is [DefaultAPIKey].
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithProjectID sets the ID of the default project, the one the default API key belongs to and
// [Server.PutFile] seeds. The default is [DefaultProjectID].
func WithProjectID(id string) Option { return func(c *config) { c.projectID = id } }

// WithAddr sets the address [Server.Start] listens on. The default is "127.0.0.1:0", a free
// loopback port.
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithMaxUploadSize sets the largest file, in bytes, that an upload may carry; a larger one is
// answered with 413. The default is [DefaultMaxUploadSize] (100 MiB); n <= 0 keeps the default.
func WithMaxUploadSize(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxUpload = n
		}
	}
}

// WithJobSteps sets how many reads advance an asynchronous job by one state: status reads (GET
// requests) of a sheets, batch or split job, and reads of an index being built (a GET of it, or a
// retrieval, grep, read or chat turn over it; see the package doc). The default is 1; 0 makes jobs
// complete and indexes export as soon as they are created or synced. A negative n keeps the default.
func WithJobSteps(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.jobSteps = n
		}
	}
}

// WithRecordLimit sets how many of the most recent requests [Server.Requests] keeps. The default is
// [DefaultRecordLimit]; 0 disables recording; a negative n keeps the default.
func WithRecordLimit(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.recordLimit = n
		}
	}
}

// WithClock sets the source of the timestamps the Server writes (created_at and friends). The
// default is time.Now. A nil now keeps the default.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithStreamInterval sets a pause between the events of a streamed chat turn, so that a client can
// be tested cancelling mid-turn or showing progress. The default is 0, no pause; d <= 0 keeps it.
// The pause ends early when the request's context ends or the server closes, so [Server.Close]
// does not wait for it.
func WithStreamInterval(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.streamInterval = d
		}
	}
}
