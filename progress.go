package llamacloud

import "io"

// ProgressReader returns a reader that reads r and calls fn after each read that returned
// bytes, with the number of bytes read so far. Wrap an upload's content in it to show
// progress while the upload streams:
//
//	f, err := os.Open("report.pdf")
//	…
//	body := llamacloud.ProgressReader(f, func(sent int64) { fmt.Printf("\r%d bytes", sent) })
//	_, err = client.Beta.Directories.Files.Upload(ctx, dirID, beta.DirectoryFileUploadParams{UploadFile: body})
//
// The reader keeps what an upload needs of r: it is an io.Seeker when r is one, so a
// retried upload still rewinds it, and it answers Name, Filename and ContentType as r does
// (the empty string when r lacks the method, which an upload treats as absent). After a
// Seek that moves the position (anything but Seek(0, io.SeekCurrent)), sent counts from 0
// again: a retried upload reports from the start instead of past the file's size.
//
// fn runs on the goroutine that reads, which for an upload is the HTTP transport's, so
// keep it quick; it is never called by two reads at once, since a reader is read by one
// goroutine at a time. A nil fn only counts.
func ProgressReader(r io.Reader, fn func(sent int64)) io.Reader {
	p := progressReader{r: r, fn: fn}
	if s, ok := r.(io.Seeker); ok {
		return &seekableProgressReader{progressReader: p, s: s}
	}
	return &p
}

// progressReader counts the bytes read from r and reports the total to fn.
type progressReader struct {
	r    io.Reader
	fn   func(sent int64)
	sent int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.sent += int64(n)
		if p.fn != nil {
			p.fn(p.sent)
		}
	}
	return n, err
}

// Name returns the wrapped reader's Name (an *os.File's path), or "".
func (p *progressReader) Name() string {
	if n, ok := p.r.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}

// Filename returns the wrapped reader's Filename (as [File] sets it), or "".
func (p *progressReader) Filename() string {
	if n, ok := p.r.(interface{ Filename() string }); ok {
		return n.Filename()
	}
	return ""
}

// ContentType returns the wrapped reader's ContentType (as [File] sets it), or "".
func (p *progressReader) ContentType() string {
	if c, ok := p.r.(interface{ ContentType() string }); ok {
		return c.ContentType()
	}
	return ""
}

// seekableProgressReader is a progressReader over an io.ReadSeeker.
type seekableProgressReader struct {
	progressReader
	s io.Seeker
}

// Seek seeks the wrapped reader; a move restarts the count of bytes sent.
func (p *seekableProgressReader) Seek(offset int64, whence int) (int64, error) {
	pos, err := p.s.Seek(offset, whence)
	if err == nil && (offset != 0 || whence != io.SeekCurrent) {
		p.sent = 0
	}
	return pos, err
}
