package beta

import (
	"context"
	"net/http"

	"github.com/run-llama/llama-cloud-go/internal/apipath"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/ssestream"
)

// Service is the root of the beta API's services. Get it from llamacloud.Client.Beta; a
// Service made with [NewService] carries the options its calls start from.
type Service struct {
	// Options are the options every call of these services starts from.
	Options []option.RequestOption
	// Indexes manages retrieval indexes built from directories.
	Indexes *IndexService
	// Retrieval searches indexes and reads their files.
	Retrieval *RetrievalService
	// Chat manages chat sessions and streams their turns.
	Chat *ChatService
	// AgentData stores and queries JSON records of agents.
	AgentData *AgentDataService
	// Sheets runs spreadsheet extraction jobs.
	Sheets *SheetService
	// Directories manages directories and, through Directories.Files, their files.
	Directories *DirectoryService
	// Batch runs processing jobs over many files; Batch.JobItems reads their items.
	Batch *BatchService
	// Split runs document splitting jobs.
	Split *SplitService
}

// NewService returns the beta services, each starting its calls from opts.
func NewService(opts ...option.RequestOption) *Service {
	return &Service{
		Options:     opts,
		Indexes:     NewIndexService(opts...),
		Retrieval:   NewRetrievalService(opts...),
		Chat:        NewChatService(opts...),
		AgentData:   NewAgentDataService(opts...),
		Sheets:      NewSheetService(opts...),
		Directories: NewDirectoryService(opts...),
		Batch:       NewBatchService(opts...),
		Split:       NewSplitService(opts...),
	}
}

// withCallOptions appends the call's options to the service's without touching either slice.
func withCallOptions(base, call []option.RequestOption) []option.RequestOption {
	if len(call) == 0 {
		return base
	}
	all := make([]option.RequestOption, 0, len(base)+len(call))
	return append(append(all, base...), call...)
}

// execute sends one request and decodes its response into a new T. route is a path
// template whose {placeholders} take args, in order.
func execute[T any](ctx context.Context, method, route string, args []string, params any, base, call []option.RequestOption) (*T, error) {
	path, err := apipath.Expand(route, args...)
	if err != nil {
		return nil, err
	}
	res := new(T)
	if err := requestconfig.Execute(ctx, method, path, params, res, withCallOptions(base, call)...); err != nil {
		return nil, err
	}
	return res, nil
}

// executeNoContent sends one request and discards the response body.
func executeNoContent(ctx context.Context, method, route string, args []string, params any, base, call []option.RequestOption) error {
	path, err := apipath.Expand(route, args...)
	if err != nil {
		return err
	}
	return requestconfig.Execute(ctx, method, path, params, nil, withCallOptions(base, call)...)
}

// executeRaw sends one request and returns its live 2xx response, its body unread and the
// caller's to close, with the config the call was sent with.
func executeRaw(ctx context.Context, method, route string, args []string, params any, base, call []option.RequestOption) (*http.Response, *requestconfig.Config, error) {
	path, err := apipath.Expand(route, args...)
	if err != nil {
		return nil, nil, err
	}
	return requestconfig.ExecuteRaw(ctx, method, path, params, withCallOptions(base, call)...)
}

// executeStream sends one request for an event stream ("Accept: text/event-stream", which
// the call's options may still change) and returns the stream of its events decoded as T.
// The stream ends with ctx, holds at most the config's MaxStreamEventBytes per line and
// event, and fails with an *ssestream.ContentTypeError when the response is not an event
// stream. A failed request is the stream's error.
func executeStream[T any](ctx context.Context, method, route string, args []string, params any, base, call []option.RequestOption) *ssestream.Stream[T] {
	opts := make([]option.RequestOption, 0, len(call)+1)
	opts = append(opts, option.WithHeader("Accept", "text/event-stream"))
	opts = append(opts, call...)
	resp, cfg, err := executeRaw(ctx, method, route, args, params, base, opts)
	if err != nil {
		return ssestream.NewStream[T](nil, err)
	}
	dec, err := ssestream.NewResponseDecoder(resp)
	if err != nil {
		return ssestream.NewStream[T](nil, err)
	}
	dec.SetMaxEventBytes(cfg.MaxStreamEventBytes)
	return ssestream.NewStreamWithContext[T](ctx, dec, nil)
}
