package render

import (
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// Clean makes text from a workplan, a file name or an argument safe for a
// terminal, a shell completion or a CI log: it drops control characters
// (ESC and every other C0/C1 code, DEL), bidirectional controls and
// zero-width characters, so that no escape sequence, reordering or hidden
// text reaches the reader, and turns line breaks and tabs into spaces.
// It is bp's one cleaning function; [safetext.Unsafe] lists the
// characters it drops.
func Clean(s string) string { return safetext.Terminal(s) }

// Wrap is [present.Wrap], for the messages pkg/cli words itself.
func Wrap(s string, width int) []string { return present.Wrap(s, width) }

// Days is [present.Days]: "1 day", "12 days".
func Days(n int) string { return present.Days(n) }

// OwnersText is [present.OwnersText].
func OwnersText(plan *workplan.Plan, a *workplan.Action) string { return present.OwnersText(plan, a) }
