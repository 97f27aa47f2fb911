package store

// What bp site may touch in the directory --out names: the files it
// wrote (listed in the manifest, SiteMarker), the names on the keep
// list (kept across the swap) and nothing else; and how it replaces the
// directory (Session.ReplaceDir).

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/safetext"
)

// SiteMarker is the manifest bp site leaves in a site it wrote: every
// file it wrote, with its size and SHA-256. A later run replaces only
// these files, and refuses while the directory holds anything else but
// the names of siteKeep.
const SiteMarker = ".bp-site"

// buildMarker marks a directory as a build of bp site under way. It is
// removed before the build is swapped in: a directory that holds it is
// a build that a killed bp left, all of it bp's.
const buildMarker = ".bp-build"

// manifestHeader is the manifest's first line that is not a comment. A
// marker without it is one of a bp that wrote no list (a legacy marker).
const manifestHeader = "bp-site 1"

const manifestIntro = "# bp site wrote this directory. The lines below list every file it\n" +
	"# wrote: SHA-256, size, name. bp site replaces these files when it\n" +
	"# runs again, keeps CNAME, .git, .nojekyll and .well-known, and\n" +
	"# refuses to run while the directory holds anything else.\n"

// siteKeep are the names, at the top of --out, that bp site keeps across
// the swap: the custom domain and Jekyll switch of GitHub Pages, the
// repository of a gh-pages worktree, and RFC 8615's well-known URIs
// (ACME challenges, security.txt). bp writes none of them.
var siteKeep = []string{"CNAME", ".git", ".nojekyll", ".well-known"}

// keepList is siteKeep for a message: "CNAME, .git, .nojekyll and .well-known".
func keepList() string {
	return strings.Join(siteKeep[:len(siteKeep)-1], ", ") + " and " + siteKeep[len(siteKeep)-1]
}

func isKept(name string) bool { return slices.Contains(siteKeep, name) }

// KeptNames are the names, at the top of a site directory, that
// ReplaceDir keeps across the swap (siteKeep), for bp site's help.
func KeptNames() []string { return slices.Clone(siteKeep) }

// fileSum is what the manifest says of a file: its size and SHA-256.
type fileSum struct {
	size int64
	sum  [sha256.Size]byte
}

// siteManifest is a marker read from disk.
type siteManifest struct {
	files  map[string]fileSum // by slash-separated name
	legacy bool               // a marker that lists no files (bp before manifests)
}

// manifestError is a marker bp cannot read: damaged, or of a newer bp.
type manifestError struct {
	line int
	msg  string
}

func (e *manifestError) Error() string {
	if e.line == 0 {
		return e.msg
	}
	return fmt.Sprintf("line %d: %s", e.line, e.msg)
}

// writeManifest writes the manifest of files, sorted by name.
func writeManifest(w io.Writer, files map[string]fileSum) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	b := bufio.NewWriter(w)
	b.WriteString(manifestIntro)
	b.WriteString(manifestHeader + "\n")
	for _, n := range names {
		f := files[n]
		fmt.Fprintf(b, "%x %d %s\n", f.sum, f.size, n)
	}
	return b.Flush()
}

// readManifest reads the marker in dir: nil when there is none.
func readManifest(dir string) (*siteManifest, error) {
	p := filepath.Join(dir, SiteMarker)
	st, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &manifestError{msg: "it is not a regular file"}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return parseManifest(data)
}

func parseManifest(data []byte) (*siteManifest, error) {
	m := &siteManifest{files: map[string]fileSum{}}
	header := false
	for i, line := range bytes.SplitAfter(data, []byte("\n")) {
		if len(line) == 0 {
			break
		}
		n := i + 1
		l, whole := bytes.CutSuffix(line, []byte("\n"))
		s := string(l)
		if !header {
			switch {
			case strings.HasPrefix(s, "#") || s == "":
				continue
			case s == manifestHeader && whole:
				header = true
				continue
			case strings.HasPrefix(s, "bp-site "):
				return nil, &manifestError{n, fmt.Sprintf("%q: written by a newer bp, or damaged", s)}
			default:
				// The marker of a bp that kept no list of its files.
				return &siteManifest{legacy: true}, nil
			}
		}
		if !whole {
			return nil, &manifestError{n, "the file ends inside a line (cut short?)"}
		}
		var f fileSum
		sum, rest, ok1 := strings.Cut(s, " ")
		size, name, ok2 := strings.Cut(rest, " ")
		hx, herr := hex.DecodeString(sum)
		k, serr := strconv.ParseInt(size, 10, 64)
		if !ok1 || !ok2 || herr != nil || len(hx) != len(f.sum) || serr != nil || k < 0 {
			return nil, &manifestError{n, "want a SHA-256, a size and a name"}
		}
		copy(f.sum[:], hx)
		f.size = k
		if err := checkSiteName(name); err != nil {
			return nil, &manifestError{n, err.Error()}
		}
		if _, dup := m.files[name]; dup {
			return nil, &manifestError{n, fmt.Sprintf("%q is listed twice", name)}
		}
		m.files[name] = f
	}
	if !header {
		return &siteManifest{legacy: true}, nil
	}
	return m, nil
}

// checkSiteName refuses a name that cannot be a file of a site: one that
// climbs out of it, a control character (the manifest is one name a
// line), and the names bp keeps or marks its directories with.
func checkSiteName(name string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("a file named %q cannot be part of a site", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("a file named %q cannot be part of a site", name)
		}
	}
	top, _, _ := strings.Cut(name, "/")
	if top == SiteMarker || top == buildMarker || isKept(top) {
		return fmt.Errorf("a file named %q cannot be part of a site (bp keeps that name for itself or for you)", name)
	}
	return nil
}

// buildDir is a site being written: the directory, and what was written
// into it so far.
type buildDir struct {
	root  string
	made  map[string]bool
	files map[string]fileSum
	buf   bytes.Buffer // the file being written
	reuse *reuse       // nil: nothing to link
	like  fs.FileInfo  // the build's marker: the mode and owner of a file the build creates
}

// reuse is what a build may take from the site it replaces: the files
// the check before the build read and found as bp wrote them. Where the
// build would write the same bytes under the same name, it links the
// old file instead (a second hard link, as for the kept files), so that
// a site built again from a plan that changed a little writes only what
// changed, and the removal of the old site after the swap frees no
// file: on ext4 without a journal, as on the machines bp is measured
// on, each file created soon after thousands were freed pays for a scan
// past them (0.2 s for 20,000, or several seconds).
type reuse struct {
	dir   string                 // the old site
	files map[string]fileSum     // its manifest
	stat  map[string]fs.FileInfo // its files that the check read (outDir.hashed)
}

// siteRemovers is how many files bp removes at once from the old site
// after the swap.
const siteRemovers = 4

func newBuildDir(root string, r *reuse) (*buildDir, error) {
	b := &buildDir{root: root, made: map[string]bool{}, files: map[string]fileSum{}, reuse: r}
	err := b.create(buildMarker, fmt.Sprintf("bp site is building a site here (process %d)\n", os.Getpid()))
	if err == nil {
		b.like, err = os.Lstat(filepath.Join(root, buildMarker))
	}
	return b, err
}

// sink writes each file of a site, or links the old site's when it has
// the same bytes, and notes its size and SHA-256.
func (b *buildDir) sink(name string, write func(io.Writer) error) error {
	if err := checkSiteName(name); err != nil {
		return err
	}
	p := filepath.Join(b.root, filepath.FromSlash(name))
	if dir := path.Dir(name); !b.made[dir] {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		b.made[dir] = true
	}
	b.buf.Reset()
	if err := write(&b.buf); err != nil {
		return err
	}
	data := b.buf.Bytes()
	sum := fileSum{size: int64(len(data)), sum: sha256.Sum256(data)}
	b.files[name] = sum
	if b.link(name, p, sum) {
		return nil
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// link links the old site's file name at p, when the check found it as
// bp wrote it with sum, it is still that file, and it is like a file the
// build creates (one link, the same mode and owner): a file someone gave
// another mode or a second name is written anew.
func (b *buildDir) link(name, p string, sum fileSum) bool {
	r := b.reuse
	if r == nil {
		return false
	}
	was, ok := r.stat[name]
	if !ok || r.files[name] != sum || was.Size() != sum.size || linkCount(was) != 1 ||
		was.Mode() != b.like.Mode() || !sameOwner(was, b.like) {
		return false
	}
	if os.Link(filepath.Join(r.dir, filepath.FromSlash(name)), p) != nil {
		return false
	}
	if st, err := os.Lstat(p); err == nil && sameStat(was, st) {
		return true
	}
	os.Remove(p) // another file took the old one's name since the check
	return false
}

// finish writes the manifest: the build is complete.
func (b *buildDir) finish() error {
	var buf bytes.Buffer
	if err := writeManifest(&buf, b.files); err != nil {
		return err
	}
	return b.create(SiteMarker, buf.String())
}

func (b *buildDir) create(name, text string) error {
	return os.WriteFile(filepath.Join(b.root, name), []byte(text), 0o644)
}

// outDir is what --out holds, as checked against what bp may touch.
type outDir struct {
	manifest *siteManifest          // nil: no marker
	keep     []string               // the names of siteKeep it holds
	ours     []string               // the files bp wrote, unchanged: replaced
	hashed   map[string]fs.FileInfo // of ours, those whose SHA-256 was read
	foreign  []string               // what bp did not write (a directory ends in "/")
	changed  []string               // files bp wrote that were changed since
}

// inspectOut reads the directory dir (--out, named name) and refuses it
// when it holds the working directory, a plan this run read, or
// anything bp site did not write or that was changed since (see
// outDir.refusal). built is what the new build wrote, nil before the build:
// it tells a legacy marker's files (those the build writes again are
// bp's) from others. prev is what the check before the build found: a
// file it hashed and that is still the same file, of the same size and
// modification time, is not read again.
func (s *Session) inspectOut(name, dir string, built map[string]fileSum, prev *outDir) (*outDir, error) {
	if wd, err := s.getwd(); err == nil {
		if real, err := filepath.EvalSymlinks(wd); err == nil {
			wd = real // a shell entered through a symlink
		}
		if rel, err := filepath.Rel(dir, wd); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("--out: %s holds the working directory; refused, nothing was written\n"+
				"  hint: name a directory of its own for the site, such as public", safetext.Terminal(name))
		}
	}
	m, err := readManifest(dir)
	var me *manifestError
	switch {
	case errors.As(err, &me):
		return nil, fmt.Errorf("--out: %s: %v: bp site cannot tell its files from others; refused, nothing was written%s",
			safetext.Terminal(filepath.Join(name, SiteMarker)), me,
			siteHint("move what you keep out of "+safetext.Terminal(name)+" and remove the directory, then run again"))
	case err != nil:
		return nil, fmt.Errorf("--out: %w", err)
	}
	o := &outDir{manifest: m, hashed: map[string]fs.FileInfo{}}
	if m == nil {
		// No marker: anything but the kept names is someone else's.
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("--out: %w", err)
		}
		for _, e := range entries {
			if !isKept(e.Name()) {
				o.foreign = append(o.foreign, e.Name())
			}
		}
		if err := o.refusal(name); err != nil {
			return nil, err
		}
	}
	owned := map[string]fileSum{} // what bp may replace, by name
	judge := true                 // false: a legacy marker before the build
	switch {
	case m == nil:
	case !m.legacy:
		owned = m.files
	case built != nil:
		owned = built
	default:
		judge = false
	}
	dirs := map[string]bool{}
	for n := range owned {
		for d := path.Dir(n); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	buf := make([]byte, 64<<10)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == SiteMarker:
			return nil
		case isKept(rel):
			o.keep = append(o.keep, rel)
			if d.IsDir() {
				return fs.SkipDir // a repository can be large; bp does not look in
			}
			return nil
		case d.IsDir():
			if judge && !dirs[rel] {
				o.foreign = append(o.foreign, rel+"/")
				return fs.SkipDir
			}
			return nil
		}
		regular := d.Type().IsRegular()
		var st fs.FileInfo
		if regular {
			if st, err = d.Info(); err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			if s.isInput(st) {
				return fmt.Errorf("--out: %s holds %s, a plan this command reads; refused, nothing was written",
					safetext.Terminal(name), safetext.Terminal(p))
			}
		}
		if !judge {
			return nil
		}
		want, ok := owned[rel]
		switch {
		case !ok, m.legacy && !regular:
			o.foreign = append(o.foreign, rel)
		case m.legacy:
			o.ours = append(o.ours, rel)
		case !regular:
			o.changed = append(o.changed, rel)
		default:
			if prev != nil && sameStat(prev.hashed[rel], st) {
				o.ours = append(o.ours, rel)
				o.hashed[rel] = st
				return nil
			}
			same, err := sameSum(p, st, want, buf)
			if err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			if same {
				o.ours = append(o.ours, rel)
				o.hashed[rel] = st
			} else {
				o.changed = append(o.changed, rel)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := o.refusal(name); err != nil {
		return nil, err
	}
	slices.SortFunc(o.keep, func(a, b string) int { return slices.Index(siteKeep, a) - slices.Index(siteKeep, b) })
	return o, nil
}

// sameStat reports whether now is the file was, not written since.
func sameStat(was, now fs.FileInfo) bool {
	return was != nil && os.SameFile(was, now) && was.Size() == now.Size() && was.ModTime().Equal(now.ModTime())
}

// sameSum reports whether the file at p, of size st.Size(), has the
// size and SHA-256 want. buf is reused from file to file: a site has
// thousands of small files (io.Copy would allocate 32 KiB for each).
func sameSum(p string, st fs.FileInfo, want fileSum, buf []byte) (bool, error) {
	if st.Size() != want.size {
		return false, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	h := sha256.New()
	var n int64
	for {
		k, err := f.Read(buf)
		h.Write(buf[:k])
		n += int64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, err
		}
	}
	var got [sha256.Size]byte
	return n == want.size && [sha256.Size]byte(h.Sum(got[:0])) == want.sum, nil
}

// refusal says why bp site will not touch the directory, or nil.
func (o *outDir) refusal(name string) error {
	if len(o.foreign)+len(o.changed) == 0 {
		return nil
	}
	n := safetext.Terminal(name)
	if o.manifest == nil {
		return fmt.Errorf("--out: %s is not empty and was not written by bp site (it has no %s file); refused, nothing was written\n"+
			"  hint: bp site replaces the directory whole: name a new or empty one, or remove this one first", n, SiteMarker)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--out: %s holds files that are not bp site's; refused, nothing was written", n)
	list := func(head string, names []string) {
		if len(names) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n  %s:", head)
		const most = 10
		for i, f := range names {
			if i == most {
				fmt.Fprintf(&b, "\n    and %d more", len(names)-most)
				break
			}
			fmt.Fprintf(&b, "\n    %s", safetext.Terminal(f))
		}
	}
	list("not written by bp site", o.foreign)
	list("changed since bp site wrote them", o.changed)
	marker := safetext.Terminal(filepath.Join(name, SiteMarker))
	hint := "bp site replaces only the files that " + marker + " lists"
	if o.manifest.legacy {
		hint = marker + ", written by an older bp, lists no files: bp site takes for its own only the files it writes again"
	}
	b.WriteString(siteHint(hint + ", and keeps " + keepList() + "; move the others out of " + n +
		", or remove them, then run again"))
	return errors.New(b.String())
}

// siteHint is a hint of several lines, each within 80 columns.
func siteHint(text string) string {
	return "\n  hint: " + strings.Join(render.Wrap(text, 72), "\n  ")
}

// sitePlan is a directory to replace: its real path, and what it holds
// (nil: it does not exist yet).
type sitePlan struct {
	target string
	old    fs.FileInfo
	out    *outDir
}

// checkParent refuses --out when the directory that would hold it does
// not exist: bp creates --out, never the directories above it.
func checkParent(name, osName, target string) error {
	parent := filepath.Dir(target)
	st, err := os.Stat(parent)
	if err == nil && st.IsDir() {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("--out: %w", err)
	}
	what := "does not exist"
	if err == nil {
		what = "is not a directory"
	}
	hint := "bp site creates the site's directory, never the ones above it: create " +
		safetext.Terminal(filepath.Dir(name)) + " first, or name another"
	if lst, lerr := os.Lstat(osName); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
		hint = "bp site creates the site's directory, never the ones above it: create " +
			safetext.Terminal(parent) + " first, or point the link elsewhere"
		return fmt.Errorf("--out: %s is a symlink to %s, and %s %s; refused, nothing was written%s",
			safetext.Terminal(name), safetext.Terminal(target), safetext.Terminal(parent), what, siteHint(hint))
	}
	return fmt.Errorf("--out: %s %s; refused, nothing was written%s", safetext.Terminal(filepath.Dir(name)), what, siteHint(hint))
}

// buildDirPattern is the pattern of the temporary directory a site is
// built in, beside target: ".NAME.tmp-PID-*", so that a later run can
// tell that the process that made it is gone (see cleanStale).
func buildDirPattern(target string) string {
	return "." + filepath.Base(target) + ".tmp-" + strconv.Itoa(os.Getpid()) + "-*"
}

// cleanStale removes the temporary directories that a killed bp site
// (kill -9, a crash, a power cut) left beside target, and names those it
// cannot tell are its own and dead. A directory is removed only when its
// name says that bp made it, the process named there is gone, and what
// is in it is bp's: a build under way (buildMarker: all of it), or the
// files its manifest lists (an old site being removed, or a finished
// build). Anything else in it, such as a kept name moved there in the
// instant before a swap, stays, and bp says where.
func (s *Session) cleanStale(name, osName, target string, quiet bool) {
	parent, base := filepath.Split(target)
	entries, err := os.ReadDir(filepath.Clean(parent))
	if err != nil {
		return
	}
	prefix := "." + base + ".tmp-"
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		rest = strings.TrimSuffix(rest, ".old")
		pid, random, withPID := strings.Cut(rest, "-")
		if !digits(pid) || withPID && !digits(random) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		shown := safetext.Terminal(besideOut(name, osName, target, e.Name()))
		if !withPID {
			fmt.Fprintf(s.stderr(), "bp: %s, beside %s, looks like a site an older bp site left; remove it if no bp site is running\n",
				shown, safetext.Terminal(name))
			continue
		}
		n, err := strconv.Atoi(pid)
		if err != nil || n == os.Getpid() {
			continue
		}
		switch gone, known := processGone(n); {
		case !known:
			fmt.Fprintf(s.stderr(), "bp: %s, beside %s, may be left by a killed bp site; remove it if no bp site is running\n",
				shown, safetext.Terminal(name))
			continue
		case !gone:
			fmt.Fprintf(s.stderr(), "bp: left %s beside %s: process %d, which made it, is running\n", shown, safetext.Terminal(name), n)
			continue
		}
		left, err := removeStale(dir)
		switch {
		case err != nil:
			fmt.Fprintf(s.stderr(), "bp: could not remove %s, left by a killed bp site: %v\n", shown, safetext.Terminal(err.Error()))
		case len(left) > 0:
			fmt.Fprintf(s.stderr(), "bp: left %s, beside %s: a killed bp site left it, and it holds what bp site did not write: %s%s\n",
				shown, safetext.Terminal(name), cleanNames(left), siteHint("if these belong in "+safetext.Terminal(name)+
					" (a kept name moved in the instant before a swap), move them back; then remove "+shown))
		case !quiet:
			fmt.Fprintf(s.stderr(), "bp: removed %s, which a killed bp site left beside %s\n", shown, safetext.Terminal(name))
		}
	}
}

// besideOut names the entry beside --out, for a message: beside the name
// the user gave, or where a symlink led.
func besideOut(name, osName, target, entry string) string {
	if st, err := os.Lstat(osName); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return filepath.Join(filepath.Dir(target), entry)
	}
	return filepath.Join(filepath.Dir(name), entry)
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func cleanNames(names []string) string {
	const most = 5
	out := make([]string, 0, most+1)
	for i, n := range names {
		if i == most {
			out = append(out, fmt.Sprintf("and %d more", len(names)-most))
			break
		}
		out = append(out, safetext.Terminal(n))
	}
	return strings.Join(out, ", ")
}

// removeStale removes a directory a killed bp site left, as far as it
// is bp's (see cleanStale), and returns what it left.
func removeStale(dir string) ([]string, error) {
	if st, err := os.Lstat(filepath.Join(dir, buildMarker)); err == nil && st.Mode().IsRegular() {
		return nil, os.RemoveAll(dir) // a build: nothing in it is anyone else's
	}
	m, err := readManifest(dir)
	if err != nil || m == nil || m.legacy {
		if os.Remove(dir) == nil { // empty: killed as it was made
			return nil, nil
		}
		entries, _ := os.ReadDir(dir)
		left := make([]string, len(entries))
		for i, e := range entries {
			left[i] = e.Name()
		}
		return left, nil
	}
	ours := make([]string, 0, len(m.files))
	for n := range m.files {
		ours = append(ours, n)
	}
	return removeListed(dir, ours), nil
}

// removeListed removes from dir the regular files ours names, then the
// directories left empty, then SiteMarker and dir itself if nothing
// else is left. It follows no symlink, and returns what it left: what
// was not listed.
func removeListed(dir string, ours []string) []string {
	listed := make(map[string]bool, len(ours))
	for _, n := range ours {
		listed[n] = true
	}
	// Each entry in the order of the walk: what to remove, and what is
	// left (stays true where the removal fails).
	type entry struct {
		rel, path string
		left      bool
	}
	var dirs []string
	var entries []entry
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case err != nil:
			entries = append(entries, entry{rel: rel, left: true})
			return nil
		case rel == "." || rel == SiteMarker:
			return nil
		case d.IsDir() && isKept(rel):
			entries = append(entries, entry{rel: rel + "/", left: true})
			return fs.SkipDir
		case d.IsDir():
			dirs = append(dirs, p)
			return nil
		case listed[rel] && d.Type().IsRegular():
			entries = append(entries, entry{rel: rel, path: p})
			return nil
		}
		entries = append(entries, entry{rel: rel, left: true})
		return nil
	})
	// Removed by several goroutines: where the system waits for each
	// file freed (as on the 2-core machines bp is measured on), the
	// 20,000 files of a 10,000-event site take 0.5 s instead of 1.3 s.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range siteRemovers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(entries); i = int(next.Add(1) - 1) {
				if e := &entries[i]; e.path != "" && os.Remove(e.path) != nil {
					e.left = true
				}
			}
		})
	}
	wg.Wait()
	var left []string
	for _, e := range entries {
		if e.left {
			left = append(left, e.rel)
		}
	}
	for _, d := range slices.Backward(dirs) {
		os.Remove(d) // fails, as it should, where something was left
	}
	if len(left) == 0 {
		os.Remove(filepath.Join(dir, SiteMarker))
		if err := os.Remove(dir); err != nil {
			left = append(left, "(the directory: "+err.Error()+")")
		}
	}
	return left
}

// keptEntry is a name of siteKeep moved into the new site: a regular
// file as a second hard link (the old site keeps it until the swap, so
// that no reader misses it), anything else renamed.
type keptEntry struct {
	name   string
	linked fs.FileInfo // the linked file; nil: renamed
}

// keepInto moves the kept names of the old site at target into the
// build at tmp.
func keepInto(tmp, target string, names []string) ([]keptEntry, error) {
	var kept []keptEntry
	for _, n := range names {
		from, to := filepath.Join(target, n), filepath.Join(tmp, n)
		st, err := os.Lstat(from)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return kept, err
		}
		if st.Mode().IsRegular() && os.Link(from, to) == nil {
			kept = append(kept, keptEntry{name: n, linked: st})
			continue
		}
		if err := os.Rename(from, to); err != nil {
			return kept, err
		}
		kept = append(kept, keptEntry{name: n})
	}
	return kept, nil
}

// keepBack undoes keepInto after a failed swap. It returns the names it
// could not move back, which are then in tmp.
func keepBack(tmp, target string, kept []keptEntry) []string {
	var stuck []string
	for _, k := range kept {
		from := filepath.Join(tmp, k.name)
		if k.linked != nil {
			os.Remove(from)
		} else if err := os.Rename(from, filepath.Join(target, k.name)); err != nil {
			stuck = append(stuck, k.name)
		}
	}
	return stuck
}

// removeOld removes the old site, now at dir after the swap: the files
// the check found bp's, and the second links of the kept files. It
// returns what it left: what reached the old site after the check.
func removeOld(dir string, ours []string, kept []keptEntry) []string {
	for _, k := range kept {
		if k.linked == nil {
			continue
		}
		p := filepath.Join(dir, k.name)
		if st, err := os.Lstat(p); err == nil && os.SameFile(st, k.linked) {
			os.Remove(p)
		}
	}
	return removeListed(dir, ours)
}
