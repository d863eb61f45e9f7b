package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// A talk's detail has a button that opens the thread of its offer, with
// the number of the other person's messages not read yet.

// CheckThread counts, off the UI goroutine, the other person's messages
// in the talk's thread not read yet, and shows the number on its button.
func (d *TalkDetail) CheckThread() {
	svc, me, id := d.svc, d.svc.Me().ParticipantID, d.talk.OfferID
	widgets.Background(func() (int, error) {
		sums, err := threadsByID(context.Background(), svc, me)
		return sums[id].Unread, err
	}, func(unread int, err error) {
		if err != nil {
			fyne.LogError("talk detail: messages", err)
			return
		}
		if d.talk.OfferID != id {
			return
		}
		d.messages.SetText(threadButtonText(unread))
		imp := widget.MediumImportance
		if unread > 0 {
			imp = widget.HighImportance
		}
		if d.messages.Importance != imp {
			d.messages.Importance = imp
			d.messages.Refresh()
		}
	})
}

// openThread opens the thread of the talk's offer.
func (d *TalkDetail) openThread() {
	k := d.talk
	d.thread = NewThreadDialog(d.svc, d.win, threadTarget{OfferID: k.OfferID, OtherName: k.OtherName, OtherCompany: k.OtherCompany})
	d.thread.OnChanged = func() {
		d.CheckThread()
		if d.OnSeen != nil {
			d.OnSeen() // the window counts the messages not read again
		}
	}
	d.thread.Show()
}
