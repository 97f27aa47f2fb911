package edit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

// NextYear writes the plan of year, started from base, the plan of
// another year (bp new), in bp fmt's layout:
//
//   - the plan's id and title for year (base's year in them replaced,
//     else the year added);
//   - chair, co-chair, secretariat, time zone and groups carried over;
//   - the framework's year advanced while year is inside its range, else
//     left out;
//   - no summary, products, milestones or events: they belong to a year;
//   - revision 1, revised today.
//
// A comment at the top lists what to review; baseName names base's file
// there. modeline, when not "", is the file's first line: the editor's
// schema line of base's file ("# yaml-language-server: $schema=…").
// What is written is not validated here: the caller checks it with the
// plans of the set.
func NextYear(base *workplan.Plan, year int, today time.Time, modeline, baseName string) ([]byte, error) {
	y := strconv.Itoa(year)
	review := []string{
		fmt.Sprintf(" The plan of %d, started on %s with `bp new %d`", year, workplan.ISODay(today), year),
		fmt.Sprintf(" from %s. Review before publishing:", baseName),
		"   - plan: id and title (the year replaced); chair, coChair and",
		fmt.Sprintf("     secretariat, carried over from %d", base.Year),
	}
	var framework *yaml.Node
	if fw := base.Framework; fw != nil {
		if fw.Start == 0 || fw.End == 0 || (year >= fw.Start && year <= fw.End) {
			n := fw.Year
			switch {
			case fw.Start != 0:
				n = year - fw.Start + 1
			case fw.Year != 0:
				n = fw.Year + year - base.Year
			}
			framework = Map(pair("name", Str(fw.Name)), pair("start", optInt(fw.Start)), pair("end", optInt(fw.End)),
				pair("year", optInt(max(n, 0))))
			review = append(review, fmt.Sprintf("   - plan.framework: %s, now its year %d", fw.Name, n))
		} else {
			review = append(review, fmt.Sprintf("   - plan.framework: %s ended in %d;", fw.Name, fw.End),
				fmt.Sprintf("     add the framework %d implements", year))
		}
	}
	review = append(review,
		"   - plan.summary: what the year is about",
		fmt.Sprintf("   - groups: carried over from %d; remove those that no longer meet", base.Year),
		"   - products and milestones: those of the new year",
		"   - events: the meetings, each with an id of its own (never one of an",
		"     earlier year: calendar UIDs derive from it)",
		" Check with: bp validate",
	)
	plan := Map(
		pair("id", Str(withYear(base.ID, base.Year, year, func(s string) string { return s + "-" + y }))),
		pair("title", Str(withYear(base.Title, base.Year, year, func(s string) string { return s + " " + y }))),
		pair("year", Int(year)),
		pair("revision", Int(1)),
		pair("revised", Date(today)),
		pair("timezone", optStr(base.TimeZone)),
		pair("framework", framework),
		pair("chair", optStr(base.Chair)),
		pair("coChair", optStr(base.CoChair)),
		pair("secretariat", optStr(base.Secretariat)),
	)
	var groups *yaml.Node
	for _, g := range base.Groups {
		if groups == nil {
			groups = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		}
		groups.Content = append(groups.Content, Map(pair("id", Str(g.ID)), pair("name", Str(g.Name)),
			pair("kind", Str(string(g.Kind))), pair("topic", optStr(g.Topic))))
	}
	head := "#" + strings.Join(review, "\n#")
	if modeline != "" {
		head = modeline + "\n" + head
	}
	return newFile(head, Map(
		pair("formatVersion", Int(workplan.FormatVersion)),
		pair("plan", plan),
		pair("groups", groups),
		pair("events", List(nil)),
	))
}

// newFile writes a new plan file whose document is root, with the
// comment head at its top, in bp fmt's layout.
func newFile(head string, root *yaml.Node) ([]byte, error) {
	if len(root.Content) > 0 {
		root.Content[0].HeadComment = head
	}
	data, err := yaml.Marshal(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}})
	if err != nil {
		return nil, err
	}
	return yamlfmt.Format(data, workplan.Schema)
}

// withYear replaces the year from in s by to; when s does not hold it,
// add(s) is used instead.
func withYear(s string, from, to int, add func(string) string) string {
	f := strconv.Itoa(from)
	if strings.Contains(s, f) {
		return strings.ReplaceAll(s, f, strconv.Itoa(to))
	}
	return add(s)
}

func pair(key string, v *yaml.Node) KeyValue { return KeyValue{Key: key, Value: v} }

// optStr is a text, or nil (no key: see Map) for "".
func optStr(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return Str(s)
}

// optInt is a number, or nil (no key: see Map) for 0.
func optInt(n int) *yaml.Node {
	if n == 0 {
		return nil
	}
	return Int(n)
}
