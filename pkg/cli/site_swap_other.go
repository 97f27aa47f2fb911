//go:build !linux

package cli

import "errors"

// errNoExchange says that the system cannot swap two directories in one
// rename; swapDir then uses two.
var errNoExchange = errors.New("the system cannot exchange two names")

// exchangeDirs is not available here.
var exchangeDirs = func(a, b string) error { return errNoExchange }
