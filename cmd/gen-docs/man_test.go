package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/cli"
	"github.com/icmpd/bp/pkg/manual"
)

// TestManPages: a page for bp, for every command and subcommand, and for
// every topic of the manual; the same tree and date give the same bytes;
// a topic's tables are lists (a man page does not wrap table cells).
func TestManPages(t *testing.T) {
	date := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	dir := filepath.Join(t.TempDir(), "man")
	if err := ManPages(dir, date); err != nil {
		t.Fatal(err)
	}
	want := []string{"bp.1"}
	for _, c := range cli.CommandTree().Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		want = append(want, "bp-"+c.Name()+".1")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				want = append(want, "bp-"+c.Name()+"-"+sub.Name()+".1")
			}
		}
	}
	for _, n := range manual.Names() {
		want = append(want, "bp-"+n+".7")
	}
	first := map[string][]byte{}
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no page %s: %v", name, err)
			continue
		}
		first[name] = data
		if !bytes.Contains(data, []byte(".TH ")) || !bytes.Contains(data, []byte("Dec 2026")) {
			t.Errorf("%s has no .TH header with the date:\n%.300s", name, data)
		}
		if strings.HasSuffix(name, ".7") && (bytes.Contains(data, []byte(".TS")) || bytes.Contains(data, []byte("]("))) {
			t.Errorf("%s keeps a table or a Markdown link:\n%s", name, data)
		}
	}
	// again, over the pages written before: the same bytes
	if err := ManPages(dir, date); err != nil {
		t.Fatal(err)
	}
	for name, data := range first {
		again, _ := os.ReadFile(filepath.Join(dir, name))
		if !bytes.Equal(again, data) {
			t.Errorf("%s differs from one run to the next", name)
		}
	}
	// a directory with anything else in it is refused, untouched
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ManPages(dir, date); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("ManPages over a directory with notes.txt: %v, want a refusal naming it", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(data) != "mine" {
		t.Error("notes.txt was changed")
	}
}
