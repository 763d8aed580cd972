package apijson

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncoderUsesNoUnsafe keeps the encoder on plain reflection: none of its files imports
// unsafe, so it cannot come to depend on a memory layout (the runtime's, or param.Opt's).
func TestEncoderUsesNoUnsafe(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("encode*.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			assert.NotEqual(t, "unsafe", path, "%s imports unsafe", name)
		}
	}
}
