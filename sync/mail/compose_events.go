package mail

import (
	"context"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// The mails of a committed change, to the other person of the offer or
// talk: a new offer to its recipient; an answer (accepted, other times
// proposed, declined) to whoever waits for it; a change of a talk's time
// proposed, accepted or declined, and a cancellation, to the other side.

// person names p with their company: 山田 太郎さん（株式会社A）.
func person(lang string, p serverstore.MailPerson) string {
	if lang == langEN {
		return p.Name + " (" + p.CompanyName + ")"
	}
	return p.Name + "さん（" + p.CompanyName + "）"
}

// label writes "label: value" the way each language does.
func label(lang string, words [2]string, value string) string {
	if lang == langEN {
		return words[1] + ": " + value
	}
	return words[0] + "：" + value
}

var (
	wordWhen    = [2]string{"日時", "When (Japan time)"}
	wordHow     = [2]string{"方法", "How"}
	wordPlace   = [2]string{"場所・リンク", "Place or link"}
	wordReason  = [2]string{"理由", "Reason"}
	wordWith    = [2]string{"お相手", "With"}
	wordDue     = [2]string{"お返事の期限", "Please answer by"}
	wordNow     = [2]string{"今の日時", "Current time"}
	wordAskedTo = [2]string{"提案された日時", "Proposed time"}
)

func slotsOf(lang string, slots []app.Slot) []string {
	out := make([]string, len(slots))
	for i, s := range slots {
		out[i] = formatSlot(lang, s)
	}
	return out
}

// offerLetters are the mails of offer.send, accept, counter and decline.
func offerLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	o, err := q.Offer(ctx, ev.OfferID)
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
	var write func(lang string) letter
	switch ev.Kind {
	case app.OfferSend:
		if to.ID != o.ToID {
			return nil, nil // only its recipient hears of an offer, and reads its message
		}
		write = func(lang string) letter { return newOfferLetter(lang, actor, o) }
	case app.OfferAccept:
		var talk app.Talk
		if talk, err = q.Talk(ctx, ev.TalkID); err != nil {
			return nil, err
		}
		write = func(lang string) letter {
			return letter{Kind: "offer.accepted",
				Subject: pick(lang, [2]string{person(lang, actor) + "がオファーを承諾されました", person(lang, actor) + " accepted your offer"}),
				Blocks: []block{
					{Paras: []string{pick(lang, [2]string{
						person(lang, actor) + "が、クロストークのオファーを承諾されました。日時が決まりました。",
						person(lang, actor) + " accepted your cross talk offer. The time is set."})}},
					talkFacts(lang, talk, actor),
				}}
		}
	case app.OfferCounter:
		write = func(lang string) letter {
			return letter{Kind: "offer.countered",
				Subject: pick(lang, [2]string{person(lang, actor) + "から別の日時の提案が届きました", person(lang, actor) + " proposed other times"}),
				Blocks: []block{
					{Paras: []string{pick(lang, [2]string{
						person(lang, actor) + "から、別の日時の提案が届きました。ご都合のよい日時をお選びください。",
						person(lang, actor) + " proposed other times for your cross talk. Please choose one that suits you."})}},
					{Heading: pick(lang, [2]string{"提案された日時", "Proposed times (Japan time)"}), List: slotsOf(lang, o.Slots)},
					{Paras: []string{label(lang, wordDue, formatDateTime(lang, o.ExpiresAt))}},
				}}
		}
	case app.OfferDecline:
		write = func(lang string) letter {
			return letter{Kind: "offer.declined",
				Subject: pick(lang, [2]string{person(lang, actor) + "がオファーを辞退されました", person(lang, actor) + " declined your offer"}),
				Blocks: []block{{Paras: []string{
					pick(lang, [2]string{person(lang, actor) + "が、クロストークのオファーを辞退されました。",
						person(lang, actor) + " declined your cross talk offer."}),
					label(lang, wordReason, declineReason(lang, o.Reason)),
					pick(lang, [2]string{"ほかの方にも、ぜひオファーを送ってみてください。", "Why not send an offer to someone else?"}),
				}}}}
		}
	}
	return []addressed{{to: to, write: write, digest: true}}, nil
}

// newOfferLetter tells the recipient of o, from from, of it, with its
// message: the only mail an offer's message goes in.
func newOfferLetter(lang string, from serverstore.MailPerson, o app.Offer) letter {
	return letter{Kind: "offer.new",
		Subject: pick(lang, [2]string{person(lang, from) + "からクロストークのオファーが届きました", "New cross talk offer from " + person(lang, from)}),
		Blocks: []block{
			{Paras: []string{pick(lang, [2]string{
				person(lang, from) + "から、クロストークのオファーが届きました。ご都合のよい日時をお選びください。",
				person(lang, from) + " sent you a cross talk offer. Please choose a time that suits you."})}},
			{Heading: pick(lang, [2]string{"提案された日時", "Proposed times (Japan time)"}), List: slotsOf(lang, o.Slots)},
			{Paras: []string{label(lang, wordHow, modeName(lang, o.Mode)), label(lang, wordDue, formatDateTime(lang, o.ExpiresAt))}},
			{Heading: pick(lang, [2]string{"メッセージ", "Message"}), Quote: o.Message},
		}}
}

// talkFacts are a talk's time, mode, place and other person.
func talkFacts(lang string, t app.Talk, other serverstore.MailPerson) block {
	b := block{Paras: []string{
		label(lang, wordWhen, formatSlot(lang, app.Slot{Start: t.Start, End: t.End})),
		label(lang, wordWith, person(lang, other)),
		label(lang, wordHow, modeName(lang, t.Mode)),
	}}
	if t.Place != "" {
		b.Paras = append(b.Paras, label(lang, wordPlace, t.Place))
	}
	return b
}

// talkLetters are the mails of a change of a talk's time and of its
// cancellation, to the other person.
func talkLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	t, err := q.Talk(ctx, ev.TalkID)
	if err != nil {
		return nil, err
	}
	actor, err := q.Person(ctx, ev.ActorID)
	if err != nil {
		return nil, err
	}
	to, err := q.Person(ctx, t.Other(ev.ActorID))
	if err != nil {
		return nil, err
	}
	var write func(lang string) letter
	switch ev.Kind {
	case app.TalkProposeTime, app.TalkReschedule:
		if t.State != app.TalkScheduled || ev.Start.IsZero() {
			return nil, nil // cancelled meanwhile: nothing to answer
		}
		// The proposal as made, even if answered since.
		p := &app.TimeProposal{Start: ev.Start, End: ev.Start.Add(t.End.Sub(t.Start)), Place: ev.Place}
		if tp := t.Proposal; tp != nil && tp.Start.Equal(ev.Start) {
			p = tp
		}
		write = func(lang string) letter {
			b := block{Paras: []string{
				label(lang, wordNow, formatSlot(lang, app.Slot{Start: t.Start, End: t.End})),
				label(lang, wordAskedTo, formatSlot(lang, app.Slot{Start: p.Start, End: p.End})),
			}}
			if p.Place != nil && *p.Place != t.Place {
				b.Paras = append(b.Paras, label(lang, wordPlace, *p.Place))
			}
			return letter{Kind: "talk.time_proposed",
				Subject: pick(lang, [2]string{person(lang, actor) + "から日時の変更の提案が届きました", person(lang, actor) + " proposed a new time"}),
				Blocks: []block{{Paras: []string{pick(lang, [2]string{
					person(lang, actor) + "から、クロストークの日時を変更したいという提案が届きました。お返事をお願いします。",
					person(lang, actor) + " would like to move your cross talk. Please answer the proposal."})}}, b}}
		}
	case app.TalkAcceptTime:
		write = func(lang string) letter {
			return letter{Kind: "talk.time_accepted",
				Subject: pick(lang, [2]string{"クロストークの日時が変わりました", "Your cross talk has a new time"}),
				Blocks: []block{{Paras: []string{pick(lang, [2]string{
					person(lang, actor) + "が、日時の変更に同意されました。新しい日時は次のとおりです。",
					person(lang, actor) + " accepted the new time. Here it is."})}}, talkFacts(lang, t, actor)}}
		}
	case app.TalkDeclineTime:
		write = func(lang string) letter {
			return letter{Kind: "talk.time_declined",
				Subject: pick(lang, [2]string{"日時の変更は見送られました", "The new time was declined"}),
				Blocks: []block{{Paras: []string{pick(lang, [2]string{
					person(lang, actor) + "が、日時の変更を見送られました。クロストークは今の日時のままです。",
					person(lang, actor) + " declined the new time. Your cross talk keeps its time."})}}, talkFacts(lang, t, actor)}}
		}
	case app.TalkCancel:
		write = func(lang string) letter {
			return letter{Kind: "talk.cancelled",
				Subject: pick(lang, [2]string{"クロストークが中止になりました", "Your cross talk was cancelled"}),
				Blocks: []block{{Paras: []string{
					pick(lang, [2]string{
						person(lang, actor) + "が、" + formatSlot(lang, app.Slot{Start: t.Start, End: t.End}) + "のクロストークを中止されました。",
						person(lang, actor) + " cancelled your cross talk of " + formatSlot(lang, app.Slot{Start: t.Start, End: t.End}) + "."}),
					label(lang, wordReason, cancelReason(lang, t.Reason)),
				}}}}
		}
	}
	return []addressed{{to: to, write: write, digest: true}}, nil
}
