package present

// Checks on the shape of the code that presents documents, so that what
// issue 20 made true stays true: the writers are here and nowhere else,
// an event's fact labels are written once, and no function of the
// presenting packages grows past 60 lines.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// presenting are the packages that present documents.
var presenting = []string{"present", "report", "render", "site", "plandiff", "calendar"}

// goFiles parses the non-test Go files under dir (relative to pkg/).
func goFiles(t *testing.T, dir string, each func(path string, fset *token.FileSet, f *ast.File)) {
	t.Helper()
	root := filepath.Join("..", dir)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("..", path)
		each(filepath.ToSlash(filepath.Join("pkg", rel)), fset, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoLongFunctions: no function of the presenting packages is over 60
// lines, from its func keyword to its closing brace.
func TestNoLongFunctions(t *testing.T) {
	n := 0
	for _, pkg := range presenting {
		goFiles(t, pkg, func(path string, fset *token.FileSet, f *ast.File) {
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				n++
				lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
				if lines > 60 {
					t.Errorf("%s: %s is %d lines, over 60", path, fn.Name.Name, lines)
				}
			}
		})
	}
	if n < 200 {
		t.Errorf("only %d functions checked", n)
	}
}

// TestWritersOnlyHere: no package but this one has a WriteText,
// WriteMarkdown or WriteHTML method: a document is data and a view, and
// the writers of its formats are present's.
func TestWritersOnlyHere(t *testing.T) {
	goFiles(t, ".", func(path string, _ *token.FileSet, f *ast.File) {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil {
				continue
			}
			switch fn.Name.Name {
			case "WriteText", "WriteMarkdown", "WriteHTML":
				t.Errorf("%s: a %s method: build a present.Doc and let present write it", path, fn.Name.Name)
			}
		}
	})
}

// TestFactLabelsInOneFile: each label of an event's facts is written as
// a string in facts.go and in no other non-test file of the module.
func TestFactLabelsInOneFile(t *testing.T) {
	labels := map[string]bool{}
	for _, l := range []string{LabelDate, LabelTime, LabelMovedFrom, LabelStatus, LabelPlace, LabelFormat, LabelType, LabelGroups,
		LabelPartners, LabelPresents, LabelBackToBack, LabelPurpose, LabelNotes, LabelOutcome, LabelReport, LabelConclusions,
		LabelActions, LabelID, LabelPlan, LabelReason, LabelJoin, LabelRegistration, LabelAgenda, LabelDocuments, LabelPage} {
		labels[l] = true
	}
	found := map[string][]string{}
	for _, dir := range []string{".", "../cmd"} {
		goFiles(t, dir, func(path string, _ *token.FileSet, f *ast.File) {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				if s, err := strconv.Unquote(lit.Value); err == nil && labels[s] {
					found[s] = append(found[s], path)
				}
				return true
			})
		})
	}
	for l := range labels {
		if len(found[l]) != 1 || found[l][0] != "pkg/present/facts.go" {
			t.Errorf("label %q is written in %v; want pkg/present/facts.go only", l, found[l])
		}
	}
}
