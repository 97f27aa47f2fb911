package cli

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// isTerminal reports whether w is a terminal that shows colour: a
// terminal device (or a Cygwin/MSYS pty), and on Windows a console that
// takes ANSI escape sequences, which it turns on (enableVT). Main sets it
// as App.IsTerminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fd := f.Fd()
	if isatty.IsCygwinTerminal(fd) {
		return true
	}
	return isatty.IsTerminal(fd) && enableVT(f)
}
