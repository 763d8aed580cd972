package llamacloudtest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/run-llama/llama-cloud-go/llamacloudtest"
)

// The tests in the sdk_*_test.go files drive the fake through the SDK: every request goes
// through srv.Client(), so they check the fake and the SDK against each other.

// sdkServer starts a server that is closed when the test ends and returns it with an SDK client
// for it and a context that is canceled when the test ends.
func sdkServer(t *testing.T, opts ...llamacloudtest.Option) (*llamacloudtest.Server, *llamacloud.Client, context.Context) {
	t.Helper()
	srv := llamacloudtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv, srv.Client(), testContext(t)
}

// testContext returns a context that is canceled when the test ends (t.Context needs Go 1.24).
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx
}

// countRequests returns how many of the requests srv recorded have the method and the escaped path.
func countRequests(srv *llamacloudtest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// requestsTo returns the requests srv recorded with the method and the escaped path, oldest first.
func requestsTo(srv *llamacloudtest.Server, method, path string) []llamacloudtest.RecordedRequest {
	var out []llamacloudtest.RecordedRequest
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// subMillisClock is a clock that moves one millisecond per reading and always reads 0.4 ms past a
// millisecond, as time.Now does most of the time: the timestamps the server writes (with
// milliseconds) are then earlier than the times it keeps.
func subMillisClock(base time.Time) func() time.Time {
	return stepClock(base.Add(400 * time.Microsecond))
}

// sdkDoc is one file of the corpus in testdata/sdk with the metadata it is uploaded with.
type sdkDoc struct {
	name     string
	dept     string
	year     float64
	rating   float64
	internal bool
}

func (d sdkDoc) metadata() map[string]any {
	return map[string]any{"dept": d.dept, "year": d.year, "rating": d.rating, "internal": d.internal}
}

// sdkCorpus is the retrieval corpus: six files of different formats about one fictional company.
var sdkCorpus = []sdkDoc{
	{name: "handbook.md", dept: "hr", year: 2024, rating: 4.5, internal: true},
	{name: "incident.txt", dept: "eng", year: 2024, rating: 2, internal: true},
	{name: "products.csv", dept: "sales", year: 2023, rating: 4, internal: false},
	{name: "faq.html", dept: "support", year: 2022, rating: 3.5, internal: false},
	{name: "company.json", dept: "exec", year: 2021, rating: 5, internal: false},
	{name: "release-notes.md", dept: "eng", year: 2023, rating: 4.2, internal: false},
}

// indexedCorpus is the corpus uploaded and indexed through the SDK.
type indexedCorpus struct {
	dirID   string
	indexID string
	files   map[string]beta.DirectoryFile // by file name
	byID    map[string]sdkDoc             // by directory file ID
}

// uploadCorpus uploads every file of sdkCorpus with Files.Upload into a new directory, makes an
// index of it with Indexes.New and syncs it.
func uploadCorpus(t *testing.T, ctx context.Context, client *llamacloud.Client) indexedCorpus {
	t.Helper()
	dir, err := client.Beta.Directories.New(ctx, beta.DirectoryNewParams{Name: "northwind", Description: llamacloud.String("SDK corpus")})
	require.NoError(t, err)
	c := indexedCorpus{dirID: dir.ID, files: map[string]beta.DirectoryFile{}, byID: map[string]sdkDoc{}}
	for _, doc := range sdkCorpus {
		f, err := os.Open(filepath.Join("testdata", "sdk", doc.name))
		require.NoError(t, err)
		df, err := client.Beta.Directories.Files.Upload(ctx, dir.ID, beta.DirectoryFileUploadParams{UploadFile: f, Metadata: doc.metadata()})
		require.NoError(t, f.Close())
		require.NoError(t, err, doc.name)
		c.files[doc.name] = *df
		c.byID[df.ID] = doc
	}
	ix, err := client.Beta.Indexes.New(ctx, beta.IndexNewParams{SourceDirectoryID: dir.ID})
	require.NoError(t, err)
	_, err = client.Beta.Indexes.Sync(ctx, ix.ID, beta.IndexSyncParams{})
	require.NoError(t, err)
	c.indexID = ix.ID
	return c
}
