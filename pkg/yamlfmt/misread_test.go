package yamlfmt

import (
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

// Text yaml.v3 reads otherwise than YAML does (cases of the YAML test
// suite, in a plan's shape): Format refuses it, naming the place, where
// it would otherwise write the misreading back. Check refuses it too:
// bp fmt --check must not call such a file formatted.
func TestFormatRefusesMisreadYAML(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		// 652Z, HM87/01: YAML reads "?foo" and "?x"
		{"'?' stuck to a flow key", "plan:\n  x: { ?foo: bar }\n", "line 2, column 8: YAML reads ?foo as one value"},
		{"'?' stuck to a flow item", "groups: [?x]\n", "line 1, column 10: YAML reads ?x as one value"},
		// S4JQ: "! 12" is the string "12"
		{"the tag ! on a number", "plan:\n  revision: ! 12\n", "line 2, column 13: the tag '!' makes \"12\" a string"},
		{"the tag ! on a date", "x: ! 2026-01-01\n", "line 1, column 4: the tag '!' makes \"2026-01-01\" a string, but bp's YAML reader drops the tag and reads a date"},
		{"the verbatim tag !<!>", "x: !<!> 12\n", "line 1, column 4: explicit tags (!<!>)"},
		// Y2GN: the anchor is "an:chor", the value "value"
		{"anchor name with a colon", "plan:\n  title: &an:chor value\n", "line 2, column 10: anchor name &an:chor is read by bp's YAML reader as &an followed by \":chor\""},
		// 4ABK: "omitted value:," is the key "omitted value", no value
		{"colon ending a flow key", "x: {a:, b: 1}\n", "line 1, column 5: YAML ends the value \"a:\" inside [ ] or { } at its ':'"},
		{"colon ending a flow item", "x: [a:]\n", "line 1, column 5: YAML ends the value \"a:\""},
		// the positions are the input's, also in a CRLF file with a BOM
		{"CRLF and BOM", "\uFEFFplan:\r\n  x: [?y]\r\n", "line 2, column 7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := verified.Format([]byte(tc.in), workplan.Schema)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Format = %q, %v; want an error containing %q", out, err, tc.want)
			}
			if ok, err := verified.Check([]byte(tc.in), workplan.Schema); err == nil {
				t.Errorf("Check = %v, nil; want the error", ok)
			}
		})
	}
}

// What YAML reads as yaml.v3 does, or can be written so that both read
// the same, is formatted: a misread refused must not take these along.
func TestFormatKeepsNearMisreads(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"explicit key with a space", "x: { ? a : b }\n", "x:\n  a: b\n"},
		{"'?' inside a value", "x: a?b\n", "x: a?b\n"},
		{"'?' starting a block value", "x: ?y\n", "x: \"?y\"\n"},
		{"colon inside a flow value", "x: [a:b, 'c:']\n", "x: [\"a:b\", \"c:\"]\n"},
		{"the tag ! on text", "x: ! y z\n", "x: y z\n"},
		{"the tag ! on a list", "x: ! [a]\n", "x: [a]\n"},
		{"anchor before the tag !", "x: &a ! [b]\nz: *a\n", "x: &a [b]\n\nz: *a\n"},
		{"anchor ending at a flow indicator", "x: [&a b, *a]\n", "x:\n  - &a b\n  - *a\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkFormat(t, []byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, tc.want)
			}
		})
	}
}
