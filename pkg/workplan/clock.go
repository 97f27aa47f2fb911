package workplan

import (
	"fmt"
	"strings"
)

// Clock is a time of day on a 24-hour clock, as a plan writes it
// ("14:30"). It is parsed once, when the plan is read or a flag is
// given, and compared as a number, never as text. The zero Clock is "no
// time": an event without times.
type Clock struct {
	min int16 // minutes after midnight
	set bool
}

// ClockAt returns the time h:m; h and m must be a real time of day.
func ClockAt(h, m int) Clock {
	if h < 0 || h > 23 || m < 0 || m > 59 {
		panic(fmt.Sprintf("workplan: %d:%d is not a time of day", h, m))
	}
	return Clock{min: int16(h*60 + m), set: true}
}

// ParseClock reads "HH:MM" on a 24-hour clock: two digits, a colon, two
// digits ("09:30", not "9:30").
func ParseClock(s string) (Clock, error) {
	if len(s) == 5 && s[2] == ':' {
		h, ok1 := atoi(s[:2])
		m, ok2 := atoi(s[3:])
		if ok1 && ok2 && h < 24 && m < 60 {
			return ClockAt(h, m), nil
		}
	}
	return Clock{}, fmt.Errorf("%q is not a time: write HH:MM on a 24-hour clock, such as 14:30", s)
}

// IsZero reports whether c is no time at all.
func (c Clock) IsZero() bool { return !c.set }

// Hour returns the hour, 0 to 23.
func (c Clock) Hour() int { return int(c.min) / 60 }

// Minute returns the minute, 0 to 59.
func (c Clock) Minute() int { return int(c.min) % 60 }

// Minutes returns the minutes after midnight.
func (c Clock) Minutes() int { return int(c.min) }

// Before reports whether c is earlier in the day than d.
func (c Clock) Before(d Clock) bool { return c.min < d.min }

// String returns "HH:MM", or "" for the zero Clock.
func (c Clock) String() string {
	if !c.set {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute())
}

// ClockRange returns "10:00–12:00", "10:00" when end is zero, "" when
// start is.
func ClockRange(start, end Clock) string {
	if start.IsZero() {
		return ""
	}
	var b strings.Builder
	b.WriteString(start.String())
	if !end.IsZero() {
		b.WriteString("–")
		b.WriteString(end.String())
	}
	return b.String()
}
