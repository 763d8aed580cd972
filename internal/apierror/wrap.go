package apierror

import "strings"

// Prefix starts the text of every error the SDK returns, once.
const Prefix = "llamacloud: "

// Wrap returns an error that reads "llamacloud: " + context + ": " + err's text, and that
// unwraps to err, so errors.Is and errors.As still find the cause. err's own "llamacloud: "
// prefixes are dropped, the leading one and any left inside it by an earlier wrapping, so the
// message names the SDK once however many layers it went through. An empty context leaves
// just the prefix and err's text. Wrap(nil, …) is nil.
func Wrap(err error, context string) error {
	if err == nil {
		return nil
	}
	return &wrapped{context: context, err: err}
}

type wrapped struct {
	context string
	err     error
}

func (w *wrapped) Error() string {
	msg := Unprefixed(w.err)
	if w.context == "" {
		return Prefix + msg
	}
	return Prefix + w.context + ": " + msg
}

func (w *wrapped) Unwrap() error { return w.err }

// Unprefixed is err's text without the "llamacloud: " prefixes of the SDK: the leading one
// and those an earlier wrapping left after a ": ". It is for composing a message around err.
func Unprefixed(err error) string {
	return strings.ReplaceAll(strings.TrimPrefix(err.Error(), Prefix), ": "+Prefix, ": ")
}
