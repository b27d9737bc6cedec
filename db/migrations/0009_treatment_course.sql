-- Ankylos schema, version 9: the treatment course (docs/methods.md 10) and the rest of the ASAS core set
-- recorded at a visit (docs/methods.md 9). Every new visit column is optional: NULL is "not recorded",
-- never 0. The CHECKs mirror core's hard rules (core/asas_core_set.h, core/treatment.h); the drug is
-- a catalogue ID (core/drug_catalogue.h), checked by the program, so that a drug added to the
-- catalogue needs no migration. Rules across rows (two episodes of one drug sharing a day, dates after
-- today or before birth) are the program's too. The new settings (treatment exposure, and those of the
-- CT Syndesmophyte Score, docs/methods.md 12) are written with their defaults; the migrating
-- transaction audits that change of configuration (storage/settings_store.h).

-- docs/methods.md 9: physician global NRS 0-10 in steps of 0.5; MASES 13 sites, each 0 or 1; the
-- 44-joint counts; dactylitis in digits; each manifestation's status and its last episode.
ALTER TABLE visit ADD COLUMN physician_global REAL CHECK (physician_global BETWEEN 0 AND 10 AND physician_global * 2 = round(physician_global * 2));
ALTER TABLE visit ADD COLUMN mases_costochondral_1_left INTEGER CHECK (mases_costochondral_1_left IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_costochondral_1_right INTEGER CHECK (mases_costochondral_1_right IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_costochondral_7_left INTEGER CHECK (mases_costochondral_7_left IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_costochondral_7_right INTEGER CHECK (mases_costochondral_7_right IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_psis_left INTEGER CHECK (mases_psis_left IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_psis_right INTEGER CHECK (mases_psis_right IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_asis_left INTEGER CHECK (mases_asis_left IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_asis_right INTEGER CHECK (mases_asis_right IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_iliac_crest_left INTEGER CHECK (mases_iliac_crest_left IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_iliac_crest_right INTEGER CHECK (mases_iliac_crest_right IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_l5_spinous_process INTEGER CHECK (mases_l5_spinous_process IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_achilles_left INTEGER CHECK (mases_achilles_left IN (0, 1));
ALTER TABLE visit ADD COLUMN mases_achilles_right INTEGER CHECK (mases_achilles_right IN (0, 1));
ALTER TABLE visit ADD COLUMN swollen_joint_count INTEGER CHECK (swollen_joint_count BETWEEN 0 AND 44);
ALTER TABLE visit ADD COLUMN tender_joint_count INTEGER CHECK (tender_joint_count BETWEEN 0 AND 44);
ALTER TABLE visit ADD COLUMN dactylitis_digits INTEGER CHECK (dactylitis_digits BETWEEN 0 AND 20);
ALTER TABLE visit ADD COLUMN uveitis TEXT CHECK (uveitis IN ('never', 'history', 'active'));
ALTER TABLE visit ADD COLUMN uveitis_last_episode TEXT CHECK (uveitis_last_episode IS NULL OR (uveitis_last_episode GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND uveitis IN ('history', 'active')));
ALTER TABLE visit ADD COLUMN psoriasis TEXT CHECK (psoriasis IN ('never', 'history', 'active'));
ALTER TABLE visit ADD COLUMN psoriasis_last_episode TEXT CHECK (psoriasis_last_episode IS NULL OR (psoriasis_last_episode GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND psoriasis IN ('history', 'active')));
ALTER TABLE visit ADD COLUMN ibd TEXT CHECK (ibd IN ('never', 'history', 'active'));
ALTER TABLE visit ADD COLUMN ibd_last_episode TEXT CHECK (ibd_last_episode IS NULL OR (ibd_last_episode GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND ibd IN ('history', 'active')));

-- docs/methods.md 10: one period on one drug; an empty stop date is an ongoing episode.
CREATE TABLE treatment_episode (
    id                  INTEGER PRIMARY KEY,
    patient_id          INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    drug                TEXT NOT NULL CHECK (length(drug) > 0),
    brand               TEXT NOT NULL DEFAULT '',
    start_date          TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    stop_date           TEXT CHECK (stop_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND stop_date >= start_date),
    dose_and_frequency  TEXT NOT NULL DEFAULT '',
    route               TEXT NOT NULL CHECK (route IN ('oral', 'subcutaneous', 'intravenous', 'intramuscular', 'other')),
    stop_reason         TEXT CHECK (stop_reason IS NULL OR (stop_date IS NOT NULL AND stop_reason IN (
                                        'inefficacy', 'adverse_event', 'remission', 'patient_choice', 'other')))
);
CREATE INDEX treatment_episode_patient ON treatment_episode (patient_id);

INSERT INTO setting (name, value) VALUES
    ('treatment.exposed_fraction', '0.5'),
    ('ctss.max_missing_fraction_per_segment', '0.25'),
    ('ctss.progression_units', '14.4'),
    ('ctss.progression_quadrants', '3');
