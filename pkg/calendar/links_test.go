package calendar

import (
	"strings"
	"testing"
)

// TestLinks: an event's join link is a CONFERENCE property (a URI, for
// video and audio, labelled, its label quoted where it holds ',', ';'
// or ':' and without a DQUOTE), its agenda and documents are ATTACH (a
// URI, with the media type its extension says), and every link, the
// registration and the page elsewhere too, is in DESCRIPTION with its
// label; an address is written as it is, '=', ',' and ';' included.
func TestLinks(t *testing.T) {
	plan := loadPlan(t, fixtures+"links.yaml")
	_, data := write(t, plan, Options{})
	checkRFC5545Lines(t, data)
	evs := vevents(data)
	unfold := func(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }
	for _, c := range []struct {
		uid  string
		want []string
		not  []string
	}{
		{"webinar-online@fixture-links", []string{
			"CONFERENCE;FEATURE=VIDEO,AUDIO;LABEL=\"Room 1: main, with 'captions'\";VALUE=URI:https://meet.example.org/j/123?pwd=a=b,c;d\r\n",
			`\nJoin online: Room 1: main\, with "captions" (https://meet.example.org/j/123?pwd=a=b\,c\;d)\nRegistration: https://example.org/register?event=webinar\n`,
		}, []string{"ATTACH"}},
		{"rg-2026-07@fixture-links", []string{
			"CONFERENCE;FEATURE=VIDEO,AUDIO;LABEL=Join online;VALUE=URI:https://meet.example.org/j/456\r\n",
			"ATTACH;FMTTYPE=application/pdf:https://example.org/rg-07/agenda.pdf#page=2\r\nATTACH;FMTTYPE=application/vnd.openxmlformats-officedocument.wordprocessingml.document:https://example.org/docs/Concept-Note.DOCX\r\nATTACH:https://example.org/docs/list\r\n",
			`\nJoin online: https://meet.example.org/j/456\nAgenda: https://example.org/rg-07/agenda.pdf#page=2\nDocuments: Concept note (https://example.org/docs/Concept-Note.DOCX)\nDocuments: The Chair's conclusions\; annexes (https://example.org/docs/list)\nWeb page: https://host.example.org/events/rg-07\n`,
		}, nil},
		{"webinar-cancelled@fixture-links", []string{`\nStatus: Cancelled\nReason: merged into the Senior Officials Meeting\n`}, []string{"CONFERENCE", "ATTACH"}},
		{"twg-postponed@fixture-links", []string{`\nStatus: Postponed\, a new date is to be announced\nReason: the host asked for a later date`}, nil},
	} {
		ev, ok := evs[c.uid]
		if !ok {
			t.Fatalf("no event %s in\n%s", c.uid, data)
		}
		ev = unfold(ev)
		for _, w := range c.want {
			if !strings.Contains(ev, w) {
				t.Errorf("%s lacks %q:\n%s", c.uid, w, ev)
			}
		}
		for _, n := range c.not {
			if strings.Contains(ev, n) {
				t.Errorf("%s has %s:\n%s", c.uid, n, ev)
			}
		}
	}
}

// TestMediaType: the media type of a document comes from the extension
// of its address's path, never from its query, fragment or host.
func TestMediaType(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a.pdf":             "application/pdf",
		"https://example.org/a.PDF?x=1":         "application/pdf",
		"https://example.org/a.pdf#p=2":         "application/pdf",
		"https://example.org/page?f=a.pdf":      "",
		"https://example.pdf":                   "",
		"https://example.org/":                  "",
		"https://example.org/notes.odt":         "application/vnd.oasis.opendocument.text",
		"https://example.org/agenda.html#today": "text/html",
	} {
		if got := mediaType(in); got != want {
			t.Errorf("mediaType(%q) = %q, want %q", in, got, want)
		}
	}
}
