// Package helpdesk is a small service built on the LlamaCloud SDK, here to show how to test code
// that uses the SDK with the in-memory LlamaCloud of package llamacloudtest: see helpdesk_test.go.
//
// A Helpdesk keeps a knowledge base of documents in a LlamaCloud directory and index, and answers
// questions with the passage that fits best:
//
//	desk, err := helpdesk.New(ctx, llamacloud.NewClient(), "support-kb")
//	err = desk.AddDocument(ctx, "refunds.md", strings.NewReader("Refunds are issued within 14 days…"))
//	answer, err := desk.Answer(ctx, "How long do refunds take?")
//	fmt.Println(answer.Source, answer.Passage)
package helpdesk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"path"
	"time"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
)

// ErrNoAnswer is returned by [Helpdesk.Answer] when no document passage is relevant enough.
var ErrNoAnswer = errors.New("helpdesk: no answer in the knowledge base")

// ErrUnknownKnowledgeBase is returned by [Open] when the index does not exist. The error also
// matches llamacloud.ErrNotFound.
var ErrUnknownKnowledgeBase = errors.New("helpdesk: unknown knowledge base")

// MinScore is the least retrieval score of a passage [Helpdesk.Answer] accepts.
const MinScore = 0.05

// BuildTimeout is how long [New] and [Helpdesk.AddDocument] wait for the index to be built.
const BuildTimeout = 15 * time.Minute

// Helpdesk answers questions from a knowledge base of documents. It is safe for concurrent use.
type Helpdesk struct {
	client  *llamacloud.Client
	dirID   string
	indexID string
}

// Answer is the best passage for a question.
type Answer struct {
	// Source is the name of the document the passage comes from.
	Source string
	// Passage is the text of the passage.
	Passage string
	// Score is its retrieval score.
	Score float64
}

// New creates an empty knowledge base named name: a directory and an index over it, built
// before New returns.
func New(ctx context.Context, client *llamacloud.Client, name string) (*Helpdesk, error) {
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: name})
	if err != nil {
		return nil, fmt.Errorf("helpdesk: create directory %q: %w", name, err)
	}
	idx, err := client.Beta.Indexes.NewAndWait(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID}, BuildTimeout)
	if err != nil {
		return nil, fmt.Errorf("helpdesk: create index of %q: %w", name, err)
	}
	return &Helpdesk{client: client, dirID: dir.ID, indexID: idx.ID}, nil
}

// Open returns the knowledge base of an existing index. It fails with an error matching
// [ErrUnknownKnowledgeBase] and llamacloud.ErrNotFound if there is no such index.
func Open(ctx context.Context, client *llamacloud.Client, indexID string) (*Helpdesk, error) {
	idx, err := client.Beta.Indexes.Get(ctx, indexID, beta.IndexGetParams{})
	if errors.Is(err, llamacloud.ErrNotFound) {
		return nil, fmt.Errorf("%w %q: %w", ErrUnknownKnowledgeBase, indexID, err)
	}
	if err != nil {
		return nil, fmt.Errorf("helpdesk: open %q: %w", indexID, err)
	}
	return &Helpdesk{client: client, dirID: idx.SourceDirectoryID, indexID: idx.ID}, nil
}

// IndexID returns the ID of the knowledge base's index, for [Open].
func (h *Helpdesk) IndexID() string { return h.indexID }

// AddDocument uploads a document and syncs the index, returning once the sync is built, so
// that the next answers can use the document.
func (h *Helpdesk) AddDocument(ctx context.Context, name string, content io.Reader) error {
	contentType := mime.TypeByExtension(path.Ext(name))
	if contentType == "" {
		contentType = "text/plain"
	}
	_, err := h.client.Beta.Directories.Files.Upload(ctx, h.dirID, beta.DirectoryFileUploadParams{
		UploadFile: llamacloud.File(content, name, contentType),
	})
	if err != nil {
		return fmt.Errorf("helpdesk: upload %q: %w", name, err)
	}
	if _, err := h.client.Beta.Indexes.SyncAndWait(ctx, h.indexID, beta.IndexSyncParams{}, BuildTimeout); err != nil {
		return fmt.Errorf("helpdesk: sync: %w", err)
	}
	return nil
}

// Answer returns the passage of the knowledge base that best answers question, or
// [ErrNoAnswer] when none scores at least [MinScore].
func (h *Helpdesk) Answer(ctx context.Context, question string) (Answer, error) {
	res, err := h.client.Beta.Retrieval.Retrieve(ctx, beta.RetrievalRetrieveParams{
		IndexID:        h.indexID,
		Query:          question,
		TopK:           llamacloud.Int(1),
		ScoreThreshold: llamacloud.Float(MinScore),
	})
	if err != nil {
		return Answer{}, fmt.Errorf("helpdesk: retrieve: %w", err)
	}
	if len(res.Results) == 0 {
		return Answer{}, ErrNoAnswer
	}
	best := res.Results[0]
	file, err := h.client.Beta.Directories.Files.Get(ctx, h.dirID, best.StaticFields.ParsedDirectoryFileID, beta.DirectoryFileGetParams{})
	if err != nil {
		return Answer{}, fmt.Errorf("helpdesk: look up the source: %w", err)
	}
	return Answer{Source: file.DisplayName, Passage: best.Content, Score: best.Score}, nil
}
