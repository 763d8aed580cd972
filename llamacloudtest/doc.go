// Package llamacloudtest is an in-memory LlamaCloud for tests: a real HTTP server on a loopback
// port that speaks the LlamaCloud beta API (directories and files, indexes and
// retrieval, chat, agent data, sheets, batch and split jobs) with the service's paths, JSON shapes
// and errors. It is shaped like [net/http/httptest]:
//
//	srv := llamacloudtest.NewServer()
//	defer srv.Close()
//	client := srv.Client() // a *llamacloud.Client wired to srv.URL and srv.APIKey
//
// # State
//
// Everything lives in memory and disappears on [Server.Close]. Each API key belongs to one project
// ([Server.AddKey] adds keys and projects); a request sees only its own project's objects, and an
// object of another project answers 404. An organization_id or project_id query value other than the
// key's answers 403. IDs are "<kind>-<12 digits>" (dir-…, dfl-…, file-…, idx-…, ses-…) and grow with
// creation order, which is also the order of every listing. [Server.PutFile] seeds a file to add to
// directories or to process with jobs.
//
// # Behaviour
//
// Lists page with opaque page_token values and page_size (default 50, at most 1000); the last page
// has a null next_page_token. Deletes of directories and directory files are soft: the records stay
// and are listed with include_deleted=true. An index reads the text of its source directory's files
// (plain text, Markdown, CSV, JSON and HTML) when created and on each sync; retrieval is a real
// hybrid search (BM25 plus a deterministic local embedding) with filters and reranking. Chat turns
// retrieve from the session's indexes and stream Server-Sent Events. Jobs advance one state per
// status read (see [WithJobSteps]). Requests missing a required field or carrying a value of the
// wrong type answer 422 with the service's {"detail": [{"loc", "msg", "type"}]} list; other errors
// answer {"detail": "…"}.
//
// # Testing clients
//
// [Server.Requests] returns what the server received (the API key redacted). [Server.FailNext] and
// [Server.FailFraction] inject faults — statuses with Retry-After headers, delays, dropped
// connections — to exercise retries, and [NewUnstartedServer] lets a test set them up before the
// first request.
package llamacloudtest
