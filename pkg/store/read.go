package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"math"
	"os"
	"path"
	"strconv"
	"strings"
	"syscall"

	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/workplans"
)

// Source is a plan's bytes and the name diagnostics give it.
type Source struct {
	Name     string
	Data     []byte
	Embedded bool // one of the plans built into bp
}

// Sources reads the plans f names, in order, each when the loop asks for
// it: a loop that stops at an error reads no further. With an error, the
// Source holds only the file's name. It is the one loop over the files
// of a set; ReadAll and Plans are built on it.
func (s *Session) Sources(f Files) iter.Seq2[Source, error] {
	return func(yield func(Source, error) bool) {
		for _, name := range f.Names {
			if !yield(s.read(f, name)) {
				return
			}
		}
	}
}

// ReadAll reads every plan f names; the first that cannot be read stops
// it.
func (s *Session) ReadAll(f Files) ([]Source, error) {
	srcs := make([]Source, 0, len(f.Names))
	for src, err := range s.Sources(f) {
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, nil
}

// Plans reads the plans f names, but the file skip (the one an edit
// reads itself; "" for none), and decodes them as they are, without
// validating: what they hold is looked up (which file has an event,
// which year a file covers, what to offer for completion), not judged.
// A file that cannot be read stops it; one that cannot be decoded is
// left out.
func (s *Session) Plans(f Files, skip string) ([]*workplan.Plan, error) {
	var plans []*workplan.Plan
	for src, err := range s.Sources(f) {
		if err != nil {
			return nil, err
		}
		if src.Name == skip {
			continue
		}
		if p, _ := workplan.Parse(src.Name, src.Data, s.Limits()); p != nil {
			plans = append(plans, p)
		}
	}
	return plans, nil
}

// read reads one of the files f names: a built-in plan from bp itself,
// anything else with ReadFile.
func (s *Session) read(f Files, name string) (Source, error) {
	if f.Origin == FromBuilt {
		data, err := workplans.ReadFile(path.Base(name))
		if err != nil {
			return Source{Name: name}, fmt.Errorf("read built-in plan %s: %w", name, err)
		}
		return Source{Name: name, Data: data, Embedded: true}, nil
	}
	data, err := s.ReadFile(name)
	if err != nil {
		return Source{Name: name}, err
	}
	return Source{Name: name, Data: data}, nil
}

// Limits are the limits plans are read within: the defaults, with
// MaxSize (--max-size) as the largest file when it is set.
func (s *Session) Limits() workplan.Limits {
	lim := workplan.DefaultLimits
	if s.MaxSize > 0 {
		lim.MaxBytes = s.MaxSize
	}
	return lim
}

// ReadFile reads a workplan file whole, or refuses it: bp never hands a
// prefix of a file on, so that no command can format, check or rewrite
// part of a plan as if it were all of it. "-" reads Stdin.
//
// It refuses, with a message that names the file:
//   - a file over the size limit (MaxSize), giving its real size, or for
//     a stream "more than N bytes";
//   - a directory, and special files (named pipes, devices, sockets),
//     which are recognised before they are opened for reading, so that
//     a pipe with no writer cannot hang bp and /dev/zero is not read;
//   - a dangling symbolic link, naming its target.
//
// Every regular file read is recorded, so that no write of the session
// replaces it (see isInput).
func (s *Session) ReadFile(name string) ([]byte, error) {
	limit := int64(s.Limits().MaxBytes)
	if name == "-" {
		return s.readStdin(limit)
	}
	osPath := s.Path(name)
	st, err := os.Stat(osPath)
	if err != nil {
		if dangling := s.danglingLink(name, err); dangling != nil {
			return nil, dangling
		}
		return nil, fmt.Errorf("read workplan: %w", err)
	}
	if err := checkReadable(name, st); err != nil {
		return nil, err
	}
	// Between the Stat and the open the name could be replaced by a pipe;
	// O_NONBLOCK makes that open return at once, and the Stat of the open
	// file below catches it.
	f, err := os.OpenFile(osPath, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("read workplan: %w", err)
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read workplan %s: %w", name, err)
	}
	if err := checkReadable(name, st); err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, tooLarge(name, st.Size(), limit)
	}
	s.noteInput(st)
	data, err := readAtMost(f, limit, st.Size())
	if err != nil {
		return nil, fmt.Errorf("read workplan %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		// The file grew while bp read it.
		return nil, tooLarge(name, -1, limit)
	}
	return data, nil
}

// danglingLink is the refusal of name when it is a symbolic link whose
// target does not exist (err is what stat said), or nil: "no such file"
// would send the user looking for a file that is there.
func (s *Session) danglingLink(name string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	st, lerr := os.Lstat(s.Path(name))
	if lerr != nil || st.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	target, lerr := os.Readlink(s.Path(name))
	if lerr != nil {
		return nil
	}
	s.NoteName(target)
	return fmt.Errorf("read workplan: %s is a dangling symbolic link: its target, %s, does not exist\n"+
		"  hint: point it at a plan, or remove it", name, target)
}

// readStdin reads Stdin whole, refusing more than limit bytes. When it
// is a regular file (bp … - < plan.yaml) its real size is given, and it
// counts as an input of the session.
func (s *Session) readStdin(limit int64) ([]byte, error) {
	size := int64(-1)
	if f, ok := s.Stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			s.noteInput(st)
			size = st.Size()
		}
	}
	in := s.Stdin
	if in == nil {
		in = strings.NewReader("")
	}
	data, err := readAtMost(in, limit, size)
	if err != nil {
		return nil, fmt.Errorf("read workplan from standard input: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge("standard input", size, limit)
	}
	return data, nil
}

// readAtMost reads r to its end or to limit+1 bytes, whichever comes
// first; more than limit bytes back means r is over the limit. size is
// what r should hold (a regular file's size; -1 when unknown): the buffer
// is made that large at once, with room to see that the file grew,
// rather than grown and copied as it fills (a tenth of an edit's time on
// a plan of 3 MB, read twice).
func readAtMost(r io.Reader, limit, size int64) ([]byte, error) {
	n := limit
	if n < math.MaxInt64 {
		n++
	}
	if size < 0 || size >= n {
		return io.ReadAll(io.LimitReader(r, n))
	}
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(r, n))
	return b.Bytes(), err
}

// tooLarge is the refusal of a file over the limit. size is the file's
// real size, or -1 for a stream, whose size bp cannot know without
// reading all of it. Both numbers are written with thousands separators,
// so that the user sees at a glance how far to raise --max-size.
func tooLarge(name string, size, limit int64) error {
	what := fmt.Sprintf("more than the limit of %s bytes (--max-size)", Thousands(limit))
	if size >= 0 {
		what = fmt.Sprintf("the file is %s bytes, more than the limit of %s (--max-size)", Thousands(size), Thousands(limit))
	}
	return fmt.Errorf(
		"read workplan %s: %s; refused, nothing was written\n"+
			"  hint: raise the limit with --max-size BYTES if the file is genuine", name, what)
}

// checkReadable refuses what bp must not read as a plan: a directory or a
// special file.
func checkReadable(name string, st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fmt.Errorf("read workplan: %s is a directory; name a .yaml file", name)
	}
	return fmt.Errorf("read workplan %s: it is %s, not a regular file; refused before reading\n"+
		"  hint: bp reads a plan from a regular file; to read from a pipe, give \"-\" and send it to standard input", name, specialKind(m))
}

func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// noteInput records a file read in this session.
func (s *Session) noteInput(st fs.FileInfo) {
	s.inputs = append(s.inputs, st)
}

// isInput reports whether st is a file read in this session (the same
// file, under any name: a symlink or a hard link to it counts): no
// command writes over what it read.
func (s *Session) isInput(st fs.FileInfo) bool {
	for _, in := range s.inputs {
		if os.SameFile(in, st) {
			return true
		}
	}
	return false
}

// Thousands writes n with a comma between groups of three digits, as
// bp's messages give sizes: 31,585,456.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
