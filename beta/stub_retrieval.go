package beta

import "github.com/run-llama/llama-cloud-go/option"

type RetrievalService struct {
	Options []option.RequestOption
}

func NewRetrievalService(opts ...option.RequestOption) *RetrievalService { return &RetrievalService{Options: opts} }
