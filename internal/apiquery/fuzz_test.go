package apiquery

import (
	"math"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/run-llama/llama-cloud-go/packages/param"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fuzzParams struct {
	Name    param.Opt[string]    `query:"name"`
	Tags    []string             `query:"tag"`
	Size    param.Opt[int64]     `query:"page_size"`
	Score   param.Opt[float64]   `query:"score"`
	Deleted param.Opt[bool]      `query:"include_deleted"`
	After   param.Opt[time.Time] `query:"after"`
	Kind    string               `query:"kind"`
}

// FuzzValues checks that whatever the params hold, the encoded query parses back to the
// same values under the same keys: no value can add a key, split in two or change another.
func FuzzValues(f *testing.F) {
	f.Add("a&b=c", "x=y", "tag#frag", int64(-1), 1.5, true, int64(0), "k")
	f.Add("", "", "", int64(0), 0.0, false, int64(1e12), "")
	f.Add("日本?;/", "%2F", "+ +", int64(math.MaxInt64), -1e-9, true, int64(-62135596800), "\x00")
	f.Fuzz(func(t *testing.T, name, tag1, tag2 string, size int64, score float64, deleted bool, unix int64, kind string) {
		p := fuzzParams{
			Name: param.NewOpt(name), Tags: []string{tag1, tag2}, Size: param.NewOpt(size),
			Score: param.NewOpt(score), Deleted: param.NewOpt(deleted), Kind: kind,
			After: param.NewOpt(time.Unix(unix%(1<<35), 0)),
		}
		v, err := Values(&p)
		if math.IsNaN(score) || math.IsInf(score, 0) {
			assert.Error(t, err)
			return
		}
		if err != nil {
			// Only times outside the RFC 3339 years may fail.
			y := p.After.Value().UTC().Year()
			require.True(t, y < 0 || y > 9999, "unexpected error %v", err)
			return
		}
		back, err := url.ParseQuery(v.Encode())
		require.NoError(t, err)
		assert.Equal(t, v, back)
		assert.Equal(t, []string{name}, back["name"])
		assert.Equal(t, []string{tag1, tag2}, back["tag"])
		assert.Equal(t, []string{strconv.FormatInt(size, 10)}, back["page_size"])
		assert.Equal(t, []string{strconv.FormatBool(deleted)}, back["include_deleted"])
		got, err := strconv.ParseFloat(back.Get("score"), 64)
		require.NoError(t, err)
		assert.Equal(t, score, got)
		if kind == "" {
			assert.NotContains(t, back, "kind")
		} else {
			assert.Equal(t, []string{kind}, back["kind"])
		}
		allowed := map[string]bool{"name": true, "tag": true, "page_size": true, "score": true, "include_deleted": true, "after": true, "kind": true}
		for k := range back {
			assert.True(t, allowed[k], "unexpected key %q", k)
		}
	})
}
