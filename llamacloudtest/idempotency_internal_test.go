package llamacloudtest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIdempotencyStoreLimits checks the bounds of a project's key store: the most recent
// idempotencyMaxKeys keys, at most idempotencyMaxBytes of responses, idempotencyTTL of age.
func TestIdempotencyStoreLimits(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	entry := func(key string, size int, at time.Time) *idempotentResponse {
		return &idempotentResponse{key: key, size: size, at: at}
	}

	t.Run("count", func(t *testing.T) {
		var st idempotencyStore
		for i := range idempotencyMaxKeys + 10 {
			st.add(entry(fmt.Sprint("k", i), 1, t0))
		}
		assert.Len(t, st.byKey, idempotencyMaxKeys)
		assert.NotContains(t, st.byKey, "k9", "the oldest keys are forgotten")
		assert.Contains(t, st.byKey, "k10")
		assert.Contains(t, st.byKey, fmt.Sprint("k", idempotencyMaxKeys+9))
		assert.Equal(t, idempotencyMaxKeys, st.bytes)
		assert.LessOrEqual(t, len(st.order), 2*idempotencyMaxKeys+1, "the queue is compacted")
	})
	t.Run("bytes", func(t *testing.T) {
		var st idempotencyStore
		st.add(entry("a", idempotencyMaxBytes/2, t0))
		st.add(entry("b", idempotencyMaxBytes/2, t0))
		st.add(entry("c", 1, t0))
		assert.NotContains(t, st.byKey, "a")
		assert.Contains(t, st.byKey, "b")
		assert.Equal(t, idempotencyMaxBytes/2+1, st.bytes)
		st.add(entry("huge", idempotencyMaxBytes+1, t0))
		assert.Empty(t, st.byKey, "a response larger than the budget is not kept, and does not panic")
		assert.Zero(t, st.bytes)
	})
	t.Run("age", func(t *testing.T) {
		var st idempotencyStore
		st.add(entry("old", 1, t0))
		st.add(entry("new", 1, t0.Add(time.Hour)))
		st.expire(t0.Add(idempotencyTTL))
		require.Contains(t, st.byKey, "old", "exactly the TTL old is still kept")
		st.expire(t0.Add(idempotencyTTL + time.Millisecond))
		assert.NotContains(t, st.byKey, "old")
		assert.Contains(t, st.byKey, "new")
		st.expire(t0.Add(idempotencyTTL + 2*time.Hour))
		assert.Empty(t, st.byKey)
		assert.Zero(t, st.bytes)
	})
}
