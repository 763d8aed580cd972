package apierror

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWrap(t *testing.T) {
	t.Parallel()
	assert.NoError(t, Wrap(nil, "x"))
	inner := fmt.Errorf("llamacloud: encode json: %w", errors.New("llamacloud: page_size must not be negative, got -1"))
	for _, tc := range []struct {
		err     error
		context string
		want    string
	}{
		{inner, "", "llamacloud: encode json: page_size must not be negative, got -1"},
		{inner, `wait for split job "j"`, `llamacloud: wait for split job "j": encode json: page_size must not be negative, got -1`},
		{context.Canceled, "wait", "llamacloud: wait: context canceled"},
		{Wrap(Wrap(context.Canceled, "b"), "a"), "", "llamacloud: a: b: context canceled"},
	} {
		err := Wrap(tc.err, tc.context)
		assert.EqualError(t, err, tc.want)
		assert.ErrorIs(t, err, tc.err)
	}
	assert.ErrorIs(t, Wrap(context.Canceled, "x"), context.Canceled)
}

func TestErrorTextCountsAttempts(t *testing.T) {
	t.Parallel()
	req := &http.Request{Method: http.MethodGet, URL: &url.URL{Scheme: "https", Host: "h", Path: "/d"}, Header: http.Header{}}
	resp := &http.Response{StatusCode: 503, Header: http.Header{}, Request: req}
	e := New(req, resp, []byte(`{"detail":"down"}`), nil, 1)
	assert.EqualError(t, e, `llamacloud: GET "https://h/d": 503 Service Unavailable: down`)
	e = New(req, resp, []byte(`{"detail":"down"}`), nil, 3)
	assert.EqualError(t, e, `llamacloud: GET "https://h/d": 503 Service Unavailable: down (3 attempts)`)
	SetNote(e, "not retried: why")
	assert.EqualError(t, e, `llamacloud: GET "https://h/d": 503 Service Unavailable: down (3 attempts; not retried: why)`)
	e = New(req, resp, nil, nil, 1)
	SetNote(e, "note")
	assert.EqualError(t, e, `llamacloud: GET "https://h/d": 503 Service Unavailable (note)`)
	assert.Equal(t, 3, New(req, resp, nil, nil, 3).Attempts)
	assert.Equal(t, http.NoBody, e.Response.Body)
}
