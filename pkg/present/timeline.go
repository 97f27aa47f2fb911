package present

import (
	"html/template"
	"strings"
)

// htimeline is a [Timeline] as the template draws it.
type htimeline struct {
	Label, Right string
	Months       []htmonth
	Rows         []htrow
	// Style sets the track's month lines and the day's line (CSS custom
	// properties the style sheet reads).
	Style     template.CSS
	AsOf      bool
	AsOfText  string
	MonthOnly []Tone // the tones of the month-only bars, for the legend
	TBC       []Tone // the tones of the bars whose day or place is TBC
}

type htmonth struct {
	Name, Initial string
	Width         template.CSS
	Current       bool
}

type htrow struct {
	Text, Sub, Label string
	Tone             Tone
	Bar              template.CSS
	MonthOnly, TBC   bool
}

func (h *htmlWriter) timeline(t *Timeline) *htimeline {
	v := &htimeline{Label: clean(t.Label), Right: clean(t.Right), AsOf: t.AsOf >= 0 && t.AsOf <= 1, AsOfText: clean(t.AsOfText)}
	var stops []string
	at := 0.0
	for i, m := range t.Months {
		v.Months = append(v.Months, htmonth{Name: m.Name, Initial: m.Initial, Width: template.CSS("width:" + pct(m.Width)), Current: m.Current})
		if i > 0 {
			p := pct(at)
			stops = append(stops, "transparent "+p, "#d5d9e0 "+p, "#d5d9e0 calc("+p+" + 1px)", "transparent calc("+p+" + 1px)")
		}
		at += m.Width
	}
	style := "--grid:linear-gradient(90deg," + strings.Join(stops, ",") + ");"
	if v.AsOf {
		style += "--asof:calc(" + pct(t.AsOf) + " - 1px);"
	}
	v.Style = template.CSS(style)
	monthOnly, tbc := map[Tone]bool{}, map[Tone]bool{}
	for _, r := range t.Rows {
		h.use(r.Tone)
		// A bar is at least .6rem wide, so that a one-day event shows;
		// near December it then starts earlier, not past the track. A
		// month-only bar is hatched, not outlined too: one mark for one
		// fact, as the legend shows them.
		v.Rows = append(v.Rows, htrow{
			Text: clean(r.Text), Sub: clean(r.Sub), Label: clean(r.Label), Tone: r.Tone,
			Bar:       template.CSS("left:min(" + pct(r.Start) + ",calc(100% - .6rem));width:" + pct(r.Width)),
			MonthOnly: r.MonthOnly, TBC: r.TBC && !r.MonthOnly,
		})
		if r.MonthOnly {
			monthOnly[r.Tone] = true
		} else if r.TBC {
			tbc[r.Tone] = true
		}
	}
	for _, tone := range Tones() {
		if monthOnly[tone] {
			v.MonthOnly = append(v.MonthOnly, tone)
		}
		if tbc[tone] {
			v.TBC = append(v.TBC, tone)
		}
	}
	return v
}
