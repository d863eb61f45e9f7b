package app

import (
	"strconv"
	"strings"
	"time"
)

// AgeBand is a person's age as far as it is known: a five-year band such
// as "50-54" (AgeBands), or only a decade such as "50s", written 50代, when
// that is all HR's list says (AgeDecades). An age or a birth date gives
// the five-year band (AgeBandOf).
type AgeBand string

// AgeBands lists the five-year bands the programme serves, youngest
// first: it serves people aged 45 to 65, and the last band holds six
// years.
var AgeBands = []AgeBand{"45-49", "50-54", "55-59", "60-65"}

// AgeDecades lists the decades that overlap the programme's ages (those
// of AgeBands), youngest first: a person of 40代 may be 45 to 49, one of
// 60代 60 to 65.
var AgeDecades = func() []AgeBand {
	var out []AgeBand
	for _, b := range AgeBands {
		lo, _, _ := b.span()
		d := AgeBand(strconv.Itoa(lo/10*10) + "s")
		if len(out) == 0 || out[len(out)-1] != d {
			out = append(out, d)
		}
	}
	return out
}()

// AgeChoices lists every valid age band for a choice, youngest first,
// each decade before its five-year bands: 40s, 45-49, 50s, 50-54, 55-59,
// 60s, 60-65.
var AgeChoices = func() []AgeBand {
	var out []AgeBand
	for _, b := range AgeBands {
		if d := b.Decade(); len(out) == 0 || out[len(out)-1].Decade() != d {
			out = append(out, d)
		}
		out = append(out, b)
	}
	return out
}()

// Valid reports whether b is one of AgeBands or AgeDecades.
func (b AgeBand) Valid() bool {
	for _, a := range AgeBands {
		if a == b {
			return true
		}
	}
	return b.IsDecade()
}

// IsDecade reports whether b is one of AgeDecades.
func (b AgeBand) IsDecade() bool {
	for _, d := range AgeDecades {
		if d == b {
			return true
		}
	}
	return false
}

// Decade is the decade b lies in ("50-54" and "50s" are in "50s"), or ""
// when b is not valid.
func (b AgeBand) Decade() AgeBand {
	if b.IsDecade() {
		return b
	}
	if !b.Valid() {
		return ""
	}
	lo, _, _ := b.span()
	return AgeBand(strconv.Itoa(lo/10*10) + "s")
}

// DecadeAge is the first age of a decade: 50 for "50s", 0 for anything
// else.
func (b AgeBand) DecadeAge() int {
	if !b.IsDecade() {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSuffix(string(b), "s"))
	return n
}

// Within reports whether a person of band b matches a search for band f:
// a decade matches every band in it and the decade itself (a search for
// 50代 finds people of 50代, 50-54 and 55-59); a five-year band matches
// itself only, as a person known only by their decade may or may not be
// in it. Every band matches the empty search.
func (b AgeBand) Within(f AgeBand) bool {
	switch {
	case f == "":
		return true
	case f.IsDecade():
		return b.Decade() == f
	}
	return b == f
}

// span reads the ages of a five-year band such as "50-54".
func (b AgeBand) span() (lo, hi int, ok bool) {
	l, h, found := strings.Cut(string(b), "-")
	if !found {
		return 0, 0, false
	}
	lo, err1 := strconv.Atoi(l)
	hi, err2 := strconv.Atoi(h)
	return lo, hi, err1 == nil && err2 == nil
}

// Ages are the youngest and the oldest age the programme serves, those of
// the first and the last of AgeBands.
func Ages() (youngest, oldest int) {
	youngest, _, _ = AgeBands[0].span()
	_, oldest, _ = AgeBands[len(AgeBands)-1].span()
	return youngest, oldest
}

// AgeBandOf returns the five-year band of an age in years, or false when
// the programme serves no one of that age.
func AgeBandOf(age int) (AgeBand, bool) {
	for _, b := range AgeBands {
		if lo, hi, _ := b.span(); lo <= age && age <= hi {
			return b, true
		}
	}
	return "", false
}

// DecadeOf returns the decade of AgeDecades that a decade's first age
// names (50 for 50代), or false when it overlaps no age the programme
// serves.
func DecadeOf(first int) (AgeBand, bool) {
	d := AgeBand(strconv.Itoa(first) + "s")
	return d, first%10 == 0 && d.IsDecade()
}

// AgeOn is the age in whole years, on day's date in Tokyo, of a person
// born on birth's date (its year, month and day, whatever its zone): one
// more on each birthday. Someone born on 29 February is a year older on
// 1 March in a common year.
func AgeOn(birth, day time.Time) int {
	day = day.In(Tokyo)
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}
