//go:build !unix

package store

// processGone cannot tell here: bp names a stale build directory rather
// than remove it.
func processGone(pid int) (gone, known bool) { return false, false }
