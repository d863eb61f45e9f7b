package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/admin"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// Tour shows the main screens one after another in the running window
// and calls shoot, on the UI goroutine, once each is on screen: the
// README's screenshots are taken of the real window, font and driver.
// Each screen is given settle for its background loads. done is called
// on the UI goroutine at the end, with the first error.
func (m *MainWindow) Tour(settle time.Duration, shoot func(name string) error, done func(error)) {
	if m.admin != nil {
		m.admin.Tour(m.tabs.SelectIndex, func(steps []admin.TourStep, err error) {
			if err != nil {
				done(err)
				return
			}
			var tour []tourStep
			for _, s := range steps {
				tour = append(tour, tourStep{s.Name, s.Show})
			}
			runTour(m.win, tour, settle, shoot, done)
		})
		return
	}
	me, now := m.svc.Me().ParticipantID, m.svc.Now()
	type tourData struct {
		me, to  app.DirectoryEntry
		cohort  app.Cohort
		surveys []app.TalkItem
		review  *app.ProgrammeStatus // a programme's review open to me, if any
		thread  *threadTarget        // a coming talk's thread that holds messages
	}
	widgets.Background(func() (tourData, error) {
		var d tourData
		var err error
		ctx := context.Background()
		if d.me, err = m.svc.Person(ctx, me, now); err != nil {
			return d, err
		}
		for _, id := range d.me.Cohorts { // the one that ends last, as the profile card's offer
			c, err := m.svc.Cohort(ctx, id)
			if err != nil {
				return d, err
			}
			if d.cohort.ID == "" || c.EndsOn.After(d.cohort.EndsOn) {
				d.cohort = c
			}
		}
		if d.cohort.ID == "" {
			return d, fmt.Errorf("tour: %s is in no cohort", me)
		}
		people, err := m.svc.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: me, Now: now, NotTalkedTo: true, NoOffersYet: true, Limit: 1})
		if err != nil || len(people) == 0 {
			return d, fmt.Errorf("tour: nobody to send an offer to: %v", err)
		}
		d.to = people[0]
		if d.surveys, err = m.svc.SurveysDue(ctx, me, now); err != nil {
			return d, err
		}
		statuses, err := m.svc.ProgrammeStatuses(ctx, me, now)
		if err != nil {
			return d, err
		}
		for i := range statuses {
			if statuses[i].Due.Open && d.review == nil {
				d.review = &statuses[i]
			}
		}
		d.thread, err = tourThread(ctx, m.svc, me, now)
		return d, err
	}, func(d tourData, err error) {
		if err != nil {
			done(err)
			return
		}
		steps := []tourStep{
			{"directory", func() { m.tabs.SelectIndex(0); m.directory.search.SetText("") }},
			{"suggestions", func() { m.directory.tabs.SelectIndex(1) }},
			{"profile", func() { m.directory.tabs.SelectIndex(0); m.directory.open(d.to) }},
			{"offer", func() { NewOfferDialog(m.svc, m.win, d.me, d.to, d.cohort).Show() }},
			{"inbox", func() { m.tabs.SelectIndex(1) }},
			{"calendar", func() { m.tabs.SelectIndex(2) }},
			{"survey", func() {
				if len(d.surveys) > 0 {
					NewSurveyDialog(m.svc, m.win, d.surveys[0], nil).Show()
				}
			}},
			{"programme-survey", func() {
				if d.review != nil {
					NewProgrammeSurveyDialog(m.svc, m.win, *d.review, nil).Show()
				}
			}},
			{"thread", func() {
				if d.thread != nil {
					NewThreadDialog(m.svc, m.win, *d.thread).Show()
				}
			}},
			{"profile-edit", func() { m.tabs.SelectIndex(3) }},
			{"settings-large", func() {
				m.tabs.SelectIndex(4)
				m.settings.size.SetSelected(lang.X(cttheme.Large.TranslationKey(), cttheme.Large.String()))
			}},
		}
		runTour(m.win, steps, settle, shoot, func(err error) {
			if err == nil {
				size := m.opts.Settings.TextSize
				m.settings.size.SetSelected(lang.X(size.TranslationKey(), size.String()))
			}
			done(err)
		})
	})
}

// tourStep is one screen of a tour: show puts it on screen, and its
// picture is saved as name, unless name is empty (a step that prepares
// the next).
type tourStep struct {
	name string
	show func()
}

// runTour shows each step in turn, gives it settle for its background
// loads, and calls shoot; done gets the first error, or nil at the end.
func runTour(win fyne.Window, steps []tourStep, settle time.Duration, shoot func(name string) error, done func(error)) {
	var step func(i int)
	step = func(i int) {
		if i == len(steps) {
			done(nil)
			return
		}
		closeOverlays(win)
		steps[i].show()
		time.AfterFunc(settle, func() {
			fyne.Do(func() {
				if name := steps[i].name; name != "" {
					if err := shoot(name); err != nil {
						done(err)
						return
					}
				}
				step(i + 1)
			})
		})
	}
	step(0)
}

// closeOverlays closes every dialog of win.
func closeOverlays(win fyne.Window) {
	for o := win.Canvas().Overlays().Top(); o != nil; o = win.Canvas().Overlays().Top() {
		win.Canvas().Overlays().Remove(o)
	}
}

// tourThread is the thread of one of me's coming talks that holds
// messages, all read (the tour marks nothing read), or nil.
func tourThread(ctx context.Context, svc Services, me string, now time.Time) (*threadTarget, error) {
	threads, err := threadsByID(ctx, svc, me)
	if err != nil {
		return nil, err
	}
	items, err := svc.Inbox(ctx, me, app.BoxScheduled, now)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if s, ok := threads[it.ID]; ok && s.Unread == 0 {
			return &threadTarget{OfferID: it.ID, OtherName: it.OtherName, OtherCompany: it.OtherCompany}, nil
		}
	}
	return nil, nil
}
