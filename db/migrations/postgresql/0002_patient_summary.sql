-- Ankylos schema, version 2, for PostgreSQL (../0002_patient_summary.sql, whose header says what the
-- table is for): one row per patient with the figures the patient list shows and sorts by. Derived data
-- only, rewritten by the program in the same transaction as every write to the patient's records.

CREATE TABLE patient_summary (
    patient_id          bigint PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
    visit_count         bigint NOT NULL DEFAULT 0 CHECK (visit_count >= 0),
    film_count          bigint NOT NULL DEFAULT 0 CHECK (film_count >= 0),
    last_visit          text COLLATE "C",  -- date of the latest visit
    latest_msasss       double precision CHECK (latest_msasss BETWEEN 0 AND 72),  -- the latest film with a computable score
    latest_msasss_date  text COLLATE "C",
    latest_asdas        double precision CHECK (latest_asdas >= 0 AND latest_asdas <> 'NaN'),  -- the latest visit with a computable ASDAS (CRP, else ESR)
    latest_asdas_marker text COLLATE "C" CHECK (latest_asdas_marker IN ('crp', 'esr')),
    latest_asdas_state  text COLLATE "C" CHECK (latest_asdas_state IN ('inactive', 'low', 'high', 'very_high')),
    latest_asdas_date   text COLLATE "C",
    progressor          bigint CHECK (progressor IN (0, 1))  -- NULL: fewer than two films
);
-- Sorting the list by a column: the index gives the order, the primary key breaks ties. SQLite sorts
-- NULL first ascending and last descending; the list's queries say so (NULLS FIRST / NULLS LAST), and
-- these indexes keep NULLs first so that PostgreSQL reads that order from them, either way.
CREATE INDEX patient_summary_last_visit ON patient_summary (last_visit NULLS FIRST, patient_id);
CREATE INDEX patient_summary_msasss ON patient_summary (latest_msasss NULLS FIRST, patient_id);
CREATE INDEX patient_summary_asdas ON patient_summary (latest_asdas NULLS FIRST, patient_id);
CREATE INDEX patient_summary_progressor ON patient_summary (progressor NULLS FIRST, patient_id);
CREATE INDEX patient_birth ON patient (birth_date, id);
CREATE INDEX patient_symptom_onset ON patient (symptom_onset NULLS FIRST, id);
CREATE INDEX patient_sex ON patient (sex, id);
