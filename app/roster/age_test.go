package roster

import (
	"testing"
	"time"

	"crosstalk/app"
)

func TestParseAge(t *testing.T) {
	// On 7 December 2026 someone born on 1 April 1968 is 58, on 8
	// December 1961 64, on 7 December 1960 66, on 7 December 1981 45 and
	// on 8 December 1981 44.
	for in, want := range map[string]struct {
		band app.AgeBand
		code ProblemCode
	}{
		// Bands, as ParseAgeBand reads them.
		"50-54": {"50-54", ""}, "５０〜５４歳": {"50-54", ""}, "60代前半": {"60-65", ""},
		// Decades.
		"40代": {"40s", ""}, "50代": {"50s", ""}, "60代": {"60s", ""}, "５０代": {"50s", ""}, "50歳代": {"50s", ""},
		" 50 代 ": {"50s", ""}, "50-59": {"50s", ""}, "40～49歳": {"40s", ""},
		"30代": {"", ProblemAgeOutOfRange}, "70代": {"", ProblemAgeOutOfRange}, "55代": {"", ProblemBadAgeBand},
		"5代": {"", ProblemBadAgeBand}, "代": {"", ProblemBadAgeBand},
		// Ages.
		"52": {"50-54", ""}, "58歳": {"55-59", ""}, "45": {"45-49", ""}, "65才": {"60-65", ""}, "満52歳": {"50-54", ""},
		"５２": {"50-54", ""}, "38": {"", ProblemAgeOutOfRange}, "66": {"", ProblemAgeOutOfRange}, "44歳": {"", ProblemAgeOutOfRange},
		"0": {"", ProblemAgeOutOfRange}, "-52": {"", ProblemBadAgeBand}, "+52": {"", ProblemBadAgeBand}, "52.5": {"", ProblemBadAgeBand},
		// Bands outside the programme, or not ours.
		"40-44": {"", ProblemAgeOutOfRange}, "66-70": {"", ProblemAgeOutOfRange}, "45-50": {"", ProblemBadAgeBand},
		"65-69": {"", ProblemBadAgeBand}, // overlaps at 65, but is no band of ours
		"50-45": {"", ProblemBadAgeBand},
		// Birth dates.
		"1968/4/1": {"55-59", ""}, "1968-04-01": {"55-59", ""}, "昭和43年4月1日": {"55-59", ""}, "S43.4.1": {"55-59", ""},
		"1961/12/8": {"60-65", ""}, "1960/12/7": {"", ProblemAgeOutOfRange}, "1996/4/1": {"", ProblemAgeOutOfRange},
		"1981/12/7": {"45-49", ""}, "1981/12/8": {"", ProblemAgeOutOfRange},
		"2030/1/1": {"", ProblemBadBirthDate},
		// Nothing.
		"": {"", ProblemBadAgeBand}, "fifty": {"", ProblemBadAgeBand}, "五十代": {"", ProblemBadAgeBand}, "1968": {"", ProblemBadAgeBand},
	} {
		band, code := ParseAge(in, importDay)
		if band != want.band || code != want.code {
			t.Errorf("ParseAge(%q) = %q, %q; want %q, %q", in, band, code, want.band, want.code)
		}
	}
}

func TestParseBirthDate(t *testing.T) {
	for in, want := range map[string]string{
		"1968/4/1": "1968-04-01", "1968/04/01": "1968-04-01", "1968-04-01": "1968-04-01", "1968.4.1": "1968-04-01",
		"1968年4月1日": "1968-04-01", "１９６８／４／１": "1968-04-01", "1968/4/1 0:00": "1968-04-01",
		"1968/4/10 00:00": "1968-04-10", "1968-04-01 00:00:00": "1968-04-01", "19680401": "1968-04-01",
		"昭和43年4月1日": "1968-04-01", "昭和43/4/1": "1968-04-01", "昭43.4.1": "1968-04-01", "S43.4.1": "1968-04-01",
		"s43.4.1": "1968-04-01", "Ｓ４３．４．１": "1968-04-01", "平成元年1月8日": "1989-01-08", "H1.1.8": "1989-01-08",
		"大正15年12月24日": "1926-12-24", "令和2年2月29日": "2020-02-29", "昭和 43年 4月 1日": "1968-04-01",
		// Not dates.
		"": "", "1968": "", "1968/4": "", "1968/2/30": "", "1968/13/1": "", "1968/4/1/2": "", "68/4/1": "",
		"4/1/1968": "", "1968/4-1": "", "1968年4/1": "", "1968年4月1": "1968-04-01", "昭和65年1月1日": "", "平成32年1月1日": "",
		"昭和0年1月1日": "", "X43.4.1": "", "1968/4/1 9:00": "", "24929": "", "1800/1/1": "",
	} {
		d, ok := ParseBirthDate(in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("ParseBirthDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSerialDate(t *testing.T) {
	for _, c := range []struct {
		raw      string
		date1904 bool
		want     string
	}{
		{"24929", false, "1968-04-01"}, {"24929.0", false, "1968-04-01"}, {"23467", true, "1968-04-01"},
		{"3000", false, "1908-03-18"}, {"2999", false, ""}, {"52", false, ""}, {"24929.5", false, ""}, {"x", false, ""},
	} {
		d, ok := serialDate(c.raw, c.date1904)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("serialDate(%q, %v) = %q, want %q", c.raw, c.date1904, got, c.want)
		}
	}
	if got := dateText(time.Date(1968, 4, 1, 0, 0, 0, 0, time.UTC)); got != "1968/4/1" {
		t.Errorf("dateText %q", got)
	}
}
