package present

import (
	"math"
	"strconv"
	"strings"
)

// Tone is how a state looks: its colour on a page, its name in a
// legend. Every writer marks a state by its tone in the same way, and an
// HTML page names the tones it uses in a legend.
type Tone string

// The tones: the states of an event as of a day, what the public is
// told of a meeting that took place, and the states of an action.
const (
	NoTone            Tone = ""
	ToneHeld          Tone = "held"
	ToneFollowUp      Tone = "needs-follow-up"
	ToneNow           Tone = "happening-now"
	ToneUpcoming      Tone = "upcoming"
	ToneToConfirm     Tone = "to-be-confirmed"
	ToneOverdue       Tone = "overdue-to-schedule"
	TonePostponed     Tone = "postponed"
	ToneCancelled     Tone = "cancelled"
	ToneTookPlace     Tone = "took-place"
	ToneActionLate    Tone = "action-overdue"
	ToneActionDone    Tone = "action-done"
	ToneActionDropped Tone = "action-dropped"
)

// toneInfo is each tone's legend and colours. Every colour carries its
// ink (white, or dark on yellow) at a contrast of at least 4.5:1, WCAG
// AA for normal text (a test checks it, and axe-core in a browser); the
// states differ in hue, so that none is mistaken for another.
var toneInfo = map[Tone]struct {
	label, colour, ink string
	order              int
}{
	ToneHeld:          {"Held", "#1b7f3b", "#fff", 0},
	ToneTookPlace:     {"Took place", "#1b7f3b", "#fff", 1},
	ToneFollowUp:      {"Needs follow-up", "#b45309", "#fff", 2},
	ToneNow:           {"Happening now", "#0e7490", "#fff", 3},
	ToneUpcoming:      {"Upcoming", "#4338ca", "#fff", 4},
	ToneToConfirm:     {"To be confirmed", "#e0b000", "#2b2100", 5},
	ToneOverdue:       {"Overdue to schedule", "#be123c", "#fff", 6},
	TonePostponed:     {"Postponed", "#a21caf", "#fff", 7},
	ToneCancelled:     {"Cancelled", "#57534e", "#fff", 8},
	ToneActionLate:    {"Action overdue", "#be123c", "#fff", 9},
	ToneActionDone:    {"Action done", "#1b7f3b", "#fff", 10},
	ToneActionDropped: {"Action dropped", "#57534e", "#fff", 11},
}

// Tones lists the tones in legend order.
func Tones() []Tone {
	out := make([]Tone, len(toneInfo))
	for t, i := range toneInfo {
		out[i.order] = t
	}
	return out
}

// Label returns the tone's name in a legend: "Needs follow-up".
func (t Tone) Label() string { return toneInfo[t].label }

// Colour returns the tone's colour, "#1b7f3b"; "" for no tone.
func (t Tone) Colour() string { return toneInfo[t].colour }

// Ink returns the colour of text on the tone's colour.
func (t Tone) Ink() string { return toneInfo[t].ink }

// toneCSS is the tones' part of the style sheet: a .t-<tone> class per
// tone that sets --c (the colour) and --on (the colour of text on it), so that a pill, a card's
// edge, a bar and a legend swatch of one state look alike.
func toneCSS() string {
	var b strings.Builder
	for _, t := range Tones() {
		b.WriteString(".t-" + string(t) + " { --c: " + t.Colour() + "; --on: " + t.Ink() + "; }\n")
	}
	return b.String()
}

// contrast returns the WCAG contrast ratio of two colours "#rrggbb".
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
