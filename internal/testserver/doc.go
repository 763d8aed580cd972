// Package testserver is the scripted HTTP server of the SDK's tests: a loopback
// [httptest.Server] mounted under a base path, which records every request it sees and
// answers from a script. A test starts one, points a client at [Server.URL] and reads back
// what went over the wire:
//
//	srv := testserver.New(t,
//		testserver.Reply{Status: 503, Header: map[string]string{"Retry-After-Ms": "0"}},
//		testserver.Reply{Body: []byte(`{"id":"dir_1"}`)},
//	)
//	client := llamacloud.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
//	dir, err := client.Beta.Directories.Get(ctx, "a/b", beta.DirectoryGetParams{})
//	req := srv.Next(t) // the first attempt
//	assert.Equal(t, "GET /api/v1/beta/directories/a%2Fb", req.Method+" "+req.Path)
//
// # Script
//
// The n-th request under the base path is answered by the n-th handler of the script; once
// the script is used up, its last handler answers every later request. A handler is a
// [Reply] for a fixed answer, a [Func] for an answer computed from the request, or any
// [http.Handler] of the test's own for what a reply cannot say: a dropped connection, an
// event stream, a stall until the client gives up. With no script, every request gets an
// empty 200.
//
// # Base path
//
// [Server.URL] is the server's address followed by [Prefix], so a client that sends an
// absolute path instead of one relative to its base URL misses it. Such a request is
// recorded with a Path starting "MISSING PREFIX " (so no assertion on its path can pass)
// and answered 404; it takes no turn of the script.
//
// # Records
//
// The server reads each request's whole body and records the request before its handler
// runs, so a handler that blocks or drops the connection is still counted. The handler sees
// the request as sent (its URL still holds the prefix) with a body that reads the recorded
// bytes again. A test that must control when the body is read, or measure the memory a
// streamed body costs, writes its own [httptest.Server].
//
// [Server.Next] hands the test the requests one by one, waiting for the next to arrive;
// [Server.Unread] and [Server.Requests] are snapshots. Never fail a test inside a handler
// (t.FailNow must run on the test's goroutine): record what the handler saw and assert on
// it from the test.
//
// # Imports
//
// This package is imported only by _test.go files. It imports nothing of the SDK, so the
// tests of internal packages (internal/requestconfig) use it without an import cycle; each
// test package builds its client on [Server.URL] in one line.
package testserver
