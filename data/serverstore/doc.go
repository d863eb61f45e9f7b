// Package serverstore is the central endpoint's storage, in one SQLite
// file: every company, cohort, person, offer and talk, the devices and
// their invite codes, and what each device's mutations came to. It runs
// each pushed mutation exactly once, many devices' pushes in one commit
// (Process), reads a bucket's changes above a cursor in pages that never
// split a transaction (Pull), and serves the administration: roster
// imports, companies, cohorts and their members, invitations, and the
// dashboards' figures.
//
// It imports data and app only: never the replica, sync or ui.
package serverstore
