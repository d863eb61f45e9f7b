package mail

import (
	"context"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// messageLetters is the mail of a message in the thread of an offer or
// talk (issue 19), to the other side: who wrote, never what. The text
// stays between the two people's devices — no mail, outbox row or digest
// row holds it. At most one such mail per thread and person in an hour
// (Tokyo): the next messages of that hour are in the app, where the mail
// sends the reader.
func messageLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	offerID := ev.OfferID
	if ev.TalkID != "" {
		t, err := q.Talk(ctx, ev.TalkID)
		if err != nil {
			return nil, err
		}
		offerID = t.OfferID
	}
	o, err := q.Offer(ctx, offerID)
	if err != nil {
		return nil, err
	}
	actor, err := q.Person(ctx, ev.ActorID)
	if err != nil {
		return nil, err
	}
	to, err := q.Person(ctx, o.Other(ev.ActorID))
	if err != nil {
		return nil, err
	}
	hour := ev.At.In(app.Tokyo).Format("2006010215")
	return []addressed{{to: to, digest: true, key: "message:" + o.ID + ":" + to.ID + ":" + hour,
		write: func(lang string) letter {
			return letter{Kind: "message.new",
				Subject: pick(lang, [2]string{person(lang, actor) + "からメッセージが届きました", "New message from " + person(lang, actor)}),
				Blocks: []block{{Paras: []string{pick(lang, [2]string{
					person(lang, actor) + "から、クロストークについてのメッセージが届きました。",
					person(lang, actor) + " sent you a message about your cross talk."})}}},
				Open: pick(lang, [2]string{"メッセージは CrossTalk のアプリでご覧ください。", "Please open CrossTalk to read it."}),
			}
		}}}, nil
}
