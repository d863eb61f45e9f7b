package widgets

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// FileFilter names a kind of file the person may choose, by its
// extensions (without the dot, in lower case: "csv").
type FileFilter struct {
	Name       string // what the dialog says of the kind, e.g. 「CSV ファイル」
	Extensions []string
}

// FileRequest is what a file dialog asks.
type FileRequest struct {
	Title   string       // the dialog's title
	Name    string       // the suggested file name, when saving
	Filters []FileFilter // the kinds of file offered; the first is the default
	Dir     string       // where the dialog starts; the Documents folder when empty
}

// nativeFiles is the system's own file dialog, where CrossTalk uses one
// (Windows and macOS), or nil: the dialog of filechooser.go then serves.
// It blocks until the person has chosen, and answers "" when they
// cancelled.
var nativeFiles func(save bool, req FileRequest) (string, error)

// ChooseOpen asks the person for a file to open, with the system's own
// dialog on Windows and macOS and CrossTalk's elsewhere, and calls done
// on the UI goroutine with its path, or "" when they cancelled.
func ChooseOpen(win fyne.Window, req FileRequest, done func(path string, err error)) {
	choose(win, false, req, done)
}

// ChooseSave asks the person where to save a file, as ChooseOpen does,
// and calls done on the UI goroutine with its path (with the filter's
// extension when the person typed none), or "" when they cancelled. The
// dialog has asked before an existing file is replaced.
func ChooseSave(win fyne.Window, req FileRequest, done func(path string, err error)) {
	choose(win, true, req, done)
}

func choose(win fyne.Window, save bool, req FileRequest, done func(string, error)) {
	if req.Dir == "" {
		req.Dir = DocumentsDir()
	}
	if nativeFiles == nil {
		NewFileChooser(win, save, req, done).Show()
		return
	}
	native := nativeFiles
	// The system's dialog runs its own loop until the person chooses:
	// off the UI goroutine, so that the window keeps drawing.
	Background(func() (string, error) {
		return native(save, req)
	}, func(path string, err error) {
		if err != nil || path == "" || !save {
			done(path, err)
			return
		}
		withExt := WithExtension(path, req.Filters)
		if withExt == path || !exists(withExt) {
			done(withExt, nil)
			return
		}
		// The person typed no extension: the system asked about the
		// name they typed, not about the one written.
		confirmReplace(win, withExt, func(ok bool) {
			if ok {
				done(withExt, nil)
			} else {
				done("", nil)
			}
		})
	})
}

// WithExtension is path with the first filter's first extension added
// when path has none of the filters' extensions.
func WithExtension(path string, filters []FileFilter) string {
	if len(filters) == 0 || len(filters[0].Extensions) == 0 {
		return path
	}
	if matches(filepath.Base(path), filters) {
		return path
	}
	return path + "." + filters[0].Extensions[0]
}

// matches reports whether name has one of the filters' extensions (any
// name when there is no filter).
func matches(name string, filters []FileFilter) bool {
	if len(filters) == 0 {
		return true
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	for _, f := range filters {
		for _, e := range f.Extensions {
			if e == ext || e == "*" {
				return true
			}
		}
	}
	return false
}

// FileKinds is one filter for each extension (".csv" or "csv"), named as
// people know the kind: 「CSV ファイル」, 「Excel ブック」.
func FileKinds(exts ...string) []FileFilter {
	out := make([]FileFilter, 0, len(exts))
	for _, e := range exts {
		e = strings.ToLower(strings.TrimPrefix(e, "."))
		name := strings.ToUpper(e)
		switch e {
		case "csv":
			name = lang.X("files.kind.csv", "CSV file")
		case "xlsx":
			name = lang.X("files.kind.xlsx", "Excel workbook")
		case "txt":
			name = lang.X("files.kind.txt", "Unicode text")
		case "png":
			name = lang.X("files.kind.png", "PNG image")
		case "html":
			name = lang.X("files.kind.html", "Web page (HTML)")
		case "ics":
			name = lang.X("files.kind.ics", "Calendar file")
		}
		if i := slices.IndexFunc(out, func(f FileFilter) bool { return f.Name == name }); i >= 0 {
			if !slices.Contains(out[i].Extensions, e) {
				out[i].Extensions = append(out[i].Extensions, e)
			}
			continue
		}
		out = append(out, FileFilter{Name: name, Extensions: []string{e}})
	}
	return out
}
