package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// version is set at build time:
//
//	go build -ldflags "-X github.com/icmpd/bp/pkg/cli.version=v1.2.3" ./cmd/bp
//
// Without it, bp reports the module version `go install` recorded, or the
// VCS revision of a local build.
var version = ""

// Version returns bp's version: the -ldflags value, else the build
// information's module version, else "devel" with the VCS revision.
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel+" + rev
}

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
		Args:    args(cobra.NoArgs),
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
		if !src.embedded {
			where = "from " + src.name
		}
		plan, _ := workplan.Parse(src.name, src.data, app.limits())
		if plan == nil {
			fmt.Fprintf(out, "workplan: %s cannot be read (run 'bp validate')\n", render.Clean(src.name))
			continue
		}
		fmt.Fprintf(out, "workplan: %s, revision %d of %s (%s)\n", render.Clean(plan.Title), plan.Revision, plan.Revised.Format("2006-01-02"), render.Clean(where))
	}
	return nil
}
