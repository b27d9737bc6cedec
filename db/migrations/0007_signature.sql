-- Ankylos schema, version 7: electronic signatures. A physician signs a visit and a reader (or a
-- physician) signs a reading (storage/signatures.h, docs/roles.md): who, when, and what the signature
-- means. A signature covers one version of the record, the id of the record's newest audit row when it
-- was signed; the trail keeps that version's content. A change after signing needs a reason, as every
-- change does, and leaves the signature behind on the earlier version: the new version needs a new one.
-- Signatures are never changed or removed (the triggers below), and each has its own audit row.
--
-- method: how the signer was identified. 'password': the server checked the password typed again at
-- signing; 'name': a database file, which has no passwords, recorded the name of its user.

CREATE TABLE signature (
    id          INTEGER PRIMARY KEY,
    table_name  TEXT NOT NULL CHECK (table_name IN ('visit', 'reading')),
    row_id      INTEGER NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    signer      TEXT NOT NULL CHECK (length(signer) > 0),
    signed_at   TEXT NOT NULL,
    meaning     TEXT NOT NULL CHECK (meaning IN ('reviewed and approved')),
    method      TEXT NOT NULL CHECK (method IN ('password', 'name')),
    UNIQUE (table_name, row_id, version)
);

CREATE TRIGGER signature_no_update BEFORE UPDATE ON signature
BEGIN
    SELECT RAISE(ABORT, 'a signature is never changed');
END;
CREATE TRIGGER signature_no_delete BEFORE DELETE ON signature
BEGIN
    SELECT RAISE(ABORT, 'a signature is never removed');
END;

-- Each signature with its patient, the record's date (the visit's or the film's), a reading's reader,
-- and whether it still covers the record as it is (current = 1) or the record changed after signing.
-- A signature of a record since deleted has no patient and is left out (the trail keeps it).
CREATE VIEW signature_status AS
SELECT s.id, coalesce(v.patient_id, f.patient_id) AS patient_id, s.table_name, s.row_id,
       coalesce(v.visit_date, f.film_date) AS record_date, coalesce(rd.name, '') AS reader, s.signer,
       s.signed_at, s.meaning, s.method,
       CASE WHEN s.version = (SELECT max(a.id) FROM audit_log a
                              WHERE a.table_name = s.table_name AND a.row_id = s.row_id) THEN 1 ELSE 0 END AS current
FROM signature s
LEFT JOIN visit v ON s.table_name = 'visit' AND v.id = s.row_id
LEFT JOIN reading r ON s.table_name = 'reading' AND r.id = s.row_id
LEFT JOIN film f ON f.id = r.film_id
LEFT JOIN reader rd ON rd.id = r.reader_id
WHERE v.id IS NOT NULL OR r.id IS NOT NULL;
