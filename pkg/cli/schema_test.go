package cli

import (
	"os"
	"testing"
)

func TestSchemaCommandMatchesCommittedFile(t *testing.T) {
	r := runBP(t, "", nil, "schema")
	if r.code != ExitOK || r.stderr != "" {
		t.Fatalf("bp schema: exit %d\n%s", r.code, r.stderr)
	}
	committed, err := os.ReadFile("../../workplans/workplan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if r.stdout != string(committed) {
		t.Error("bp schema differs from workplans/workplan.schema.json: run 'bp schema > workplans/workplan.schema.json'")
	}
	if r = runBP(t, "", nil, "schema", "extra"); r.code != ExitUsage {
		t.Errorf("bp schema extra: exit %d, want 2", r.code)
	}
}
