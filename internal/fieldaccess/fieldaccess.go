// Package fieldaccess is how the SDK's decoder makes a [respjson.Field] that points into the
// document it decodes instead of holding a copy of the field's place in it: the function
// that does, respjson.DecodedField, takes this package's [Key], which code outside this
// module cannot name, so only the decoder, which knows what follows the text, can call it.
//
// [respjson.Field]: https://pkg.go.dev/github.com/run-llama/llama-cloud-go/packages/respjson#Field
package fieldaccess

// Key is the first argument of respjson.DecodedField. Its zero value is the only one; only
// code of this module can name the type and so call the function.
type Key struct{ _ [0]func() }
