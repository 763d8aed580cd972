package beta

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path/filepath"

	"github.com/run-llama/llama-cloud-go/internal/apiform"
	"github.com/run-llama/llama-cloud-go/internal/apipath"
	"github.com/run-llama/llama-cloud-go/internal/requestconfig"
	"github.com/run-llama/llama-cloud-go/option"
	"github.com/run-llama/llama-cloud-go/packages/param"
)

// DirectoryFileUploadParams are the parameters of [DirectoryFileService.Upload].
type DirectoryFileUploadParams struct {
	// UploadFile is the content to upload. Required. Its file name and content type come from
	// the reader when it has them (Name() as an *os.File has, Filename(), ContentType());
	// wrap other readers with llamacloud.File. An io.ReadSeeker is rewound when the upload is
	// retried; any other reader is not retried once bytes of it were sent.
	UploadFile io.Reader `json:"-"`
	// DisplayName defaults to the file's name.
	DisplayName param.Opt[string] `json:"-"`
	// ExternalFileID is the file's ID in an outside system.
	ExternalFileID param.Opt[string] `json:"-"`
	// Metadata is user metadata, sent as a JSON object string.
	Metadata map[string]any `json:"-"`
	// UniqueID identifies the file in the directory.
	UniqueID param.Opt[string] `json:"-"`

	// OrganizationID overrides the client's organization for this call; see the package doc.
	OrganizationID param.Opt[string] `json:"-" query:"organization_id"`
	// ProjectID overrides the client's project for this call; see the package doc.
	ProjectID param.Opt[string] `json:"-" query:"project_id"`
}

// Upload sends a file's content and adds it to a directory in one call
// (POST /api/v1/beta/directories/{directory_id}/files/upload). The multipart body is
// streamed from UploadFile, so memory does not grow with the file's size.
func (s *DirectoryFileService) Upload(ctx context.Context, directoryID string, params DirectoryFileUploadParams, opts ...option.RequestOption) (*DirectoryFile, error) {
	name, contentType := fileInfo(params.UploadFile)
	return s.upload(ctx, directoryID, &params, name, contentType, opts)
}

// upload sends params with name and contentType as the file part's file name and type.
func (s *DirectoryFileService) upload(ctx context.Context, directoryID string, params *DirectoryFileUploadParams, name, contentType string, opts []option.RequestOption) (*DirectoryFile, error) {
	path, err := apipath.Expand("api/v1/beta/directories/{directoryID}/files/upload", directoryID)
	if err != nil {
		return nil, err
	}
	form, err := params.form(name, contentType)
	if err != nil {
		return nil, err
	}
	r, err := requestconfig.NewFormRequest(http.MethodPost, path, params, form, withCallOptions(s.Options, opts)...)
	if err != nil {
		return nil, err
	}
	res := new(DirectoryFile)
	if err := r.Do(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// form builds the multipart body; name and contentType describe the file part.
func (p *DirectoryFileUploadParams) form(name, contentType string) (*apiform.Form, error) {
	if p.UploadFile == nil {
		return nil, fmt.Errorf("llamacloud: DirectoryFileUploadParams.UploadFile is nil")
	}
	f := apiform.New()
	optField(f, "display_name", p.DisplayName)
	optField(f, "external_file_id", p.ExternalFileID)
	if p.Metadata != nil {
		b, err := json.Marshal(p.Metadata)
		if err != nil {
			return nil, fmt.Errorf("llamacloud: encode upload metadata: %w", err)
		}
		f.WriteField("metadata", string(b))
	}
	optField(f, "unique_id", p.UniqueID)
	if err := f.SetFile("upload_file", p.UploadFile, name, contentType); err != nil {
		return nil, err
	}
	return f, nil
}

func optField(f *apiform.Form, name string, v param.Opt[string]) {
	if v.Valid() {
		f.WriteField(name, v.Value())
	}
}

// fileInfo reads a reader's file name (Filename(), else the base of Name(), else "file")
// and content type (ContentType(), else from the name's extension).
func fileInfo(r io.Reader) (name, contentType string) {
	name = "file"
	if n, ok := r.(interface{ Filename() string }); ok && n.Filename() != "" {
		name = n.Filename()
	} else if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		name = filepath.Base(n.Name())
	}
	if c, ok := r.(interface{ ContentType() string }); ok && c.ContentType() != "" {
		contentType = c.ContentType()
	} else {
		contentType = mime.TypeByExtension(filepath.Ext(name))
	}
	return name, contentType
}
