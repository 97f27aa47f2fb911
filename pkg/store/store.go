// Package store is where bp's plans live on disk, and everything bp does
// with files: it finds the plans (the resolver, with the rule of which
// workplans/ directory bp trusts), reads them safely (whole or not at
// all, never a named pipe or a device, within a size limit), writes files
// atomically under a lock, replaces a site directory without touching
// what it did not write, and asks git about a plan's history.
//
// # A session
//
// A [Session] is one run of bp: the environment and working directory it
// was given (as functions: nothing here calls os.Getenv or os.Getwd), the
// flags that concern files (--file, --max-size), and what the run did so
// far: the files it read, which no write of the same run may replace, and
// the parts of paths that are not fit to print, which the caller quotes
// in every message (see [Session.QuoteNames]). Nothing here reads the
// clock: the dates a command needs are its caller's.
//
// # Names
//
// A file is named as the user gave it: relative to the session's working
// directory, or absolute; "-" is standard input. Messages keep that name;
// [Session.Path] turns it into one the system can open.
//
// # Errors
//
// Errors are plain errors whose messages name the file and, where the
// user can do something, end in a "\n  hint: " line. Which exit code an
// error gives is the caller's choice.
package store

import (
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/icmpd/bp/pkg/safetext"
)

// Session is one run's access to files; see the package documentation.
// The zero Session reads nothing from the environment, and takes every
// relative name as the process's working directory does.
type Session struct {
	// Getenv reads an environment variable (BP_FILE,
	// BP_SAFE_DIRECTORY, SUDO_UID).
	Getenv func(string) string
	// Getwd returns the working directory names are relative to.
	Getwd func() (string, error)
	// Stdin is what the name "-" reads.
	Stdin io.Reader
	// Stderr takes the notes of a site replaced (a stale build removed,
	// or left beside it), each a line that starts "bp: ".
	Stderr io.Writer
	// Warn shows a note as an error line ("bp: …") without stopping:
	// a plans directory skipped. The caller quotes and cleans it.
	Warn func(error)

	// File is --file: a plan file or directory; "" when not given.
	File string
	// MaxSize is --max-size: the largest plan file read, in bytes; 0
	// for the default (workplan.DefaultLimits).
	MaxSize int

	// BeforeRename, when not nil, runs when a file written atomically
	// is complete and about to replace its target (before the last
	// check of Replace): tests stop a write there, or change the file.
	BeforeRename func(tmp string)
	// BeforeSwap, when not nil, runs when a new site is complete, before
	// the site directory is checked once more and the two are swapped
	// (see ReplaceDir): tests stop a build there, or add files.
	BeforeSwap func(tmp string)
	// Exchange, when not nil, swaps two directories instead of the
	// system's one-step exchange (renameat2 on Linux): a test returns
	// ErrNoExchange to take the way of two renames.
	Exchange func(a, b string) error

	inputs []fs.FileInfo // the files read; no write replaces them (read.go)
	notes  notes
}

// notes is what the session noted about the paths it handles: the parts
// of paths (the names between separators) that safetext.Name would
// quote, longest first; and the plans directories it skipped, and said
// so, so that a command that looks for the plans twice says it once.
type notes struct {
	mu      sync.Mutex
	parts   []string
	skipped map[string]bool
}

// NoteName records the parts of path that are not fit to print as they
// are, so that QuoteNames quotes them wherever a message holds them.
// Every path the session hands to the system is noted; most have no such
// part, and cost one scan.
func (s *Session) NoteName(path string) {
	if safetext.Name(path) == path {
		return
	}
	s.notes.mu.Lock()
	defer s.notes.mu.Unlock()
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		if part == "" || safetext.Name(part) == part || slices.Contains(s.notes.parts, part) {
			continue
		}
		s.notes.parts = append(s.notes.parts, part)
	}
	// Longest first: a part that holds a shorter one is quoted whole.
	slices.SortStableFunc(s.notes.parts, func(a, b string) int { return len(b) - len(a) })
}

// QuoteNames writes every noted part of a path in msg quoted
// (safetext.Name: "y\n::error.yaml"), in one pass: a part is never
// looked for inside another's quoted form. Messages are composed from
// the system's errors, which name paths too, long before they are
// printed, and a name can hold a line break: so the names are quoted
// before the message is split into lines.
func (s *Session) QuoteNames(msg string) string {
	s.notes.mu.Lock()
	defer s.notes.mu.Unlock()
	if len(s.notes.parts) == 0 {
		return msg
	}
	pairs := make([]string, 0, 2*len(s.notes.parts))
	for _, part := range s.notes.parts {
		pairs = append(pairs, part, safetext.Name(part))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// Path turns a name the user gave (relative to the session's working
// directory) into one the system can open. "-" (standard input or
// output) and absolute paths are returned as they are. Both the name and
// the path are noted (see NoteName): an error of the system's names the
// path.
func (s *Session) Path(name string) string {
	s.NoteName(name)
	if name == "" || name == "-" || filepath.IsAbs(name) || s.Getwd == nil {
		return name
	}
	wd, err := s.Getwd()
	if err != nil || wd == "" {
		return name
	}
	s.NoteName(wd)
	return filepath.Join(wd, name)
}

// getenv is Getenv, or "" for every variable when there is none.
func (s *Session) getenv(key string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(key)
}
