package autostart

import (
	"os"
	"path/filepath"
	"testing"
)

var entry = Entry{ID: "jp.crosstalk.app", Name: "CrossTalk", Command: []string{"/opt/Cross Talk/crosstalk", "-tray"}}

func TestRunValue(t *testing.T) {
	for _, c := range []struct {
		command []string
		want    string
	}{
		{[]string{`C:\Program Files\CrossTalk\CrossTalk.exe`, "-tray"}, `"C:\Program Files\CrossTalk\CrossTalk.exe" -tray`},
		{[]string{`C:\Users\山田\AppData\Local\CrossTalk.exe`, "-tray"}, `"C:\Users\山田\AppData\Local\CrossTalk.exe" -tray`},
		// Arguments with spaces or quotes, as CommandLineToArgvW reads them back.
		{[]string{`C:\a.exe`, `two words`, `say "hi"`, `ends\`, `C:\dir with space\`}, `"C:\a.exe" "two words" "say \"hi\"" ends\ "C:\dir with space\\"`},
	} {
		name, command := RunValue(Entry{ID: "jp.crosstalk.app", Name: "CrossTalk", Command: c.command})
		if name != "CrossTalk" || command != c.want {
			t.Errorf("RunValue(%q) = %q, %q; want %q, %q", c.command, name, command, "CrossTalk", c.want)
		}
	}
	if RunKey != `Software\Microsoft\Windows\CurrentVersion\Run` {
		t.Errorf("RunKey = %q", RunKey)
	}
}

func TestPlist(t *testing.T) {
	e := Entry{ID: "jp.crosstalk.app", Name: "CrossTalk", Command: []string{"/Applications/Cross & Talk.app/Contents/MacOS/crosstalk", "-tray"}}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>jp.crosstalk.app</string>
	<key>ProgramArguments</key>
	<array>
		<string>/Applications/Cross &amp; Talk.app/Contents/MacOS/crosstalk</string>
		<string>-tray</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>LimitLoadToSessionType</key>
	<string>Aqua</string>
</dict>
</plist>
`
	if got := Plist(e); got != want {
		t.Errorf("Plist:\n%s\nwant:\n%s", got, want)
	}
}

func TestLaunchAgentFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Library", "LaunchAgents")
	a := LaunchAgent(entry, dir)
	if err := a.Enable(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "jp.crosstalk.app.plist"))
	if err != nil || string(b) != Plist(entry) {
		t.Fatalf("the LaunchAgent file = %q, %v; want the plist", b, err)
	}
	if err := a.Disable(); err != nil {
		t.Fatal(err)
	}
	if on, err := a.Enabled(); on || err != nil {
		t.Errorf("after Disable: Enabled() = %v, %v", on, err)
	}
}

func TestDesktopFile(t *testing.T) {
	e := Entry{ID: "jp.crosstalk.app", Name: "CrossTalk", Command: []string{`/home/yamada/Cross Talk/$crosstalk`, "-tray", "100%"}}
	want := "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=CrossTalk\n" +
		`Exec="/home/yamada/Cross Talk/\\$crosstalk" -tray 100%%` + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
	if got := DesktopFile(e); got != want {
		t.Errorf("DesktopFile:\n%s\nwant:\n%s", got, want)
	}
}
