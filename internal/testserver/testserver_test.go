package testserver_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/run-llama/llama-cloud-go/internal/testserver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// response is what a client got back.
type response struct {
	status int
	header http.Header
	body   string
}

// send makes one request and reads its whole response.
func send(t *testing.T, method, rawURL string, body string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func TestScriptAnswersInTurnAndTheLastRepeats(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t,
		testserver.Reply{Status: 503, Header: map[string]string{"Retry-After-Ms": "0"}, Body: []byte(`{"detail":"busy"}`)},
		testserver.Reply{Status: 204},
		testserver.Reply{Body: []byte(`{"id":"d"}`), Header: map[string]string{"Content-Type": "text/plain", "X-Request-Id": "req_1"}},
	)
	first := send(t, "GET", srv.URL+"/a", "", nil)
	assert.Equal(t, 503, first.status)
	assert.Equal(t, "0", first.header.Get("Retry-After-Ms"))
	assert.Equal(t, "application/json", first.header.Get("Content-Type"), "a body is JSON by default")
	assert.Equal(t, `{"detail":"busy"}`, first.body)

	second := send(t, "GET", srv.URL+"/a", "", nil)
	assert.Equal(t, 204, second.status)
	assert.Empty(t, second.header.Values("Content-Type"), "no body, no content type")
	assert.Empty(t, second.body)

	for range 2 {
		last := send(t, "GET", srv.URL+"/a", "", nil)
		assert.Equal(t, 200, last.status, "a zero status is 200")
		assert.Equal(t, "text/plain", last.header.Get("Content-Type"), "the reply's header wins")
		assert.Equal(t, "req_1", last.header.Get("X-Request-Id"))
		assert.Equal(t, `{"id":"d"}`, last.body)
	}
	assert.Len(t, srv.Requests(), 4)
}

func TestNoScriptAnswersAnEmpty200(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t)
	got := send(t, "DELETE", srv.URL+"/x", "", nil)
	assert.Equal(t, response{200, got.header, ""}, got)
	assert.Empty(t, got.header.Values("Content-Type"))
}

func TestRecordsTheRequestAsSent(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t)
	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	assert.True(t, strings.HasSuffix(srv.URL, testserver.Prefix), srv.URL)

	send(t, "POST", srv.URL+"/api/v1/dirs/a%2Fb?z=1&a=2&a=3", `{"name":"n"}`,
		map[string]string{"Authorization": "Bearer k", "Content-Type": "application/json"})
	send(t, "GET", srv.URL, "", nil)
	req := srv.Next(t)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "/api/v1/dirs/a%2Fb", req.Path, "escaped, without the prefix")
	assert.Equal(t, "z=1&a=2&a=3", req.RawQuery, "in the order sent")
	assert.Equal(t, url.Values{"z": {"1"}, "a": {"2", "3"}}, req.Query)
	assert.Equal(t, "Bearer k", req.Header.Get("Authorization"))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.Equal(t, `{"name":"n"}`, string(req.Body))

	root := srv.Next(t)
	assert.Equal(t, "", root.Path, "the base URL itself")
	assert.NotNil(t, root.Body)
	assert.Empty(t, root.Body)
}

func TestOutsideThePrefixIs404AndTakesNoTurn(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, testserver.Reply{Body: []byte(`"first"`)}, testserver.Reply{Body: []byte(`"second"`)})
	root := strings.TrimSuffix(srv.URL, testserver.Prefix)
	for _, path := range []string{"/api/v1/x", "/prefixed/api", "/"} {
		got := send(t, "GET", root+path, "", nil)
		assert.Equal(t, 404, got.status, path)
		assert.Contains(t, got.body, "outside the base path /prefix", path)
		assert.Equal(t, "MISSING PREFIX "+path, srv.Next(t).Path)
	}
	assert.Equal(t, `"first"`, send(t, "GET", srv.URL+"/api/v1/x", "", nil).body, "the script is still at its start")
	assert.Equal(t, "/api/v1/x", srv.Next(t).Path)
}

func TestHandlersSeeTheRequestAsSent(t *testing.T) {
	t.Parallel()
	type saw struct {
		path, body string
		hijacker   bool
	}
	sawc := make(chan saw, 1)
	srv := testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			b = []byte(err.Error())
		}
		_, hijacker := w.(http.Hijacker)
		sawc <- saw{r.URL.EscapedPath(), string(b), hijacker}
		w.WriteHeader(http.StatusAccepted)
	}))
	got := send(t, "PUT", srv.URL+"/api/a%2Fb", "payload", nil)
	assert.Equal(t, http.StatusAccepted, got.status)
	assert.Equal(t, saw{"/prefix/api/a%2Fb", "payload", true}, <-sawc, "the whole path, the body read again, the connection")
	assert.Equal(t, "payload", string(srv.Next(t).Body))
}

func TestHandlersThatNeverAnswerAreCounted(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	_, err := http.Get(srv.URL + "/x")
	require.Error(t, err)
	assert.Equal(t, "/x", srv.Next(t).Path)
}

func TestFuncAnswersFromTheRecord(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t, testserver.Func(func(r testserver.Request) testserver.Reply {
		return testserver.Reply{Status: 201, Body: []byte(fmt.Sprintf(`%q`, r.Method+" "+r.Path+"?"+r.RawQuery+" "+string(r.Body)))}
	}))
	got := send(t, "POST", srv.URL+"/items/:search?p=1", `{"q":1}`, nil)
	assert.Equal(t, 201, got.status)
	assert.Equal(t, `"POST /items/:search?p=1 {\"q\":1}"`, got.body)
}

func TestNextUnreadAndRequests(t *testing.T) {
	t.Parallel()
	srv := testserver.New(t)
	assert.Empty(t, srv.Unread())
	assert.Empty(t, srv.Requests())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, p := range []string{"/1", "/2", "/3"} {
			resp, err := http.Get(srv.URL + p)
			if err == nil {
				resp.Body.Close()
			}
		}
	}()
	assert.Equal(t, "/1", srv.Next(t).Path, "Next waits for the request")
	<-done
	paths := func(reqs []testserver.Request) []string {
		var out []string
		for _, r := range reqs {
			out = append(out, r.Path)
		}
		return out
	}
	assert.Equal(t, []string{"/2", "/3"}, paths(srv.Unread()))
	assert.Equal(t, []string{"/2", "/3"}, paths(srv.Unread()), "Unread marks nothing read")
	assert.Equal(t, "/2", srv.Next(t).Path)
	assert.Equal(t, []string{"/3"}, paths(srv.Unread()))
	assert.Equal(t, []string{"/1", "/2", "/3"}, paths(srv.Requests()))
}

// TestConcurrentRequestsTakeOneTurnEach sends requests at once: each is recorded once, and
// the request recorded n-th is answered by the n-th handler of the script.
func TestConcurrentRequestsTakeOneTurnEach(t *testing.T) {
	t.Parallel()
	const n = 32
	script := make([]http.Handler, n)
	for i := range script {
		script[i] = testserver.Reply{Body: []byte(strconv.Itoa(i))}
	}
	srv := testserver.New(t, script...)
	turns := make([]string, n) // turns[caller] = the script entry that answered it
	var wg sync.WaitGroup
	for caller := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest("GET", srv.URL+"/x", nil)
			if err != nil {
				return
			}
			req.Header.Set("X-Caller", strconv.Itoa(caller))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			turns[caller] = string(b)
		}()
	}
	wg.Wait()
	reqs := srv.Requests()
	require.Len(t, reqs, n)
	for i, r := range reqs {
		caller, err := strconv.Atoi(r.Header.Get("X-Caller"))
		require.NoError(t, err)
		assert.Equal(t, strconv.Itoa(i), turns[caller], "the %d-th request recorded got the %d-th reply", i, i)
	}
}
