// Package mail is the server's e-mail: the messages it sends (new offers,
// answers, changes to talks, reminders, digests), written into the
// outbox of the server's store in the same transaction as the change that
// causes them, and the sender that delivers the outbox over SMTP with
// retries, never twice.
package mail
