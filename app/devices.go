package app

import (
	"slices"
	"time"
)

// MyDevices is what a device knows of its person's devices (issue 14):
// every device the person signed in on, as the server last sent them in
// the person's own bucket, which of them is this one, and up to when the
// person has read the notices of new ones. The server sends each device's
// id, name and when it was added and stopped, never its token.
type MyDevices struct {
	This    string       // this device's id
	Devices []DeviceInfo // oldest first
	// NoticedUpTo is when the newest device whose notice the person has
	// read was added; zero when none.
	NoticedUpTo time.Time
}

// Current is this device as the server sent it; false until it has.
func (m MyDevices) Current() (DeviceInfo, bool) {
	i := slices.IndexFunc(m.Devices, func(d DeviceInfo) bool { return d.ID == m.This })
	if i < 0 {
		return DeviceInfo{}, false
	}
	return m.Devices[i], true
}

// Announced lists the devices to announce on this one, oldest first, of
// those added after the notices already read: the person's other devices
// added after this one was, stopped since or not (someone signed in as the
// person), and those added before it that still work. A device that was
// there before this one is told once too, for whoever added it: HR who
// redeemed an employee's first code itself holds an older device than the
// employee's, and the employee must learn of it. Nothing is announced
// before the server has sent this device's own row.
func (m MyDevices) Announced() []DeviceInfo {
	cur, ok := m.Current()
	if !ok {
		return nil
	}
	var out []DeviceInfo
	for _, d := range m.Devices {
		if d.ID == m.This || !d.CreatedAt.After(m.NoticedUpTo) {
			continue
		}
		if d.CreatedAt.After(cur.CreatedAt) || d.RevokedAt == nil {
			out = append(out, d)
		}
	}
	return out
}
