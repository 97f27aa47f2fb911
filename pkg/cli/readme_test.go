package cli

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// The README's format reference and rule list are generated from the same
// definitions the decoder and validator use; this test keeps them equal
// (run with -update to rewrite the README sections).

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
		fmt.Fprintf(&b, "#### `%s`\n\n%s\n\n| key | type | required | meaning |\n| --- | --- | --- | --- |\n", path, o.Doc)
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
	return strings.ReplaceAll(b.String(), "#### ``", "#### top level")
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
	const path = "../../README.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(doc)
	for _, s := range []struct{ name, body string }{{"format", formatReference()}, {"rules", rulesReference()}} {
		var ok bool
		if out, ok = replaceSection(out, s.name, s.body); !ok {
			t.Fatalf("README.md has no generated %q section", s.name)
		}
	}
	golden.Assert(t, path, []byte(out))
}
