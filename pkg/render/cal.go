package render

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// The marks of `bp cal`, after a day's number in the grid and before a
// meeting in the list under it. A day with several meetings shows the
// first mark of this list that applies.
const (
	MarkMeeting   = '*' // a meeting on a day that is fixed
	MarkTBC       = '?' // the day is still to be confirmed, or the meeting postponed
	MarkCancelled = 'x' // the meeting is cancelled
)

type calMark struct {
	mark byte
	word string
}

// calMarkWords say what each mark means, for the legend, in mark order.
var calMarkWords = []calMark{
	{MarkMeeting, "meeting"},
	{MarkTBC, "day to be confirmed, or postponed"},
	{MarkCancelled, "cancelled"},
}

// ANSI colours of the marks (SGR parameters); today is in reverse video.
var calColours = map[byte]string{
	MarkMeeting:   "1;32", // bold green
	MarkTBC:       "33",   // yellow
	MarkCancelled: "2;9",  // faint, struck through
}

const (
	calMonthWidth = 21 // seven cells of three columns: "24*"
	calGap        = "  "
	calDateWidth  = 14 // "30 Jun – 2 Jul"
	calIndent     = 2 + 1 + 1 + calDateWidth + 2
	calWidth      = 80
)

// Cal writes `bp cal`: the month grid of each month from first (any day
// of the first month) for n months, weeks from Monday as cal(1) draws
// them, three months side by side when there are more than one. A day
// with a meeting carries its mark (MarkMeeting, MarkTBC, MarkCancelled)
// after its number. Under each month (for three months side by side,
// under the row) come its meetings, each with its mark, its days and its
// title; a meeting whose day is not known is listed under its month as
// "day TBC". A legend says what the marks mean, and a last line which day
// is today when today is in the months shown.
//
// With colour, the marked days and marks are coloured and today is in
// reverse video; the text is otherwise the same, byte for byte, as
// without. Every line fits 80 columns.
func Cal(w io.Writer, evs []*workplan.Event, first time.Time, n int, today time.Time, colour bool) error {
	bw := bufio.NewWriter(w)
	first = time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	perRow := 1
	if n > 1 {
		perRow = 3
	}
	used := map[byte]bool{}
	for row := 0; row < n; row += perRow {
		if row > 0 {
			bw.WriteString("\n")
		}
		calRow(bw, evs, first, row, min(row+perRow, n), perRow, today, colour, used)
	}
	var legend []string
	for _, mw := range calMarkWords {
		if used[mw.mark] {
			legend = append(legend, paint(string(mw.mark), calColours[mw.mark], colour)+" "+mw.word)
		}
	}
	last := first.AddDate(0, n, -1)
	if len(legend) > 0 || !today.Before(first) && !today.After(last) {
		bw.WriteString("\n")
	}
	if len(legend) > 0 {
		bw.WriteString(strings.Join(legend, "   ") + "\n")
	}
	if !today.Before(first) && !today.After(last) {
		bw.WriteString("today: " + paint(workplan.WeekdayText(today), "7", colour) + "\n")
	}
	return bw.Flush()
}

// calRow writes the months from first+from to first+to (exclusive) side
// by side, then their meetings, noting the marks used.
func calRow(bw *bufio.Writer, evs []*workplan.Event, first time.Time, from, to, perRow int, today time.Time, colour bool, used map[byte]bool) {
	var months []time.Time
	for i := from; i < to; i++ {
		months = append(months, first.AddDate(0, i, 0))
	}
	grids := make([][]string, len(months))
	lists := make([][]*workplan.Event, len(months))
	for i, m := range months {
		lists[i] = monthEvents(evs, m)
		grids[i] = monthGrid(m, dayMarks(lists[i], m), today, colour)
	}
	writeSideBySide(bw, grids)
	for i, m := range months {
		if len(lists[i]) == 0 {
			if perRow == 1 {
				bw.WriteString("\n  no meetings\n")
			}
			continue
		}
		bw.WriteString("\n")
		if perRow > 1 {
			bw.WriteString(m.Month().String() + "\n")
		}
		for _, e := range lists[i] {
			mark := eventMark(e)
			if mark != ' ' {
				used[mark] = true
			}
			writeCalEvent(bw, e, mark, colour)
		}
	}
}

// monthEvents returns the events that overlap month m: those with days
// in date order, then those whose day is not known, in plan order.
func monthEvents(evs []*workplan.Event, m time.Time) []*workplan.Event {
	last := m.AddDate(0, 1, -1)
	var dated, undated []*workplan.Event
	for _, e := range evs {
		f, l := e.Span()
		if l.Before(m) || f.After(last) {
			continue
		}
		if e.HasDay() {
			dated = append(dated, e)
		} else {
			undated = append(undated, e)
		}
	}
	slices.SortStableFunc(dated, func(a, b *workplan.Event) int { return a.Start.Compare(b.Start) })
	return append(dated, undated...)
}

// eventMark is the mark of an event: ' ' for one without days.
func eventMark(e *workplan.Event) byte {
	switch {
	case !e.HasDay():
		return ' '
	case e.Status == workplan.StatusCancelled:
		return MarkCancelled
	case e.DateTBC || e.Status == workplan.StatusPostponed:
		return MarkTBC
	}
	return MarkMeeting
}

// dayMarks returns the mark of each day of month m that has a meeting,
// by day of the month.
func dayMarks(evs []*workplan.Event, m time.Time) map[int]byte {
	rank := func(b byte) int {
		return slices.IndexFunc(calMarkWords, func(mw calMark) bool { return mw.mark == b })
	}
	marks := map[int]byte{}
	for _, e := range evs {
		mark := eventMark(e)
		if mark == ' ' {
			continue
		}
		for d := e.Start; !d.After(e.End); d = d.AddDate(0, 0, 1) {
			if d.Year() != m.Year() || d.Month() != m.Month() {
				continue
			}
			if old, ok := marks[d.Day()]; !ok || rank(mark) < rank(old) {
				marks[d.Day()] = mark
			}
		}
	}
	return marks
}

// monthGrid returns the lines of month m's grid: its name, the days of
// the week and six weeks, each line calMonthWidth columns wide (before
// colour codes).
func monthGrid(m time.Time, marks map[int]byte, today time.Time, colour bool) []string {
	title := workplan.LongMonthText(m)
	pad := (calMonthWidth - 1 - len(title)) / 2
	lines := []string{strings.Repeat(" ", pad) + title + strings.Repeat(" ", calMonthWidth-pad-len(title)),
		"Mo Tu We Th Fr Sa Su "}
	offset := (int(m.Weekday()) + 6) % 7 // Monday first
	days := m.AddDate(0, 1, -1).Day()
	var b strings.Builder
	b.WriteString(strings.Repeat("   ", offset))
	col := offset
	for d := 1; d <= days; d++ {
		num := fmt.Sprintf("%2d", d)
		mark, marked := marks[d]
		isToday := m.Year() == today.Year() && m.Month() == today.Month() && d == today.Day()
		switch {
		case !colour:
			if !marked {
				mark = ' '
			}
			b.WriteString(num + string(mark))
		case marked && isToday:
			b.WriteString(paint(num, calColours[mark]+";7", true) + paint(string(mark), calColours[mark], true))
		case marked:
			b.WriteString(paint(num+string(mark), calColours[mark], true))
		case isToday:
			b.WriteString(paint(num, "7", true) + " ")
		default:
			b.WriteString(num + " ")
		}
		col++
		if col == 7 {
			lines = append(lines, b.String())
			b.Reset()
			col = 0
		}
	}
	if col > 0 {
		lines = append(lines, b.String()+strings.Repeat("   ", 7-col))
	}
	for len(lines) < 8 {
		lines = append(lines, strings.Repeat(" ", calMonthWidth))
	}
	return lines
}

// writeSideBySide writes month grids next to each other, without the
// blanks at the end of each line; the blank weeks at the end of a single
// month are left out.
func writeSideBySide(w *bufio.Writer, grids [][]string) {
	var lines []string
	for i := range grids[0] {
		var parts []string
		for _, g := range grids {
			parts = append(parts, g[i])
		}
		lines = append(lines, strings.TrimRight(strings.Join(parts, calGap), " "))
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for _, l := range lines {
		w.WriteString(l + "\n")
	}
}

// writeCalEvent writes one meeting under its month: its mark, its days
// and its title and id, wrapped to 80 columns under the title.
func writeCalEvent(w *bufio.Writer, e *workplan.Event, mark byte, colour bool) {
	date := calDate(e)
	text := Clean(e.Title) + " (" + Clean(e.ID) + ")"
	if e.Status == workplan.StatusCancelled || e.Status == workplan.StatusPostponed {
		text += " · " + e.Status.Phrase()
	}
	lines := Wrap(text, calWidth-calIndent)
	pad := calDateWidth - cellsWidth(date)
	w.WriteString("  " + paint(string(mark), calColours[mark], colour && mark != ' ') + " " +
		date + strings.Repeat(" ", max(pad, 0)) + "  " + lines[0] + "\n")
	for _, l := range lines[1:] {
		w.WriteString(strings.Repeat(" ", calIndent) + l + "\n")
	}
}

// calDate is an event's days without the year, which the grid above
// gives: "4 Mar", "25–26 Jun", "30 Jun – 2 Jul", "day TBC".
func calDate(e *workplan.Event) string {
	if !e.HasDay() {
		return "day TBC"
	}
	s, en := e.Start, e.End
	switch {
	case !en.After(s):
		return workplan.DayMonthText(s)
	case s.Month() == en.Month() && s.Year() == en.Year():
		return fmt.Sprintf("%d–%s", s.Day(), workplan.DayMonthText(en))
	default:
		return workplan.DayMonthText(s) + " – " + workplan.DayMonthText(en)
	}
}

// paint wraps s in an ANSI colour when colour is on.
func paint(s, sgr string, colour bool) string {
	if !colour || sgr == "" {
		return s
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}

// cellsWidth is the number of terminal columns s takes.
func cellsWidth(s string) int { return present.Width(s) }
