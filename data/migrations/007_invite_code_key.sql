-- Invite codes under a keyed hash (issue 14): the server stores
-- HMAC-SHA256(secret, SHA-256(code)), with a secret kept in a file outside
-- the database, so that a copy of the database alone does not give the
-- codes not yet redeemed by brute force. Codes stored before are the plain
-- SHA-256: keyed = 0 marks them, and the server rehashes them under its
-- secret when it starts (serverstore.UseCodeKey); every code stored after
-- is keyed (the column's default).
ALTER TABLE invites ADD COLUMN keyed INTEGER NOT NULL DEFAULT 1;
UPDATE invites SET keyed = 0;

-- A check of the secret the codes are hashed with (an HMAC of a constant,
-- which tells nothing of the secret), 0 until a server records one: a
-- server started with another secret, or none, says so instead of
-- refusing every code without a word.
INSERT INTO meta (key, value) VALUES ('code_key_check', 0);
