// Crosstalk-server is the central endpoint of CrossTalk's sync protocol:
// it keeps the consortium's data in one SQLite file and answers the
// desktop apps over HTTP(S).
//
// Usage:
//
//	crosstalk-server [flags]                      serve
//	crosstalk-server -invite <participant-id>     print a new invite code and exit
//	crosstalk-server -revoke-device <device-id>   revoke a device's token and exit
//	crosstalk-server -make-secretariat <name> [-kana <reading>] [-company <name>]
//	                                              create a secretariat account, print
//	                                              its invite code and exit
//	crosstalk-server -backup <file-or-folder>     write a checked copy of the database and exit
//	crosstalk-server -restore <copy>              put a copy in place (server stopped) and exit
//	crosstalk-server -new-secret                  make a new secret in place of a lost one
//	                                              (server stopped), revoke the invite codes
//	                                              not yet redeemed, and exit
//
// The flags:
//
//	-addr host:port      where to listen (CROSSTALK_ADDR; default 127.0.0.1:8080)
//	-db path             the SQLite file (CROSSTALK_DB; default ./crosstalk-server.db)
//	-tls-cert file       TLS certificate chain, PEM (CROSSTALK_TLS_CERT)
//	-tls-key file        TLS private key, PEM (CROSSTALK_TLS_KEY)
//	-listen-public       without TLS, listen on a non-loopback address all the same
//	                     (CROSSTALK_LISTEN_PUBLIC=true)
//	-demo                import the demo consortium into an empty database and
//	                     print invite codes for its demo users (CROSSTALK_DEMO=true)
//	-invite-ttl d        how long an invite code is valid (CROSSTALK_INVITE_TTL; default 336h)
//	-metrics-addr a      where to serve /metrics for Prometheus (CROSSTALK_METRICS_ADDR;
//	                     default 127.0.0.1:9180, loopback only; "off" for none)
//	-backup-keep n       with -backup into a folder: how many copies to keep (CROSSTALK_BACKUP_KEEP; default 14)
//	-secret-file path    the secret invite codes are hashed with (CROSSTALK_SECRET_FILE;
//	                     default <db>.secret): made at the first start, mode 0600, refused
//	                     if others may read it; -backup does not copy it
//	-trusted-proxies l   the proxies in front, whose X-Forwarded-For names the client for the
//	                     limits on invite codes: addresses and CIDR prefixes, comma-separated
//	                     (CROSSTALK_TRUSTED_PROXIES; default none)
//	-smtp-url u          the SMTP relay the server's mails go through (CROSSTALK_SMTP_URL):
//	                     smtp://user:password@host:587 (STARTTLS, required unless the host
//	                     is loopback) or smtps://user:password@host:465 (TLS at once); the
//	                     user and password URL-encoded. Without it mail is off: nothing is
//	                     queued nor sent
//	-mail-from a         who the mails come from, "crosstalk@example.jp" or
//	                     "CrossTalk <crosstalk@example.jp>" (CROSSTALK_MAIL_FROM; required
//	                     with -smtp-url)
//	-public-url u        the https address the mails tell people to open
//	                     (CROSSTALK_PUBLIC_URL; required with -smtp-url)
//
// With -smtp-url, a change that causes mail keeps a mail event in its own
// transaction; the mails are composed from it and queued in the
// database's outbox in the transaction that deletes the event, and a
// sender delivers the outbox: once each, retried with growing waits while the relay
// refuses for now or cannot be reached (for up to 12 attempts or 3 days),
// never again after a mail whose end the relay may have received when
// the server stopped (a kill in the middle included: such a mail is
// logged and counted as uncertain). A mailbox the relay refuses for good
// at RCPT (5.1.x, 5.2.1) gets no more mail, and the person is told in the
// app; another permanent refusal fails that mail only.
//
// -backup copies the database with VACUUM INTO while the server runs
// (one consistent snapshot, read-only access to the file), checks the
// copy (PRAGMA integrity_check) and, into a folder, names it by the time
// and prunes old ones. -restore needs the server stopped (it holds
// <db>.lock while it runs): it keeps the current file aside as
// <db>.before-restore-<time>, puts the copy in place and starts a new
// epoch, so that every app resets its copy at its next pull rather than
// keep rows the restored server never had.
//
// A new deployment starts with an empty database: -make-secretariat makes
// its first secretariat user (in the company named by -company, default
// 事務局, created when none has that name), who then creates the companies
// and cohorts, and HR users by importing them, from the desktop app.
//
// Without TLS the server listens on loopback only, unless -listen-public
// is given: tokens and invite codes must not cross a network in clear.
// Logs are JSON lines on standard error. SIGINT or SIGTERM stop the
// server gracefully: requests in flight, such as pushes, finish first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"

	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/server"
)

// config is the command line, after the environment.
type config struct {
	addr, db        string
	tlsCert, tlsKey string
	listenPublic    bool
	demo            bool
	invite, revoke  string
	secretariat     string // -make-secretariat: the name
	kana, company   string
	inviteTTL       time.Duration
	metricsAddr     string
	backup, restore string
	backupKeep      int
	shutdownTimeout time.Duration
	trustedProxies  []netip.Prefix
	secretFile      string // the secret invite codes are hashed with; default <db>.secret
	newSecret       bool   // -new-secret
	smtpURL         string // "" when mail is off
	mailFrom        mail.Sender
	publicURL       string
}

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	cfg, err := parseFlags(os.Args[1:], os.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "crosstalk-server:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, log); err != nil {
		log.Error("crosstalk-server", "error", err.Error())
		stop()
		os.Exit(1)
	}
}

// parseFlags reads the flags in args, each defaulting to its environment
// variable (through getenv) and then to its built-in default.
func parseFlags(args []string, getenv func(string) string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("crosstalk-server", flag.ContinueOnError)
	str := func(p *string, name, env, def, usage string) {
		if v := getenv(env); v != "" {
			def = v
		}
		fs.StringVar(p, name, def, usage+" ("+env+")")
	}
	var envErr error
	boolean := func(p *bool, name, env, usage string) {
		def := false
		if v := getenv(env); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				envErr = errors.Join(envErr, fmt.Errorf("%s=%q: %w", env, v, err))
			}
			def = b
		}
		fs.BoolVar(p, name, def, usage+" ("+env+")")
	}
	str(&cfg.addr, "addr", "CROSSTALK_ADDR", "127.0.0.1:8080", "address to listen on")
	str(&cfg.db, "db", "CROSSTALK_DB", "./crosstalk-server.db", "SQLite database file")
	str(&cfg.tlsCert, "tls-cert", "CROSSTALK_TLS_CERT", "", "TLS certificate file (PEM)")
	str(&cfg.tlsKey, "tls-key", "CROSSTALK_TLS_KEY", "", "TLS key file (PEM)")
	boolean(&cfg.listenPublic, "listen-public", "CROSSTALK_LISTEN_PUBLIC", "without TLS, allow a non-loopback address")
	boolean(&cfg.demo, "demo", "CROSSTALK_DEMO", "import the demo consortium into an empty database and print invite codes")
	ttl := "336h"
	if v := getenv("CROSSTALK_INVITE_TTL"); v != "" {
		ttl = v
	}
	var ttlText string
	fs.StringVar(&ttlText, "invite-ttl", ttl, "how long an invite code is valid (CROSSTALK_INVITE_TTL)")
	fs.StringVar(&cfg.invite, "invite", "", "create an invite code for this participant id, print it and exit")
	fs.StringVar(&cfg.revoke, "revoke-device", "", "revoke this device's token and exit")
	fs.StringVar(&cfg.secretariat, "make-secretariat", "", "create a secretariat account with this name, print its invite code and exit")
	fs.StringVar(&cfg.kana, "kana", "", "with -make-secretariat: the name's reading (default: the name)")
	fs.StringVar(&cfg.company, "company", "事務局", "with -make-secretariat: the company the account belongs to")
	str(&cfg.metricsAddr, "metrics-addr", "CROSSTALK_METRICS_ADDR", "127.0.0.1:9180", `address to serve /metrics on ("off": none)`)
	fs.StringVar(&cfg.backup, "backup", "", "write a checked copy of the database to this file or folder and exit")
	fs.StringVar(&cfg.restore, "restore", "", "replace the database by this copy (server stopped), start a new epoch and exit")
	keep := "14"
	if v := getenv("CROSSTALK_BACKUP_KEEP"); v != "" {
		keep = v
	}
	var keepText string
	fs.StringVar(&keepText, "backup-keep", keep, "with -backup into a folder: copies to keep (CROSSTALK_BACKUP_KEEP)")
	str(&cfg.secretFile, "secret-file", "CROSSTALK_SECRET_FILE", "",
		"the secret invite codes are hashed with, made at the first start, mode 0600 (default: the database's path and .secret)")
	fs.BoolVar(&cfg.newSecret, "new-secret", false, "make a new secret in place of a lost one, revoke the codes not yet redeemed, and exit")
	var proxies string
	str(&proxies, "trusted-proxies", "CROSSTALK_TRUSTED_PROXIES", "",
		"proxies whose X-Forwarded-For names the client: addresses and CIDR prefixes, comma-separated")
	var mailFrom string
	// The URL holds a password: its environment variable is read after
	// the flags, never made the flag's default, which the usage prints.
	fs.StringVar(&cfg.smtpURL, "smtp-url", "",
		"the SMTP relay: smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465; none: mail is off (CROSSTALK_SMTP_URL)")
	str(&mailFrom, "mail-from", "CROSSTALK_MAIL_FROM", "", `with -smtp-url: who the mails come from, such as "CrossTalk <crosstalk@example.jp>"`)
	str(&cfg.publicURL, "public-url", "CROSSTALK_PUBLIC_URL", "", "with -smtp-url: the https address the mails tell people to open")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if envErr != nil {
		return cfg, envErr
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	var err error
	if cfg.inviteTTL, err = time.ParseDuration(ttlText); err != nil || cfg.inviteTTL <= 0 {
		return cfg, fmt.Errorf("-invite-ttl %q: want a positive duration such as 336h", ttlText)
	}
	if (cfg.tlsCert == "") != (cfg.tlsKey == "") {
		return cfg, errors.New("-tls-cert and -tls-key go together")
	}
	commands := 0
	for _, c := range []string{cfg.invite, cfg.revoke, cfg.secretariat, cfg.backup, cfg.restore} {
		if c != "" {
			commands++
		}
	}
	if cfg.newSecret {
		commands++
	}
	if commands > 1 {
		return cfg, errors.New("-invite, -revoke-device, -make-secretariat, -backup, -restore and -new-secret are separate commands")
	}
	if cfg.secretFile == "" {
		cfg.secretFile = cfg.db + ".secret"
	}
	if cfg.backupKeep, err = strconv.Atoi(keepText); err != nil || cfg.backupKeep < 1 {
		return cfg, fmt.Errorf("-backup-keep %q: want a whole number of at least 1", keepText)
	}
	if cfg.kana == "" {
		cfg.kana = cfg.secretariat
	}
	if cfg.metricsAddr == "off" {
		cfg.metricsAddr = ""
	}
	if cfg.metricsAddr != "" {
		if _, _, err := net.SplitHostPort(cfg.metricsAddr); err != nil {
			return cfg, fmt.Errorf("-metrics-addr %q: %w", cfg.metricsAddr, err)
		}
	}
	if cfg.trustedProxies, err = server.ParseTrustedProxies(proxies); err != nil {
		return cfg, fmt.Errorf("-trusted-proxies %q: want addresses and CIDR prefixes, comma-separated: %w", proxies, err)
	}
	if cfg.smtpURL == "" {
		cfg.smtpURL = getenv("CROSSTALK_SMTP_URL")
	}
	if err := parseMail(&cfg, mailFrom); err != nil {
		return cfg, err
	}
	cfg.shutdownTimeout = 30 * time.Second
	return cfg, nil
}

// parseMail checks the mail flags: with -smtp-url, -mail-from and
// -public-url are required.
func parseMail(cfg *config, from string) error {
	if cfg.smtpURL == "" {
		return nil
	}
	// The URL holds a password: errors never quote it.
	if _, err := mail.ParseSMTPURL(cfg.smtpURL); err != nil {
		return fmt.Errorf("-smtp-url: %w", err)
	}
	if from == "" {
		return errors.New("-smtp-url needs -mail-from, the address the mails come from")
	}
	var err error
	if cfg.mailFrom, err = mail.ParseSender(from); err != nil {
		return fmt.Errorf("-mail-from %w", err)
	}
	if cfg.publicURL == "" {
		return errors.New("-smtp-url needs -public-url, the https address the mails tell people to open")
	}
	if cfg.publicURL, err = mail.ParsePublicURL(cfg.publicURL); err != nil {
		return fmt.Errorf("-public-url %w", err)
	}
	return nil
}

// checkAddr refuses to serve without TLS on anything but loopback, unless
// the operator said so.
func checkAddr(addr string, tls, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if tls || public || isLoopback(host) {
		return nil
	}
	return fmt.Errorf("-addr %q is not a loopback address: give -tls-cert and -tls-key, or -listen-public to serve without TLS", addr)
}

// isLoopback reports whether host names only the loopback interface.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// run does what cfg asks: one command, or serving until ctx ends.
func run(ctx context.Context, cfg config, log *slog.Logger) error {
	switch {
	case cfg.backup != "":
		path, err := backup(ctx, cfg.db, cfg.backup, cfg.backupKeep, time.Now())
		if err != nil {
			return err
		}
		log.Info("backup written and checked", "db", cfg.db, "copy", path,
			"secret_file_not_copied", cfg.secretFile)
		fmt.Println(path)
		return nil
	case cfg.restore != "":
		aside, err := restore(ctx, cfg.db, cfg.restore, time.Now())
		if err != nil {
			return err
		}
		log.Info("restored: new epoch, every app resets at its next pull", "db", cfg.db, "from", cfg.restore, "kept_aside", aside)
		fmt.Printf("restored %s from %s (the file it replaced is kept as %s)\n", cfg.db, cfg.restore, aside)
		fmt.Println("apps reset their copy at their next pull; devices signed in after the copy was made need a new invite code")
		return nil
	}
	serving := cfg.invite == "" && cfg.revoke == "" && cfg.secretariat == "" && !cfg.newSecret
	if cfg.newSecret {
		// Revoking codes a running server still makes would leave it
		// making codes under a secret the database no longer has.
		lock, err := lockDB(cfg.db)
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}
	if serving {
		// Check before touching the database.
		if err := checkAddr(cfg.addr, cfg.tlsCert != "", cfg.listenPublic); err != nil {
			return err
		}
		lock, err := lockDB(cfg.db)
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}
	st, err := serverstore.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.newSecret {
		n, err := server.NewCodeKey(ctx, st, cfg.secretFile, time.Now(), log)
		if err != nil {
			return err
		}
		fmt.Printf("made a new secret in %s; revoked %d invite codes not yet redeemed (HR makes new ones)\n", cfg.secretFile, n)
		fmt.Println("keep a copy of the secret file apart from the database's backups")
		return nil
	}
	opts := server.Options{Logger: log, TrustedProxies: cfg.trustedProxies}
	if serving {
		if opts.Mail, err = newMail(st, cfg, log); err != nil {
			return err
		}
	}
	if cfg.revoke == "" {
		if opts.CodeKey, err = server.OpenCodeKey(ctx, st, cfg.secretFile, log); err != nil {
			return err
		}
	}
	srv := server.New(st, opts)
	switch {
	case cfg.invite != "":
		code, err := srv.Invite(ctx, cfg.invite, cfg.inviteTTL)
		if err != nil {
			return err
		}
		fmt.Println(code)
		return nil
	case cfg.secretariat != "":
		id, _, err := st.CreateSecretariat(ctx, cfg.company, cfg.secretariat, cfg.kana, uuid.NewString)
		if err != nil {
			return err
		}
		code, err := srv.Invite(ctx, id, cfg.inviteTTL)
		if err != nil {
			return err
		}
		fmt.Printf("secretariat %s: invite code %s\n", id, code)
		return nil
	case cfg.revoke != "":
		if err := st.RevokeDevice(ctx, cfg.revoke, time.Now()); err != nil {
			return err
		}
		fmt.Printf("revoked device %s\n", cfg.revoke)
		return nil
	}
	if cfg.demo {
		if err := seedDemo(ctx, st, srv, log); err != nil {
			return err
		}
	}
	return serve(ctx, cfg, srv, log)
}

// newMail makes the mail sender cfg asks for, nil when mail is off (no
// -smtp-url), and tells the store to wake it when mails are queued.
func newMail(st *serverstore.Store, cfg config, log *slog.Logger) (*mail.Service, error) {
	if cfg.smtpURL == "" {
		log.Info("mail is off: no -smtp-url, nothing is queued nor sent")
		return nil, nil
	}
	svc, err := mail.New(st, mail.Config{SMTPURL: cfg.smtpURL, From: cfg.mailFrom, PublicURL: cfg.publicURL, Logger: log})
	if err != nil {
		return nil, err
	}
	composer, err := mail.NewComposer(mail.ComposerConfig{From: svc.From(), PublicURL: svc.PublicURL()})
	if err != nil {
		return nil, err
	}
	// Committed changes keep mail events; the store composes them and
	// queues their mails, then wakes the sender.
	st.SetMailQueued(svc.Queued)
	st.SetMailer(composer)
	log.Info("mail is on", "relay", svc.Relay().String(), "from", cfg.mailFrom.Address, "public_url", svc.PublicURL())
	return svc, nil
}

// seedDemo imports the demo consortium when the database holds no
// cohort yet, and prints the demo's invite codes.
func seedDemo(ctx context.Context, st *serverstore.Store, srv *server.Server, log *slog.Logger) error {
	cohorts, err := st.CohortIDs(ctx)
	if err != nil {
		return err
	}
	if len(cohorts) > 0 {
		log.Warn("demo: the database is not empty; nothing imported", "db", st.Path())
		return nil
	}
	inv, err := server.SeedDemo(ctx, st, srv)
	if err != nil {
		return err
	}
	fmt.Printf("demo user invite code:  %s\n", inv.Code)
	fmt.Printf("other side invite code: %s (participant %s)\n", inv.OtherCode, inv.OtherID)
	fmt.Printf("HR invite code:         %s (participant %s)\n", inv.HRCode, inv.HRID)
	fmt.Printf("secretariat invite code: %s (participant %s)\n", inv.SecretariatCode, inv.SecretariatID)
	return nil
}

// serveMetrics serves /metrics on a listener of its own, so that the
// protocol's address never shows it.
func serveMetrics(ln net.Listener, srv *server.Server, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("/metrics", srv.MetricsHandler())
	ms := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := ms.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics", "error", err.Error())
		}
	}()
	log.Info("metrics", "addr", ln.Addr().String(), "path", "/metrics")
	return ms
}

// serve runs the server and its sweeper until ctx ends, then shuts down
// gracefully.
func serve(ctx context.Context, cfg config, srv *server.Server, log *slog.Logger) error {
	hs := srv.HTTPServer(cfg.addr)
	if cfg.tlsCert != "" {
		hs.Handler = server.HSTS(hs.Handler)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	sweepCtx, stopSweep := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { srv.Run(sweepCtx) })
	defer func() {
		stopSweep()
		wg.Wait()
	}()

	errc := make(chan error, 1)
	go func() {
		if cfg.tlsCert != "" {
			errc <- hs.ServeTLS(ln, cfg.tlsCert, cfg.tlsKey)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	log.Info("listening", "addr", ln.Addr().String(), "tls", cfg.tlsCert != "", "db", cfg.db,
		"trusted_proxies", fmt.Sprint(cfg.trustedProxies))

	if cfg.metricsAddr != "" {
		host, _, _ := net.SplitHostPort(cfg.metricsAddr)
		if !isLoopback(host) {
			log.Warn("metrics served beyond loopback, without TLS or authentication: restrict it with a firewall", "addr", cfg.metricsAddr)
		}
		mln, err := net.Listen("tcp", cfg.metricsAddr)
		if err != nil {
			hs.Close()
			return fmt.Errorf("metrics: %w", err)
		}
		defer serveMetrics(mln, srv, log).Close()
	}

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
