package cli

// Warnings an edit gives about what it changes: a meeting that has taken
// place already, and notes that the change leaves stale. They do not
// stop the edit; -q silences them.

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// warnEdits warns about the events ids, as they were (in old) and are
// (in now): see pastWarning and staleNotes.
func (app *App) warnEdits(old, now *workplan.Plan, ids []string) {
	if app.quiet {
		return
	}
	today, err := app.todayDate()
	if err != nil {
		return
	}
	for _, id := range ids {
		o, n := old.Event(id), now.Event(id)
		if o == nil || n == nil {
			continue
		}
		for _, w := range []string{pastWarning(o, n, today), staleNotes(o, n)} {
			if w != "" {
				_, _ = app.Stderr.Write([]byte(present.Hang("bp: warning: ", "  ", render.Clean(w), 80)))
			}
		}
	}
}

// changedIDs lists the events a change changed (not those it added or
// removed).
func changedIDs(d *plandiff.Diff) []string {
	var ids []string
	for _, e := range d.Events {
		if e.Kind == plandiff.KindChanged {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// pastWarning says, for an event whose last day is before today, that
// its date, place, format or status is being changed: "twg-return-2026
// was due on 6–7 Oct 2026, which has passed; changing its place anyway"
// ("took place" only when the plan says it was held). Recording that it
// was held is what a past meeting is for, and is not warned of.
func pastWarning(o, n *workplan.Event, today time.Time) string {
	if _, last := o.Span(); !last.Before(today) {
		return ""
	}
	var what []string
	if o.Dates() != n.Dates() || o.DateTBC != n.DateTBC {
		what = append(what, "date")
	}
	if o.Location.String() != n.Location.String() {
		what = append(what, "place")
	}
	if o.Format != n.Format {
		what = append(what, "format")
	}
	if o.Status != n.Status && n.Status != workplan.StatusHeld {
		what = append(what, "status")
	}
	if len(what) == 0 {
		return ""
	}
	// what the plan knows of the past: held, or only that its days passed
	on := "on "
	if !o.HasDay() {
		on = "in "
	}
	when := "was due " + on + o.Dates().Text() + ", which has passed"
	switch {
	case o.Status == workplan.StatusHeld || o.Outcome != nil:
		when = "took place " + on + o.Dates().Text()
	case o.Status == workplan.StatusCancelled || o.Status == workplan.StatusPostponed:
		when = "was dated " + o.Dates().Text()
	}
	list := what[0]
	if len(what) > 1 {
		list = strings.Join(what[:len(what)-1], ", ") + " and " + what[len(what)-1]
	}
	return o.ID + " " + when + "; changing its " + list + " anyway"
}

// staleNotes says when a place was chosen among the alternatives (bp
// confirm --choose, bp set --place) and the notes, unchanged, name one
// that is out of the running now ("If held in Iraq, …").
func staleNotes(o, n *workplan.Event) string {
	if o.Location == nil || len(o.Location.Alternatives) == 0 || n.Location != nil && len(n.Location.Alternatives) > 0 || o.Notes == "" || o.Notes != n.Notes {
		return ""
	}
	var chosen workplan.Place
	if n.Location != nil {
		chosen = n.Location.Place
	}
	var named []string
	for _, a := range o.Location.Alternatives {
		for _, w := range []string{a.City, a.Country} {
			if w != "" && w != chosen.City && w != chosen.Country && mentions(o.Notes, w) && !slices.Contains(named, w) {
				named = append(named, w)
			}
		}
	}
	if len(named) == 0 {
		return ""
	}
	return "the notes of " + o.ID + " mention " + strings.Join(named, " and ") +
		", no longer in the running, and may be stale: \"" + o.Notes + "\"; change them with bp set " + o.ID + " --notes TEXT"
}

// mentions reports whether text names word, as a whole word, in any
// case.
func mentions(text, word string) bool {
	t, w := strings.ToLower(text), strings.ToLower(word)
	for i := 0; i+len(w) <= len(t); {
		j := strings.Index(t[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(t[:j])
		after, _ := utf8.DecodeRuneInString(t[j+len(w):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = j + len(w)
	}
	return false
}
