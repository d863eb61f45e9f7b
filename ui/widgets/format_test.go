package widgets

import (
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

func TestJapaneseDates(t *testing.T) {
	testapp.Japanese(t)
	at := time.Date(2026, 11, 24, 14, 0, 0, 0, app.Tokyo)
	for _, c := range []struct{ got, want string }{
		{FormatDate(at), "2026年11月24日(火)"},
		{FormatDateTime(at), "2026年11月24日(火) 14:00"},
		{FormatDateTime(at.UTC()), "2026年11月24日(火) 14:00"}, // always Tokyo time
		{FormatSlot(app.Slot{Start: at, End: at.Add(time.Hour)}), "2026年11月24日(火) 14:00〜15:00"},
		{FormatMonth(at), "2026年11月"},
		{FormatShortDateTime(time.Date(2026, 12, 7, 4, 40, 0, 0, time.UTC)), "12月7日 13:40"}, // Tokyo time
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
