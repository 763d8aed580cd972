// Package ssestream reads Server-Sent Events (text/event-stream) as the SDK's streaming
// endpoints send them, such as the chat stream of [beta.ChatService.Stream].
//
// A [Stream] decodes the data of each event into a Go value:
//
//	stream := client.Beta.Chat.Stream(ctx, sessionID, params)
//	defer stream.Close()
//	for ev, err := range stream.All() {
//		if err != nil {
//			return err // read error, `event: error`, bad JSON or a stream cut mid-event
//		}
//		fmt.Print(ev.AsTextDelta().Content)
//	}
//
// # Decoder
//
// A [Decoder] is the layer below: it splits a body into [Event] values following the WHATWG
// "event stream interpretation" rules (comments, multi-line data, id, retry, CR, LF and CRLF
// line ends, a leading byte order mark). The format has no line-length ceiling, and the
// decoder sets none of its own: its limit, 32 MiB by default for one line and for one event's
// data ([DefaultMaxEventBytes], [Decoder.SetMaxEventBytes]), is thousands of times the size
// of a real event and is there to bound the memory a broken or hostile server can make a
// stream hold. Passing it ends the stream with an [*EventTooLargeError].
//
// # Memory
//
// The body is read into chunks of at most 64 KiB that are never written again once read, and
// each event is decoded straight from its chunk: the strings of a value share the chunk's
// memory instead of being copied. A value kept keeps its chunk; a stream whose values are
// dropped as they are used holds one chunk. A [Stream] made with [NewStreamWithContext]
// ends as soon as its context is done, events already read or not.
//
// [beta.ChatService.Stream]: https://pkg.go.dev/github.com/run-llama/llama-cloud-go/beta#ChatService.Stream
package ssestream
