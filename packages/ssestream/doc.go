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
// line ends, a leading byte order mark). Lines have no length limit; the decoder keeps one
// 64 KiB read buffer plus buffers as large as the longest line and event, reused between events.
//
// [beta.ChatService.Stream]: https://pkg.go.dev/github.com/run-llama/llama-cloud-go/beta#ChatService.Stream
package ssestream
