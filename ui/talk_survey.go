package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// A talk's detail offers its survey while the survey waits for the
// user's answer, as the inbox's list of surveys does.

// checkSurvey looks, off the UI goroutine, whether the talk is over and
// its survey waits for the user's answer, and then offers it.
func (d *TalkDetail) checkSurvey() {
	k, now := d.talk, d.svc.Now()
	if now.Before(k.End) || (k.State != app.TalkScheduled && k.State != app.TalkHeld) {
		return
	}
	svc, me := d.svc, d.svc.Me().ParticipantID
	widgets.Background(func() (bool, error) {
		due, err := svc.SurveysDue(context.Background(), me, now)
		return slices.ContainsFunc(due, func(x app.TalkItem) bool { return x.ID == k.ID }), err
	}, func(due bool, err error) {
		if err != nil {
			fyne.LogError("talk detail: surveys due", err)
			return
		}
		if d.talk.ID == k.ID && d.surveyDue != due {
			d.surveyDue = due
			d.show()
		}
	})
}

// openSurvey opens the talk's survey. Once it is answered, or the talk
// marked as not held, the detail shows the talk as it now is.
func (d *TalkDetail) openSurvey() {
	d.surveyDlg = NewSurveyDialog(d.svc, d.win, d.talk, d.surveyAnswered)
	d.surveyDlg.Show()
}

// surveyAnswered reads the talk again off the UI goroutine, since the
// survey may have marked it as not held, and shows it without the
// survey.
func (d *TalkDetail) surveyAnswered() {
	k := d.talk
	svc, me := d.svc, d.svc.Me().ParticipantID
	widgets.Background(func() (app.TalkItem, error) {
		ks, err := svc.TalksBetween(context.Background(), me, k.Start, k.Start.Add(time.Second))
		for _, x := range ks {
			if x.ID == k.ID {
				return x, err
			}
		}
		return k, err
	}, func(next app.TalkItem, err error) {
		if err != nil {
			fyne.LogError("talk detail: after the survey", err)
		}
		d.talk, d.surveyDue = next, false
		d.show()
		if d.OnChanged != nil {
			d.OnChanged(next)
		}
		d.done()
	})
}
