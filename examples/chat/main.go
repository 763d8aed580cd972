// Chat streams an answer from LlamaCloud's chat agent into the terminal as it is written: the
// agent's tool calls, its reasoning when it sends any, each piece of the answer, and the token
// usage at the end.
//
//	go run ./examples/chat -prompt "How many weeks of parental leave do birth parents get?"
//	go run ./examples/chat -i                        # keep asking: one question per line
//	go run ./examples/chat -index idx-123 -prompt …  # chat over an existing index
//
// Without -index it indexes the documents of examples/data first, waiting until the index is built
// (a minute or two on the real service), and deletes that index and its directory at the end; pass
// -index to chat over one that is ready. Without LLAMA_CLOUD_API_KEY it runs against the in-memory
// LlamaCloud of package llamacloudtest.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
)

// config holds the command-line settings of a run.
type config struct {
	prompt      string    // first question
	indexID     string    // existing index to chat over; "" builds one from dataDir
	dataDir     string    // documents to index when indexID is ""
	interactive bool      // read more questions from in
	in          io.Reader // where interactive questions come from
}

func main() {
	cfg := config{in: os.Stdin}
	flag.StringVar(&cfg.prompt, "prompt", "How many weeks of parental leave do birth parents get?", "question to ask")
	flag.StringVar(&cfg.indexID, "index", "", "ID of an existing index to chat over (default: index examples/data)")
	flag.StringVar(&cfg.dataDir, "data", "", "folder of documents to index when -index is not given (default examples/data)")
	flag.BoolVar(&cfg.interactive, "i", false, "after the first answer, read more questions from standard input, one per line")
	flag.Parse()

	exampleenv.Main("chat", func(ctx context.Context, env *exampleenv.Env) error {
		return run(ctx, os.Stdout, env.Client, cfg)
	})
}

// run opens a chat session over the index and streams the answer of each question to w.
func run(ctx context.Context, w io.Writer, client *llamacloud.Client, cfg config) (err error) {
	if strings.TrimSpace(cfg.prompt) == "" {
		return errors.New("-prompt is empty")
	}
	indexID := cfg.indexID
	if indexID == "" {
		var cleanUp func() error
		indexID, cleanUp, err = indexDocuments(ctx, w, client, cfg.dataDir)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, cleanUp()) }()
	}

	session, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{indexID}})
	if err != nil {
		return fmt.Errorf("create chat session: %w", err)
	}
	var questions *bufio.Scanner
	if cfg.interactive {
		questions = bufio.NewScanner(cfg.in)
	}
	for prompt := cfg.prompt; ; {
		if err := ask(ctx, w, client, session.SessionID, indexID, prompt); err != nil {
			return err
		}
		if questions == nil {
			return nil
		}
		fmt.Fprint(w, "\nYou (empty line to quit): ")
		if !questions.Scan() || strings.TrimSpace(questions.Text()) == "" {
			fmt.Fprintln(w)
			return questions.Err()
		}
		prompt = questions.Text()
	}
}

// ask sends one turn and prints its events as they arrive.
func ask(ctx context.Context, w io.Writer, client *llamacloud.Client, sessionID, indexID, prompt string) error {
	fmt.Fprintf(w, "\nYou: %s\n", prompt)
	start := time.Now()
	// The stream is single-use: ranging over All reads it to its end and closes it (a break
	// closes it too).
	stream := client.Beta.Chat.Stream(ctx, sessionID, beta.ChatStreamParams{
		IndexIDs: []string{indexID},
		Prompt:   prompt,
	})
	var turn beta.ChatTurn
	var mode beta.ChatEventType // what the last printed piece was, to start new lines
	for ev, err := range stream.All() {
		if err != nil {
			return fmt.Errorf("chat stream: %w", err)
		}
		turn.Add(ev)
		switch ev.Type {
		case beta.ChatEventTypeThinkingDelta:
			if mode != ev.Type {
				fmt.Fprint(w, "  (thinking) ")
			}
			fmt.Fprint(w, ev.AsThinkingDelta().Content)
		case beta.ChatEventTypeToolCall:
			newLine(w, mode)
			call := ev.AsToolCall()
			fmt.Fprintf(w, "  → %s(%s)\n", call.Name, quoteArg(call.Arguments["query"]))
		case beta.ChatEventTypeToolResult:
			res := ev.AsToolResult()
			fmt.Fprintf(w, "  ← %s: %s\n", res.Name, describeResult(res.Result))
		case beta.ChatEventTypeTextDelta:
			if mode != ev.Type {
				newLine(w, mode)
				fmt.Fprint(w, "Assistant: ")
			}
			fmt.Fprint(w, ev.AsTextDelta().Content) // os.Stdout is unbuffered: it shows at once
		default:
			continue // complete text and thinking blocks repeat the deltas; stop ends the turn
		}
		mode = ev.Type
	}
	newLine(w, mode)
	if turn.Stop == nil {
		return errors.New("the stream ended before the turn finished")
	}
	if err := turn.Err(); err != nil {
		return err // the service stopped the turn with an error
	}
	u := turn.Usage()
	fmt.Fprintf(w, "  [tokens: %d in, %d out; tool calls: %d; %s]\n",
		u.TotalInputTokens, u.TotalOutputTokens, len(turn.ToolCalls), time.Since(start).Round(time.Millisecond))
	return nil
}

// newLine ends the line of streamed text, if one is open.
func newLine(w io.Writer, mode beta.ChatEventType) {
	if mode == beta.ChatEventTypeTextDelta || mode == beta.ChatEventTypeThinkingDelta {
		fmt.Fprintln(w)
	}
}

// quoteArg shows a tool argument briefly.
func quoteArg(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// describeResult summarises a tool result: how many results it holds, when it is a list of them.
func describeResult(v any) string {
	if m, ok := v.(map[string]any); ok {
		if list, ok := m["results"].([]any); ok {
			return fmt.Sprintf("%d results", len(list))
		}
	}
	return "done"
}

// indexDocuments uploads the files of dataDir (examples/data when "") into a new directory and
// builds an index over it, waiting until the index is ready to answer. The returned function
// deletes both.
func indexDocuments(ctx context.Context, w io.Writer, client *llamacloud.Client, dataDir string) (indexID string, cleanUp func() error, err error) {
	if dataDir == "" {
		if dataDir, err = exampleenv.DataDir(); err != nil {
			return "", nil, err
		}
	}
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "chat-example"})
	if err != nil {
		return "", nil, fmt.Errorf("create directory: %w", err)
	}
	cleanUp = func() error { return exampleenv.DeleteAll(ctx, client, dir.ID, indexID) }
	up, err := client.Beta.Directories.Files.UploadFS(ctx, dir.ID, os.DirFS(dataDir), beta.DirectoryFileUploadFSParams{})
	if err == nil && len(up.Uploaded) == 0 {
		err = fmt.Errorf("no documents in %s", dataDir)
	}
	if err != nil {
		return "", nil, errors.Join(fmt.Errorf("upload: %w", err), cleanUp())
	}
	// The index is built in the background; NewAndWait returns once it can answer.
	idx, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID}, 15*time.Minute)
	if idx != nil {
		indexID = idx.ID
	}
	if err != nil {
		return "", nil, errors.Join(fmt.Errorf("build index: %w", err), cleanUp())
	}
	fmt.Fprintf(w, "Indexed %d documents of %s as %s\n", len(up.Uploaded), dataDir, idx.ID)
	return indexID, cleanUp, nil
}
