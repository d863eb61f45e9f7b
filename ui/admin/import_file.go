package admin

import (
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/widgets"
)

// Reading the chosen file: the file dialog, why a file could not be
// read in words, and the check of its rows against the programmes.

func (v *ImportView) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.status.fail(err)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		v.name = name
		v.status.busy(lang.X("import.reading", "Reading the file…"))
		widgets.Background(func() ([]byte, error) {
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, importMaxBytes+1))
			if err == nil && len(b) > importMaxBytes {
				err = errImportTooBig
			}
			return b, err
		}, func(b []byte, err error) {
			if err != nil {
				v.readFailed(err)
				return
			}
			v.Open(name, b)
		})
	}, v.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".txt", ".CSV", ".XLSX", ".TXT"})) // .txt: Excel's 「Unicode テキスト」
	d.Resize(fyne.NewSize(800, 600))
	d.Show()
}

var errImportTooBig = errors.New("import: the file is too large")

func (v *ImportView) readFailed(err error) {
	fyne.LogError("import: read "+v.name, err)
	v.status.failText(readFailure(err))
}

// readFailure says in words why a file could not be read at all.
func readFailure(err error) string {
	switch {
	case errors.Is(err, errImportTooBig), errors.Is(err, roster.ErrTooLarge), errors.Is(err, roster.ErrTooManyRows):
		return lang.X("import.too_big", "This file is too large. Please split the list into files of 10,000 people or fewer.")
	case errors.Is(err, roster.ErrEmpty):
		return lang.X("import.read_empty", "This file is empty. Please choose the file that holds the list of participants.")
	case errors.Is(err, roster.ErrLegacyExcel):
		return lang.X("import.read_legacy", "This is an old Excel file (.xls) or a file protected by a password. Please open it in Excel and save it as an Excel workbook (.xlsx) without a password.")
	}
	return lang.X("import.read_failed", "This file could not be read. Please save it from Excel as “CSV UTF-8” or as an Excel workbook (.xlsx) and choose it again.")
}

// Open reads and checks file name with content b off the UI goroutine and
// shows its preview: what the file dialog calls once a file is chosen.
func (v *ImportView) Open(name string, b []byte) {
	v.gen++
	gen := v.gen
	v.name = name
	v.file.SetText(name)
	v.status.busy(lang.X("import.reading", "Reading the file…"))
	v.imported = false
	v.run.Disable()
	cohorts := v.cohorts
	type read struct {
		p       roster.Preview
		cohorts []app.Cohort
	}
	callServer(func(ctx context.Context) (read, error) {
		// The programmes may have changed since the tab loaded: check
		// against the server's, or the last known when it cannot be
		// reached (the import itself will say so).
		if fresh, err := v.svc.Cohorts(ctx); err == nil {
			cohorts = fresh
		}
		p, err := v.svc.ReadRoster(name, b, cohorts)
		return read{p, cohorts}, err
	}, func(r read, err error) {
		if gen != v.gen {
			return
		}
		v.cohorts = r.cohorts
		if err != nil {
			v.setPreview(roster.Preview{})
			v.readFailed(err)
			return
		}
		v.status.clear()
		v.file.SetText(lang.X("import.file", "{{.Name}} ({{.Encoding}})", map[string]any{"Name": name, "Encoding": encodingName(r.p.Encoding)}))
		v.setPreview(r.p)
	})
}

// encodingName says how a file was written, as Excel's save dialog names
// it.
func encodingName(e string) string {
	switch e {
	case roster.EncodingUTF8:
		return lang.X("import.encoding.utf8", "CSV UTF-8")
	case roster.EncodingUTF8BOM:
		return lang.X("import.encoding.utf8bom", "CSV UTF-8 (with BOM)")
	case roster.EncodingSJIS:
		return lang.X("import.encoding.sjis", "CSV (Shift_JIS)")
	case roster.EncodingUTF16:
		return lang.X("import.encoding.utf16", "Unicode text")
	case roster.EncodingXLSX:
		return lang.X("import.encoding.xlsx", "Excel workbook")
	}
	return e
}
