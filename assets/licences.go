package assets

import _ "embed"

//go:embed fynetranslations/LICENSE
var fyneLicence string

// Notice names a component bundled into the desktop app and its licence;
// Text is the licence's full text where the app carries it.
type Notice struct {
	Component string
	Licence   string
	Text      string
}

// Licences are the notices an "about" screen shows: the font, the GUI
// toolkit, and the libraries linked into the app. The full texts of the
// last ones are in each module's source.
func Licences() []Notice {
	return []Notice{
		{"BIZ UD Gothic", "SIL Open Font License 1.1", string(fontLicence)},
		{"Fyne", "BSD 3-Clause License", fyneLicence},
		{"SQLite", "Public domain", ""},
		{"github.com/mattn/go-sqlite3", "MIT License", ""},
		{"github.com/go-resty/resty", "MIT License", ""},
		{"github.com/google/uuid", "BSD 3-Clause License", ""},
		{"GLFW (github.com/go-gl/glfw)", "zlib License", ""},
		{"github.com/jeandeaual/go-locale", "MIT License", ""},
		{"github.com/gofrs/flock", "BSD 3-Clause License", ""},
		{"gopkg.in/natefinch/lumberjack.v2", "MIT License", ""},
		{"golang.org/x/text, the Go standard library", "BSD 3-Clause License", ""},
	}
}
