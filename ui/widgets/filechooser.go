package widgets

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FileChooser is CrossTalk's own file dialog, for the systems whose
// dialog the app does not use (Linux): in the app's language and text
// size, sized to the window, starting in the Documents folder. It lists
// one folder at a time, folders first; a tap on a folder opens it, a tap
// on a file chooses it. Saving, it asks for a name, adds the extension
// when none was typed, and asks before a file is replaced.
type FileChooser struct {
	widget.BaseWidget

	win  fyne.Window
	save bool
	req  FileRequest
	done func(string, error)
	dlg  *dialog.CustomDialog

	dir      string     // the folder listed
	entries  []dirEntry // its folders and the files the filters match
	selected string     // opening: the file chosen in dir

	where   *widget.Label
	up      *widget.Button
	list    *widget.List
	empty   *Paragraph    // said when the folder has nothing to choose
	name    *widget.Entry // saving only
	problem *Paragraph
	ok      *widget.Button
	content fyne.CanvasObject
}

// dirEntry is one line of the list: a folder or a file of dir.
type dirEntry struct {
	name string
	dir  bool
}

// NewFileChooser makes the dialog; Show shows it. done gets the chosen
// path, or "" when the person cancelled, on the UI goroutine.
func NewFileChooser(win fyne.Window, save bool, req FileRequest, done func(string, error)) *FileChooser {
	c := &FileChooser{win: win, save: save, req: req, done: done}
	c.ExtendBaseWidget(c)
	c.where = widget.NewLabel("")
	c.where.TextStyle.Bold = true
	c.where.Truncation = fyne.TextTruncateEllipsis
	c.up = widget.NewButtonWithIcon(lang.X("files.up", "Up one folder"), theme.MoveUpIcon(), func() {
		c.Open(filepath.Dir(c.dir))
	})
	c.list = widget.NewList(func() int { return len(c.entries) }, func() fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, widget.NewLabel(""))
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		row := o.(*fyne.Container)
		e := c.entries[id]
		icon := theme.FileIcon()
		if e.dir {
			icon = theme.FolderIcon()
		}
		row.Objects[1].(*widget.Icon).SetResource(icon)
		row.Objects[0].(*widget.Label).SetText(e.name)
	})
	c.list.OnSelected = func(id widget.ListItemID) { c.choose(id) }
	c.empty = NewParagraph(lang.X("files.empty", "There is no file of these kinds in this folder."))
	c.empty.Hide()
	c.problem = NewParagraph("")
	c.problem.Label.Importance = widget.DangerImportance
	c.problem.Hide()
	okText := lang.X("files.open", "Open")
	if save {
		okText = lang.X("files.save", "Save")
	}
	c.ok = widget.NewButton(okText, c.Confirm)
	c.ok.Importance = widget.HighImportance
	c.ok.Disable()
	cancel := widget.NewButton(lang.X("files.cancel", "Cancel"), c.Cancel)
	var bottom []fyne.CanvasObject
	if save {
		c.name = widget.NewEntry()
		c.name.SetText(req.Name)
		c.name.OnChanged = func(string) { c.problem.Hide(); c.refreshOK() }
		// Enter confirms a conversion of the input method: it never
		// saves (DESIGN.md §6).
		bottom = append(bottom, widget.NewForm(widget.NewFormItem(lang.X("files.name", "File name"), c.name)))
	}
	if kinds := filterPatterns(req.Filters); kinds != "" {
		k := NewParagraph(lang.X("files.kinds", "Kinds of file: {{.Kinds}}", map[string]any{"Kinds": kinds}))
		bottom = append(bottom, k)
	}
	bottom = append(bottom, c.problem, container.NewHBox(layout.NewSpacer(), cancel, c.ok))
	c.content = container.NewBorder(
		container.NewBorder(nil, nil, nil, c.up, c.where),
		container.NewVBox(bottom...),
		c.places(), nil,
		container.NewStack(c.list, c.empty)) // the note has the height the list has
	c.refreshOK()
	return c
}

// CreateRenderer draws the dialog's content.
func (c *FileChooser) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(c.content)
}

// places is the list of the person's usual folders, those that exist.
func (c *FileChooser) places() fyne.CanvasObject {
	home, _ := os.UserHomeDir()
	box := container.NewVBox(widget.NewLabelWithStyle(lang.X("files.places", "Places"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	seen := map[string]bool{}
	add := func(label, dir string, icon fyne.Resource) {
		if dir == "" || seen[dir] || !isDir(dir) {
			return
		}
		seen[dir] = true
		b := widget.NewButtonWithIcon(label, icon, func() { c.Open(dir) })
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	add(lang.X("files.documents", "Documents"), DocumentsDir(), theme.DocumentIcon())
	add(lang.X("files.desktop", "Desktop"), firstDir(xdgUserDir(home, "XDG_DESKTOP_DIR"), filepath.Join(home, "Desktop"), filepath.Join(home, "デスクトップ")), theme.ComputerIcon())
	add(lang.X("files.downloads", "Downloads"), firstDir(xdgUserDir(home, "XDG_DOWNLOAD_DIR"), filepath.Join(home, "Downloads"), filepath.Join(home, "ダウンロード")), theme.DownloadIcon())
	add(lang.X("files.home", "Home folder"), home, theme.HomeIcon())
	return box
}

// firstDir is the first of dirs that is a folder, or "".
func firstDir(dirs ...string) string {
	for _, d := range dirs {
		if d != "" && isDir(d) {
			return d
		}
	}
	return ""
}

// filterPatterns lists the extensions the filters take, each once:
// 「*.csv、*.xlsx」.
func filterPatterns(filters []FileFilter) string {
	var pats []string
	for _, f := range filters {
		for _, e := range f.Extensions {
			if p := "*." + e; !slices.Contains(pats, p) {
				pats = append(pats, p)
			}
		}
	}
	return strings.Join(pats, lang.X("files.kinds_separator", ", "))
}

// Show shows the dialog, sized to its window, in the request's folder.
func (c *FileChooser) Show() {
	title := c.req.Title
	c.dlg = dialog.NewCustomWithoutButtons(title, c, c.win)
	c.dlg.Show()
	// A dialog is resized once shown: it has no size to keep before.
	c.dlg.Resize(c.fitted())
	c.Open(c.req.Dir)
}

// fitted is the dialog's size: most of the window, and no larger.
func (c *FileChooser) fitted() fyne.Size {
	win := c.win.Canvas().Size()
	w := min(win.Width*0.92, max(720, win.Width*0.7))
	h := min(win.Height*0.9, max(520, win.Height*0.7))
	return fyne.NewSize(w, h)
}

// Dir is the folder listed.
func (c *FileChooser) Dir() string { return c.dir }

// Names lists the folders and files shown, in order, folders ending in
// a slash.
func (c *FileChooser) Names() []string {
	out := make([]string, len(c.entries))
	for i, e := range c.entries {
		out[i] = e.name
		if e.dir {
			out[i] += "/"
		}
	}
	return out
}

// Open lists the folder dir, read off the UI goroutine.
func (c *FileChooser) Open(dir string) {
	c.where.SetText(dir)
	c.up.Disable()
	Background(func() ([]dirEntry, error) { return readDir(dir, c.req.Filters) }, func(es []dirEntry, err error) {
		if err != nil {
			fyne.LogError("file chooser: "+dir, err)
			c.showProblem(lang.X("files.unreadable", "This folder cannot be opened. Please choose another."))
			if c.dir != "" {
				c.where.SetText(c.dir)
				c.up.Enable()
			}
			return
		}
		c.problem.Hide()
		c.dir, c.entries, c.selected = dir, es, ""
		c.list.UnselectAll()
		c.list.ScrollToTop()
		c.list.Refresh()
		c.empty.Hidden = len(es) > 0
		c.empty.Refresh()
		if filepath.Dir(dir) != dir {
			c.up.Enable()
		}
		c.refreshOK()
	})
}

// readDir lists dir's folders and the files that the filters match, not
// the hidden ones, folders first, each by name.
func readDir(dir string, filters []FileFilter) ([]dirEntry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []dirEntry
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		isFolder := de.IsDir()
		if de.Type()&os.ModeSymlink != 0 {
			isFolder = isDir(filepath.Join(dir, name))
		}
		if isFolder || matches(name, filters) {
			out = append(out, dirEntry{name: name, dir: isFolder})
		}
	}
	slices.SortFunc(out, func(a, b dirEntry) int {
		if a.dir != b.dir {
			if a.dir {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
	})
	return out, nil
}

// choose acts on a tap on entry id: a folder opens, a file is chosen.
func (c *FileChooser) choose(id widget.ListItemID) {
	if id < 0 || id >= len(c.entries) {
		return
	}
	e := c.entries[id]
	if e.dir {
		c.Open(filepath.Join(c.dir, e.name))
		return
	}
	c.Select(e.name)
}

// Select chooses the file name of the folder listed: opening, it is the
// file to open; saving, its name is the name to save as.
func (c *FileChooser) Select(name string) {
	if c.save {
		c.name.SetText(name)
		return
	}
	c.selected = name
	c.refreshOK()
}

// SetName sets the name to save as.
func (c *FileChooser) SetName(name string) {
	if c.name != nil {
		c.name.SetText(name)
	}
}

func (c *FileChooser) refreshOK() {
	ready := c.dir != "" && c.selected != ""
	if c.save {
		ready = c.dir != "" && strings.TrimSpace(c.name.Text) != ""
	}
	if ready {
		c.ok.Enable()
	} else {
		c.ok.Disable()
	}
}

func (c *FileChooser) showProblem(text string) {
	c.problem.SetText(text)
	c.problem.Show()
}

// Confirm does what the open or save button does.
func (c *FileChooser) Confirm() {
	if c.ok.Disabled() {
		return
	}
	if !c.save {
		c.finish(filepath.Join(c.dir, c.selected))
		return
	}
	name := strings.TrimSpace(c.name.Text)
	if name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.ContainsRune(name, 0) {
		c.showProblem(lang.X("files.bad_name", "A file name cannot contain / or \\. Please change the name."))
		return
	}
	path := WithExtension(filepath.Join(c.dir, name), c.req.Filters)
	if isDir(path) {
		c.showProblem(lang.X("files.is_folder", "A folder has this name. Please choose another name."))
		return
	}
	if !exists(path) {
		c.finish(path)
		return
	}
	confirmReplace(c.win, path, func(ok bool) {
		if ok {
			c.finish(path)
		}
	})
}

// Cancel closes the dialog, choosing nothing.
func (c *FileChooser) Cancel() { c.finish("") }

func (c *FileChooser) finish(path string) {
	if c.dlg != nil {
		c.dlg.Hide()
	}
	if c.done != nil {
		done := c.done
		c.done = nil
		done(path, nil)
	}
}

// confirmReplace asks whether the file at path may be replaced.
func confirmReplace(win fyne.Window, path string, answer func(bool)) {
	ShowConfirm(lang.X("files.replace_title", "Replace the file?"),
		lang.X("files.replace", "“{{.Name}}” already exists. Do you want to replace it?", map[string]any{"Name": filepath.Base(path)}),
		lang.X("files.replace_yes", "Replace"), lang.X("files.replace_no", "Do not replace"), false, answer, win)
}
