package workplan

import (
	"slices"
	"testing"
)

// TestVocabulary: every word of every list has a label and a phrase in
// the one table, the table holds nothing else, no two words of one list
// read alike, and the schema enumerates the same ids in the same order.
func TestVocabulary(t *testing.T) {
	seen := 0
	check := func(name string, ids []string, labels, phrases []string, schemaEnum []string) {
		t.Run(name, func(t *testing.T) {
			for i, id := range ids {
				if labels[i] == "" || phrases[i] == "" {
					t.Errorf("%s %q has no label or phrase in the table", name, id)
				}
				if labels[i] == id {
					t.Errorf("%s %q: its label is its id", name, id)
				}
			}
			for _, words := range [][]string{labels, phrases} {
				for i, w := range words {
					if j := slices.Index(words, w); j != i {
						t.Errorf("%s %q and %q both read %q", name, ids[j], ids[i], w)
					}
				}
			}
			if !slices.Equal(schemaEnum, ids) {
				t.Errorf("schema enumerates %q, the list %q", schemaEnum, ids)
			}
		})
		seen += len(ids)
	}
	var l, p []string
	for _, w := range EventTypes {
		l, p = append(l, w.Label()), append(p, w.Phrase())
	}
	check("type", Words(EventTypes), l, p, eventObject.Field("type").Enum)
	l, p = nil, nil
	for _, w := range Statuses {
		l, p = append(l, w.Label()), append(p, w.Phrase())
	}
	check("status", Words(Statuses), l, p, eventObject.Field("status").Enum)
	l, p = nil, nil
	for _, w := range Formats {
		l, p = append(l, w.Label()), append(p, w.Phrase())
	}
	check("format", Words(Formats), l, p, eventObject.Field("format").Enum)
	l, p = nil, nil
	for _, w := range GroupKinds {
		l, p = append(l, w.Label()), append(p, w.Phrase())
	}
	check("kind", Words(GroupKinds), l, p, groupObject.Field("kind").Enum)
	l, p = nil, nil
	for _, w := range ActionStates {
		l, p = append(l, w.Label()), append(p, w.Phrase())
	}
	check("state", Words(ActionStates), l, p, actionObject.Field("state").Enum)
	if seen != len(terms) {
		t.Errorf("the lists hold %d words, the label table %d: a word is missing from a list", seen, len(terms))
	}
}

// TestLabelUnknown: a word outside the table (from a plan that failed
// validation) reads as itself, and no format reads as "".
func TestLabelUnknown(t *testing.T) {
	if got := EventType("gala").Label(); got != "gala" {
		t.Errorf("unknown type reads %q", got)
	}
	if got := Format("").Label(); got != "" {
		t.Errorf("no format reads %q", got)
	}
	// The same id in two vocabularies is two words.
	if TypeReferenceGroup.Label() == GroupReferenceGroup.Label() {
		t.Errorf("event type and group kind reference-group share the label %q", GroupReferenceGroup.Label())
	}
}
