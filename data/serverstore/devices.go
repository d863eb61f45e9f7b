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
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO devices (id, participant_id, token_hash, name, created_at)
			VALUES (?, ?, ?, ?, ?)`, deviceID, pid, tokenHash, deviceName, codec.Millis(now)); err != nil {
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
	return s.write(ctx, func(tx *writeTx) error {
		res, err := tx.tx.ExecContext(ctx, `UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`, codec.Millis(now), deviceID)
		if n, err := codec.RowsAffected(res, err); err != nil {
			return fmt.Errorf("revoke device %s: %w", deviceID, err)
		} else if n == 0 {
			return fmt.Errorf("revoke device %s: %w", deviceID, app.ErrNotFound)
		}
		return nil
	})
}

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
