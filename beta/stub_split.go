package beta

import "github.com/run-llama/llama-cloud-go/option"

type SplitService struct {
	Options []option.RequestOption
}

func NewSplitService(opts ...option.RequestOption) *SplitService { return &SplitService{Options: opts} }
