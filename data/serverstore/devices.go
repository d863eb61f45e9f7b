package serverstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Device is a signed-in copy of the app, as the server knows it.
type Device struct {
	ID             string
	Participant    app.Participant
	Name           string
	LastMutationID int64
	Revoked        bool
}

// Actor is who the device acts as.
func (d Device) Actor() app.Actor {
	return app.Actor{ParticipantID: d.Participant.ID, CompanyID: d.Participant.CompanyID, Role: d.Participant.Role}
}

// ErrInvalidCode is returned for an invite code that is unknown, used,
// revoked or expired: the server tells them apart only in its logs.
var ErrInvalidCode = errors.New("invalid invite code")

// CreateInvite records a single-use invite code (by its hash) for a
// participant, valid until expires.
func (s *Store) CreateInvite(ctx context.Context, codeHash, participantID string, now, expires time.Time) error {
	return s.write(ctx, func(tx *writeTx) error { return tx.createInvite(ctx, codeHash, participantID, now, expires) })
}

func (t *writeTx) createInvite(ctx context.Context, codeHash, participantID string, now, expires time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO invites (code_hash, participant_id, created_at, expires_at)
		VALUES (?, ?, ?, ?)`, codeHash, participantID, codec.Millis(now), codec.Millis(expires))
	if err != nil {
		return fmt.Errorf("create invite for %s: %w", participantID, err)
	}
	return nil
}

// Redeem uses up the invite code with hash codeHash and registers a new
// device with the token hash, in one transaction. A code that is not
// usable at now gives ErrInvalidCode and changes nothing.
func (s *Store) Redeem(ctx context.Context, codeHash, deviceID, tokenHash, deviceName string, now time.Time) (Device, error) {
	var d Device
	err := s.write(ctx, func(tx *writeTx) error {
		var pid string
		err := tx.tx.QueryRowContext(ctx, `SELECT participant_id FROM invites
			WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
			codeHash, codec.Millis(now)).Scan(&pid)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrInvalidCode
		}
		if err != nil {
			return fmt.Errorf("redeem: %w", err)
		}
		if _, err := tx.tx.ExecContext(ctx, `UPDATE invites SET used_at = ?, device_id = ? WHERE code_hash = ?`,
			codec.Millis(now), deviceID, codeHash); err != nil {
			return fmt.Errorf("redeem: %w", err)
		}
		// At this transaction's version: the person's other devices pull
		// it in their user bucket and announce it (srcDevicesUser).
		if _, err := tx.Exec(ctx, `INSERT INTO devices (id, participant_id, token_hash, name, created_at, version)
			VALUES (?, ?, ?, ?, ?, :v)`, deviceID, pid, tokenHash, deviceName, codec.Millis(now)); err != nil {
			return fmt.Errorf("redeem: %w", err)
		}
		if err := tx.signedIn(ctx, pid, now); err != nil {
			return err
		}
		d.ID, d.Name = deviceID, deviceName
		d.Participant, err = codec.Participant(ctx, tx.tx, pid)
		return err
	})
	return d, err
}

// DeviceByToken finds the device whose token hashes to tokenHash. A
// revoked device is returned with Revoked set; an unknown one gives
// app.ErrNotFound.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash string) (Device, error) {
	var d Device
	var pid string
	var revoked sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT id, participant_id, name, last_mutation_id, revoked_at
		FROM devices WHERE token_hash = ?`, tokenHash).Scan(&d.ID, &pid, &d.Name, &d.LastMutationID, &revoked)
	if err != nil {
		return d, codec.NotFound(err, "device")
	}
	d.Revoked = revoked.Valid
	d.Participant, err = codec.Participant(ctx, s.r, pid)
	return d, err
}

// RevokeDevice stops a device's token from working.
func (s *Store) RevokeDevice(ctx context.Context, deviceID string, now time.Time) error {
	return s.revokeDevice(ctx, deviceID, "", now)
}

// RevokeOwnDevice stops the token of the device deviceID of the person
// participantID, and of no one else's: another person's device, like an
// unknown one, gives an error wrapping app.ErrNotFound and changes
// nothing.
func (s *Store) RevokeOwnDevice(ctx context.Context, participantID, deviceID string, now time.Time) error {
	if participantID == "" {
		return fmt.Errorf("revoke device %s: no person: %w", deviceID, app.ErrNotFound)
	}
	return s.revokeDevice(ctx, deviceID, participantID, now)
}

// revokeDevice stops a device's token, of the person participantID
// only when not "". The row takes the transaction's version, so that the
// person's devices show it stopped.
func (s *Store) revokeDevice(ctx context.Context, deviceID, participantID string, now time.Time) error {
	return s.write(ctx, func(tx *writeTx) error {
		res, err := tx.Exec(ctx, `UPDATE devices SET revoked_at = coalesce(revoked_at, ?1), version = :v
			WHERE id = ?2 AND (?3 = '' OR participant_id = ?3)`, codec.Millis(now), deviceID, participantID)
		if n, err := codec.RowsAffected(res, err); err != nil {
			return fmt.Errorf("revoke device %s: %w", deviceID, err)
		} else if n == 0 {
			return fmt.Errorf("revoke device %s: %w", deviceID, app.ErrNotFound)
		}
		return nil
	})
}

// srcDevicesUser is the person's devices in their own user bucket (issue
// 14): id, name, when added and stopped, never the token's hash. A device
// takes the version of the transaction that redeemed its code or stopped
// it, so the person's other devices pull it then and announce a new one.
// It is in no other bucket.
var srcDevicesUser = source{table: "devices", from: `FROM devices d WHERE d.participant_id = ?1`, ev: `d.version`,
	cols: `d.id, d.name, d.created_at, d.revoked_at`, scan: func(sc codec.Scanner) (any, error) {
		var d app.DeviceInfo
		var created int64
		var revoked sql.NullInt64
		err := sc.Scan(&d.ID, &d.Name, &created, &revoked)
		d.CreatedAt, d.RevokedAt = codec.FromMillis(created), codec.FromNullMillis(revoked)
		return d, err
	}}

// CohortIDs lists every cohort, for the secretariat's buckets.
func (s *Store) CohortIDs(ctx context.Context) ([]string, error) {
	var ids []string
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM cohorts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("cohorts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
