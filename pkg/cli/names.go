package cli

// How file names reach what bp prints. A name comes from the user (-f,
// BP_FILE, an argument), from a directory listing or from the working
// directory, and can hold anything but "/" and NUL: a line break, an
// escape sequence, a bidi control. Messages are composed with %s long
// before they are printed, from os errors that name paths too, and a
// message may span lines ("\n  hint: …"); so the printer cannot tell a
// line break of bp's from one inside a name, and cleaning each line
// afterwards (render.Clean) lets a name in a CI log start a line of its
// own ("::error title=forged::…").
//
// So the store keeps a book of the parts of paths it handles that are
// not fit to print: every path goes through store.Session.Path before
// the system sees it, and every directory listing through
// store.Session.PlanFiles; both note the parts. printError then writes
// each noted part quoted (safetext.Name: "y\n::error.yaml"), whatever
// path or message it is in, before it splits the message into lines,
// and the diagnostics writers quote the file name that starts their
// lines. As a last guard, no line of an error after its first may start
// with "::".

import (
	"strings"

	"github.com/icmpd/bp/pkg/safetext"
)

// quoteNames writes every part of a path the store noted in msg quoted
// (store.Session.QuoteNames).
func (app *App) quoteNames(msg string) string { return app.store.QuoteNames(msg) }

// shown is a file name as bp prints it: quoted when it must be (see
// safetext.Name). Messages that print a name raw are safe too (see
// printError); shown is for what goes elsewhere: standard output, and
// lines that start with a name.
func shown(name string) string { return safetext.Name(name) }

// errorLines splits err's message into the lines printError writes,
// every noted part of a path quoted first. A line that would start with
// "::" (after blanks) is no line of bp's: a name or a value put it
// there, and a CI runner would take it for a workflow command; it stays
// on the line before, joined by a visible \n.
func (app *App) errorLines(err error) []string {
	var lines []string
	for i, l := range strings.Split(app.quoteNames(err.Error()), "\n") {
		if i > 0 && strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
			lines[len(lines)-1] += `\n` + l
			continue
		}
		lines = append(lines, l)
	}
	return lines
}
