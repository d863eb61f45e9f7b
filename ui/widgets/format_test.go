package widgets

import (
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/assets"
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

// An age band reads naturally in each language: with its unit after a
// span (50〜54歳, 50–54 years), as a decade otherwise (50代, 50s).
func TestFormatAgeBand(t *testing.T) {
	testapp.Japanese(t)
	t.Cleanup(func() {
		if err := assets.UseLanguage("ja"); err != nil {
			t.Error(err)
		}
	})
	for _, c := range []struct {
		language string
		want     [2]string
	}{
		{"ja", [2]string{"50〜54歳", "50代"}},
		{"en", [2]string{"50–54 years", "50s"}},
	} {
		if err := assets.UseLanguage(c.language); err != nil {
			t.Fatal(err)
		}
		if got := [2]string{FormatAgeBand("50-54"), FormatAgeBand("50s")}; got != c.want {
			t.Errorf("%s: %q, want %q", c.language, got, c.want)
		}
	}
}
