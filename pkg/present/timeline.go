package present

import "strings"

// timeline writes the picture of a year: a row per event, its bar on a
// month-by-month track, and the legend of its marks.
func (h *htmlWriter) timeline(t *Timeline) {
	asOf := t.AsOf >= 0 && t.AsOf <= 1
	var stops []string
	at := 0.0
	for i, m := range t.Months {
		if i > 0 {
			p := pct(at)
			stops = append(stops, "transparent "+p, "#d5d9e0 "+p, "#d5d9e0 calc("+p+" + 1px)", "transparent calc("+p+" + 1px)")
		}
		at += m.Width
	}
	// The track's month lines and the day's line are CSS custom
	// properties that the style sheet reads.
	style := "--grid:linear-gradient(90deg," + strings.Join(stops, ",") + ");"
	if asOf {
		style += "--asof:calc(" + pct(t.AsOf) + " - 1px);"
	}
	h.b = elem(h.b, "\n<div class=\"timeline\" style=\"", style, "\">\n<div class=\"trow head\">\n<div class=\"label\">")
	h.b = escHTML(h.b, clean(t.Label))
	h.b = append(h.b, "</div>\n<div class=\"track\" aria-hidden=\"true\"><div class=\"months\">"...)
	for _, m := range t.Months {
		h.b = append(h.b, "<span style=\"width:"...)
		h.b = escHTML(h.b, pct(m.Width))
		h.b = append(h.b, '"')
		if m.Current {
			h.b = append(h.b, " class=\"now\""...)
		}
		h.b = elem(h.b, "><span class=\"name\">", m.Name, "</span><span class=\"initial\">")
		h.b = escHTML(h.b, m.Initial)
		h.b = append(h.b, "</span></span>"...)
	}
	h.b = append(h.b, "</div>"...)
	if asOf {
		h.b = append(h.b, "<div class=\"asof\"></div>"...)
	}
	h.b = elem(h.b, "</div>\n<div class=\"state\">", clean(t.Right), "</div>\n</div>")
	monthOnly, tbc := h.timelineRows(t.Rows, asOf)
	h.b = append(h.b, "\n</div>"...)
	h.timelineMarks(inToneOrder(monthOnly), inToneOrder(tbc), asOf, t.AsOfText)
}

// timelineRows writes a timeline's bars, and returns the tones of the
// month-only bars and of those whose day or place is TBC.
func (h *htmlWriter) timelineRows(rows []TimelineRow, asOf bool) (monthOnly, tbc []Tone) {
	for _, r := range rows {
		h.use(r.Tone)
		// A bar is at least .6rem wide, so that a one-day event shows;
		// near December it then starts earlier, not past the track. A
		// month-only bar is hatched, not outlined too: one mark for one
		// fact, as the legend shows them.
		text, sub, label, rowTBC := clean(r.Text), clean(r.Sub), clean(r.Label), r.TBC && !r.MonthOnly
		h.b = elem(h.b, "\n<div class=\"trow\">\n<div class=\"label\">", text, "<small>")
		h.b = escHTML(h.b, sub)
		h.b = append(h.b, "</small></div>\n<div class=\"track\"><div class=\"bar t-"...)
		h.b = escHTML(h.b, string(r.Tone))
		if r.MonthOnly {
			h.b = append(h.b, " month-only"...)
		}
		if rowTBC {
			h.b = append(h.b, " tbc"...)
		}
		h.b = elem(h.b, "\" style=\"", "left:min("+pct(r.Start)+",calc(100% - .6rem));width:"+pct(r.Width), "\" title=\"")
		h.b = escHTML(h.b, text)
		h.b = elem(h.b, ": ", sub, ", ")
		h.b = escHTML(h.b, label)
		h.b = append(h.b, "\"></div>"...)
		if asOf {
			h.b = append(h.b, "<div class=\"asof\"></div>"...)
		}
		h.b = elem(h.b, "</div>\n<div class=\"state\"><span class=\"pill t-", string(r.Tone), "\">")
		h.b = escHTML(h.b, label)
		h.b = append(h.b, "</span></div>\n</div>"...)
		switch {
		case r.MonthOnly:
			monthOnly = append(monthOnly, r.Tone)
		case r.TBC:
			tbc = append(tbc, r.Tone)
		}
	}
	return monthOnly, tbc
}

// timelineMarks writes the legend of a timeline's marks.
func (h *htmlWriter) timelineMarks(monthOnly, tbc []Tone, asOf bool, asOfText string) {
	if len(monthOnly) == 0 && len(tbc) == 0 && !asOf {
		return
	}
	h.b = append(h.b, "\n<ul class=\"legend marks\" aria-label=\"Marks on the timeline\">"...)
	for _, m := range []struct {
		tones       []Tone
		class, text string
	}{{monthOnly, " month-only", "only the month is known"}, {tbc, " tbc", "day or place TBC"}} {
		if len(m.tones) == 0 {
			continue
		}
		h.b = append(h.b, "\n<li><span class=\"sws\">"...)
		for _, t := range m.tones {
			h.b = append(h.b, "<span class=\"sw t-"...)
			h.b = escHTML(h.b, string(t))
			h.b = append(h.b, m.class...)
			h.b = append(h.b, "\"></span>"...)
		}
		h.b = append(h.b, "</span>"...)
		h.b = append(h.b, m.text...)
		h.b = append(h.b, "</li>"...)
	}
	if asOf {
		h.b = elem(h.b, "\n<li><span class=\"sw asof-sw\"></span>", clean(asOfText), "</li>")
	}
	h.b = append(h.b, "\n</ul>"...)
}

// inToneOrder returns the known tones of ts, each once, in legend order.
func inToneOrder(ts []Tone) []Tone {
	var out []Tone
	for _, t := range Tones() {
		for _, u := range ts {
			if u == t {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
