package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"crosstalk/app"
)

// The inbox lists, above the offers, the talks the other person changed:
// a proposal to answer stays until it is answered and opens the talk; a
// cancellation stays until 「確認しました」 is tapped, and then is gone.
func TestInboxTellsOfTalkChanges(t *testing.T) {
	f := newInboxFixture(t, testNow)
	ch := f.in.changes
	if !ch.box.Visible() || len(ch.items) != 1 {
		t.Fatalf("the demo's proposal: shown %v, %d items", ch.box.Visible(), len(ch.items))
	}
	it := ch.items[0]
	if it.seen != nil || it.open.Text != "開いて返事をする" || !strings.HasPrefix(it.text.Text, "石井 大輔さんから、") || !it.text.Label.TextStyle.Bold {
		t.Errorf("proposal item: %q, %q, seen button %v", it.text.Text, it.open.Text, it.seen != nil)
	}
	var opened app.TalkItem
	f.in.OnOpenTalk = func(k app.TalkItem) { opened = k }
	test.Tap(it.open)
	if opened.ID != it.change.ID || opened.Proposal == nil {
		t.Errorf("opened %+v", opened.Talk)
	}

	// The other side of another talk cancels it.
	ctx := context.Background()
	k := comingTalk(t, f.svc, 30)
	other := app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant}
	if err := app.Run(ctx, f.svc.Store, app.TalkCancel, other, app.Args(app.CancelTalkArgs{TalkID: k.ID, Reason: "health"}), testNow.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	f.in.Refresh()
	f.waitLoaded(t)
	if len(ch.items) != 2 || ch.items[0].change.ID != k.ID || ch.items[0].seen == nil {
		t.Fatalf("after the cancellation: %d items", len(ch.items))
	}
	if want := k.OtherName + "さんが、"; !strings.HasPrefix(ch.items[0].text.Text, want) || !strings.Contains(ch.items[0].text.Text, "中止しました（体調がすぐれません）") {
		t.Errorf("cancellation says %q", ch.items[0].text.Text)
	}
	test.Tap(ch.items[0].seen)
	f.waitLoaded(t)
	if len(ch.items) != 1 || ch.items[0].change.ID == k.ID {
		t.Errorf("after 確認しました: %d items", len(ch.items))
	}
}
