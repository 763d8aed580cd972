package pagination_test

import "github.com/run-llama/llama-cloud-go/internal/apijson"

// The decoder of this test binary fails on any struct whose JSON metadata does not list
// exactly its fields (beta's TestResponseMetadata checks the page types from their source).
func init() { apijson.SetStrictMetadata(true) }
