package llamacloudtest

import (
	"fmt"
	"time"
)

// timeLayout is how the API writes datetimes: RFC 3339, milliseconds, Z.
const timeLayout = "2006-01-02T15:04:05.000Z"

// formatTime writes t the way the API does, e.g. "2019-12-27T18:11:19.117Z".
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// optTime is formatTime for optional fields: nil for the zero time.
func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	v := formatTime(t)
	return &v
}

// parseTime reads a datetime query or body value: RFC 3339 with or without fractions or zone.
func parseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("llamacloudtest: invalid datetime %q", v)
}
