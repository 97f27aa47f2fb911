package calendar

// What the tests of package calendar_test use of this package's own
// tests: they are apart because they import packages that import
// calendar (pkg/edit, through plandiff's rule of which entries changed).

// Published is the plan as first published that the tests read.
const Published = published

// LoadPlan, Serialize and VEvents are loadPlan, serialize and vevents.
var (
	LoadPlan  = loadPlan
	Serialize = serialize
	VEvents   = vevents
)
