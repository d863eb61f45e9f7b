package roster

import (
	"strconv"
	"strings"
	"time"

	"crosstalk/app"
)

// ParseAge reads an age cell, as HR's lists write ages, and returns the
// band it gives on today's date in Tokyo:
//
//   - a five-year band, as ParseAgeBand reads one (50-54, 50〜54歳, 50代前半);
//   - a decade: 50代, 50歳代 (and 50-59, a decade written as a band);
//   - an age in years: 52, 52歳, 58才, 満52歳;
//   - a birth date, as ParseBirthDate reads one.
//
// An age or a birth date gives its five-year band, a decade the decade
// (app.AgeDecades). code is ProblemAgeOutOfRange for an age, a decade, a
// band or a birth date outside the programme's ages (38, 30代, 40-44),
// ProblemBadAgeBand for anything else that is not one.
func ParseAge(s string, today time.Time) (band app.AgeBand, code ProblemCode) {
	if b, ok := ParseAgeBand(s); ok {
		return b, ""
	}
	s = strings.ReplaceAll(narrow(clean(s)), " ", "")
	if n, ok := strings.CutSuffix(s, "代"); ok {
		n = strings.TrimSuffix(strings.TrimSuffix(n, "歳"), "才")
		first, err := strconv.Atoi(n)
		if err != nil || len(n) != 2 || first%10 != 0 {
			return "", ProblemBadAgeBand
		}
		if d, ok := app.DecadeOf(first); ok {
			return d, ""
		}
		return "", ProblemAgeOutOfRange
	}
	if n, ok := years(s); ok {
		if b, ok := app.AgeBandOf(n); ok {
			return b, ""
		}
		return "", ProblemAgeOutOfRange
	}
	if d, ok := ParseBirthDate(s); ok {
		return bandOfBirth(d, today)
	}
	if lo, hi, ok := strings.Cut(waves.Replace(s), "-"); ok {
		// A band that is not ours: a decade written so, or outside.
		l, err1 := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(lo, "歳"), "才"))
		h, err2 := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(hi, "歳"), "才"))
		if err1 != nil || err2 != nil || len(lo) < 2 || l >= h {
			return "", ProblemBadAgeBand
		}
		if d, ok := app.DecadeOf(l); ok && h == l+9 {
			return d, ""
		}
		if youngest, oldest := app.Ages(); h < youngest || l > oldest {
			return "", ProblemAgeOutOfRange
		}
		return "", ProblemBadAgeBand
	}
	return "", ProblemBadAgeBand
}

var waves = strings.NewReplacer("〜", "-", "～", "-", "~", "-")

// years reads an age in years: one to three digits, optionally after 満
// and before 歳 or 才.
func years(s string) (int, bool) {
	s = strings.TrimPrefix(s, "満")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "歳"), "才")
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && s[0] != '+' && s[0] != '-'
}

// bandOfBirth is the band of a person born on d, on today's date.
func bandOfBirth(d, today time.Time) (app.AgeBand, ProblemCode) {
	if today.IsZero() {
		today = time.Now()
	}
	age := app.AgeOn(d, today)
	if age < 0 || age > 150 {
		return "", ProblemBadBirthDate // born in the future, or too long ago to be true
	}
	if b, ok := app.AgeBandOf(age); ok {
		return b, ""
	}
	return "", ProblemAgeOutOfRange
}

// ParseBirthDate reads a date as HR's lists write birth dates: year,
// month and day separated by / - . or 年 月 日 (1968/4/1, 1968-04-01,
// 1968年4月1日), optionally followed by a time of 0:00 (as a spreadsheet
// writes a date cell); eight digits (19680401); or a Japanese era year
// (昭和43年4月1日, 昭和43/4/1, S43.4.1, 平成元年1月8日). The date is
// returned at midnight UTC; only its year, month and day count.
func ParseBirthDate(s string) (time.Time, bool) {
	s = narrow(clean(s))
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		switch s[i+1:] {
		case "0:00", "00:00", "0:00:00", "00:00:00":
			s = s[:i]
		}
	}
	s = strings.ReplaceAll(s, " ", "")
	if len(s) == 8 && allDigits(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:])
		return date(y, m, d)
	}
	y, rest, ok := eraYear(s)
	if !ok {
		y, rest, ok = leadingNumber(s)
		if !ok || len(s)-len(rest) != 4 {
			return time.Time{}, false
		}
	}
	sep, rest, ok := separator(rest, "年")
	if !ok {
		return time.Time{}, false
	}
	m, rest, ok := leadingNumber(rest)
	if !ok {
		return time.Time{}, false
	}
	sep2, rest, ok := separator(rest, "月")
	if !ok || (sep == "年") != (sep2 == "月") || sep != "年" && sep != sep2 {
		return time.Time{}, false
	}
	d, rest, ok := leadingNumber(rest)
	if !ok {
		return time.Time{}, false
	}
	if rest != "" && !(sep == "年" && rest == "日") {
		return time.Time{}, false
	}
	return date(y, m, d)
}

// eras are the Japanese eras a birth date may be written in: their
// names (the full name, its first character and its letter), first
// Gregorian year and last year (0 for the current era).
var eras = []struct {
	names       []string
	first, last int
}{
	{[]string{"令和", "令", "R", "r"}, 2019, 0},
	{[]string{"平成", "平", "H", "h"}, 1989, 31},
	{[]string{"昭和", "昭", "S", "s"}, 1926, 64},
	{[]string{"大正", "大", "T", "t"}, 1912, 15},
	{[]string{"明治", "明", "M", "m"}, 1868, 45},
}

// eraYear reads a Japanese era and its year at the start of s (昭和43,
// S43, 平成元): the Gregorian year, and what follows.
func eraYear(s string) (year int, rest string, ok bool) {
	for _, e := range eras {
		for _, name := range e.names {
			after, found := strings.CutPrefix(s, name)
			if !found {
				continue
			}
			n, rest, ok := leadingNumber(after)
			if !ok && strings.HasPrefix(after, "元") { // the first year
				n, rest, ok = 1, after[len("元"):], true
			}
			if !ok || n < 1 || (e.last > 0 && n > e.last) {
				return 0, s, false
			}
			return e.first + n - 1, rest, true
		}
	}
	return 0, s, false
}

// leadingNumber reads the ASCII digits at the start of s (one to four).
func leadingNumber(s string) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 5 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return 0, s, false
	}
	n, _ = strconv.Atoi(s[:i])
	return n, s[i:], true
}

// separator reads one of / - . or the kanji unit at the start of s.
func separator(s, unit string) (sep, rest string, ok bool) {
	if r, ok := strings.CutPrefix(s, unit); ok {
		return unit, r, true
	}
	if len(s) > 0 && (s[0] == '/' || s[0] == '-' || s[0] == '.') {
		return s[:1], s[1:], true
	}
	return "", s, false
}

// date is the date of y, m and d, if they name one.
func date(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1868 || m < 1 || m > 12 || t.Day() != d || t.Month() != time.Month(m) {
		return time.Time{}, false
	}
	return t, true
}

// The range of spreadsheet serial numbers read as birth dates: from 3000
// (13 March 1908) on. Smaller numbers are ages or years, never dates of
// the programme's people.
const minSerial = 3000

// serialDate is the date of a spreadsheet's day number n (Excel's 1900
// system, or its 1904 system when date1904), if n is a whole number of
// at least minSerial.
func serialDate(raw string, date1904 bool) (time.Time, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < minSerial || f > 2958465 || f != float64(int(f)) {
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC) // day 1 is 1 January 1900, and Excel counts a 29 February 1900
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return base.AddDate(0, 0, int(f)), true
}

// dateText writes a date as Japanese Excel shows a date cell: 1968/4/1.
func dateText(t time.Time) string {
	return strconv.Itoa(t.Year()) + "/" + strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Day())
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
