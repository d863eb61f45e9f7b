package roster

import "strings"

// Columns lists the columns of a template file, in its order.
var Columns = []Column{ColEmployeeNo, ColName, ColKana, ColAgeBand, ColJobRole, ColCohort, ColRole, ColThemes, ColEmail}

// AltColumns lists the columns that stand in for one of Columns
// (StandsFor): a name split into 姓 and 名, its reading into セイ and メイ,
// and a birth date for the age.
var AltColumns = []Column{ColFamilyName, ColGivenName, ColFamilyKana, ColGivenKana, ColBirthDate}

// StandsFor returns the column of Columns that an alternative column
// stands in for (ColName for ColFamilyName and ColGivenName, ColKana for
// their readings, ColAgeBand for ColBirthDate), or c itself. A file with
// both reads the column of Columns and leaves the other with a note
// (ProblemIgnoredColumn); a file with the family name (or its reading, or
// the birth date) alone needs no column of Columns.
func StandsFor(c Column) Column {
	switch c {
	case ColFamilyName, ColGivenName:
		return ColName
	case ColFamilyKana, ColGivenKana:
		return ColKana
	case ColBirthDate:
		return ColAgeBand
	}
	return c
}

// standIn is the alternative column whose presence makes up for a
// missing required column c.
func standIn(c Column) Column {
	switch c {
	case ColName:
		return ColFamilyName
	case ColKana:
		return ColFamilyKana
	case ColAgeBand:
		return ColBirthDate
	}
	return ""
}

// Required reports whether a roster must have column c, or the column
// that stands in for it (StandsFor).
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
	ColThemes: {"キャリアテーマ", "キャリアのテーマ", "テーマ", "関心テーマ", "話したいテーマ", "career themes",
		"career theme", "themes", "theme"},
	ColEmail: {"メールアドレス", "Eメール", "Eメールアドレス", "電子メール", "会社メールアドレス", "メールアドレス(会社)",
		"email", "e-mail", "email address", "e-mail address", "mail address"},
	ColFamilyName: {"姓", "氏", "苗字", "名字", "姓(漢字)", "last name", "family name", "surname"},
	ColGivenName:  {"名", "名(漢字)", "first name", "given name"},
	ColFamilyKana: {"セイ", "せい", "姓(カナ)", "姓(かな)", "姓(フリガナ)", "姓(ふりがな)", "フリガナ(姓)", "ふりがな(姓)",
		"カナ姓", "よみ(姓)", "last name kana", "family name kana", "last name reading"},
	ColGivenKana: {"メイ", "めい", "名(カナ)", "名(かな)", "名(フリガナ)", "名(ふりがな)", "フリガナ(名)", "ふりがな(名)",
		"カナ名", "よみ(名)", "first name kana", "given name kana", "first name reading"},
	ColBirthDate: {"生年月日", "誕生日", "生年月日(西暦)", "生年月日(和暦)", "birth date", "date of birth", "birthday", "dob"},
}

// subColumn is the column that the lower of two header rows names under
// an upper cell of column group, as Excel makes a header with 氏名 merged
// over 姓 and 名 (or フリガナ over セイ and メイ, or over 姓 and 名): a
// part of the name under the name, of the reading under the reading.
func subColumn(group Column, h string) (Column, bool) {
	c, ok := HeaderColumn(h)
	if !ok {
		return "", false
	}
	switch group {
	case ColName:
		if c == ColFamilyName || c == ColGivenName {
			return c, true
		}
	case ColKana:
		switch c {
		case ColFamilyName, ColFamilyKana:
			return ColFamilyKana, true
		case ColGivenName, ColGivenKana:
			return ColGivenKana, true
		}
	}
	return "", false
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
// row of every column of Columns, in its order and with the first name
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
