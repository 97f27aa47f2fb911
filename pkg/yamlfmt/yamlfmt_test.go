package yamlfmt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// meaning is what a file says to bp: the plan, and the rules its
// diagnostics break (their positions move with formatting).
func meaning(t testing.TB, data []byte) string {
	t.Helper()
	plan, diags := workplan.Check("f.yaml", data, workplan.DefaultLimits, workplan.Options{})
	js, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	rules := make([]string, 0, len(diags))
	for _, d := range diags {
		rules = append(rules, string(d.Severity)+" "+d.Rule)
	}
	slices.Sort(rules)
	return string(js) + "\n" + strings.Join(rules, "\n")
}

// checkFormat asserts the promises of Format for one input: same meaning,
// idempotent, every comment kept, folded lines within the width.
func checkFormat(t testing.TB, in []byte) []byte {
	t.Helper()
	out, err := verified.Format(in, workplan.Schema)
	if err != nil {
		t.Fatalf("Format: %v", err)
	}
	if a, b := meaning(t, in), meaning(t, out); a != b {
		t.Fatalf("formatting changed the meaning:\nbefore: %s\nafter:  %s\noutput:\n%s", a, b, out)
	}
	again, err := verified.Format(out, workplan.Schema)
	if err != nil {
		t.Fatalf("Format of formatted output: %v\n%s", err, out)
	}
	if !bytes.Equal(again, out) {
		t.Fatalf("not idempotent:\nfirst:\n%s\nsecond:\n%s", out, again)
	}
	return out
}

func TestFormatMessyGolden(t *testing.T) {
	in, err := os.ReadFile("../../testdata/fmt/messy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := checkFormat(t, in)
	golden.Assert(t, "../../testdata/fmt/messy.golden", out)
	// every comment of the input is in the output, as written
	for _, line := range strings.Split(string(in), "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(line, `"`) {
			c := strings.TrimSpace(line[i:])
			if !strings.Contains(string(out), c) {
				t.Errorf("comment %q lost", c)
			}
		}
	}
	for _, line := range strings.Split(string(out), "\n") {
		if n := utf8.RuneCountInString(line); n > Width && strings.HasPrefix(strings.TrimSpace(line), "A ") {
			t.Errorf("folded line of %d columns: %q", n, line)
		}
	}
}

// TestFormatPlans: Format keeps its promises on whole plans: the 2026
// plan as first published and the plans of the diff tests. (The live
// workplans/ are checked as data, by bp fmt --check in pkg/cli.)
func TestFormatPlans(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/plans/*.yaml")
	files2, _ := filepath.Glob("../../testdata/diff/*.yaml")
	if len(files) == 0 || len(files2) == 0 {
		t.Fatalf("no plans in testdata/plans (%d) or testdata/diff (%d)", len(files), len(files2))
	}
	for _, f := range append(files, files2...) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkFormat(t, in)
		})
	}
}

func TestFormatCases(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"quoting", "a: 'x'\nb: \"yes\"\nc: \"12\"\nd: '2026-01-01'\ne: 'a: b'\nf: \"#x\"\ng: \"\"\n",
			"a: x\n\nb: \"yes\"\n\nc: \"12\"\n\nd: \"2026-01-01\"\n\ne: \"a: b\"\n\nf: \"#x\"\n\ng: \"\"\n"},
		{"control characters are escaped", "a: \"x\\u0007y\\ttab\"\n", "a: \"x\\u0007y\\ttab\"\n"},
		{"nulls and empties", "a:\nb: ~\nc: []\nd: {}\n", "a:\n\nb: ~\n\nc: []\n\nd: {}\n"},
		{"long flow list goes block", "events:\n  - partners: [aaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbb, cccccccccccccccccccccc, ddd]\n",
			"events:\n  - partners:\n      - aaaaaaaaaaaaaaaaaaaa\n      - bbbbbbbbbbbbbbbbbbbbbbb\n      - cccccccccccccccccccccc\n      - ddd\n"},
		{"times are quoted", "events:\n  - startTime: 09:30\n", "events:\n  - startTime: \"09:30\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", out, tc.want)
			}
		})
	}
}

func TestFormatRefuses(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not yaml", "plan: [\n", "not valid YAML"},
		{"tab indent", "plan:\n\tid: x\n", "not valid YAML"},
		{"empty", "", "empty"},
		{"two documents", "a: 1\n---\nb: 2\n", "more than one YAML document"},
		{"explicit tag", "a: !!str 12\n", "explicit tags"},
		{"complex key", "? [a, b]\n: 1\n", "single one-line value"},
		{"binary", "a: \xff\n", "not UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := verified.Format([]byte(tc.in), workplan.Schema)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Format = %q, %v; want an error containing %q", out, err, tc.want)
			}
		})
	}
}

// within fails the test when f runs longer than a hand-written plan
// could ever need, naming the input: a hang is a bug too.
func within(t *testing.T, what string, in []byte, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s takes over 10s on %d bytes:\n%q", what, len(in), in)
	}
}

// FuzzFormat checks Format's promises on any input: it never panics and
// never fails its own check ("please report it"); what it formats keeps
// its meaning to bp and to YAML, keeps every comment's text byte for byte
// (as read from the text, not from yaml.v3, which drops a few), keeps the
// line endings and the byte order mark, and formats to itself, also once
// turned to CRLF with a BOM. Seeds: the fixtures and
// testdata/fuzz/FuzzFormat.
//
// Inputs over 64 KiB are skipped for speed: Format takes the bytes it is
// given, and reading a whole file (the size limit) is the CLI's job, which
// the in-place writer's fuzz target covers.
func FuzzFormat(f *testing.F) {
	for _, pattern := range []string{"../../testdata/plans/*.yaml", "../../testdata/fmt/*.yaml", "../../testdata/diff/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 1<<16 {
			return
		}
		formatPromises(t, in)
	})
}

// formatPromises checks what FuzzFormat promises for one input.
func formatPromises(t *testing.T, in []byte) {
	t.Helper()
	// yaml.v3 expands aliases when bp reads the plan; keep the
	// fuzzer away from alias bombs, which bp's limits refuse anyway.
	if bytes.Count(in, []byte("*")) > 8 {
		return
	}
	var out []byte
	var err error
	within(t, "Format", in, func() { out, err = verified.Format(in, workplan.Schema) })
	if err != nil {
		if strings.Contains(err.Error(), "please report") {
			t.Fatalf("Format fails its own check: %v\ninput:\n%q", err, in)
		}
		return
	}
	var a, b string
	within(t, "workplan.Check", in, func() { a, b = meaning(t, in), meaning(t, out) })
	if a != b {
		t.Fatalf("formatting changed the meaning:\nbefore: %s\nafter:  %s\ninput:\n%q\noutput:\n%q", a, b, in, out)
	}
	if a, b := yamlData(in), yamlData(out); a != b {
		t.Fatalf("formatting changed the data:\nbefore: %s\nafter:  %s\ninput:\n%q\noutput:\n%q", a, b, in, out)
	}
	if a, b := textComments(t, in), textComments(t, out); !slices.Equal(a, b) {
		t.Fatalf("formatting changed the comments:\nbefore: %q\nafter:  %q\ninput:\n%q\noutput:\n%q", a, b, in, out)
	}
	hasBOM := bytes.HasPrefix(in, []byte(bomText))
	body := bytes.TrimPrefix(out, []byte(bomText))
	switch {
	case bytes.HasPrefix(out, []byte(bomText)) != hasBOM:
		t.Fatalf("byte order mark not kept:\ninput:\n%q\noutput:\n%q", in, out)
	case mostlyCRLF(bytes.TrimPrefix(in, []byte(bomText))) && bytes.Count(body, []byte("\n")) != bytes.Count(body, []byte("\r\n")):
		t.Fatalf("CRLF file not written with CRLF:\ninput:\n%q\noutput:\n%q", in, out)
	case !mostlyCRLF(bytes.TrimPrefix(in, []byte(bomText))) && bytes.Contains(body, []byte("\r")):
		t.Fatalf("LF file written with CR:\ninput:\n%q\noutput:\n%q", in, out)
	}
	again, err := verified.Format(out, workplan.Schema)
	if err != nil || !bytes.Equal(again, out) {
		t.Fatalf("not idempotent (%v):\ninput:\n%q\nfirst:\n%q\nsecond:\n%q", err, in, out, again)
	}
	// Check (bp fmt --check) agrees with Format: the input is formatted
	// exactly when Format returns it as it is, and the output is.
	if ok, err := verified.Check(in, workplan.Schema); err != nil || ok != bytes.Equal(in, out) {
		t.Fatalf("Check(input) = %v, %v; Format returned the input unchanged: %v\ninput:\n%q\noutput:\n%q", ok, err, bytes.Equal(in, out), in, out)
	}
	if ok, err := verified.Check(out, workplan.Schema); err != nil || !ok {
		t.Fatalf("Check(output) = %v, %v, want true\noutput:\n%q", ok, err, out)
	}
	windows := []byte(bomText + crlf(string(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")))))
	again, err = verified.Format(windows, workplan.Schema)
	if err != nil || !bytes.Equal(again, windows) {
		t.Fatalf("formatted text with CRLF and a BOM is not formatted (%v):\ninput:\n%q\nfirst:\n%q\nsecond:\n%q", err, in, windows, again)
	}
}

// yamlData is what any YAML reader gets from data (aliases and merge keys
// resolved), printed with its maps sorted. The text is read with a line
// break at its end, as YAML reads it (see endLine): yaml.v3 reads a block
// scalar that ends the text without one otherwise.
func yamlData(data []byte) string {
	var v any
	if err := yaml.Unmarshal(endLine(data), &v); err != nil {
		return "error" // its text names lines, which formatting moves
	}
	return fmt.Sprintf("%#v", v)
}

// textComments lists the comments of data as its text has them (trailing
// blanks left out), sorted.
func textComments(t testing.TB, data []byte) []string {
	t.Helper()
	src := toLF(bytes.TrimPrefix(data, []byte(bomText)))
	doc, err := parse(src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	l := newLines(src)
	_, skip := documentStart(l, doc)
	found, err := sourceComments(l, doc, skip)
	if err != nil {
		t.Fatalf("sourceComments: %v", err)
	}
	out := make([]string, 0, len(found))
	for _, c := range found {
		out = append(out, string(src[c.off:c.end]))
	}
	slices.Sort(out)
	return out
}
