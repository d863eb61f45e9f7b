package desktop

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/assets"
	"crosstalk/sync/client"
	"crosstalk/ui"
	cttheme "crosstalk/ui/theme"
)

// session is who is signed in on this computer, and to which server
// (empty for the demo's), as the main window needs them.
type session struct {
	actor  app.Actor
	server string
}

// session reads the session from the replica: disk work, so not on the
// UI goroutine.
func (d *desktop) session() (session, error) {
	actor, err := d.client.Actor(context.Background())
	if err != nil {
		return session{}, err
	}
	s := session{actor: actor}
	if d.demo == nil {
		if s.server, err = d.store.State(context.Background(), "server"); err != nil {
			return session{}, err
		}
	}
	return s, nil
}

func (d *desktop) showFirstRun() {
	f := ui.NewFirstRun(d.server, ui.FirstRunActions{
		Connect: func(ctx context.Context, server, code string) ui.ConnectProblem {
			p := problem(d.client.Connect(ctx, server, code))
			if p != ui.ConnectOK {
				return p
			}
			sess, err := d.session()
			fyne.Do(func() {
				if err != nil {
					d.fail(err)
					return
				}
				d.showMain(sess)
			})
			return p
		},
		Demo: func() {
			d.stop()
			d.startDemo()
		},
		Drafts:      d.store,
		TextSize:    d.textSize(),
		SetTextSize: d.setTextSize,
	})
	d.w.SetContent(f.Content())
	if d.hidden { // started to the tray: no one is signed in to watch for
		d.showWindow()
	}
	d.startOver()
	d.smokeFirstRun(f)
}

// textSize is the text size chosen, or the normal one.
func (d *desktop) textSize() cttheme.Size {
	size, _ := cttheme.ParseSize(d.setting(prefTextSize, cttheme.Normal.String()))
	return size
}

// setTextSize keeps z and shows every window's text at that size at
// once, as the settings tab does (window.go).
func (d *desktop) setTextSize(z cttheme.Size) {
	d.setSetting(prefTextSize, z.String())
	d.a.Settings().SetTheme(cttheme.NewFor(z, d.setting(prefLanguage, assets.DefaultLanguage())))
}

// problem turns a connection error into what the first-launch view says.
func problem(err error) ui.ConnectProblem {
	switch {
	case err == nil:
		return ui.ConnectOK
	case errors.Is(err, client.ErrInvalidCode):
		return ui.ConnectBadCode
	case errors.Is(err, client.ErrTooManyAttempts):
		return ui.ConnectTooManyAttempts
	case errors.Is(err, client.ErrInvalidURL):
		return ui.ConnectBadAddress
	case errors.Is(err, client.ErrUnreachable):
		return ui.ConnectUnreachable
	default:
		return ui.ConnectServerError
	}
}

// signOut sends what is waiting, if it can within a few seconds, and
// forgets the token. The replica's rows stay until another person
// connects (the client then empties it).
func (d *desktop) signOut() {
	store, c := d.store, d.client
	d.w.SetContent(widget.NewLabel(lang.X("home.loading", "Loading…")))
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.SyncNow(ctx); err != nil {
			d.log.Warn("sign out: last sync", "err", err)
		}
		if err := store.SetState(context.Background(), map[string]string{"token": ""}); err != nil {
			d.log.Error("sign out", "err", err)
		}
		fyne.Do(func() {
			d.stop()
			d.setWaiting(0)
			d.start(false)
		})
	}()
}
