package admin

import (
	"html/template"
	"io"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The new codes leave the app this once, as the server keeps only their
// hashes: as a CSV for Excel and as a page of slips to print.

// WriteInvitationsCSV writes new codes as a CSV that Excel opens in
// Japanese: UTF-8 with a BOM, CRLF line ends, a header row; the names
// as text that is never a formula, the employee numbers as written.
func WriteInvitationsCSV(w io.Writer, codes []app.Invitation, server string) error {
	rows := [][]any{{
		lang.X("import.column.employee_no", "Employee no."), lang.X("import.column.name", "Name"), lang.X("import.column.kana", "Reading"),
		lang.X("invite.csv.code", "Invitation code"), lang.X("invite.csv.expires", "Valid until"), lang.X("invite.csv.server", "Server address"),
	}}
	for _, c := range codes {
		expires := ""
		if c.ExpiresAt != nil {
			expires = widgets.FormatDate(*c.ExpiresAt)
		}
		rows = append(rows, []any{employeeNo(c.EmployeeNo), c.Name, c.Kana, c.Code, expires, server})
	}
	return writeCSVTables(w, rows)
}

// slipPage is the page of slips to print.
var slipPage = template.Must(template.New("slips").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: "BIZ UDGothic", "Yu Gothic", "Hiragino Sans", "Meiryo", sans-serif; margin: 0; color: #111; }
.slip { box-sizing: border-box; height: 138mm; padding: 12mm 16mm; border-bottom: 1px dashed #888; page-break-inside: avoid; break-inside: avoid; font-size: 12pt; line-height: 1.6; }
.slip:nth-child(2n) { page-break-after: always; break-after: page; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
.name { font-size: 15pt; font-weight: bold; }
.code { font-family: "Consolas", "Menlo", monospace; font-size: 22pt; font-weight: bold; letter-spacing: 0.1em; border: 2px solid #111; display: inline-block; padding: 1mm 4mm; margin: 2mm 0; }
dt { font-weight: bold; }
dd { margin: 0 0 2mm 0; }
ol { margin: 1mm 0; padding-left: 7mm; }
.note { font-size: 10.5pt; }
@media print { .slip { border-bottom: none; } }
</style>
</head>
<body>
{{range .Slips}}<section class="slip">
<h1>{{$.Title}}</h1>
<p class="name">{{.Name}}</p>
<p>{{$.Intro}}</p>
<dl>
<dt>{{$.CodeLabel}}</dt><dd><span class="code">{{.Code}}</span><br>{{.Expires}}</dd>
{{if $.Server}}<dt>{{$.ServerLabel}}</dt><dd>{{$.Server}}</dd>{{end}}
</dl>
<p><strong>{{$.HowTo}}</strong></p>
<ol>{{range $.Steps}}<li>{{.}}</li>{{end}}</ol>
<p class="note">{{$.Note}}</p>
</section>
{{end}}</body>
</html>
`))

type slipData struct {
	Name, Code, Expires string
}

// WriteInvitationSlips writes new codes as an HTML page to print: one
// slip per person, two to an A4 page, with the code, its expiry, the
// server's address and how to install and start the app.
func WriteInvitationSlips(w io.Writer, codes []app.Invitation, company, server string) error {
	var slips []slipData
	for _, c := range codes {
		s := slipData{Name: lang.X("slip.name", "{{.Name}}", map[string]any{"Name": c.Name}), Code: c.Code}
		if c.ExpiresAt != nil {
			s.Expires = lang.X("slip.expires", "Valid until {{.Date}}. It can be used once.", map[string]any{"Date": widgets.FormatDate(*c.ExpiresAt)})
		}
		slips = append(slips, s)
	}
	title := lang.X("slip.title", "Your invitation to CrossTalk")
	if company != "" {
		title = lang.X("slip.title_company", "Your invitation to CrossTalk ({{.Company}})", map[string]any{"Company": company})
	}
	l := lang.X("slip.lang", "en")
	return slipPage.Execute(w, map[string]any{
		"Lang":        l,
		"Title":       title,
		"Intro":       lang.X("slip.intro", "CrossTalk is an app for 1-on-1 talks about your career with people of other companies."),
		"CodeLabel":   lang.X("invite.csv.code", "Invitation code"),
		"ServerLabel": lang.X("invite.csv.server", "Server address"),
		"Server":      server,
		"HowTo":       lang.X("slip.howto", "How to start"),
		"Steps": []string{
			lang.X("slip.step1", "Install CrossTalk with the installer your HR staff sent you: on Windows, double-click the downloaded file; on a Mac, drag the app into the Applications folder."),
			lang.X("slip.step2", "Open CrossTalk."),
			lang.X("slip.step3", "Enter the server address and the invitation code above, and press “Connect”."),
			lang.X("slip.step4", "Fill in your profile, then look for people to talk with."),
		},
		"Note":  lang.X("slip.note", "The code is for you alone: please do not pass it on. If anything is unclear, please ask your HR staff."),
		"Slips": slips,
	})
}
