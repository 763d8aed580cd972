package llamacloud

import (
	"io"
	"time"

	"github.com/run-llama/llama-cloud-go/packages/param"
)

// String returns an optional string that is sent.
func String(s string) param.Opt[string] { return param.NewOpt(s) }

// Int returns an optional integer that is sent.
func Int(i int64) param.Opt[int64] { return param.NewOpt(i) }

// Float returns an optional float that is sent.
func Float(f float64) param.Opt[float64] { return param.NewOpt(f) }

// Bool returns an optional boolean that is sent.
func Bool(b bool) param.Opt[bool] { return param.NewOpt(b) }

// Time returns an optional time that is sent, as RFC 3339 UTC with milliseconds.
func Time(t time.Time) param.Opt[time.Time] { return param.NewOpt(t) }

// File wraps r as an upload with the given file name and content type, for readers that do
// not carry them (an *os.File has a name already; its content type then comes from the
// name's extension). An empty contentType means "application/octet-stream".
func File(r io.Reader, name, contentType string) io.Reader {
	if s, ok := r.(io.ReadSeeker); ok {
		return &seekableFile{namedFile{r, name, contentType}, s}
	}
	return &namedFile{r, name, contentType}
}

// namedFile is a reader with a file name and a content type.
type namedFile struct {
	io.Reader
	name        string
	contentType string
}

func (f *namedFile) Filename() string    { return f.name }
func (f *namedFile) ContentType() string { return f.contentType }

// seekableFile keeps the Seek of a wrapped io.ReadSeeker, so uploads of it can be retried.
type seekableFile struct {
	namedFile
	s io.Seeker
}

func (f *seekableFile) Seek(off int64, whence int) (int64, error) { return f.s.Seek(off, whence) }
