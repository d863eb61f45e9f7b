package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"crosstalk/data/serverstore"
)

// replacedMails is the notice of a KindEmailReplaced event: HR's import
// gave the person another address, so their mails no longer come to the
// old one, which is told so, and that the person may give their own in
// the app. It goes to the old address whatever the person's mail
// choices, like the mail of a code: it is about where their mails go.
// It names neither the new address (the old one may be a stranger's, by
// a typing mistake in the list) nor anyone but the person. Nothing is
// sent if the address the person has now is the old one again.
func (c *Composer) replacedMails(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]serverstore.OutgoingMail, error) {
	var d serverstore.AddressReplaced
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return nil, fmt.Errorf("compose %s: %w", ev.Kind, err)
	}
	p, err := q.Person(ctx, ev.To)
	if err != nil {
		return nil, fmt.Errorf("compose %s: %w", ev.Kind, err)
	}
	if d.Old == "" || strings.EqualFold(d.Old, p.Email) {
		return nil, nil
	}
	lang := langOf(p)
	m, err := c.encode(p, d.Old, lang, replacedLetter(lang), "", ev.At)
	if err != nil {
		return nil, fmt.Errorf("compose %s: %w", ev.Kind, err)
	}
	return []serverstore.OutgoingMail{m}, nil
}

// replacedLetter is what the notice of a replaced address says, in lang.
func replacedLetter(lang string) letter {
	return letter{
		Kind:    serverstore.KindEmailReplaced,
		Subject: pick(lang, [2]string{"CrossTalk メールの宛先が変更されました", "CrossTalk: your mails now go to another address"}),
		Blocks: []block{{Paras: []string{
			pick(lang, [2]string{
				"会社の名簿の取り込みにより、CrossTalk からあなたへのメールの宛先が、このアドレスから別のアドレスに変わりました。これからは、このアドレスには届きません。",
				"Your company's list changed the address that CrossTalk sends your mails to: from now on they go to another address, not to this one."}),
			pick(lang, [2]string{
				"ご自身のアドレスで受け取りたい場合は、アプリの「設定」→「メール」でアドレスを入力し、届いた確認コードを入力してください。ご自身で確認したアドレスは、会社の名簿では変わりません。",
				"To get them at an address of your own, enter it in the app, under Settings → Mail, and type the code mailed to it. An address you confirmed yourself is not changed by your company's list."}),
			pick(lang, [2]string{
				"お心当たりがない場合は、会社の人事ご担当者か事務局にお問い合わせください。",
				"If this is not what you expected, please ask your HR contact or the programme's secretariat."}),
		}}},
		Open: pick(lang, [2]string{"CrossTalk のアプリで、今の宛先を確認できます。", "You can see the current address in CrossTalk."}),
	}
}
