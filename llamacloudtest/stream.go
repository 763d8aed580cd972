package llamacloudtest

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// stream makes the response a stream of Server-Sent Events, written once s.mu is released with
// the pause of [WithStreamInterval] between events. The buffered status and headers go first.
func (c *call) stream(events []sseEvent) {
	if events == nil {
		events = []sseEvent{}
	}
	c.events = events
}

// writeEvents writes events to w, flushing each, and waits the stream interval between two
// events. It stops early, leaving the stream unfinished, when ctx ends (the client went away),
// the server closes, or a write fails.
func (s *Server) writeEvents(ctx context.Context, w http.ResponseWriter, events []sseEvent) {
	flusher, _ := w.(http.Flusher)
	var pause *time.Timer
	for i, e := range events {
		if i > 0 && s.cfg.streamInterval > 0 {
			if pause == nil {
				pause = time.NewTimer(s.cfg.streamInterval)
				defer pause.Stop()
			} else {
				pause.Reset(s.cfg.streamInterval)
			}
			select {
			case <-pause.C:
			case <-ctx.Done():
				return
			case <-s.baseCtx.Done(): // Close, also when served through Handler by another server
				return
			}
		}
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}
