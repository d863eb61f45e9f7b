// Command barewindow is the start-up benchmark's baseline (.ci/startup-bench):
// a bare Fyne window, built like the app (-tags migrated_fynedo, the same
// Fyne), the same size, with one label in Fyne's default theme. It prints
// the same report as the app's -startup-report: the time from launch to
// its first frame on the screen and where its resident memory is, then
// and after the same settling time, and quits. What the app needs beyond
// it is the app's own share; the rest is Fyne, GLFW and the GL driver.
//
//	go build -tags migrated_fynedo -o barewindow ./.ci/barewindow
package main

import (
	"flag"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/startupreport"
)

func main() {
	settle := flag.Duration("settle", 2*time.Second, "how long after the first frame the settled memory is read")
	flag.Parse()
	s := startupreport.Start("bare")
	a := fyneapp.NewWithID("jp.crosstalk.barewindow")
	w := a.NewWindow("bare")
	w.Resize(fyne.NewSize(1100, 760))
	w.SetContent(s.Wrap(widget.NewLabel("Hello")))
	a.Lifecycle().SetOnStarted(func() {
		s.Measure(nil, *settle, func(r startupreport.Report) {
			r.Write(os.Stdout)
			a.Quit()
		})
	})
	w.ShowAndRun()
}
