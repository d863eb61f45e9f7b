package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

// The send button is disabled, with the reason in words, when the person
// already has the most offers allowed, when an offer between the two is
// waiting, and when the user has sent the most offers allowed.
func TestProfileCardBlocksOffers(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	ctx := context.Background()

	// Five people of other companies send offers to 石井 直樹 (北斗建設).
	all, err := svc.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: svc.me.ParticipantID, Now: svc.now, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var target app.DirectoryEntry
	for _, e := range all {
		if e.Name == "石井 直樹" {
			target = e
		}
	}
	me, err := svc.Person(ctx, svc.me.ParticipantID, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	senders := 0
	for _, e := range all {
		if senders == 5 || e.CompanyID == target.CompanyID {
			continue
		}
		err := app.Run(ctx, svc.Store, app.OfferSend, app.Actor{ParticipantID: e.ID, CompanyID: e.CompanyID, Role: app.RoleParticipant},
			app.Args(app.SendOfferArgs{ID: uuid.NewString(), CohortID: currentCohort(t, svc, me), ToID: target.ID, Message: "よろしくお願いします。",
				Mode: app.ModeOnline, Slots: []time.Time{time.Date(2026, 12, 3, 10, 0, 0, 0, app.Tokyo)}}), svc.now)
		if err == nil {
			senders++
		}
	}
	if senders != 5 {
		t.Fatalf("only %d offers to %s", senders, target.Name)
	}

	d, w := newDirectoryWindow(t, ui, svc)
	dirSearch(t, ui, d, "いしい なおき")
	c := dirTapPerson(t, ui, d, w, "石井 直樹")
	if !c.send.Disabled() || c.reason.Text != "この方は今、多くのオファーを受けています。しばらくしてから、もう一度ご覧ください。" {
		t.Errorf("at the cap: disabled %v, %q", c.send.Disabled(), c.reason.Text)
	}
	test.Tap(c.send)
	if c.dialog != nil {
		t.Error("a disabled send button opened the dialog")
	}

	// 石井 京子 sent the user an offer that waits for their answer; the
	// user sent one to 藤井 誠.
	for _, who := range []struct{ search, name string }{{"きょうこ いしい", "石井 京子"}, {"ふじい", "藤井 誠"}} {
		dirSearch(t, ui, d, who.search)
		c = dirTapPerson(t, ui, d, w, who.name)
		if !c.send.Disabled() || c.reason.Text != "この方とは、お返事を待っているオファーがすでにあります。「受信箱」の「お返事が必要」か「お相手のお返事待ち」でご確認ください。" {
			t.Errorf("%s: disabled %v, %q", who.name, c.send.Disabled(), c.reason.Text)
		}
	}

	// A third pending offer brings the user to their own cap of three.
	dirSearch(t, ui, d, "さかもと")
	c = dirTapPerson(t, ui, d, w, "坂本 直樹")
	if c.send.Disabled() {
		t.Fatalf("坂本 直樹: %q", c.reason.Text)
	}
	if err := svc.Mutate(ctx, app.OfferSend, app.SendOfferArgs{ID: uuid.NewString(), CohortID: c.facts.cohort.ID, ToID: c.person.ID,
		Message: "よろしくお願いします。", Mode: app.ModeOnline, Slots: []time.Time{time.Date(2026, 12, 3, 10, 0, 0, 0, app.Tokyo)}}); err != nil {
		t.Fatal(err)
	}
	dirSearch(t, ui, d, "いのうえ ひでき")
	c = dirTapPerson(t, ui, d, w, "井上 秀樹")
	if !c.send.Disabled() || c.reason.Text != "お返事を待っているオファーが、上限の3件になっています。お返事が届くか、オファーを取り下げると、また送れます。" {
		t.Errorf("own cap: disabled %v, %q", c.send.Disabled(), c.reason.Text)
	}
}

// The reasons that the directory cannot show: a person who no longer
// takes offers, and one with no open cohort in common.
func TestProfileCardBlockRules(t *testing.T) {
	now := testNow
	open := app.Cohort{ID: "c", State: app.CohortOpen, EndsOn: app.Date(2027, 3, 1), Rules: app.DefaultRules}
	person := app.DirectoryEntry{Participant: app.Participant{ID: "p", Visible: true}}
	pending := func(from, to string, expires time.Time) app.InboxItem {
		return app.InboxItem{Offer: app.Offer{FromID: from, ToID: to, CohortID: "c", State: app.OfferPending, ExpiresAt: expires}}
	}
	later := now.Add(time.Hour)
	for _, c := range []struct {
		name string
		f    cardFacts
		want cardBlock
	}{
		{"open", cardFacts{person: person, cohort: open, hasCohort: true}, cardCanSend},
		{"no shared open cohort", cardFacts{person: person}, cardNoCohort},
		{"hidden", cardFacts{person: app.DirectoryEntry{Participant: app.Participant{ID: "p"}}, cohort: open, hasCohort: true}, cardHidden},
		{"an expired offer does not count", cardFacts{person: person, cohort: open, hasCohort: true,
			sent: []app.InboxItem{pending("me", "p", now)}}, cardCanSend},
		{"a pending offer received", cardFacts{person: person, cohort: open, hasCohort: true,
			received: []app.InboxItem{pending("p", "me", later)}}, cardPending},
		{"two sent elsewhere", cardFacts{person: person, cohort: open, hasCohort: true,
			sent: []app.InboxItem{pending("me", "x", later), pending("me", "y", later)}}, cardCanSend},
		{"three sent elsewhere", cardFacts{person: person, cohort: open, hasCohort: true,
			sent: []app.InboxItem{pending("me", "x", later), pending("me", "y", later), pending("me", "z", later)}}, cardSenderFull},
		{"at the cap by the server's word, no offer to them held here", cardFacts{person: app.DirectoryEntry{
			Participant: app.Participant{ID: "p", Visible: true}, AtCapIn: []string{"c"}}, cohort: open, hasCohort: true}, cardRecipientFull},
		{"at the cap of another programme only", cardFacts{person: app.DirectoryEntry{
			Participant: app.Participant{ID: "p", Visible: true}, AtCapIn: []string{"other"}}, cohort: open, hasCohort: true}, cardCanSend},
	} {
		if got := c.f.block(now); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	testapp.Japanese(t)
	if got := cardNoCohort.text(3); got != "この方とは、受付中の同じプログラムに参加していないため、今はオファーを送れません。" {
		t.Errorf("no cohort: %q", got)
	}
	if got := cardHidden.text(3); got != "この方は今、オファーを受け付けていません。" {
		t.Errorf("hidden: %q", got)
	}
}

// A card whose facts cannot be loaded says so, shows what the directory
// gave, and offers no button to send.
func TestProfileCardLoadError(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	all, err := svc.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: svc.me.ParticipantID, Now: svc.now, Text: "いのうえ ひでき"})
	if err != nil || len(all) != 1 {
		t.Fatal(all, err)
	}
	c := NewProfileCard(&brokenPerson{Services: svc}, nil, all[0])
	ui.watch(c.busy)
	test.NewTempWindow(t, c.Content())
	if c.reason.Text != "確認しています…" || !c.send.Disabled() {
		t.Errorf("while loading: %q, disabled %v", c.reason.Text, c.send.Disabled())
	}
	ui.until(t, "the error", func() bool { return !c.busy() })
	if c.reason.Text != "プロフィールを読み込めませんでした。しばらくしてから、もう一度お試しください。" || !c.send.Disabled() {
		t.Errorf("after the error: %q, disabled %v", c.reason.Text, c.send.Disabled())
	}
	if c.name.Text != "井上 秀樹" || c.jobRole.Text != "研究開発" {
		t.Errorf("the directory's data is not shown: %q %q", c.name.Text, c.jobRole.Text)
	}
}

// brokenPerson fails to load anyone's profile.
type brokenPerson struct{ Services }

func (brokenPerson) Person(context.Context, string, time.Time) (app.DirectoryEntry, error) {
	return app.DirectoryEntry{}, errors.New("disk on fire")
}

// The profile shown to others and the form the person edits it in name
// each field in the same words (issue 16).
func TestProfileLabelsSameInViewAndEdit(t *testing.T) {
	for _, code := range []string{"ja", "en"} {
		tr := translations(t, code)
		for _, pair := range [][2]string{
			{"card.job", "profile.job_role"},
			{"card.themes", "profile.themes"},
			{"card.free_times", "profile.free_times"},
		} {
			if tr[pair[0]] != tr[pair[1]] {
				t.Errorf("%s: the profile says %q (%s), its form %q (%s)", code, tr[pair[0]], pair[0], tr[pair[1]], pair[1])
			}
		}
	}
}
