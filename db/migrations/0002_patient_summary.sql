-- Ankylos schema, version 2: one row per patient with the figures the patient list shows and sorts
-- by, so that a clinic of 20,000 patients lists and sorts instantly. Derived data only: every value
-- is computed by the clinical core from the stored inputs (storage/patient_summary.cpp) and
-- rewritten in the same transaction as every write to the patient's visits, films or readings.
-- This migration creates the table empty; the program fills it for the existing patients in the
-- migrating transaction (storage/database.cpp).

CREATE TABLE patient_summary (
    patient_id          INTEGER PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
    visit_count         INTEGER NOT NULL DEFAULT 0 CHECK (visit_count >= 0),
    film_count          INTEGER NOT NULL DEFAULT 0 CHECK (film_count >= 0),
    last_visit          TEXT,  -- date of the latest visit
    latest_msasss       REAL CHECK (latest_msasss BETWEEN 0 AND 72),  -- the latest film with a computable score
    latest_msasss_date  TEXT,
    latest_asdas        REAL CHECK (latest_asdas >= 0),  -- the latest visit with a computable ASDAS (CRP, else ESR)
    latest_asdas_marker TEXT CHECK (latest_asdas_marker IN ('crp', 'esr')),
    latest_asdas_state  TEXT CHECK (latest_asdas_state IN ('inactive', 'low', 'high', 'very_high')),
    latest_asdas_date   TEXT,
    progressor          INTEGER CHECK (progressor IN (0, 1))  -- NULL: fewer than two films
);
-- Sorting the list by a column: the index gives the order, the primary key breaks ties.
CREATE INDEX patient_summary_last_visit ON patient_summary (last_visit, patient_id);
CREATE INDEX patient_summary_msasss ON patient_summary (latest_msasss, patient_id);
CREATE INDEX patient_summary_asdas ON patient_summary (latest_asdas, patient_id);
CREATE INDEX patient_summary_progressor ON patient_summary (progressor, patient_id);
CREATE INDEX patient_birth ON patient (birth_date, id);
CREATE INDEX patient_symptom_onset ON patient (symptom_onset, id);
CREATE INDEX patient_sex ON patient (sex, id);
