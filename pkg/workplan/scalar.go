package workplan

// Scalar values, read by the kind their field has in the Schema.

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// A value is a scalar read by its field's kind: the one of s, n, b or t
// that the kind fills. ok is false when the value was wrong and reported;
// the value is then what the field gets anyway (zero, or the unknown
// time zone's name, so that the validator does not also call it
// missing).
type value struct {
	s  string    // string, text, id, ref, enum, time zone, URL
	c  Clock     // time
	n  int       // int
	b  bool      // bool
	t  time.Time // date, month
	ok bool
}

// scalar reads the scalar v by the kind of its field f, reporting what is
// wrong with it as the object c's.
func (d *decoder) scalar(c ctx, f *Field, v *yaml.Node) value {
	var x value
	switch f.Kind {
	case KindString:
		x.s, x.ok = d.line(c, f, v), true
	case KindText:
		x.s, x.ok = strings.TrimSpace(v.Value), true
	case KindInt:
		x.n, x.ok = d.intValue(c, f, v)
	case KindBool:
		x.b, x.ok = d.boolValue(c, f, v)
	case KindDate:
		x.t, x.ok = d.dateValue(c, f, v)
	case KindMonth:
		x.t, x.ok = d.monthValue(c, f, v)
	case KindDue:
		// a month is seven characters, a day ten: s keeps which
		switch len(v.Value) {
		case 7:
			x.t, x.ok = d.monthValue(c, f, v)
		case 10:
			x.t, x.ok = d.dateValue(c, f, v)
		default:
			d.errorf(posOf(v), "date", "write a day as YYYY-MM-DD (2026-04-30), or a month as YYYY-MM (2026-04)",
				"%s: %q is not a day or a month: %q", c, f.Key, v.Value)
		}
		x.s = v.Value
	case KindTime:
		x.c, x.ok = d.timeValue(c, f, v)
	case KindID, KindRef:
		if x.ok = d.checkID(c, f, v); x.ok {
			x.s = v.Value
		}
	case KindEnum:
		x.s, x.ok = d.enumValue(c, f, v)
	case KindTimeZone:
		x.s, x.ok = d.zone(c, f, v)
	case KindURL:
		x.s = d.urlValue(c, f, v)
		x.ok = x.s != ""
	case KindHTTPS:
		if err := CheckHTTPS(v.Value); err != nil {
			d.errorf(posOf(v), "link", "write the full https address, such as https://www.budapestprocess.org/…",
				"%s: %q: %v", c, f.Key, err)
		} else {
			x.s, x.ok = v.Value, true
		}
	default:
		panic("workplan: " + f.Key + " is not a scalar")
	}
	return x
}

// stringList reads a list of scalars (partners, groups): the items as
// written, refs checked as ids.
func (d *decoder) stringList(c ctx, f *Field, v *yaml.Node) []string {
	ref := f.Elem.Kind == KindRef
	out := make([]string, 0, len(v.Content))
	for _, n := range v.Content {
		if n = d.deref(n); n == nil {
			return out
		}
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.errorf(posOf(n), "type", "write "+f.Key+": [a, b], each item a plain word or quoted text",
				"%s: each item of %q must be a single value, got %s", c, f.Key, kindName(n))
			continue
		}
		if ref && !d.checkID(c, f, n) {
			continue
		}
		out = append(out, n.Value)
	}
	return out
}

// line reads one-line text; a line break in a title breaks calendars.
func (d *decoder) line(c ctx, f *Field, n *yaml.Node) string {
	s := strings.TrimSpace(n.Value)
	if strings.ContainsAny(s, "\r\n") {
		d.errorf(posOf(n), "type", "use purpose or notes for longer text", "%s: %q must be one line", c, f.Key)
		s = strings.Join(strings.Fields(s), " ")
	}
	if s == "" {
		if f.Required {
			d.errorf(posOf(n), "required", requiredHint(f), "%s: %q is empty", c, f.Key)
		}
	}
	return s
}

func (d *decoder) intValue(c ctx, f *Field, n *yaml.Node) (int, bool) {
	i, err := strconv.Atoi(n.Value)
	if n.Tag != "!!int" || err != nil {
		d.errorf(posOf(n), "type", "write the number in digits, without quotes",
			"%s: %q must be a whole number, got %q", c, f.Key, n.Value)
		return 0, false
	}
	if i < f.Min {
		d.errorf(posOf(n), "type", "", "%s: %q must be at least %d, got %d", c, f.Key, f.Min, i)
		return 0, false
	}
	return i, true
}

func (d *decoder) boolValue(c ctx, f *Field, n *yaml.Node) (bool, bool) {
	if n.Tag != "!!bool" {
		d.errorf(posOf(n), "type", "write true or false", "%s: %q must be true or false, got %q", c, f.Key, n.Value)
		return false, false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
}

// dateValue reads YYYY-MM-DD, rejecting days a month does not have.
func (d *decoder) dateValue(c ctx, f *Field, n *yaml.Node) (time.Time, bool) {
	s := n.Value
	y, m, day, ok := splitDate(s)
	if !ok {
		d.errorf(posOf(n), "date", "write dates as YYYY-MM-DD, such as 2026-06-25",
			"%s: %q is not a date: %q", c, f.Key, s)
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || day < 1 || t.Day() != day {
		why := "there is no month " + strconv.Itoa(m)
		if m >= 1 && m <= 12 {
			last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			why = time.Month(m).String() + " " + strconv.Itoa(y) + " has " + strconv.Itoa(last) + " days"
		}
		d.errorf(posOf(n), "date", "check the day and month: dates are YYYY-MM-DD",
			"%s: %q is an impossible date %s: %s", c, f.Key, s, why)
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) > 0
}

func (d *decoder) monthValue(c ctx, f *Field, n *yaml.Node) (time.Time, bool) {
	s := n.Value
	t, err := ParseYearMonth(s)
	if err != nil || s != strings.TrimSpace(s) {
		d.errorf(posOf(n), "date", "write the month as YYYY-MM, such as 2026-05",
			"%s: %q is not a month: %q", c, f.Key, s)
		return time.Time{}, false
	}
	return t, true
}

func (d *decoder) timeValue(c ctx, f *Field, n *yaml.Node) (Clock, bool) {
	t, err := ParseClock(n.Value)
	if err != nil {
		d.errorf(posOf(n), "date", "write times as HH:MM on a 24-hour clock, in quotes: \"14:30\"",
			"%s: %q is not a time: %q", c, f.Key, n.Value)
		return Clock{}, false
	}
	return t, true
}

func isID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' && i > 0) {
			return false
		}
	}
	return true
}

func (d *decoder) checkID(c ctx, f *Field, n *yaml.Node) bool {
	if isID(n.Value) {
		return true
	}
	key := f.Key
	if key == "" {
		key = "id"
	}
	d.errorf(posOf(n), "id-format", "use lowercase letters, digits and dashes (at most 64), such as "+strconv.Quote(slug(n.Value)),
		"%s: %s: %q is not a valid id", c, key, n.Value)
	return false
}

func (d *decoder) enumValue(c ctx, f *Field, n *yaml.Node) (string, bool) {
	for _, w := range f.Enum {
		if n.Value == w {
			return w, true
		}
	}
	hint := "one of: " + strings.Join(f.Enum, ", ")
	if s := suggest(n.Value, f.Enum); s != "" {
		hint = "did you mean " + strconv.Quote(s) + "? " + hint
	}
	d.errorf(posOf(n), "enum", hint, "%s: unknown %s %q", c, f.Key, n.Value)
	return "", false
}

func (d *decoder) zone(c ctx, f *Field, n *yaml.Node) (string, bool) {
	name := n.Value
	if d.zones == nil {
		d.zones = map[string]error{}
	}
	err, cached := d.zones[name]
	if !cached {
		err = CheckZone(name)
		d.zones[name] = err
	}
	if err != nil {
		d.errorf(posOf(n), "timezone", ZoneHint, "%s: %v", c, err)
	}
	return name, err == nil
}

func (d *decoder) urlValue(c ctx, f *Field, n *yaml.Node) string {
	u, err := url.Parse(n.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		d.errorf(posOf(n), "type", "write a full address, such as https://www.budapestprocess.org/...",
			"%s: %q must be an http(s) URL, got %q", c, f.Key, n.Value)
		return ""
	}
	return n.Value
}
