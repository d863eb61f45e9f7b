package autostart

import (
	"path/filepath"
	"strings"
)

// XDG is the entry as the XDG autostart specification has it: a desktop
// file in $XDG_CONFIG_HOME/autostart (by default ~/.config/autostart),
// which the Linux desktops (GNOME, KDE, Xfce…) start at sign-in.
func XDG(e Entry, configHome string) Autostart {
	return fileEntry{path: filepath.Join(configHome, "autostart", e.ID+".desktop"), text: func() string { return DesktopFile(e) }}
}

// DesktopFile is the desktop file that starts e.
func DesktopFile(e Entry) string {
	var exec []string
	for _, a := range e.Command {
		exec = append(exec, execArg(a))
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + desktopString(e.Name) + "\n" +
		"Exec=" + strings.Join(exec, " ") + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// execArg is one argument of a desktop file's Exec key: quoted when it
// holds a reserved character, with its quotes, backquotes, dollars and
// backslashes escaped inside the quotes, and a percent sign doubled
// (field codes), then escaped as any string value is.
func execArg(a string) string {
	a = strings.ReplaceAll(a, "%", "%%")
	if a != "" && !strings.ContainsAny(a, " \t\n\"'\\><~|&;$*?#()`=") {
		return desktopString(a)
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range a {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return desktopString(b.String())
}

// desktopString escapes a desktop file's string value: its backslashes,
// and the line breaks and tabs it may not hold as they are.
func desktopString(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}
