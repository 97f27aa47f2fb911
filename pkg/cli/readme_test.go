package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// The manual's format reference and rule list (pkg/manual/format.md and
// ci.md) are generated from the same definitions the decoder and
// validator use; this test keeps them equal (run with -update to rewrite
// the sections).

func kindText(f *workplan.Field) string {
	switch f.Kind {
	case workplan.KindString:
		return "string"
	case workplan.KindText:
		return "text"
	case workplan.KindInt:
		return "integer"
	case workplan.KindBool:
		return "true/false"
	case workplan.KindDate:
		return "date `YYYY-MM-DD`"
	case workplan.KindMonth:
		return "month `YYYY-MM`"
	case workplan.KindDue:
		return "date `YYYY-MM-DD` or month `YYYY-MM`"
	case workplan.KindTime:
		return "time `\"HH:MM\"`"
	case workplan.KindID:
		return "id"
	case workplan.KindEnum:
		return "one of `" + strings.Join(f.Enum, "`, `") + "`"
	case workplan.KindRef:
		return f.Ref + " id"
	case workplan.KindTimeZone:
		return "IANA time zone"
	case workplan.KindURL:
		return "URL"
	case workplan.KindHTTPS:
		return "https URL"
	case workplan.KindList:
		return "list of " + kindText(f.Elem)
	case workplan.KindObject:
		return f.Object.Name
	}
	return "?"
}

func formatReference() string {
	var b strings.Builder
	seen := map[*workplan.Object]bool{}
	var walk func(o *workplan.Object, path string)
	walk = func(o *workplan.Object, path string) {
		if seen[o] {
			return
		}
		seen[o] = true
		fmt.Fprintf(&b, "### `%s`\n\n%s\n\n| key | type | required | meaning |\n| --- | --- | --- | --- |\n", path, o.Doc)
		var children []*workplan.Field
		for i := range o.Fields {
			f := &o.Fields[i]
			req := ""
			if f.Required {
				req = "yes"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Key, kindText(f), req, f.Doc)
			if f.Kind == workplan.KindObject || (f.Kind == workplan.KindList && f.Elem.Kind == workplan.KindObject) {
				children = append(children, f)
			}
		}
		b.WriteString("\n")
		for _, f := range children {
			o2, p := f.Object, path+"."+f.Key
			if f.Kind == workplan.KindList {
				o2, p = f.Elem.Object, path+"."+f.Key+"[]"
			}
			walk(o2, strings.TrimPrefix(p, "."))
		}
	}
	walk(workplan.Schema, "")
	return strings.ReplaceAll(b.String(), "### ``", "### top level")
}

func rulesReference() string {
	var b strings.Builder
	b.WriteString("| rule | what it catches |\n| --- | --- |\n")
	for _, r := range workplan.Rules {
		fmt.Fprintf(&b, "| `%s` | %s |\n", r.Name, r.Doc)
	}
	return b.String()
}

func replaceSection(doc, name, body string) (string, bool) {
	begin, end := "<!-- BEGIN "+name+" (generated: go test ./pkg/cli -run README -update) -->\n", "<!-- END "+name+" -->"
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		return doc, false
	}
	return doc[:i+len(begin)] + "\n" + body + "\n" + doc[j:], true
}

func TestREADMEReferenceIsGenerated(t *testing.T) {
	found := map[string]string{} // section: the document that holds it
	for _, name := range docFiles(t) {
		path := filepath.Join(repoRoot, filepath.FromSlash(name))
		doc, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out := string(doc)
		for _, s := range []struct{ name, body string }{{"format", formatReference()}, {"rules", rulesReference()}} {
			var ok bool
			if out, ok = replaceSection(out, s.name, s.body); !ok {
				continue
			}
			if found[s.name] != "" {
				t.Errorf("the generated %q section is in %s and in %s: keep it in one", s.name, found[s.name], name)
			}
			found[s.name] = name
		}
		golden.Assert(t, path, []byte(out))
	}
	for _, s := range []string{"format", "rules"} {
		if found[s] == "" {
			t.Errorf("no document has the generated %q section", s)
		}
	}
}

// readmeNow is the clock of README's examples: the day after the plan was
// first published, when its maintainer makes the first revision.
var readmeNow = func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }

// readmeBlock is one fenced code block of README.md.
type readmeBlock struct {
	file  string // the document, from the repository's root
	line  int    // of the opening fence, 1-based
	edits []docEdit
	out   *[]docEdit // where -update's edits of the document gather
	lang  string
	body  []string
}

func readmeBlocks(doc string) []readmeBlock {
	var blocks []readmeBlock
	var cur *readmeBlock
	for i, l := range strings.Split(doc, "\n") {
		switch {
		case cur == nil && strings.HasPrefix(l, "```"):
			cur = &readmeBlock{line: i + 1, lang: strings.TrimPrefix(l, "```")}
		case cur != nil && l == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.body = append(cur.body, l)
		}
	}
	return blocks
}

// docFiles are the documents whose examples TestREADMEExamples replays:
// README.md and every topic of the manual (pkg/manual/*.md), as paths
// from the repository's root.
func docFiles(t *testing.T) []string {
	t.Helper()
	topics, err := filepath.Glob(filepath.Join(repoRoot, "pkg", "manual", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"README.md"}
	for _, p := range topics {
		rel, err := filepath.Rel(repoRoot, p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	return files
}

// TestREADMEExamples replays the examples of README.md and of each topic
// of the manual, each document in order, in a scratch checkout of its own
// of a plan repository whose last commit holds the plan as first
// published (testdata/plans/2026-published.yaml), with testdata/ beside
// it. A ```console block holds commands ("$ bp ...", or "$ go run
// ./cmd/bp ...") each followed by what it prints (stdout, then stderr); a
// line "…" stands for any number of lines. A ```diff block is an edit the
// reader makes to a file, applied before the examples after it.
//
// BP_FILE names the scratch plan, so that the examples read it whichever
// plan bp would find by itself; the documents say they show the plan as
// first published, and a plan edit never breaks this test. A command may
// go on over lines that end in " \\". With -update, an example's output
// is rewritten in the document as the command prints it now, unless it
// has a "…" line: review the diff as a golden file's.
func TestREADMEExamples(t *testing.T) {
	commands := 0
	for _, name := range docFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".md"), func(t *testing.T) {
			commands += replayDoc(t, name)
		})
	}
	if commands < 10 {
		t.Errorf("README.md and the manual have %d commands in ```console blocks; fewer than expected, is the block syntax right?", commands)
	}
}

// replayDoc replays the examples of one document (see
// TestREADMEExamples) and returns how many commands it ran.
func replayDoc(t *testing.T, name string) int {
	doc, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	git := gitRepo(t)
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "workplans/2026.yaml", readFixture(t, publishedPlan))
	git("add", ".")
	git("commit", "-q", "-m", "the plan as first published")
	if err := os.Symlink(filepath.Join(repoRoot, "testdata"), "testdata"); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvFile: "workplans/2026.yaml"}

	commands := 0
	var edits []docEdit
	for _, b := range readmeBlocks(string(doc)) {
		b.file, b.out = name, &edits
		switch b.lang {
		case "diff":
			applyREADMEEdit(t, b)
		case "console":
			commands += runREADMETranscript(t, dir, env, b)
		default:
			for _, l := range b.body {
				if strings.HasPrefix(l, "$ bp ") || strings.HasPrefix(l, "$ go run ./cmd/bp ") {
					t.Errorf("%s:%d: a transcript outside a ```console block, which this test does not check", name, b.line)
					break
				}
			}
		}
	}
	inFence := false
	for i, l := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(l, "```") {
			inFence = !inFence
		} else if !inFence && strings.HasPrefix(strings.TrimLeft(l, " \t"), "$ bp ") && strings.HasPrefix(l, "    ") {
			t.Errorf("%s:%d: an indented transcript, which this test does not check; use a ```console block", name, i+1)
		}
	}
	if len(edits) > 0 {
		// -update: what each example prints now, in the document (a
		// command whose output has a "…" line is left to a person)
		applyDocEdits(t, filepath.Join(repoRoot, filepath.FromSlash(name)), doc, edits)
	}
	return commands
}

var readmeComment = regexp.MustCompile(`\s+#\s.*$`)

// runREADMETranscript runs the commands of a ```console block and
// compares what each prints with the lines after it. It returns the
// number of commands.
func runREADMETranscript(t *testing.T, dir string, env map[string]string, b readmeBlock) int {
	t.Helper()
	type command struct {
		line  int // of its "$ " line, 1-based
		args  []string
		want  []string
		first int // the body index of its first output line
	}
	var cmds []*command
	for i := 0; i < len(b.body); i++ {
		l := b.body[i]
		at := b.line + 1 + i
		text, ok := strings.CutPrefix(l, "$ ")
		if !ok {
			if len(cmds) == 0 {
				t.Errorf("%s:%d: output before the first $ command", b.file, at)
				return 0
			}
			cmds[len(cmds)-1].want = append(cmds[len(cmds)-1].want, l)
			continue
		}
		// a command goes on over lines that end in " \", as in a shell
		for strings.HasSuffix(text, " \\") && i+1 < len(b.body) {
			i++
			text = strings.TrimSuffix(text, "\\") + strings.TrimSpace(b.body[i])
		}
		text = readmeComment.ReplaceAllString(text, "")
		args, ok := readmeArgs(text)
		if !ok {
			t.Errorf("%s:%d: %q is not a plain bp command this test can run", b.file, at, text)
			return 0
		}
		if len(args) >= 3 && args[0] == "go" && args[1] == "run" && args[2] == "./cmd/bp" {
			args = append([]string{"bp"}, args[3:]...)
		}
		if len(args) == 0 || args[0] != "bp" {
			t.Errorf("%s:%d: %q is not a bp command", b.file, at, text)
			return 0
		}
		cmds = append(cmds, &command{line: at, args: args[1:], first: i + 1})
	}
	for _, c := range cmds {
		r := runApp(dir, "", env, readmeNow, c.args...)
		got := strings.Split(strings.TrimSuffix(strings.ReplaceAll(r.stdout+r.stderr, "\r\n", "\n"), "\n"), "\n")
		if r.stdout+r.stderr == "" {
			got = nil
		}
		if matchLines(c.want, got) {
			continue
		}
		if golden.Updating() && !slices.Contains(c.want, "…") {
			// the document's lines b.line+1+c.first on, as many as want
			b.edits = append(b.edits, docEdit{line: b.line + 1 + c.first, old: len(c.want), new: got})
			continue
		}
		t.Errorf("%s:%d: $ bp %s (exit %d) prints:\n%s\nthe document shows:\n%s",
			b.file, c.line, strings.Join(c.args, " "), r.code, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
	}
	*b.out = append(*b.out, b.edits...)
	return len(cmds)
}

// docEdit is what -update writes into a document: new in place of the
// old lines from line (1-based) on, a command's output as it is now.
type docEdit struct {
	line, old int
	new       []string
}

// applyDocEdits rewrites the document at path with edits, the last
// first, so that the line numbers of the others hold.
func applyDocEdits(t *testing.T, path string, doc []byte, edits []docEdit) {
	t.Helper()
	lines := strings.Split(string(doc), "\n")
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		at := e.line - 1
		lines = append(lines[:at], append(append([]string(nil), e.new...), lines[at+e.old:]...)...)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readmeArgs splits a command of README into its arguments: words, or
// text in double quotes ("The 2026 workplan was endorsed."), without
// escapes. Anything a shell would read otherwise (pipes, redirections,
// variables, single quotes, backslashes, an unclosed quote) is refused.
func readmeArgs(text string) ([]string, bool) {
	if strings.ContainsAny(text, "|<>;&'$`\\") {
		return nil, false
	}
	var args []string
	for text = strings.TrimSpace(text); text != ""; text = strings.TrimSpace(text) {
		if rest, ok := strings.CutPrefix(text, `"`); ok {
			arg, after, closed := strings.Cut(rest, `"`)
			if !closed || after != "" && after[0] != ' ' {
				return nil, false
			}
			args, text = append(args, arg), after
			continue
		}
		arg, after, _ := strings.Cut(text, " ")
		if strings.Contains(arg, `"`) {
			return nil, false
		}
		args, text = append(args, arg), after
	}
	return args, true
}

// matchLines reports whether got matches want line by line, where a want
// line "…" matches any number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && matchLines(want[1:], got[1:])
}

// applyREADMEEdit applies a ```diff block to the scratch checkout: after
// "--- a/PATH" and "+++ b/PATH", each hunk (hunks are separated by "@@"
// lines) replaces its context and "-" lines with its context and "+"
// lines, at the one place in the file where they occur.
func applyREADMEEdit(t *testing.T, b readmeBlock) {
	t.Helper()
	if len(b.body) < 3 || !strings.HasPrefix(b.body[0], "--- a/") || !strings.HasPrefix(b.body[1], "+++ b/") {
		t.Fatalf("%s:%d: a ```diff block starts with --- a/PATH and +++ b/PATH", b.file, b.line)
	}
	path := strings.TrimPrefix(b.body[1], "+++ b/")
	data := readFixture(t, path)
	var old, new strings.Builder
	flush := func(at int) {
		if old.Len() == 0 {
			return
		}
		if n := strings.Count(data, old.String()); n != 1 {
			t.Fatalf("%s:%d: the edit's old text occurs %d times in %s, want once:\n%s", b.file, at, n, path, old.String())
		}
		data = strings.Replace(data, old.String(), new.String(), 1)
		old.Reset()
		new.Reset()
	}
	for i, l := range b.body[2:] {
		at := b.line + 3 + i
		switch {
		case strings.HasPrefix(l, "@@"):
			flush(at)
		case strings.HasPrefix(l, " "):
			old.WriteString(l[1:] + "\n")
			new.WriteString(l[1:] + "\n")
		case strings.HasPrefix(l, "-"):
			old.WriteString(l[1:] + "\n")
		case strings.HasPrefix(l, "+"):
			new.WriteString(l[1:] + "\n")
		default:
			t.Fatalf("%s:%d: a diff line starts with space, - or +: %q", b.file, at, l)
		}
	}
	flush(b.line + len(b.body))
	writeFile(t, path, data)
}

func TestREADMEArgs(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
		ok   bool
	}{
		{"bp list --month june", []string{"bp", "list", "--month", "june"}, true},
		{`bp record x --summary "The plan was endorsed." --on 2026-03-05`, []string{"bp", "record", "x", "--summary", "The plan was endorsed.", "--on", "2026-03-05"}, true},
		{`bp set x --notes ""`, []string{"bp", "set", "x", "--notes", ""}, true},
		{`bp set x --notes "unclosed`, nil, false},
		{`bp set x --notes a"b"`, nil, false},
		{`bp set x --notes "a"b`, nil, false},
		{"bp list | head", nil, false},
		{"bp list 'june'", nil, false},
		{"bp list > out", nil, false},
	} {
		got, ok := readmeArgs(c.text)
		if ok != c.ok || ok && strings.Join(got, "\x00") != strings.Join(c.want, "\x00") {
			t.Errorf("readmeArgs(%q) = %q, %v; want %q, %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

// TestOutputContract: every key of an event in bp list -o json is in the
// table of the output topic (pkg/manual/output.md), and every key the
// table names is in the JSON: the published contract and the code agree.
func TestOutputContract(t *testing.T) {
	doc := readFixture(t, filepath.Join(repoRoot, "pkg", "manual", "output.md"))
	i := strings.Index(doc, "### Events:")
	j := strings.Index(doc[i:], "\n\n`bp show ID -o json`")
	if i < 0 || j < 0 {
		t.Fatal("output.md has no table of the events' keys")
	}
	documented := map[string]bool{}
	for _, l := range strings.Split(doc[i:i+j], "\n") {
		if cells := strings.Split(l, "|"); len(cells) > 2 && strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			for _, m := range regexp.MustCompile("`([a-zA-Z]+)`").FindAllStringSubmatch(cells[1], -1) {
				documented[m[1]] = true
			}
		}
	}
	r := runBP(t, "", nil, "-f", "../../testdata/present/2026.yaml", "list", "-o", "json")
	var out struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out.Events) == 0 {
		t.Fatalf("bp list -o json: %v\n%s", err, r.stderr)
	}
	for key := range out.Events[0] {
		if !documented[key] {
			t.Errorf("bp list -o json has %q, which output.md's table does not name", key)
		}
		delete(documented, key)
	}
	for key := range documented {
		t.Errorf("output.md's table names %q, which bp list -o json does not have", key)
	}
}
