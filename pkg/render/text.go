package render

import "github.com/icmpd/bp/pkg/safetext"

// Clean makes text from a workplan, a file name or an argument safe for a
// terminal, a shell completion or a CI log: it drops control characters
// (ESC and every other C0/C1 code, DEL), bidirectional controls and
// zero-width characters, so that no escape sequence, reordering or hidden
// text reaches the reader, and turns line breaks and tabs into spaces.
// It is bp's one cleaning function; [safetext.Unsafe] lists the
// characters it drops.
func Clean(s string) string { return safetext.Terminal(s) }
