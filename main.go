// Command crosstalk is the CrossTalk desktop app: participants browse the
// people of other companies in their programme, send and answer offers
// for 1-on-1 career talks, and keep the agreed talks, all kept in a local
// SQLite file and synced with the consortium's server whenever online.
//
//	crosstalk            start; the first launch asks for a server and an invite code
//	crosstalk -demo      start at once on the built-in demo (an in-process server)
//	crosstalk -demo -demo-as hr
//	                     the same, signed in as the demo company's HR contact
//	                     (or -demo-as secretariat)
//	crosstalk -server U  prefill the server address (as a crosstalk.json beside the app does)
//	crosstalk -tray      open to the system tray, the window hidden (as started
//	                     at sign-in, when 「パソコンの起動時に CrossTalk を開く」 is on)
//
// The desktop's life cycle is crosstalk/ui/desktop's: this command reads
// the flags and the app's version, and runs it.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"os"

	"github.com/BurntSushi/toml"

	"crosstalk/app"
	"crosstalk/ui/desktop"
)

// version is the app's version and build number, as FyneApp.toml (which
// the packager reads too) says; a.Metadata() has them only in packaged
// builds.
var version = readVersion(fyneAppTOML)

type appVersion struct {
	Version string
	Build   int
}

func readVersion(text string) appVersion {
	var meta struct{ Details appVersion }
	if _, err := toml.Decode(text, &meta); err != nil {
		panic("FyneApp.toml: " + err.Error())
	}
	return meta.Details
}

//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	demoMode := flag.Bool("demo", false, "start at once on the built-in demo consortium")
	demoAs := flag.String("demo-as", "participant", "with -demo: sign in as participant, hr or secretariat")
	serverURL := flag.String("server", "", "the consortium server's address, to prefill")
	shots := flag.String("screenshots", "", "with -demo: save a picture of each main screen in this folder, then quit")
	smoke := flag.String("smoke", "", "with -demo, in a build with -tags smoke: open every dialog in turn, save a picture of each in this folder, then quit (.ci/gui-smoke)")
	report := flag.Bool("startup-report", false, "print the time to the main window's first frame and the memory in use, then quit")
	tray := flag.Bool("tray", false, "open to the system tray, the window hidden (where there is no tray, the window opens)")
	profile := flag.String("startup-profile", "", "with -startup-report: write a CPU profile of the start and a heap profile at its end into this folder")
	flag.Parse()
	if *profile != "" && !*report {
		fmt.Fprintln(os.Stderr, "crosstalk: -startup-profile needs -startup-report")
		os.Exit(2)
	}
	desktop.Run(desktop.Options{
		Version:        version.Version,
		Build:          version.Build,
		Demo:           *demoMode,
		DemoAs:         app.Role(*demoAs),
		Server:         *serverURL,
		Screenshots:    *shots,
		Smoke:          *smoke,
		StartupReport:  *report,
		StartupProfile: *profile,
		Tray:           *tray,
	})
}
