package cli

// What checkFlags (main.go) says about a flag given wrong, in bp's words
// rather than cobra's.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// blankFlagError says that flag f was given an empty or blank value, and
// what to do instead: a required flag needs its value, a flag that may
// stand alone is given alone, any other is left out.
func blankFlagError(f *pflag.Flag) error {
	switch {
	case f.NoOptDefVal != "":
		return fmt.Errorf("--%s: empty value; give one, or --%s alone (%s)", f.Name, f.Name, f.NoOptDefVal)
	case slices.Contains(f.Annotations[cobra.BashCompOneRequiredFlag], "true"):
		return fmt.Errorf("--%s: empty value; the flag is required: give %s", f.Name, withArticle(flagNoun(f)))
	}
	return fmt.Errorf("--%s: empty value; give a value or leave the flag out", f.Name)
}

// flagNoun names what a flag's value is: the `word` its usage quotes
// ("date"), else the flag's name ("reason").
func flagNoun(f *pflag.Flag) string {
	name, _ := pflag.UnquoteUsage(f)
	switch name {
	case "", "string", "strings", "stringArray", f.Value.Type():
		return f.Name
	}
	return name
}

// withArticle puts "a" or "an" before a noun: "an owner", "a date".
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// cobraGroup finds the flags cobra's flag-group errors name: "... the
// group [date month] ...".
var cobraGroup = regexp.MustCompile(`group \[([^\]]*)\]`)

// flagGroupError says in bp's words what cobra's check of a flag group
// (MarkFlagsMutuallyExclusive, MarkFlagsOneRequired) refused; an error it
// does not know is given as it is.
func flagGroupError(cmd *cobra.Command, err error) error {
	m := cobraGroup.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	var names []string
	for _, n := range strings.Fields(m[1]) {
		names = append(names, "--"+n)
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "none of the others can be"):
		var given []string
		for _, n := range names {
			if cmd.Flags().Changed(n[2:]) {
				given = append(given, n)
			}
		}
		if len(given) < 2 {
			given = names
		}
		return fmt.Errorf("%s cannot be given together: give one of them", joinAnd(given))
	case strings.Contains(msg, "at least one of the flags"):
		return fmt.Errorf("give %s: one of them is required", joinOr(names))
	case strings.Contains(msg, "they must all be set"):
		return fmt.Errorf("%s go together: give all of them, or none", joinAnd(names))
	}
	return err
}

// joinAnd joins words as a sentence lists them: "a, b and c".
func joinAnd(words []string) string { return joinLast(words, " and ") }

// joinOr is joinAnd with "or": "a, b or c".
func joinOr(words []string) string { return joinLast(words, " or ") }

func joinLast(words []string, last string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + last + words[len(words)-1]
}
