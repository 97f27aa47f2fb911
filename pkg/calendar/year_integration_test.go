//go:build integration

package calendar_test

import (
	"testing"

	"github.com/icmpd/bp/pkg/calendar"
)

// TestYearOfWorkInterop plays TestYearOfWork's scenes, and after each
// one every client reads the calendar as the interop tests read theirs.
func TestYearOfWorkInterop(t *testing.T) { yearOfWork(t, calendar.ReadByEveryClient) }
