package calendar

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// slimZone loads name from Go's own zoneinfo.zip: "slim" data that lists
// transitions only up to about now and then gives a rule, the data
// time/tzdata embeds in bp.
func slimZone(t *testing.T, name string) *time.Location {
	t.Helper()
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		testtool.Missing(t, "go env GOROOT: %v", err)
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		testtool.Missing(t, "Go's zoneinfo.zip is not installed: %v", err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func serializeZone(tz *ics.VTimezone) string {
	return tz.Serialize(&ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\n"})
}

// TestVTimezoneSlimData: zone data that ends in a rule makes ZoneBounds
// stop at every new year; the VTIMEZONE must not show those as
// observances, so that it is the same from Go's embedded data as from the
// host's zone files (which list every transition).
func TestVTimezoneSlimData(t *testing.T) {
	zones := []string{"Europe/Vienna", "Europe/Istanbul", "America/New_York", "Asia/Kabul", "Australia/Lord_Howe", "Pacific/Auckland", "America/Sao_Paulo"}
	years := [][2]int{{2026, 2026}, {2025, 2027}, {2028, 2028}, {2030, 2032}} // 2028, 2032: leap years
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			slim := slimZone(t, name)
			for _, y := range years {
				got := serializeZone(VTimezone(name, slim, y[0], y[1]))
				// Each observance changes the offset, the name or the
				// daylight flag of the one before.
				prev := ""
				for _, obs := range strings.Split(got, "BEGIN:")[2:] {
					kind, _, _ := strings.Cut(obs, "\n")
					this := kind + " " + field(obs, "TZOFFSETTO:") + " " + field(obs, "TZNAME:")
					if this == prev {
						t.Errorf("%d–%d: an observance that changes nothing:\n%s", y[0], y[1], obs)
					}
					prev = this
				}
				if _, err := os.Stat(filepath.Join("/usr/share/zoneinfo", name)); err != nil {
					continue // no host data to compare with
				}
				host, err := time.LoadLocation(name)
				if err != nil {
					t.Fatal(err)
				}
				if want := serializeZone(VTimezone(name, host, y[0], y[1])); got != want {
					t.Errorf("%d–%d: from Go's zone data\n%s\nfrom the host's\n%s", y[0], y[1], got, want)
				}
			}
		})
	}
}

func field(component, prefix string) string {
	for _, l := range strings.Split(component, "\n") {
		if v, ok := strings.CutPrefix(l, prefix); ok {
			return v
		}
	}
	return ""
}
