package demo

import (
	"time"

	"crosstalk/app"
)

// demoThreads gives two of DemoUser's coming talks a message thread
// (issue 19): on the online one (talk online), the other side sent the
// meeting's link, which DemoUser has read and thanked them for, and the
// other side has read the thanks (既読); on the one in person (talk
// inPerson), the other side sent directions to the place, which DemoUser
// has not read yet. No random draw: the rest of the demo stays as it
// was.
func (g *gen) demoThreads(online, inPerson int) {
	k := g.ds.Talks[online]
	other := k.Other(DemoUser)
	link := g.message(k, other, 1, 3, "オンライン会議のURLをお送りします。\n"+k.Place+"\n当日はこちらからご参加ください。どうぞよろしくお願いいたします。")
	thanks := g.message(k, DemoUser, 2, 3, "URLをお送りいただき、ありがとうございます。当日はどうぞよろしくお願いいたします。")
	g.readUpTo(link, thanks.CreatedAt)
	g.readUpTo(thanks, g.base.Add(-10*time.Minute))

	k = g.ds.Talks[inPerson]
	g.message(k, k.Other(DemoUser), 1, 1, "当日の場所のご案内です。\n場所："+k.Place+"\n受付で私の名前をお伝えください。お目にかかれるのを楽しみにしております。")
}

// message adds the i-th of n messages of talk k's thread, written by
// author: the messages are spread evenly between the talk's agreement
// and a little before now.
func (g *gen) message(k app.Talk, author string, i, n int, text string) app.Message {
	from, to := k.CreatedAt, g.base.Add(-30*time.Minute)
	at := from.Add(to.Sub(from) * time.Duration(i) / time.Duration(n+1)).UTC().Truncate(time.Second)
	m := app.Message{
		ID: newID(g.kind+"/message", len(g.ds.Messages)), ThreadID: k.OfferID,
		AuthorID: author, ToID: k.Other(author), Seq: i, Text: text, CreatedAt: at,
	}
	g.ds.Messages = append(g.ds.Messages, m)
	return m
}

// readUpTo has the recipient of m read its thread up to m at at.
func (g *gen) readUpTo(m app.Message, at time.Time) {
	g.ds.MessageReads = append(g.ds.MessageReads, app.MessageReadMark{
		ThreadID: m.ThreadID, ReaderID: m.ToID, OtherID: m.AuthorID, UpToID: m.ID, UpToSeq: m.Seq, ReadAt: at.UTC(),
	})
}
