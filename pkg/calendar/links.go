package calendar

// An event's links as calendar properties: the join link as CONFERENCE
// (RFC 7986), the agenda and documents as ATTACH (RFC 5545). Every link
// is also in DESCRIPTION, through the event's facts: few clients show
// these properties.

import (
	"io"
	"path"
	"sort"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// The properties an event's links become.
const (
	propConference = "CONFERENCE"
	propAttach     = string(ics.ComponentPropertyAttach)
)

// setLinks adds the event's join links as CONFERENCE (a URI, for video
// and audio, labelled) and its agenda and documents as ATTACH (a URI,
// with its media type when the address's extension says it), in the
// order of the event's facts.
func setLinks(ev *ics.VEvent, e *workplan.Event) {
	for _, k := range workplan.LinkKinds {
		for _, l := range e.Links {
			if l.Kind != k {
				continue
			}
			switch k {
			case workplan.LinkJoin:
				label := l.Label
				if label == "" {
					label = present.LinkLabel(k)
				}
				ev.Properties = append(ev.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
					IANAToken: propConference,
					ICalParameters: map[string][]string{
						"VALUE":   {"URI"},
						"FEATURE": {"VIDEO", "AUDIO"},
						"LABEL":   {line(label)},
					},
					Value: l.URL,
				}})
			case workplan.LinkAgenda, workplan.LinkDocuments:
				p := ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: propAttach, ICalParameters: map[string][]string{}, Value: l.URL}}
				if t := mediaType(l.URL); t != "" {
					p.ICalParameters["FMTTYPE"] = []string{t}
				}
				ev.Properties = append(ev.Properties, p)
			}
		}
	}
}

// mediaTypes are the media types of the documents a meeting publishes,
// by extension: bp's own table, not the system's (which differs from one
// machine to the next, and a calendar must be the same everywhere).
var mediaTypes = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".txt":  "text/plain",
	".htm":  "text/html",
	".html": "text/html",
}

// mediaType is the media type of the document at the https address u,
// by the extension of its path; "" when it does not say.
func mediaType(u string) string {
	rest := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "HTTPS://")
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	_, p, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	return mediaTypes[strings.ToLower(path.Ext(p))]
}

// writeLinkProperty writes a CONFERENCE or ATTACH property: its value a
// URI, as it is (not escaped as TEXT), and each parameter value that
// holds a ',', ';' or ':' in DQUOTEs, as RFC 5545 §3.2 wants it
// (golang-ical escapes them with backslashes, which no parser reads;
// a DQUOTE cannot be quoted, so it becomes a single quote).
func writeLinkProperty(w io.Writer, p ics.IANAProperty, cfg *ics.SerializationConfiguration) error {
	var b strings.Builder
	b.WriteString(p.IANAToken)
	keys := make([]string, 0, len(p.ICalParameters))
	for k := range p.ICalParameters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(";" + k + "=")
		for i, v := range p.ICalParameters[k] {
			if i > 0 {
				b.WriteByte(',')
			}
			v = strings.ReplaceAll(line(v), `"`, "'")
			if strings.ContainsAny(v, ",;:") {
				v = `"` + v + `"`
			}
			b.WriteString(v)
		}
	}
	b.WriteString(":" + p.Value)
	return writeFolded(w, b.String(), cfg)
}
