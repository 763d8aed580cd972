package beta

import "github.com/run-llama/llama-cloud-go/option"

type SheetService struct {
	Options []option.RequestOption
}

func NewSheetService(opts ...option.RequestOption) *SheetService { return &SheetService{Options: opts} }
