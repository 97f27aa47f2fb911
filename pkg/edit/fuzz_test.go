package edit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

var fuzzToday = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// fuzzPlans are the seed plans: the real one, in both formats, and
// fixtures with comments, anchors, CRLF and every state.
var fuzzPlans = []string{
	"../../testdata/plans/2026-published.yaml",
	"../../testdata/edit/2026-published-format-2.yaml",
	"../../testdata/edit/commented.yaml",
	"../../testdata/status/fixture.yaml",
	"../../testdata/ics/times.yaml",
	"../../testdata/validate/valid-anchors.yaml",
	"../../testdata/validate/valid-bom-crlf.yaml",
	"../../testdata/validate/valid-format-2.yaml",
	"../../testdata/diff/new.yaml",
}

// fuzzChange makes one of the edit commands' changes from the fuzzer's
// values: op picks the command, id the event, a and b are its text.
func fuzzChange(op byte, id, a, b string, n uint8) Change {
	dates, derr := ParseDates(a)
	month, merr := ParseMonth(a)
	pick := func(words []string) string { return words[int(n)%len(words)] }
	switch op % 16 {
	case 0:
		s := EventSpec{ID: b, Title: a, Type: workplan.EventType(pick(workplan.Words(workplan.EventTypes))), Dates: dates}
		if derr != nil {
			s.Dates = workplan.Dates{Start: fuzzToday.AddDate(0, 0, -int(n)), End: fuzzToday.AddDate(0, 0, -int(n))}
		}
		return Add(s)
	case 1:
		return Set(id, Fields{Title: &a})
	case 2:
		if derr != nil {
			return Set(id, Fields{Notes: &a})
		}
		return Set(id, Fields{Dates: &dates})
	case 3:
		if merr != nil {
			return Set(id, Fields{Notes: &b})
		}
		return Set(id, Fields{Dates: &month})
	case 4:
		tm, err := ParseTimes(a)
		if err != nil {
			tm = Times{Start: workplan.ClockAt(10, 0), End: workplan.ClockAt(12, 0)}
		}
		return Set(id, Fields{Times: &tm, TimeZone: &b})
	case 5:
		p, err := ParsePlace(a)
		if err != nil {
			p = workplan.Place{City: a, Country: b}
		}
		return Set(id, Fields{Place: &p})
	case 6:
		st := workplan.Status(pick(workplan.Words(workplan.Statuses)))
		return Set(id, Fields{Status: &st})
	case 7:
		return Set(id, Fields{Notes: &b})
	case 8:
		return Set(id, Fields{Unset: []string{pick(Unsettable), b}[:1+int(n)%2]})
	case 9:
		c := ConfirmSpec{Choose: b}
		if derr == nil {
			c.Dates = &dates
		}
		return Confirm(id, c)
	case 10:
		if derr != nil {
			return Postpone(id, nil, "")
		}
		return Postpone(id, &dates, "")
	case 11:
		return Cancel(id, b)
	case 12:
		return Record(id, OutcomeSpec{Summary: b, Link: a})
	case 13:
		return Remove(id)
	case 14:
		f := workplan.Format(pick(workplan.Words(workplan.Formats)))
		return Set(id, Fields{Format: &f})
	}
	return Confirm(id, ConfirmSpec{})
}

// comments lists the comment lines of a file: those of its top-level
// mapping as the edit engine sees them (yaml.v3's, and those bp fmt reads
// back from the text), and those yaml.v3 gives to the document itself
// rather than to a node of it: above the first key and after the last
// line. The comments of an event removed from the end of the events go
// below the event before it, and read back as the document's: counting
// the mapping's alone would call them lost.
func comments(t *testing.T, data []byte) []string {
	var out []string
	stop := errors.New("stop")
	_, err := yamlfmt.Edit(data, workplan.Schema, func(root *yaml.Node) error {
		out = commentLines(root)
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("cannot read the comments: %v", err)
	}
	text := bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), []byte("\r\n"), []byte("\n"))
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		t.Fatalf("cannot read the document: %v", err)
	}
	own := yaml.Node{HeadComment: doc.HeadComment, FootComment: doc.FootComment}
	return append(out, commentLines(&own)...)
}

// FuzzEdit: any edit command's change on any valid plan gives a valid
// plan (in bp fmt's layout, every comment kept, the revision raised, each
// event changed carrying it), or a refusal; Apply never changes the bytes
// it was given, and never fails with an internal error.
func FuzzEdit(f *testing.F) {
	for _, p := range fuzzPlans {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for op := range byte(16) {
			f.Add(data, op, uint8(op*7), "2026-07-08..2026-07-09", "Baghdad")
		}
		f.Add(data, byte(0), uint8(3), "New event", "new-event")
		f.Add(data, byte(4), uint8(1), "09:00-17:30", "Asia/Kabul")
		f.Add(data, byte(5), uint8(2), "Hall A, Vienna, Austria", "")
		f.Add(data, byte(3), uint8(2), "2026-12", "")
		f.Add(data, byte(12), uint8(5), "https://example.org/r", "Adopted: the # is text")
	}
	f.Fuzz(func(t *testing.T, plan []byte, op byte, n uint8, a, b string) {
		if len(plan) > 64<<10 {
			return
		}
		old, diags := workplan.Check("f.yaml", plan, workplan.DefaultLimits, workplan.Options{Today: fuzzToday})
		if old == nil || workplan.HasErrors(diags) || len(old.Events) == 0 || old.Revised.After(fuzzToday) {
			return // only valid plans, dated before the edit
		}
		id := old.Events[int(n)%len(old.Events)].ID
		if op&0x80 != 0 {
			id = a
		}
		in := bytes.Clone(plan)
		res, err := Apply(Input{File: "f.yaml", Data: in, Today: fuzzToday, Limits: workplan.DefaultLimits}, fuzzChange(op, id, a, b, n))
		if !bytes.Equal(in, plan) {
			t.Fatal("Apply changed the bytes it was given")
		}
		if err != nil {
			if strings.Contains(err.Error(), "please report") {
				t.Fatalf("internal error: %v", err)
			}
			var inv *InvalidError
			if errors.As(err, &inv) && (inv.Before || len(inv.Diagnostics) == 0) {
				t.Fatalf("a valid plan refused as invalid: %v", err)
			}
			return
		}
		if !res.Changed() {
			if !bytes.Equal(res.Data, plan) {
				t.Fatal("no change, but other bytes")
			}
			return
		}
		plan2, diags := workplan.Check("f.yaml", res.Data, workplan.DefaultLimits, workplan.Options{Today: fuzzToday})
		if plan2 == nil || workplan.HasErrors(diags) {
			t.Fatalf("the result is not valid: %v\n%s", diags, res.Data)
		}
		// the plan Apply decoded from the read-back tree is the file's
		if d := plandiff.Compare("tree", res.New, "bytes", plan2); !d.Equal() || res.New.FormatVersion != plan2.FormatVersion {
			t.Fatalf("the plan decoded from the tree differs from the file's: %+v", d)
		}
		for i, e := range plan2.Events {
			if ne := res.New.Events[i]; ne.Revision != e.Revision || !ne.Revised.Equal(e.Revised) || ne.Pos() != e.Pos() {
				t.Fatalf("event %s: tree %d %s %v, bytes %d %s %v", e.ID, ne.Revision, ne.Revised, ne.Pos(), e.Revision, e.Revised, e.Pos())
			}
		}
		if f, err := yamlfmt.Format(res.Data, workplan.Schema); err != nil || !bytes.Equal(f, res.Data) {
			t.Fatalf("the result is not in bp fmt's layout (%v):\n%s", err, res.Data)
		}
		before, after := comments(t, plan), comments(t, res.Data)
		for _, c := range before {
			i := slices.Index(after, c)
			if i < 0 {
				t.Fatalf("comment %q lost:\n%s", c, res.Data)
			}
			after = slices.Delete(after, i, i+1)
		}
		if plan2.Revision != old.Revision+1 || !plan2.Revised.Equal(fuzzToday) {
			t.Fatalf("revision %d of %s after an edit of revision %d", plan2.Revision, plan2.Revised, old.Revision)
		}
		for _, e := range res.Diff.Events {
			if ne := plan2.Event(e.ID); ne != nil && ne.Revision != plan2.Revision {
				t.Fatalf("%s changed but carries revision %d, not %d", e.ID, ne.Revision, plan2.Revision)
			}
		}
	})
}

// TestFuzzSeedsApply: the seeds are not all refusals; most commands get
// through on the real plan.
func TestFuzzSeedsApply(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("../../testdata/edit/2026-published-format-2.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ok := 0
	for op := range byte(16) {
		res, err := Apply(Input{File: "f.yaml", Data: data, Today: fuzzToday, Limits: workplan.DefaultLimits},
			fuzzChange(op, "twg-return-2026", "2026-10-13..2026-10-14", "Baghdad", 1))
		if err == nil && res.Changed() {
			ok++
		}
	}
	if ok < 10 {
		t.Errorf("only %d of 16 commands changed the plan", ok)
	}
}
