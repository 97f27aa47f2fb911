// Package browsertest opens bp's HTML pages in a real browser, as a person
// and an accessibility checker would, for the tests of the status page and
// the site. It drives Debian's chromium with npm's puppeteer-core (which
// downloads no browser) and runs axe-core in each page, through
// testdata/browser/check.mjs; the tests judge what it reports. [Validate]
// checks the pages' markup with the W3C Nu HTML checker (npm vnu-jar, run
// by Debian's java).
//
// Without chromium, node, java or the npm modules (`npm ci` in
// testdata/browser) a test is skipped, or fails when BP_REQUIRE_TOOLS is
// set (see testtool). These tests build only with -tags integration.
package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// Widths are the viewport widths every page is checked at: a phone (375 px,
// the common small phone) and a desktop.
var Widths = []int{375, 1280}

// Page is a page to check: a name for its screenshots, its URL, and
// whether to print it to PDF too (at the first width; a second a page).
type Page struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	PDF  bool   `json:"pdf,omitempty"`
}

// Result is what the browser found on one page at one width.
type Result struct {
	Name  string `json:"name"`
	Width int    `json:"width"`
	URL   string `json:"url"`
	Title string `json:"title"`
	// Overflow is document.documentElement.scrollWidth - innerWidth: how
	// far the page scrolls sideways (0: not at all).
	Overflow int `json:"overflow"`
	// Overlaps are pairs of visible text fragments drawn over each other.
	Overlaps [][]string `json:"overlaps"`
	// Spills are elements whose content is wider than their box.
	Spills []string `json:"spills"`
	// Requests are the URLs the page asked for that are not file: URLs.
	Requests []string `json:"requests"`
	// Measured holds, for each selector given to Check, how many elements
	// match and the smallest box any of them has.
	Measured   map[string]Size `json:"measured"`
	Screenshot string          `json:"screenshot"`
	PDF        string          `json:"pdf"`
	Violations []Violation     `json:"violations"`
	Incomplete []string        `json:"incomplete"`
	Passes     int             `json:"passes"`
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// Size is what Check measured of the elements matching a selector.
type Size struct {
	Count     int     `json:"count"`
	MinWidth  float64 `json:"minWidth"`
	MinHeight float64 `json:"minHeight"`
}

// String describes the violation with its first elements, for a test
// failure.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n      %s: %s\n        %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// Root returns the top of the checkout, where go.mod is.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Chromium returns the path of a headless-capable Chromium, or skips the
// test (fails it under BP_REQUIRE_TOOLS).
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testtool.Missing(t, "chromium not found: install Debian's chromium (apt-get install chromium) to run the browser tests")
	return ""
}

// ArtifactDir returns the directory a test keeps its screenshots in:
// $BP_ARTIFACTS/name when BP_ARTIFACTS is set (CI sets it), else a
// temporary directory removed after the test. Its path is logged.
func ArtifactDir(t testing.TB, name string) string {
	t.Helper()
	base := os.Getenv("BP_ARTIFACTS")
	if base == "" {
		return t.TempDir()
	}
	dir, err := filepath.Abs(filepath.Join(base, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots and PDFs: %s", dir)
	return dir
}

// FileURL returns the file: URL of a local path.
func FileURL(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// Check opens each page at each of [Widths] and returns what was found,
// in page order, then width order. Screenshots and PDFs go into out. The
// elements matching each selector of measure are measured.
func Check(t testing.TB, out string, pages []Page, measure ...string) []Result {
	t.Helper()
	chromium := Chromium(t)
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node not found: install Node.js, then run npm ci in testdata/browser")
	}
	dir := filepath.Join(Root(t), "testdata", "browser")
	for _, mod := range []string{"puppeteer-core", "axe-core"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", mod)); err != nil {
			testtool.Missing(t, "%s not installed: run npm ci in testdata/browser", mod)
		}
	}
	spec, err := json.Marshal(map[string]any{"chromium": chromium, "out": out, "widths": Widths, "pages": pages, "measure": measure})
	if err != nil {
		t.Fatal(err)
	}
	specFile := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(specFile, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	// A watchdog, not a timing: a hung browser must not hang the suite.
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(60+30*len(pages))*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "check.mjs", specFile)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("check.mjs: %v\n%s", err, tail(stderr.String(), 3000))
	}
	var results []Result
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("check.mjs printed %q: %v", sc.Text(), err)
		}
		results = append(results, r)
	}
	if want := len(pages) * len(Widths); len(results) != want {
		t.Fatalf("check.mjs reported %d page views, want %d\n%s", len(results), want, tail(stderr.String(), 3000))
	}
	return results
}

// Assert fails the test for every defect a result shows: an axe-core
// violation, sideways scrolling, text drawn over text or out of its box,
// a request for anything outside the file system, a page that did not
// load.
func Assert(t testing.TB, results []Result) {
	t.Helper()
	for _, r := range results {
		where := fmt.Sprintf("%s at %d px", r.Name, r.Width)
		if !strings.HasPrefix(r.URL, "file:") || r.Title == "" {
			t.Errorf("%s: the page did not load as a file (url %q, title %q)", where, r.URL, r.Title)
		}
		for _, v := range r.Violations {
			t.Errorf("%s: axe-core: %s", where, v)
		}
		if r.Overflow != 0 {
			t.Errorf("%s: the page is %d px wider than the window (scrollWidth - innerWidth)", where, r.Overflow)
		}
		for _, o := range r.Overlaps {
			t.Errorf("%s: text drawn over text: %q", where, o)
		}
		for _, s := range r.Spills {
			t.Errorf("%s: content wider than its box: %s", where, s)
		}
		for _, u := range r.Requests {
			t.Errorf("%s: the page loads %s: a page must load nothing from outside", where, u)
		}
		t.Logf("%s: axe %d rules passed, %d violations, %d undecided %v; overflow %d px; screenshot %s",
			where, r.Passes, len(r.Violations), len(r.Incomplete), r.Incomplete, r.Overflow, r.Screenshot)
	}
}

// Validate checks the markup of the HTML files with the W3C Nu HTML
// checker, all in one java process (it takes a second or two to start),
// and fails the test for each error it reports; its warnings are logged.
func Validate(t testing.TB, files ...string) {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("Validate: no file to check")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		testtool.Missing(t, "java not found: apt-get install default-jre-headless to run the Nu HTML checker")
	}
	jar := filepath.Join(Root(t), "testdata", "browser", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		testtool.Missing(t, "vnu-jar not installed: run npm ci in testdata/browser")
	}
	abs := make([]string, len(files))
	for i, f := range files {
		if abs[i], err = filepath.Abs(f); err != nil {
			t.Fatal(err)
		}
	}
	// A watchdog, not a timing: a hung checker must not hang the suite.
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(120+len(files))*time.Second)
	defer cancel()
	// --exit-zero-always: the messages say what is wrong; an exit status
	// other than 0 is the checker failing.
	args := append([]string{"-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"}, abs...)
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu.jar: %v\n%s", err, tail(stderr.String(), 3000))
	}
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn                int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("vnu.jar printed %q: %v", tail(stdout.String(), 3000), err)
	}
	// The same mistake in a template repeats on every page and row: each
	// message is said once, with how often and where it is first.
	type seen struct {
		n     int
		first string
		err   bool
	}
	var order []string
	byMessage := map[string]*seen{}
	errs := 0
	for _, m := range report.Messages {
		where := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(filepath.Dir(abs[0]), where); err == nil {
			where = rel
		}
		kind := m.Type // error, non-document-error, or info (a warning)
		if m.Type == "info" && m.SubType != "" {
			kind = m.SubType
		}
		if m.Type != "info" {
			errs++
		}
		key := kind + ": " + m.Message
		if byMessage[key] == nil {
			first := fmt.Sprintf("%s:%d:%d: %q", where, m.LastLine, m.FirstColumn, m.Extract)
			byMessage[key] = &seen{first: first, err: m.Type != "info"}
			order = append(order, key)
		}
		byMessage[key].n++
	}
	for _, key := range order {
		s := byMessage[key]
		if !s.err {
			t.Logf("Nu HTML checker: %s (%d times; first at %s)", key, s.n, s.first)
		} else {
			t.Errorf("Nu HTML checker: %s (%d times; first at %s)", key, s.n, s.first)
		}
	}
	t.Logf("Nu HTML checker: %d pages, %d errors", len(files), errs)
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
