// Package optaccess is how the SDK's encoders read a [param.Opt] without touching its fields:
// *param.Opt[T] implements [Opt] with one method, EncodeParts, whose argument has this
// package's type [Key]. Code outside this module cannot import this package, so it cannot
// make a Key or call the method: the accessor is no part of what users program against,
// and the encoders depend on Opt's behaviour, not on its layout.
//
//	if o, ok := v.Addr().Interface().(optaccess.Opt); ok {
//		value, isNull := o.EncodeParts(optaccess.Key{})
//		// value is nil (omitted or null) or a *T pointing at the value held
//	}
//
// [param.Opt]: https://pkg.go.dev/github.com/run-llama/llama-cloud-go/packages/param#Opt
package optaccess

// Key is the argument of [Opt.EncodeParts]. Its zero value is the only one; only code of
// this module can name the type and so call the method.
type Key struct{ _ [0]func() }

// Opt is implemented by every *param.Opt[T].
type Opt interface {
	// EncodeParts returns a *T pointing at the value the Opt holds (in an any) when it is
	// set, and nil otherwise; isNull reports an explicit null. An Opt that is neither set nor
	// null is omitted. The pointer aliases the Opt: the value must not be written through it.
	EncodeParts(Key) (value any, isNull bool)
}
