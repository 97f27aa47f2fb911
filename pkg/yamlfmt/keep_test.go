package yamlfmt

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

// crlf turns every LF of s into CRLF.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

const bomText = "\uFEFF"

// Windows editors save CRLF, often with a BOM: Format keeps both, and a
// file whose layout is canonical comes back byte for byte.
func TestFormatKeepsLineEndingsAndBOM(t *testing.T) {
	messy, err := os.ReadFile("../../testdata/fmt/messy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/fmt/messy.golden")
	if err != nil {
		t.Fatal(err)
	}
	canonical := "formatVersion: 1\n\nplan:\n  id: x # a   comment\n  notes: |\n    one\n    two\n"
	for _, tc := range []struct{ name, in, want string }{
		{"CRLF with BOM", bomText + crlf(string(messy)), bomText + crlf(string(golden))},
		{"CRLF", crlf(string(messy)), crlf(string(golden))},
		{"BOM", bomText + string(messy), bomText + string(golden)},
		{"canonical CRLF is unchanged", crlf(canonical), crlf(canonical)},
		{"canonical CRLF with BOM is unchanged", bomText + crlf(canonical), bomText + crlf(canonical)},
		{"canonical LF is unchanged", canonical, canonical},
		// Mixed files take the ending most of their lines have.
		{"mostly CRLF", "a: 1\r\nb: 2\r\nc: 3\n", "a: 1\r\n\r\nb: 2\r\n\r\nc: 3\r\n"},
		{"mostly LF", "a: 1\r\nb: 2\nc: 3\n", "a: 1\n\nb: 2\n\nc: 3\n"},
		// On a tie, the first line decides.
		{"tie, first CRLF", "a: 1\r\nb: 2\n", "a: 1\r\n\r\nb: 2\r\n"},
		{"tie, first LF", "a: 1\nb: 2\r\n", "a: 1\n\nb: 2\n"},
		// A lone CR is a line break to YAML; "\r\r\n" is two of them. (Of
		// the LFs, one ends a CRLF and one a line: the first line decides.)
		{"lone CR", "a: |\r\r\n  x\rb: 2\n", "a: \"\\nx\\n\"\r\n\r\nb: 2\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
		})
	}
}

// Block text keeps its meaning in a CRLF file: YAML reads its line
// breaks as LF.
func TestFormatCRLFBlockText(t *testing.T) {
	in := crlf("plan:\n  notes: |\n    one\n\n    three\n  purpose: >\n    folded\n    text\n")
	out := checkFormat(t, []byte(in))
	if bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
		t.Errorf("bare LF in the output of a CRLF file: %q", out)
	}
}

// Every comment comes back as written after its '#': spaces and tabs
// inside it are kept; only blanks at the end of the line go.
func TestFormatKeepsCommentText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"end of line", "plan:\n  id: x   #   spaced   out\n", "plan:\n  id: x #   spaced   out\n"},
		{"tabs", "plan:\n  id: x\t#\ttab\there\t\n", "plan:\n  id: x #\ttab\there\n"},
		{"head and foot", "plan:\n  #  head   text\n  id: x\n  #  foot   text  \n", "plan:\n  #  head   text\n  id: x\n  #  foot   text\n"},
		{"top of file", "#   title   line\n#\n\n#  second\nformatVersion: 1\n", "#   title   line\n#\n\n#  second\nformatVersion: 1\n"},
		{"unicode blanks are text", "plan:\n  id: x # nbsp\u00a0\n", "plan:\n  id: x # nbsp\u00a0\n"},
		// yaml.v3 hands over a comment on the key and one on the value of
		// the same line; they stay two comments.
		{"key and value comments", "? a # on the key\n: 1 # on the value\n", "# on the key\na: 1 # on the value\n"},
		{"flow root with a comment", "{a: 1} # c\n", "# c\na: 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
		})
	}
}

// yaml.v3 drops some comments while reading (right after a flow
// collection's opening bracket, on a directive line…). Format finds them
// in the text and keeps them.
func TestFormatKeepsCommentsTheReaderDrops(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"after {", "plan: { # opening\n  id: x }\n", "plan:\n  # opening\n  id: x\n"},
		{"after [", "a: [ # opening\n  1, 2]\n", "a:\n  # opening\n  - 1\n  - 2\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
		})
	}
}

// When bp's key order puts an alias before its anchor, the anchor moves
// to the first place the value is printed and the other place becomes
// the alias: the same data, valid YAML.
func TestFormatAliasBeforeAnchor(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"scalar",
			"events:\n  - id: a\n    title: &t Hello # anchored\nplan:\n  title: *t # aliased\n",
			"plan:\n  title: &t Hello # aliased\n\nevents:\n  - id: a\n    title: *t # anchored\n"},
		{"mapping",
			"events:\n  - id: a\n    location: &v\n      city: Vienna\n  - id: b\n    location: *v\nplan:\n  location: *v\n",
			"plan:\n  location: &v\n    city: Vienna\n\nevents:\n  - id: a\n    location: *v\n\n  - id: b\n    location: *v\n"},
		{"nested anchors",
			"events:\n  - location: &v {city: &c Vienna}\nplan:\n  chair: *c\n  location: *v\n",
			"plan:\n  chair: &c Vienna\n  location: &v\n    city: *c\n\nevents:\n  - location: *v\n"},
		{"merge key",
			"events:\n  - &base {type: webinar, status: planned}\n  - id: b\n    <<: *base\nplan:\n  <<: *base\n",
			"plan:\n  <<: &base\n    type: webinar\n    status: planned\n\nevents:\n  - *base\n\n  - id: b\n    <<: *base\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", out, tc.want)
			}
		})
	}
}

// Document markers and directives are kept; the end marker (...) is not
// needed in a one-document file.
func TestFormatDocumentMarkers(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"start marker", "---\nformatVersion: 1\n", "---\nformatVersion: 1\n"},
		{"marker with comments", "# before\n---\n# after\nformatVersion: 1\n", "---\n# before\n# after\nformatVersion: 1\n"},
		{"directive", "%YAML 1.1\n---\nformatVersion: 1\n", "%YAML 1.1\n---\nformatVersion: 1\n"},
		{"end marker", "formatVersion: 1\n...\n", "formatVersion: 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
		})
	}
}

// Values the printer once wrote wrong (each was refused with "please
// report it").
func TestFormatAwkwardValues(t *testing.T) {
	long := `"` + strings.Repeat("a", 1000) + strings.Repeat("\t", 20) + `"`
	for _, tc := range []struct{ name, in, want string }{
		{"null item in a short list", "a:\n  -\n  - b\n", "a:\n  -\n  - b\n"},
		{"null key", "?\n", "~:\n"},
		{"root list with one null", "- # c\n", "-\n\n# c\n"},
		// yaml.v3 drops this comment, and would again above the "-".
		{"comment above a last null item", "a:\n# c\n  -\n", "a:\n  -\n\n# c\n"},
		{"the tag ! before block text", "a: ! |#c\n  x\n", "a: > #c\n  x\n"},
		{"question mark in a short list", "- a?b\n- c\n", "[\"a?b\", c]\n"},
		{"comment right after a flow list", "a: [x]#c #d\n", "a: [x] #c #d\n"},
		{"two comments right after flow tokens", "a: {b: 1,#c\n  d: 2}# #e\n", "a: # #e\n  b: 1 #c\n  d: 2\n"},
		{"comment right after a quoted value", "a: 'q'#c\n", "a: q #c\n"},
		// yaml.v3 reads a key of over 1024 characters only after "? ",
		// and escaping the tabs makes this one longer.
		{"long key", long + ": 1\n", "? " + strings.ReplaceAll(long, "\t", `\t`) + "\n: 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
		})
	}
}

// An anchor defined twice may name different values once keys move:
// Format refuses and says how to fix it.
func TestFormatRefusesAmbiguousAnchor(t *testing.T) {
	in := "events:\n  - location: &a {city: X}\nplan:\n  location: *a\ngroups:\n  - &a {id: g}\n"
	out, err := verified.Format([]byte(in), workplan.Schema)
	if err == nil || !strings.Contains(err.Error(), "anchor &a is defined twice") || strings.Contains(err.Error(), "please report") {
		t.Errorf("Format = %q, %v; want a refusal that names the anchor", out, err)
	}
}

func TestFormatRefusesRecursiveAlias(t *testing.T) {
	out, err := verified.Format([]byte("a: &x [1, *x]\n"), workplan.Schema)
	if err == nil || !strings.Contains(err.Error(), "inside the value it names") {
		t.Errorf("Format = %q, %v; want a refusal", out, err)
	}
}

// A block text that ends the file without a line break ends with one to
// YAML (the suite's L24T/01 and JEF9/02); yaml.v3 drops it, and its last
// line if that holds only spaces. Format keeps what YAML reads.
func TestFormatBlockTextAtEndOfFile(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"last line of spaces", "x: |\n  a\n   ", "x: \"a\\n \\n\"\n"},
		{"kept line of spaces", "x: |+\n   ", "x: \"\\n\"\n"},
		{"stripped line of spaces", "x: |-\n  a\n   ", "x: \"a\\n \"\n"},
		{"a text's last line", "x: |\n  a\n  b", "x: |\n  a\n  b\n"},
		{"CRLF", "x: |\r\n  a\r\n   ", "x: \"a\\n \\n\"\r\n"},
		{"a plan's notes", "events:\n  - id: e\n    notes: |\n      Bring:\n      - a pen\n      ",
			"events:\n  - id: e\n    notes: |\n      Bring:\n      - a pen\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
			// the input, read as YAML reads it, holds the output's data
			if a, b := yamlData([]byte(tc.in)), yamlData(out); a != b {
				t.Errorf("data: %s, want %s", b, a)
			}
		})
	}
}
