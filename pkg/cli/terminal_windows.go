package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// enableVT turns on the console's processing of ANSI escape sequences
// (Windows 10 and later; Windows Terminal has it on already) and reports
// whether it is on. The mode stays on after bp exits, as it does for
// other programs that set it; it changes nothing for text without escapes.
func enableVT(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
