// Package codec turns CrossTalk's app values into SQLite columns and back:
// times as Unix milliseconds, cohort dates as YYYY-MM-DD in Tokyo, lists
// as JSON text, and the column lists and scanners of the tables both the
// server's store and the device's replica read. It is internal to data
// and its subpackages, which share one schema.
//
// It imports nothing of CrossTalk's but app and app/jtext.
package codec
