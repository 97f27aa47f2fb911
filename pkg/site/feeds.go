package site

import (
	"fmt"
	"strings"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/workplan"
)

// WholePlanFeed is the file name of the feed of every event. Feed
// addresses are public and subscribed to, so it never changes, and no
// group's feed may take it.
const WholePlanFeed = "all.ics"

// Feed is one subscription feed: every event, or one group's.
type Feed struct {
	// File is the feed's file name: all.ics or <group-id>.ics.
	File string
	// Name is the calendar's name as clients show it.
	Name string
	// Group is the group whose events the feed holds; nil for all.ics.
	Group *workplan.Group
	// Calendar is the feed, built.
	Calendar *calendar.Calendar
}

// FeedNameError is the error [Feeds] returns when a group's feed would
// take the file name of another feed: a group with the id "all", or two
// groups whose ids differ only in case (the same file on macOS and
// Windows).
type FeedNameError struct {
	Group string // the group's id
	File  string // the file it would be written to
	Taken string // whose feed the file is already: "the feed of the whole plan"
}

func (e *FeedNameError) Error() string {
	return fmt.Sprintf("group %q would be written to %s, which is %s", e.Group, e.File, e.Taken)
}

// Feeds builds the subscription feeds: all.ics with every event of evs,
// and one <group-id>.ics for each of groups with those of evs that belong
// to it. A feed is named after opts.Name (else plan's title), and a group
// feed after that and the group. It is the one place that says which
// feeds there are and what each holds: `bp ics --feeds` writes them, and
// the site publishes them. Feeds cover every plan year given (events of
// several plans, the groups of all of them), so a subscribed address
// shows next year's meetings too. Every feed is written with
// [calendar.Feed], so a group with nothing planned keeps a valid, empty
// feed: its address is subscribed to and must keep answering. Nothing is
// returned when a name clashes ([*FeedNameError]) or a feed cannot be
// built.
func Feeds(plan *workplan.Plan, groups []*workplan.Group, evs []*workplan.Event, opts calendar.Options) ([]*Feed, error) {
	title := plan.Title
	if opts.Name != "" {
		title = opts.Name
	}
	feeds := []*Feed{{File: WholePlanFeed, Name: title}}
	groupEvents := [][]*workplan.Event{evs}
	owner := map[string]string{strings.ToLower(WholePlanFeed): "the feed of the whole plan"}
	for _, g := range groups {
		file := g.ID + ".ics"
		// Compared without case: on macOS and Windows All.ics is all.ics.
		if prev, ok := owner[strings.ToLower(file)]; ok {
			return nil, &FeedNameError{Group: g.ID, File: file, Taken: prev}
		}
		owner[strings.ToLower(file)] = fmt.Sprintf("the feed of group %q", g.ID)
		var mine []*workplan.Event
		for _, e := range evs {
			for _, id := range e.Groups {
				if id == g.ID {
					mine = append(mine, e)
					break
				}
			}
		}
		feeds = append(feeds, &Feed{File: file, Name: title + " – " + g.Name, Group: g})
		groupEvents = append(groupEvents, mine)
	}
	for i, fd := range feeds {
		o := opts
		o.Name = fd.Name
		cal, err := calendar.Feed(plan, groupEvents[i], o)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fd.File, err)
		}
		fd.Calendar = cal
	}
	return feeds, nil
}
