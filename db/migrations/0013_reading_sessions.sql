-- Ankylos schema, version 13: reading sessions (docs/methods.md 11). A central reading coordinator
-- groups films into a session, names its readers with their role (primary, adjudicator, consensus) and
-- its blinding: whether the readers see who the patient is, and the chronology (films in known order;
-- in an order hidden from the reader, shuffled with the session's seed; or paired by patient with the
-- order hidden). Each reading now records how it was made: its session (none for a clinic reading),
-- its role, whether the reader saw the patient's identity and whether the films were shown paired by
-- patient; chronology_known stays as it was.
--
-- A reader reads a film once outside sessions, and once in each session: the one-reading-per-reader
-- rule of 0001 becomes two partial unique indexes. SQLite cannot drop a table's UNIQUE, so reading is
-- rebuilt, and site_score with it (its foreign key names reading), both keeping their rows and ids;
-- signature_status (0007), which reads reading, is dropped first and made again as it was.

CREATE TABLE reading_session (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_on       TEXT NOT NULL CHECK (created_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    identity_hidden  INTEGER NOT NULL DEFAULT 1 CHECK (identity_hidden IN (0, 1)),
    chronology       TEXT NOT NULL CHECK (chronology IN ('known', 'unknown', 'paired_hidden')),
    seed             INTEGER NOT NULL
);

-- The session's readers, each with one role in it.
CREATE TABLE reading_session_reader (
    session_id  INTEGER NOT NULL REFERENCES reading_session (id) ON DELETE CASCADE,
    reader_id   INTEGER NOT NULL REFERENCES reader (id),
    role        TEXT NOT NULL CHECK (role IN ('primary', 'adjudicator', 'consensus')),
    PRIMARY KEY (session_id, reader_id)
) WITHOUT ROWID;

-- The session's films. Deleting a film takes it out of its sessions (its readings go with the film).
CREATE TABLE reading_session_film (
    session_id  INTEGER NOT NULL REFERENCES reading_session (id) ON DELETE CASCADE,
    film_id     INTEGER NOT NULL REFERENCES film (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, film_id)
) WITHOUT ROWID;

DROP VIEW signature_status;

CREATE TABLE reading_v13 (
    id                 INTEGER PRIMARY KEY,
    film_id            INTEGER NOT NULL REFERENCES film (id) ON DELETE CASCADE,
    reader_id          INTEGER NOT NULL REFERENCES reader (id),
    reading_date       TEXT,
    chronology_known   INTEGER NOT NULL DEFAULT 0 CHECK (chronology_known IN (0, 1)),
    session_id         INTEGER REFERENCES reading_session (id),
    role               TEXT NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'adjudicator', 'consensus')),
    identity_seen      INTEGER NOT NULL DEFAULT 1 CHECK (identity_seen IN (0, 1)),
    paired_by_patient  INTEGER NOT NULL DEFAULT 0 CHECK (paired_by_patient IN (0, 1))
);
INSERT INTO reading_v13 (id, film_id, reader_id, reading_date, chronology_known)
SELECT id, film_id, reader_id, reading_date, chronology_known FROM reading;

CREATE TABLE site_score_v13 (
    reading_id  INTEGER NOT NULL REFERENCES reading_v13 (id) ON DELETE CASCADE,
    site        TEXT NOT NULL CHECK (site IN (
                    'C2_inf', 'C3_sup', 'C3_inf', 'C4_sup', 'C4_inf', 'C5_sup', 'C5_inf', 'C6_sup',
                    'C6_inf', 'C7_sup', 'C7_inf', 'T1_sup', 'T12_inf', 'L1_sup', 'L1_inf', 'L2_sup',
                    'L2_inf', 'L3_sup', 'L3_inf', 'L4_sup', 'L4_inf', 'L5_sup', 'L5_inf', 'S1_sup')),
    grade       INTEGER CHECK (grade BETWEEN 0 AND 3),
    na_reason   TEXT CHECK (na_reason IN ('not_visible', 'not_imaged', 'surgery_hardware', 'other')),
    CHECK ((grade IS NULL) <> (na_reason IS NULL)),
    PRIMARY KEY (reading_id, site)
) WITHOUT ROWID;
INSERT INTO site_score_v13 SELECT reading_id, site, grade, na_reason FROM site_score;

-- Nothing refers to the old tables any more: dropping them deletes no other row.
DROP TABLE site_score;
DROP TABLE reading;
ALTER TABLE reading_v13 RENAME TO reading;
ALTER TABLE site_score_v13 RENAME TO site_score;

CREATE UNIQUE INDEX reading_once_outside_sessions ON reading (film_id, reader_id) WHERE session_id IS NULL;
CREATE UNIQUE INDEX reading_once_per_session ON reading (session_id, film_id, reader_id)
    WHERE session_id IS NOT NULL;

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

-- An adjudicated interval is scored from the adjudicator's or consensus readings alone (methods 11).
INSERT INTO setting (name, value) VALUES ('reading.adjudicated_overrides', 'true');
