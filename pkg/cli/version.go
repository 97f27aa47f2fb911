package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// version is set at build time, as a release does (.goreleaser.yaml):
//
//	go build -ldflags "-X github.com/icmpd/bp/pkg/cli.version=v1.2.3" ./cmd/bp
//
// Without it, bp reports what the Go toolchain recorded in the binary: the
// module version `go install …@v1.2.3` gives, or the commit a `go build`
// in a git clone gives.
var version = ""

// Version returns bp's version: the -ldflags value; else the tagged
// module version the build recorded; else "devel" with the commit, its
// date and whether the checkout had local changes; else, for an untagged
// `go install`, the module's pseudo-version (which names the commit and
// its time); else "devel".
//
// `go build` records the commit (vcs.revision, vcs.time, vcs.modified)
// only in a git clone whose .git is a directory: not in a linked git
// worktree (golang/go#58218), not with -buildvcs=false in GOFLAGS, and
// never for `go run` or `go test`. Those builds print "devel".
func Version() string {
	info, _ := debug.ReadBuildInfo()
	return versionFrom(version, info)
}

// isPseudoVersion reports whether v is a Go pseudo-version
// (v0.0.0-20261127101112-84ce1d2c1a2b), which `go build` in a clone
// records when the commit has no tag of its own; it ends in "+dirty" when
// the checkout had local changes.
func isPseudoVersion(v string) bool {
	v = strings.TrimSuffix(v, "+dirty")
	const tail = len("20261127101112-84ce1d2c1a2b")
	if len(v) < tail+1 {
		return false
	}
	t := v[len(v)-tail:]
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case i == 14:
			if c != '-' {
				return false
			}
		case i < 14:
			if c < '0' || c > '9' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}

// versionFrom is Version for a given -ldflags value and build
// information (nil: none).
func versionFrom(ldflags string, info *debug.BuildInfo) string {
	if ldflags != "" {
		return ldflags
	}
	if info == nil {
		return "devel"
	}
	mod := info.Main.Version
	if mod == "(devel)" {
		mod = ""
	}
	if mod != "" && !isPseudoVersion(mod) && !strings.HasSuffix(mod, "+dirty") {
		return mod // a tag: go install …@v1.2.3, or go build at a clean tagged commit
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		if mod != "" {
			return mod
		}
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "devel " + rev
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		v += " of " + workplan.Stamp(t)
	}
	if dirty {
		v += " with local changes"
	}
	return v
}

// versionString is what `bp --version` prints, and the start of `bp
// version`'s first line.
func versionString() string {
	return "bp " + Version()
}

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print bp's version and the revision of each plan it reads",
		Long: `Print bp's version, then one line for each plan bp reads (see 'bp --help'
for which), one per year: its title, revision and date, and where it comes
from. Outside a checkout these are the plans built into bp: every
workplans/*.yaml of the source it was built from.`,
		Example: `  $ bp version`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersion(app, cmd.OutOrStdout())
		},
	}
}

func runVersion(app *App, out io.Writer) error {
	fmt.Fprintf(out, "%s (%s, %s/%s, format %d)\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH, workplan.FormatVersion)
	_, srcs, err := app.resolvePlans()
	if err != nil {
		return err
	}
	for _, src := range srcs {
		where := "built in"
		if !src.Embedded {
			where = "from " + shown(src.Name)
		}
		plan, _ := workplan.Parse(src.Name, src.Data, app.limits())
		if plan == nil {
			fmt.Fprintf(out, "workplan: %s cannot be read (run 'bp validate')\n", shown(src.Name))
			continue
		}
		fmt.Fprintf(out, "workplan: %s, revision %d of %s (%s)\n", render.Clean(plan.Title), plan.Revision, workplan.ISODay(plan.Revised), where)
	}
	return nil
}
