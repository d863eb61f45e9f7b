package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// mailServer stands for the server's side of the confirmation of an
// address (sync/server's email.go, tested there against the real
// server): the code it "mails" is kept here; a right code writes the
// address into the replica as the next pull would.
type mailServer struct {
	svc *testServices

	mu      sync.Mutex
	offline bool
	sentTo  []string
	code    string
	waiting string
}

var _ MailServices = (*mailServer)(nil)

func newMailServer(t *testing.T, svc *testServices) *mailServer {
	t.Helper()
	if err := svc.SetState(context.Background(), map[string]string{"participant_id": svc.me.ParticipantID}); err != nil {
		t.Fatal(err)
	}
	return &mailServer{svc: svc}
}

func (s *mailServer) MyMail(ctx context.Context) (app.MailAccount, bool, error) {
	return s.svc.MyMail(ctx)
}

func (s *mailServer) SetMail(ctx context.Context, c app.MailSettings) error {
	return s.svc.Mutate(ctx, app.MailSet, c)
}

func (s *mailServer) StartEmail(_ context.Context, address string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return fmt.Errorf("start e-mail: %w", app.ErrOffline)
	}
	s.sentTo = append(s.sentTo, address)
	s.code, s.waiting = "246810", address
	return nil
}

func (s *mailServer) ConfirmEmail(ctx context.Context, code string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return "", fmt.Errorf("confirm e-mail: %w", app.ErrOffline)
	}
	if s.waiting == "" {
		return "", app.Reject(app.CodeEmailCodeExpired, "none waiting")
	}
	if code != s.code {
		return "", app.Reject(app.CodeEmailCodeWrong, "wrong")
	}
	address := s.waiting
	s.waiting = ""
	return address, s.svc.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE participants SET email = ?, email_failed_at = 0, email_error = '' WHERE id = ?`,
			address, s.svc.me.ParticipantID)
		return err
	})
}

// failing makes the person's address fail, as a pull after a bounce does.
func (s *mailServer) failing(t *testing.T, reason string) {
	t.Helper()
	if err := s.svc.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE participants SET email_failed_at = 1, email_error = ? WHERE id = ?`, reason, s.svc.me.ParticipantID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// demoAddress is the demo user's address (app/demo's people.go).
func demoAddress(t *testing.T, svc *testServices) string {
	t.Helper()
	a, ok, err := svc.MyMail(context.Background())
	if err != nil || !ok || a.Email == "" {
		t.Fatalf("the demo user's mail: %+v %v %v", a, ok, err)
	}
	return a.Email
}

// The settings' 「メール」 shows the address and the choices; a choice
// is made at once on the device; the address changes only with the code
// mailed to the new one, a wrong code and being offline saying so.
func TestSettingsMail(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	ui := dirQueueApp(t, a)
	svc := newTestServices(t)
	srv := newMailServer(t, svc)
	address := demoAddress(t, svc)
	w := test.NewTempWindow(t, nil)
	m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Mail: srv})
	w.SetContent(m.Content())
	w.Resize(fyne.NewSize(1100, 900))
	m.DataChanged()
	ui.settle()
	closeOverlays(w) // the survey of a past talk
	m.tabs.Select(m.setTab)
	ui.settle()
	s := m.settings.Content()
	uitest.WantTexts(t, "the settings", s, "メール", address)
	sec := m.settings.mail
	if sec.mode.Selected != "1通ずつ" || sec.language.Selected != "日本語" {
		t.Fatalf("the choices shown: %q %q", sec.mode.Selected, sec.language.Selected)
	}
	uitest.WantTexts(t, "the participant's mail", s, "新しいオファーやお返事、クロストークの予定などを、メールでもお知らせします。")
	if sec.weeklyOf.Visible() || uitest.ShowsText(s, "メールが届きません") {
		t.Fatal("a participant is offered the weekly summary, or told of a failure")
	}

	sec.mode.SetSelected("毎朝8時ごろ、1日1回まとめて")
	ui.settle()
	sec.language.SetSelected("English")
	ui.settle()
	if got, _, _ := svc.MyMail(context.Background()); got.Mode != app.MailDigest || got.Language != "en" {
		t.Fatalf("the choices were not made: %+v", got)
	}

	// A new address: a bad one is refused here; a good one gets a code.
	test.Tap(uitest.ShownButton(s, "変更する"))
	over := w.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no dialog to change the address")
	}
	uitest.WantTexts(t, "the dialog", over, "メールを受け取るアドレスを入力してください。そのアドレスに確認コードを送ります。")
	d := sec.dlg
	if w.Canvas().Focused() != d.address {
		t.Errorf("the focus is on %T, not the address", w.Canvas().Focused())
	}
	// Enter confirms an IME's conversion: it sends nothing.
	d.address.SetText("taro.new@example.jp")
	d.address.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.settle()
	if len(srv.sentTo) != 0 {
		t.Fatalf("Enter sent a code to %q", srv.sentTo)
	}
	d.address.SetText("taro@")
	test.Tap(uitest.ShownButton(over, "コードを送る"))
	uitest.WantTexts(t, "the dialog", over, "メールアドレスの形になっていません。確かめてください。")
	if len(srv.sentTo) != 0 {
		t.Fatal("a code was asked for a bad address")
	}
	d.address.SetText("taro@example")
	uitest.WantTexts(t, "the dialog while typing", over, "メールアドレスの形になっていません。確かめてください。")
	d.address.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(d.address, ".jp")
	if d.address.Text != "taro@example.jp" || uitest.ShowsText(over, "メールアドレスの形になっていません。確かめてください。") {
		t.Errorf("the complaint stays once the address %q is one", d.address.Text)
	}

	srv.offline = true
	d.address.SetText("\u3000ｔａｒｏ.new＠example.jp ") // typed with an IME
	test.Tap(uitest.ShownButton(over, "コードを送る"))
	ui.settle()
	uitest.WantTexts(t, "the dialog offline", over, "サーバーにつながらないため、できませんでした。つながってから、もう一度お試しください。")
	srv.offline = false
	test.Tap(uitest.ShownButton(over, "コードを送る"))
	ui.settle()
	if len(srv.sentTo) != 1 || srv.sentTo[0] != "taro.new@example.jp" {
		t.Fatalf("codes sent to %q", srv.sentTo)
	}
	uitest.WantTexts(t, "the second step", over,
		"taro.new@example.jp に確認コードを送りました。メールに書かれた6桁の数字を、30分以内に入力してください。\n"+
			"数分たっても届かないときは、アドレスに誤りがないかお確かめください。")

	// A code that no longer works: 「確認する」 is off, and the button
	// says what the message asks for.
	srv.waiting = ""
	d.code.SetText("246810")
	d.code.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.settle()
	if uitest.ShowsText(over, "確認コードの有効期限が切れています。もう一度コードを送ってください。") {
		t.Fatal("Enter sent the code")
	}
	test.Tap(uitest.ShownButton(over, "確認する"))
	ui.settle()
	uitest.WantTexts(t, "an expired code", over, "確認コードの有効期限が切れています。もう一度コードを送ってください。")
	if b := uitest.ShownButton(over, "確認する"); b == nil || !b.Disabled() {
		t.Fatal("「確認する」 is on for an expired code")
	}
	test.Tap(uitest.ShownButton(over, "新しいコードを送る"))
	ui.settle()
	if len(srv.sentTo) != 2 || srv.sentTo[1] != "taro.new@example.jp" {
		t.Fatalf("codes sent to %q", srv.sentTo)
	}
	if b := uitest.ShownButton(over, "確認する"); b == nil || b.Disabled() {
		t.Fatal("「確認する」 is off for the new code")
	}

	d.code.SetText("111111")
	test.Tap(uitest.ShownButton(over, "確認する"))
	ui.settle()
	uitest.WantTexts(t, "a wrong code", over, "確認コードが違います。メールに書かれた6桁の数字を入力してください。")
	if got := demoAddress(t, svc); got != address {
		t.Fatalf("a wrong code changed the address to %q", got)
	}
	d.code.SetText("246810")
	test.Tap(uitest.ShownButton(over, "確認する"))
	ui.settle()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stays after the right code")
	}
	uitest.WantTexts(t, "the settings", s, "taro.new@example.jp", "メールの宛先を taro.new@example.jp に変更しました。")
	if got := demoAddress(t, svc); got != "taro.new@example.jp" {
		t.Fatalf("the address is %q", got)
	}
}

// When mails do not reach the person, the settings and the inbox say so,
// in plain words and first, and the inbox's notice opens the change
// of the address; a new address ends both notices.
func TestMailFailingNotice(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	ui := dirQueueApp(t, a)
	svc := newTestServices(t)
	srv := newMailServer(t, svc)
	address := demoAddress(t, svc)
	w := test.NewTempWindow(t, nil)
	m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Mail: srv})
	w.SetContent(m.Content())
	w.Resize(fyne.NewSize(1100, 900))
	m.DataChanged()
	ui.settle()
	closeOverlays(w)
	m.tabs.Select(m.inboxTab)
	ui.settle()
	if uitest.ShowsText(m.inbox.Content(), "メールが届きません") {
		t.Fatal("a notice before any failure")
	}

	srv.failing(t, "550 5.1.1 User unknown")
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now}) // as a pull brings it
	ui.settle()
	why := address + " にメールが届きません。アドレスをお確かめください。"
	uitest.WantTexts(t, "the inbox", m.inbox.Content(), "メールが届きません", why)
	for _, o := range []fyne.CanvasObject{m.inbox.Content(), m.settings.Content()} {
		for _, text := range uitest.ShownTexts(o) {
			if strings.Contains(text, "User unknown") {
				t.Errorf("the relay's reply is shown: %q", text)
			}
		}
	}
	if m.inbox.notices.Objects[0] != m.inbox.mailNotice {
		t.Error("the notice is not the first of the inbox's")
	}

	test.Tap(uitest.ShownButton(m.inbox.Content(), "アドレスを変更する"))
	ui.settle()
	if m.tabs.Selected() != m.setTab {
		t.Fatal("the settings are not shown")
	}
	uitest.WantTexts(t, "the settings", m.settings.Content(), "メールが届きません", why)
	over := w.Canvas().Overlays().Top()
	if over == nil || !uitest.ShowsText(over, "メールを受け取るアドレスを入力してください。そのアドレスに確認コードを送ります。") {
		t.Fatal("the change of the address is not open")
	}
	d := m.settings.mail.dlg
	d.address.SetText("taro@example.jp")
	test.Tap(uitest.ShownButton(over, "コードを送る"))
	ui.settle()
	d.code.SetText("246810")
	test.Tap(uitest.ShownButton(over, "確認する"))
	ui.settle()
	if uitest.ShowsText(m.settings.Content(), "メールが届きません") {
		t.Fatal("the settings still say the new address fails")
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(1)})
	ui.settle()
	if uitest.ShowsText(m.settings.Content(), "メールが届きません") {
		t.Fatal("the settings' notice stays after the address changed")
	}
	m.tabs.Select(m.inboxTab)
	ui.settle()
	if uitest.ShowsText(m.inbox.Content(), "メールが届きません") {
		t.Fatal("the inbox's notice stays after the address changed")
	}
}

// HR is offered the weekly summary, and the choice reaches the device's
// data; the mails' language follows the app's when it changes.
func TestSettingsMailHR(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	ui := dirQueueApp(t, a)
	svc := newTestServices(t)
	ds := demo.Demo(testNow)
	for _, p := range ds.Participants {
		if p.Role == app.RoleHR {
			svc.me = app.Actor{ParticipantID: p.ID, CompanyID: p.CompanyID, Role: app.RoleHR}
			break
		}
	}
	srv := newMailServer(t, svc)
	w := test.NewTempWindow(t, nil)
	language := ""
	s := NewSettings(w, SettingsState{Language: "ja"}, SettingsActions{Mail: srv, SetLanguage: func(code string) { language = code }})
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(900, 900))
	acct, _, err := srv.MyMail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.SetMail(acct, app.RoleHR)
	var weekly *widget.Check
	uitest.ShownWalk(s.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "週ごとのまとめを受け取る" {
			weekly = c
		}
	})
	if weekly == nil {
		t.Fatal("HR is not offered the weekly summary")
	}
	uitest.WantTexts(t, "HR's mail", s.Content(), "担当する範囲に関わることを、メールでもお知らせします。",
		"毎週月曜の朝に、担当する範囲の数字をまとめてお送りします。")
	if uitest.ShowsText(s.Content(), "新しいオファーやお返事、クロストークの予定などを、メールでもお知らせします。") {
		t.Error("HR is told of offers")
	}
	weekly.SetChecked(true)
	ui.settle()
	if got, _, _ := svc.MyMail(context.Background()); !got.Weekly || got.Mode != app.MailSingle {
		t.Fatalf("HR's choice: %+v", got)
	}

	// In the main window, the app's language carries the mails' along.
	m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Mail: srv,
		Actions: SettingsActions{SetLanguage: func(code string) { language = code }}})
	w.SetContent(m.Content())
	m.settings.lang.SetSelected("English")
	ui.settle()
	if got, _, _ := svc.MyMail(context.Background()); language != "en" || got.Language != "en" || !got.Weekly {
		t.Fatalf("after the app's language: %q, %+v", language, got)
	}
}
