package present

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

const hostile = testtool.Hostile

var assertSafe = testtool.AssertSafe

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
