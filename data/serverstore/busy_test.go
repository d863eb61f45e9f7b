package serverstore_test

import (
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// MergeBusy rounds out to the parts of the day (before 13:00, 13:00–17:00,
// from 17:00), merges what touches or overlaps, and cuts to the period
// widened to whole parts, in order.
func TestMergeBusy(t *testing.T) {
	at := func(hm string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-27 "+hm, app.Tokyo)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	s := func(from, to string) app.Slot { return app.Slot{Start: at(from), End: at(to)} }
	show := func(slots []app.Slot) string {
		var out []string
		for _, x := range slots {
			out = append(out, x.Start.In(app.Tokyo).Format("15:04")+"-"+x.End.In(app.Tokyo).Format("15:04"))
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		name  string
		taken []app.Slot
		want  string
	}{
		{"none", nil, ""},
		{"rounded out to the afternoon", []app.Slot{s("14:10", "14:55")}, "13:00-17:00"},
		{"on the half hour", []app.Slot{s("14:30", "15:30")}, "13:00-17:00"},
		{"two in one part", []app.Slot{s("15:40", "16:40"), s("14:10", "15:10")}, "13:00-17:00"},
		{"the whole part", []app.Slot{s("13:00", "17:00"), s("14:00", "15:00")}, "13:00-17:00"},
		{"a lunch talk is the morning's", []app.Slot{s("12:00", "13:00")}, "00:00-13:00"},
		{"across two parts", []app.Slot{s("16:30", "17:30")}, "13:00-00:00"},
		{"morning and afternoon merge", []app.Slot{s("16:00", "17:00"), s("10:00", "11:00")}, "00:00-17:00"},
		{"whole parts at the period's ends", []app.Slot{s("08:00", "09:30"), s("19:45", "21:00")}, "00:00-13:00 17:00-00:00"},
		{"early and late talks", []app.Slot{s("07:00", "08:00"), s("20:00", "21:00")}, "00:00-13:00 17:00-00:00"},
	} {
		if got := show(serverstore.MergeBusy(tc.taken, at("09:00"), at("20:00"))); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// A narrower period tells nothing more: a talk from 15:10 to 15:40
	// is the whole afternoon, whether the period asked ends before it,
	// just inside it, starts after it or just before its end.
	talk := []app.Slot{s("15:10", "15:40")}
	for _, p := range [][2]string{{"14:00", "15:10"}, {"14:00", "15:11"}, {"15:40", "16:00"}, {"15:39", "16:00"}, {"13:00", "13:01"}} {
		if got := show(serverstore.MergeBusy(talk, at(p[0]), at(p[1]))); got != "13:00-17:00" {
			t.Errorf("asked %s–%s: %q, want the whole afternoon", p[0], p[1], got)
		}
	}
	if got := show(serverstore.MergeBusy(talk, at("09:00"), at("13:00"))); got != "" {
		t.Errorf("asked the morning: %q", got)
	}
}
