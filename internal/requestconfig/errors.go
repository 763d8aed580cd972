package requestconfig

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/run-llama/llama-cloud-go/internal/apierror"
	"github.com/run-llama/llama-cloud-go/internal/apiform"
)

// callError is a call that failed without an API error: the transport failed, an attempt's
// timeout or the caller's context ended it, or the response could not be read or decoded. Its
// text names the request once, says at which stage and why, and counts the attempts:
//
//	llamacloud: GET "https://…/directories/d": per-attempt timeout of 500ms exceeded (option.WithRequestTimeout): context deadline exceeded (2 attempts)
//
// It unwraps to the cause, so errors.Is(err, context.DeadlineExceeded) and errors.As(err,
// &netErr) still hold.
type callError struct {
	method   string
	url      string // redacted
	stage    string // "read response", …; empty for the sending itself
	timeout  string // which deadline ended the call, if one did
	attempts int
	note     string
	err      error
}

func (e *callError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s %q: ", apierror.Prefix, e.method, e.url)
	for _, s := range []string{e.stage, e.timeout} {
		if s != "" {
			b.WriteString(s)
			b.WriteString(": ")
		}
	}
	b.WriteString(causeText(e.err))
	b.WriteString(apierror.Remark(e.attempts, e.note))
	return b.String()
}

func (e *callError) Unwrap() error { return e.err }

// causeText is err's text without what callError says already: the method and URL a
// *url.Error repeats, and the "llamacloud: " prefixes of errors the SDK made.
func causeText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return apierror.Unprefixed(err)
}

// callErr builds the error of a call that failed at stage after attempts attempts, telling a
// per-attempt timeout from the end of the caller's context.
func (r *Request) callErr(ctx context.Context, u *url.URL, stage string, attempts int, note string, err error) error {
	e := &callError{method: r.Method, url: u.Redacted(), stage: stage, attempts: attempts, note: note, err: err}
	switch ctxErr := ctx.Err(); {
	case ctxErr != nil:
		e.timeout = "the caller's context ended"
		if !errors.Is(err, ctxErr) {
			// The transport's own words for a cancelled request hide the reason.
			e.err = fmt.Errorf("%w (%s)", ctxErr, causeText(err))
		}
	case r.Config.RequestTimeout > 0 && errors.Is(err, context.DeadlineExceeded):
		e.timeout = fmt.Sprintf("per-attempt timeout of %v exceeded (option.WithRequestTimeout)", r.Config.RequestTimeout)
	}
	return e
}

// notReplayable is the remark on the error of a call that was not retried because its
// upload body could not be sent again whole.
var notReplayable = "not retried: " + apierror.Unprefixed(apiform.ErrNotReplayable)
