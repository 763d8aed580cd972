package apiform

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type gotPart struct{ name, filename, contentType, body string }

func parse(t *testing.T, f *Form, body []byte) []gotPart {
	t.Helper()
	_, params, err := mime.ParseMediaType(f.ContentType())
	require.NoError(t, err)
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var out []gotPart
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		b, err := io.ReadAll(p)
		require.NoError(t, err)
		out = append(out, gotPart{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
	}
}

func read(t *testing.T, f *Form) ([]byte, int64) {
	t.Helper()
	r, n, err := f.Reader()
	require.NoError(t, err)
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return b, n
}

func TestFormLengthAndParts(t *testing.T) {
	t.Parallel()
	f := New()
	f.WriteField("display_name", "Q3 report")
	f.WriteField("metadata", `{"a":1}`)
	require.NoError(t, f.SetFile("upload_file", strings.NewReader("content"), "q3.txt", "text/plain"))
	body, n := read(t, f)
	assert.Equal(t, int64(len(body)), n, "a reader with Len gives an exact Content-Length")
	assert.Equal(t, []gotPart{
		{"display_name", "", "", "Q3 report"},
		{"metadata", "", "", `{"a":1}`},
		{"upload_file", "q3.txt", "text/plain", "content"},
	}, parse(t, f, body))
}

func TestFormRewindsSeeker(t *testing.T) {
	t.Parallel()
	src := bytes.NewReader([]byte("0123456789"))
	_, _ = src.Seek(3, io.SeekStart) // uploads start where the reader stands
	f := New()
	require.NoError(t, f.SetFile("upload_file", src, "a.bin", ""))
	first, n1 := read(t, f)
	assert.True(t, f.EndAttempt())
	second, n2 := read(t, f)
	assert.Equal(t, first, second)
	assert.Equal(t, n1, n2)
	assert.Equal(t, int64(len(first)), n1)
	parts := parse(t, f, first)
	assert.Equal(t, "3456789", parts[0].body)
	assert.Equal(t, "application/octet-stream", parts[0].contentType)
}

func TestFormPlainReaderIsNotReplayedOnceRead(t *testing.T) {
	t.Parallel()
	f := New()
	require.NoError(t, f.SetFile("upload_file", io.MultiReader(strings.NewReader("abc")), "a", ""))
	assert.True(t, f.EndAttempt(), "no attempt yet")
	r, n, err := f.Reader()
	require.NoError(t, err)
	assert.Equal(t, int64(-1), n, "unknown size")
	assert.True(t, f.EndAttempt(), "nothing read")
	_, err = io.ReadAll(r)
	assert.ErrorIs(t, err, errAttemptEnded, "an ended attempt reads nothing more")

	body, _ := read(t, f)
	assert.Equal(t, "abc", parse(t, f, body)[0].body, "the next attempt sends it all")
	assert.False(t, f.EndAttempt(), "bytes went to the ended attempt")
	_, _, err = f.Reader()
	assert.ErrorIs(t, err, ErrNotReplayable)
}

// signalReader reports on reading each time a Read of r begins.
type signalReader struct {
	r       io.Reader
	reading chan<- struct{}
}

func (s *signalReader) Read(p []byte) (int, error) {
	s.reading <- struct{}{}
	return s.r.Read(p)
}

func TestFormInFlightReadOfEndedAttemptGoesToTheNext(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe()
	reading := make(chan struct{}, 8)
	f := New()
	require.NoError(t, f.SetFile("upload_file", &signalReader{pr, reading}, "a", ""))

	// Attempt 1's writer (a transport's write loop) blocks reading the empty pipe.
	r1, _, err := f.Reader()
	require.NoError(t, err)
	first := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(r1)
		first <- err
	}()
	<-reading
	// The attempt fails before any file byte was sent: the body can go again, and attempt 2
	// starts while attempt 1's read is still waiting.
	assert.True(t, f.EndAttempt())
	r2, _, err := f.Reader()
	require.NoError(t, err)
	second := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(r2)
		second <- b
	}()
	// The file's first bytes reach attempt 1's waiting read, which passes them on.
	go func() {
		_, _ = io.WriteString(pw, "first chunk|")
		_, _ = io.WriteString(pw, "second chunk")
		pw.Close()
	}()
	assert.ErrorIs(t, <-first, errAttemptEnded)
	body := <-second
	assert.Equal(t, "first chunk|second chunk", parse(t, f, body)[0].body)
}

func TestFormRejectsHeaderInjection(t *testing.T) {
	t.Parallel()
	err := New().SetFile("upload_file", strings.NewReader("x"), "a", "text/plain\r\nX-Evil: 1")
	assert.EqualError(t, err, `llamacloud: invalid content type "text/plain\r\nX-Evil: 1" for field "upload_file"`)
}

func TestFormNilFile(t *testing.T) {
	t.Parallel()
	assert.EqualError(t, New().SetFile("upload_file", nil, "x", ""), `llamacloud: upload file for field "upload_file" is a nil reader`)
}

func FuzzForm(f *testing.F) {
	f.Add("display_name", "Q3", "q3.txt", "text/plain", []byte("content"))
	f.Add("a\"b", "line\r\nbreak", "evil\"\r\nname.txt", "", []byte{0, 1, 2})
	f.Add("", "", "", "application/pdf", []byte(nil))
	f.Fuzz(func(t *testing.T, field, value, filename, contentType string, content []byte) {
		form := New()
		form.WriteField(field, value)
		if err := form.SetFile("upload_file", bytes.NewReader(content), filename, contentType); err != nil {
			// Only a bad content type is refused, and the error names it.
			assert.Contains(t, err.Error(), "invalid content type")
			return
		}
		body, n := read(t, form)
		if n != int64(len(body)) {
			t.Fatalf("length %d, body %d", n, len(body))
		}
		_, params, err := mime.ParseMediaType(form.ContentType())
		require.NoError(t, err)
		r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		p, err := r.NextPart()
		require.NoError(t, err)
		b, _ := io.ReadAll(p)
		if !strings.ContainsFunc(field, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '"' || r == '\\' || r == '%' }) {
			assert.Equal(t, field, p.FormName())
		}
		assert.Equal(t, value, string(b), "text field survives")
		p, err = r.NextPart()
		require.NoError(t, err, "the file part is still one part, whatever the names hold")
		b, _ = io.ReadAll(p)
		assert.Equal(t, string(content), string(b))
		assert.Equal(t, "upload_file", p.FormName())
		_, err = r.NextPart()
		assert.ErrorIs(t, err, io.EOF, "no injected parts")
	})
}
