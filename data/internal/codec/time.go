package codec

import (
	"database/sql"
	"fmt"
	"time"

	"crosstalk/app"
)

// Times are stored as Unix milliseconds; cohort dates as YYYY-MM-DD.

// Millis is t as stored.
func Millis(t time.Time) int64 { return t.UnixMilli() }

// FromMillis is the time stored as v, in UTC.
func FromMillis(v int64) time.Time { return time.UnixMilli(v).UTC() }

// NullMillis is t as stored, NULL when t is nil.
func NullMillis(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// FromNullMillis is the time stored as v, nil for NULL.
func FromNullMillis(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := FromMillis(v.Int64)
	return &t
}

const dateLayout = "2006-01-02"

// Day is the date of t in Tokyo, as stored.
func Day(t time.Time) string { return t.In(app.Tokyo).Format(dateLayout) }

// FromDay is the start of the stored date s in Tokyo.
func FromDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, s, app.Tokyo)
	if err != nil {
		return t, fmt.Errorf("date %q: %w", s, err)
	}
	return t, nil
}
