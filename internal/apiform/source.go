package apiform

import (
	"errors"
	"fmt"
	"io"
	"sync"
)

// errAttemptEnded is what the body of an ended attempt reads: the transport still writing it
// gives up, and the file's bytes stay for the next attempt.
var errAttemptEnded = errors.New("llamacloud: upload attempt ended")

// source is the file of a form, shared by the attempts of one request. Each attempt reads it
// through its own attemptReader, and only the current attempt's reads reach the caller's
// reader: the reads are serialised, so a write loop of an ended attempt that is still
// blocked in a read can neither race the next attempt nor take bytes from it; whatever such
// a read gets is carried over to the next attempt. So a retry sends the file whole or, when
// bytes of a plain reader already left with an ended attempt, not at all.
type source struct {
	r      io.Reader
	seeker io.Seeker // r as an io.Seeker, when it can seek

	readMu sync.Mutex // held across each read of r, and the rewind before one

	mu      sync.Mutex // guards the fields below
	start   int64      // the seeker's offset at the first attempt
	size    int64      // the file's length from the first attempt, -1 when unknown
	attempt int        // the current attempt, from 1; 0 before the first
	live    bool       // the current attempt may still read
	sent    bool       // bytes of r went to the current attempt
	spent   bool       // bytes of a plain reader went to an ended attempt: no replay
	rewind  bool       // the next read must seek back to start first
	carry   []byte     // bytes a read of an ended attempt got, for the next attempt
	err     error      // the error (io.EOF too) such a read got after them
}

func newSource(r io.Reader) *source {
	s := &source{r: r, size: -1}
	if sk, ok := r.(io.Seeker); ok {
		if _, err := sk.Seek(0, io.SeekCurrent); err == nil {
			s.seeker = sk
		}
	}
	return s
}

// beginAttempt ends the current attempt, if any, and starts the next: it returns that
// attempt's reader and the file's size.
func (s *source) beginAttempt() (io.Reader, int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.attempt == 0 {
		if err := s.measure(); err != nil {
			return nil, 0, err
		}
	} else {
		s.endLocked()
	}
	if s.spent {
		return nil, 0, ErrNotReplayable
	}
	s.attempt++
	s.live, s.sent = true, false
	return &attemptReader{s: s, attempt: s.attempt}, s.size, nil
}

// measure records where a seeker starts and how long the file is, at the first attempt.
func (s *source) measure() error {
	if s.seeker == nil {
		if l, ok := s.r.(interface{ Len() int }); ok {
			s.size = int64(l.Len())
		}
		return nil
	}
	start, err := s.seeker.Seek(0, io.SeekCurrent)
	var end int64
	if err == nil {
		end, err = s.seeker.Seek(0, io.SeekEnd)
	}
	if err == nil {
		_, err = s.seeker.Seek(start, io.SeekStart)
	}
	if err != nil {
		return fmt.Errorf("llamacloud: measure upload file: %w", err)
	}
	s.start, s.size = start, end-start
	return nil
}

func (s *source) endAttempt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endLocked()
	return !s.spent
}

func (s *source) endLocked() {
	if !s.live {
		return
	}
	s.live = false
	if s.seeker != nil {
		s.rewind = true
		return
	}
	if s.sent {
		s.spent = true
	}
}

// attemptReader is one attempt's view of the file.
type attemptReader struct {
	s       *source
	attempt int
}

func (a *attemptReader) Read(p []byte) (int, error) {
	s := a.s
	s.readMu.Lock()
	defer s.readMu.Unlock()

	s.mu.Lock()
	if !a.current() {
		s.mu.Unlock()
		return 0, errAttemptEnded
	}
	if len(s.carry) > 0 {
		n := copy(p, s.carry)
		s.carry = s.carry[n:]
		s.sent = s.sent || n > 0
		s.mu.Unlock()
		return n, nil
	}
	if s.err != nil {
		err := s.err
		s.mu.Unlock()
		return 0, err
	}
	rewind := s.rewind
	s.rewind = false
	s.mu.Unlock()

	if rewind {
		if _, err := s.seeker.Seek(s.start, io.SeekStart); err != nil {
			return 0, fmt.Errorf("llamacloud: rewind upload file: %w", err)
		}
	}
	n, err := s.r.Read(p)

	s.mu.Lock()
	defer s.mu.Unlock()
	if !a.current() {
		// The attempt ended while this read waited for the file: its bytes, and the end
		// or error that came with them, belong to the next attempt. A seeker rewinds instead.
		if s.seeker == nil {
			s.carry = append(s.carry, p[:n]...)
			s.err = err
		}
		return 0, errAttemptEnded
	}
	s.sent = s.sent || n > 0
	return n, err
}

// current reports whether a is the live attempt; s.mu must be held.
func (a *attemptReader) current() bool { return a.attempt == a.s.attempt && a.s.live }
