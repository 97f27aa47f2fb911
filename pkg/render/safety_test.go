package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// hostile holds one of each kind of character that must not reach a
// terminal raw: an SGR escape, an OSC 8 hyperlink ended by BEL, C1
// controls, DEL, bidi controls and zero-width characters.
const hostile = "\x1b[31mred\x1b]8;;http://evil\x07link\x1b]8;;\x07 \u009b31m \u0085 \x7f " +
	"\u202eevil\u202c \u2066iso\u2069 \u200bzw\u200c\u200d\u2060\ufeff \u200e\u200f\u061c end"

// assertSafe fails when out holds an unsafe character other than the
// line feeds that end its lines.
func assertSafe(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if r != '\n' && safetext.Unsafe(r) {
			t.Errorf("%s: %U at byte %d reaches the output:\n%q", what, r, i, out)
			return
		}
	}
}

func TestWriteJSONEscapesUnsafe(t *testing.T) {
	in := map[string]string{"title": hostile, "plain": "Antalya, Türkiye <b>&"}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, in); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	assertSafe(t, "WriteJSON", out)
	for _, want := range []string{`\u0085`, `\u009b`, `\u007f`, `\u202e`, `\u2066`, `\u200b`, `\ufeff`, `\u061c`, `\u001b`, `<b>&`} {
		if !strings.Contains(out, want) {
			t.Errorf("WriteJSON output lacks %s:\n%s", want, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("the JSON does not parse: %v\n%s", err, out)
	}
	if back["title"] != hostile || back["plain"] != in["plain"] {
		t.Errorf("the JSON does not round-trip: %q", back)
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("no trailing newline: %q", out)
	}
}

func hostileDiagnostics() []workplan.Diagnostic {
	return []workplan.Diagnostic{{
		File: "plans/\x1b[2J\u202eyaml.evil", Line: 3, Col: 5, Severity: workplan.SeverityError,
		Rule: "enum", Message: `city "` + hostile + `" is wrong`, Hint: "write " + hostile,
	}}
}

func TestDiagnosticsWritersClean(t *testing.T) {
	var text, gh, js bytes.Buffer
	if err := DiagnosticsText(&text, hostileDiagnostics()); err != nil {
		t.Fatal(err)
	}
	if err := DiagnosticsGitHub(&gh, hostileDiagnostics()); err != nil {
		t.Fatal(err)
	}
	if err := DiagnosticsJSON(&js, []string{"plans/\x1b[2J\u202eyaml.evil"}, hostileDiagnostics(), false); err != nil {
		t.Fatal(err)
	}
	assertSafe(t, "DiagnosticsText", text.String())
	assertSafe(t, "DiagnosticsGitHub", gh.String())
	assertSafe(t, "DiagnosticsJSON", js.String())
	const cleaned = "[31mred]8;;http://evillink]8;; 31m    evil iso zw  end"
	if want := `"plans/\x1b[2J\u202eyaml.evil":3:5: error: city "` + cleaned + "\" is wrong [enum]\n  hint: write " + cleaned + "\n"; text.String() != want {
		t.Errorf("DiagnosticsText =\n%q, want\n%q", text.String(), want)
	}
	if want := "::error file=plans/[2Jyaml.evil,line=3,col=5,title=bp enum::city \"" + cleaned + "\" is wrong%0Ahint: write " + cleaned + "\n"; gh.String() != want {
		t.Errorf("DiagnosticsGitHub =\n%q, want\n%q", gh.String(), want)
	}
	if n := strings.Count(gh.String(), "\n"); n != 1 {
		t.Errorf("DiagnosticsGitHub wrote %d lines, want 1 (the hint joins with %%0A): %q", n, gh.String())
	}
	var back ValidationJSON
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if d := back.Diagnostics[0]; d.File != hostileDiagnostics()[0].File || d.Message != hostileDiagnostics()[0].Message {
		t.Errorf("DiagnosticsJSON does not keep the data: %+v", d)
	}
}
