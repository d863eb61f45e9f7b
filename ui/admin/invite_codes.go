package admin

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The new codes, in clear: the server keeps only their hashes, so they
// stay on the invitations tab until HR closes them, to save as a CSV or
// as slips to print (which marks them saved) or to read out. Closing
// them, leaving the tab or closing the window while they are not saved
// asks first.

// buildFresh makes the new codes' panel, hidden until codes are made.
func (v *InvitationsView) buildFresh() {
	v.freshMsg = widgets.NewParagraph("")
	v.freshMsg.Label.TextStyle.Bold = true
	v.freshMsg.Label.Importance = widget.WarningImportance
	csvBtn := widget.NewButtonWithIcon(lang.X("invite.save_csv", "Save as CSV (Excel)"), theme.DocumentSaveIcon(), func() {
		saveFile(v.win, lang.X("invite.csv_name", "invitation-codes.csv"), []string{".csv"}, v.status, v.codesWriter(false))
	})
	htmlBtn := widget.NewButtonWithIcon(lang.X("invite.save_html", "Save the slips to print (HTML)"), theme.DocumentPrintIcon(), func() {
		saveFile(v.win, lang.X("invite.html_name", "invitation-slips.html"), []string{".html"}, v.status, v.codesWriter(true))
	})
	showBtn := widget.NewButtonWithIcon(lang.X("invite.show_codes", "Show the codes"), theme.VisibilityIcon(), v.showCodes)
	closeBtn := widget.NewButtonWithIcon(lang.X("invite.close_codes", "Close the codes"), theme.WindowCloseIcon(), v.closeCodes)
	v.fresh = container.NewVBox(widget.NewSeparator(), v.freshMsg,
		flow(tall(csvBtn), tall(htmlBtn), tall(showBtn), tall(closeBtn)), widget.NewSeparator())
	v.fresh.Hide()
}

// addCodes shows codes just made for the people of company. Codes
// already shown stay, but a person's older code, which no longer works,
// gives way to the new one.
func (v *InvitationsView) addCodes(codes []app.Invitation, company string) {
	made, before := len(codes), len(v.codes)
	if before > 0 {
		renewed := map[string]bool{}
		for _, c := range codes {
			renewed[c.ParticipantID] = true
		}
		var kept []app.Invitation
		for _, c := range v.codes {
			if !renewed[c.ParticipantID] {
				kept = append(kept, c)
			}
		}
		codes = append(kept, codes...)
		if v.codesOf != company {
			company = "" // slips of several companies name none
		}
	}
	v.codes, v.codesOf, v.saved = codes, company, false
	v.batch++
	text := lang.X("invite.made", "Invitation codes were made for {{.Count}} people. They are shown only here, until you close them: save them as a CSV or as slips to print.", map[string]any{"Count": made})
	if before > 0 {
		text = lang.X("invite.made_more", "Invitation codes were made for {{.New}} more people: {{.Count}} codes in all, shown only here until you close them. Save them as a CSV or as slips to print.",
			map[string]any{"New": made, "Count": len(codes)})
	}
	v.freshMsg.Label.Importance = widget.WarningImportance
	v.freshMsg.SetText(text)
	v.fresh.Show()
	v.relayout()
}

// codesWriter writes the codes shown as slips to print (slips) or as a
// CSV, and then marks them saved. It runs off the UI goroutine.
func (v *InvitationsView) codesWriter(slips bool) func(io.Writer) error {
	codes, company, batch := v.codes, v.codesOf, v.batch
	return func(w io.Writer) error {
		var err error
		if slips {
			err = WriteInvitationSlips(w, codes, company, v.server)
		} else {
			err = WriteInvitationsCSV(w, codes, v.server)
		}
		if err == nil {
			fyne.Do(func() { v.markSaved(batch) })
		}
		return err
	}
}

// markSaved notes that the codes of batch were saved, unless more were
// made since.
func (v *InvitationsView) markSaved(batch int) {
	if batch != v.batch || len(v.codes) == 0 {
		return
	}
	v.saved = true
	v.freshMsg.Label.Importance = widget.SuccessImportance
	v.freshMsg.SetText(lang.X("invite.codes_saved", "The {{.Count}} invitation codes were saved. They stay here until you close them; once closed, they cannot be shown again.", map[string]any{"Count": len(v.codes)}))
	v.relayout()
}

// UnsavedCodes reports whether codes are shown that were neither saved
// as a CSV nor as slips.
func (v *InvitationsView) UnsavedCodes() bool { return len(v.codes) > 0 && !v.saved }

// closeCodes closes the codes' panel, after asking if they are not saved.
func (v *InvitationsView) closeCodes() {
	if !v.UnsavedCodes() {
		v.dropCodes()
		return
	}
	v.confirmUnsaved(lang.X("invite.unsaved.close", "Some invitation codes have not been saved. Once closed, they can never be shown again. Close them?"),
		lang.X("invite.unsaved.close_yes", "Close them"), true, v.dropCodes)
}

func (v *InvitationsView) dropCodes() {
	v.codes, v.codesOf, v.saved = nil, "", false
	v.batch++
	v.fresh.Hide()
	v.relayout()
}

// confirmUnsaved asks whether to go on though codes are not saved, and
// calls yes if so; no is to go back and save them.
func (v *InvitationsView) confirmUnsaved(text, yesLabel string, danger bool, yes func()) {
	widgets.ShowConfirm(lang.X("invite.unsaved.title", "Invitation codes not saved"), text, yesLabel, lang.X("invite.unsaved.back", "Go back and save"), danger,
		func(ok bool) {
			if ok {
				yes()
			}
		}, v.win)
}

// asksBeforeLeaving reports whether leaving the tab asks first: while it
// shows codes not saved, once for each set of codes (they stay on the
// tab until closed).
func (v *InvitationsView) asksBeforeLeaving() bool { return v.UnsavedCodes() && v.leaveOK != v.batch }

// ConfirmLeave calls leave at once when the tab may be left, or asks
// first (asksBeforeLeaving).
func (v *InvitationsView) ConfirmLeave(leave func()) {
	if !v.asksBeforeLeaving() {
		leave()
		return
	}
	v.confirmUnsaved(lang.X("invite.unsaved.leave", "Some invitation codes have not been saved. They stay on this tab until you close them. Go to the other tab?"),
		lang.X("invite.unsaved.leave_yes", "Go to the other tab"), false, func() {
			v.leaveOK = v.batch
			leave()
		})
}

// ConfirmQuit calls quit at once, or asks first while codes not saved
// are shown: quitting loses them.
func (v *InvitationsView) ConfirmQuit(quit func()) {
	if !v.UnsavedCodes() {
		quit()
		return
	}
	v.confirmUnsaved(lang.X("invite.unsaved.quit", "Some invitation codes have not been saved. If you close the app, they can never be shown again. Close the app?"),
		lang.X("invite.unsaved.quit_yes", "Close the app"), true, quit)
}

// TakeCodes shows the codes o shows, as they are, such as when the
// window is built again in another language.
func (v *InvitationsView) TakeCodes(o *InvitationsView) {
	if len(o.codes) == 0 {
		return
	}
	v.codes, v.codesOf, v.saved, v.batch, v.leaveOK = o.codes, o.codesOf, o.saved, o.batch, o.leaveOK
	v.freshMsg.Label.Importance = o.freshMsg.Label.Importance
	v.freshMsg.SetText(o.freshMsg.Text)
	v.fresh.Show()
	v.relayout()
}

// showCodes lists the new codes on screen, to read one out on the phone.
func (v *InvitationsView) showCodes() {
	codes := v.codes
	list := widget.NewList(func() int { return len(codes) },
		func() fyne.CanvasObject {
			code := widget.NewLabel("")
			code.TextStyle.Monospace = true
			code.TextStyle.Bold = true
			code.Selectable = true
			return container.NewGridWithColumns(2, widget.NewLabel(""), code)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container).Objects
			row[0].(*widget.Label).SetText(codes[i].Name)
			row[1].(*widget.Label).SetText(codes[i].Code)
		})
	d := dialog.NewCustom(lang.X("invite.codes_title", "The new invitation codes"), lang.X("dialog.close", "Close"), list, v.win)
	widgets.ShowSized(d, v.win, fyne.NewSize(640, 480))
}
