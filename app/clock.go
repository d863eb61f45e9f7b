package app

import (
	"time"
	_ "time/tzdata" // Windows machines may lack a zone database.
)

// Tokyo is the time zone every date in the programme is written in.
var Tokyo = mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded, so this cannot fail at run time.
		panic(err)
	}
	return loc
}

// StartOfDay is midnight, Tokyo time, of the day that holds t.
func StartOfDay(t time.Time) time.Time {
	t = t.In(Tokyo)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Tokyo)
}

// Date is midnight, Tokyo time, of the given day.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, Tokyo)
}
