package roster

import "strings"

// Columns lists every column in the order of a template file.
var Columns = []Column{ColEmployeeNo, ColName, ColKana, ColAgeBand, ColJobRole, ColCohort, ColRole}

// Required reports whether a roster must have column c.
func Required(c Column) bool {
	switch c {
	case ColEmployeeNo, ColName, ColKana, ColAgeBand:
		return true
	}
	return false
}

// headers are the header names each column is known by, first the one a
// template uses. They are compared in the form of headerKey.
var headers = map[Column][]string{
	ColEmployeeNo: {"社員番号", "従業員番号", "職員番号", "社員No", "社員No.", "社員コード", "社員ID",
		"従業員No", "従業員コード", "従業員ID", "employee no", "employee number", "employee_number",
		"employee_no", "employee id", "employee code", "emp no", "staff no", "staff id"},
	ColName: {"氏名", "名前", "お名前", "氏名(漢字)", "名前(漢字)", "社員名", "従業員名", "name", "full name"},
	ColKana: {"ふりがな", "フリガナ", "よみ", "ヨミ", "よみがな", "ヨミガナ", "読み", "読み仮名", "かな", "カナ",
		"氏名(カナ)", "氏名(かな)", "氏名(フリガナ)", "氏名(ふりがな)", "氏名カナ", "名前(カナ)", "カナ氏名",
		"reading", "kana", "name kana", "name reading", "furigana"},
	ColAgeBand: {"年代", "年齢層", "年齢帯", "年齢区分", "年齢", "age band", "age_band", "age group", "age"},
	ColJobRole: {"職種", "役割", "職務", "職種・役割", "job role", "job_role", "job", "job family"},
	ColCohort:  {"プログラム", "プログラム名", "参加プログラム", "コホート", "参加回", "参加期", "期", "cohort", "cohorts", "round"},
	ColRole:    {"権限", "ロール", "権限区分", "アカウント権限", "role", "account role", "permission"},
}

var headerIndex = func() map[string]Column {
	m := make(map[string]Column)
	for c, names := range headers {
		for _, n := range names {
			m[headerKey(n)] = c
		}
	}
	return m
}()

// Headers returns the header names column c is known by, the one a
// template uses first. Matching ignores case, width, spaces, brackets,
// the punctuation _ - . ・ : and the marks 必須, 任意, ※ and *, so that
// 社員番号（必須）, Employee_Number and ﾌﾘｶﾞﾅ are known.
func Headers(c Column) []string {
	return append([]string(nil), headers[c]...)
}

// HeaderColumn returns the column a header cell names.
func HeaderColumn(h string) (Column, bool) {
	c, ok := headerIndex[headerKey(h)]
	return c, ok
}

var headerNoise = strings.NewReplacer(
	"(", "", ")", "", "[", "", "]", "", "【", "", "】", "", "「", "", "」", "", "<", "", ">", "",
	"_", "", "-", "", ".", "", "・", "", ":", "", "：", "",
	"必須", "", "任意", "", "※", "", "*", "", "＊", "",
)

// headerKey is the form in which header names are compared.
func headerKey(h string) string {
	return headerNoise.Replace(nameKey(h))
}

// Template returns an empty roster for HR staff to fill in: the header
// row of every column, in the order of Columns and with the first name
// Headers gives, as CSV in UTF-8 with a BOM and CRLF, which Excel opens
// correctly on Windows and macOS.
func Template() []byte {
	b := []byte("\xEF\xBB\xBF")
	for i, c := range Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, headers[c][0]...)
	}
	return append(b, "\r\n"...)
}
