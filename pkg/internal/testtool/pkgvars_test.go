package testtool

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoPackageVariableSetByTests: no test of pkg/ assigns a variable
// declared at package level in a non-test file of its package (=, op=,
// ++, or its address taken). A test hook is a field of the struct it
// configures (store.Session.BeforeSwap), never a package variable a test
// overwrites and restores: such a variable makes tests that cannot run
// in parallel, and one that forgets to restore it changes the others.
//
// The parser resolves the names a file declares (locals, parameters);
// a name it leaves unresolved in a test file is the package's.
func TestNoPackageVariableSetByTests(t *testing.T) {
	dirs := map[string]bool{}
	err := filepath.WalkDir(filepath.Join("..", ".."), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			dirs[filepath.Dir(p)] = true
		}
		if err == nil && d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	vars := 0
	for dir := range dirs {
		fset := token.NewFileSet()
		pkgs, err := parseDir(fset, dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			declared := map[string]string{}
			for name, f := range pkg {
				if strings.HasSuffix(name, "_test.go") {
					continue
				}
				for _, decl := range f.Decls {
					if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
						for _, spec := range g.Specs {
							for _, n := range spec.(*ast.ValueSpec).Names {
								declared[n.Name] = fset.Position(n.Pos()).String()
								vars++
							}
						}
					}
				}
			}
			for name, f := range pkg {
				if !strings.HasSuffix(name, "_test.go") {
					continue
				}
				ast.Inspect(f, func(n ast.Node) bool {
					var lhs []ast.Expr
					switch x := n.(type) {
					case *ast.AssignStmt:
						if x.Tok != token.DEFINE {
							lhs = x.Lhs
						}
					case *ast.IncDecStmt:
						lhs = []ast.Expr{x.X}
					case *ast.UnaryExpr:
						if x.Op == token.AND {
							lhs = []ast.Expr{x.X}
						}
					}
					for _, e := range lhs {
						if id := written(e); id != nil && id.Obj == nil && declared[id.Name] != "" {
							t.Errorf("%s: a test sets %s, a package variable (%s): make it a field of what it configures",
								fset.Position(id.Pos()), id.Name, declared[id.Name])
						}
					}
					return true
				})
			}
		}
	}
	if vars == 0 {
		t.Fatal("no package variable found: the walk missed pkg/")
	}
}

// written is the variable an expression written to is part of: x in x,
// x.f, x[i], *x, (x).
func written(e ast.Expr) *ast.Ident {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// parseDir parses the Go files of dir, every build tag's, and groups them
// by package name (a package and its _test package); file name to file.
func parseDir(fset *token.FileSet, dir string) (map[string]map[string]*ast.File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	pkgs := map[string]map[string]*ast.File{}
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		if pkgs[f.Name.Name] == nil {
			pkgs[f.Name.Name] = map[string]*ast.File{}
		}
		pkgs[f.Name.Name][name] = f
	}
	return pkgs, nil
}
