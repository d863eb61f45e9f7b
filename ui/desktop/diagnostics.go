package desktop

import (
	"context"
	"os"
	"runtime"

	"crosstalk/app/applog"
	"crosstalk/data"
)

// diagnostics is what support needs to help: versions, system, sync
// state and the last errors; nothing personal (see applog.Report).
func (d *desktop) diagnostics() string {
	st := d.client.Status()
	home, _ := os.UserHomeDir()
	var refused []string
	for _, r := range st.Rejections {
		refused = append(refused, string(r.Code))
	}
	server, _ := d.store.State(context.Background(), "server")
	return applog.Report{
		Version: d.version, Build: d.build, OS: runtime.GOOS, Arch: runtime.GOARCH, Go: runtime.Version(),
		Schema: data.SchemaVersion(), Server: server, Demo: d.demo != nil,
		Online: st.Online, Pending: st.Pending, LastSync: st.LastSync, LastSyncError: st.LastError, Refused: refused,
		LogFile: applog.Path(d.dir), Home: home, Errors: d.logs.Recent(),
	}.String()
}
