package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"crosstalk/sync/wire"
)

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files
// in dir.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kb}), 0o600)
	return cert, key
}

// freeAddr is a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serveFor runs the server with args until the test ends and returns the
// answer to a GET of wire.PathHealth through client at base.
func serveFor(t *testing.T, args []string, client *http.Client, base string) *http.Response {
	t.Helper()
	cfg, err := parseFlags(args, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("server: %v", err)
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get(base + wire.PathHealth)
		if err == nil {
			resp.Body.Close()
			return resp
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("the server ended: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Serving TLS itself, the server tells browsers and other clients to keep
// to HTTPS (HSTS); serving plain HTTP behind a proxy, it does not: there
// the proxy, which speaks TLS, sets the header.
func TestHSTS(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	addr := freeAddr(t)
	tlsClient := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp := serveFor(t, []string{"-db", filepath.Join(dir, "tls.db"), "-addr", addr, "-metrics-addr", "off",
		"-tls-cert", cert, "-tls-key", key}, tlsClient, "https://"+addr)
	if resp.TLS == nil {
		t.Fatal("not TLS")
	}
	if got := resp.Header.Get("Strict-Transport-Security"); got != "max-age=31536000" {
		t.Errorf("over TLS: Strict-Transport-Security %q, want max-age=31536000", got)
	}

	addr = freeAddr(t)
	resp = serveFor(t, []string{"-db", filepath.Join(dir, "plain.db"), "-addr", addr, "-metrics-addr", "off"},
		http.DefaultClient, "http://"+addr)
	if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("plain HTTP: Strict-Transport-Security %q", got)
	}
}
