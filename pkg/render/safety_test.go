package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
)

const hostile = testtool.Hostile

var assertSafe = testtool.AssertSafe

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
