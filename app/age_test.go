package app

import (
	"slices"
	"testing"
	"time"
)

func TestAgeBands(t *testing.T) {
	if !slices.Equal(AgeDecades, []AgeBand{"40s", "50s", "60s"}) {
		t.Errorf("decades %v", AgeDecades)
	}
	if !slices.Equal(AgeChoices, []AgeBand{"40s", "45-49", "50s", "50-54", "55-59", "60s", "60-65"}) {
		t.Errorf("choices %v", AgeChoices)
	}
	if y, o := Ages(); y != 45 || o != 65 {
		t.Errorf("ages %d-%d", y, o)
	}
	for b, decade := range map[AgeBand]AgeBand{
		"45-49": "40s", "50-54": "50s", "55-59": "50s", "60-65": "60s", "40s": "40s", "50s": "50s", "60s": "60s",
		"30s": "", "70s": "", "40-44": "", "": "", "50": "", "50代": "",
	} {
		if got := b.Decade(); got != decade {
			t.Errorf("%q.Decade() = %q, want %q", b, got, decade)
		}
		if b.Valid() != (decade != "") {
			t.Errorf("%q.Valid() = %v", b, b.Valid())
		}
		if b.IsDecade() != (decade != "" && decade == b) {
			t.Errorf("%q.IsDecade() = %v", b, b.IsDecade())
		}
	}
	if AgeBand("50s").DecadeAge() != 50 || AgeBand("50-54").DecadeAge() != 0 {
		t.Error("DecadeAge")
	}
}

func TestAgeBandWithin(t *testing.T) {
	for _, c := range []struct {
		b, f AgeBand
		want bool
	}{
		{"50-54", "", true}, {"50s", "", true},
		{"50-54", "50s", true}, {"55-59", "50s", true}, {"50s", "50s", true}, {"60-65", "50s", false}, {"40s", "50s", false},
		{"45-49", "40s", true}, {"60-65", "60s", true},
		{"50-54", "50-54", true}, {"55-59", "50-54", false},
		{"50s", "50-54", false}, // a decade alone may or may not be in the band
	} {
		if got := c.b.Within(c.f); got != c.want {
			t.Errorf("%q.Within(%q) = %v", c.b, c.f, got)
		}
	}
}

func TestAgeBandOf(t *testing.T) {
	for age, want := range map[int]AgeBand{44: "", 45: "45-49", 49: "45-49", 50: "50-54", 54: "50-54", 55: "55-59",
		59: "55-59", 60: "60-65", 65: "60-65", 66: "", 30: "", 0: "", -3: ""} {
		got, ok := AgeBandOf(age)
		if got != want || ok != (want != "") {
			t.Errorf("AgeBandOf(%d) = %q, %v", age, got, ok)
		}
	}
	for first, want := range map[int]AgeBand{40: "40s", 50: "50s", 60: "60s", 30: "", 70: "", 45: "", 0: ""} {
		got, ok := DecadeOf(first)
		if ok != (want != "") || ok && got != want {
			t.Errorf("DecadeOf(%d) = %q, %v", first, got, ok)
		}
	}
}

func TestAgeOn(t *testing.T) {
	birth := time.Date(1968, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		day  time.Time
		want int
	}{
		{Date(2026, 3, 31), 57},
		{Date(2026, 4, 1), 58},
		// 31 March 2026, 16:00 UTC is 1 April in Tokyo: the birthday.
		{time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC), 58},
		{time.Date(2026, 3, 31, 14, 59, 0, 0, time.UTC), 57},
	} {
		if got := AgeOn(birth, c.day); got != c.want {
			t.Errorf("AgeOn(1968-04-01, %v) = %d, want %d", c.day, got, c.want)
		}
	}
	leap := time.Date(1964, 2, 29, 0, 0, 0, 0, time.UTC)
	if AgeOn(leap, Date(2027, 2, 28)) != 62 || AgeOn(leap, Date(2027, 3, 1)) != 63 || AgeOn(leap, Date(2028, 2, 29)) != 64 {
		t.Error("a birthday on 29 February")
	}
}
