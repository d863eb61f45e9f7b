package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/app/filecopy"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/server"
	"crosstalk/sync/wire"
)

// live is a server over a database file, behind httptest.
type live struct {
	t   *testing.T
	st  *serverstore.Store
	srv *server.Server
	ts  *httptest.Server
}

func startLive(t *testing.T, db string) *live {
	t.Helper()
	st, err := serverstore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	l := &live{t: t, st: st, srv: server.New(st, server.Options{PokeWait: time.Second, Logger: slog.New(slog.DiscardHandler)})}
	l.ts = httptest.NewServer(l.srv.Handler())
	t.Cleanup(l.stop)
	return l
}

func (l *live) stop() {
	if l.ts != nil {
		l.srv.Close()
		l.ts.Close()
		l.st.Close()
		l.ts = nil
	}
}

func (l *live) post(path, token string, body, out any) {
	l.t.Helper()
	if status, raw := l.postStatus(path, token, body, out); status != http.StatusOK {
		l.t.Fatalf("%s: %d %s", path, status, raw)
	}
}

// postStatus posts body as JSON and decodes the answer into out, whatever
// its status, which it returns with the answer.
func (l *live) postStatus(path, token string, body, out any) (int, string) {
	l.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, l.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, out); err != nil {
		l.t.Fatalf("%s: %d %s: %v", path, resp.StatusCode, raw, err)
	}
	return resp.StatusCode, string(raw)
}

// replica is what a client knows: its cursors and the bookmarks it holds.
type replica struct {
	epoch     string
	cursors   map[string]int64
	bookmarks map[string]bool // owner/target
	resets    int
}

// sync pulls until done, applying pages as a client does: a reset drops
// what the bucket had.
func (l *live) sync(token string, r *replica) {
	l.t.Helper()
	for range 100 {
		var req wire.PullRequest
		for b, v := range r.cursors {
			req.Cursors = append(req.Cursors, wire.Cursor{Bucket: b, Epoch: r.epoch, Version: v})
		}
		var resp wire.PullResponse
		l.post(wire.PathPull, token, req, &resp)
		r.epoch = resp.Epoch
		for _, p := range resp.Buckets {
			if p.Reset {
				r.resets++
				r.bookmarks = map[string]bool{} // the client drops its synced rows
			}
		}
		for _, p := range resp.Buckets {
			for _, row := range p.Rows {
				if row.Table == "bookmarks" {
					var bm struct {
						OwnerID  string `json:"ownerId"`
						TargetID string `json:"targetId"`
					}
					json.Unmarshal(row.Data, &bm)
					r.bookmarks[bm.OwnerID+"/"+bm.TargetID] = true
				}
			}
			for _, d := range p.Deletes {
				if d.Table == "bookmarks" {
					delete(r.bookmarks, d.Key)
				}
			}
			r.cursors[p.Bucket] = p.Cursor
		}
		if resp.Done() {
			return
		}
	}
	l.t.Fatal("pull did not end")
}

func bookmark(id int64, target string) wire.Mutation {
	return wire.Mutation{ID: id, Name: app.BookmarkSet, Args: app.Args(app.SetBookmarkArgs{ParticipantID: target, On: true}), ClientTime: time.Now()}
}

// A backup taken while the server runs opens as a whole database; after
// a restore from it, a device's next pull is a reset, after which it
// holds what the restored server has (not the bookmark made after the
// backup), and its next change goes through.
func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	l := startLive(t, db)
	inv, err := server.SeedDemo(ctx, l.st, l.srv)
	if err != nil {
		t.Fatal(err)
	}
	var dev wire.RedeemResponse
	l.post(wire.PathRedeem, "", wire.RedeemRequest{Code: inv.Code, DeviceName: "test"}, &dev)
	r := &replica{cursors: map[string]int64{}, bookmarks: map[string]bool{}}
	l.sync(dev.Token, r)
	ds := demo.Demo(time.Now())
	mine := ""
	for _, p := range ds.Participants {
		if p.ID == demo.DemoUser {
			mine = p.CompanyID
		}
	}
	var targets []string
	for _, p := range ds.Participants {
		if p.CompanyID != mine && p.Role == app.RoleParticipant && !r.bookmarks[demo.DemoUser+"/"+p.ID] && len(targets) < 2 {
			targets = append(targets, p.ID)
		}
	}
	var push wire.PushResponse
	l.post(wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{bookmark(1, targets[0])}}, &push)
	if push.Results[0].Code != "" {
		t.Fatalf("bookmark refused: %s", push.Results[0].Code)
	}
	l.sync(dev.Token, r)
	before := demo.DemoUser + "/" + targets[0]
	if !r.bookmarks[before] {
		t.Fatalf("the first bookmark was not pulled: %v", r.bookmarks)
	}

	// The nightly backup, while the server runs, into a folder.
	backups := filepath.Join(dir, "backups")
	os.Mkdir(backups, 0o700)
	copyPath, err := backup(ctx, db, backups, 14, time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(backups, "crosstalk-server-20261201T030000Z.db"); copyPath != want {
		t.Fatalf("copy at %s, want %s", copyPath, want)
	}
	if schema, err := checkCopy(ctx, copyPath); err != nil || schema != data.SchemaVersion() {
		t.Fatalf("the copy: schema %d, %v", schema, err)
	}
	// The copy opens as a database with the data.
	probe := filepath.Join(dir, "probe.db")
	if err := filecopy.Copy(copyPath, probe); err != nil {
		t.Fatal(err)
	}
	if ps, err := serverstore.Open(ctx, probe); err != nil {
		t.Fatal(err)
	} else {
		ids, err := ps.CohortIDs(ctx)
		ps.Close()
		if err != nil || len(ids) == 0 {
			t.Fatalf("the copy has no cohorts: %v %v", ids, err)
		}
	}

	// After the backup: a second bookmark, pulled.
	l.post(wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{bookmark(2, targets[1])}}, &push)
	l.sync(dev.Token, r)
	after := demo.DemoUser + "/" + targets[1]
	if !r.bookmarks[after] {
		t.Fatal("the second bookmark was not pulled")
	}

	// A restore refuses while the server runs.
	lock, err := lockDB(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := restore(ctx, db, copyPath, time.Now()); err == nil || !strings.Contains(err.Error(), "running") {
		t.Fatalf("restore while serving: %v", err)
	}
	lock.Unlock()

	// The disk fails; the server is stopped and restored from the copy.
	l.stop()
	oldEpoch := r.epoch
	aside, err := restore(ctx, db, copyPath, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(aside); err != nil || !strings.Contains(aside, ".before-restore-20261201T090000Z") {
		t.Fatalf("the replaced file was not kept: %q %v", aside, err)
	}
	l2 := startLive(t, db)
	resetsBefore := r.resets
	l2.sync(dev.Token, r)
	if r.resets == resetsBefore || r.epoch == oldEpoch {
		t.Fatalf("no reset after the restore (epoch %s → %s)", oldEpoch, r.epoch)
	}
	if !r.bookmarks[before] || r.bookmarks[after] {
		t.Fatalf("after the reset the device holds %v: want the restored server's rows only", r.bookmarks)
	}
	// No reset loop, and the device's next change goes through. The
	// device numbers it 3, after its 2 that the restore lost: the server
	// answers 409 expecting 2, and the change goes as 2 (what the app
	// does, sync/client).
	resetsBefore = r.resets
	l2.sync(dev.Token, r)
	if r.resets != resetsBefore {
		t.Fatal("reset again")
	}
	var conflict wire.PushConflict
	status, raw := l2.postStatus(wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{bookmark(3, targets[1])}}, &conflict)
	if status != http.StatusConflict || conflict.ExpectedID != 2 {
		t.Fatalf("push of 3 after the restore: %d %s, want 409 expecting 2", status, raw)
	}
	l2.post(wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{bookmark(conflict.ExpectedID, targets[1])}}, &push)
	if len(push.Results) != 1 || push.Results[0].Code != "" {
		t.Fatalf("push after the restore: %+v", push)
	}
	l2.sync(dev.Token, r)
	if !r.bookmarks[after] {
		t.Fatal("the change after the restore did not arrive")
	}
}

// Into a folder, only the newest copies are kept; a damaged source or a
// non-database is refused.
func TestBackupKeepsTheNewest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	st, err := serverstore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	day := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	for i := range 4 {
		if _, err := backup(ctx, db, dir, 2, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := filepath.Glob(filepath.Join(dir, "crosstalk-server-*.db"))
	if len(got) != 2 || !strings.HasSuffix(got[0], "20261203T030000Z.db") || !strings.HasSuffix(got[1], "20261204T030000Z.db") {
		t.Fatalf("kept %v", got)
	}
	if _, err := backup(ctx, db, got[0], 2, day); err == nil {
		t.Error("overwrote an existing copy")
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	if _, err := restore(ctx, db, junk, day); err == nil {
		t.Error("restored from a file that is not a database")
	}
	if _, err := os.Stat(db); err != nil {
		t.Error("a refused restore moved the database")
	}
}
