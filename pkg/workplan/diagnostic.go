package workplan

import (
	"cmp"
	"slices"
	"strconv"
)

// Severity says whether a diagnostic makes the plan invalid.
type Severity string

// The severities. Warnings do not fail validation unless asked to.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is one problem found in a workplan file, with where it is,
// what is wrong and, where one helps, how to fix it.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Rule     string // a short stable name, such as "unknown-key"
	Message  string
	Hint     string
}

// String formats the diagnostic as "file:line:col: severity: message [rule]".
func (d Diagnostic) String() string {
	return d.File + ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col) + ": " +
		string(d.Severity) + ": " + d.Message + " [" + d.Rule + "]"
}

// MaxDiagnostics is the most diagnostics one file's reading, and then its
// validation, report; past it a single "limit" error says the list is cut.
// A broken file of 100k events (or an alias bomb that repeats one broken
// event) would otherwise cost gigabytes of messages nobody reads.
const MaxDiagnostics = 1000

func tooMany(file string) Diagnostic {
	return Diagnostic{File: file, Line: 1, Col: 1, Severity: SeverityError, Rule: "limit",
		Message: "more than " + strconv.Itoa(MaxDiagnostics) + " problems; the rest are not listed",
		Hint:    "fix the problems listed and run bp validate again"}
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(diags []Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// SortDiagnostics orders diagnostics by file, line, column, then rule, so
// that output does not depend on the order the rules ran in.
func SortDiagnostics(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Rules lists every rule name a diagnostic may carry, with what it checks.
// README and tests use it; a rule not listed here is a bug.
var Rules = []struct{ Name, Doc string }{
	{"yaml-syntax", "the file is not valid YAML"},
	{"encoding", "the file is not UTF-8 text (binary data, invalid UTF-8)"},
	{"limit", "the file exceeds a size, nesting or alias-expansion limit, or has too many problems to list"},
	{"format-version", "formatVersion is missing, or newer than this bp reads"},
	{"unknown-key", "a key the format does not define"},
	{"duplicate-key", "the same key twice in one mapping"},
	{"required", "a required key is missing or empty"},
	{"type", "a value of the wrong type (a list where a string belongs, ...)"},
	{"enum", "a word that is not one of the allowed values"},
	{"id-format", "an id that is not lowercase letters, digits and dashes"},
	{"date", "an impossible or malformed date, month or time"},
	{"date-fields", "start and month given together, or end without start"},
	{"date-order", "an end before its start"},
	{"date-year", "a date outside the plan's year"},
	{"duplicate-id", "two events, groups, products, milestones or actions with one id"},
	{"unknown-ref", "a reference to a group, product or event that does not exist (an action's reportTo: in any year's plan)"},
	{"timezone", "an unknown IANA time zone, or times without a zone"},
	{"status-date", "a status that contradicts the date (held in the future, postponed with a new date, ...)"},
	{"outcome", "an outcome that contradicts the event (recorded before it, on a planned or cancelled event, missing on a past event marked held, ...)"},
	{"back-to-back", "a back-to-back pair that is not on adjacent days"},
	{"location", "a location with no city or alternatives, or a single alternative"},
	{"overlap", "in-person events on the same days in different cities (warning)"},
	{"revision", "an event's revision or revised date is ahead of the plan's (when several are, once, at the plan's line: its own was most likely set back); with --against: the plan or an event changed but its revision or revised date did not move forward"},
	{"action", "a follow-up action that contradicts its meeting (due or changed before it, done on a cancelled meeting, done in the future, dropped without a reason, reported to an earlier meeting)"},
	{"owner", "an action owner written as an id that is no group of the plan nor secretariat, chair or co-chair: likely a misspelt group id (warning)"},
	{"removed", "with --against: an event published at that revision is gone (cancel it instead, so that subscribers see it go)"},
}

// Errors returns the diagnostics that are errors, in their order.
func Errors(diags []Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, d := range diags {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}
