package app

import (
	"slices"
	"testing"
	"time"
)

func TestMyDevicesAnnounced(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2026, 12, day, 10, 0, 0, 0, Tokyo) }
	stopped := at(6)
	devs := []DeviceInfo{
		{ID: "old", CreatedAt: at(1)},
		{ID: "me", CreatedAt: at(2)},
		{ID: "stopped", CreatedAt: at(3), RevokedAt: &stopped},
		{ID: "new", CreatedAt: at(5)},
	}
	ids := func(ds []DeviceInfo) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		m    MyDevices
		want []string
	}{
		{"the devices added after this one, stopped or not, and the one before it", MyDevices{This: "me", Devices: devs}, []string{"old", "stopped", "new"}},
		{"after the notices read", MyDevices{This: "me", Devices: devs, NoticedUpTo: at(3)}, []string{"new"}},
		{"all read", MyDevices{This: "me", Devices: devs, NoticedUpTo: at(5)}, nil},
		// HR redeemed the first code itself ("old"): the person's device
		// ("new") learns of every older device that still works, once.
		{"the newest device, of the older ones that work", MyDevices{This: "new", Devices: devs}, []string{"old", "me"}},
		{"the newest device, once read", MyDevices{This: "new", Devices: devs, NoticedUpTo: at(2)}, nil},
		{"before this device's own row came", MyDevices{This: "unknown", Devices: devs}, nil},
		{"before any row came", MyDevices{This: "me"}, nil},
	} {
		if got := ids(c.m.Announced()); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
