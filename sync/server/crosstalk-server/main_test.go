package main

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	env := map[string]string{
		"CROSSTALK_ADDR": "127.0.0.1:9000", "CROSSTALK_DB": "/tmp/x.db",
		"CROSSTALK_TLS_CERT": "c.pem", "CROSSTALK_TLS_KEY": "k.pem", "CROSSTALK_LISTEN_PUBLIC": "true",
	}
	cfg, err := parseFlags([]string{"-db", "/tmp/flag.db"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.addr != "127.0.0.1:9000" || cfg.db != "/tmp/flag.db" || cfg.tlsCert != "c.pem" || cfg.tlsKey != "k.pem" ||
		!cfg.listenPublic || cfg.inviteTTL != 336*time.Hour {
		t.Fatalf("config %+v", cfg)
	}
	cfg, err = parseFlags(nil, func(string) string { return "" })
	if err != nil || cfg.addr != "127.0.0.1:8080" || cfg.db != "./crosstalk-server.db" || cfg.listenPublic ||
		cfg.metricsAddr != "127.0.0.1:9180" || cfg.backupKeep != 14 {
		t.Fatalf("defaults %+v, %v", cfg, err)
	}
	// Metrics on loopback by default; "off" for none; the environment
	// sets them as the flags do.
	cfg, err = parseFlags([]string{"-metrics-addr", "off"}, func(string) string { return "" })
	if err != nil || cfg.metricsAddr != "" {
		t.Fatalf("-metrics-addr off: %q, %v", cfg.metricsAddr, err)
	}
	cfg, err = parseFlags([]string{"-backup", "/var/backups"}, func(k string) string {
		return map[string]string{"CROSSTALK_METRICS_ADDR": "10.0.0.5:9180", "CROSSTALK_BACKUP_KEEP": "30"}[k]
	})
	if err != nil || cfg.metricsAddr != "10.0.0.5:9180" || cfg.backupKeep != 30 || cfg.backup != "/var/backups" {
		t.Fatalf("from the environment: %+v, %v", cfg, err)
	}
	for _, args := range [][]string{
		{"-tls-cert", "c.pem"},
		{"-invite-ttl", "-1h"},
		{"-invite", "p", "-revoke-device", "d"},
		{"-backup", "b", "-restore", "r"},
		{"-backup-keep", "0"},
		{"-metrics-addr", "no-port"},
		{"extra"},
	} {
		if _, err := parseFlags(args, func(string) string { return "" }); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	if _, err := parseFlags(nil, func(k string) string {
		if k == "CROSSTALK_LISTEN_PUBLIC" {
			return "maybe"
		}
		return ""
	}); err == nil {
		t.Error("CROSSTALK_LISTEN_PUBLIC=maybe: no error")
	}
}

func TestCheckAddr(t *testing.T) {
	for _, tc := range []struct {
		addr        string
		tls, public bool
		ok          bool
	}{
		{"127.0.0.1:8080", false, false, true},
		{"localhost:8080", false, false, true},
		{"[::1]:8080", false, false, true},
		{":8080", false, false, false},
		{"0.0.0.0:8080", false, false, false},
		{"192.0.2.7:8080", false, false, false},
		{"example.com:8080", false, false, false},
		{":8080", true, false, true},
		{"0.0.0.0:8080", false, true, true},
		{"no-port", true, true, false},
	} {
		err := checkAddr(tc.addr, tc.tls, tc.public)
		if (err == nil) != tc.ok {
			t.Errorf("checkAddr(%q, tls=%v, public=%v) = %v", tc.addr, tc.tls, tc.public, err)
		}
	}
}

// -trusted-proxies (or CROSSTALK_TRUSTED_PROXIES) takes addresses and CIDR
// prefixes, comma-separated; anything else is refused at start.
func TestParseTrustedProxies(t *testing.T) {
	cfg, err := parseFlags([]string{"-trusted-proxies", "127.0.0.1, 10.0.0.0/8,::1"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range cfg.trustedProxies {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != "127.0.0.1/32 10.0.0.0/8 ::1/128" {
		t.Errorf("trusted proxies %v", got)
	}
	cfg, err = parseFlags(nil, func(k string) string {
		return map[string]string{"CROSSTALK_TRUSTED_PROXIES": "192.0.2.0/24"}[k]
	})
	if err != nil || len(cfg.trustedProxies) != 1 || cfg.trustedProxies[0].String() != "192.0.2.0/24" {
		t.Errorf("from the environment: %v, %v", cfg.trustedProxies, err)
	}
	if cfg, err := parseFlags(nil, func(string) string { return "" }); err != nil || len(cfg.trustedProxies) != 0 {
		t.Errorf("default: %v, %v", cfg.trustedProxies, err)
	}
	for _, bad := range []string{"proxy.example", "10.0.0.0/33", "10.0.0.1:443"} {
		if _, err := parseFlags([]string{"-trusted-proxies", bad}, func(string) string { return "" }); err == nil ||
			!strings.Contains(err.Error(), "-trusted-proxies") {
			t.Errorf("-trusted-proxies %q: %v", bad, err)
		}
	}
}

// The mail flags: off by default; with -smtp-url, -mail-from and
// -public-url are required and checked; the environment sets them; an
// error never shows the relay's password.
func TestParseMailFlags(t *testing.T) {
	none := func(string) string { return "" }
	cfg, err := parseFlags(nil, none)
	if err != nil || cfg.smtpURL != "" {
		t.Fatalf("mail on by default: %+v %v", cfg, err)
	}
	cfg, err = parseFlags([]string{"-smtp-url", "smtps://u%40x:p%2Fw@mail.example.jp",
		"-mail-from", "CrossTalk <crosstalk@example.jp>", "-public-url", "https://crosstalk.example.jp/"}, none)
	if err != nil || cfg.smtpURL != "smtps://u%40x:p%2Fw@mail.example.jp" ||
		cfg.mailFrom.Name != "CrossTalk" || cfg.mailFrom.Address != "crosstalk@example.jp" ||
		cfg.publicURL != "https://crosstalk.example.jp" {
		t.Fatalf("%+v %v", cfg, err)
	}
	env := map[string]string{"CROSSTALK_SMTP_URL": "smtp://127.0.0.1:2525", "CROSSTALK_MAIL_FROM": "ct@example.jp",
		"CROSSTALK_PUBLIC_URL": "https://ct.example.jp"}
	cfg, err = parseFlags(nil, func(k string) string { return env[k] })
	if err != nil || cfg.smtpURL != env["CROSSTALK_SMTP_URL"] || cfg.mailFrom.Address != "ct@example.jp" || cfg.publicURL != "https://ct.example.jp" {
		t.Fatalf("from the environment: %+v %v", cfg, err)
	}
	ok := []string{"-mail-from", "ct@example.jp", "-public-url", "https://ct.example.jp"}
	for _, c := range []struct {
		args []string
		says string
	}{
		{append([]string{"-smtp-url", "http://user:s3cret@mail.example.jp"}, ok...), "scheme"},
		{append([]string{"-smtp-url", "smtp://user:s3cret@mail.example.jp/x"}, ok...), "path"},
		{append([]string{"-smtp-url", "smtp://user:s3cret@mail.example.jp:%zz"}, ok...), "-smtp-url"},
		{[]string{"-smtp-url", "smtp://mail.example.jp", "-public-url", "https://ct.example.jp"}, "-mail-from"},
		{[]string{"-smtp-url", "smtp://mail.example.jp", "-mail-from", "ct@example.jp"}, "-public-url"},
		{[]string{"-smtp-url", "smtp://mail.example.jp", "-mail-from", "nobody", "-public-url", "https://ct.example.jp"}, "-mail-from"},
		{[]string{"-smtp-url", "smtp://mail.example.jp", "-mail-from", "ct@example.jp", "-public-url", "http://ct.example.jp"}, "https"},
	} {
		_, err := parseFlags(c.args, none)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%v: %v, want an error about %s", c.args, err, c.says)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%v: the error shows the password: %v", c.args, err)
		}
	}
}

// The usage, which a mistyped flag prints (to the journal, under
// systemd), never shows the relay's password from the environment.
func TestUsageHidesTheSMTPPassword(t *testing.T) {
	env := map[string]string{"CROSSTALK_SMTP_URL": "smtp://u:S3cretPW@smtp.example.jp:587",
		"CROSSTALK_MAIL_FROM": "ct@example.jp", "CROSSTALK_PUBLIC_URL": "https://ct.example.jp"}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	_, err = parseFlags([]string{"-no-such-flag"}, func(k string) string { return env[k] })
	os.Stderr = stderr
	w.Close()
	usage, _ := io.ReadAll(r)
	if err == nil || !strings.Contains(string(usage), "-smtp-url") {
		t.Fatalf("a wrong flag: %v, usage %q", err, usage)
	}
	if strings.Contains(string(usage), "S3cretPW") {
		t.Fatalf("the usage shows the password:\n%s", usage)
	}
	cfg, err := parseFlags(nil, func(k string) string { return env[k] })
	if err != nil || cfg.smtpURL != env["CROSSTALK_SMTP_URL"] {
		t.Fatalf("the URL from the environment: %q, %v", cfg.smtpURL, err)
	}
}
