package mail

import (
	"fmt"
	"html"
	"strings"
	"time"

	"crosstalk/data/serverstore"
)

// ConfirmData is what the mail of a code that confirms a new address
// says (kind "email.confirm"): to whom, in which language, the code, and
// how long it works.
type ConfirmData struct {
	To       serverstore.EmailRecipient
	Code     string        // six digits
	ValidFor time.Duration // serverstore.EmailCodeTTL
}

// composeConfirm writes the mail of a code to the new address, in the
// person's mail language (Japanese unless "en"): the code, where to type
// it, how long it works, and what to do with a mail one did not ask for.
// It names no one but the person.
func composeConfirm(d ConfirmData) Message {
	minutes := int(d.ValidFor / time.Minute)
	var subject string
	var paras []string
	if d.To.Language == "en" {
		subject = "CrossTalk: your confirmation code"
		paras = []string{
			fmt.Sprintf("Dear %s,", d.To.Name),
			"This address was entered in CrossTalk to receive your mails. To confirm it, type this code in the app, under Settings → Mail:",
			"", // the code
			fmt.Sprintf("The code works for %d minutes.", minutes),
			"If you did not ask for it, please ignore this mail: the address is not registered without the code.",
			"CrossTalk",
		}
	} else {
		subject = "CrossTalk メールアドレスの確認コード"
		paras = []string{
			fmt.Sprintf("%s 様", d.To.Name),
			"CrossTalk のメールの宛先に、このアドレスが入力されました。アプリの「設定」→「メール」で、次の確認コードを入力してください。",
			"",
			fmt.Sprintf("このコードは %d 分間有効です。", minutes),
			"お心当たりがない場合は、このメールを破棄してください。コードが入力されなければ、アドレスは登録されません。",
			"CrossTalk",
		}
	}
	var text, body strings.Builder
	for _, p := range paras {
		if p == "" {
			fmt.Fprintf(&text, "    %s\n\n", d.Code)
			fmt.Fprintf(&body, "<p style=\"font-size:1.6em;letter-spacing:0.2em\"><strong>%s</strong></p>\n", html.EscapeString(d.Code))
			continue
		}
		text.WriteString(p + "\n\n")
		fmt.Fprintf(&body, "<p>%s</p>\n", html.EscapeString(p))
	}
	lang := "ja"
	if d.To.Language == "en" {
		lang = "en"
	}
	return Message{
		To:      Recipient{ParticipantID: d.To.ParticipantID, Name: d.To.Name, Address: d.To.Address},
		Subject: subject,
		Text:    strings.TrimRight(text.String(), "\n") + "\n",
		HTML: "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" + html.EscapeString(subject) +
			"</title></head>\n<body>\n" + body.String() + "</body></html>\n",
		Kind: serverstore.KindEmailConfirm,
	}
}

// ConfirmMail encodes the mail of a code, from from, dated now. The
// server queues it in the transaction that records the code
// (serverstore.StartEmailConfirmation), not through the Composer: the
// code is never kept as a mail event.
func ConfirmMail(d ConfirmData, from Sender, now time.Time) (serverstore.OutgoingMail, error) {
	return Encode(composeConfirm(d), from, now)
}
