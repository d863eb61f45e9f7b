package roster

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// What the text of a workbook's cells does not tell: which cells hold a
// number (an employee number 00123 that became 123, a date whose text
// depends on its format) and whether days count from 1904. excelize gives
// each cell's text as Excel displays it, not its type, so the worksheet's
// XML is scanned once more for the cells without a type or of type n.
// The scan is by bytes, not by encoding/xml, which would take as long as
// reading the sheet did: a worksheet is machine-written XML in which a
// cell is <c r="A2" s="1" t="n"><v>123</v></c>, with or without a prefix.

// workbookInfo is what the workbook part says: each sheet's part, by
// name, and the date system.
type workbookInfo struct {
	parts    map[string]string
	date1904 bool
}

// readWorkbookInfo reads the workbook part and its relationships.
func readWorkbookInfo(z *zip.Reader) workbookInfo {
	info := workbookInfo{parts: map[string]string{}}
	wb := "xl/workbook.xml"
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if readXML(z, "_rels/.rels", &rels) {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var book struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if !readXML(z, wb, &book) {
		return info
	}
	info.date1904 = book.Pr.Date1904 == "1" || book.Pr.Date1904 == "true"
	rels.Rel = nil
	dir, file := path.Split(wb)
	if !readXML(z, dir+"_rels/"+file+".rels", &rels) {
		return info
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = t
	}
	for _, s := range book.Sheets {
		if t, ok := targets[s.RID]; ok {
			info.parts[s.Name] = t
		}
	}
	return info
}

// readXML decodes the part name of z into v; false when it is missing
// or not XML.
func readXML(z *zip.Reader, name string, v any) bool {
	f := findPart(z, name)
	if f == nil {
		return false
	}
	r, err := f.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	return xml.NewDecoder(io.LimitReader(r, maxUnzipped)).Decode(v) == nil
}

// findPart finds a part by name, in any case (Excel's names are not
// case-sensitive).
func findPart(z *zip.Reader, name string) *zip.File {
	for _, f := range z.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// numberCells returns the cells of a worksheet part that hold a number,
// by row number: nil when the part cannot be read.
func numberCells(z *zip.Reader, name string) map[int][]numCell {
	f := findPart(z, name)
	if f == nil {
		return nil
	}
	r, err := f.Open()
	if err != nil {
		return nil
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, maxUnzipped))
	if err != nil {
		return nil
	}
	return scanNumbers(b)
}

// scanNumbers finds the cells of worksheet XML that hold a number. It
// never fails: what it cannot read, it leaves out.
func scanNumbers(b []byte) map[int][]numCell {
	out := map[int][]numCell{}
	row, col := 0, 0
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			return out
		}
		b = b[i+1:]
		name, attrs, selfClosing, rest, ok := tag(b)
		if !ok {
			continue
		}
		switch name {
		case "row":
			row++
			if r := attr(attrs, "r"); r != "" {
				if n, ok := atoi(r); ok {
					row = n
				}
			}
			col = 0
		case "c":
			col++
			if ref := attr(attrs, "r"); ref != "" {
				if c, ok := refColumn(ref); ok {
					col = c
				}
			}
			b = rest
			if selfClosing {
				continue
			}
			body, after := cellBody(b)
			b = after
			if t := attr(attrs, "t"); t == "" || t == "n" {
				if v := cellValue(body); v != "" && row > 0 && col > 0 {
					out[row] = append(out[row], numCell{col: col - 1, raw: v})
				}
			}
			continue
		}
		b = rest
	}
}

// cellBody splits b, which follows a cell's start tag, at the cell's
// closing tag: what the cell holds, and what follows it.
func cellBody(b []byte) (body, after []byte) {
	from := 0
	for {
		j := bytes.Index(b[from:], []byte("</"))
		if j < 0 {
			return b, nil
		}
		j += from
		k := bytes.IndexByte(b[j:], '>')
		if k < 0 {
			return b, nil
		}
		if localName(b[j+2:j+k]) == "c" {
			return b[:j], b[j+k+1:]
		}
		from = j + k + 1
	}
}

// cellValue is the text of the <v> element of a cell's body, which
// follows an optional <f> formula; "" when there is none.
func cellValue(body []byte) string {
	for {
		i := bytes.IndexByte(body, '<')
		if i < 0 {
			return ""
		}
		name, _, selfClosing, rest, ok := tag(body[i+1:])
		body = rest
		if ok && name == "v" && !selfClosing {
			if end := bytes.IndexByte(rest, '<'); end >= 0 {
				return string(bytes.TrimSpace(rest[:end]))
			}
			return ""
		}
		if !ok && len(rest) > 0 {
			body = rest
		}
	}
}

// tag reads the start tag at the start of b (after its <): its local
// name, its attributes' text, whether it closes itself, and what follows
// it. ok is false for a closing tag, a declaration or a comment.
func tag(b []byte) (name string, attrs []byte, selfClosing bool, rest []byte, ok bool) {
	if len(b) == 0 || b[0] == '/' || b[0] == '?' || b[0] == '!' {
		return "", nil, false, b, false
	}
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		return "", nil, false, nil, false
	}
	inner := b[:end]
	selfClosing = len(inner) > 0 && inner[len(inner)-1] == '/'
	if selfClosing {
		inner = inner[:len(inner)-1]
	}
	n := bytes.IndexAny(inner, " \t\r\n")
	if n < 0 {
		n = len(inner)
	}
	return localName(inner[:n]), inner[n:], selfClosing, b[end+1:], true
}

// localName is a tag's name without its prefix.
func localName(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		b = b[i+1:]
	}
	return string(b)
}

// attr is the value of the attribute name (without a prefix) in a tag's
// attribute text.
func attr(attrs []byte, name string) string {
	for len(attrs) > 0 {
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		key := localName(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		q := rest[0]
		close := bytes.IndexByte(rest[1:], q)
		if close < 0 {
			return ""
		}
		if key == name {
			return string(rest[1 : 1+close])
		}
		attrs = rest[close+2:]
	}
	return ""
}

// refColumn is the 1-based column of a cell reference such as B5.
func refColumn(ref string) (int, bool) {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		default:
			return n, n > 0 && n <= maxCells
		}
		if n > maxCells {
			return 0, false
		}
	}
	return n, n > 0
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
