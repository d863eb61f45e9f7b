-- Exactly-once processing checks a replayed mutation id (issue 14): the
-- server keeps, with each processed mutation's result, the SHA-256 of its
-- name and arguments (serverstore.mutationHash). A replay with the same
-- hash is the same mutation and gets the stored result; another hash is
-- another mutation under a used id, and is refused. Results stored before
-- this migration have no hash (NULL): they cannot be checked, like pruned
-- ones.
ALTER TABLE mutation_results ADD COLUMN args_hash BLOB;

-- The sweep drops results older than the retention (serverstore.PruneResults:
-- device by device, along the primary key, so that no index slows the
-- pushes), and keeps in results_pruned_before the latest cut-off it used
-- (Unix milliseconds): every pruned result was processed before it.
INSERT INTO meta (key, value) VALUES ('results_pruned_before', 0);
