package wire

// A person's devices (issue 14). Each device pulls the list of its
// person's devices in its own user bucket, as rows of table "devices"
// (app.DeviceInfo: id, name, when added and stopped; never a token), so
// that a new device is announced on the others. A pull gets them only
// when it asks with PathPull+"?"+PullWith+"="+WithDevices: an app older
// than them would refuse a table it does not know. (A server older than
// them ignores the query.)
const (
	PullWith    = "with"    // the query parameter of PathPull naming what else a client reads
	WithDevices = "devices" // the person's devices, in the user bucket
)

// PathDeviceRevoke stops one of the signed-in person's own other devices
// (POST RevokeDeviceRequest: RevokedResponse), such as one they do not
// recognise in the list. Any role may call it, for their own devices
// only: another person's device, or an unknown one, is refused with
// app.CodeNotAllowed (403), and the calling device itself with
// app.CodeSelf (422; signing out is for that), as an AdminError. The
// device's token stops working at once (401), and the person's devices
// pull it stopped.
const PathDeviceRevoke = "/v1/devices/revoke"
