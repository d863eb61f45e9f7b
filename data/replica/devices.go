package replica

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// A person's devices (issue 14): the user bucket sends them, the replica
// keeps them in own_devices, and the app announces a device it has not
// seen before (app.MyDevices.Announced). Reading the notices is
// remembered in the connection's state, by the time the newest device
// read was added, so that a pull that sends the rows again (a reset)
// announces nothing twice; another person's connection forgets it.

// keyDevicesNoticed is the state key of app.MyDevices.NoticedUpTo, in
// Unix milliseconds.
const keyDevicesNoticed = "devices_noticed"

// writeDevices writes the person's devices as the server sent them.
func (t *writeTx) writeDevices(ctx context.Context, ds []app.DeviceInfo) error {
	return t.execEach(ctx, "device", `INSERT OR REPLACE INTO own_devices (id, name, created_at, revoked_at)
		VALUES (?, ?, ?, ?)`, len(ds), func(i int) []any {
		d := ds[i]
		return []any{d.ID, d.Name, codec.Millis(d.CreatedAt), codec.NullMillis(d.RevokedAt)}
	})
}

// execEach runs one statement n times, with args(i) the i-th time.
func (t *writeTx) execEach(ctx context.Context, what, query string, n int, args func(i int) []any) error {
	if n == 0 {
		return nil
	}
	stmt, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	defer stmt.Close()
	for i := range n {
		if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
			return fmt.Errorf("write %s %d: %w", what, i, err)
		}
	}
	return nil
}

// MyDevices reads what the replica knows of its person's devices, in one
// snapshot.
func (s *Store) MyDevices(ctx context.Context) (app.MyDevices, error) {
	var m app.MyDevices
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return m, fmt.Errorf("my devices: %w", err)
	}
	defer tx.Rollback()
	var noticed string
	if err := tx.QueryRowContext(ctx, `SELECT
		coalesce((SELECT value FROM sync_state WHERE key = 'device_id'), ''),
		coalesce((SELECT value FROM sync_state WHERE key = ?), '')`, keyDevicesNoticed).Scan(&m.This, &noticed); err != nil {
		return m, fmt.Errorf("my devices: %w", err)
	}
	if ms, err := strconv.ParseInt(noticed, 10, 64); err == nil {
		m.NoticedUpTo = codec.FromMillis(ms)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, created_at, revoked_at FROM own_devices ORDER BY created_at, id`)
	if err != nil {
		return m, fmt.Errorf("my devices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d app.DeviceInfo
		var created int64
		var revoked sql.NullInt64
		if err := rows.Scan(&d.ID, &d.Name, &created, &revoked); err != nil {
			return m, fmt.Errorf("my devices: %w", err)
		}
		d.CreatedAt, d.RevokedAt = codec.FromMillis(created), codec.FromNullMillis(revoked)
		m.Devices = append(m.Devices, d)
	}
	return m, rows.Err()
}

// DevicesNoticed records that the person has read the notices of the
// devices added up to upTo (never moving back).
func (s *Store) DevicesNoticed(ctx context.Context, upTo time.Time) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO sync_state (key, value) VALUES (?1, ?2)
			ON CONFLICT (key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
			keyDevicesNoticed, strconv.FormatInt(codec.Millis(upTo), 10))
		if err != nil {
			return fmt.Errorf("devices noticed: %w", err)
		}
		return nil
	})
}
