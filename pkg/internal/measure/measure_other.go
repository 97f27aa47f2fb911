//go:build !unix

package measure

import (
	"os"
	"time"
)

func selfCPU() (time.Duration, bool) { return 0, false }

func peak(*os.ProcessState) int64 { return 0 }
