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
// # Organization and project
//
// Every params struct has OrganizationID and ProjectID, sent as the organization_id and
// project_id query parameters of the call, whatever its method. Left unset (the zero
// value) they take the client's option.WithOrganizationID and option.WithProjectID, and
// when those are not given either nothing is sent and the API uses the API key's default
// project. Set them to reach another organization or project for one call. Calls that
// make several requests ([DirectoryFileService.UploadFS], the NewAndWait and SyncAndWait
// methods) send them with each request.
//
// # Bad input
//
// Calls check what they can before sending anything and return an error naming the bad
// value: an empty or blank path argument (an index ID, a directory ID, …), an empty or
// blank identifier a body requires (a field documented "Required" that holds an ID, such
// as RetrievalRetrieveParams.IndexID or AgentDataSearchParams.DeploymentName), a negative
// page size, limit or offset, and a request union with no variant or several set.
//
// # Lists, streams and jobs
//
// List methods return one page; their …AutoPaging twins walk every item lazily with All.
// [ChatService.Stream] returns a single-use stream of events. Job waiters
// ([NewSheetsJobWaiter], [NewSplitJobWaiter], [NewBatchJobWaiter]) and the services'
// NewAndWait methods poll a job until it is final; [NewIndexWaiter],
// [IndexService.NewAndWait] and [IndexService.SyncAndWait] wait until an index is built.
package beta
