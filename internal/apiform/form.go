// Package apiform streams multipart/form-data request bodies. The text fields and the file
// part's header are small and built in memory; the file itself is read straight from the
// caller's reader while the request is being written, so memory does not grow with its size.
package apiform

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// Form is a multipart body with text fields and at most one file, written after the fields.
// A Form is used by one request at a time; the attempts of that request may overlap (see
// [Form.EndAttempt]).
type Form struct {
	boundary string
	fields   []field
	file     *source // nil without a file
	fileKey  string
	fileName string
	fileType string
}

type field struct{ name, value string }

// New returns an empty form with a random boundary.
func New() *Form {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return &Form{boundary: "llamacloud-" + hex.EncodeToString(b[:])}
}

// WriteField adds a text field.
func (f *Form) WriteField(name, value string) { f.fields = append(f.fields, field{name, value}) }

// SetFile sets the file part: field name, reader, file name and content type
// ("application/octet-stream" when empty).
func (f *Form) SetFile(fieldName string, r io.Reader, fileName, contentType string) error {
	if r == nil {
		return fmt.Errorf("llamacloud: upload file for field %q is a nil reader", fieldName)
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	if _, _, err := mime.ParseMediaType(contentType); err != nil || strings.ContainsFunc(contentType, isControl) {
		return fmt.Errorf("llamacloud: invalid content type %q for field %q", contentType, fieldName)
	}
	f.file, f.fileKey, f.fileName, f.fileType = newSource(r), fieldName, fileName, contentType
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// ContentType is the request's Content-Type header.
func (f *Form) ContentType() string { return "multipart/form-data; boundary=" + f.boundary }

// quote escapes a name for a quoted Content-Disposition parameter: backslashes and quotes
// are backslash-escaped, control characters percent-encoded (as browsers do for CR and LF),
// so no name can break the header line or start a new one.
func quote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// head returns the bytes before the file content: every text field, then the file part's header.
func (f *Form) head() []byte {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.SetBoundary(f.boundary)
	for _, fl := range f.fields {
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, quote(fl.name)))
		pw, _ := w.CreatePart(h)
		_, _ = io.WriteString(pw, fl.value)
	}
	if f.file != nil {
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
			quote(f.fileKey), quote(f.fileName)))
		h.Set("Content-Type", f.fileType)
		_, _ = w.CreatePart(h)
	}
	return buf.Bytes()
}

func (f *Form) tail() []byte {
	if f.file == nil && len(f.fields) == 0 {
		return []byte("--" + f.boundary + "--\r\n")
	}
	return []byte("\r\n--" + f.boundary + "--\r\n")
}

// ErrNotReplayable is returned by [Form.Reader] when the file was partly read by an earlier
// attempt and cannot be rewound.
var ErrNotReplayable = errors.New("llamacloud: upload body cannot be replayed: the reader is not an io.Seeker and was already read")

// EndAttempt ends the current attempt: from now on its body reads nothing more of the file,
// and a read of it still in flight (net/http may go on writing a request body from another
// goroutine after the response came) hands what it gets to the next attempt instead. It
// reports whether another attempt can send the whole body: the file is an io.Seeker, or no
// byte of it went to the ended attempt. The answer is final, whatever the transport does
// afterwards.
func (f *Form) EndAttempt() bool {
	if f.file == nil {
		return true
	}
	return f.file.endAttempt()
}

// Reader starts an attempt, ending the one before, and returns its body and length (-1 when
// the file's size is not known). A seekable file is rewound to where it stood at the first
// attempt; a plain reader goes on where the ended attempts stopped, which is its start when
// [Form.EndAttempt] said the body can be sent again, and is otherwise ErrNotReplayable.
func (f *Form) Reader() (io.Reader, int64, error) {
	head, tail := f.head(), f.tail()
	if f.file == nil {
		return io.MultiReader(bytes.NewReader(head), bytes.NewReader(tail)), int64(len(head) + len(tail)), nil
	}
	file, size, err := f.file.beginAttempt()
	if err != nil {
		return nil, 0, err
	}
	length := int64(-1)
	if size >= 0 {
		length = int64(len(head)) + size + int64(len(tail))
	}
	return io.MultiReader(bytes.NewReader(head), file, bytes.NewReader(tail)), length, nil
}
