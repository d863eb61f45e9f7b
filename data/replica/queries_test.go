package replica_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
)

// names lists the fixture names of directory entries, in order.
func namesOf(es []app.DirectoryEntry) []string {
	var out []string
	for _, e := range es {
		for _, p := range fixture.People {
			if fixture.PID(p.ID) == e.ID {
				out = append(out, p.ID)
			}
		}
	}
	return out
}

func search(t *testing.T, st *replica.Store, q app.DirectoryQuery) []string {
	t.Helper()
	if q.ViewerID == "" {
		q.ViewerID = fixture.PID("a1")
	}
	q.Now = fixture.Now
	es, err := st.SearchDirectory(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return namesOf(es)
}

func TestDirectoryJapaneseSearch(t *testing.T) {
	st := open(t, fixture.Dataset())
	cases := []struct {
		text string
		want []string
	}{
		{"", []string{"c1", "d2", "b1", "b2", "d1", "c2"}},         // everyone a1 may see, by reading: イトウ コバヤシ スズキ タカハシ ナカムラ ワタナベ
		{"鈴木", []string{"b1"}},                                     // kanji
		{"すずき", []string{"b1"}},                                    // hiragana finds the katakana reading
		{"スズキ", []string{"b1"}},                                    // katakana
		{"ｽｽﾞｷ", []string{"b1"}},                                   // half-width katakana
		{"いちろう", []string{"b1"}},                                   // the given name's reading
		{"すずき　いちろう", []string{"b1"}},                               // full-width space between terms
		{"すずき たかはし", nil},                                          // every term must match
		{"金融", []string{"b1", "b2"}},                               // industry
		{"ｂ商事", []string{"b1", "b2"}},                              // company name, full-width Latin
		{"B商事", []string{"b1", "b2"}},                              // upper case
		{"セカンドキャリア", []string{"c1", "d2", "b1", "b2", "d1", "c2"}}, // a theme
		{"せかんど", []string{"c1", "d2", "b1", "b2", "d1", "c2"}},
		{"営業部長", []string{"c1", "d2", "b1", "b2", "d1", "c2"}}, // job role
		{"山田", nil},  // a colleague of the viewer's: never listed
		{"たなか", nil}, // invisible
		{"かとう", nil}, // in no cohort of the viewer's
		{"吉田", nil},  // HR of the viewer's company
		{"存在しない", nil},
	}
	for _, c := range cases {
		if got := search(t, st, app.DirectoryQuery{Text: c.text}); !slices.Equal(got, c.want) {
			t.Errorf("search %q: got %v, want %v", c.text, got, c.want)
		}
	}
}

func TestDirectoryFilters(t *testing.T) {
	st := open(t, fixture.Dataset())
	k := fixture.Accepted(t, st, "a1", "b1")
	fixture.Send(t, st, "d1", "c1")
	fixture.Must(t, st, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("c2"), On: true}, fixture.Now)
	cases := []struct {
		name string
		q    app.DirectoryQuery
		want []string
	}{
		{"industry", app.DirectoryQuery{Industry: "情報通信"}, []string{"c1", "c2"}},
		{"theme", app.DirectoryQuery{Theme: "学び直し"}, []string{"c1", "d2", "b1", "b2", "d1", "c2"}},
		{"unknown theme", app.DirectoryQuery{Theme: "学び"}, nil},
		{"age band", app.DirectoryQuery{AgeBand: "55-59"}, []string{"c1", "d2", "b1", "b2", "d1", "c2"}},
		{"other age band", app.DirectoryQuery{AgeBand: "45-49"}, nil},
		{"mode", app.DirectoryQuery{Mode: app.ModeOnline}, []string{"c1", "d2", "b1", "d1", "c2"}},
		{"not talked to", app.DirectoryQuery{NotTalkedTo: true}, []string{"c1", "d2", "b2", "d1", "c2"}},
		{"no offers yet", app.DirectoryQuery{NoOffersYet: true}, []string{"d2", "b2", "d1", "c2"}},
		{"bookmarked", app.DirectoryQuery{BookmarkedOnly: true}, []string{"c2"}},
		{"filters and text", app.DirectoryQuery{Industry: "情報通信", Text: "わたなべ"}, []string{"c2"}},
		{"a page", app.DirectoryQuery{Limit: 2, Offset: 2}, []string{"b1", "b2"}},
	}
	for _, c := range cases {
		if got := search(t, st, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	// A cancelled talk no longer counts as having talked.
	fixture.Must(t, st, "b1", app.TalkCancel, app.CancelTalkArgs{TalkID: k, Reason: "work"}, fixture.Now)
	if got := search(t, st, app.DirectoryQuery{NotTalkedTo: true}); !slices.Contains(got, "b1") {
		t.Errorf("after cancelling, not talked to: %v", got)
	}
	// The entry carries what the profile card needs.
	es, _ := st.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: fixture.PID("b1"), Text: "いとう", Now: fixture.Now})
	if len(es) != 1 || es[0].PendingReceived != 1 || es[0].CompanyName != "株式会社C商事" || es[0].Industry != "情報通信" ||
		es[0].Bookmarked || !slices.Equal(es[0].Themes, []string{"セカンドキャリア", "学び直し"}) {
		t.Errorf("entry %+v", es)
	}
}

// The age filter works with both precisions: a decade finds the people
// known only by that decade and those whose five-year band is in it; a
// five-year band finds its own people only.
func TestDirectoryAgeDecades(t *testing.T) {
	d := fixture.Dataset()
	bands := map[string]app.AgeBand{"c1": "50s", "d2": "50-54", "b1": "60-65", "b2": "40s", "d1": "45-49"} // c2 stays 55-59
	for i, p := range d.Participants {
		for id, b := range bands {
			if p.ID == fixture.PID(id) {
				d.Participants[i].AgeBand = b
			}
		}
	}
	st := open(t, d)
	for _, c := range []struct {
		band app.AgeBand
		want []string
	}{
		{"50s", []string{"c1", "d2", "c2"}},
		{"50-54", []string{"d2"}},
		{"55-59", []string{"c2"}},
		{"40s", []string{"b2", "d1"}},
		{"45-49", []string{"d1"}},
		{"60s", []string{"b1"}},
		{"60-65", []string{"b1"}},
	} {
		if got := search(t, st, app.DirectoryQuery{AgeBand: c.band}); !slices.Equal(got, c.want) {
			t.Errorf("age %s: got %v, want %v", c.band, got, c.want)
		}
	}
}

func inbox(t *testing.T, st *replica.Store, who string, box app.Box, clock time.Time) []string {
	t.Helper()
	items, err := st.Inbox(context.Background(), fixture.PID(who), box, clock)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func TestInbox(t *testing.T) {
	st := open(t, fixture.Dataset())
	o1 := fixture.Send(t, st, "a1", "b1")
	o2 := fixture.Send(t, st, "c1", "a1")
	o3 := fixture.Send(t, st, "a1", "d1")
	fixture.Must(t, st, "d1", app.OfferDecline, app.DeclineOfferArgs{OfferID: o3, Reason: "schedule"}, fixture.Now.Add(time.Hour))

	eq := func(name string, got []string, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	eq("a1 needs to answer", inbox(t, st, "a1", app.BoxNeedsMyAnswer, fixture.Now), o2)
	eq("b1 needs to answer", inbox(t, st, "b1", app.BoxNeedsMyAnswer, fixture.Now), o1)
	eq("a1 sent, newest activity first", inbox(t, st, "a1", app.BoxSent, fixture.Now), o3, o1)
	eq("a1 received", inbox(t, st, "a1", app.BoxReceived, fixture.Now), o2)
	eq("a1 finished", inbox(t, st, "a1", app.BoxFinished, fixture.Now), o3)

	fixture.Must(t, st, "b1", app.OfferCounter, app.CounterOfferArgs{OfferID: o1, Slots: []time.Time{fixture.At(9, 10)}}, fixture.Now.Add(2*time.Hour))
	eq("after b1's counter, a1 answers", inbox(t, st, "a1", app.BoxNeedsMyAnswer, fixture.Now.Add(3*time.Hour)), o1, o2)
	eq("b1 no longer", inbox(t, st, "b1", app.BoxNeedsMyAnswer, fixture.Now.Add(3*time.Hour)))

	later := fixture.Now.AddDate(0, 0, 7).Add(time.Minute) // o2 has expired by the clock, o1 (countered later) not yet
	eq("past expiry, nothing to answer", inbox(t, st, "a1", app.BoxNeedsMyAnswer, later), o1)
	eq("an offer past expiry is finished", inbox(t, st, "a1", app.BoxFinished, later), o3, o2)

	items, _ := st.Inbox(context.Background(), fixture.PID("a1"), app.BoxReceived, fixture.Now)
	if len(items) != 1 || items[0].OtherName != "伊藤 誠" || items[0].OtherKana != "イトウ マコト" || items[0].OtherCompany != "株式会社C商事" {
		t.Errorf("received item %+v", items)
	}
}

func TestTalksBetween(t *testing.T) {
	st := open(t, fixture.Dataset())
	k1 := fixture.Accepted(t, st, "a1", "b1") // day 3, 14:00
	id := fixture.Send(t, st, "c1", "a1")
	fixture.Must(t, st, "a1", app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: fixture.At(4, 10)}, fixture.Now)
	k2 := app.TalkIDFor(id)
	fixture.Accepted(t, st, "c2", "d1") // not a1's

	got, err := st.TalksBetween(context.Background(), fixture.PID("a1"), fixture.At(3, 0), fixture.At(5, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != k1 || got[1].ID != k2 || got[0].OtherID != fixture.PID("b1") || got[0].OtherName != "鈴木 一郎" ||
		got[1].OtherCompany != "株式会社C商事" {
		t.Fatalf("talks %+v", got)
	}
	// The range is half-open: a talk starting at its end is outside.
	got, _ = st.TalksBetween(context.Background(), fixture.PID("a1"), fixture.At(3, 0), fixture.At(4, 10))
	if len(got) != 1 || got[0].ID != k1 {
		t.Fatalf("talks before day 4 10:00: %+v", got)
	}
}

func TestSurveyAggregate(t *testing.T) {
	st := open(t, fixture.Dataset())
	after := fixture.At(3, 15).Add(time.Minute)
	agg := func(f app.SurveyFilter) app.SurveyAggregate {
		a, err := st.SurveyAggregate(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	// Five respondents (the first talk is answered by both sides) across
	// four talks.
	pairs := [][2]string{{"a1", "b1"}, {"c1", "d1"}, {"c2", "b2"}, {"d2", "a2"}}
	scores := [][2]int{{7, 10}, {6, 9}, {5, 6}, {4, 8}}
	for i, p := range pairs {
		k := fixture.Accepted(t, st, p[0], p[1])
		s, r := scores[i][0], scores[i][1]
		fixture.Must(t, st, p[0], app.SurveySubmit, app.SubmitSurveyArgs{TalkID: k, Satisfaction: &s, Recommend: &r}, after)
		if i == 0 {
			s, r := 3, 2
			fixture.Must(t, st, p[1], app.SurveySubmit, app.SubmitSurveyArgs{TalkID: k, Satisfaction: &s, Recommend: &r}, after)
		}
	}
	a := agg(app.SurveyFilter{CohortID: fixture.CoOpen})
	if a.Suppressed || a.Respondents != 5 || a.Answers != 5 {
		t.Fatalf("aggregate of 5 people: %+v", a)
	}
	// satisfaction 7 6 5 4 3, recommend 10 9 6 8 2: promoters 2, detractors 2.
	if a.AvgSatisfaction != 5 || a.AvgRecommend != 7 || a.NPS != 0 {
		t.Errorf("aggregate %+v", a)
	}
	if a := agg(app.SurveyFilter{CompanyID: fixture.CompanyID("C")}); !a.Suppressed || a.Respondents != 2 || a.AvgSatisfaction != 0 {
		t.Errorf("a company with 2 respondents must be suppressed: %+v", a)
	}
	if a := agg(app.SurveyFilter{CohortID: fixture.CoDraft}); !a.Suppressed || a.Answers != 0 {
		t.Errorf("empty cohort: %+v", a)
	}
}

func TestExpire(t *testing.T) {
	st := open(t, fixture.Dataset())
	early := fixture.Send(t, st, "a1", "b1")
	late := fixture.NewID()
	fixture.Must(t, st, "c1", app.OfferSend, app.SendOfferArgs{ID: late, CohortID: fixture.CoOpen, ToID: fixture.PID("d1"),
		Message: "よろしくお願いします。", Mode: app.ModeOnline, Slots: []time.Time{fixture.At(10, 10)}}, fixture.Now.AddDate(0, 0, 3))

	done := fixture.Send(t, st, "c2", "b2")
	fixture.Must(t, st, "b2", app.OfferDecline, app.DeclineOfferArgs{OfferID: done, Reason: "other"}, fixture.Now)

	n, err := app.Expire(context.Background(), st, fixture.Now.AddDate(0, 0, 7))
	if err != nil || n != 1 {
		t.Fatalf("expire at day 7: %d, %v", n, err)
	}
	if o := fixture.OfferOf(t, st, early); o.State != app.OfferExpired || o.Turn != "" {
		t.Errorf("the early offer is %s", o.State)
	}
	if o := fixture.OfferOf(t, st, late); o.State != app.OfferPending {
		t.Errorf("the late offer is %s", o.State)
	}
	if o := fixture.OfferOf(t, st, done); o.State != app.OfferDeclined {
		t.Errorf("a declined offer became %s", o.State)
	}
	// Once the cohort's last day is over, every pending offer expires.
	n, err = app.Expire(context.Background(), st, app.Date(2027, 3, 1))
	if err != nil || n != 1 || fixture.OfferOf(t, st, late).State != app.OfferExpired {
		t.Fatalf("expire after the cohort: %d, %v", n, err)
	}
}

// The demo consortium loads, and its user sees a full directory of other
// companies, offers waiting for an answer and talks to come.
func TestDemoLoads(t *testing.T) {
	clock := time.Now()
	d := demo.Demo(clock)
	st := open(t, d)
	me := demo.DemoUser
	var company string
	for _, p := range d.Participants {
		if p.ID == me {
			company = p.CompanyID
		}
	}
	es, err := st.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: me, Now: clock, Limit: 100})
	if err != nil || len(es) < 30 {
		t.Fatalf("demo directory: %d entries, %v", len(es), err)
	}
	for _, e := range es {
		if e.CompanyID == company || !e.Visible || e.ID == me {
			t.Errorf("demo directory lists %s (%s)", e.Name, e.CompanyName)
		}
	}
	if got, _ := st.Inbox(context.Background(), me, app.BoxNeedsMyAnswer, clock); len(got) < 2 {
		t.Errorf("demo user has %d offers to answer", len(got))
	}
	if got, _ := st.TalksBetween(context.Background(), me, clock, clock.AddDate(0, 0, 21)); len(got) < 3 {
		t.Errorf("demo user has %d talks in three weeks", len(got))
	}
}

// The in-memory directory index follows every commit that changes what it
// holds, and only those.
func TestDirectoryIndexFollowsWrites(t *testing.T) {
	st := open(t, fixture.Dataset())
	q := app.DirectoryQuery{ViewerID: fixture.PID("b1"), Text: "囲碁"}
	if got := search(t, st, q); got != nil {
		t.Fatalf("before: %v", got)
	}
	fixture.Must(t, st, "a1", app.ProfileUpdate, app.UpdateProfileArgs{Name: "山田 太郎", Kana: "ヤマダ タロウ", AgeBand: "50-54",
		Intro: "囲碁が趣味です。", Modes: []app.Mode{app.ModePhone}, Visible: true}, fixture.Now)

	if got := search(t, st, q); !slices.Equal(got, []string{"a1"}) {
		t.Fatalf("after a profile update: %v", got)
	}
	fixture.Leave(t, st, "a1")
	if got := search(t, st, q); got != nil {
		t.Fatalf("after leaving the cohort: %v", got)
	}
}

func TestFacetsAndSurveysDue(t *testing.T) {
	st := open(t, fixture.Dataset())
	inds, themes, err := st.Facets(context.Background(), fixture.PID("a1"))
	if err != nil || !slices.Equal(inds, []string{"小売", "情報通信", "金融"}) || !slices.Equal(themes, []string{"セカンドキャリア", "学び直し"}) {
		t.Fatalf("facets %v %v %v", inds, themes, err)
	}
	k1 := fixture.Accepted(t, st, "a1", "b1") // day 3, 14:00–15:00
	k2 := fixture.Accepted(t, st, "c1", "a1")
	fixture.Must(t, st, "a1", app.TalkCancel, app.CancelTalkArgs{TalkID: k2, Reason: "work"}, fixture.Now)
	due := func(clock time.Time) []string {
		items, err := st.SurveysDue(context.Background(), fixture.PID("a1"), clock)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		return ids
	}
	if got := due(fixture.At(3, 14)); got != nil {
		t.Errorf("before the end: %v", got)
	}
	after := fixture.At(3, 15)
	if got := due(after); !slices.Equal(got, []string{k1}) {
		t.Errorf("after the end: %v, want the held talk and not the cancelled one", got)
	}
	s, r := 6, 9
	fixture.Must(t, st, "a1", app.SurveySubmit, app.SubmitSurveyArgs{TalkID: k1, Satisfaction: &s, Recommend: &r}, after)
	if got := due(after); got != nil {
		t.Errorf("after answering: %v", got)
	}
	if items, _ := st.SurveysDue(context.Background(), fixture.PID("b1"), after); len(items) != 1 {
		t.Errorf("b1's survey is still due: %v", items)
	}
}
