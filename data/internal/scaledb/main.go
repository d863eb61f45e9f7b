// Command scaledb writes a replica file holding the scale consortium, as
// if a participant's app had synced it, for the start-up benchmark
// (.ci/startup-bench): the app opens it straight into its main window.
//
//	go run ./data/internal/scaledb -n 10000 -o ~/.config/fyne/jp.crosstalk.app/crosstalk.db
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data/replica"
)

func main() {
	n := flag.Int("n", 10000, "participants")
	out := flag.String("o", "crosstalk.db", "the replica file to write (replaced)")
	flag.Parse()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(*out + suffix); err != nil && !os.IsNotExist(err) {
			log.Fatal(err)
		}
	}
	ctx := context.Background()
	st, err := replica.Open(ctx, *out)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	d := demo.Scale(*n, time.Now())
	if err := st.Import(ctx, d); err != nil {
		log.Fatal(err)
	}
	var me app.Participant
	for _, p := range d.Participants {
		if p.Role == app.RoleParticipant && p.Visible {
			me = p
			break
		}
	}
	// A server that is not there: the app starts offline, as it must be
	// able to.
	err = st.SetState(ctx, map[string]string{
		"server": "http://127.0.0.1:9", "token": "offline", "device_id": "bench",
		"participant_id": me.ID, "company_id": me.CompanyID, "role": string(me.Role),
	})
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d participants, %d offers, %d talks; signed in as %s", *out, len(d.Participants), len(d.Offers), len(d.Talks), me.Name)
}
