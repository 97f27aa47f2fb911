//go:build !windows

package cli

import "os"

// enableVT reports true: terminals outside Windows take ANSI escapes.
func enableVT(*os.File) bool { return true }
