package workplan_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/workplan"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"turkiye", "turkiye"},
		{"Türkiye", "turkiye"},
		{"TURKIYE", "turkiye"},
		{"TÜRKİYE", "turkiye"},       // capital dotted İ
		{"Türki\u0307ye", "turkiye"}, // a combining dot typed apart
		{"İstanbul", "istanbul"},
		{"ıstanbul", "istanbul"}, // dotless ı
		{"ISTANBUL", "istanbul"},
		{"Straße", "strasse"},
		{"STRASSE", "strasse"},
		{"Łódź", "lodz"},
		{"Ærøskøbing", "aeroskobing"},
		{"Þórshöfn", "thorshofn"},
		{"Đakovo", "dakovo"},
		{"Bucureşti", "bucuresti"}, // s with cedilla
		{"București", "bucuresti"}, // s with comma below
		{"Hà Nội", "ha noi"},
		{"Ŀlobregat", "llobregat"},
		{"ﬁle", "file"}, // ligature
		{"ＡＢＣ", "abc"},  // full-width
		{"2025–2030", "2025-2030"},
		{"“Reintegration is complicated”", `"reintegration is complicated"`},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Σίσυφος", "σισυφοσ"}, // Greek: accents go, final sigma folds
		{"Москва", "москва"},
		{"東京", "東京"},
	} {
		if got := workplan.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func loadPublished(t *testing.T) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile("../../testdata/plans/2026-published.yaml")
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Parse("2026-published.yaml", data, workplan.Limits{})
	if plan == nil || workplan.HasErrors(diags) {
		t.Fatalf("published plan: %v", diags)
	}
	return plan
}

func ids(evs []*workplan.Event) []string {
	out := []string{}
	for _, e := range evs {
		out = append(out, e.ID)
	}
	return out
}

// TestSearchPublished: what staff type finds what they mean in the plan
// as published, whatever the case, accents and spelling of the country.
func TestSearchPublished(t *testing.T) {
	plan := loadPublished(t)
	turkiye := []string{"syria-thematic-meeting", "twg-law-enforcement-2026", "twg-return-2026"}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Türkiye", turkiye},
		{"türkiye", turkiye},
		{"turkiye", turkiye},
		{"TURKIYE", turkiye},
		{"TÜRKİYE", turkiye},
		{"turkey", turkiye}, // the English exonym
		{"Turkey", turkiye},
		{"  TURKEY ", turkiye},
		{"istanbul", []string{"twg-return-2026"}},
		{"İstanbul", []string{"twg-return-2026"}},
		{"ISTANBUL", []string{"twg-return-2026"}},
		{"Istanbul, Turkey", nil}, // one text: the city and country are fields apart
		{"iraq", []string{"twg-return-2026"}},
		{"prague", []string{"webinar-skills-partnerships"}},
		// a group's name: twg-return-2026's title says "Group Meeting on Return"
		{"group on return", []string{"webinar-reintegration", "twg-return-2026"}},
		{"som-2026", []string{"som-2026"}},
		// type, format and group ids are not searched
		{"online", nil},
		{"in-person", nil},
		{"reference-group", nil},
		{"twg-return", []string{"twg-return-2026"}}, // its id; not the webinar of group twg-return
		{"nowhere", nil},
	} {
		got := ids(plan.Select(workplan.Filter{Text: tc.text}))
		if !slices.Equal(got, append([]string{}, tc.want...)) {
			t.Errorf("search %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// searchFixture gives each searched field of one event a word of its own,
// and each field that is not searched one too.
const searchFixture = `formatVersion: 1
plan:
  id: search
  title: Search
  year: 2026
  revision: 1
  revised: 2026-01-01
groups:
  - id: grpid
    name: Groupname Body
    kind: reference-group
products:
  - id: prodid
    title: Producttitle Paper
events:
  - id: the-event
    title: Titleword
    type: webinar
    groups: [grpid]
    start: 2026-03-04
    format: online
    status: held
    location:
      venue: Venueword Hall
      city: Cityword
      country: Countryword
    partners: [Partnerword]
    product: prodid
    purpose: Purposeword.
    notes: Noteword.
    outcome:
      summary: Outcomeword.
      recorded: 2026-03-05
  - id: other
    title: Other
    type: reference-group
    groups: [grpid]
    month: 2026-04
    status: planned
    location:
      alternatives:
        - city: Altcity
          country: Altcountry
        - venue: Altvenue
          city: Secondcity
          country: Secondcountry
`

// TestSearchFields: the search looks in exactly the fields SearchFields
// names.
func TestSearchFields(t *testing.T) {
	plan, diags := workplan.Parse("search.yaml", []byte(searchFixture), workplan.Limits{})
	if plan == nil || workplan.HasErrors(diags) {
		t.Fatalf("fixture: %v", diags)
	}
	for _, tc := range []struct {
		text  string
		field string // as SearchFields names it; "" for a field not searched
		want  []string
	}{
		{"the-event", "id", []string{"the-event"}},
		{"titleword", "title", []string{"the-event"}},
		{"purposeword", "purpose", []string{"the-event"}},
		{"noteword", "notes", []string{"the-event"}},
		{"outcomeword", "outcome", []string{"the-event"}},
		{"venueword", "venue", []string{"the-event"}},
		{"cityword", "city", []string{"the-event"}},
		{"countryword", "country", []string{"the-event"}},
		{"altcity", "alternative", []string{"other"}},
		{"altcountry", "alternative", []string{"other"}},
		{"altvenue", "alternative", []string{"other"}},
		{"secondcountry", "alternative", []string{"other"}},
		{"partnerword", "partners", []string{"the-event"}},
		{"groupname", "group names", []string{"the-event", "other"}},
		{"producttitle", "product title", []string{"the-event"}},
		{"grpid", "", nil},
		{"prodid", "", nil},
		{"webinar", "", nil},
		{"online", "", nil},
		{"held", "", nil},
		{"reference", "", nil},
		{"tbc", "", nil},
	} {
		got := ids(plan.Select(workplan.Filter{Text: tc.text}))
		if !slices.Equal(got, append([]string{}, tc.want...)) {
			t.Errorf("search %q (%s) = %q, want %q", tc.text, tc.field, got, tc.want)
		}
		if tc.field != "" && !strings.Contains(workplan.SearchFields, tc.field) {
			t.Errorf("SearchFields does not name %q, which the search looks in", tc.field)
		}
	}
}

// TestExonyms: each pair is two different names, folds apart, and finds
// the other in both directions.
func TestExonyms(t *testing.T) {
	for _, x := range workplan.Exonyms {
		if workplan.Fold(x.Name) == workplan.Fold(x.Exonym) {
			t.Errorf("%q and %q fold alike: not an exonym pair", x.Name, x.Exonym)
		}
		for _, pair := range [][2]string{{x.Name, x.Exonym}, {x.Exonym, x.Name}} {
			plan, _ := workplan.Parse("x.yaml", []byte(`formatVersion: 1
plan: {id: x, title: X, year: 2026, revision: 1, revised: 2026-01-01}
events:
  - {id: e, title: "Meeting in `+pair[0]+`", type: webinar, start: 2026-03-04, status: planned}
`), workplan.Limits{})
			if plan == nil || len(plan.Events) != 1 {
				t.Fatalf("fixture for %q does not parse", pair[0])
			}
			if got := plan.Select(workplan.Filter{Text: strings.ToUpper(pair[1])}); len(got) != 1 {
				t.Errorf("a search for %q does not find %q", strings.ToUpper(pair[1]), plan.Events[0].Title)
			}
		}
	}
}

// latin reports whether r is a letter Fold promises to spell in ASCII:
// Latin-1, Latin Extended-A, the Romanian comma letters, Vietnamese.
func latin(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return true
	case r == 'ª' || r == 'º':
		return true
	case r >= 0xC0 && r <= 0x17F && r != '×' && r != '÷':
		return true
	case r >= 0x218 && r <= 0x21B:
		return true
	case r >= 0x1EA0 && r <= 0x1EF9:
		return true
	}
	return false
}

// TestFoldFast: the rune-by-rune fold of the Latin blocks agrees with the
// fold by definition, for each rune alone and next to its neighbours.
func TestFoldFast(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		for _, s := range []string{string(r), "A" + string(r) + "b", string(r) + string(r+1)} {
			if got, want := workplan.Fold(s), workplan.FoldSlow(s); got != want {
				t.Errorf("Fold(%q) = %q, by definition %q", s, got, want)
			}
		}
	}
}

// FuzzFold: folding never panics, agrees with the fold by definition, a
// second fold changes nothing, ASCII
// folds to its lower case, Latin text folds to ASCII whatever its case,
// and case never matters.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Türkiye", "TÜRKİYE", "ıİiI", "Straße ẞ", "Łódź Ærø Þ", "Hà Nội",
		"ǅ ǈ ǋ ǲ", "ŉ ŀ ĳ ſ", "ﬁ ＡＢＣ ℌ", "Σίσυφος ΐ", "\xff\xfe", "a\u0307\u0301", "ᾈ ﬀ ǰ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := workplan.Fold(s)
		if slow := workplan.FoldSlow(s); got != slow {
			t.Errorf("Fold(%q) = %q, but by its definition %q", s, got, slow)
		}
		if again := workplan.Fold(got); again != got {
			t.Errorf("Fold not idempotent: Fold(%q) = %q, Fold of that = %q", s, got, again)
		}
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(got) {
			t.Errorf("Fold(%q) = %q: not UTF-8", s, got)
		}
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < utf8.RuneSelf
		}
		if ascii && got != strings.ToLower(s) {
			t.Errorf("Fold(%q) = %q, want its lower case", s, got)
		}
		lat := strings.Map(func(r rune) rune {
			if latin(r) {
				return r
			}
			return -1
		}, s)
		fl := workplan.Fold(lat)
		for _, r := range fl {
			if r >= utf8.RuneSelf {
				t.Fatalf("Fold(%q) = %q: %q is not ASCII", lat, fl, r)
			}
		}
		for _, c := range []func(string) string{strings.ToUpper, strings.ToLower} {
			if v := c(lat); latinOnly(v) {
				if u := workplan.Fold(v); u != fl {
					t.Errorf("Fold(%q) = %q, but Fold(%q) = %q", lat, fl, v, u)
				}
			}
		}
	})
}

// latinOnly reports whether a change of case kept s within latin (ToUpper
// of ÿ is Ÿ, outside Latin-1).
func latinOnly(s string) bool {
	for _, r := range s {
		if !latin(r) {
			return false
		}
	}
	return true
}
