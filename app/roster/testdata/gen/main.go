// Command gen writes the roster files under testdata, as HR staff's
// Excel would: run it with go generate in package roster. The files are
// committed; the tests read the bytes, not this program.
package main

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

func main() {
	dir := "testdata"
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("sjis.csv", sjis(crlf(sjisCSV)))
	write("utf8bom.csv", append([]byte("\xEF\xBB\xBF"), crlf(bomCSV)...))
	write("broken.csv", broken())
	write("badheader.csv", []byte(badHeaderCSV))
	write("roster.xlsx", workbook())
}

func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

func sjis(b []byte) []byte {
	out, err := japanese.ShiftJIS.NewEncoder().Bytes(b)
	if err != nil {
		log.Fatal(err)
	}
	return out
}

// sjisCSV is what Excel writes as "CSV (コンマ区切り)" on Japanese
// Windows: CP932 with CRLF. 髙 (NEC-selected IBM extension), ㈱ and ①
// (NEC special characters) exist only in CP932; the first employee number
// is in full-width digits, readings are in half-width katakana,
// katakana and hiragana; names have ideographic spaces.
const sjisCSV = `社員番号,氏名,フリガナ,年代,職種,コホート,権限
００１２３,髙橋　一郎,ﾀｶﾊｼ ｲﾁﾛｳ,５０－５４,営業部　法人営業,2026年度 第1期,
A-0042,山﨑 花子,ヤマザキ　ハナコ,55～59歳,㈱クロス出向 企画①,2026年度 第1期、2026年度 第2期,参加者
00456,渡邊 恵子,わたなべ けいこ,60代前半,人事部,2026年度 第２期,人事
`

// bomCSV is what Excel writes as "CSV UTF-8 (コンマ区切り)": a BOM, CRLF,
// quotes around cells with commas, quotes or line breaks (Alt+Enter). The
// headers are in English, in another order, with one column not ours.
const bomCSV = `Name,Employee No,Reading,Age band,Job role,Cohort,Department,Role
"Smith, John",E-001,スミス ジョン,45-49,"Sales, ""Key"" accounts",2026年度 第1期,営業本部,participant
"佐藤
 健一",E-002,サトウ ケンイチ,50〜54,"企画部
新規事業",,経営企画,HR
`

// broken is a UTF-8 file with one row in Shift_JIS, one row of bytes
// valid in neither, and a row for nearly every problem.
func broken() []byte {
	var b bytes.Buffer
	b.WriteString("社員番号,氏名,ふりがな,年代,職種,コホート,権限,部署\n")
	b.WriteString("1001,田中 誠,たなか まこと,50-54,経理,2026年度 第1期,,経理部\n") // fine
	b.WriteString("1002,,すずき,45-49,,,,\n")                        // no name
	b.WriteString(",木村 明,キムラ アキラ,50代,,,,\n")                      // no number, decade alone
	b.WriteString("1004,林 修,Hayashi Osamu,40-44,,第9期,事務局,\n")     // romaji, band out of range, unknown cohort, secretariat
	b.WriteString("1001,森 茂,モリ シゲル,55-59,,秋の回,,\n")               // number of row 2 again, ambiguous cohort
	b.Write(sjis([]byte("1006,清水 聡,シミズ サトシ,60-65,,,,\n")))        // Shift_JIS in a UTF-8 file
	b.WriteString("1007,\xff\xfe\xfd,イトウ,45-49,,,,\n")            // neither
	b.WriteString("1008,山田 太郎,ヤマダ タロウ\n")                         // too few cells
	b.WriteString("1009,山田 花子,ヤマダ ハナコ,45-49,,,,,余分\n")            // a cell beyond the header
	b.WriteString("1010," + strings.Repeat("長", 101) + ",ナガ,45-49," + strings.Repeat("職", 101) + ",,,\n")
	b.WriteString("\n,,,,,,,\n")                                               // blank rows
	b.WriteString("123456789012345678901234567890123,小野 誠,オノ マコト,45-49,,,,\n") // 33-character number
	b.WriteString("1001,後藤 浩,ゴトウ ヒロシ,45-49,,,,\n")                             // the third 1001
	return b.Bytes()
}

// badHeaderCSV has a title row, two name columns, no age band and an
// unknown column.
const badHeaderCSV = `参加者名簿（2026年度）
社員番号,氏名,名前,よみがな,所属
1,田中 誠,田中 誠,たなか まこと,経理部
`

// workbook is a .xlsx file as HR staff keep one: a first sheet of
// instructions, then the roster with a title row. Employee numbers are
// a text cell "00123", a number 123, and a number 456 shown as 00456 by
// its format.
func workbook() []byte {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "説明"))
	must(f.SetCellValue("説明", "A1", "このファイルは参加者名簿です。"))
	_, err := f.NewSheet("名簿")
	must(err)
	s := "名簿"
	must(f.SetCellValue(s, "A1", "2026年度 参加者名簿"))
	must(f.SetSheetRow(s, "A3", &[]any{"従業員番号", "氏名", "ふりがな", "年齢層", "役割", "参加回", "権限"}))
	must(f.SetSheetRow(s, "A4", &[]any{"00123", "髙橋 一郎", "たかはし いちろう", "50～54歳", "営業", "2026年度 第1期", ""}))
	must(f.SetSheetRow(s, "A5", &[]any{123, "佐藤 健一", "サトウ ケンイチ", "45-49", "企画", "2026年度 第1期", "HR"}))
	must(f.SetSheetRow(s, "A7", &[]any{456, "鈴木 浩", "スズキ ヒロシ", "６０－６５", 3.5, "2026年度 第2期", "参加者"}))
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("00000")})
	must(err)
	must(f.SetCellStyle(s, "A7", "A7", style))
	var b bytes.Buffer
	must(f.Write(&b))
	return b.Bytes()
}

func ptr[T any](v T) *T { return &v }
