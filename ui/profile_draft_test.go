package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// profileWindow is the main window with the profile's tab open, loaded.
func profileWindow(t *testing.T) (*MainWindow, fyne.Window, *testServices, *dirUI) {
	t.Helper()
	m, w, svc, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	closeOverlays(w) // the survey of a past talk is asked at once
	m.showProfile()
	ui.settle()
	if m.profile.name.Text != "田中 誠" || m.profile.Unsaved() {
		t.Fatalf("profile not loaded: %q, unsaved %v", m.profile.name.Text, m.profile.Unsaved())
	}
	return m, w, svc, ui
}

// changeProfileElsewhere changes the demo user's profile as a sync from
// another of their devices would bring it.
func changeProfileElsewhere(t *testing.T, svc *testServices, change func(*app.UpdateProfileArgs)) {
	t.Helper()
	p, err := svc.Person(context.Background(), svc.me.ParticipantID, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	a := app.UpdateProfileArgs{Name: p.Name, Kana: p.Kana, AgeBand: p.AgeBand, JobRole: p.JobRole, Themes: p.Themes,
		Interests: p.Interests, Intro: p.Intro, Modes: p.Modes, FreeTimes: p.FreeTimes, Visible: p.Visible}
	change(&a)
	if err := app.Run(context.Background(), svc.Store, app.ProfileUpdate, svc.me, app.Args(a), svc.now); err != nil {
		t.Fatal(err)
	}
}

// storedDraft is the profile's draft as kept on the device, "" for none.
func storedDraft(t *testing.T, svc *testServices) string {
	t.Helper()
	widgets.FlushDrafts()
	b, err := svc.Draft(context.Background(), profileDraftKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An unsaved edit of the profile stays across a tab switch and a sync
// that changes other records, with its marker, and nothing asks; the
// draft is kept on the device and shown again by a new editor (as after
// a restart), with the note.
func TestProfileEditSurvivesTabsAndSyncs(t *testing.T) {
	m, w, svc, ui := profileWindow(t)
	const intro = "下書きの自己紹介です。"
	test.Type(m.profile.intro, intro)
	typed := m.profile.intro.Text
	if !m.profile.unsaved.Visible() || m.profile.unsaved.Text != "保存していない変更があります" {
		t.Fatal("no marker of the unsaved change")
	}
	m.tabs.SelectIndex(0)
	ui.settle()
	offerToMe(t, svc) // a sync brings an offer: another record
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	closeOverlays(w)
	m.showProfile()
	ui.settle()
	if m.profile.intro.Text != typed || !m.profile.unsaved.Visible() || m.profile.conflict.box.Visible() {
		t.Fatalf("after a tab switch and a sync: %q, marker %v, notice %v", m.profile.intro.Text, m.profile.unsaved.Visible(), m.profile.conflict.box.Visible())
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(time.Minute)}) // a sync while the tab shows
	ui.settle()
	if m.profile.intro.Text != typed || m.profile.conflict.box.Visible() {
		t.Fatalf("a sync that changed nothing of the profile: %q, notice %v", m.profile.intro.Text, m.profile.conflict.box.Visible())
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("something asked: %q", canvasTexts(w.Canvas()))
	}
	if d := storedDraft(t, svc); !strings.Contains(d, typed) {
		t.Fatalf("draft kept: %q", d)
	}

	again := NewProfileEditor(svc, w)
	again.Refresh()
	ui.settle()
	if again.intro.Text != typed || !again.restored.Visible() || again.restored.Text != "前回の下書きを表示しています。" || !again.unsaved.Visible() {
		t.Fatalf("a new editor: %q, note %v", again.intro.Text, again.restored.Visible())
	}

	// Saved: the draft is gone, and the marker.
	test.Tap(m.profile.save)
	ui.settle()
	if m.profile.message.Text != "保存しました。" || m.profile.unsaved.Visible() {
		t.Fatalf("after saving: %q, marker %v", m.profile.message.Text, m.profile.unsaved.Visible())
	}
	if d := storedDraft(t, svc); d != "" {
		t.Fatalf("the draft outlived the save: %q", d)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(2 * time.Minute)}) // the server confirms it
	ui.settle()
	if m.profile.conflict.box.Visible() || m.profile.unsaved.Visible() {
		t.Fatal("the person's own save came back as a change made elsewhere")
	}
}

// savedProfile is the demo user's profile as the store has it.
func savedProfile(t *testing.T, svc *testServices) app.DirectoryEntry {
	t.Helper()
	p, err := svc.Person(context.Background(), svc.me.ParticipantID, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A sync that changes the profile itself while it is being edited says
// what changed and keeps the edit; keeping it takes the other device's
// change in the field the person did not touch, and saving saves both.
// Showing the new version drops the edit.
func TestProfileChangedElsewhereWhileEditing(t *testing.T) {
	m, _, svc, ui := profileWindow(t)
	m.profile.intro.SetText("ここで書いた自己紹介")
	changeProfileElsewhere(t, svc, func(a *app.UpdateProfileArgs) { a.JobRole = "別の端末で直した職種" })
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	e := m.profile
	const notice = "ほかの端末で「役職・職種」が変更されました。ここで直した内容は、まだ保存されていません。\n" +
		"「自分の変更を残す」を選ぶと、ここで直した内容と、ほかの端末の変更の両方が残ります。"
	if !e.conflict.box.Visible() || !uitest.ShowsText(e.Content(), notice) {
		t.Fatalf("no notice of the change made elsewhere: %q", e.conflict.text.Text)
	}
	if e.intro.Text != "ここで書いた自己紹介" || e.jobRole.Text == "別の端末で直した職種" || !strings.Contains(storedDraft(t, svc), "ここで書いた自己紹介") {
		t.Fatalf("the edit was not kept, or the form changed under it: %q %q", e.intro.Text, e.jobRole.Text)
	}

	// Keep my edits: the notice goes, the edit stays, the other device's
	// change shows in its field, and saving saves both; no notice comes
	// back.
	test.Tap(e.conflict.keep)
	if e.conflict.box.Visible() || e.intro.Text != "ここで書いた自己紹介" || e.jobRole.Text != "別の端末で直した職種" || !e.unsaved.Visible() {
		t.Fatalf("kept: notice %v, %q %q", e.conflict.box.Visible(), e.intro.Text, e.jobRole.Text)
	}
	if e.message.Text != "「役職・職種」に、ほかの端末の内容を入れました。「保存する」を押すと、両方の変更が保存されます。" {
		t.Fatalf("kept: %q", e.message.Text)
	}
	if d := storedDraft(t, svc); !strings.Contains(d, "別の端末で直した職種") {
		t.Fatalf("the draft lacks the merged field: %q", d)
	}
	test.Tap(e.save)
	ui.settle()
	if p := savedProfile(t, svc); p.Intro != "ここで書いた自己紹介" || p.JobRole != "別の端末で直した職種" {
		t.Fatalf("saved: intro %q, job %q", p.Intro, p.JobRole)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(time.Minute)})
	ui.settle()
	if e.conflict.box.Visible() || e.unsaved.Visible() {
		t.Fatalf("after saving: notice %v, marker %v", e.conflict.box.Visible(), e.unsaved.Visible())
	}

	// Another edit, another change elsewhere; show the new version: the
	// edit goes, and its draft.
	e.intro.SetText("もう一度書いた自己紹介")
	changeProfileElsewhere(t, svc, func(a *app.UpdateProfileArgs) { a.FreeTimes = "平日の夕方" })
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(2 * time.Minute)})
	ui.settle()
	if !e.conflict.box.Visible() {
		t.Fatal("no notice of the second change")
	}
	test.Tap(e.conflict.show)
	if e.conflict.box.Visible() || e.unsaved.Visible() || e.freeTimes.Text != "平日の夕方" || e.jobRole.Text != "別の端末で直した職種" || e.intro.Text != "ここで書いた自己紹介" {
		t.Fatalf("shown: %q %q %q, marker %v", e.freeTimes.Text, e.jobRole.Text, e.intro.Text, e.unsaved.Visible())
	}
	if d := storedDraft(t, svc); d != "" {
		t.Fatalf("a draft is left: %q", d)
	}

	// With no edit, a change elsewhere is simply shown.
	changeProfileElsewhere(t, svc, func(a *app.UpdateProfileArgs) { a.FreeTimes = "土曜の午前" })
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(3 * time.Minute)})
	ui.settle()
	if e.conflict.box.Visible() || e.freeTimes.Text != "土曜の午前" {
		t.Fatalf("no edit: notice %v, %q", e.conflict.box.Visible(), e.freeTimes.Text)
	}
}

// When the other device changed a field the person changed too, the
// notice says so and that their text is kept; saving, even without
// answering the notice, keeps their text there and takes the other
// device's change elsewhere.
func TestProfileChangedInTheSameFieldKeepsMine(t *testing.T) {
	m, w, svc, ui := profileWindow(t)
	e := m.profile
	e.intro.SetText("ここで書いた自己紹介")
	changeProfileElsewhere(t, svc, func(a *app.UpdateProfileArgs) {
		a.Intro = "別の端末で書いた自己紹介"
		a.FreeTimes = "平日の夕方"
	})
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	const notice = "ほかの端末で「自己紹介」、「話しやすい時間帯」が変更されました。ここで直した内容は、まだ保存されていません。\n" +
		"「自己紹介」は、ここでも直しています。「自分の変更を残す」を選ぶと、ここで直した内容が残ります。\n" +
		"「話しやすい時間帯」には、ほかの端末の内容が入ります。"
	if !e.conflict.box.Visible() || e.conflict.text.Text != notice {
		t.Fatalf("notice %v: %q", e.conflict.box.Visible(), e.conflict.text.Text)
	}
	// After a restart, the draft is merged against the profile it was
	// edited from, as before.
	widgets.FlushDrafts()
	again := NewProfileEditor(svc, w)
	again.Refresh()
	ui.settle()
	if again.intro.Text != "ここで書いた自己紹介" || !again.conflict.box.Visible() || again.conflict.text.Text != notice {
		t.Fatalf("after a restart: %q, notice %v %q", again.intro.Text, again.conflict.box.Visible(), again.conflict.text.Text)
	}

	// Typing into the other field too: the notice follows.
	e.freeTimes.SetText("土曜の午前")
	const both = "ほかの端末で「自己紹介」、「話しやすい時間帯」が変更されました。ここで直した内容は、まだ保存されていません。\n" +
		"「自己紹介」、「話しやすい時間帯」は、ここでも直しています。「自分の変更を残す」を選ぶと、ここで直した内容が残ります。"
	if e.conflict.text.Text != both {
		t.Fatalf("after typing: %q", e.conflict.text.Text)
	}
	e.freeTimes.SetText("火曜・木曜の午後") // back to the profile it was edited from
	if e.conflict.text.Text != notice {
		t.Fatalf("after typing back: %q", e.conflict.text.Text)
	}

	test.Tap(e.save)
	ui.settle()
	if e.conflict.box.Visible() || e.unsaved.Visible() || e.message.Text != "保存しました。" || e.intro.Text != "ここで書いた自己紹介" || e.freeTimes.Text != "平日の夕方" {
		t.Fatalf("saved: notice %v, marker %v, %q: %q %q", e.conflict.box.Visible(), e.unsaved.Visible(), e.message.Text, e.intro.Text, e.freeTimes.Text)
	}
	if p := savedProfile(t, svc); p.Intro != "ここで書いた自己紹介" || p.FreeTimes != "平日の夕方" {
		t.Fatalf("saved: intro %q, free times %q", p.Intro, p.FreeTimes)
	}
}

// Closing the window with the profile's changes unsaved asks first;
// going back shows the profile, closing closes. Without changes it
// closes at once; a new language keeps the changes without asking.
func TestClosingWithUnsavedProfileAsks(t *testing.T) {
	m, w, _, ui := profileWindow(t)
	closed := 0
	m.ConfirmClose(func() { closed++ })
	if closed != 1 || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("no changes: closed %d, asked %v", closed, w.Canvas().Overlays().Top() != nil)
	}
	closed = 0
	m.profile.kana.SetText("たなか まこと")
	m.tabs.SelectIndex(0)
	ui.settle()
	m.ConfirmClose(func() { closed++ })
	if closed != 0 || !uitest.ShowsText(w.Canvas().Overlays().Top(), "保存していない変更があります") {
		t.Fatalf("closed %d without asking: %q", closed, canvasTexts(w.Canvas()))
	}
	test.Tap(canvasButton(w.Canvas(), "プロフィールに戻る"))
	ui.settle()
	if closed != 0 || m.tabs.Selected().Content != m.profile.Content() {
		t.Fatalf("going back: closed %d, tab %q", closed, m.tabs.Selected().Text)
	}
	m.ConfirmClose(func() { closed++ })
	test.Tap(canvasButton(w.Canvas(), "閉じる"))
	if closed != 1 {
		t.Fatal("closing did not close")
	}

	m.Rebuild(SettingsState{Language: "ja"})
	ui.settle()
	closeOverlays(w)
	if m.profile.kana.Text != "たなか まこと" || !m.profile.Unsaved() {
		t.Fatalf("after a rebuild: %q, unsaved %v", m.profile.kana.Text, m.profile.Unsaved())
	}
	m.settings.confirmSignOut()
	if texts := strings.Join(canvasTexts(w.Canvas()), "\n"); !strings.Contains(texts, "「わたしのプロフィール」に、保存していない変更があります。") {
		t.Fatalf("signing out does not say so: %q", texts)
	}
}
