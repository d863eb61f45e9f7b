package roster

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

// benchRows are the rows of a generated roster of n people, as an HR
// system exports them: every column, a cohort on most rows.
func benchRows(n int) [][]string {
	rows := [][]string{{"社員番号", "氏名", "フリガナ", "年代", "職種", "コホート", "権限", "部署"}}
	bands := []string{"45-49", "50～54", "55～59歳", "６０－６５"}
	for i := range n {
		cohort := "2026年度 第1期"
		if i%3 == 0 {
			cohort = "2026年度 第1期、2026年度 第2期"
		}
		role := ""
		if i%50 == 0 {
			role = "人事"
		}
		rows = append(rows, []string{fmt.Sprintf("%06d", i), "髙橋　一郎" + fmt.Sprint(i%97), "ﾀｶﾊｼ ｲﾁﾛｳ",
			bands[i%4], "営業部 法人営業, 第2課", cohort, role, "営業本部"})
	}
	return rows
}

func benchCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\xEF\xBB\xBF")
	for _, r := range benchRows(n) {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			if bytes.ContainsAny([]byte(c), ",\"\n") {
				c = `"` + string(bytes.ReplaceAll([]byte(c), []byte(`"`), []byte(`""`))) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

func benchRead(b *testing.B, name string, data []byte, rows int) {
	p, err := Read(name, data, known)
	if err != nil || len(p.Rows) != rows || len(p.Problems) != 0 {
		b.Fatalf("%d rows, %v, problems %v", len(p.Rows), err, p.Problems[:min(3, len(p.Problems))])
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(name, data, known); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}

// BenchmarkRead10000 reads and checks a 10,000-row CSV file in UTF-8 with
// a BOM. The product's target is an import of 10,000 rows in under 2 s,
// preview included.
func BenchmarkRead10000(b *testing.B) {
	benchRead(b, "roster.csv", benchCSV(10000), 10000)
}

// BenchmarkRead10000ShiftJIS is BenchmarkRead10000 in Shift_JIS, where
// every row is decoded.
func BenchmarkRead10000ShiftJIS(b *testing.B) {
	data, err := japanese.ShiftJIS.NewEncoder().Bytes(bytes.TrimPrefix(benchCSV(10000), []byte("\xEF\xBB\xBF")))
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, "roster.csv", data, 10000)
}

// BenchmarkRead10000XLSX reads and checks a 10,000-row workbook.
func BenchmarkRead10000XLSX(b *testing.B) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	for i, r := range benchRows(10000) {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	benchRead(b, "roster.xlsx", buf.Bytes(), 10000)
}
