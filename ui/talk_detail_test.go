package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// openTalk opens, from the calendar's list, the talk that starts on day,
// and hooks the detail's background steps to settled.
func (f *calendarFixture) openTalk(t *testing.T, day time.Time) (*TalkDetail, app.TalkItem, signal) {
	t.Helper()
	ks := f.talks(t, day, day.AddDate(0, 0, 1))
	if len(ks) == 0 {
		t.Fatalf("no talk on %s", dayKey(day))
	}
	test.Tap(f.row(t, ks[0].ID))
	d := f.cal.detail
	if d == nil {
		t.Fatal("the detail did not open")
	}
	settled := newSignal()
	d.settled = settled.hook
	if _, ok := ks[0].ChangedBy(ks[0].OtherID); ok {
		// Opening it marks the other person's change seen, and the
		// calendar loads again.
		f.loaded.wait(t, "the calendar after the change was seen")
	}
	return d, ks[0], settled
}

// talkByID finds talk id among the demo user's talks of the coming
// weeks, as the store has it.
func (f *calendarFixture) talkByID(t *testing.T, id string) app.TalkItem {
	t.Helper()
	for _, k := range f.talks(t, testNow.AddDate(0, 0, -30), testNow.AddDate(0, 0, 60)) {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("talk %s not found", id)
	return app.TalkItem{}
}

func (f *calendarFixture) calls() []string {
	f.svc.mu.Lock()
	defer f.svc.mu.Unlock()
	return append([]string(nil), f.svc.calls...)
}

// The detail shows who, when, how and where; an online talk's link can be
// followed.
func TestTalkDetailShowsTheTalk(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, _ := f.openTalk(t, app.Date(2026, 11, 27))
	for name, c := range map[string]struct{ got, want string }{
		"person":  {d.person.Text, "西村 信也さん"},
		"company": {d.company.Text, "株式会社あおば銀行"},
		"when":    {d.when.Text, "2026年11月27日(金) 15:00〜16:00"},
		"mode":    {d.mode.Text, "オンライン"},
		"place":   {d.placeName.Text, "参加用リンク"},
		"state":   {d.state.Text, "予定"},
	} {
		if c.got != c.want {
			t.Errorf("%s %q, want %q", name, c.got, c.want)
		}
	}
	link, ok := d.placeBox.Objects[0].(*widget.Hyperlink)
	if !ok || link.URL == nil || link.URL.String() != k.Place || !strings.HasPrefix(k.Place, "https://") {
		t.Fatalf("the link %q is not a hyperlink: %#v", k.Place, d.placeBox.Objects[0])
	}
	for _, b := range []*widget.Button{d.move, d.export, d.cancel} {
		if !treeHas(d.actions, b) || b.Disabled() {
			t.Errorf("action %q not offered", b.Text)
		}
	}
	if d.move.Text != "日時の変更を提案する" || d.cancel.Text != "中止する" || d.export.Text != "カレンダーに追加" {
		t.Errorf("actions %q %q %q", d.move.Text, d.cancel.Text, d.export.Text)
	}
	if h := d.move.Size().Height; h < widgets.TallButton {
		t.Errorf("the buttons are %v high", h)
	}

	// An in-person talk names its place; a phone talk says how.
	test.Tap(d.back)
	d, k, _ = f.openTalk(t, app.Date(2026, 12, 1))
	if l, ok := d.placeBox.Objects[0].(*widgets.Paragraph); !ok || l.Text != k.Place || d.placeName.Text != "場所" || d.mode.Text != "対面" {
		t.Errorf("in person: %q %#v", d.placeName.Text, d.placeBox.Objects[0])
	}
	test.Tap(d.back)
	d, _, _ = f.openTalk(t, app.Date(2026, 12, 7))
	if l, ok := d.placeBox.Objects[0].(*widgets.Paragraph); !ok || !strings.HasPrefix(l.Text, "電話でお話しします") || d.mode.Text != "電話" {
		t.Errorf("phone: %#v", d.placeBox.Objects[0])
	}
}

// Cancelling asks for a reason and a confirmation, then cancels the talk
// in the store; the detail and the calendar show it as 中止.
func TestTalkDetailCancel(t *testing.T) {
	f := newCalendarFixture(t)
	test.Tap(f.cell(t, app.Date(2026, 12, 1)))
	f.loaded.wait(t, "loading 1 December")
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))

	// Changing one's mind changes nothing.
	test.Tap(d.cancel)
	if d.cancelDialog == nil || d.reasons == nil {
		t.Fatal("no cancel dialog")
	}
	test.Tap(d.keepTalk)
	if got := f.talkByID(t, k.ID).State; got != app.TalkScheduled || len(f.calls()) != 0 {
		t.Fatalf("after 中止しない: %s, calls %v", got, f.calls())
	}

	test.Tap(d.cancel)
	want := []string{"都合がつかなくなりました", "急な仕事が入りました", "体調がすぐれません", "その他の事情"}
	if !slices.Equal(d.reasons.Options, want) {
		t.Errorf("reasons %q", d.reasons.Options)
	}
	if !d.confirmCancel.Disabled() {
		t.Error("cancelling is possible before a reason is chosen")
	}
	test.AssertImageMatches(t, "talk_cancel_dialog.png", f.win.Canvas().Capture())
	d.reasons.SetSelected("急な仕事が入りました")
	if d.confirmCancel.Disabled() {
		t.Fatal("a reason was chosen, but 中止する is disabled")
	}
	test.Tap(d.confirmCancel)
	settled.wait(t, "cancelling")
	f.loaded.wait(t, "reloading the calendar")

	got := f.talkByID(t, k.ID)
	if got.State != app.TalkCancelled || got.Reason != "work" {
		t.Errorf("in the store: %s %q", got.State, got.Reason)
	}
	if c := f.calls(); len(c) != 1 || c[0] != app.TalkCancel {
		t.Errorf("mutations %v", c)
	}
	if d.state.Text != "中止（急な仕事が入りました）" || treeHas(d.actions, d.cancel) || treeHas(d.actions, d.move) {
		t.Errorf("after cancelling the detail shows %q", d.state.Text)
	}
	if !d.notice.Visible() || d.notice.Text != "クロストークを中止しました。お相手にもお知らせします。送信しました。" {
		t.Errorf("notice %q", d.notice.Text)
	}
	if d.export.Text != "カレンダーに中止を反映する" || !treeHas(d.actions, d.export) {
		t.Errorf("export after cancelling: %q", d.export.Text)
	}
	test.AssertImageMatches(t, "talk_detail_cancelled.png", f.win.Canvas().Capture())
	test.Tap(d.back)
	if r := f.row(t, k.ID); !strings.HasPrefix(r.state.Text, "中止") || r.when.Importance != widget.LowImportance {
		t.Errorf("the list shows %q, greyed %v", r.state.Text, r.when.Importance == widget.LowImportance)
	}
	if f.cell(t, app.Date(2026, 12, 1)).Marked() {
		t.Error("the day of the cancelled talk is still marked")
	}
	test.AssertImageMatches(t, "calendar_cancelled_day.png", f.win.Canvas().Capture())
}

// Changing the date proposes it: the talk keeps its id and its time
// until the other person agrees; the detail shows the proposal with a
// button to withdraw it, the history says who proposed what, and the
// calendar flags the talk's day.
func TestTalkDetailProposesATime(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, settled := f.openTalk(t, app.Date(2026, 11, 27))
	if d.move.Text != "日時の変更を提案する" || d.proposalBox.Visible() {
		t.Fatalf("move button %q, proposal shown %v", d.move.Text, d.proposalBox.Visible())
	}
	test.Tap(d.move)
	settled.wait(t, "reading the programme period")
	if d.moveDialog == nil || d.picker == nil || !d.confirmMove.Disabled() {
		t.Fatal("no dialog to propose a time, or it can be confirmed before a time is chosen")
	}
	if min, max := d.picker.Range(); !min.Equal(app.StartOfDay(testNow)) || !max.Equal(app.Date(2027, 3, 25)) {
		t.Errorf("days offered %s to %s", min, max)
	}
	if !strings.Contains(shownText(d.moveBody), "同意があるまで、クロストークは今の日時のままです。") {
		t.Errorf("the dialog does not say the time stays: %q", shownText(d.moveBody))
	}

	// The same time, or a time that has passed, is refused on the spot.
	d.picker.SetStart(k.Start)
	test.Tap(d.confirmMove)
	if !d.moveError.Visible() || d.moveError.Text != "今と同じ日時です。別の日にちか時刻をお選びください。" {
		t.Errorf("same time: %q", d.moveError.Text)
	}
	d.picker.SetStart(time.Date(2026, 11, 25, 9, 0, 0, 0, app.Tokyo))
	test.Tap(d.confirmMove)
	if d.moveError.Text != "過ぎた日時は選べません。これから先の日時をお選びください。" || len(f.calls()) != 0 {
		t.Errorf("past time: %q, calls %v", d.moveError.Text, f.calls())
	}

	newStart := time.Date(2026, 12, 3, 14, 0, 0, 0, app.Tokyo)
	d.picker.SetStart(newStart)
	test.AssertImageMatches(t, "talk_propose_dialog.png", f.win.Canvas().Capture())
	test.Tap(d.confirmMove)
	settled.wait(t, "proposing the time")
	f.loaded.wait(t, "reloading the calendar")

	got := f.talkByID(t, k.ID)
	if !got.Start.Equal(k.Start) || got.State != app.TalkScheduled || got.Proposal == nil || !got.Proposal.Start.Equal(newStart) {
		t.Fatalf("the talk after proposing: %+v, proposal %+v", got.Talk, got.Proposal)
	}
	if len(f.talks(t, newStart, newStart.Add(time.Minute))) != 0 {
		t.Error("a talk was made at the proposed time")
	}
	if d.Talk().ID != k.ID || d.when.Text != "2026年11月27日(金) 15:00〜16:00" || !d.proposalBox.Visible() ||
		!treeHas(d.proposalButtons, d.withdrawTime) || treeHas(d.proposalButtons, d.acceptTime) {
		t.Errorf("the detail shows %q, proposal %v", d.when.Text, d.proposalBox.Visible())
	}
	if want := "西村 信也さんに2026年12月3日(木) 14:00への変更を提案しました。同意があるまで、今の日時のままです。送信しました。"; d.notice.Text != want {
		t.Errorf("notice %q, want %q", d.notice.Text, want)
	}
	if h := shownText(d.history); !strings.Contains(h, "あなたが日時の変更を提案しました（2026年12月3日(木) 14:00〜15:00）") {
		t.Errorf("history %q", h)
	}
	if !f.cell(t, app.Date(2026, 11, 27)).(interface{ Flagged() bool }).Flagged() {
		t.Error("the talk's day is not flagged while the proposal waits")
	}

	// Withdrawn: the talk is as it was, and the history says so.
	test.Tap(d.withdrawTime)
	settled.wait(t, "withdrawing the proposal")
	f.loaded.wait(t, "reloading the calendar")
	if got := f.talkByID(t, k.ID); got.Proposal != nil || !got.Start.Equal(k.Start) {
		t.Errorf("the talk after withdrawing: %+v", got.Talk)
	}
	if d.proposalBox.Visible() || !strings.Contains(shownText(d.history), "あなたが日時の変更の提案（2026年12月3日(木) 14:00〜15:00）を取り下げました") {
		t.Errorf("after withdrawing: proposal shown %v, history %q", d.proposalBox.Visible(), shownText(d.history))
	}
}

// The other person's proposal shows with 「この日時に変更する」 and
// 「今の日時のままにする」; opening it marks it seen; accepting asks first,
// then moves the talk in place, and the calendar follows it.
func TestTalkDetailAcceptsTheOthersProposal(t *testing.T) {
	f := newCalendarFixture(t)
	ctx := context.Background()
	me := f.svc.me.ParticipantID
	cs, err := f.svc.TalkChanges(ctx, me, testNow)
	if err != nil || len(cs) != 1 || !cs[0].Unseen {
		t.Fatalf("the demo's proposal: %+v, %v", cs, err)
	}
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))
	p := k.Proposal
	if p == nil || p.By != k.OtherID {
		t.Fatalf("the demo talk on 1 December has no proposal of the other side: %+v", k.Talk)
	}
	if !d.proposalBox.Visible() || !treeHas(d.proposalButtons, d.acceptTime) || !treeHas(d.proposalButtons, d.declineTime) ||
		treeHas(d.proposalButtons, d.withdrawTime) || d.acceptTime.Text != "この日時に変更する" || d.declineTime.Text != "今の日時のままにする" {
		t.Fatalf("proposal box %v, buttons %q", d.proposalBox.Visible(), shownText(d.proposalButtons))
	}
	if want := "石井 大輔さんから、日時の変更の提案があります。"; d.proposalText.Text != want {
		t.Errorf("proposal says %q", d.proposalText.Text)
	}
	test.AssertImageMatches(t, "talk_detail_proposal.png", f.win.Canvas().Capture())
	// Opening it marked it seen (the watcher does not tell of it again);
	// it still waits for an answer.
	cs, _ = f.svc.TalkChanges(ctx, me, testNow)
	if len(cs) != 1 || cs[0].Unseen {
		t.Errorf("after opening: %+v", cs)
	}

	test.Tap(d.acceptTime)
	if d.acceptDialog == nil || slices.Contains(f.calls(), app.TalkAcceptTime) {
		t.Fatal("accepting did not ask first")
	}
	test.Tap(d.confirmAccept)
	settled.wait(t, "accepting the time")
	f.loaded.wait(t, "reloading the calendar")
	got := f.talkByID(t, k.ID)
	if !got.Start.Equal(p.Start) || got.Proposal != nil || got.Sequence != 1 || got.ID != k.ID {
		t.Fatalf("the talk after accepting: %+v", got.Talk)
	}
	if d.proposalBox.Visible() || d.when.Text != widgets.FormatSlot(app.Slot{Start: p.Start, End: p.End}) {
		t.Errorf("the detail shows %q, proposal %v", d.when.Text, d.proposalBox.Visible())
	}
	if h := shownText(d.history); !strings.Contains(h, "あなたが日時の変更に同意しました。2026年12月1日(火) 14:00〜15:00から") {
		t.Errorf("history %q", h)
	}
	if slices.Contains(f.calls(), app.TalkReschedule) || !slices.Contains(f.calls(), app.TalkAcceptTime) {
		t.Errorf("calls %v", f.calls())
	}
}

// 「今の日時のままにする」 declines the proposal: the talk stays.
func TestTalkDetailDeclinesTheOthersProposal(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))
	test.Tap(d.declineTime)
	settled.wait(t, "declining the time")
	f.loaded.wait(t, "reloading the calendar")
	got := f.talkByID(t, k.ID)
	if !got.Start.Equal(k.Start) || got.Proposal != nil {
		t.Fatalf("the talk after declining: %+v", got.Talk)
	}
	if d.proposalBox.Visible() || d.notice.Text != "今の日時のままにしました。お相手にもお知らせします。送信しました。" {
		t.Errorf("proposal shown %v, notice %q", d.proposalBox.Visible(), d.notice.Text)
	}
}

// A proposal withdrawn meanwhile cannot be accepted: the detail says so
// and shows the talk as it now is.
func TestTalkDetailProposalGoneMeanwhile(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))
	other := app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant}
	if err := app.Run(context.Background(), f.svc.Store, app.TalkWithdrawTime, other,
		app.Args(app.TimeAnswerArgs{TalkID: k.ID, Start: k.Proposal.Start}), testNow); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.acceptTime)
	test.Tap(d.confirmAccept)
	settled.wait(t, "accepting the time")
	if !strings.HasPrefix(d.notice.Text, "この日時の変更の提案は、もうありません。") || d.proposalBox.Visible() {
		t.Errorf("notice %q, proposal shown %v", d.notice.Text, d.proposalBox.Visible())
	}
	if got := f.talkByID(t, k.ID); !got.Start.Equal(k.Start) {
		t.Errorf("the talk moved: %+v", got.Talk)
	}
}

// A rejection from the store is shown in words, and nothing changes.
func TestTalkDetailShowsARejection(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 7))
	// The other side cancelled meanwhile.
	if err := app.Run(context.Background(), f.svc.Store, app.TalkCancel, app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant},
		app.Args(app.CancelTalkArgs{TalkID: k.ID, Reason: "schedule"}), testNow); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.cancel)
	d.reasons.SetSelected("その他の事情")
	test.Tap(d.confirmCancel)
	settled.wait(t, "cancelling")
	want := "このクロストークは、今は予定に入っていません。画面を最新の状態にしてご確認ください。"
	if !d.notice.Visible() || d.notice.Text != want {
		t.Errorf("notice %q, want %q", d.notice.Text, want)
	}
	if got := f.talkByID(t, k.ID); got.Reason != "schedule" {
		t.Errorf("the other side's reason became %q", got.Reason)
	}
	if d.cancel.Disabled() {
		t.Error("the actions stay disabled after a rejection")
	}
}

// Saving to the calendar writes an .ics file for the talk, through the
// function the save dialog calls.
func TestTalkDetailSavesACalendarFile(t *testing.T) {
	f := newCalendarFixture(t)
	d, k, settled := f.openTalk(t, app.Date(2026, 11, 27))
	path := filepath.Join(t.TempDir(), ICSFileName(k.Talk))
	if filepath.Base(path) != "crosstalk-2026-11-27.ics" {
		t.Errorf("file name %s", filepath.Base(path))
	}
	d.saveICS(path)
	settled.wait(t, "saving the file")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkICSLines(t, data)
	_, events := icsParse(t, data)
	if len(events) != 1 || events[0]["UID"] != k.OfferID+"@crosstalk.jp" || events[0]["DTSTART;TZID=Asia/Tokyo"] != "20261127T150000" {
		t.Errorf("events %v", events)
	}
	if !strings.HasPrefix(d.notice.Text, "カレンダーのファイルを保存しました。") {
		t.Errorf("notice %q", d.notice.Text)
	}

	// A place that cannot be written says so, and leaves nothing there.
	bad := filepath.Join(t.TempDir(), "no such folder", "x.ics")
	d.saveICS(bad)
	settled.wait(t, "saving into a missing folder")
	if _, err := os.Stat(filepath.Dir(bad)); !os.IsNotExist(err) {
		t.Errorf("the failed save made %s: %v", filepath.Dir(bad), err)
	}
	if d.notice.Text != "ファイルを保存できませんでした。保存する場所を変えて、もう一度お試しください。" {
		t.Errorf("notice %q", d.notice.Text)
	}
}

// The save button opens the file dialog with the file name filled in.
func TestTalkDetailExportOpensTheSaveDialog(t *testing.T) {
	f := newCalendarFixture(t)
	d, _, _ := f.openTalk(t, app.Date(2026, 11, 27))
	before := len(f.win.Canvas().Overlays().List())
	test.Tap(d.export)
	widgets.WaitBackground() // the dialog lists its folder off the UI goroutine
	if got := len(f.win.Canvas().Overlays().List()); got != before+1 {
		t.Errorf("%d overlays after tapping, %d before", got, before)
	}
	found := false
	for _, o := range f.win.Canvas().Overlays().List() {
		uitest.Walk(o, func(x fyne.CanvasObject) {
			if e, ok := x.(*widget.Entry); ok && e.Text == "crosstalk-2026-11-27.ics" {
				found = true
			}
		})
	}
	if !found {
		t.Error("the file name is not filled in")
	}
}

// shownText is the texts o shows, a line each.
func shownText(o fyne.CanvasObject) string { return strings.Join(uitest.ShownTexts(o), "\n") }

// Offline, an answer to a proposal is saved, not sent: the detail says
// so, rather than that it was sent.
func TestTalkDetailAnswerOfflineSaysSaved(t *testing.T) {
	f := newCalendarFixture(t)
	f.svc.setServer(true, "")
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))
	test.Tap(d.declineTime)
	settled.wait(t, "declining the time")
	f.loaded.wait(t, "reloading the calendar")
	if got := f.talkByID(t, k.ID); got.Proposal != nil {
		t.Fatalf("the proposal is still there: %+v", got.Proposal)
	}
	if want := "今の日時のままにしました。お相手にもお知らせします。保存しました。オンラインになると送信されます。"; d.notice.Text != want {
		t.Errorf("notice %q, want %q", d.notice.Text, want)
	}
	if !d.Talk().Queued {
		t.Error("the talk does not say its change waits to be sent")
	}
	// A sync that finds the change still waiting says nothing new.
	f.cal.Refresh()
	f.loaded.wait(t, "a sync while offline")
	if !strings.HasSuffix(d.notice.Text, "保存しました。オンラインになると送信されます。") {
		t.Errorf("while offline the notice says %q", d.notice.Text)
	}
	// Once online, the server takes it: the notice no longer says it
	// waits.
	f.svc.deliverQueued(t)
	f.cal.Refresh()
	f.loaded.wait(t, "the sync that sent it")
	if want := "今の日時のままにしました。お相手にもお知らせします。送信しました。"; d.notice.Text != want {
		t.Errorf("once sent the notice says %q, want %q", d.notice.Text, want)
	}
}

// Accepting a proposal says all that is agreed to: the new place too;
// and warns when the new time overlaps another of the person's talks,
// without refusing. The answer names the place, so it moves the talk
// there.
func TestTalkDetailAcceptSaysPlaceAndClash(t *testing.T) {
	f := newCalendarFixture(t)
	ctx := context.Background()
	ks := f.talks(t, app.Date(2026, 12, 1), app.Date(2026, 12, 2))
	if len(ks) == 0 {
		t.Fatal("no talk on 1 December")
	}
	k := ks[0]
	var other app.TalkItem
	for _, x := range f.talks(t, testNow.Add(48*time.Hour), testNow.AddDate(0, 2, 0)) {
		if x.ID != k.ID && x.State == app.TalkScheduled {
			other = x
			break
		}
	}
	if other.ID == "" {
		t.Fatal("the demo user has no other coming talk")
	}
	// The other side proposes, anew, the time of that other talk at a
	// new place.
	place := "オンライン会議 https://meet.example.jp/new"
	them := app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant}
	if err := app.Run(ctx, f.svc.Store, app.TalkProposeTime, them,
		app.Args(app.ProposeTimeArgs{TalkID: k.ID, Start: other.Start, Place: &place}), testNow); err != nil {
		t.Fatal(err)
	}
	f.cal.Refresh() // as a sync does
	f.loaded.wait(t, "the calendar after the sync")
	d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))
	if k.Proposal == nil || !k.Proposal.Start.Equal(other.Start) {
		t.Fatalf("the proposal: %+v", k.Proposal)
	}

	test.Tap(d.acceptTime)
	widgets.WaitBackground()
	texts := shownText(f.win.Canvas().Overlays().Top())
	for _, want := range []string{
		"場所・リンクも次のように変わります：" + place,
		"この日時は、" + other.OtherName + "さんとのクロストーク（" + widgets.FormatSlot(app.Slot{Start: other.Start, End: other.End}) + "）と重なっています。",
	} {
		if !strings.Contains(texts, want) {
			t.Errorf("the accept dialog does not say %q; it says:\n%s", want, texts)
		}
	}
	test.Tap(d.confirmAccept)
	settled.wait(t, "accepting the time")
	f.loaded.wait(t, "reloading the calendar")
	if got := f.talkByID(t, k.ID); !got.Start.Equal(other.Start) || got.Place != place {
		t.Errorf("the talk after accepting: at %s, place %q", got.Start, got.Place)
	}
}
