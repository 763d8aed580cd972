// Package beta holds the services of the LlamaCloud beta API, their params and their
// response types. Reach them through llamacloud.Client.Beta:
//
//	client := llamacloud.NewClient()
//	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "reports"})
//
// # Services
//
// One service per resource, one file each: [DirectoryService] and [DirectoryFileService]
// (directories and their files, uploads), [IndexService] and [RetrievalService] (indexes
// over directories, hybrid retrieval, grep and read), [ChatService] (sessions and streamed
// turns, folded by [ChatTurn]), [AgentDataService] (JSON records with filters and
// aggregates), [SheetService], [SplitService] and [BatchService] with
// [BatchJobItemService] (asynchronous jobs). Every method takes a context first, its params
// struct (organization and project included) and per-call options last.
//
// # Params and responses
//
// Required params are plain values; optional ones are param.Opt values, omitted when
// unset. One response type per entity ([Directory], [DirectoryFile], [SheetsJob], …);
// each records in its JSON field how every field appeared on the wire, and RawJSON
// returns the object as received. Unions of the API ([ChatEventUnion],
// [BatchJobConfigUnion]) have the variants' fields flattened and an As… accessor per
// variant that returns the zero value for another variant, never panicking.
//
// # Lists, streams and jobs
//
// List methods return one page; their …AutoPaging twins walk every item lazily with All.
// [ChatService.Stream] returns a single-use stream of events. Job waiters
// ([NewSheetsJobWaiter], [NewSplitJobWaiter], [NewBatchJobWaiter]) and the services'
// NewAndWait methods poll a job until it is final; [NewIndexWaiter],
// [IndexService.NewAndWait] and [IndexService.SyncAndWait] wait until an index is built.
package beta
