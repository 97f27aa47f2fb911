package workplan

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// LinkKind is what a link of an event leads to: its word as the file
// writes it ("join").
type LinkKind string

// The link kinds of the format.
const (
	// LinkJoin is where participants join an online or hybrid meeting.
	LinkJoin LinkKind = "join"
	// LinkRegistration is where participants register.
	LinkRegistration LinkKind = "registration"
	// LinkAgenda is the meeting's agenda.
	LinkAgenda LinkKind = "agenda"
	// LinkDocuments are the meeting's documents: a concept note, the
	// Chair's conclusions.
	LinkDocuments LinkKind = "documents"
	// LinkPage is a page about the event elsewhere (a host's site).
	LinkPage LinkKind = "page"
)

// LinkKinds lists the link kinds in the order documents give the links,
// help and the schema list them.
var LinkKinds = []LinkKind{LinkJoin, LinkRegistration, LinkAgenda, LinkDocuments, LinkPage}

// Link is a link of an event: what it leads to, its https address, and
// the words to show for it ("" to show the address).
type Link struct {
	Kind  LinkKind
	URL   string
	Label string
}

// CheckHTTPS reports why s cannot be a link's address: every link is
// https, so that a page or a calendar never sends a participant to a
// plain http page, a script (javascript:) or inline data (data:); and
// it has no space, quote or control character, so that every document
// can carry it as it is.
func CheckHTTPS(s string) error {
	scheme, _, found := strings.Cut(s, ":")
	switch {
	case s == "":
		return fmt.Errorf("the address is empty")
	case !found || strings.ContainsAny(scheme, "/?#") || scheme == "":
		return fmt.Errorf("%q is not a full address: write https://…", s)
	case strings.EqualFold(scheme, "http"):
		return fmt.Errorf("%q is plain http: write https://, which every link must be", s)
	case !strings.EqualFold(scheme, "https"):
		return fmt.Errorf("%q is a %s: address, not https: a link must be https://…", s, scheme)
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '"' || r == '<' || r == '>' || r == '\\' {
			return fmt.Errorf("%q holds %q: write the address as a browser shows it (a space as %%20)", s, r)
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not an address: %v", s, unwrapURL(err))
	case u.User != nil:
		return fmt.Errorf("%q names a user before its host (%s@): write the address without it", s, u.User.Username())
	case u.Host == "":
		return fmt.Errorf("%q is not a full address: write https://host/…", s)
	}
	return nil
}

// unwrapURL is a url.Parse error without the address it repeats.
func unwrapURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
