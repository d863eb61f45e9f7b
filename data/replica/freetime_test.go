package replica_test

import (
	"encoding/json"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// A weekly pattern of free times travels with the profile: saved by
// profile.update.v1, kept when a device of before sends none, pulled by
// the other people of the cohort, and redacted with the rest of a hidden
// profile.
func TestFreeWeekSyncs(t *testing.T) {
	weekOf := func(names ...string) app.FreeWeek {
		var w app.FreeWeek
		b, _ := json.Marshal(names)
		if err := json.Unmarshal(b, &w); err != nil {
			t.Fatal(err)
		}
		return w
	}
	d := fixture.Dataset()
	b1Week, b3Week := weekOf("tue-afternoon", "thu-afternoon"), weekOf("sat-morning")
	for i := range d.Participants {
		switch d.Participants[i].ID {
		case fixture.PID("b1"):
			d.Participants[i].FreeWeek = b1Week
		case fixture.PID("b3"): // hidden
			d.Participants[i].FreeWeek = b3Week
		}
	}
	srv := openServer(t, d)
	a, b3 := newPeer(t, srv, "a1"), newPeer(t, srv, "b3")
	fixture.Send(t, srv, "b3", "a1") // a1 now holds b3's hidden profile
	a.pull(t, srv, 1000)
	b3.pull(t, srv, 1000)
	week := func(p *peer, who string) app.FreeWeek {
		t.Helper()
		got, err := fixture.ParticipantOf(p.rep, fixture.PID(who))
		if err != nil {
			t.Fatal(err)
		}
		return got.FreeWeek
	}
	if got := week(a, "b1"); got != b1Week {
		t.Errorf("a1 holds b1's pattern as %b, want %b", got, b1Week)
	}
	if got := week(a, "b3"); !got.Empty() {
		t.Errorf("a1 holds the pattern %b of b3, who is hidden", got)
	}
	if got := week(b3, "b3"); got != b3Week {
		t.Errorf("b3's own pattern in b3's replica: %b, want %b", got, b3Week)
	}
	if got := week(a, "a2"); !got.Empty() {
		t.Errorf("a1 holds a pattern %b for a2, who set none", got)
	}

	// b1 saves from a device of before: the pattern stays.
	args := app.UpdateProfileArgs{Name: "新しい 名前", Kana: "あたらしい なまえ", AgeBand: "55-59", Modes: []app.Mode{app.ModeOnline}, Visible: true}
	fixture.Must(t, srv, "b1", app.ProfileUpdate, args, fixture.Now)
	a.pull(t, srv, 1000)
	if got := week(a, "b1"); got != b1Week {
		t.Errorf("a save without a pattern changed it to %b", got)
	}
	// Then a new pattern, and then none at all.
	evenings := weekOf("mon-evening", "wed-evening")
	args.FreeWeek = &evenings
	fixture.Must(t, srv, "b1", app.ProfileUpdate, args, fixture.Now.Add(time.Minute))
	a.pull(t, srv, 1000)
	if got := week(a, "b1"); got != evenings {
		t.Errorf("after b1 set evenings, a1 holds %b, want %b", got, evenings)
	}
	none := app.FreeWeek(0)
	args.FreeWeek = &none
	fixture.Must(t, srv, "b1", app.ProfileUpdate, args, fixture.Now.Add(2*time.Minute))
	a.pull(t, srv, 1000)
	if got := week(a, "b1"); !got.Empty() {
		t.Errorf("after b1 cleared the pattern, a1 holds %b", got)
	}
	// A time that is no part of a week is refused and changes nothing.
	args.FreeWeek = &evenings
	var raw map[string]any
	if err := json.Unmarshal(app.Args(args), &raw); err != nil {
		t.Fatal(err)
	}
	raw["freeWeek"] = []string{"mon-evening", "mon-night"}
	if err := fixture.Run(srv, "b1", app.ProfileUpdate, json.RawMessage(app.Args(raw)), fixture.Now.Add(3*time.Minute)); app.CodeOf(err) != app.CodeBadArgs {
		t.Errorf("a pattern with mon-night: %v, want bad_args", err)
	}
	a.pull(t, srv, 1000)
	if got := week(a, "b1"); !got.Empty() {
		t.Errorf("a refused pattern reached a1: %b", got)
	}
}
