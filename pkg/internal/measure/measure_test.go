package measure

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

func TestMedianAndRatios(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	in := []float64{5, 1, 3}
	Median(in)
	if in[0] != 5 || in[1] != 1 {
		t.Errorf("Median sorted its argument: %v", in)
	}
	got := Ratios([]float64{2, 3, 9, 4}, []float64{1, 0, 3})
	if len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("Ratios = %v, want [2 3]: pairs up to the shorter, none over 0", got)
	}
}

// Run reports a child's CPU time and peak memory where the system tells
// them: a child that holds 64 MiB peaks above it.
func TestRunReportsPeak(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak memory is checked on Linux only")
	}
	if os.Getenv("MEASURE_CHILD") == "1" {
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = 1
		}
		os.Exit(int(b[len(b)-1]) - 1)
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestRunReportsPeak$")
	cmd.Env = append(os.Environ(), "MEASURE_CHILD=1")
	u, err := Run(cmd)
	if err != nil {
		t.Fatal(err)
	}
	if u.Peak < 64<<20 || u.CPU <= 0 || u.Wall <= 0 {
		t.Errorf("Run = %+v, want a peak of at least 64 MiB and some CPU time", u)
	}
	if c, ok := Self(); !ok || c <= 0 {
		t.Errorf("Self() = %v, %v", c, ok)
	}
}
