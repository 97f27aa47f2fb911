//go:build integration

package calendar_test

import (
	"testing"

	"github.com/icmpd/bp/pkg/calendar"
)

// TestYearOfWorkInterop plays TestYearOfWork's scenes, and after each
// one every client reads the calendar as the interop tests read theirs.
func TestYearOfWorkInterop(t *testing.T) { yearOfWork(t, calendar.ReadByEveryClient) }

// TestYearReplayInterop plays TestYearReplay's scenes, and after each
// one khal, python-icalendar, ical.js and libical read the feeds bp ics
// --feeds writes (all.ics after each scene; every feed after the last),
// with no warning.
func TestYearReplayInterop(t *testing.T) { yearReplay(t, calendar.ReadFeedsByEveryClient) }
