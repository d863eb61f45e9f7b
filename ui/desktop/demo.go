package desktop

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/sync/server"
)

// startDemo starts the in-process demo server on loopback with the demo
// consortium, and signs in to it as the demo user on a replica of its own.
func (d *desktop) startDemo() {
	d.w.SetContent(widget.NewLabel(lang.X("home.loading", "Loading…")))
	go func() {
		var sess session
		err := func() error {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(filepath.Join(d.dir, "demo-client.db"+suffix)); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
			if err := os.MkdirAll(d.dir, 0o700); err != nil {
				return err
			}
			demo, err := server.StartDemo(context.Background(), d.dir, nil)
			if err != nil {
				return err
			}
			d.demo = demo
			if err := d.open("demo-client.db"); err != nil {
				return err
			}
			if err := d.client.Connect(context.Background(), demo.URL, demoCode(demo, d.demoAs)); err != nil {
				return err
			}
			if err := d.client.SyncNow(context.Background()); err != nil {
				return err
			}
			sess, err = d.session()
			return err
		}()
		fyne.Do(func() {
			if err != nil {
				d.fail(err)
				return
			}
			d.showMain(sess)
		})
	}()
}

// demoCode is the invite code of the demo account with role r.
func demoCode(demo *server.Demo, r app.Role) string {
	switch r {
	case app.RoleHR:
		return demo.HRCode
	case app.RoleSecretariat:
		return demo.SecretariatCode
	}
	return demo.Code
}
