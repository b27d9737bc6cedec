-- Ankylos schema, version 1. Forward-only: never edit once on main; add 0002_....sql instead.
-- CHECK constraints mirror the clinical core's hard ranges (docs/methods.md), so that even a
-- write from outside the application cannot store an impossible value. Inputs are stored; scores
-- are recomputed by the core. Dates are ISO 8601 text (YYYY-MM-DD); times are UTC ISO 8601.

CREATE TABLE app_user (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    role        TEXT NOT NULL DEFAULT 'clinician' CHECK (role IN ('clinician', 'nurse', 'reader', 'researcher', 'admin'))
);

CREATE TABLE reader (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    role        TEXT NOT NULL DEFAULT 'reader'
);

-- The spec's named settings with their defaults (docs/methods.md; core/settings.h).
CREATE TABLE setting (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
INSERT INTO setting (name, value) VALUES
    ('msasss.max_missing_per_segment', '3'),
    ('progression.count_bridging_as_new_syndesmophyte', 'false'),
    ('progression.event_reader_rule', 'all_agree'),
    ('progression.standard_interval_max_years', '2.5'),
    ('progression.min_change_units', '2'),
    ('progression.min_rate_per_year', '1'),
    ('progression.recommended_min_interval_years', '1.5'),
    ('asdas.coefficients', 'asas_2dp');

CREATE TABLE patient (
    id              INTEGER PRIMARY KEY,
    clinic_id       TEXT NOT NULL UNIQUE CHECK (length(clinic_id) > 0),
    name            TEXT NOT NULL CHECK (length(name) > 0),
    sex             TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    birth_date      TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    hla_b27         TEXT NOT NULL DEFAULT 'unknown' CHECK (hla_b27 IN ('positive', 'negative', 'unknown')),
    symptom_onset   TEXT CHECK (symptom_onset >= birth_date),
    diagnosis_date  TEXT CHECK (diagnosis_date >= birth_date),
    smoking         TEXT NOT NULL DEFAULT 'unknown' CHECK (smoking IN ('never', 'former', 'current', 'unknown')),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- Name-prefix search (clinic_id has its UNIQUE index). NOCASE so "wang" finds "Wang".
CREATE INDEX patient_name ON patient (name COLLATE NOCASE);

CREATE TABLE visit (
    id              INTEGER PRIMARY KEY,
    patient_id      INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    visit_date      TEXT NOT NULL CHECK (visit_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    postmenopausal  INTEGER CHECK (postmenopausal IN (0, 1)),
    basdai_q1       REAL CHECK (basdai_q1 BETWEEN 0 AND 10),
    basdai_q2       REAL CHECK (basdai_q2 BETWEEN 0 AND 10),
    basdai_q3       REAL CHECK (basdai_q3 BETWEEN 0 AND 10),
    basdai_q4       REAL CHECK (basdai_q4 BETWEEN 0 AND 10),
    basdai_q5       REAL CHECK (basdai_q5 BETWEEN 0 AND 10),
    basdai_q6       REAL CHECK (basdai_q6 BETWEEN 0 AND 10),
    patient_global  REAL CHECK (patient_global BETWEEN 0 AND 10),
    basfi_q1        REAL CHECK (basfi_q1 BETWEEN 0 AND 10),
    basfi_q2        REAL CHECK (basfi_q2 BETWEEN 0 AND 10),
    basfi_q3        REAL CHECK (basfi_q3 BETWEEN 0 AND 10),
    basfi_q4        REAL CHECK (basfi_q4 BETWEEN 0 AND 10),
    basfi_q5        REAL CHECK (basfi_q5 BETWEEN 0 AND 10),
    basfi_q6        REAL CHECK (basfi_q6 BETWEEN 0 AND 10),
    basfi_q7        REAL CHECK (basfi_q7 BETWEEN 0 AND 10),
    basfi_q8        REAL CHECK (basfi_q8 BETWEEN 0 AND 10),
    basfi_q9        REAL CHECK (basfi_q9 BETWEEN 0 AND 10),
    basfi_q10       REAL CHECK (basfi_q10 BETWEEN 0 AND 10),
    basmi_lateral_flexion_left_cm   REAL CHECK (basmi_lateral_flexion_left_cm >= 0),
    basmi_lateral_flexion_right_cm  REAL CHECK (basmi_lateral_flexion_right_cm >= 0),
    basmi_tragus_wall_left_cm       REAL CHECK (basmi_tragus_wall_left_cm >= 0),
    basmi_tragus_wall_right_cm      REAL CHECK (basmi_tragus_wall_right_cm >= 0),
    basmi_schober_cm                REAL CHECK (basmi_schober_cm >= 0),
    basmi_intermalleolar_cm         REAL CHECK (basmi_intermalleolar_cm >= 0),
    basmi_cervical_rotation_left_deg  REAL CHECK (basmi_cervical_rotation_left_deg >= 0),
    basmi_cervical_rotation_right_deg REAL CHECK (basmi_cervical_rotation_right_deg >= 0),
    notes           TEXT NOT NULL DEFAULT '',
    UNIQUE (patient_id, visit_date)
);

-- A lateral spine radiograph (cervical + lumbar views of one date).
CREATE TABLE film (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    film_date   TEXT NOT NULL CHECK (film_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    visit_id    INTEGER REFERENCES visit (id) ON DELETE SET NULL,
    UNIQUE (patient_id, film_date)
);

-- One reader's scores of one film.
CREATE TABLE reading (
    id                INTEGER PRIMARY KEY,
    film_id           INTEGER NOT NULL REFERENCES film (id) ON DELETE CASCADE,
    reader_id         INTEGER NOT NULL REFERENCES reader (id),
    reading_date      TEXT,
    chronology_known  INTEGER NOT NULL DEFAULT 0 CHECK (chronology_known IN (0, 1)),
    UNIQUE (film_id, reader_id)
);

-- Grade 0-3, or not assessable with its reason (never both, never neither). docs/methods.md 1.2.
CREATE TABLE site_score (
    reading_id  INTEGER NOT NULL REFERENCES reading (id) ON DELETE CASCADE,
    site        TEXT NOT NULL CHECK (site IN (
                    'C2_inf', 'C3_sup', 'C3_inf', 'C4_sup', 'C4_inf', 'C5_sup', 'C5_inf', 'C6_sup',
                    'C6_inf', 'C7_sup', 'C7_inf', 'T1_sup', 'T12_inf', 'L1_sup', 'L1_inf', 'L2_sup',
                    'L2_inf', 'L3_sup', 'L3_inf', 'L4_sup', 'L4_inf', 'L5_sup', 'L5_inf', 'S1_sup')),
    grade       INTEGER CHECK (grade BETWEEN 0 AND 3),
    na_reason   TEXT CHECK (na_reason IN ('not_visible', 'not_imaged', 'surgery_hardware', 'other')),
    CHECK ((grade IS NULL) <> (na_reason IS NULL)),
    PRIMARY KEY (reading_id, site)
) WITHOUT ROWID;

-- Sacroiliitis grades of one pelvic film by one reader. docs/methods.md 7.
CREATE TABLE sacroiliitis (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    film_date   TEXT NOT NULL,
    reader_id   INTEGER NOT NULL REFERENCES reader (id),
    left_grade  INTEGER NOT NULL CHECK (left_grade BETWEEN 0 AND 4),
    right_grade INTEGER NOT NULL CHECK (right_grade BETWEEN 0 AND 4),
    UNIQUE (patient_id, film_date, reader_id)
);

CREATE TABLE dxa_device (
    id            INTEGER PRIMARY KEY,
    manufacturer  TEXT NOT NULL,
    model         TEXT NOT NULL,
    UNIQUE (manufacturer, model)
);

-- Least significant change per device and site, g/cm2 (LSC = 2.77 x precision error).
CREATE TABLE device_lsc (
    device_id   INTEGER NOT NULL REFERENCES dxa_device (id) ON DELETE CASCADE,
    site        TEXT NOT NULL CHECK (site IN ('lumbar', 'femoral_neck', 'total_hip', 'radius_33')),
    lsc_g_cm2   REAL NOT NULL CHECK (lsc_g_cm2 > 0),
    PRIMARY KEY (device_id, site)
);

-- DXA per site. docs/methods.md 5.
CREATE TABLE bmd (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    site        TEXT NOT NULL CHECK (site IN ('lumbar', 'femoral_neck', 'total_hip', 'radius_33')),
    bmd_g_cm2   REAL NOT NULL CHECK (bmd_g_cm2 BETWEEN 0.2 AND 2.5),
    t_score     REAL CHECK (t_score BETWEEN -8 AND 8),
    z_score     REAL CHECK (z_score BETWEEN -8 AND 8),
    device_id   INTEGER REFERENCES dxa_device (id),
    vertebrae   TEXT NOT NULL DEFAULT '',  -- lumbar: e.g. 'L1-L4' or 'L1,L2,L4'
    UNIQUE (visit_id, site)
);

-- Laboratory values and biomarkers as entered (value in its unit). docs/methods.md 6: hard
-- ranges in the entered unit, converted from the canonical unit.
CREATE TABLE lab_result (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    analyte         TEXT NOT NULL CHECK (analyte IN ('CRP', 'ESR', 'MMP-3', 'DKK-1', 'sclerostin')),
    value           REAL NOT NULL CHECK (value >= 0),
    unit            TEXT NOT NULL,
    below_lod       INTEGER NOT NULL DEFAULT 0 CHECK (below_lod IN (0, 1)),
    lod             REAL CHECK (lod >= 0),
    assay           TEXT NOT NULL DEFAULT '',
    sample_type     TEXT CHECK (sample_type IN ('serum', 'plasma')),
    laboratory      TEXT NOT NULL DEFAULT '',
    sample_date     TEXT NOT NULL CHECK (sample_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK (
        (analyte = 'CRP' AND ((unit = 'mg/L' AND value <= 500) OR (unit = 'mg/dL' AND value <= 50))) OR
        (analyte = 'ESR' AND unit = 'mm/h' AND value <= 200) OR
        (analyte = 'MMP-3' AND unit IN ('ng/mL', 'ug/L', 'µg/L') AND value <= 5000) OR
        (analyte = 'DKK-1' AND ((unit = 'pg/mL' AND value <= 50000) OR (unit = 'ng/mL' AND value <= 50))) OR
        (analyte = 'sclerostin' AND ((unit = 'pmol/L' AND value <= 1000) OR (unit = 'ng/mL' AND value <= 1000 / 44.4)
                                     OR (unit = 'pg/mL' AND value <= 1000 / 0.0444)))
    )
);
CREATE INDEX lab_result_visit ON lab_result (visit_id);

-- Reference ranges by analyte, sex and assay, canonical unit (docs/methods.md 6 defaults).
CREATE TABLE reference_range (
    id        INTEGER PRIMARY KEY,
    analyte   TEXT NOT NULL CHECK (analyte IN ('CRP', 'ESR', 'MMP-3', 'DKK-1', 'sclerostin')),
    sex       TEXT CHECK (sex IN ('M', 'F')),
    assay     TEXT NOT NULL DEFAULT '',
    rule      TEXT NOT NULL DEFAULT 'fixed' CHECK (rule IN ('fixed', 'esr_age')),
    lower     REAL,
    upper     REAL,
    UNIQUE (analyte, sex, assay)
);
INSERT INTO reference_range (analyte, sex, assay, rule, lower, upper) VALUES
    ('MMP-3', 'M', '', 'fixed', 36.9, 121.0),
    ('MMP-3', 'F', '', 'fixed', 17.3, 59.7),
    ('CRP', NULL, '', 'fixed', NULL, 5),
    ('ESR', NULL, '', 'esr_age', NULL, NULL);

-- Soft-limit confirmations (docs/methods.md 8: the confirmation is recorded).
CREATE TABLE confirmation (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL
);

-- Append-only, hash-chained audit trail. hash = SHA-256 over this row's content and prev_hash.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'export', 'import')),
    old_values  TEXT,
    new_values  TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
