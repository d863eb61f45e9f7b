package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// openFollowing opens the talk on day, as openTalk does, once whatever
// opening it started has ended, and hooks its Reload to reloaded.
func (f *calendarFixture) openFollowing(t *testing.T, day time.Time) (d *TalkDetail, k app.TalkItem, settled, reloaded signal) {
	t.Helper()
	d, k, settled = f.openTalk(t, day)
	settle() // the reload that marking the change seen started
	reloaded = newSignal()
	d.reloaded = reloaded.hook
	return d, k, settled, reloaded
}

// byOther makes the change mutator with args as the other person of
// talk k, as a sync brings it to the local file.
func (f *calendarFixture) byOther(t *testing.T, k app.TalkItem, mutator string, args any) {
	t.Helper()
	other := app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant}
	if err := app.Run(context.Background(), f.svc.Store, mutator, other, app.Args(args), testNow); err != nil {
		t.Fatal(err)
	}
}

// synced reloads the calendar as the window does after a sync, and waits
// for the open detail to read its talk again.
func (f *calendarFixture) synced(t *testing.T, reloaded signal) {
	t.Helper()
	f.cal.Refresh()
	reloaded.wait(t, "reading the talk again")
	f.loaded.wait(t, "reloading the calendar")
}

// overlaysHave reports whether a dialog on the window shows o.
func (f *calendarFixture) overlaysHave(o fyne.CanvasObject) bool {
	for _, x := range f.win.Canvas().Overlays().List() {
		if treeHas(x, o) {
			return true
		}
	}
	return false
}

// overlayTexts is every text the window's dialogs show.
func (f *calendarFixture) overlayTexts() []string {
	var texts []string
	for _, x := range f.win.Canvas().Overlays().List() {
		texts = append(texts, uitest.ShownTexts(x)...)
	}
	return texts
}

// The other person withdraws their proposal while its detail is open: after
// the sync, the detail no longer offers to accept it, and its history
// says what happened.
func TestTalkDetailFollowsAWithdrawnProposal(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, _, reloaded := f.openFollowing(t, app.Date(2026, 12, 1))
	if !d.proposalBox.Visible() || !treeHas(d.proposalButtons, d.acceptTime) {
		t.Fatal("the other side's proposal is not shown")
	}
	f.byOther(t, k, app.TalkWithdrawTime, app.TimeAnswerArgs{TalkID: k.ID, Start: k.Proposal.Start})
	f.synced(t, reloaded)
	if d.proposalBox.Visible() {
		t.Errorf("the withdrawn proposal is still shown: %q", shownText(d.proposalBox))
	}
	if h := shownText(d.history); !strings.Contains(h, "石井 大輔さんが日時の変更の提案（") || !strings.Contains(h, "を取り下げました") {
		t.Errorf("history %q", h)
	}
	if d.when.Text != widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}) || d.state.Text != "予定" {
		t.Errorf("the detail shows %q %q", d.when.Text, d.state.Text)
	}
}

// The other person cancels the talk while the user is about to cancel it
// too: after the sync, the detail shows 中止 without 中止する, and the
// cancel dialog, which no longer applies, closes and says why.
func TestTalkDetailFollowsACancellation(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, _, reloaded := f.openFollowing(t, app.Date(2026, 11, 27))
	test.Tap(d.cancel)
	if !f.overlaysHave(d.confirmCancel) {
		t.Fatal("the cancel dialog did not open")
	}
	f.byOther(t, k, app.TalkCancel, app.CancelTalkArgs{TalkID: k.ID, Reason: "work"})
	f.synced(t, reloaded)
	if d.state.Text != "中止（急な仕事が入りました）" || treeHas(d.actions, d.cancel) || treeHas(d.actions, d.move) {
		t.Errorf("the detail shows %q, actions %q", d.state.Text, shownText(d.actions))
	}
	if f.overlaysHave(d.confirmCancel) {
		t.Error("the cancel dialog is still open")
	}
	const why = "このクロストークは中止になりました。"
	if !d.notice.Visible() || d.notice.Text != why || !slices.Contains(f.overlayTexts(), why) {
		t.Errorf("notice %q, dialogs say %q", d.notice.Text, f.overlayTexts())
	}
	if c := f.calls(); len(c) != 0 {
		t.Errorf("mutations %v", c)
	}
}

// The dialog that asks before accepting closes once the proposal it
// answers is withdrawn, and says so; nothing is accepted.
func TestTalkDetailClosesTheAcceptDialogOfAWithdrawnProposal(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, _, reloaded := f.openFollowing(t, app.Date(2026, 12, 1))
	test.Tap(d.acceptTime)
	if !f.overlaysHave(d.confirmAccept) {
		t.Fatal("the accept dialog did not open")
	}
	f.byOther(t, k, app.TalkWithdrawTime, app.TimeAnswerArgs{TalkID: k.ID, Start: k.Proposal.Start})
	f.synced(t, reloaded)
	if f.overlaysHave(d.confirmAccept) || d.asking != nil {
		t.Error("the accept dialog is still open")
	}
	const why = "石井 大輔さんがこの提案を取り下げました。"
	if d.notice.Text != why || !slices.Contains(f.overlayTexts(), why) {
		t.Errorf("notice %q, dialogs say %q", d.notice.Text, f.overlayTexts())
	}
	if slices.Contains(f.calls(), app.TalkAcceptTime) {
		t.Errorf("accepted: %v", f.calls())
	}
	// The other person then proposes another time: why the question was
	// closed no longer holds, and goes.
	f.byOther(t, k, app.TalkProposeTime, app.ProposeTimeArgs{TalkID: k.ID, Start: k.Proposal.Start.AddDate(0, 0, 1)})
	f.synced(t, reloaded)
	if d.notice.Visible() || !d.proposalBox.Visible() {
		t.Errorf("after a new proposal: notice %v %q, proposal shown %v", d.notice.Visible(), d.notice.Text, d.proposalBox.Visible())
	}
}

// A question that still applies stays open through a sync that changes
// nothing it asks about.
func TestTalkDetailKeepsAQuestionThatStillApplies(t *testing.T) {
	f := newCalendarFixture(t)
	d, _, _, reloaded := f.openFollowing(t, app.Date(2026, 12, 1))
	test.Tap(d.acceptTime)
	f.synced(t, reloaded)
	if !f.overlaysHave(d.confirmAccept) || d.asking == nil || d.notice.Visible() {
		t.Errorf("after a sync that changed nothing: dialog open %v, notice %q", f.overlaysHave(d.confirmAccept), d.notice.Text)
	}
}

// Accepted offline, then refused by the server (the local file undoes the
// move on the next pull): the detail goes back to the time the talk
// keeps, and the notice that it moved goes.
func TestTalkDetailDropsANoticeThatNoLongerHolds(t *testing.T) {
	f := newCalendarFixture(t)
	f.svc.setServer(true, "")
	d, k, settled, reloaded := f.openFollowing(t, app.Date(2026, 12, 1))
	test.Tap(d.acceptTime)
	test.Tap(d.confirmAccept)
	settled.wait(t, "accepting the time")
	f.loaded.wait(t, "reloading the calendar")
	reloaded.wait(t, "reading the talk again after accepting")
	if !d.notice.Visible() || !strings.HasPrefix(d.notice.Text, "クロストークを") {
		t.Fatalf("notice after accepting %q", d.notice.Text)
	}
	// A sync that changes nothing keeps it.
	f.synced(t, reloaded)
	if !d.notice.Visible() || !strings.HasPrefix(d.notice.Text, "クロストークを") {
		t.Fatalf("a sync that changed nothing took the notice: %q", d.notice.Text)
	}

	// The server refused: the local file has the talk as it was.
	if err := f.svc.Store.Update(context.Background(), func(tx app.Tx) error {
		ok, err := tx.UpdateTalk(context.Background(), k.Talk, app.TalkScheduled)
		if err == nil && !ok {
			t.Error("the talk was not written back")
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f.synced(t, reloaded)
	if d.notice.Visible() {
		t.Errorf("the notice %q stays after the move was undone", d.notice.Text)
	}
	if d.when.Text != widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}) || !d.proposalBox.Visible() {
		t.Errorf("the detail shows %q, proposal %v", d.when.Text, d.proposalBox.Visible())
	}
	if h := shownText(d.history); strings.Contains(h, "あなたが日時の変更に同意しました") {
		t.Errorf("history %q", h)
	}
}

// While the user's own change is being saved, the detail does not read
// the talk again; it does once the change was shown.
func TestTalkDetailReloadsAfterTheUsersOwnChange(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, _, reloaded := f.openFollowing(t, app.Date(2026, 12, 1))
	f.byOther(t, k, app.TalkWithdrawTime, app.TimeAnswerArgs{TalkID: k.ID, Start: k.Proposal.Start})
	d.setBusy(true)
	f.cal.Refresh()
	f.loaded.wait(t, "reloading the calendar")
	settle()
	if !d.proposalBox.Visible() || len(reloaded) != 0 {
		t.Fatalf("the detail read the talk while busy (proposal shown %v)", d.proposalBox.Visible())
	}
	d.setBusy(false)
	d.done()
	reloaded.wait(t, "reading the talk once not busy")
	if d.proposalBox.Visible() {
		t.Error("the withdrawn proposal is still shown")
	}
}
