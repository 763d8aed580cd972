// Package llamacloud is a client for the LlamaCloud beta API: directories and files,
// indexes and hybrid retrieval, chat with streamed agent events, agent data, spreadsheet
// jobs, batch processing and document splitting. Make one [Client] and share it:
//
//	client := llamacloud.NewClient() // API key from LLAMA_CLOUD_API_KEY
//	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "invoices"})
//
// The services hang off client.Beta, one per resource; every method takes a context first
// and per-call options ([option.RequestOption]) last.
//
// # Parameters
//
// Required parameters are plain Go values. Optional ones are [param.Opt] values built with
// [String], [Int], [Float], [Bool] and [Time]; the zero Opt is left out of the request and
// param.Null sends an explicit JSON null.
//
// # Responses
//
// Responses are plain structs. Each also records how every field appeared on the wire: its
// JSON field answers Valid() (present and not null) and Raw() per field, and RawJSON()
// returns the whole object as received.
//
// A response body is read once and decoded in one pass without copying: the strings of
// a response share the body's memory. That makes decoding fast, and it means a string
// kept from a large response keeps the whole body alive; strings.Clone it to keep it
// alone (the pagers do this for their page tokens).
//
// # Errors
//
// A non-2xx response is an [*Error]; test its kind with errors.Is(err, [ErrNotFound]) and
// read its status and message with errors.As. Transport errors keep their cause, so
// errors.Is(err, context.DeadlineExceeded) holds after a timeout. Every message starts with
// "llamacloud: " once, names the request's method and URL once, counts the attempts when
// there were several, and says whether a per-attempt timeout or the caller's context ended
// the call. No error, and no response handed back, holds the API key or another credential.
//
// # Any endpoint
//
// For an endpoint this SDK has no method for yet, [Client.Execute] (and [Client.Get],
// [Client.Post], [Client.Put], [Client.Patch], [Client.Delete]) sends a request through
// the same pipeline as the typed calls; params and the result are any Go values:
//
//	var out map[string]any
//	err := client.Post(ctx, "api/v1/beta/new-thing", map[string]any{"name": "x"}, &out)
//
// # Retries and timeouts
//
// Connection errors, timed-out attempts and the statuses 408, 409, 429 and 5xx are
// retried twice by default with exponential backoff, honouring the server's Retry-After.
// [option.WithMaxRetries] and [option.WithRequestTimeout] change that; the context bounds
// the whole call, waits between retries included.
package llamacloud
