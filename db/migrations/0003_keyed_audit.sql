-- Ankylos schema, version 3: the audit trail is chained with a keyed MAC instead of a plain hash.
-- mac = HMAC-SHA-256 over the row's content and prev_mac, with the database's own key, which is kept
-- outside the database file (clinic.db.key beside it, storage/audit_key.h). Without the key nobody can
-- write a row, or rewrite the history, so that `ankylos-cli check` accepts it.
--
-- The rows of version 2 (SHA-256 chained) move to audit_log_v2; the program verifies their chain,
-- copies them into the new table with their MACs, and drops audit_log_v2 in the same transaction
-- (storage/audit_migration.cpp). A 'baseline' row then records what the rows of earlier versions did
-- not: which patient each visit and film belongs to, which film each reading belongs to, the
-- settings in force, and any problem the version-2 chain had.

ALTER TABLE audit_log RENAME TO audit_log_v2;
DROP TRIGGER IF EXISTS audit_log_no_update;
DROP TRIGGER IF EXISTS audit_log_no_delete;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'export', 'import', 'baseline')),
    old_values  TEXT,
    new_values  TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    prev_mac    TEXT NOT NULL,
    mac         TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
