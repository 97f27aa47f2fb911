package workplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// The committed schema is what `bp schema` prints; editors read it.
func TestJSONSchemaCommitted(t *testing.T) {
	committed, err := os.ReadFile("../../workplans/workplan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, JSONSchema()) {
		t.Error("workplans/workplan.schema.json is out of date: run 'bp schema > workplans/workplan.schema.json'")
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(JSONSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(JSONSchemaID)
	if err != nil {
		t.Fatalf("the generated schema does not compile: %v", err)
	}
	return sch
}

// yamlToJSON converts a YAML document to the JSON value an editor's
// language server validates: numbers and booleans by their YAML tag,
// everything else, dates included, as strings.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			return conv(n.Content[0])
		case yaml.AliasNode:
			return conv(n.Alias)
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			a := make([]any, 0, len(n.Content))
			for _, c := range n.Content {
				a = append(a, conv(c))
			}
			return a
		}
		switch n.Tag {
		case "!!int":
			if i, err := strconv.Atoi(n.Value); err == nil {
				return json.Number(strconv.Itoa(i))
			}
		case "!!float":
			if _, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return json.Number(n.Value)
			}
		case "!!bool":
			return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
		case "!!null":
			return nil
		}
		return n.Value
	}
	// through JSON text, so the validator sees what a JSON parser gives
	js, err := json.Marshal(conv(&doc))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func fixtures(patterns ...string) []string {
	var files []string
	for _, p := range patterns {
		m, _ := filepath.Glob(p)
		files = append(files, m...)
	}
	return files
}

// schemaCatches reports whether a diagnostic is of a kind the schema can
// see in one value: a key, a type, a word, a form.
func schemaCatches(d Diagnostic) bool {
	switch d.Rule {
	case "unknown-key", "enum", "id-format", "type", "format-version":
		return true
	case "required":
		return strings.Contains(d.Message, "missing required key")
	case "date":
		return strings.Contains(d.Message, "is not a")
	case "location": // a single alternative: minItems
		return strings.Contains(d.Message, "alternatives needs at least")
	case "link": // an address that is not https; not one given twice
		return !strings.Contains(d.Message, "already")
	}
	return false
}

func TestJSONSchemaAcceptsValidRejectsInvalid(t *testing.T) {
	sch := compileSchema(t)
	valid := fixtures("../../testdata/plans/*.yaml", "../../testdata/diff/*.yaml", "../../testdata/fmt/*.yaml",
		"../../testdata/schema/valid-*.yaml")
	for _, f := range valid {
		t.Run("valid/"+filepath.Base(f), func(t *testing.T) {
			data, _ := os.ReadFile(f)
			if _, diags := Check(f, data, DefaultLimits, Options{}); HasErrors(diags) {
				t.Fatalf("fixture is not valid: %v", diags)
			}
			if err := sch.Validate(yamlToJSON(t, data)); err != nil {
				t.Errorf("the schema rejects a valid plan:\n%v", err)
			}
		})
	}
	mine := fixtures("../../testdata/schema/invalid-*.yaml")
	if len(mine) < 10 {
		t.Fatalf("only %d invalid fixtures", len(mine))
	}
	// testdata/validate holds one invalid file per rule (another suite's
	// fixtures): each one whose errors the schema can see must be rejected.
	others := fixtures("../../testdata/validate/*.yaml", "../../testdata/validate/*/*.yaml")
	checked := 0
	for _, f := range append(mine, others...) {
		data, _ := os.ReadFile(f)
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
			continue // not YAML: no editor gets as far as the schema
		}
		_, diags := Check(f, data, DefaultLimits, Options{})
		catchable := false
		for _, d := range diags {
			if d.Severity == SeverityError && schemaCatches(d) {
				catchable = true
			}
		}
		if strings.HasPrefix(filepath.Base(f), "invalid-") && strings.Contains(f, "testdata/schema") && !catchable {
			t.Errorf("%s: bp finds no error the schema should catch: %v", f, diags)
			continue
		}
		if !catchable {
			continue
		}
		checked++
		t.Run("invalid/"+filepath.Base(f), func(t *testing.T) {
			if err := sch.Validate(yamlToJSON(t, data)); err == nil {
				t.Errorf("the schema accepts a plan bp rejects for %v", diags)
			}
		})
	}
	t.Logf("%d valid fixtures accepted, %d invalid fixtures rejected (%d from testdata/validate)", len(valid), checked, len(others))
}

// Every key of the format is in the schema, with its description.
func TestJSONSchemaHasEveryField(t *testing.T) {
	s := string(JSONSchema())
	var walk func(o *Object)
	seen := map[*Object]bool{}
	walk = func(o *Object) {
		if seen[o] {
			return
		}
		seen[o] = true
		for _, f := range o.Fields {
			if !strings.Contains(s, fmt.Sprintf("%q: {", f.Key)) || !strings.Contains(s, strconv.Quote(f.Doc)) {
				t.Errorf("%s.%s missing from the schema", o.Name, f.Key)
			}
			if f.Object != nil {
				walk(f.Object)
			}
			if f.Elem != nil && f.Elem.Object != nil {
				walk(f.Elem.Object)
			}
		}
	}
	walk(Schema)
}
