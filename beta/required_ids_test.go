package beta_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	llamacloud "github.com/run-llama/llama-cloud-go"
	"github.com/run-llama/llama-cloud-go/beta"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// requiredIDCalls sends, for every identifier a request body requires (tagged
// `param:"required"`), a call with that field set to id and every other required field
// valid. The key is the Go type and field; path is where the value sits in the JSON body.
var requiredIDCalls = map[string]struct {
	path string
	call func(c *llamacloud.Client, id string) error
}{
	"IndexNewParams.SourceDirectoryID": {"source_directory_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Indexes.New(context.Background(), beta.IndexNewParams{SourceDirectoryID: id})
		return err
	}},
	"IndexNewParamsProduct.ProductConfigID": {"products.0.product_config_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Indexes.New(context.Background(), beta.IndexNewParams{SourceDirectoryID: "dir_1",
			Products: []beta.IndexNewParamsProduct{{ProductConfigID: id, ProductType: beta.IndexProductTypeParse}}})
		return err
	}},
	"RetrievalRetrieveParams.IndexID": {"index_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Retrieval.Retrieve(context.Background(), beta.RetrievalRetrieveParams{IndexID: id, Query: "q"})
		return err
	}},
	"RetrievalSearchParams.IndexID": {"index_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Retrieval.Search(context.Background(), beta.RetrievalSearchParams{IndexID: id})
		return err
	}},
	"RetrievalGrepParams.IndexID": {"index_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Retrieval.Grep(context.Background(), beta.RetrievalGrepParams{IndexID: id, FileID: "file_1", Pattern: "p"})
		return err
	}},
	"RetrievalGrepParams.FileID": {"file_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Retrieval.Grep(context.Background(), beta.RetrievalGrepParams{IndexID: "idx_1", FileID: id, Pattern: "p"})
		return err
	}},
	"RetrievalReadParams.IndexID": {"index_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Retrieval.Read(context.Background(), beta.RetrievalReadParams{IndexID: id, FileID: "file_1"})
		return err
	}},
	"RetrievalReadParams.FileID": {"file_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Retrieval.Read(context.Background(), beta.RetrievalReadParams{IndexID: "idx_1", FileID: id})
		return err
	}},
	"AgentDataNewParams.DeploymentName": {"deployment_name", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.AgentData.New(context.Background(), beta.AgentDataNewParams{DeploymentName: id, Data: map[string]any{"a": 1.0}})
		return err
	}},
	"AgentDataSearchParams.DeploymentName": {"deployment_name", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.AgentData.Search(context.Background(), beta.AgentDataSearchParams{DeploymentName: id})
		return err
	}},
	"AgentDataAggregateParams.DeploymentName": {"deployment_name", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.AgentData.Aggregate(context.Background(), beta.AgentDataAggregateParams{DeploymentName: id})
		return err
	}},
	"AgentDataDeleteByQueryParams.DeploymentName": {"deployment_name", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.AgentData.DeleteByQuery(context.Background(), beta.AgentDataDeleteByQueryParams{DeploymentName: id})
		return err
	}},
	"SheetNewParams.FileID": {"file_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Sheets.New(context.Background(), beta.SheetNewParams{FileID: id})
		return err
	}},
	"DirectoryFileAddParams.FileID": {"file_id", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Directories.Files.Add(context.Background(), "dir_1", beta.DirectoryFileAddParams{FileID: id})
		return err
	}},
	// Update sends its directoryID argument when the field is empty, so only a blank value
	// reaches the check.
	"DirectoryFileUpdateParams.DirectoryID": {"directory_id", func(c *llamacloud.Client, id string) error {
		if id == "" {
			id = "\t"
		}
		_, err := c.Beta.Directories.Files.Update(context.Background(), "dir_1", "df_1", beta.DirectoryFileUpdateParams{DirectoryID: id})
		return err
	}},
	"BatchNewParamsJobConfigClassify.ID": {"job_config.id", func(c *llamacloud.Client, id string) error {
		return newClassifyBatch(c, beta.BatchNewParamsJobConfigClassify{ID: id, ProjectID: "p", UserID: "u"})
	}},
	"BatchNewParamsJobConfigClassify.ProjectID": {"job_config.project_id", func(c *llamacloud.Client, id string) error {
		return newClassifyBatch(c, beta.BatchNewParamsJobConfigClassify{ID: "c", ProjectID: id, UserID: "u"})
	}},
	"BatchNewParamsJobConfigClassify.UserID": {"job_config.user_id", func(c *llamacloud.Client, id string) error {
		return newClassifyBatch(c, beta.BatchNewParamsJobConfigClassify{ID: "c", ProjectID: "p", UserID: id})
	}},
	"SplitNewParamsDocumentInput.Value": {"document_input.value", func(c *llamacloud.Client, id string) error {
		_, err := c.Beta.Split.New(context.Background(), beta.SplitNewParams{DocumentInput: beta.SplitNewParamsDocumentInput{Value: id}})
		return err
	}},
}

func newClassifyBatch(c *llamacloud.Client, job beta.BatchNewParamsJobConfigClassify) error {
	_, err := c.Beta.Batch.New(context.Background(), beta.BatchNewParams{JobConfig: beta.BatchNewParamsJobConfig{OfClassify: &job}})
	return err
}

// An empty or blank identifier that a body requires is refused before anything is sent,
// with an error naming the field; a real one is sent where it belongs.
func TestRequiredBodyIDsAreRefusedWhenEmpty(t *testing.T) {
	t.Parallel()
	for name, tc := range requiredIDCalls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client, reqs := okServer(t, []byte(`{}`))
			wire := tc.path[strings.LastIndexByte(tc.path, '.')+1:]
			for _, bad := range []string{"", "  "} {
				err := tc.call(client, bad)
				require.Error(t, err, "%q", bad)
				assert.Equal(t, 1, strings.Count(err.Error(), "llamacloud:"), "the SDK is named once: %s", err)
				if bad == "" && name != "DirectoryFileUpdateParams.DirectoryID" {
					assert.Contains(t, err.Error(), wire+` must not be empty or blank, got ""`)
				} else {
					assert.Contains(t, err.Error(), wire+" must not be empty or blank, got ")
				}
			}
			assert.Empty(t, reqs.Unread(), "nothing is sent")

			require.NoError(t, tc.call(client, "id_1"))
			s := reqs.Next(t)
			assert.Equal(t, "id_1", gjson.GetBytes(s.Body, tc.path).String(), "the value is sent at %s: %s", tc.path, s.Body)
		})
	}
}

// The table above covers exactly the fields tagged `param:"required"` in the package.
func TestRequiredBodyIDsTableMatchesTheTags(t *testing.T) {
	t.Parallel()
	var tagged []string
	for name, st := range packageStructs(t) {
		for _, f := range st.Fields.List {
			if f.Tag == nil {
				continue
			}
			tag, err := strconv.Unquote(f.Tag.Value)
			require.NoError(t, err)
			if strings.Contains(reflect.StructTag(tag).Get("param"), "required") {
				for _, n := range f.Names {
					tagged = append(tagged, name+"."+n.Name)
				}
			}
		}
	}
	var inTable []string
	for name := range requiredIDCalls {
		inTable = append(inTable, name)
	}
	sort.Strings(tagged)
	sort.Strings(inTable)
	assert.Equal(t, inTable, tagged)
}

// Every OrganizationID and ProjectID field of a params struct carries the one-line doc that
// points at the package doc, where they are explained once.
func TestOrganizationAndProjectFieldsAreDocumented(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"OrganizationID": "OrganizationID overrides the client's organization for this call; see the package doc.\n",
		"ProjectID":      "ProjectID overrides the client's project for this call; see the package doc.\n",
	}
	n := 0
	for name, st := range packageStructs(t) {
		if !strings.HasSuffix(name, "Params") {
			continue
		}
		for _, f := range st.Fields.List {
			for _, id := range f.Names {
				if doc, ok := want[id.Name]; ok {
					n++
					assert.Equal(t, doc, f.Doc.Text(), "%s.%s", name, id.Name)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, n, 2*47, "every endpoint's params have both fields")
}

// packageStructs parses the package's non-test files and returns its struct types by name.
func packageStructs(t *testing.T) map[string]*ast.StructType {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	require.NoError(t, err)
	out := map[string]*ast.StructType{}
	for _, pkg := range pkgs {
		for _, file := range pkg.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				if ts, ok := n.(*ast.TypeSpec); ok {
					if st, ok := ts.Type.(*ast.StructType); ok {
						out[ts.Name.Name] = st
					}
				}
				return true
			})
		}
	}
	return out
}
