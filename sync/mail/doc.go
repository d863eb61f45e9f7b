// Package mail is the server's e-mail: the messages it sends (new offers,
// answers, changes to talks, reminders, digests, weekly summaries, the
// code that confirms an address), and the sender that delivers them over
// SMTP with retries, never twice.
//
// A committed change never loses its mail, nor does a change that did not
// commit send one: a mutation keeps a small mail event in its own
// transaction (serverstore's mail_events), and the store's renderer has
// the Composer write the mails of each event and queues them in
// mail_outbox in the transaction that deletes the event. The Service then
// delivers mail_outbox, recording each attempt (mail_attempts).
package mail
