package requestconfig

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/run-llama/llama-cloud-go/internal/credential"
)

// envLogger returns the logger LLAMA_CLOUD_LOG asks for ("debug" or "info", to stderr as
// text), or nil for no logging.
func envLogger(level string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "debug":
		l = slog.LevelDebug
	case "info":
		l = slog.LevelInfo
	default:
		return nil
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

// headerLog logs a header with its credentials masked.
type headerLog http.Header

// LogValue returns the header as a group with the credential headers masked.
func (h headerLog) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(h))
	for k, v := range h {
		val := strings.Join(v, ", ")
		if credential.IsHeader(k) {
			val = credential.Redacted
		}
		attrs = append(attrs, slog.String(k, val))
	}
	return slog.GroupValue(attrs...)
}

// logAttempt records attempt number attempt (from 1) of a request.
func (c *Config) logAttempt(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, took time.Duration) {
	if c.Logger == nil || !c.Logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.Int("attempt", attempt),
		slog.Duration("duration", took),
		slog.Any("request_headers", headerLog(req.Header)),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.Logger.LogAttrs(ctx, slog.LevelDebug, "llamacloud: request", attrs...)
}

// logRetry records that attempt number attempt (from 1) failed and is retried after delay.
func (c *Config) logRetry(ctx context.Context, req *http.Request, reason string, attempt int, delay time.Duration) {
	if c.Logger == nil || !c.Logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	c.Logger.LogAttrs(ctx, slog.LevelInfo, "llamacloud: retrying request",
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.String("reason", reason),
		slog.Int("attempt", attempt),
		slog.Duration("delay", delay),
	)
}
