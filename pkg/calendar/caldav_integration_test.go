//go:build integration

package calendar

// A CalDAV test with a real server: Debian's Radicale, started on
// 127.0.0.1 with a temporary store. bp's one-event calendars are PUT as
// a CalDAV client stores them (RFC 4791: one calendar object resource per
// UID, at <UID>.ics, each with its own VTIMEZONE), queried back with a
// REPORT calendar-query over a time range, and replaced by the next
// revision with If-Match: the events are replaced, none duplicated.

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// radicale is a Radicale server the test started.
type radicale struct {
	base   string // http://127.0.0.1:PORT
	client *http.Client
	log    *syncBuffer
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startRadicale starts Radicale on a free loopback port with a temporary
// store and its own configuration (not the machine's /etc/radicale), and
// stops it, by its PID, when the test ends.
func startRadicale(t *testing.T) *radicale {
	t.Helper()
	bin, err := exec.LookPath("radicale")
	if err != nil {
		testtool.Missing(t, "radicale not found: apt-get install radicale")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "config")
	// Warnings are logged, so that the test can see them.
	if err := os.WriteFile(conf, []byte("# bp's CalDAV test: a throwaway server.\n[logging]\nlevel = warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; ; attempt++ {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		addr := "127.0.0.1:" + strconv.Itoa(port)
		log := &syncBuffer{}
		cmd := exec.Command(bin, "-C", conf, "--server-hosts", addr, "--auth-type", "none",
			"--storage-filesystem-folder", filepath.Join(dir, "store"))
		cmd.Env = append(slices.DeleteFunc(os.Environ(), func(s string) bool { return strings.HasPrefix(s, "RADICALE_") }),
			"HOME="+dir, "LANG=C.UTF-8")
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			t.Fatalf("start radicale: %v", err)
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		stop := func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
		}
		r := &radicale{base: "http://" + addr, client: &http.Client{Timeout: 30 * time.Second}, log: log}
		switch err := r.wait(done, 30*time.Second); {
		case err == nil:
			t.Cleanup(stop)
			return r
		case attempt < 3 && strings.Contains(log.String(), "in use"):
			stop() // another process took the port: try another
		default:
			stop()
			t.Fatalf("radicale on %s: %v\n%s", addr, err, log.String())
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// wait waits until the server answers, it exits, or the time is up.
func (r *radicale) wait(exited <-chan struct{}, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("radicale exited")
		default:
		}
		c := &http.Client{Timeout: time.Second}
		if resp, err := c.Get(r.base + "/"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("no answer within %s", limit)
}

// do sends a request and returns the status, the ETag and the body.
func (r *radicale) do(t *testing.T, method, path string, body []byte, header ...string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, r.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := r.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header.Get("ETag"), data
}

// mkcalendar makes the calendar collection /bp/<name>/.
func (r *radicale) mkcalendar(t *testing.T, name string) string {
	t.Helper()
	if code, _, body := r.do(t, "MKCOL", "/bp/", nil); code != http.StatusCreated && code != http.StatusMethodNotAllowed {
		t.Fatalf("MKCOL /bp/: %d %s", code, body)
	}
	path := "/bp/" + name + "/"
	if code, _, body := r.do(t, "MKCALENDAR", path, nil); code != http.StatusCreated {
		t.Fatalf("MKCALENDAR %s: %d %s", path, code, body)
	}
	return path
}

// put stores one event's calendar at <collection><uid>.ics under the
// condition given (If-None-Match: * or If-Match: ETAG) and returns the
// status and the new ETag.
func (r *radicale) put(t *testing.T, collection, uid string, data []byte, cond ...string) (int, string) {
	t.Helper()
	code, etag, _ := r.do(t, "PUT", collection+uid+".ics", data, append([]string{"Content-Type", "text/calendar; charset=utf-8"}, cond...)...)
	return code, etag
}

// davObject is one calendar object a REPORT returned.
type davObject struct {
	href, etag, data string
}

// uid returns the UID of the object's (only) VEVENT.
func (o davObject) uid() string {
	for _, l := range strings.Split(unfold(o.data), "\n") {
		if u, ok := strings.CutPrefix(strings.TrimRight(l, "\r"), "UID:"); ok {
			return u
		}
	}
	return ""
}

// query runs a calendar-query REPORT for the VEVENTs in [start, end)
// (UTC, "20260601T000000Z"); no range lists every object.
func (r *radicale) query(t *testing.T, collection, start, end string) []davObject {
	t.Helper()
	rng := ""
	if start != "" {
		rng = `<C:time-range start="` + start + `" end="` + end + `"/>`
	}
	body := `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">` + rng + `</C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>`
	code, _, data := r.do(t, "REPORT", collection, []byte(body), "Depth", "1", "Content-Type", "application/xml; charset=utf-8")
	if code != http.StatusMultiStatus {
		t.Fatalf("REPORT %s: %d %s", collection, code, data)
	}
	var ms struct {
		Responses []struct {
			Href     string `xml:"href"`
			Propstat []struct {
				ETag   string `xml:"prop>getetag"`
				Data   string `xml:"prop>calendar-data"`
				Status string `xml:"status"`
			} `xml:"propstat"`
		} `xml:"response"`
	}
	if err := xml.Unmarshal(data, &ms); err != nil {
		t.Fatalf("REPORT %s: %v\n%s", collection, err, data)
	}
	var out []davObject
	for _, resp := range ms.Responses {
		o := davObject{href: resp.Href}
		for _, ps := range resp.Propstat {
			if strings.Contains(ps.Status, " 200 ") {
				o.etag, o.data = ps.ETag, ps.Data
			}
		}
		out = append(out, o)
	}
	return out
}

func unfold(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n ", "")
}

// veventLines returns the unfolded content lines of the VEVENT, sorted:
// what a server must keep, whatever order and folding it writes them in.
func veventLines(data string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(unfold(data), "\n") {
		switch {
		case l == "BEGIN:VEVENT":
			in = true
		case l == "END:VEVENT":
			in = false
		case in:
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// uids returns the objects' UIDs, sorted, and fails on a repeated href
// or UID or an object without one.
func uids(t *testing.T, objs []davObject) []string {
	t.Helper()
	var out, hrefs []string
	for _, o := range objs {
		u := o.uid()
		if u == "" {
			t.Errorf("%s holds no UID:\n%s", o.href, o.data)
		}
		if slices.Contains(out, u) || slices.Contains(hrefs, o.href) {
			t.Errorf("duplicate: %s (%s)", u, o.href)
		}
		out, hrefs = append(out, u), append(hrefs, o.href)
	}
	slices.Sort(out)
	return out
}

func TestCalDAV(t *testing.T) {
	srv := startRadicale(t)
	plan := loadPlan(t, published)
	coll := srv.mkcalendar(t, "plan")

	// Revision 1: every dated event as its own calendar object.
	files := map[string][]byte{}
	etags := map[string]string{}
	for _, e := range plan.Events {
		if !e.HasDay() {
			continue
		}
		cal, err := BuildOne(plan, e, Options{})
		if err != nil {
			t.Fatal(err)
		}
		uid := UID(plan.ID, e.ID)
		files[uid] = serialize(t, cal)
		code, etag := srv.put(t, coll, uid, files[uid], "If-None-Match", "*")
		if code != http.StatusCreated || etag == "" {
			t.Fatalf("PUT %s: %d, ETag %q; want 201 and an ETag", uid, code, etag)
		}
		etags[uid] = etag
	}
	t.Logf("revision 1: PUT %d events", len(files))
	if len(files) != 9 {
		t.Fatalf("PUT %d events, want the 9 dated events of the plan", len(files))
	}
	// Creating an object that exists is refused, so nothing is created
	// twice.
	if code, _ := srv.put(t, coll, "rg-2026-03@"+plan.ID, files["rg-2026-03@"+plan.ID], "If-None-Match", "*"); code != http.StatusPreconditionFailed {
		t.Errorf("a second create of one UID: %d, want 412", code)
	}

	june := srv.query(t, coll, "20260601T000000Z", "20260701T000000Z")
	if got, want := uids(t, june), []string{"twg-law-enforcement-2026@" + plan.ID}; !slices.Equal(got, want) {
		t.Errorf("June 2026 holds %q, want %q", got, want)
	}
	all := srv.query(t, coll, "", "")
	if got := uids(t, all); len(got) != len(files) {
		t.Errorf("the collection holds %d events, want %d: %q", len(got), len(files), got)
	}
	// The server keeps every property as bp wrote it.
	for _, o := range all {
		if got, want := veventLines(o.data), veventLines(string(files[o.uid()])); !slices.Equal(got, want) {
			t.Errorf("%s came back changed:\n got %q\nwant %q", o.uid(), got, want)
		}
		if o.etag != etags[o.uid()] {
			t.Errorf("%s: ETag %s, PUT gave %s", o.uid(), o.etag, etags[o.uid()])
		}
	}
	t.Logf("revision 1: June returned %d event(s), the collection %d", len(june), len(all))

	// Revision 2: the July Reference Group moves to 30 June, and carries
	// the new revision, as bp's edit commands make it. Its object is
	// uploaded again with If-Match (its SEQUENCE rose); every other event
	// is written byte for byte as before, so a client has nothing to send.
	next := loadPlan(t, published)
	moved := next.Event("rg-2026-07")
	moved.Start = time.Date(2026, time.June, 30, 0, 0, 0, 0, time.UTC)
	moved.End = moved.Start
	next.Revision++
	next.Revised = next.Revised.AddDate(0, 0, 1)
	moved.Revision, moved.Revised = next.Revision, next.Revised
	replaced := 0
	for _, e := range next.Events {
		if !e.HasDay() {
			continue
		}
		cal, err := BuildOne(next, e, Options{})
		if err != nil {
			t.Fatal(err)
		}
		uid := UID(next.ID, e.ID)
		data := serialize(t, cal)
		if e != moved {
			if !bytes.Equal(data, files[uid]) {
				t.Errorf("%s did not change, but its calendar object did", uid)
			}
			continue
		}
		code, etag := srv.put(t, coll, uid, data, "If-Match", etags[uid])
		if code != http.StatusCreated && code != http.StatusNoContent && code != http.StatusOK {
			t.Fatalf("PUT %s with If-Match: %d", uid, code)
		}
		if etag == etags[uid] {
			t.Errorf("%s: the ETag did not change", uid)
		}
		// The old ETag no longer matches: a client holding it cannot
		// overwrite the new revision.
		if code, _ := srv.put(t, coll, uid, files[uid], "If-Match", etags[uid]); code != http.StatusPreconditionFailed {
			t.Errorf("%s: PUT with a stale ETag: %d, want 412", uid, code)
		}
		files[uid], etags[uid] = data, etag
		replaced++
	}

	june = srv.query(t, coll, "20260601T000000Z", "20260701T000000Z")
	if got, want := uids(t, june), []string{"rg-2026-07@" + plan.ID, "twg-law-enforcement-2026@" + plan.ID}; !slices.Equal(got, want) {
		t.Errorf("June 2026 holds %q after the move, want %q", got, want)
	}
	july := srv.query(t, coll, "20260701T000000Z", "20260801T000000Z")
	if got := uids(t, july); len(got) != 0 {
		t.Errorf("July 2026 still holds %q", got)
	}
	all = srv.query(t, coll, "", "")
	if got := uids(t, all); len(got) != len(files) {
		t.Errorf("after the update the collection holds %d events, want %d: %q", len(got), len(files), got)
	}
	for _, o := range all {
		if got, want := veventLines(o.data), veventLines(string(files[o.uid()])); !slices.Equal(got, want) {
			t.Errorf("%s is not as revision 2 has it:\n got %q\nwant %q", o.uid(), got, want)
		}
		if want := o.uid() == UID(next.ID, moved.ID); strings.Contains(o.data, "SEQUENCE:2") != want {
			t.Errorf("%s: SEQUENCE:2 is %v, want %v (only the moved event changed)", o.uid(), !want, want)
		}
	}
	if replaced != 1 {
		t.Errorf("replaced %d events, want the 1 that moved", replaced)
	}
	t.Logf("revision 2: replaced %d events; June returned %d, July %d, the collection %d", replaced, len(june), len(july), len(all))

	if s := srv.log.String(); strings.Contains(s, "WARNING") || strings.Contains(s, "ERROR") {
		t.Errorf("radicale warns:\n%s", s)
	}
}

// TestCalDAVTimes stores the time-zone fixture's events, each with its own
// VTIMEZONE, and asks Radicale for narrow time ranges: it finds an event
// only at the instants bp meant, across a change of the clocks and in a
// zone with a half-hour offset (Radicale keeps bp's VTIMEZONE when an
// event is PUT alone).
func TestCalDAVTimes(t *testing.T) {
	srv := startRadicale(t)
	plan := loadPlan(t, fixtures+"times.yaml")
	coll := srv.mkcalendar(t, "times")
	n := 0
	for _, e := range plan.Events {
		if !e.HasDay() {
			continue
		}
		cal, err := BuildOne(plan, e, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if code, _ := srv.put(t, coll, UID(plan.ID, e.ID), serialize(t, cal), "If-None-Match", "*"); code != http.StatusCreated {
			t.Fatalf("PUT %s: %d", e.ID, code)
		}
		n++
	}
	tests := []struct {
		start, end string
		want       []string // event ids
	}{
		// 09:00–13:00 CET on the 25th, after the clocks went back: 08:00Z.
		{"20261025T073000Z", "20261025T080000Z", nil},
		{"20261025T080000Z", "20261025T083000Z", []string{"vienna-three-mornings"}},
		// The third morning, and nothing between the mornings.
		{"20261026T113000Z", "20261026T120000Z", []string{"vienna-three-mornings"}},
		{"20261024T120000Z", "20261025T070000Z", nil},
		// Kabul, +04:30: 11:00 is 06:30Z.
		{"20260414T060000Z", "20260414T062900Z", nil},
		{"20260414T060000Z", "20260414T063100Z", []string{"kabul-no-dst"}},
		// Istanbul's second morning.
		{"20261007T090000Z", "20261007T093000Z", []string{"istanbul-two-days"}},
	}
	for _, tc := range tests {
		var want []string
		for _, id := range tc.want {
			want = append(want, UID(plan.ID, id))
		}
		if got := uids(t, srv.query(t, coll, tc.start, tc.end)); !slices.Equal(got, want) {
			t.Errorf("%s–%s: %q, want %q", tc.start, tc.end, got, want)
		}
	}
	if got := uids(t, srv.query(t, coll, "", "")); len(got) != n {
		t.Errorf("the collection holds %d events, want %d", len(got), n)
	}
	if s := srv.log.String(); strings.Contains(s, "WARNING") || strings.Contains(s, "ERROR") {
		t.Errorf("radicale warns:\n%s", s)
	}
}
