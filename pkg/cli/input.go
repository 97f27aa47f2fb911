package cli

import (
	"errors"
	"strconv"

	"github.com/icmpd/bp/pkg/workplan"
)

// osPath turns a path the user gave (relative to the App's working
// directory) into one the operating system can open
// (store.Session.Path).
func (app *App) osPath(name string) string { return app.store.Path(name) }

// readFile reads a workplan file whole, or refuses it, with exit 2
// (store.Session.ReadFile). "-" reads standard input. Every regular file
// read is recorded, so that no command of the same run writes over it.
func (app *App) readFile(path string) ([]byte, error) {
	data, err := app.store.ReadFile(path)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return data, nil
}

func (app *App) limits() workplan.Limits { return app.store.Limits() }

// maxSizeValue is the --max-size flag: a positive number of bytes. Zero
// and negative values are refused rather than taken as "the default".
type maxSizeValue int

func (v *maxSizeValue) String() string {
	if *v == 0 {
		return ""
	}
	return strconv.Itoa(int(*v))
}

func (v *maxSizeValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 0)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return errors.New("too large")
		}
		return errors.New("not a whole number of bytes")
	}
	if n <= 0 {
		return errors.New("must be a positive number of bytes (leave --max-size out for the default, 16 MiB)")
	}
	*v = maxSizeValue(n)
	return nil
}

func (v *maxSizeValue) Type() string { return "bytes" }
