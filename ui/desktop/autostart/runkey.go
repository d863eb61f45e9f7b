package autostart

import "strings"

// RunKey is the key, under HKEY_CURRENT_USER, whose values Windows runs
// when the user signs in.
const RunKey = `Software\Microsoft\Windows\CurrentVersion\Run`

// RunValue is the value under RunKey that starts e: its name and its
// command line, each argument quoted as Windows programs parse them.
func RunValue(e Entry) (name, command string) {
	args := make([]string, len(e.Command))
	for i, a := range e.Command {
		args[i] = windowsArg(a, i == 0)
	}
	return e.Name, strings.Join(args, " ")
}

// windowsArg quotes a for a Windows command line. The program's path is
// always quoted (a path with spaces that is not quoted may start another
// program); an argument only when it needs to be, with its quotes
// escaped and the backslashes before them doubled, as
// CommandLineToArgvW reads them.
func windowsArg(a string, program bool) string {
	if !program && a != "" && !strings.ContainsAny(a, " \t\"") {
		return a
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for _, r := range a {
		switch r {
		case '\\':
			slashes++
		case '"':
			b.WriteString(strings.Repeat(`\`, slashes+1))
			slashes = 0
		default:
			slashes = 0
		}
		b.WriteRune(r)
	}
	b.WriteString(strings.Repeat(`\`, slashes)) // before the closing quote
	b.WriteByte('"')
	return b.String()
}
