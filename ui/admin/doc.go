// Package admin holds the administration views, for HR staff (their own
// company) and the secretariat (every company): import the participants,
// hand out invitation codes, watch the figures and, for the secretariat,
// keep the companies and the programmes (cohorts). The main window
// (crosstalk/ui) shows them as its tabs for such an account.
//
// They talk to the server only, through Services: every call may take
// time or fail, so each runs off the UI goroutine, the view says that it
// is loading, and a failure is told in plain words with what to do.
//
// This package must not import the participant's views, crosstalk/ui:
// that package imports this one. What both use is in crosstalk/ui/widgets.
package admin
