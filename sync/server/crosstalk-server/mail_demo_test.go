package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/mail/mailsink"
	"crosstalk/sync/wire"
)

// The review's check, as a test: the built server, started on the demo
// with -smtp-url, mails the recipient of an offer that one demo
// participant sends another over HTTP, within a minute, and mails its
// message to no one else.
func TestDemoServerMailsAnOffer(t *testing.T) {
	bin := buildServer(t)
	sink := mailsink.Start(t)
	addr := freeAddr(t)
	var stdout, logs lockedLog
	cmd := exec.Command(bin, "-demo", "-db", filepath.Join(t.TempDir(), "server.db"), "-addr", addr, "-metrics-addr", "off",
		"-smtp-url", sink.URL(), "-mail-from", "CrossTalk <crosstalk@example.jp>", "-public-url", "https://crosstalk.example.jp")
	cmd.Env = append(os.Environ(), "CROSSTALK_SMTP_URL=", "CROSSTALK_MAIL_FROM=", "CROSSTALK_PUBLIC_URL=")
	cmd.Stdout, cmd.Stderr = &stdout, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	waitHealthy(t, base, &logs)

	codes := regexp.MustCompile(`other side invite code: (\S+) \(participant (\S+)\)`).FindStringSubmatch(stdout.String())
	if codes == nil {
		t.Fatalf("no invite code for the demo's other side in %q", stdout.String())
	}
	var dev wire.RedeemResponse
	postJSON(t, base, wire.PathRedeem, "", wire.RedeemRequest{Code: codes[1], DeviceName: "test"}, &dev)
	if dev.ParticipantID != codes[2] {
		t.Fatalf("redeemed as %s, want %s", dev.ParticipantID, codes[2])
	}

	// Someone of another company the demo's other side may offer a talk.
	now := time.Now()
	ds := demo.Demo(now)
	from := person(ds, dev.ParticipantID)
	cohort := ds.Cohorts[0]
	var to app.Participant
	for _, p := range ds.Participants {
		if p.Role == app.RoleParticipant && p.Visible && p.CompanyID != from.CompanyID && p.ID != demo.DemoUser &&
			p.Accepts(app.ModeOnline) && pendingBetween(ds, from.ID, p.ID) == 0 && contains(p.Cohorts, cohort.ID) {
			to = p
			break
		}
	}
	if to.ID == "" {
		t.Fatal("the demo has no one the other side may offer a talk")
	}
	tomorrow := now.In(app.Tokyo).AddDate(0, 0, 1)
	slot := time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 10, 0, 0, 0, app.Tokyo)
	const message = "はじめまして。キャリアについてお話ししたいです。"
	args, _ := json.Marshal(app.SendOfferArgs{ID: uuid.NewString(), CohortID: cohort.ID, ToID: to.ID,
		Message: message, Mode: app.ModeOnline, Slots: []time.Time{slot}})
	var pushed wire.PushResponse
	postJSON(t, base, wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{
		{ID: 1, Name: app.OfferSend, Args: args, ClientTime: now}}}, &pushed)
	if len(pushed.Results) != 1 || pushed.Results[0].Code != "" {
		t.Fatalf("the offer was not applied: %+v", pushed)
	}

	// The demo's previous round has its programme survey open: its
	// sweep mails those who have not answered it, which says nothing of
	// the offer. Every other mail is the offer's.
	offerMails := func() (out []mailsink.Mail) {
		for _, m := range sink.Messages() {
			if strings.Contains(m.Subject, "ふりかえり") {
				if strings.Contains(m.Text+m.HTML, message) {
					t.Fatalf("the offer's message in a mail of the programme survey to %v", m.Rcpt)
				}
				continue
			}
			out = append(out, m)
		}
		return out
	}
	for deadline := time.Now().Add(time.Minute); len(offerMails()) == 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // a second mail, if any, has come by now
	mails := offerMails()
	if len(mails) != 1 {
		t.Fatalf("%d mails of the offer, want only the recipient's", len(mails))
	}
	m := mails[0]
	if to.Mail == nil || to.Mail.Email == "" || len(m.Rcpt) != 1 || !strings.EqualFold(m.Rcpt[0], to.Mail.Email) {
		t.Fatalf("mailed %v, want the recipient %s at %v", m.Rcpt, to.Name, to.Mail)
	}
	if !strings.Contains(m.Text, message) || !strings.Contains(m.Text, from.Name) || !strings.Contains(m.Text, "https://crosstalk.example.jp") {
		t.Fatalf("the mail does not give the offer's message, its sender and where to answer:\n%s", m.Text)
	}
}

// buildServer builds this command into the test's folder.
func buildServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "crosstalk-server")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// waitHealthy waits until the server at base answers its health check.
func waitHealthy(t *testing.T, base string, logs *lockedLog) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + wire.PathHealth)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %v\n%s", err, tail(logs.String(), 2000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// postJSON posts body to the server and decodes its 200 answer into out.
func postJSON(t *testing.T, base, path, token string, body, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(bufio.NewReader(resp.Body))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("%s: %s: %v", path, raw, err)
	}
}

func person(ds app.Dataset, id string) app.Participant {
	for _, p := range ds.Participants {
		if p.ID == id {
			return p
		}
	}
	return app.Participant{}
}

func pendingBetween(ds app.Dataset, a, b string) int {
	n := 0
	for _, o := range ds.Offers {
		if o.State == app.OfferPending && (o.FromID == a && o.ToID == b || o.FromID == b && o.ToID == a) {
			n++
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
