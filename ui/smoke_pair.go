//go:build smoke

package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/smoke"
	"crosstalk/ui/widgets"
)

// SmokePair is one side of the walk of two apps on one real server
// (.ci/gui-smoke): side a signs in as the demo's user, side b as the
// other participant, whose offer waits for a's answer. The two sides tell
// each other what they did by files in Meet.
type SmokePair struct {
	Side string // "a" or "b"
	Code string // the invite code the side signs in with
	Meet string // the folder the two sides share
}

// pairWait bounds each wait for the other side: a sync over the real
// server takes about a second, the other app's start a few.
const pairWait = 2 * time.Minute

// pairDraft is what side a types in its profile and never saves: it must
// still be there after the syncs that the other side's actions bring.
const pairDraft = "（保存前の下書きです）"

func (p SmokePair) other() string {
	if p.Side == "a" {
		return "b"
	}
	return "a"
}

// say tells the other side what happened, with text.
func (p SmokePair) say(what, text string) error {
	tmp := filepath.Join(p.Meet, "."+p.Side+"-"+what)
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(p.Meet, p.Side+"-"+what))
}

// heard reads what the other side said of what, and whether it has.
func (p SmokePair) heard(what string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(p.Meet, p.other()+"-"+what))
	return string(b), err == nil
}

// SmokePair walks side p of the walk of two apps on one server with r,
// and calls done with the first error, on the UI goroutine.
func (m *MainWindow) SmokePair(r *smoke.Runner, p SmokePair, done func(error)) {
	r.Closers = append(r.Closers, SmokeClosers()...)
	if m.admin != nil || (p.Side != "a" && p.Side != "b") {
		done(fmt.Errorf("side %q of the walk of two apps needs a participant's account", p.Side))
		return
	}
	pw := &pairWalk{m: m, p: p, me: m.svc.Me().ParticipantID}
	steps := pw.sideB()
	if p.Side == "a" {
		steps = pw.sideA()
	}
	r.Run(steps, done)
}

// pairWalk is the state of one side's walk.
type pairWalk struct {
	m     *MainWindow
	p     SmokePair
	me    string
	other string // the other side's participant id, once heard

	busy    bool         // a background read or write is on its way
	done    bool         // the last one is over
	failure error        // of the last one
	talkID  string       // the talk of the two, once known
	talk    app.TalkItem // as last read
}

// synced holds once the app has synced with the server.
func (w *pairWalk) synced() bool { return !w.m.status.current.LastSync.IsZero() }

// meet is a step that says who this side is, and waits for the other
// side to say who it is.
func (w *pairWalk) meet() []smoke.Step {
	return []smoke.Step{
		{Ready: w.synced, Wait: pairWait},
		{Open: func(*smoke.Runner) error { return w.p.say("me", w.me) }},
		{Ready: func() bool {
			id, ok := w.p.heard("me")
			w.other = strings.TrimSpace(id)
			return ok
		}, Wait: pairWait},
	}
}

// background runs work off the UI goroutine once; ready then holds when
// it is over, and the walk fails on its error.
func (w *pairWalk) background(work func(ctx context.Context) error) func(*smoke.Runner) error {
	return func(*smoke.Runner) error {
		w.busy, w.done, w.failure = true, false, nil
		widgets.Background(func() (struct{}, error) {
			return struct{}{}, work(context.Background())
		}, func(_ struct{}, err error) {
			w.busy, w.done, w.failure = false, true, err
		})
		return nil
	}
}

// over is the Ready of a step that ran background: it fails the walk
// through check when the work failed.
func (w *pairWalk) over() bool { return w.done }

// check fails when the last background work failed.
func (w *pairWalk) check() error { return w.failure }

// readTalk reads, off the UI goroutine, the scheduled talk with the
// other side.
func (w *pairWalk) readTalk(ctx context.Context) (app.TalkItem, error) {
	now := w.m.svc.Now()
	talks, err := w.m.svc.TalksBetween(ctx, w.me, now.Add(-time.Hour), now.AddDate(1, 0, 0))
	if err != nil {
		return app.TalkItem{}, err
	}
	for _, k := range talks {
		if k.OtherID == w.other && k.State == app.TalkScheduled {
			return k, nil
		}
	}
	return app.TalkItem{}, fmt.Errorf("no talk with %s yet", w.other)
}

// refreshTalk starts a read of the talk of the two, unless one is on its
// way, and keeps what it finds.
func (w *pairWalk) refreshTalk() {
	if w.busy {
		return
	}
	w.busy = true
	widgets.Background(func() (app.TalkItem, error) {
		return w.readTalk(context.Background())
	}, func(k app.TalkItem, err error) {
		w.busy = false
		if err == nil {
			w.talkID, w.talk = k.ID, k
		}
	})
}

// untilTalk is a step that waits until the talk with the other side has
// arrived by sync.
func (w *pairWalk) untilTalk() smoke.Step {
	return smoke.Step{Ready: func() bool {
		if w.talkID == "" {
			w.refreshTalk()
		}
		return w.talkID != ""
	}, Wait: pairWait}
}

// sideA is the demo's user: it types in its profile without saving,
// accepts the other side's offer, is told of the other side's proposal
// of a new time while its profile is on screen, finds its typed text
// still there, and accepts the new time from the inbox's notice.
func (w *pairWalk) sideA() []smoke.Step {
	steps := w.meet()
	var proposed time.Time
	return append(steps,
		smoke.Step{Open: func(*smoke.Runner) error { w.m.tabs.SelectIndex(3); return nil },
			Ready: func() bool { return w.m.profile.name.Text != "" }},
		smoke.Step{Open: func(r *smoke.Runner) error {
			test.Type(w.m.profile.intro, pairDraft)
			return r.Shoot("pair-a-typed")
		}},
		smoke.Step{Open: w.background(w.acceptOffer), Ready: w.over},
		smoke.Step{Open: func(*smoke.Runner) error {
			if err := w.check(); err != nil {
				return err
			}
			return w.p.say("accepted", "")
		}},
		// The other side proposes a new time: the sync brings it while
		// the profile is on screen, and the window tells of it (the
		// watcher's desktop notification).
		smoke.Step{Ready: func() bool {
			text, ok := w.p.heard("proposed")
			if !ok {
				return false
			}
			var err error
			if proposed, err = time.Parse(time.RFC3339, strings.TrimSpace(text)); err != nil {
				return false
			}
			_, told := w.m.watch.toldChanges[w.talkID]
			return told
		}, Wait: pairWait},
		smoke.Step{Open: func(r *smoke.Runner) error {
			if err := w.draftKept(); err != nil {
				return err
			}
			return r.Shoot("pair-a-told")
		}},
		// The inbox lists the change at the top; its button opens the
		// talk, where a asks to move it to the proposed time.
		smoke.Step{Open: func(*smoke.Runner) error { w.m.tabs.Select(w.m.inboxTab); return nil },
			Ready: func() bool { return w.changeShown() != nil }},
		smoke.Step{Open: func(r *smoke.Runner) error {
			if err := r.Shoot("pair-a-inbox"); err != nil {
				return err
			}
			return r.TapButton(w.changeShown().open)
		}, Ready: func() bool {
			d := w.m.calendar.detail
			return d != nil && d.Talk().ID == w.talkID && d.proposalBox.Visible()
		}},
		smoke.Step{Name: "pair-accept-time", Open: func(r *smoke.Runner) error { return r.TapButton(w.m.calendar.detail.acceptTime) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				done(r.TapButton(w.m.calendar.detail.confirmAccept))
			}, Close: smoke.ClosedByChoosing},
		smoke.Step{Ready: func() bool {
			d := w.m.calendar.detail
			return d.Talk().Start.Equal(proposed) && d.notice.Visible()
		}, Wait: 30 * time.Second},
		smoke.Step{Open: func(r *smoke.Runner) error {
			if err := r.Shoot("pair-a-moved"); err != nil {
				return err
			}
			return w.p.say("accepted-time", "")
		}},
		// b sees the talk at its new time; a's text is still there.
		smoke.Step{Ready: func() bool { _, ok := w.p.heard("moved"); return ok }, Wait: pairWait},
		smoke.Step{Open: func(r *smoke.Runner) error {
			w.m.tabs.SelectIndex(3)
			if err := w.draftKept(); err != nil {
				return err
			}
			return w.p.say("done", "")
		}},
	)
}

// draftKept fails when the text a typed in its profile is gone.
func (w *pairWalk) draftKept() error {
	if w.m.tabs.SelectedIndex() != 3 {
		return fmt.Errorf("the window left the profile by itself: tab %d is shown", w.m.tabs.SelectedIndex())
	}
	if !strings.Contains(w.m.profile.intro.Text, pairDraft) {
		return fmt.Errorf("the text typed in the profile is gone after the syncs: it says %q", w.m.profile.intro.Text)
	}
	return nil
}

// changeShown is the inbox's notice of the change of the talk of the
// two, or nil.
func (w *pairWalk) changeShown() *inboxChange {
	for i, it := range w.m.inbox.changes.items {
		if it.change.ID == w.talkID {
			return &w.m.inbox.changes.items[i]
		}
	}
	return nil
}

// acceptOffer accepts, at its first time, the other side's offer that
// waits for this side's answer: the talk the other side then changes.
func (w *pairWalk) acceptOffer(ctx context.Context) error {
	items, err := w.m.svc.Inbox(ctx, w.me, app.BoxNeedsMyAnswer, w.m.svc.Now())
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Other(w.me) == w.other && len(it.Slots) > 0 {
			id := app.TalkIDFor(it.ID)
			fyne.Do(func() { w.talkID = id })
			return w.m.svc.Mutate(ctx, app.OfferAccept, app.AcceptOfferArgs{OfferID: it.ID, Start: it.Slots[0].Start})
		}
	}
	return fmt.Errorf("no offer of %s waits for an answer", w.other)
}

// sideB is the other participant: once a has accepted its offer, it
// proposes a new time for the talk from its calendar, as a person does,
// and waits until a has agreed and the talk has moved.
func (w *pairWalk) sideB() []smoke.Step {
	steps := w.meet()
	var proposed time.Time
	detail := func() *TalkDetail { return w.m.calendar.detail }
	return append(steps,
		smoke.Step{Ready: func() bool { _, ok := w.p.heard("accepted"); return ok }, Wait: pairWait},
		w.untilTalk(),
		smoke.Step{Open: func(*smoke.Runner) error {
			w.m.tabs.SelectIndex(2)
			w.m.calendar.ShowTalk(w.talk)
			return nil
		}, Ready: func() bool { d := detail(); return d != nil && d.Talk().ID == w.talkID }},
		smoke.Step{Name: "pair-propose-time", Open: func(r *smoke.Runner) error { return r.TapButton(detail().move) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				d := detail()
				proposed = app.StartOfDay(w.talk.Start).AddDate(0, 0, 1).Add(10 * time.Hour)
				d.picker.SetStart(proposed)
				done(r.TapButton(d.confirmMove))
			}, Close: smoke.ClosedByChoosing},
		smoke.Step{Ready: func() bool {
			d := detail()
			return d.Talk().Proposal != nil && d.Talk().Proposal.Start.Equal(proposed) && d.notice.Visible()
		}, Wait: 30 * time.Second},
		smoke.Step{Open: func(r *smoke.Runner) error {
			if err := r.Shoot("pair-b-proposed"); err != nil {
				return err
			}
			return w.p.say("proposed", proposed.Format(time.RFC3339))
		}},
		// a accepts: the talk moves, in b's calendar too.
		smoke.Step{Ready: func() bool {
			if _, ok := w.p.heard("accepted-time"); !ok {
				return false
			}
			return w.talkAt(proposed)
		}, Wait: pairWait},
		smoke.Step{Open: func(r *smoke.Runner) error {
			w.m.calendar.ShowTalk(w.talk)
			return nil
		}},
		smoke.Step{Open: func(r *smoke.Runner) error {
			if err := r.Shoot("pair-b-moved"); err != nil {
				return err
			}
			return w.p.say("moved", "")
		}},
		smoke.Step{Ready: func() bool { _, ok := w.p.heard("done"); return ok }, Wait: pairWait},
	)
}

// talkAt reports whether the talk of the two, as last read, starts at
// start; it starts another read when not.
func (w *pairWalk) talkAt(start time.Time) bool {
	if !w.talk.Start.Equal(start) {
		w.refreshTalk()
	}
	return w.talk.Start.Equal(start)
}
