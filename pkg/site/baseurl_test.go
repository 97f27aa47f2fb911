package site

import (
	"strings"
	"testing"
)

// TestParseBaseURLHTTPSAndPunycode (issue 24, item 9): --base-url took
// http:// although its help says https, and wrote an internationalised
// host percent-encoded (https://b%C3%BCcher.example/), which no browser
// or calendar program sends. Plain http is refused, localhost's too; a
// host comes out as punycode, in lower case; an IP address as written.
func TestParseBaseURLHTTPSAndPunycode(t *testing.T) {
	for in, want := range map[string]string{
		"https://bücher.example/plans":           "https://xn--bcher-kva.example/plans/",
		"https://b%C3%BCcher.example":            "https://xn--bcher-kva.example/",
		"https://BÜCHER.Example:8443/p":          "https://xn--bcher-kva.example:8443/p/",
		"https://例え.jp/":                         "https://xn--r8jz45g.jp/",
		"https://Example.ORG/Plans":              "https://example.org/Plans/",
		"https://[2001:db8::1]:8443/":            "https://[2001:db8::1]:8443/",
		"https://192.0.2.1/bp":                   "https://192.0.2.1/bp/",
		"https://localhost:8080/a%20b":           "https://localhost:8080/a%20b/",
		"https://xn--bcher-kva.example/déjà-vu/": "https://xn--bcher-kva.example/d%C3%A9j%C3%A0-vu/",
	} {
		if got, err := ParseBaseURL(in); err != nil || got != want {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, words := range map[string]string{
		"http://example.org/plans":      "give the https:// address",
		"http://localhost:8080/":        "give the https:// address",
		"HTTP://example.org/":           "give the https:// address",
		"https://exa mple.org/":         "is not a URL",
		"https://bad_host.example/":     "is not a domain name",
		"https://-leading.example/":     "is not a domain name",
		"https://xn--zz.example/plans/": "is not a domain name",
	} {
		got, err := ParseBaseURL(in)
		if err == nil || !strings.Contains(err.Error(), words) {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want an error saying %q", in, got, err, words)
		}
	}
}
