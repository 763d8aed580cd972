package beta

import "github.com/run-llama/llama-cloud-go/option"

type ChatService struct {
	Options []option.RequestOption
}

func NewChatService(opts ...option.RequestOption) *ChatService { return &ChatService{Options: opts} }
