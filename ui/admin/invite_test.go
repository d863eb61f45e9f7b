package admin

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

func newInviteFixture(t *testing.T, role app.Role) (*fakeAdmin, *InvitationsView, fyne.Window) {
	t.Helper()
	f := newFakeAdmin(role)
	var v *InvitationsView
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewInvitationsView(f, w, "https://crosstalk.example.jp")
		return v.Content()
	})
	v.Refresh()
	settle()
	return f, v, w
}

func TestInvitationsList(t *testing.T) {
	_, v, w := newInviteFixture(t, app.RoleHR)
	uitest.WantTexts(t, "the invitations", w.Content(),
		"参加者 3人のうち、アプリを使い始めた人は 1人です。",
		"山田 太郎", "社員番号 S0001・やまだ たろう", "アプリを使い始めました（2026年10月3日(土)）",
		"佐藤 花子", "まだ使い始めていません・コードの期限 2026年12月4日(金)",
		"鈴木 一郎", "まだ使い始めていません・招待コードはまだ作っていません",
	)
	// The joined person's devices, the waiting person's code can be stopped.
	if b := uitest.ShownButton(w.Content(), "端末（1台）"); b == nil {
		t.Error("no devices button")
	}
	if b := uitest.ShownButton(w.Content(), "コードを無効にする"); b == nil {
		t.Error("no button to stop a code")
	}
	if !v.invite.Disabled() {
		t.Error("codes can be made for nobody")
	}
}

func TestInvitationsMakeAndExport(t *testing.T) {
	f, v, w := newInviteFixture(t, app.RoleHR)
	tapButton(t, w.Content(), "まだ使い始めていない参加者をすべて選ぶ")
	v.ttl.SetSelected("30日間")
	tapButton(t, w.Content(), "招待コードを作る（2人）")
	if want := []string{"p-2", "p-3"}; !reflect.DeepEqual(f.invited, want) || f.invitedTTL != 30*24*time.Hour {
		t.Fatalf("invited %v for %v", f.invited, f.invitedTTL)
	}
	uitest.WantTexts(t, "the invitations", w.Content(),
		"2人分の招待コードを作りました。コードは、閉じるまでここにだけ表示されます。CSV か印刷用のページとして保存してください。",
		"まだ使い始めていません・コードの期限 2026年12月25日(金)")
	if len(v.codes) != 2 || v.codes[0].Code == "" {
		t.Fatalf("codes %+v", v.codes)
	}
	tapButton(t, w.Content(), "コードを画面で見る")
	uitest.WantTexts(t, "the codes", topOverlay(t, w), "佐藤 花子", "CODE-S0002-0002", "鈴木 一郎", "CODE-S0003-0003")
	tapButton(t, topOverlay(t, w), "閉じる")

	// The CSV opens in Excel: a BOM, CRLF, the header, one row a person.
	dir := t.TempDir()
	path := filepath.Join(dir, "招待コード.csv")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteInvitationsCSV(out, v.codes, v.server); err != nil {
		t.Fatal(err)
	}
	out.Close()
	raw, _ := os.ReadFile(path)
	if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) || !bytes.Contains(raw, []byte("\r\n")) {
		t.Errorf("CSV without BOM or CRLF: %q", raw)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"社員番号", "氏名", "ふりがな", "招待コード", "有効期限", "サーバーのアドレス"},
		// The employee numbers as string constants, so that Excel keeps them as written.
		{`="S0002"`, "佐藤 花子", "さとう はなこ", "CODE-S0002-0002", "2026年12月25日(金)", "https://crosstalk.example.jp"},
		{`="S0003"`, "鈴木 一郎", "すずき いちろう", "CODE-S0003-0003", "2026年12月25日(金)", "https://crosstalk.example.jp"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("CSV\n%q\nwant\n%q", rows, want)
	}

	// The page to print has one slip per person, with the code and how
	// to start.
	var page bytes.Buffer
	if err := WriteInvitationSlips(&page, v.codes, "株式会社さくら商事", v.server); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	if n := strings.Count(html, `<section class="slip">`); n != 2 {
		t.Errorf("%d slips", n)
	}
	for _, s := range []string{`<html lang="ja">`, "<meta charset=\"utf-8\">", "クロストークへのご招待（株式会社さくら商事）",
		"佐藤 花子 様", "CODE-S0002-0002", "鈴木 一郎 様", "CODE-S0003-0003", "有効期限は 2026年12月25日(金) です。",
		"https://crosstalk.example.jp", "はじめかた", "「接続する」を押します。"} {
		if !strings.Contains(html, s) {
			t.Errorf("the slips lack %q", s)
		}
	}
	// Names are escaped, never markup.
	page.Reset()
	WriteInvitationSlips(&page, []app.Invitation{{Name: "<b>太郎</b>", Code: "X"}}, "", "")
	if strings.Contains(page.String(), "<b>太郎") {
		t.Error("a name is written as markup")
	}
}

func TestInvitationsRevoke(t *testing.T) {
	f, _, w := newInviteFixture(t, app.RoleHR)
	tapButton(t, w.Content(), "コードを無効にする")
	tapButton(t, topOverlay(t, w), "無効にする")
	if !reflect.DeepEqual(f.revoked, []string{"invite:p-2"}) {
		t.Fatalf("revoked %v", f.revoked)
	}
	uitest.WantTexts(t, "the invitations", w.Content(), "佐藤 花子さんの招待コードを無効にしました。", "まだ使い始めていません・コードの期限切れ（2026年11月25日(水)）")

	tapButton(t, w.Content(), "端末（1台）")
	tapButton(t, topOverlay(t, w), "この端末の利用を止める")
	uitest.WantTexts(t, "the confirmation", topOverlay(t, w), "山田 太郎さんの「山田のノートPC」では、クロストークが使えなくなります。また使うには、事務局が作る新しい招待コードが必要です。よろしいですか？")
	tapButton(t, topOverlay(t, w), "利用を止める")
	if !reflect.DeepEqual(f.revoked, []string{"invite:p-2", "device:d-1"}) {
		t.Fatalf("revoked %v", f.revoked)
	}
	uitest.WantTexts(t, "the invitations", w.Content(), "この端末の利用を止めました。")
	if uitest.ShownButton(w.Content(), "端末（0台）") == nil {
		t.Error("the device is still counted")
	}
}

func TestInvitationsOffline(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	f.err = app.ErrOffline
	var v *InvitationsView
	testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewInvitationsView(f, w, "")
		return v.Content()
	})
	v.Refresh()
	settle()
	if got := v.status.Text(); got != "サーバーにつながりません。ネットワークを確かめて、もう一度お試しください。" {
		t.Errorf("status %q", got)
	}
	// Back online, the secretariat chooses a company first.
	f.mu.Lock()
	f.err = nil
	f.mu.Unlock()
	v.Refresh()
	settle()
	if len(v.people) != 0 || v.status.Text() != "会社を選んでください" {
		t.Errorf("%d people, status %q", len(v.people), v.status.Text())
	}
	v.company.sel.SetSelected("株式会社さくら商事")
	settle()
	if len(v.people) != 3 {
		t.Errorf("%d people", len(v.people))
	}
}

// TestInvitationsPersonWithoutNumber shows the reading alone for a person
// who was not imported (so has no employee number).
func TestInvitationsPersonWithoutNumber(t *testing.T) {
	f, v, w := newInviteFixture(t, app.RoleHR)
	f.mu.Lock()
	f.invitations = append(f.invitations, app.Invitation{ParticipantID: "p-9", Name: "中島 真由美", Kana: "ナカジマ マユミ", CompanyID: "c-sakura"})
	f.mu.Unlock()
	v.Refresh()
	settle()
	uitest.WantTexts(t, "the invitations", w.Content(), "中島 真由美", "ナカジマ マユミ")
	if uitest.ShowsText(w.Content(), "社員番号 ・ナカジマ マユミ") {
		t.Error("an empty employee number is shown")
	}
}

// TestInvitationsCountsStaffApart lists HR and secretariat accounts with
// their role but counts them out, as the dashboard does, and leaves them
// out of "select every participant who has not started".
func TestInvitationsCountsStaffApart(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	f.invitations = append(f.invitations,
		app.Invitation{ParticipantID: "hr-1", EmployeeNo: "H0001", Name: "人事 花子", Kana: "じんじ はなこ", CompanyID: "c-sakura",
			Role: app.RoleHR, JoinedAt: tp(day(2026, 9, 1))},
		app.Invitation{ParticipantID: "hr-2", EmployeeNo: "H0002", Name: "人事 次郎", Kana: "じんじ じろう", CompanyID: "c-sakura", Role: app.RoleHR},
		app.Invitation{ParticipantID: "sec-1", EmployeeNo: "X0001", Name: "事務局 太郎", Kana: "じむきょく たろう", CompanyID: "c-sakura",
			Role: app.RoleSecretariat, JoinedAt: tp(day(2026, 9, 1))})
	var v *InvitationsView
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewInvitationsView(f, w, "")
		return v.Content()
	})
	v.Refresh()
	settle()
	v.company.sel.SetSelected("株式会社さくら商事")
	settle()
	if got := app.InvitationParticipation(v.people); got != (app.Participation{Participants: 3, Joined: 1, Staff: 3}) {
		t.Fatalf("counted %+v", got)
	}
	uitest.WantTexts(t, "the invitations", w.Content(),
		"参加者 3人のうち、アプリを使い始めた人は 1人です。人事・事務局のアカウント（3件）は数えていません。",
		"社員番号 H0001・じんじ はなこ・人事のアカウント", "社員番号 X0001・じむきょく たろう・事務局のアカウント")
	tapButton(t, w.Content(), "まだ使い始めていない参加者をすべて選ぶ")
	if got := v.selectedIDs(); !reflect.DeepEqual(got, []string{"p-2", "p-3"}) {
		t.Errorf("selected %v: the staff are invited one by one", got)
	}
}

// tapText taps w's canvas on the shown label whose text is text, as a
// click on it would: the tap goes to whatever holds the label.
func tapText(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var found *widget.Label
	uitest.ShownWalk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == text && found == nil {
			found = l
		}
	})
	if found == nil {
		t.Fatalf("no label %q in %q", text, uitest.ShownTexts(w.Content()))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(found)
	test.TapCanvas(w.Canvas(), pos.Add(fyne.NewPos(4, found.Size().Height/2)))
	settle()
}

// rowChecked reports whether the row of the person named name is ticked.
func rowChecked(t *testing.T, w fyne.Window, name string) bool {
	t.Helper()
	var on *bool
	uitest.ShownWalk(w.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*inviteRow); ok && r.p.Name == name {
			c := r.check.Checked
			on = &c
		}
	})
	if on == nil {
		t.Fatalf("no row of %s", name)
	}
	return *on
}

// TestInvitationsRowClickTicks ticks a person by a click anywhere on the
// row, the name or the line under it, and unticks them by another: the
// button that makes the codes follows.
func TestInvitationsRowClickTicks(t *testing.T) {
	_, v, w := newInviteFixture(t, app.RoleHR)
	tapText(t, w, "佐藤 花子")
	if !rowChecked(t, w, "佐藤 花子") || v.invite.Disabled() || v.invite.Text != "招待コードを作る（1人）" {
		t.Fatalf("after a click on the name: ticked %v, button %q (disabled %v)", rowChecked(t, w, "佐藤 花子"), v.invite.Text, v.invite.Disabled())
	}
	tapText(t, w, "社員番号 S0003・すずき いちろう")
	if !rowChecked(t, w, "鈴木 一郎") || v.invite.Text != "招待コードを作る（2人）" {
		t.Fatalf("after a click on the second line: button %q", v.invite.Text)
	}
	tapText(t, w, "佐藤 花子")
	if rowChecked(t, w, "佐藤 花子") || !reflect.DeepEqual(v.selectedIDs(), []string{"p-3"}) || v.invite.Text != "招待コードを作る（1人）" {
		t.Fatalf("after a second click: selected %v, button %q", v.selectedIDs(), v.invite.Text)
	}
	// The tick box itself still works, and agrees; so does a click just
	// above it, on the row. (Of 佐藤 花子: 山田 太郎 has started using
	// the app, and HR does not invite him again.)
	var check *widget.Check
	uitest.ShownWalk(w.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*inviteRow); ok && r.p.Name == "佐藤 花子" {
			check = r.check
		}
	})
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(check)
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(check.Size().Width/2, check.Size().Height/2)))
	settle()
	if !check.Checked {
		t.Fatal("a click on the tick box does not tick it")
	}
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(check.Size().Width/2, -2)))
	settle()
	if check.Checked {
		t.Fatal("a click on the row just above the tick box does not untick it")
	}
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(check.Size().Width/2, check.Size().Height/2)))
	settle()
	if !reflect.DeepEqual(v.selectedIDs(), []string{"p-2", "p-3"}) {
		t.Errorf("after the tick box: selected %v", v.selectedIDs())
	}
	tapButton(t, w.Content(), "招待コードを作る（2人）")
}

// TestInvitationsSelectAllIsAnAction: the two choice buttons carry no
// check-box icon, selecting says what it did, and clearing is on only
// when something is selected.
func TestInvitationsSelectAllIsAnAction(t *testing.T) {
	_, v, w := newInviteFixture(t, app.RoleHR)
	for _, b := range []*widget.Button{v.allNew, v.none} {
		for _, box := range []fyne.Resource{theme.CheckButtonIcon(), theme.CheckButtonCheckedIcon(), theme.CheckButtonFillIcon()} {
			if b.Icon == box || b.Icon.Name() == box.Name() {
				t.Errorf("%q carries the check box icon %s", b.Text, box.Name())
			}
		}
	}
	if !v.none.Disabled() {
		t.Error("the selection can be cleared when nothing is selected")
	}
	tapButton(t, w.Content(), "まだ使い始めていない参加者をすべて選ぶ")
	if got := v.status.Text(); got != "まだ使い始めていない参加者 2人を選びました。" {
		t.Errorf("status %q", got)
	}
	if !rowChecked(t, w, "佐藤 花子") || !rowChecked(t, w, "鈴木 一郎") || rowChecked(t, w, "山田 太郎") {
		t.Error("the ticks do not show the selection")
	}
	tapButton(t, w.Content(), "選択をすべて外す")
	if len(v.selectedIDs()) != 0 || !v.none.Disabled() || v.status.Text() != "" || rowChecked(t, w, "佐藤 花子") {
		t.Errorf("after clearing: selected %v, status %q", v.selectedIDs(), v.status.Text())
	}
}

// alreadyJoined is what HR is told of a person who has started using the
// app (issue 14).
const alreadyJoined = "この方はすでにアプリを使い始めています。新しい招待コードは事務局にご依頼ください。"

// TestInvitationsJoinedPersonIsTheSecretariats: HR is not offered a new
// code for someone who has started using the app: their tick box is off,
// a click on their row says to ask the secretariat, and selecting
// everyone not started leaves them out. The secretariat may tick them.
func TestInvitationsJoinedPersonIsTheSecretariats(t *testing.T) {
	f, v, w := newInviteFixture(t, app.RoleHR)
	var check *widget.Check
	uitest.ShownWalk(w.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*inviteRow); ok && r.p.Name == "山田 太郎" {
			check = r.check
		}
	})
	if check == nil || !check.Disabled() {
		t.Fatal("HR may tick a person who has started using the app")
	}
	tapText(t, w, "山田 太郎")
	if rowChecked(t, w, "山田 太郎") || len(v.selectedIDs()) != 0 || !v.invite.Disabled() {
		t.Fatalf("a click on the row ticked him: %v", v.selectedIDs())
	}
	if got := v.status.Text(); got != alreadyJoined {
		t.Errorf("status %q, want %q", got, alreadyJoined)
	}
	v.setSelected("p-1", true) // as a stale tick would
	if len(v.selectedIDs()) != 0 {
		t.Fatalf("selected %v", v.selectedIDs())
	}
	tapButton(t, w.Content(), "まだ使い始めていない参加者をすべて選ぶ")
	if got := v.selectedIDs(); !reflect.DeepEqual(got, []string{"p-2", "p-3"}) {
		t.Fatalf("selected %v", got)
	}

	// 佐藤 花子 starts using the app while HR makes the codes: the
	// server refuses, the screen says why and shows her as started.
	f.mu.Lock()
	f.inviteErr = &app.Rejection{Code: app.CodeAlreadyJoined}
	f.invitations[1].JoinedAt = tp(testNow)
	f.invitations[1].Devices = []app.DeviceInfo{{ID: "d-2", Name: "佐藤のPC", CreatedAt: testNow}}
	f.mu.Unlock()
	tapButton(t, w.Content(), "招待コードを作る（2人）")
	if got := v.status.Text(); got != alreadyJoined {
		t.Errorf("after the refusal, status %q", got)
	}
	if got := v.selectedIDs(); !reflect.DeepEqual(got, []string{"p-3"}) {
		t.Errorf("after the refusal, selected %v", got)
	}
	uitest.WantTexts(t, "the invitations", w.Content(), "アプリを使い始めました（2026年11月25日(水)）")
	if len(v.codes) != 0 {
		t.Fatalf("codes shown: %+v", v.codes)
	}

	// The secretariat may.
	_, sv, sw := newInviteFixture(t, app.RoleSecretariat)
	sv.company.sel.SetSelected("株式会社さくら商事")
	settle()
	tapText(t, sw, "山田 太郎")
	if !rowChecked(t, sw, "山田 太郎") || !reflect.DeepEqual(sv.selectedIDs(), []string{"p-1"}) {
		t.Fatalf("the secretariat cannot tick him: %v", sv.selectedIDs())
	}
}
