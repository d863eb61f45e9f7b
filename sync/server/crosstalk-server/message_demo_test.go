package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// The review's check of issue 19, as a test: the built server, started on
// the demo, takes a message.send.v1 that one demo participant (A, the
// demo's other side) pushes over HTTP into the thread of their offer to
// another (B, the demo user), and hands it to B's pull — and to A's own
// devices — and to no one else's: not a colleague of either, not HR, not
// the secretariat.
func TestDemoServerDeliversAMessageToTheOtherSideOnly(t *testing.T) {
	bin := buildServer(t)
	addr := freeAddr(t)
	var stdout, logs lockedLog
	cmd := exec.Command(bin, "-demo", "-db", filepath.Join(t.TempDir(), "server.db"), "-addr", addr, "-metrics-addr", "off")
	cmd.Env = append(os.Environ(), "CROSSTALK_SMTP_URL=", "CROSSTALK_MAIL_FROM=", "CROSSTALK_PUBLIC_URL=")
	cmd.Stdout, cmd.Stderr = &stdout, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	waitHealthy(t, base, &logs)

	code := func(label string) string {
		m := regexp.MustCompile(label + ` invite code: +(\S+)`).FindStringSubmatch(stdout.String())
		if m == nil {
			t.Fatalf("no %s invite code in %q", label, stdout.String())
		}
		return m[1]
	}
	redeem := func(c string) wire.RedeemResponse {
		var dev wire.RedeemResponse
		postJSON(t, base, wire.PathRedeem, "", wire.RedeemRequest{Code: c, DeviceName: "test"}, &dev)
		return dev
	}
	a, b := redeem(code("other side")), redeem(code("demo user"))
	hr, secretariat := redeem(code("HR")), redeem(code("secretariat"))

	// A's pending offer to B, and a colleague of each, from A's pull.
	rows := pullAll(t, base, a.Token)
	var offerID string
	for _, raw := range rows["offers"] {
		var o app.Offer
		mustDecode(t, raw, &o)
		if o.FromID == a.ParticipantID && o.ToID == b.ParticipantID && o.State == app.OfferPending {
			offerID = o.ID
		}
	}
	company := map[string]string{}
	for _, raw := range rows["participants"] {
		var p app.Participant
		mustDecode(t, raw, &p)
		if p.Role == app.RoleParticipant {
			company[p.ID] = p.CompanyID
		}
	}
	var colleagues []string
	for _, of := range []string{a.ParticipantID, b.ParticipantID} {
		for id, c := range company {
			if c == company[of] && c != "" && id != a.ParticipantID && id != b.ParticipantID {
				colleagues = append(colleagues, id)
				break
			}
		}
	}
	if offerID == "" || len(colleagues) != 2 {
		t.Fatalf("A's pull holds no pending offer to B (%q) or no colleague of each (%v)", offerID, colleagues)
	}
	var invited wire.InvitationsResponse
	postJSON(t, base, wire.PathAdminInvite, secretariat.Token,
		wire.InviteRequest{ParticipantIDs: colleagues, TTLSeconds: 3600}, &invited)
	readers := map[string]wire.RedeemResponse{"HR": hr, "the secretariat": secretariat}
	for _, inv := range invited.Invitations {
		if inv.Code != "" {
			readers["colleague "+inv.ParticipantID] = redeem(inv.Code)
		}
	}
	if len(readers) != 4 {
		t.Fatalf("invited %+v, want codes for both colleagues", invited)
	}

	// A sends the message over HTTP, as any client would.
	const text = "はじめまして。当日の URL です。\nhttps://meet.example.jp/4719"
	args, _ := json.Marshal(map[string]string{"id": uuid.NewString(), "offerId": offerID, "text": text})
	var pushed wire.PushResponse
	postJSON(t, base, wire.PathPush, a.Token, wire.PushRequest{Mutations: []wire.Mutation{
		{ID: 1, Name: app.MessageSend, Args: args, ClientTime: time.Now()}}}, &pushed)
	if len(pushed.Results) != 1 || pushed.Results[0].Code != "" {
		t.Fatalf("the message was not applied: %+v", pushed)
	}

	for who, dev := range map[string]wire.RedeemResponse{"B": b, "A": a} {
		got := pullAll(t, base, dev.Token)["messages"]
		if len(got) != 1 {
			t.Fatalf("%s pulled %d messages, want 1", who, len(got))
		}
		var m app.Message
		mustDecode(t, got[0], &m)
		if m.Text != text || m.AuthorID != a.ParticipantID || m.ToID != b.ParticipantID || m.ThreadID != offerID || m.Seq != 1 {
			t.Errorf("%s pulled %+v", who, m)
		}
	}
	for who, dev := range readers {
		for tbl, rs := range pullAll(t, base, dev.Token) {
			for _, r := range rs {
				if tbl == "messages" || tbl == "message_reads" || bytes.Contains(r, []byte("meet.example.jp/4719")) {
					t.Errorf("%s pulled a row of %s: %s", who, tbl, r)
				}
			}
		}
	}
}

// pullAll pulls every bucket the device may read from the start, and
// returns the rows by table.
func pullAll(t *testing.T, base, token string) map[string][]json.RawMessage {
	t.Helper()
	rows := map[string][]json.RawMessage{}
	var cursors []wire.Cursor
	for range 100 {
		var r wire.PullResponse
		postJSON(t, base, wire.PathPull, token, wire.PullRequest{Cursors: cursors}, &r)
		cursors = cursors[:0]
		for _, b := range r.Buckets {
			for _, row := range b.Rows {
				rows[row.Table] = append(rows[row.Table], row.Data)
			}
			cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
		}
		if r.Done() {
			return rows
		}
	}
	t.Fatal("the pull did not end in 100 pages")
	return nil
}

func mustDecode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
}
