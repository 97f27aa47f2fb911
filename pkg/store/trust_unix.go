//go:build unix

package store

import (
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"syscall"
)

// distrust says why bp must not read, unasked, the plans directory st
// describes, or returns "" when it may: the directory must be the
// user's own, and not writable by every user. Root, under sudo, may also
// read the directory of the user who ran sudo (sudoUID, $SUDO_UID), as
// git allows. A directory writable by its group is the user's choice (a
// team's shared checkout) and is read.
func distrust(st fs.FileInfo, sudoUID string) string {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	me := os.Geteuid()
	owner := int(s.Uid)
	if owner != me {
		if id, err := strconv.Atoi(sudoUID); me != 0 || err != nil || id != owner {
			return fmt.Sprintf("it belongs to another user (uid %d; you are uid %d)", owner, me)
		}
	}
	if st.Mode().Perm()&0o002 != 0 {
		return "every user may write into it (chmod o-w to keep them out)"
	}
	return ""
}

// sameDevice reports whether two files are on one file system: the
// search for workplans/ does not cross into another, as git's for .git
// does not.
func sameDevice(a, b fs.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || sa.Dev == sb.Dev
}
