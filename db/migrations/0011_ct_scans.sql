-- Ankylos schema, version 11: low-dose CT scans of the spine and their CT Syndesmophyte Score readings
-- (docs/methods.md 12), records of their own beside the radiographs: a CTSS and an mSASSS are never
-- mixed. A scan has its date, the scanner and whether it covered the whole spine (C2 to S1); each
-- registered reader reads it once, grading 184 quadrants as films' readings grade 24 sites (film,
-- reading, site_score of 0001_initial.sql). The CHECKs mirror core's hard rules (core/ctss.h): grade
-- 0-3, or not assessable with its reason, never both; only the spec's quadrant IDs. Rules across rows
-- (one scan per date is the UNIQUE below; dates after today or before birth) are the program's.
-- Each write is audited under the table's name ('ct_scan', 'ct_reading'), as films' are. Readings of
-- CT scans are not signed (0007's signature names visits and film readings only).

CREATE TABLE ct_scan (
    id           INTEGER PRIMARY KEY,
    patient_id   INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    scan_date    TEXT NOT NULL CHECK (scan_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    device       TEXT NOT NULL DEFAULT '',
    whole_spine  INTEGER NOT NULL DEFAULT 1 CHECK (whole_spine IN (0, 1)),
    UNIQUE (patient_id, scan_date)
);

-- One reader's CTSS of one scan.
CREATE TABLE ct_reading (
    id                INTEGER PRIMARY KEY,
    ct_scan_id        INTEGER NOT NULL REFERENCES ct_scan (id) ON DELETE CASCADE,
    reader_id         INTEGER NOT NULL REFERENCES reader (id),
    reading_date      TEXT CHECK (reading_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    chronology_known  INTEGER NOT NULL DEFAULT 0 CHECK (chronology_known IN (0, 1)),
    UNIQUE (ct_scan_id, reader_id)
);

-- Grade 0-3, or not assessable with its reason (never both, never neither). A quadrant not scored has
-- no row. docs/methods.md 12.
CREATE TABLE ct_quadrant_score (
    ct_reading_id  INTEGER NOT NULL REFERENCES ct_reading (id) ON DELETE CASCADE,
    quadrant       TEXT NOT NULL CHECK (quadrant IN (
                    'C2_inf_ant', 'C2_inf_post', 'C2_inf_left', 'C2_inf_right', 'C3_sup_ant', 'C3_sup_post', 'C3_sup_left', 'C3_sup_right',
                    'C3_inf_ant', 'C3_inf_post', 'C3_inf_left', 'C3_inf_right', 'C4_sup_ant', 'C4_sup_post', 'C4_sup_left', 'C4_sup_right',
                    'C4_inf_ant', 'C4_inf_post', 'C4_inf_left', 'C4_inf_right', 'C5_sup_ant', 'C5_sup_post', 'C5_sup_left', 'C5_sup_right',
                    'C5_inf_ant', 'C5_inf_post', 'C5_inf_left', 'C5_inf_right', 'C6_sup_ant', 'C6_sup_post', 'C6_sup_left', 'C6_sup_right',
                    'C6_inf_ant', 'C6_inf_post', 'C6_inf_left', 'C6_inf_right', 'C7_sup_ant', 'C7_sup_post', 'C7_sup_left', 'C7_sup_right',
                    'C7_inf_ant', 'C7_inf_post', 'C7_inf_left', 'C7_inf_right', 'T1_sup_ant', 'T1_sup_post', 'T1_sup_left', 'T1_sup_right',
                    'T1_inf_ant', 'T1_inf_post', 'T1_inf_left', 'T1_inf_right', 'T2_sup_ant', 'T2_sup_post', 'T2_sup_left', 'T2_sup_right',
                    'T2_inf_ant', 'T2_inf_post', 'T2_inf_left', 'T2_inf_right', 'T3_sup_ant', 'T3_sup_post', 'T3_sup_left', 'T3_sup_right',
                    'T3_inf_ant', 'T3_inf_post', 'T3_inf_left', 'T3_inf_right', 'T4_sup_ant', 'T4_sup_post', 'T4_sup_left', 'T4_sup_right',
                    'T4_inf_ant', 'T4_inf_post', 'T4_inf_left', 'T4_inf_right', 'T5_sup_ant', 'T5_sup_post', 'T5_sup_left', 'T5_sup_right',
                    'T5_inf_ant', 'T5_inf_post', 'T5_inf_left', 'T5_inf_right', 'T6_sup_ant', 'T6_sup_post', 'T6_sup_left', 'T6_sup_right',
                    'T6_inf_ant', 'T6_inf_post', 'T6_inf_left', 'T6_inf_right', 'T7_sup_ant', 'T7_sup_post', 'T7_sup_left', 'T7_sup_right',
                    'T7_inf_ant', 'T7_inf_post', 'T7_inf_left', 'T7_inf_right', 'T8_sup_ant', 'T8_sup_post', 'T8_sup_left', 'T8_sup_right',
                    'T8_inf_ant', 'T8_inf_post', 'T8_inf_left', 'T8_inf_right', 'T9_sup_ant', 'T9_sup_post', 'T9_sup_left', 'T9_sup_right',
                    'T9_inf_ant', 'T9_inf_post', 'T9_inf_left', 'T9_inf_right', 'T10_sup_ant', 'T10_sup_post', 'T10_sup_left', 'T10_sup_right',
                    'T10_inf_ant', 'T10_inf_post', 'T10_inf_left', 'T10_inf_right', 'T11_sup_ant', 'T11_sup_post', 'T11_sup_left', 'T11_sup_right',
                    'T11_inf_ant', 'T11_inf_post', 'T11_inf_left', 'T11_inf_right', 'T12_sup_ant', 'T12_sup_post', 'T12_sup_left', 'T12_sup_right',
                    'T12_inf_ant', 'T12_inf_post', 'T12_inf_left', 'T12_inf_right', 'L1_sup_ant', 'L1_sup_post', 'L1_sup_left', 'L1_sup_right',
                    'L1_inf_ant', 'L1_inf_post', 'L1_inf_left', 'L1_inf_right', 'L2_sup_ant', 'L2_sup_post', 'L2_sup_left', 'L2_sup_right',
                    'L2_inf_ant', 'L2_inf_post', 'L2_inf_left', 'L2_inf_right', 'L3_sup_ant', 'L3_sup_post', 'L3_sup_left', 'L3_sup_right',
                    'L3_inf_ant', 'L3_inf_post', 'L3_inf_left', 'L3_inf_right', 'L4_sup_ant', 'L4_sup_post', 'L4_sup_left', 'L4_sup_right',
                    'L4_inf_ant', 'L4_inf_post', 'L4_inf_left', 'L4_inf_right', 'L5_sup_ant', 'L5_sup_post', 'L5_sup_left', 'L5_sup_right',
                    'L5_inf_ant', 'L5_inf_post', 'L5_inf_left', 'L5_inf_right', 'S1_sup_ant', 'S1_sup_post', 'S1_sup_left', 'S1_sup_right')),
    grade          INTEGER CHECK (grade BETWEEN 0 AND 3),
    na_reason      TEXT CHECK (na_reason IN ('not_visible', 'not_imaged', 'surgery_hardware', 'other')),
    CHECK ((grade IS NULL) <> (na_reason IS NULL)),
    PRIMARY KEY (ct_reading_id, quadrant)
) WITHOUT ROWID;
