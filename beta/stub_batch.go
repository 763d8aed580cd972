package beta

import "github.com/run-llama/llama-cloud-go/option"

// BatchService is being written; this stub keeps the tree building. Its owner deletes this file.
type BatchService struct {
	Options  []option.RequestOption
	JobItems *BatchJobItemService
}

// NewBatchService returns the service.
func NewBatchService(opts ...option.RequestOption) *BatchService { return &BatchService{Options: opts} }

// BatchJobItemService is being written; this stub keeps the tree building.
type BatchJobItemService struct{ Options []option.RequestOption }
