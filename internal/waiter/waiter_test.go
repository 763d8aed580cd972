package waiter

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDelay(t *testing.T) {
	t.Parallel()
	const s = time.Second
	for _, tc := range []struct {
		attempt  int
		min, max time.Duration
		r        float64
		want     time.Duration
	}{
		{1, s, 30 * s, 1, s},     // the first delay is MinDelay whatever r is
		{1, s, 30 * s, 0.7, s},   //
		{2, s, 30 * s, 1, 2 * s}, // [1s, 2s]
		{2, s, 30 * s, 0.5, 1500 * time.Millisecond},
		{3, s, 30 * s, 1, 4 * s},  // [1s, 4s]
		{3, s, 30 * s, 0, s},      // the low end is MinDelay
		{5, s, 30 * s, 1, 16 * s}, // [1s, 16s]
		{6, s, 30 * s, 1, 30 * s}, // 32s capped at MaxDelay
		{6, s, 30 * s, 0.5, 15500 * time.Millisecond},
		{1000, s, 30 * s, 1, 30 * s}, // no overflow for large attempts
		{math.MaxInt, s, time.Duration(math.MaxInt64), 1, time.Duration(math.MaxInt64)},
		{4, 2 * s, 2 * s, 1, 2 * s}, // MinDelay == MaxDelay: a fixed delay
		{3, s, 30 * s, 7, 4 * s},    // r is clamped to [0, 1]
		{3, s, 30 * s, -1, s},       //
	} {
		got := Delay(tc.attempt, tc.min, tc.max, tc.r)
		assert.Equal(t, tc.want, got, "Delay(%d, %s, %s, %v)", tc.attempt, tc.min, tc.max, tc.r)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		maxWait, min, max time.Duration
		want              string
	}{
		{time.Minute, time.Second, 30 * time.Second, ""},
		{time.Minute, time.Second, time.Second, ""},
		{0, time.Second, 30 * time.Second, "max wait 0s is not positive"},
		{-time.Second, time.Second, 30 * time.Second, "max wait -1s is not positive"},
		{time.Minute, 0, 30 * time.Second, "min delay 0s is not positive"},
		{time.Minute, 5 * time.Second, time.Second, "min delay 5s is greater than max delay 1s"},
	} {
		err := Validate(tc.maxWait, Options{MinDelay: tc.min, MaxDelay: tc.max})
		if tc.want == "" {
			assert.NoError(t, err)
		} else {
			assert.EqualError(t, err, tc.want)
		}
	}
}

// clock is a fake clock whose Sleep records the delay and moves time on.
type clock struct {
	now    time.Time
	delays []time.Duration
}

func (c *clock) Now() time.Time { return c.now }

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.delays = append(c.delays, d)
	c.now = c.now.Add(d)
	return nil
}

// checks returns a Check that reports the states in turn (the last repeats) and counts calls.
func checks(calls *int, states ...State) func(context.Context) (string, State, string, error) {
	return func(context.Context) (string, State, string, error) {
		st := states[min(*calls, len(states)-1)]
		*calls++
		return "job", st, "status", nil
	}
}

func TestWaitCutsTheLastDelayAndChecksAtTheDeadline(t *testing.T) {
	t.Parallel()
	c := &clock{now: time.Unix(1000, 0)}
	calls := 0
	_, state, err := Wait(context.Background(), Job[string]{Kind: "test job", ID: "j1", Check: checks(&calls, Pending)},
		10*time.Second, Options{MinDelay: time.Second, MaxDelay: 4 * time.Second, Sleep: c.Sleep, Now: c.Now,
			Rand: func() float64 { return 1 }})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, Pending, state)
	// 1 + 2 + 4 = 7s; the next 4s delay is cut to the 3s left; a last check at 10s.
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 3 * time.Second}, c.delays)
	assert.Equal(t, 5, calls)
	assert.EqualError(t, err, `llamacloud: test job "j1" still has status "status" after 10s: context deadline exceeded`)
}

func TestWaitRetryable(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	for _, tc := range []struct {
		name      string
		retryable func(context.Context, error) bool
		wantCalls int
		wantErr   error
	}{
		{"nil retries nothing", nil, 1, boom},
		{"declined", func(context.Context, error) bool { return false }, 1, boom},
		{"retried", func(_ context.Context, err error) bool { return errors.Is(err, boom) }, 3, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{}
			calls := 0
			job, state, err := Wait(context.Background(), Job[string]{Kind: "test job", ID: "j", Check: func(context.Context) (string, State, string, error) {
				calls++
				if calls < 3 {
					return "", Pending, "", boom
				}
				return "done", Succeeded, "ok", nil
			}}, time.Minute, Options{MinDelay: time.Second, MaxDelay: time.Second, Retryable: tc.retryable, Sleep: c.Sleep, Now: c.Now})
			assert.Equal(t, tc.wantCalls, calls)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
				assert.Equal(t, "", job)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "done", job)
			assert.Equal(t, Succeeded, state)
			assert.Equal(t, []time.Duration{time.Second, time.Second}, c.delays)
		})
	}
}

func TestWaitCheckCutByContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	retried := false
	_, _, err := Wait(ctx, Job[int]{Kind: "test job", ID: "j", Check: func(context.Context) (int, State, string, error) {
		cancel()
		return 0, Pending, "", errors.New("transport: request canceled")
	}}, time.Minute, Options{MinDelay: time.Second, MaxDelay: time.Second,
		Retryable: func(context.Context, error) bool { retried = true; return true }})
	assert.ErrorIs(t, err, context.Canceled, "a check cut short by ctx reports ctx's error")
	assert.False(t, retried, "Retryable is not consulted once ctx is done")
}

func TestWaitRejectsBadInputBeforeChecking(t *testing.T) {
	t.Parallel()
	calls := 0
	check := checks(&calls, Succeeded)
	for _, tc := range []struct {
		id      string
		maxWait time.Duration
		o       Options
		want    string
	}{
		{"", time.Minute, Options{MinDelay: time.Second, MaxDelay: time.Second}, `llamacloud: wait for test job: job ID must not be empty`},
		{"j", 0, Options{MinDelay: time.Second, MaxDelay: time.Second}, `llamacloud: wait for test job "j": max wait 0s is not positive`},
		{"j", time.Minute, Options{MinDelay: 2 * time.Second, MaxDelay: time.Second}, `llamacloud: wait for test job "j": min delay 2s is greater than max delay 1s`},
	} {
		_, _, err := Wait(context.Background(), Job[string]{Kind: "test job", ID: tc.id, Check: check}, tc.maxWait, tc.o)
		assert.EqualError(t, err, tc.want)
	}
	assert.Zero(t, calls)
}

func TestSleep(t *testing.T) {
	t.Parallel()
	require.NoError(t, Sleep(context.Background(), time.Microsecond))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, Sleep(ctx, time.Hour), context.Canceled)
}
