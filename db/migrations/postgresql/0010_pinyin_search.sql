-- Ankylos schema, version 10, for PostgreSQL (../0010_pinyin_search.sql says what the initials are). A
-- researcher searches by study ID only: the research view has no initials to match.

ALTER TABLE patient_summary ADD COLUMN search_initials text COLLATE "C" NOT NULL DEFAULT '';

CREATE OR REPLACE VIEW research.patient_summary AS
SELECT s.patient_id, s.visit_count, s.film_count, shifted_date(s.last_visit, k.shift_days) AS last_visit,
       s.latest_msasss, shifted_date(s.latest_msasss_date, k.shift_days) AS latest_msasss_date,
       s.latest_asdas, s.latest_asdas_marker, s.latest_asdas_state,
       shifted_date(s.latest_asdas_date, k.shift_days) AS latest_asdas_date, s.progressor,
       lower(k.study_id) AS search_key, ''::text COLLATE "C" AS search_initials
FROM patient_summary s JOIN research_patient_key k ON k.patient_id = s.patient_id;

-- The list's figures are computed with the settings, so an administrator's change of a setting
-- rewrites every patient's row (storage/settings_store.h): the administrator writes them too.
GRANT INSERT, UPDATE, DELETE ON patient_summary TO ankylos_administrator;
