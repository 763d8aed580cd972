package requestconfig

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

var netDialer = net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}

func randFloat() float64 { return rand.Float64() }

// sleepContext waits d or until ctx ends, whichever is first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryReason says why an attempt should be retried, or "" when it should not. callerCtx
// is the caller's context: a transport error after it has ended is not retried (the error
// says why the attempt stopped). A retryable status is still reported as one, so that the
// wait before the retry, which ends at once, returns the context's error: a call cancelled
// just before or during its backoff fails the same way.
func retryReason(callerCtx context.Context, resp *http.Response, err error) string {
	if err != nil {
		if callerCtx.Err() != nil {
			return ""
		}
		var tooLarge *tooLargeError
		var broken *brokenResponseError
		if errors.As(err, &tooLarge) || errors.As(err, &broken) || errors.Is(err, ErrRedirectLoop) {
			return ""
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return "attempt timed out"
		}
		return "connection error"
	}
	switch resp.Header.Get("X-Should-Retry") {
	case "true":
		return "x-should-retry: true"
	case "false":
		return ""
	}
	switch c := resp.StatusCode; {
	case c == http.StatusRequestTimeout, c == http.StatusConflict, c == http.StatusTooManyRequests, c >= 500:
		return "status " + strconv.Itoa(c)
	}
	return ""
}

const maxRetryAfter = 60 * time.Second

// retryDelay is the wait before retry number n (0 for the first retry): the server's
// retry-after-ms, else its Retry-After (seconds or an HTTP date) when it lies within
// 0–60 s, else 0.5 s·2^n capped at 8 s, less up to 25 % jitter.
func (c *Config) retryDelay(resp *http.Response, n int) time.Duration {
	if resp != nil {
		if ms := resp.Header.Get("Retry-After-Ms"); ms != "" {
			if f, err := strconv.ParseFloat(ms, 64); err == nil && f >= 0 && f <= float64(maxRetryAfter/time.Millisecond) {
				return time.Duration(f * float64(time.Millisecond))
			}
		}
		if ra := resp.Header.Get("Retry-After"); ra != "" {
			d := time.Duration(-1)
			if f, err := strconv.ParseFloat(ra, 64); err == nil {
				d = time.Duration(f * float64(time.Second))
			} else if t, err := http.ParseTime(ra); err == nil {
				d = t.Sub(c.Now())
			}
			if d >= 0 && d <= maxRetryAfter {
				return d
			}
		}
	}
	d := 500 * time.Millisecond << min(n, 5)
	d = min(d, 8*time.Second)
	jitter := 1 - 0.25*c.Rand()
	return time.Duration(float64(d) * jitter)
}
