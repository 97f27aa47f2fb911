package render

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// DiagnosticsText writes one diagnostic a line, as compilers do
// ("file:line:col: error: message [rule]"), with its hint indented below.
// Message, rule and hint are [Clean]ed: a plan's text can hold escape
// sequences. The file name is quoted when it must be
// ([safetext.Name]): it starts the line, where a line break, an escape
// sequence or a leading "::" (a CI runner's workflow command) would act.
func DiagnosticsText(w io.Writer, diags []workplan.Diagnostic) error {
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		d.File, d.Message, d.Rule = safetext.Name(d.File), Clean(d.Message), Clean(d.Rule)
		bw.WriteString(d.String())
		bw.WriteByte('\n')
		if d.Hint != "" {
			bw.WriteString("  hint: ")
			bw.WriteString(Clean(d.Hint))
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// DiagnosticJSON is the published JSON shape of one diagnostic.
type DiagnosticJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// ValidationJSON is the published JSON shape of a validate run.
type ValidationJSON struct {
	Valid       bool             `json:"valid"`
	Files       []string         `json:"files"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Diagnostics []DiagnosticJSON `json:"diagnostics"`
}

// DiagnosticsJSON writes the files checked and their diagnostics as one
// JSON document. valid is the verdict the exit code gives. Text is kept
// as it is; [WriteJSON] escapes the characters a terminal must not see.
func DiagnosticsJSON(w io.Writer, files []string, diags []workplan.Diagnostic, valid bool) error {
	out := ValidationJSON{Valid: valid, Files: nonNil(files), Diagnostics: make([]DiagnosticJSON, 0, len(diags))}
	for _, d := range diags {
		if d.Severity == workplan.SeverityError {
			out.Errors++
		} else {
			out.Warnings++
		}
		out.Diagnostics = append(out.Diagnostics, DiagnosticJSON{
			File: d.File, Line: d.Line, Column: d.Col, Severity: string(d.Severity),
			Rule: d.Rule, Message: d.Message, Hint: d.Hint,
		})
	}
	return present.WriteJSON(w, out)
}

// DiagnosticsGitHub writes GitHub Actions workflow commands, which show
// each diagnostic as an annotation on the pull request's diff. File,
// message, hint and title are [Clean]ed first: the runner prints each
// command to the job's log, where an escape sequence would be live.
func DiagnosticsGitHub(w io.Writer, diags []workplan.Diagnostic) error {
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		msg := Clean(d.Message)
		if d.Hint != "" {
			msg += "\nhint: " + Clean(d.Hint)
		}
		bw.WriteString("::" + Clean(string(d.Severity)) +
			" file=" + ghProperty(Clean(d.File)) +
			",line=" + strconv.Itoa(d.Line) +
			",col=" + strconv.Itoa(d.Col) +
			",title=" + ghProperty(Clean("bp "+d.Rule)) +
			"::" + ghData(msg) + "\n")
	}
	return bw.Flush()
}

// ghData escapes a workflow command's message (%, CR, LF).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value, where ":" and
// "," also end the value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
