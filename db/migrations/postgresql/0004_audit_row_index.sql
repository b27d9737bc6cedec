-- Ankylos schema, version 4: the audit trail is looked up by record.
-- Saving a visit asks for the newest audit row of that visit (to refuse a save over another
-- workstation's change) and the patient's history view lists a record's rows; without an index both
-- read the whole trail, which grows with every save of every patient.

-- NULLS FIRST: ordered as SQLite orders them.
CREATE INDEX audit_log_row ON audit_log (table_name, row_id NULLS FIRST, id);
