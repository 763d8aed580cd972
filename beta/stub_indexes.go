package beta

import "github.com/run-llama/llama-cloud-go/option"

type IndexService struct {
	Options []option.RequestOption
}

func NewIndexService(opts ...option.RequestOption) *IndexService { return &IndexService{Options: opts} }
