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
// has a null next_page_token. The GET lists send total_size, except the chat list, whose example in
// the reference has none. Deletes of directories and directory files are soft: the records stay
// and are listed with include_deleted=true, and a deleted file's unique_id is free for a new file. Retrieval is a real hybrid search (BM25 plus a
// deterministic local embedding) with filters and reranking over the text of an index's files (plain
// text, Markdown, CSV, JSON and HTML). Chat turns retrieve from the session's indexes and stream
// Server-Sent Events; [WithStreamInterval] puts a pause between the events of a turn. Jobs advance
// one state per status read (see [WithJobSteps]). Requests missing a required field or carrying a
// value of the wrong type answer 422 with the service's {"detail": [{"loc", "msg", "type",
// "input"}]} list; other errors answer {"detail": "…"}.
//
// # Index builds
//
// Like the service, an index builds asynchronously. Indexes.New and Indexes.Sync snapshot the live
// files of the source directory and answer at once; the snapshot is exported (served to retrieval)
// after [WithJobSteps] requests that read the index — a GET of it, or a retrieve, file search,
// grep, read or chat turn over it — so code that polls either way sees it finish. Until then
// metadata.build_state is "building" (then "ready"), retrieval and file search find nothing and
// grep and read answer 404 for every file before the first export, and after a sync they serve the
// previous export. metadata.document_count and chunk_count describe the served export.
//
// An index is ready when last_exported_at is set and not before last_synced_at. Timestamps are whole
// milliseconds and monotonic per index even under a frozen [WithClock]: a create leaves
// last_exported_at null; a sync sets last_synced_at to max(now, last_exported_at + 1 ms), so the
// index reads as not exported; an export sets last_exported_at to max(now, last_synced_at).
//
// # Idempotency keys
//
// A POST carrying an Idempotency-Key header (the SDK sends one on every POST, the same on each
// retry of a call) is run once per key and project: a repeat with the same method, path, query and
// body (a multipart body compared without its boundary) gets the first response again — status, headers and body, or the events of a chat turn, with
// the header Idempotent-Replayed: true — and creates nothing. A key reused with another request
// answers 422, as the IETF Idempotency-Key draft says; a key longer than 255 characters answers 400.
// Only 2xx responses are kept (a failed request changed nothing, so its repeat runs again), for 24
// hours of the server's clock, and each project keeps its 1000 most recent keys and at most 16 MiB of
// responses, dropping the oldest first. Other methods ignore the header.
//
// Every 409 the fake sends (a unique_id already taken in a directory) is a permanent conflict and
// carries x-should-retry: false, so the SDK, which retries 409 like the official SDKs, fails at
// once with llamacloud.ErrConflict.
//
// # Testing clients
//
// [Server.Requests] returns what the server received: headers with every credential redacted
// (Authorization, Proxy-Authorization, Cookie, X-Api-Key) and at most the first [RecordBodyLimit]
// bytes of each body, with its full length in [RecordedRequest.BodySize]. A request without a valid
// API key is answered 401 before its body is read (the connection is closed rather than drained),
// so unauthenticated uploads cost neither memory nor time. [Server.FailNext] and
// [Server.FailFraction] inject faults — statuses with Retry-After headers, delays, dropped
// connections before the request is served or after (see [Fault.DropResponse]) — to exercise
// retries, and [NewUnstartedServer] lets a test set them up before the first request.
//
// # Paging at scale
//
// Agent-data search and aggregate, and the lists of directories, directory files and chat
// sessions, page with seek cursors: a page token holds the sort values and ID of the last row
// sent, and the next page starts strictly after that row. A page costs in proportion to the page,
// not to the collection (a search keeps a sorted index per collection for each of the last 8
// order_by values used, built on first use and kept current by writes; the filter is tested on
// the records from the cursor on until the page is full), so walking every page of a query is
// O(n log n) in all; include_total counts and aggregate groups are computed once and kept until
// the collection changes. Adding, uploading or moving a directory file checks its unique_id in an
// index of the directory's live files, so a create costs the same whatever the directory's size. A token stays valid while the server runs. A write between pages: a row
// created or moved by an update after the cursor is seen, one before it is not, a deleted row not
// yet reached is not; rows that exist unchanged through the walk are seen exactly once. A token
// sent with another query (other filter, order, deployment, collection, grouping or list) or not
// issued by the server answers 400, quoting at most its first 24 characters.
//
// Values of different kinds sort null (or missing) first, then booleans, numbers, RFC 3339
// datetimes (by instant), other strings, lists and objects (by JSON text); rows that tie come
// oldest first. order_by is "field [asc|desc], …"; a malformed key, "data" alone, a path below
// created_at, updated_at or id, or (on aggregate) a field that is neither count nor a group_by
// field answers 422.
//
// # Chat answers
//
// A turn retrieves the 3 best chunks of its indexes and answers with the 3 sentences of those
// chunks that best match the prompt, scored as retrieval scores chunks (BM25 with the index's
// statistics, embedding similarity, then the reranker's term coverage), each quoted with its file
// name; when no sentence shares a term with the prompt, the answer says that nothing in the
// indexed documents matches. The same documents and prompt always give the same answer.
//
// # Conventions where the reference is silent
//
// The fake follows FastAPI and pydantic v2, as the service does: a 422's detail entries carry
// type, loc, msg and input, where input is the value sent at loc (the string of a query value or
// multipart field), the whole object for a missing body field, {} for a body that is not JSON, and
// null for a missing query value or multipart field. A required field sent as null is not
// "missing" but the type error of its type, input null: string_type, int_type, float_type,
// bool_type, list_type, dict_type, or model_type for a nested object, naming the model as the
// reference does ("Input should be a valid dictionary or instance of SplitDocumentInput"). page_size defaults to 50; agent-data search and aggregate
// coerce a larger value than 1000 to 1000 (as the reference says); the GET lists and the batch
// lists' limit answer 422 above 1000, a limit of the fake's own.
package llamacloudtest
