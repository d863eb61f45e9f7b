package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// TestPullAnswerIsMarshalsJSON checks that the pull answer a real server
// writes is, byte for byte, what json.Marshal writes for the same value,
// once the rows' data is HTML-escaped as json.Marshal does (SQLite does
// not): a profile's introduction has <, > and &.
func TestPullAnswerIsMarshalsJSON(t *testing.T) {
	e := newEnv(t, func(c *envConfig) {
		c.ds = dataset()
		for i := range c.ds.Participants {
			c.ds.Participants[i].Intro = "A&B <b>では</b>\u2028よろしく。"
		}
	})
	for _, role := range []app.Role{app.RoleSecretariat, app.RoleParticipant} {
		token := e.login(e.byRole(role).ID).Token
		status, body := e.call(http.MethodPost, wire.PathPull, token, wire.PullRequest{})
		if status != http.StatusOK {
			t.Fatalf("pull: %d %s", status, body)
		}
		var resp wire.PullResponse
		decode(t, body, &resp)
		rows := 0
		for _, b := range resp.Buckets {
			rows += len(b.Rows)
		}
		if rows == 0 {
			t.Fatalf("%s pulled no rows", role)
		}
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		got := bytes.TrimSuffix(body, []byte("\n"))
		if !bytes.Contains(got, []byte("A&B <b>")) {
			t.Fatalf("%s: no introduction with <, > and & in the answer", role)
		}
		var escaped bytes.Buffer
		json.HTMLEscape(&escaped, got)
		if !bytes.Equal(escaped.Bytes(), want) {
			t.Errorf("%s: the answer differs from json.Marshal's:\n got %.300s\nwant %.300s", role, got, want)
		}
	}
}

// TestAppendPullEdges checks the encoder on what a live server rarely
// sends: resets, deletions, no buckets, a row without data, and strings
// that JSON must escape.
func TestAppendPullEdges(t *testing.T) {
	at := time.Date(2026, 11, 24, 14, 0, 0, 123456789, time.FixedZone("JST", 9*3600))
	for _, resp := range []wire.PullResponse{
		{},
		{Epoch: "e1", Buckets: []wire.BucketPage{}},
		{Epoch: `a"b\c<d>&e` + "\u2028\x01é山", LastMutationID: -3, ServerTime: at, Buckets: []wire.BucketPage{
			{Bucket: "cohort:c1", Reset: true, Cursor: 0},
			{Bucket: "user:p\"1", Cursor: 42, More: true, Rows: []wire.Row{
				{Table: "participants", Version: 41, Data: json.RawMessage(`{"id":"p1","name":"山田"}`)},
				{Table: "t<1>", Version: 42},
				{Table: "talks", Version: 42, Data: json.RawMessage{}},
			}, Deletes: []wire.Delete{{Table: "bookmarks", Key: "p1/p2", Version: 40}}},
		}},
	} {
		got := appendPull(nil, resp)
		if !json.Valid(got) {
			t.Fatalf("appendPull wrote invalid JSON: %s", got)
		}
		for i := range resp.Buckets {
			for j, r := range resp.Buckets[i].Rows {
				if len(r.Data) == 0 {
					resp.Buckets[i].Rows[j].Data = nil // json.Marshal refuses an empty RawMessage
				}
			}
		}
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("appendPull:\n got %s\nwant %s", got, want)
		}
	}
}

// pullSize covers an answer of ordinary rows, with little to spare: the
// answer's buffer is not grown while it is written.
func TestPullSizeCoversTheAnswer(t *testing.T) {
	page := wire.BucketPage{Bucket: "cohort:0b6d1a52-5b43-4a0c-9f55-1a2b3c4d5e6f", Cursor: 123456, More: true}
	for i := range 1000 {
		page.Rows = append(page.Rows, wire.Row{Table: "participants", Version: int64(100000 + i),
			Data: json.RawMessage(`{"id":"` + strconv.Itoa(i) + `","name":"山田 花子","intro":"はじめまして。"}`)})
	}
	resp := wire.PullResponse{Epoch: "e1", LastMutationID: 12, ServerTime: time.Now(),
		Buckets: []wire.BucketPage{page, {Bucket: "user:p1", Cursor: 9}}}
	got, size := len(appendPull(nil, resp)), pullSize(resp)
	if size < got || size > got+got/10 {
		t.Errorf("pullSize %d for an answer of %d bytes", size, got)
	}
}
