package roster

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings, as Preview.Encoding and DetectEncoding name them.
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF8BOM = "utf-8-bom"
	EncodingSJIS    = "shift_jis" // CP932 (Windows-31J), with the NEC and IBM extensions
	EncodingUTF16   = "utf-16"    // with a byte order mark, as Excel's "Unicode text"
	EncodingXLSX    = "xlsx"
)

// maxCells is the most cells a CSV row keeps: Excel's columns (A to XFD).
// It bounds the memory a row of nothing but commas takes.
const maxCells = 16384

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DetectEncoding returns the encoding of a CSV file: EncodingUTF8BOM or
// EncodingUTF16 when it starts with a byte order mark, EncodingUTF8 when
// it is valid UTF-8, else EncodingSJIS when most of its rows with
// non-ASCII bytes read as CP932 and not as UTF-8, else EncodingUTF8. Read
// reports every row that is not in the detected encoding as
// ProblemBadEncoding.
func DetectEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		return EncodingUTF8BOM
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		return EncodingUTF16
	case utf8.Valid(b):
		return EncodingUTF8
	}
	var u, s int
	d := newSJISDecoder()
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		switch d.classify(line) {
		case inUTF8:
			u++
		case inSJIS:
			s++
		}
	}
	if s >= u {
		return EncodingSJIS
	}
	return EncodingUTF8
}

// class is the encoding a run of bytes is valid in.
type class int

const (
	inASCII class = iota // ASCII: valid in both
	inUTF8               // valid UTF-8 with non-ASCII bytes
	inSJIS               // valid CP932 and not UTF-8
	inNone               // valid in neither
)

func (d *sjisDecoder) classify(b []byte) class {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	switch {
	case ascii:
		return inASCII
	case utf8.Valid(b):
		return inUTF8
	}
	if d.valid(b) {
		return inSJIS
	}
	return inNone
}

// sjisDecoder decodes CP932 into a buffer it reuses. It is not safe for
// concurrent use: each call of DetectEncoding or Read makes its own.
type sjisDecoder struct {
	t   transform.Transformer
	buf []byte
}

func newSJISDecoder() *sjisDecoder {
	return &sjisDecoder{t: japanese.ShiftJIS.NewDecoder()}
}

// valid reports whether b is all CP932. The user-defined area F040–F9FC
// is not: Windows maps it to private-use characters no other machine
// shows.
func (d *sjisDecoder) valid(b []byte) bool {
	out := d.bytes(b)
	return out != nil && !bytes.ContainsRune(out, utf8.RuneError)
}

// decode decodes b; ok is false when some bytes are not CP932 (they
// become U+FFFD).
func (d *sjisDecoder) decode(b []byte) (s string, ok bool) {
	out := d.bytes(b)
	if out == nil {
		return strings.ToValidUTF8(string(b), "\uFFFD"), false
	}
	return string(out), !bytes.ContainsRune(out, utf8.RuneError)
}

// bytes returns b decoded, in d's buffer, or nil if the decoder fails.
// A byte of CP932 becomes at most three of UTF-8.
func (d *sjisDecoder) bytes(b []byte) []byte {
	if n := 3*len(b) + 4; cap(d.buf) < n {
		d.buf = make([]byte, n)
	}
	d.t.Reset()
	n, _, err := d.t.Transform(d.buf[:cap(d.buf)], b, true)
	if err != nil {
		return nil
	}
	return d.buf[:n]
}

// record is one row of a CSV file, its cells not yet decoded.
type record struct {
	line     int
	cells    [][]byte
	unclosed bool // the last cell's quote is never closed
	n        int  // the cells of the row, kept or not
	used     int  // the cells up to the last non-empty one dropped, if any
}

// splitCSV splits b into records the way Excel reads a CSV file: records
// end at CRLF, LF or CR; a cell that starts with a double quote runs to
// the next lone double quote ("" is one quote) and may hold delimiters and
// line breaks; text after the closing quote is kept; a quote elsewhere in
// a cell is a character. Rows whose cells are all empty are left out,
// but counted in the lines.
// The bytes are those of an ASCII-compatible encoding: neither UTF-8 nor
// CP932 has a quote, comma, tab, CR or LF inside a multi-byte character.
// Cells beyond maxCells in a row are dropped. It stops at the record
// after max, returning more = true.
func splitCSV(b []byte, delim byte, max int) (recs []record, more bool) {
	line := 0
	for len(b) > 0 {
		line++
		rec := record{line: line}
		for {
			var cell []byte
			if len(b) > 0 && b[0] == '"' {
				b = b[1:]
				for {
					i := bytes.IndexByte(b, '"')
					if i < 0 {
						cell = append(cell, b...)
						b = nil
						rec.unclosed = true
						break
					}
					cell = append(cell, b[:i]...)
					if i+1 < len(b) && b[i+1] == '"' {
						cell = append(cell, '"')
						b = b[i+2:]
						continue
					}
					b = b[i+1:]
					break
				}
				cell = bytes.ReplaceAll(cell, []byte("\r\n"), []byte("\n"))
			}
			i := 0
			for i < len(b) && b[i] != delim && b[i] != '\n' && b[i] != '\r' {
				i++
			}
			if cell == nil {
				cell = b[:i:i]
			} else {
				cell = append(cell, b[:i]...)
			}
			if rec.n++; len(rec.cells) < maxCells {
				rec.cells = append(rec.cells, cell)
			} else if len(cell) > 0 {
				rec.used = rec.n
			}
			b = b[i:]
			if len(b) > 0 && b[0] == delim {
				b = b[1:]
				if len(b) == 0 && len(rec.cells) < maxCells { // a delimiter at the very end: one more, empty cell
					rec.cells = append(rec.cells, nil)
				}
				continue
			}
			break
		}
		switch {
		case bytes.HasPrefix(b, []byte("\r\n")):
			b = b[2:]
		case len(b) > 0: // '\n' or '\r'
			b = b[1:]
		}
		if !rec.unclosed && rec.used == 0 && emptyCells(rec.cells) {
			continue // a blank row: it counts as a line, nothing more
		}
		if len(recs) == max {
			return recs, true
		}
		recs = append(recs, rec)
	}
	return recs, false
}

func emptyCells(cells [][]byte) bool {
	for _, c := range cells {
		if len(c) > 0 {
			return false
		}
	}
	return true
}

// sniffDelimiter returns the tab when the first lines of b hold more tabs
// than commas outside quotes, else the comma.
func sniffDelimiter(b []byte) byte {
	commas, tabs, lines := 0, 0, 0
	quoted := false
scan:
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == '\t':
			tabs++
		case c == '\n':
			if lines++; lines == 10 {
				break scan
			}
		}
	}
	if tabs > commas {
		return '\t'
	}
	return ','
}

// readCSV reads a CSV (or tab-separated) file into a table.
func readCSV(b []byte) (*table, error) {
	enc := DetectEncoding(b)
	switch enc {
	case EncodingUTF8BOM:
		b = b[len(bomUTF8):]
	case EncodingUTF16:
		u, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, ErrNotSpreadsheet
		}
		b = u
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, ErrNotSpreadsheet // binary data, not text
	}
	recs, more := splitCSV(b, sniffDelimiter(b), MaxRows+maxHeaderSearch+1)
	if more {
		return nil, ErrTooManyRows
	}
	t := &table{encoding: enc}
	utf := enc != EncodingSJIS
	valid := utf && utf8.Valid(b)
	sjis := newSJISDecoder()
	for _, rec := range recs {
		row := rawRow{line: rec.line, cells: make([]string, len(rec.cells)), wide: rec.used}
		// The row is decoded in the file's encoding when its bytes are
		// valid in it; else in the other one when they are valid there (so
		// that the value shown is readable); else in the file's, with
		// U+FFFD for the bytes that are not.
		k := inASCII
		if !valid {
			k = sjis.classify(bytes.Join(rec.cells, []byte{','}))
		}
		bad := k == inNone || (utf && k == inSJIS) || (!utf && k == inUTF8)
		asUTF := utf
		if bad && k != inNone {
			asUTF = !utf
		}
		for i, c := range rec.cells {
			if asUTF {
				row.cells[i] = textFormula(strings.ToValidUTF8(string(c), "\uFFFD"))
			} else {
				s, _ := sjis.decode(c)
				row.cells[i] = textFormula(s)
			}
		}
		if bad {
			row.problems = append(row.problems, Problem{Row: rec.line, Code: ProblemBadEncoding,
				Value: shorten(strings.Join(row.cells, ","))})
		}
		if rec.unclosed {
			row.problems = append(row.problems, Problem{Row: rec.line, Code: ProblemUnclosedQuote,
				Index: len(rec.cells), Value: shorten(clean(row.cells[len(row.cells)-1]))})
		}
		t.rows = append(t.rows, row)
	}
	return t, nil
}

// textFormula returns the text of a cell written as the formula ="00123",
// which HR systems export so that Excel keeps leading zeros; any other
// cell is returned as is.
func textFormula(s string) string {
	if len(s) < 3 || !strings.HasPrefix(s, `="`) || !strings.HasSuffix(s, `"`) {
		return s
	}
	inner := s[2 : len(s)-1]
	if strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
		return s // not one string: ="a"&"b"
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}
