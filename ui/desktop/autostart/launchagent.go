package autostart

import (
	"encoding/xml"
	"path/filepath"
	"strings"
)

// LaunchAgent is the entry as macOS has it: a property list in
// ~/Library/LaunchAgents (agentsDir) that launchd loads, and runs at
// once (RunAtLoad), when the user logs in.
func LaunchAgent(e Entry, agentsDir string) Autostart {
	return fileEntry{path: filepath.Join(agentsDir, e.ID+".plist"), text: func() string { return Plist(e) }}
}

// Plist is the LaunchAgent's property list that starts e in the user's
// graphical session.
func Plist(e Entry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + xmlText(e.ID) + `</string>
	<key>ProgramArguments</key>
	<array>
`)
	for _, a := range e.Command {
		b.WriteString("\t\t<string>" + xmlText(a) + "</string>\n")
	}
	b.WriteString(`	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>LimitLoadToSessionType</key>
	<string>Aqua</string>
</dict>
</plist>
`)
	return b.String()
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}
