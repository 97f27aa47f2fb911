package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/workplan"
)

// errNotInRevision means the file did not exist at the revision: a new
// plan, with nothing to compare against.
var errNotInRevision = errors.New("not in revision")

// git runs git with args in the working directory and returns its
// standard output. Its standard error becomes the error message.
func git(args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		if errors.Is(err, exec.ErrNotFound) {
			msg = "git is not installed: " + err.Error()
		}
		return nil, errors.New(msg)
	}
	return stdout.Bytes(), nil
}

// gitShow returns the bytes of file (a path relative to the working
// directory) at revision rev, read with `git show REV:PATH` where PATH is
// relative to the repository's root. A file absent at rev gives
// errNotInRevision.
func gitShow(rev, file string) ([]byte, string, error) {
	prefix, err := git("rev-parse", "--show-prefix")
	if err != nil {
		return nil, "", fmt.Errorf("git rev-parse: %v", err)
	}
	rel := filepath.ToSlash(file)
	if !filepath.IsAbs(file) {
		rel = path.Clean(strings.TrimSpace(string(prefix)) + rel)
	} else {
		top, err := git("rev-parse", "--show-toplevel")
		if err != nil {
			return nil, "", fmt.Errorf("git rev-parse: %v", err)
		}
		r, err := filepath.Rel(strings.TrimSpace(string(top)), file)
		if err != nil {
			return nil, "", err
		}
		rel = filepath.ToSlash(r)
	}
	if strings.HasPrefix(rel, "../") {
		return nil, "", fmt.Errorf("%s is outside the git repository", file)
	}
	spec := rev + ":" + rel
	data, err := git("show", spec)
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "exists on disk, but not in") || strings.Contains(msg, "does not exist in") {
			return nil, spec, fmt.Errorf("git show %s: %w", spec, errNotInRevision)
		}
		return nil, spec, fmt.Errorf("git show %s: %s", spec, msg)
	}
	return data, spec, nil
}

// parseSide reads one side of a comparison. A file the decoder cannot
// read is an error: its diagnostics go to stderr.
func (app *App) parseSide(name string, data []byte) (*workplan.Plan, error) {
	plan, diags := workplan.Parse(name, data, app.limits())
	if plan == nil || workplan.HasErrors(diags) {
		errs := 0
		for _, d := range diags {
			if d.Severity == workplan.SeverityError {
				errs++
				fmt.Fprintln(app.Stderr, d.String())
			}
		}
		return nil, fmt.Errorf("%s cannot be read as a workplan (%s); run 'bp validate' on it", name, plural(errs, "error"))
	}
	return plan, nil
}

// checkAgainst is validate --against: when the plan's content changed
// since rev, its revision must go up and its revised date move forward.
// It returns the diagnostics, or an error when rev cannot be read.
func (app *App) checkAgainst(src source, plan *workplan.Plan, rev string, today time.Time) ([]workplan.Diagnostic, error) {
	if src.embedded || src.name == "-" {
		return nil, usageErrorf("--against compares a file with its git history; name the file")
	}
	data, spec, err := gitShow(rev, src.name)
	if errors.Is(err, errNotInRevision) {
		fmt.Fprintf(app.Stderr, "bp: %s is new since %s: no revision to compare with\n", src.name, rev)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--against: %w", err)
	}
	old, diags := workplan.Parse(spec, data, app.limits())
	if old == nil || workplan.HasErrors(diags) {
		fmt.Fprintf(app.Stderr, "bp: %s is not a readable workplan: revision not compared\n", spec)
		return nil, nil
	}
	return revisionRule(src.name, spec, old, plan, today), nil
}

// revisionRule is the "revision" rule: content changed since the old
// plan needs a higher revision and a later revised date.
func revisionRule(file, oldName string, old, plan *workplan.Plan, today time.Time) []workplan.Diagnostic {
	d := plandiff.Compare(oldName, old, file, plan)
	diag := func(key, msg, hint string) workplan.Diagnostic {
		p := plan.FieldPos(key)
		return workplan.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: workplan.SeverityError,
			Rule: "revision", Message: msg, Hint: hint}
	}
	next := old.Revision + 1
	revised := today
	if revised.Before(old.Revised) {
		revised = old.Revised
	}
	set := "set revision: " + strconv.Itoa(next) + " and revised: " + revised.Format("2006-01-02")
	why := " (calendar apps take an event's update only when its SEQUENCE, the revision, goes up)"
	var out []workplan.Diagnostic
	switch {
	case plan.Revision < old.Revision:
		out = append(out, diag("revision",
			fmt.Sprintf("revision went back from %d to %d since %s", old.Revision, plan.Revision, oldName),
			set))
	case d.ContentChanged() && plan.Revision == old.Revision:
		a, r, c := d.Counts()
		out = append(out, diag("revision",
			fmt.Sprintf("the plan changed since %s (%d events added, %d removed, %d changed), but revision is still %d",
				oldName, a, r, c, plan.Revision),
			set+why))
	case plan.Revision > old.Revision && plan.Revised.Before(old.Revised):
		out = append(out, diag("revised",
			fmt.Sprintf("revision went up to %d, but revised (%s) is before the previous revision's date (%s)",
				plan.Revision, plan.Revised.Format("2006-01-02"), old.Revised.Format("2006-01-02")),
			"set revised: "+revised.Format("2006-01-02")))
	case plan.Revision > old.Revision && plan.Revised.Equal(old.Revised) && today.After(old.Revised):
		// Two revisions on one day are allowed, so this is a warning.
		d := diag("revised",
			fmt.Sprintf("revision went up to %d, but revised is still %s, the date of revision %d",
				plan.Revision, plan.Revised.Format("2006-01-02"), old.Revision),
			"set revised: "+revised.Format("2006-01-02")+" unless both revisions are of that day")
		d.Severity = workplan.SeverityWarning
		out = append(out, d)
	}
	return out
}

// defaultPlanFile is the plan file bp diff compares when none is named:
// --file, $BP_FILE, else the newest ./workplans/*.yaml.
func (app *App) defaultPlanFile() (string, error) {
	if app.file != "" {
		return app.file, nil
	}
	if f := app.Getenv(EnvFile); f != "" {
		return f, nil
	}
	matches, _ := filepath.Glob(filepath.Join("workplans", "*.yaml"))
	if len(matches) == 0 {
		return "", usageErrorf("no plan file: name it with --file (no workplans/*.yaml here)")
	}
	return matches[len(matches)-1], nil // Glob sorts: the newest year
}

// isFile reports whether arg names an existing regular file.
func isFile(arg string) bool {
	st, err := os.Stat(arg)
	return err == nil && st.Mode().IsRegular()
}
