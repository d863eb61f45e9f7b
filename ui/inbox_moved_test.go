package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// An accepted offer whose talk moved by consent does not name the time
// accepted as the talk's: its card says who accepted, and the talk line
// gives the talk's time, in 決まったクロストーク and, once the talk is
// cancelled, in 終わったもの.
func TestInboxCardOfAMovedTalk(t *testing.T) {
	f := newInboxFixture(t, testNow)
	ctx := context.Background()
	me := f.svc.me.ParticipantID
	var it app.InboxItem
	for _, x := range f.items(t, app.BoxScheduled) {
		if x.Talk != nil && x.Talk.State == app.TalkScheduled && x.Talk.Proposal == nil {
			it = x
			break
		}
	}
	if it.Talk == nil {
		t.Fatal("no decided talk in the demo")
	}
	chosen, _ := chosenSlot(it.Offer)
	if !chosen.Start.Equal(it.Talk.Start) {
		t.Fatalf("the demo talk moved already: %s, chosen %s", it.Talk.Start, chosen.Start)
	}
	mine := app.Actor{ParticipantID: me, Role: app.RoleParticipant}
	other := app.Actor{ParticipantID: it.Other(me), Role: app.RoleParticipant}
	newStart := time.Date(2026, 12, 3, 14, 0, 0, 0, app.Tokyo)
	for _, step := range []struct {
		who  app.Actor
		name string
		args any
	}{
		{mine, app.TalkProposeTime, app.ProposeTimeArgs{TalkID: it.Talk.ID, Start: newStart}},
		{other, app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: it.Talk.ID, Start: newStart}},
	} {
		if err := app.Run(ctx, f.svc.Store, step.name, step.who, app.Args(step.args), testNow); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
	}
	accepted := "承諾しました。"
	if acceptedBy(it.Offer) != me {
		accepted = "お相手が承諾されました。"
	}
	check := func(box app.Box, state string) {
		t.Helper()
		c := f.wantOnlyIn(t, it.ID, box)
		moved := talkAt(t, f, it.Talk.ID)
		if !moved.Start.Equal(newStart) {
			t.Fatalf("the talk is at %s", moved.Start)
		}
		uitest.WantTexts(t, "the card", c.content, accepted,
			"クロストーク："+widgets.FormatSlot(app.Slot{Start: moved.Start, End: moved.End})+"（"+state+"）")
		for _, s := range uitest.ShownTexts(c.content) {
			if strings.Contains(s, "日時は") {
				t.Errorf("the card names a time that is no longer the talk's: %q", s)
			}
		}
	}
	f.in.Refresh()
	f.waitLoaded(t)
	check(app.BoxScheduled, "予定")

	if err := app.Run(ctx, f.svc.Store, app.TalkCancel, other, app.Args(app.CancelTalkArgs{TalkID: it.Talk.ID, Reason: "work"}), testNow); err != nil {
		t.Fatal(err)
	}
	f.in.Refresh()
	f.waitLoaded(t)
	check(app.BoxFinished, "中止（急な仕事が入りました）")
}

// talkAt is talk id as the inbox reads it.
func talkAt(t *testing.T, f *inboxFixture, id string) app.Talk {
	t.Helper()
	for _, box := range []app.Box{app.BoxScheduled, app.BoxFinished} {
		for _, x := range f.items(t, box) {
			if x.Talk != nil && x.Talk.ID == id {
				return *x.Talk
			}
		}
	}
	t.Fatalf("talk %s is in no list", id)
	return app.Talk{}
}
