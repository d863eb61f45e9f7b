-- A person's devices in their own user bucket (issue 14), so that every
-- new device is announced on their other devices: the server's devices
-- get a version, as every synced row has, and a replica keeps the rows it
-- pulls in own_devices. A row tells a device's id, name, and when it was
-- added and stopped; never its token's hash. (As in migration 002, each
-- side leaves the other's table empty: a replica's devices, the server's
-- own_devices.)

ALTER TABLE devices ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX devices_participant_version ON devices (participant_id, version);

-- The devices there are take a version above every cursor handed out,
-- so that each of them reaches its person's devices at their next pull.
UPDATE meta SET value = value + 1 WHERE key = 'version';
UPDATE devices SET version = (SELECT value FROM meta WHERE key = 'version');

-- Client: the signed-in person's devices, as the user bucket sends them.
CREATE TABLE own_devices (
	id         TEXT PRIMARY KEY CHECK (id <> ''),
	name       TEXT NOT NULL,
	created_at INTEGER NOT NULL CHECK (created_at > 0),
	revoked_at INTEGER CHECK (revoked_at >= created_at)
) STRICT;

-- Client: a replica that pulled its user bucket before this migration
-- pulls it again from the start, devices and all (its app did not ask
-- for them, and its cursor may have passed them).
DELETE FROM cursors WHERE bucket LIKE 'user:%';
