package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/icmpd/bp/pkg/workplan"
)

// osPath turns a path the user gave (relative to the App's working
// directory) into one the operating system can open
// (store.Session.Path).
func (app *App) osPath(name string) string { return app.store.Path(name) }

// readFile reads a workplan file whole, or refuses it: bp never hands a
// prefix of a file on, so that no command can format, check or rewrite
// part of a plan as if it were all of it. "-" reads standard input.
//
// It refuses, with exit 2 and a message that names the file:
//   - a file over the size limit (--max-size), giving its real size, or
//     for a stream "more than N bytes";
//   - a directory, and special files (named pipes, devices, sockets),
//     which are recognised before they are opened for reading, so that
//     a pipe with no writer cannot hang bp and /dev/zero is not read.
//
// Every regular file read is recorded (see App.noteInput), so that no
// command of the same run writes over it.
func (app *App) readFile(path string) ([]byte, error) {
	limit := int64(app.limits().MaxBytes)
	if path == "-" {
		return app.readStdin(limit)
	}
	osPath := app.osPath(path)
	st, err := os.Stat(osPath)
	if err != nil {
		if dangling := app.danglingLink(path, err); dangling != nil {
			return nil, dangling
		}
		return nil, withCode(ExitUsage, fmt.Errorf("read workplan: %w", err))
	}
	if err := checkReadable(path, st); err != nil {
		return nil, err
	}
	// Between the Stat and the open the name could be replaced by a pipe;
	// O_NONBLOCK makes that open return at once, and the Stat of the open
	// file below catches it.
	f, err := os.OpenFile(osPath, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read workplan: %w", err))
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read workplan %s: %w", path, err))
	}
	if err := checkReadable(path, st); err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, tooLarge(path, st.Size(), limit)
	}
	app.noteInput(st)
	data, err := readAtMost(f, limit, st.Size())
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read workplan %s: %w", path, err))
	}
	if int64(len(data)) > limit {
		// The file grew while bp read it.
		return nil, tooLarge(path, -1, limit)
	}
	return data, nil
}

// danglingLink is the refusal of path when it is a symbolic link whose
// target does not exist (err is what stat said), or nil: "no such file"
// would send the user looking for a file that is there.
func (app *App) danglingLink(path string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	st, lerr := os.Lstat(app.osPath(path))
	if lerr != nil || st.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	target, lerr := os.Readlink(app.osPath(path))
	if lerr != nil {
		return nil
	}
	app.store.NoteName(target)
	return usageErrorf("read workplan: %s is a dangling symbolic link: its target, %s, does not exist\n"+
		"  hint: point it at a plan, or remove it", path, target)
}

// readStdin reads standard input whole, refusing more than limit bytes.
// When standard input is a regular file (bp … - < plan.yaml) its real
// size is given, and it counts as an input of the run.
func (app *App) readStdin(limit int64) ([]byte, error) {
	size := int64(-1)
	if f, ok := app.Stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			app.noteInput(st)
			size = st.Size()
		}
	}
	data, err := readAtMost(app.Stdin, limit, size)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read workplan from standard input: %w", err))
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
	what := fmt.Sprintf("more than the limit of %s bytes (--max-size)", thousands(limit))
	if size >= 0 {
		what = fmt.Sprintf("the file is %s bytes, more than the limit of %s (--max-size)", thousands(size), thousands(limit))
	}
	return withCode(ExitUsage, fmt.Errorf(
		"read workplan %s: %s; refused, nothing was written\n"+
			"  hint: raise the limit with --max-size BYTES if the file is genuine", name, what))
}

// checkReadable refuses what bp must not read as a plan: a directory or a
// special file.
func checkReadable(name string, st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return usageErrorf("read workplan: %s is a directory; name a .yaml file", name)
	}
	return usageErrorf("read workplan %s: it is %s, not a regular file; refused before reading\n"+
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

// noteInput records a file read in this run; App.writeOut refuses to
// write over it.
func (app *App) noteInput(st fs.FileInfo) {
	app.inputs = append(app.inputs, st)
}

// isInput reports whether st is a file read in this run (the same file,
// under any name: a symlink or a hard link to it counts).
func (app *App) isInput(st fs.FileInfo) bool {
	for _, in := range app.inputs {
		if os.SameFile(in, st) {
			return true
		}
	}
	return false
}

func (app *App) limits() workplan.Limits {
	lim := workplan.DefaultLimits
	if app.maxSize > 0 {
		lim.MaxBytes = app.maxSize
	}
	return lim
}

// maxSizeValue is the --max-size flag: a positive number of bytes. Zero
// and negative values are refused rather than taken as "the default".
type maxSizeValue int

func (v *maxSizeValue) String() string {
	if *v == 0 {
		return ""
	}
	return strconv.Itoa(int(*v))
}

func (v *maxSizeValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 0)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return errors.New("too large")
		}
		return errors.New("not a whole number of bytes")
	}
	if n <= 0 {
		return errors.New("must be a positive number of bytes (leave --max-size out for the default, 16 MiB)")
	}
	*v = maxSizeValue(n)
	return nil
}

func (v *maxSizeValue) Type() string { return "bytes" }

// thousands writes n with a comma between groups of three digits:
// 31,585,456.
func thousands(n int64) string {
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
