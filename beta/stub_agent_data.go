package beta

import "github.com/run-llama/llama-cloud-go/option"

type AgentDataService struct {
	Options []option.RequestOption
}

func NewAgentDataService(opts ...option.RequestOption) *AgentDataService { return &AgentDataService{Options: opts} }
