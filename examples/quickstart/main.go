// Quickstart walks through LlamaCloud end to end: it uploads the documents of examples/data into a
// new directory, builds an index over them and waits until it is ready, retrieves the passages
// that answer a question, greps one file for a regular expression, and streams a chat answer into
// the terminal.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -chat "How many weeks of parental leave do we offer?"
//
// Its first line says which backend it talks to. Without LLAMA_CLOUD_API_KEY that is the in-memory
// LlamaCloud of package llamacloudtest, offline, in well under a second. With the key set it is
// the real service (LLAMA_CLOUD_BASE_URL, else https://api.cloud.llamaindex.ai), where building the
// index takes a minute or more, and it deletes the directory and index it created before exiting
// (unless -keep).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/examples/internal/exampleenv"
)

// config holds the command-line settings of a run.
type config struct {
	dataDir  string        // folder whose files are uploaded
	question string        // what to retrieve passages for
	chat     string        // what to ask the chat
	file     string        // part of the name of the file to grep
	pattern  string        // regular expression to grep for
	keep     bool          // keep the directory and index at the end
	maxWait  time.Duration // how long to wait for the index to be built
	backend  string        // what the client talks to, printed first when not empty
}

func main() {
	var cfg config
	flag.StringVar(&cfg.dataDir, "data", "", "folder of documents to upload (default examples/data)")
	flag.StringVar(&cfg.question, "q", "How much did revenue grow in Q3 2024?", "question to retrieve passages for")
	flag.StringVar(&cfg.chat, "chat", "What does the Business plan cost per month, and does it include single sign-on?", "question to ask the chat")
	flag.StringVar(&cfg.file, "grep-file", "quarterly-report", "part of the name of the file to grep")
	flag.StringVar(&cfg.pattern, "grep", `revenue grew \d+%`, "regular expression to grep for")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the directory and index instead of deleting them at the end")
	flag.DurationVar(&cfg.maxWait, "max-wait", 15*time.Minute, "how long to wait for the index to be built")
	flag.Parse()

	exampleenv.Main("quickstart", func(ctx context.Context, env *exampleenv.Env) error {
		cfg.backend = env.Backend()
		return run(ctx, os.Stdout, env.Client, cfg)
	})
}

// run performs the whole walk-through with client, writing its report to w.
func run(ctx context.Context, w io.Writer, client *llamacloud.Client, cfg config) (err error) {
	start := time.Now()
	if cfg.backend != "" {
		fmt.Fprintf(w, "Backend: %s\n", cfg.backend)
	}
	if cfg.dataDir == "" {
		if cfg.dataDir, err = exampleenv.DataDir(); err != nil {
			return err
		}
	}

	// 1. A directory holds the files; uploads stream from disk.
	heading(w, 1, "Upload the documents of "+cfg.dataDir)
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{
		Name:        "quickstart-handbook",
		Description: llamacloud.String("Lumen Analytics documents uploaded by the llama-cloud-go quick start"),
	})
	if err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	fmt.Fprintf(w, "Created directory %q (%s)\n", dir.Name, dir.ID)
	var indexID string
	defer func() {
		if !cfg.keep {
			err = errors.Join(err, cleanUp(ctx, w, client, dir.ID, indexID))
		}
		if err == nil {
			fmt.Fprintf(w, "\nDone in %s.\n", time.Since(start).Round(time.Millisecond))
		}
	}()
	names, err := uploadAll(ctx, w, client, dir.ID, cfg.dataDir)
	if err != nil {
		return err
	}

	// 2. An index over the directory makes its files searchable. The service builds it in the
	// background; NewAndWait returns once the build is exported and retrieval sees every file.
	// (Indexes.SyncAndWait does the same after later changes to the directory.)
	heading(w, 2, "Index the directory")
	idx, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{
		SourceDirectoryID: dir.ID,
		Description:       llamacloud.String("quick start index"),
	}, cfg.maxWait)
	if idx != nil {
		indexID = idx.ID // deleted at the end even if the wait failed
	}
	if err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	fmt.Fprintf(w, "Created index %s over directory %s and waited until it was built (%d documents)\n",
		idx.ID, dir.ID, len(names))

	// 3. Hybrid retrieval: the passages most relevant to the question, best first.
	heading(w, 3, "Retrieve passages")
	res, err := client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{
		IndexID: idx.ID,
		Query:   cfg.question,
		TopK:    llamacloud.Int(3),
	})
	if err != nil {
		return fmt.Errorf("retrieve: %w", err)
	}
	fmt.Fprintf(w, "Top %d passages for %q:\n", len(res.Results), cfg.question)
	for i, r := range res.Results {
		name := names[r.StaticFields.ParsedDirectoryFileID]
		if name == "" {
			name = r.StaticFields.ParsedDirectoryFileID
		}
		fmt.Fprintf(w, "  %d. %-30s score %.3f", i+1, name, r.Score)
		if r.JSON.RerankScore.Valid() {
			fmt.Fprintf(w, "  rerank %.3f", r.RerankScore)
		}
		fmt.Fprintf(w, "\n     %s\n", snippet(r.Content, 100))
	}

	// 4. Grep: a regular expression over one file's parsed text, with context.
	heading(w, 4, "Grep a file")
	if err := grep(ctx, w, client, idx.ID, cfg); err != nil {
		return err
	}

	// 5. Chat: the answer streams in as Server-Sent Events; print each piece as it arrives.
	heading(w, 5, "Chat")
	return chat(ctx, w, client, idx.ID, cfg.chat)
}

// uploadAll uploads the regular files of dataDir in name order and returns their display names
// by directory file ID.
func uploadAll(ctx context.Context, w io.Writer, client *llamacloud.Client, dirID, dataDir string) (map[string]string, error) {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		f, err := os.Open(filepath.Join(dataDir, e.Name()))
		if err != nil {
			return nil, err
		}
		info, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		// An *os.File carries its name; the content type comes from the extension. The file is
		// rewound and sent again if the upload is retried.
		df, err := client.Beta.Directories.Files.Upload(ctx, dirID, beta.DirectoryFileUploadParams{
			UploadFile: f,
			Metadata:   map[string]any{"source": "examples/data", "format": strings.TrimPrefix(filepath.Ext(e.Name()), ".")},
		})
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("upload %s: %w", e.Name(), err)
		}
		names[df.ID] = df.DisplayName
		fmt.Fprintf(w, "  uploaded %-30s %5d bytes  %s\n", df.DisplayName, info.Size(), df.ID)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no files to upload in %s", dataDir)
	}
	return names, nil
}

// grep finds the indexed file whose name contains cfg.file and prints the matches of cfg.pattern.
func grep(ctx context.Context, w io.Writer, client *llamacloud.Client, indexID string, cfg config) error {
	found, err := client.Beta.Retrieval.Search(ctx, beta.RetrievalSearchParams{
		IndexID:          indexID,
		FileNameContains: llamacloud.String(cfg.file),
		Limit:            llamacloud.Int(1),
	})
	if err != nil {
		return fmt.Errorf("search files: %w", err)
	}
	if len(found.Files) == 0 {
		fmt.Fprintf(w, "No indexed file name contains %q\n", cfg.file)
		return nil
	}
	file := found.Files[0]
	res, err := client.Beta.Retrieval.Grep(ctx, beta.RetrievalGrepParams{
		IndexID:      indexID,
		FileID:       file.FileID,
		Pattern:      cfg.pattern,
		ContextChars: llamacloud.Int(30),
		Limit:        llamacloud.Int(5),
	})
	if err != nil {
		return fmt.Errorf("grep %s: %w", file.FileName, err)
	}
	fmt.Fprintf(w, "%d matches of /%s/ in %s:\n", len(res.Matches), cfg.pattern, file.FileName)
	for _, m := range res.Matches {
		fmt.Fprintf(w, "  chars %4d-%-4d  …%s…\n", m.StartChar, m.EndChar, snippet(m.Content, 110))
	}
	return nil
}

// chat opens a session over the index, streams the answer to question into w as it arrives,
// and prints the tools the agent called and the usage of the turn.
func chat(ctx context.Context, w io.Writer, client *llamacloud.Client, indexID, question string) error {
	session, err := client.Beta.Chat.New(ctx, beta.ChatNewParams{IndexIDs: []string{indexID}})
	if err != nil {
		return fmt.Errorf("create chat session: %w", err)
	}
	fmt.Fprintf(w, "You: %s\n", question)
	stream := client.Beta.Chat.Stream(ctx, session.SessionID, beta.ChatStreamParams{
		IndexIDs: []string{indexID},
		Prompt:   question,
	})
	var turn beta.ChatTurn
	answering := false
	for ev, err := range stream.All() {
		if err != nil {
			return fmt.Errorf("chat stream: %w", err)
		}
		turn.Add(ev)
		switch ev.Type {
		case beta.ChatEventTypeToolCall:
			call := ev.AsToolCall()
			fmt.Fprintf(w, "  (agent calls %s with %s)\n", call.Name, formatArgs(call.Arguments))
		case beta.ChatEventTypeTextDelta:
			if !answering {
				fmt.Fprint(w, "Assistant: ")
				answering = true
			}
			fmt.Fprint(w, ev.AsTextDelta().Content) // os.Stdout is unbuffered: each piece shows at once
		}
	}
	fmt.Fprintln(w)
	if turn.Stop == nil {
		return errors.New("chat stream ended without a stop event")
	}
	if err := turn.Err(); err != nil {
		return err
	}
	u := turn.Stop.Usage
	fmt.Fprintf(w, "\nUsage (from the stop event): %d input tokens, %d output tokens, %d agent turns, %.0f ms\n",
		u.TotalInputTokens, u.TotalOutputTokens, u.Turns, u.DurationMs)
	return nil
}

// cleanUp deletes what the run created, even when ctx was cancelled by an interrupt.
func cleanUp(ctx context.Context, w io.Writer, client *llamacloud.Client, dirID, indexID string) error {
	if err := exampleenv.DeleteAll(ctx, client, dirID, indexID); err != nil {
		return fmt.Errorf("clean up: %w", err)
	}
	fmt.Fprintln(w, "\nCleaned up: deleted the index and the directory (pass -keep to keep them).")
	return nil
}

// heading prints the title of step n.
func heading(w io.Writer, n int, title string) {
	fmt.Fprintf(w, "\n== %d. %s ==\n", n, title)
}

// snippet collapses the white space of s and cuts it to at most n characters.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// formatArgs renders tool-call arguments as key=value pairs in key order.
func formatArgs(args map[string]any) string {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		if v, ok := args[k].(string); ok {
			parts[i] = fmt.Sprintf("%s=%q", k, v)
		} else {
			parts[i] = fmt.Sprintf("%s=%v", k, args[k])
		}
	}
	return strings.Join(parts, " ")
}
