package mail

import (
	"context"
	"encoding/json"
	"fmt"

	"crosstalk/data/serverstore"
)

// STAND-IN until the mailaccount branch merges: mailaccount owns
// compose_confirm.go and its composeConfirm, the mail with the code that
// confirms a new address; the lead keeps theirs and deletes this file.
// This one takes Data as {"address": "...", "code": "..."} and mails the
// code to the address, whatever the person's mail choices.
func composeConfirm(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	var d struct {
		Address string `json:"address"`
		Code    string `json:"code"`
	}
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return nil, fmt.Errorf("confirmation data: %w", err)
	}
	me, err := q.Person(ctx, ev.ActorID)
	if err != nil {
		return nil, err
	}
	return []addressed{{to: me, address: d.Address, write: func(lang string) letter {
		return letter{Kind: serverstore.MailEmailConfirm,
			Subject: pick(lang, [2]string{"メールアドレスの確認コード", "Your confirmation code"}),
			Blocks: []block{{Paras: []string{
				pick(lang, [2]string{"確認コードは " + d.Code + " です。アプリに入力してください。",
					"Your code is " + d.Code + ". Please enter it in the app."}),
			}}}}
	}}}, nil
}
