package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/icmpd/bp/pkg/workplan"
)

// osPath turns a path the user gave (relative to the App's working
// directory) into one the operating system can open. "-" (standard
// input or output) and absolute paths are returned as they are. Messages
// keep the name the user gave; only opening a file uses this.
func (app *App) osPath(name string) string {
	if name == "" || name == "-" || filepath.IsAbs(name) || app.Getwd == nil {
		return name
	}
	wd, err := app.Getwd()
	if err != nil || wd == "" {
		return name
	}
	return filepath.Join(wd, name)
}

// readFile reads a workplan file, refusing one over the size limit before
// reading it whole. "-" reads standard input.
func (app *App) readFile(path string) ([]byte, error) {
	limit := app.limits().MaxBytes
	var r io.Reader
	if path == "-" {
		r = app.Stdin
	} else {
		f, err := os.Open(app.osPath(path))
		if err != nil {
			return nil, withCode(ExitUsage, fmt.Errorf("read workplan: %w", err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, usageErrorf("read workplan: %s is a directory; name a .yaml file", path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read workplan %s: %w", path, err))
	}
	return data, nil
}

func (app *App) limits() workplan.Limits {
	lim := workplan.DefaultLimits
	if app.maxSize > 0 {
		lim.MaxBytes = app.maxSize
	}
	return lim
}
