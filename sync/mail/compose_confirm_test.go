package mail

import (
	"strings"
	"testing"
	"time"

	"crosstalk/data/serverstore"
)

// The mail of a code: in the person's language, to the new address, the
// code in both parts, and the person's name escaped in the HTML.
func TestComposeConfirm(t *testing.T) {
	to := serverstore.EmailRecipient{ParticipantID: "p1", Name: "山田 <b>太郎</b>", Language: "ja", Address: "new@example.jp"}
	m := composeConfirm(ConfirmData{To: to, Code: "012345", ValidFor: 30 * time.Minute})
	if m.To.Address != "new@example.jp" || m.To.ParticipantID != "p1" || m.Kind != serverstore.KindEmailConfirm || m.DedupeKey != "" {
		t.Fatalf("the message's envelope: %+v", m)
	}
	for _, want := range []string{"確認コード", "012345", "30 分間", "山田 <b>太郎</b> 様"} {
		if !strings.Contains(m.Subject+m.Text, want) {
			t.Errorf("the Japanese text lacks %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.HTML, "<b>太郎") || !strings.Contains(m.HTML, "&lt;b&gt;太郎") || !strings.Contains(m.HTML, "012345") {
		t.Errorf("the HTML:\n%s", m.HTML)
	}
	to.Language = "en"
	m = composeConfirm(ConfirmData{To: to, Code: "012345", ValidFor: 30 * time.Minute})
	if !strings.Contains(m.Subject, "confirmation code") || !strings.Contains(m.Text, "30 minutes") || strings.Contains(m.Text, "確認") {
		t.Errorf("the English mail: %q\n%s", m.Subject, m.Text)
	}
	enc, err := ConfirmMail(ConfirmData{To: to, Code: "012345", ValidFor: time.Minute}, Sender{Name: "CrossTalk", Address: "noreply@example.jp"}, time.Now())
	if err != nil || enc.Address != "new@example.jp" || enc.Kind != serverstore.KindEmailConfirm || !strings.HasSuffix(enc.MessageID, "@example.jp") {
		t.Fatalf("encoded: %+v %v", enc, err)
	}
}
