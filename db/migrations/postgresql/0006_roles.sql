-- Ankylos schema, version 6, for PostgreSQL: who may do what, enforced by the server, so that a person
-- connecting with psql under their own account can do no more than in Ankylos (docs/roles.md).
--
-- Everyone signs in with their own login account. What an account may do comes from its membership in
-- the five group roles below, which are the server's (roles belong to a PostgreSQL cluster, not to one
-- database): an account that is a physician is one in every Ankylos database of that server it may
-- connect to. The tables, views, functions and triggers belong to the account that ran `ankylos-cli
-- init` (the database's owner, a service account that is nobody's sign-in): only it can alter or
-- disable a trigger, and clients have no UPDATE or DELETE on the audit trail.
--
--   administrator  accounts and roles (the functions below), settings, reference ranges, DXA devices;
--                  reads everything, enters no clinical data unless also given a clinical role
--   physician      every clinical entry and review; signs visits (0007)
--   nurse          patients, visits, labs, DXA, film dates; no readings
--   reader         film readings and sacroiliitis grades (and the film they read); reads the record
--   researcher     the views of schema `research` only: no names, clinic IDs or real dates; writes
--                  nothing but the audit row of an export
--
-- A later migration that adds a table grants it as this one does, and one that adds a column with a date or
-- an identity to a table below recreates its research view.

DO $$
DECLARE
    role text;
BEGIN
    FOREACH role IN ARRAY ARRAY['ankylos_administrator', 'ankylos_physician', 'ankylos_nurse',
                                'ankylos_reader', 'ankylos_researcher'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database's init made it at the same moment
            END;
        END IF;
    END LOOP;
END;
$$;

-- Nothing is anyone's by default; each role gets what it needs below.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;

GRANT SELECT ON ankylos_database, setting, reference_range, reader, dxa_device, device_lsc
    TO ankylos_administrator, ankylos_physician, ankylos_nurse, ankylos_reader, ankylos_researcher;
GRANT INSERT, UPDATE, DELETE ON setting, reference_range, dxa_device, device_lsc TO ankylos_administrator;
GRANT INSERT, UPDATE ON reader TO ankylos_administrator;
GRANT INSERT ON reader TO ankylos_physician, ankylos_reader;
GRANT INSERT ON dxa_device TO ankylos_physician, ankylos_nurse;

-- The record: read by every role but the researcher.
GRANT SELECT ON patient, patient_summary, visit, film, reading, site_score, sacroiliitis, bmd, lab_result,
                confirmation, audit_log
    TO ankylos_administrator, ankylos_physician, ankylos_nurse, ankylos_reader;
GRANT INSERT, UPDATE, DELETE ON patient, visit, bmd, lab_result, confirmation, film
    TO ankylos_physician, ankylos_nurse;
GRANT INSERT, UPDATE, DELETE ON reading, site_score, sacroiliitis TO ankylos_physician, ankylos_reader;
GRANT INSERT ON film TO ankylos_reader;
-- Derived from the record, rewritten with every write to it.
GRANT INSERT, UPDATE, DELETE ON patient_summary TO ankylos_physician, ankylos_nurse, ankylos_reader;

-- The audit trail: appended, never changed (the triggers of 0003 refuse it even to its owner). A
-- researcher's export is audited too: the researcher appends its row and reads only the chain's MACs.
GRANT INSERT ON audit_log
    TO ankylos_administrator, ankylos_physician, ankylos_nurse, ankylos_reader, ankylos_researcher;
GRANT SELECT (id, mac) ON audit_log TO ankylos_researcher;

-- A time a client writes (an audit row's, a signature's) is the server's: the start of the transaction,
-- as Ankylos reads it (Database::now), give or take the seconds a statement outside a transaction
-- takes; never a workstation's clock, which its user could set.
CREATE FUNCTION is_server_time(at text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
                THEN at::timestamp >= date_trunc('second', transaction_timestamp() AT TIME ZONE 'UTC') - interval '5 seconds'
                     AND at::timestamp <= clock_timestamp() AT TIME ZONE 'UTC'
                ELSE false END
$$;

-- Every audit row names the account that wrote it, as the server authenticated it: never a typed name,
-- and carries the server's time. Only the owner, carrying a whole trail over (`ankylos-cli migrate`),
-- writes rows of other accounts and times. A researcher writes the rows of exports only.
CREATE FUNCTION audit_log_by_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NEW;
    END IF;
    IF NEW.user_name IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION 'the audit trail records the account signed in (%), not "%"', session_user, NEW.user_name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT is_server_time(NEW.at) THEN
        RAISE EXCEPTION 'the audit trail records the server''s time, not "%"', NEW.at
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.action <> 'export' AND NOT (pg_has_role(session_user, 'ankylos_administrator', 'MEMBER')
                                       OR pg_has_role(session_user, 'ankylos_physician', 'MEMBER')
                                       OR pg_has_role(session_user, 'ankylos_nurse', 'MEMBER')
                                       OR pg_has_role(session_user, 'ankylos_reader', 'MEMBER')) THEN
        RAISE EXCEPTION 'the account % may write no audit row but an export''s', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_by_session_user BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_by_session_user();

-- The researcher's view of the record: the same tables and columns, with each patient's study ID in
-- place of the name and clinic ID, no free text, and every date of a patient moved by the same number
-- of days (1 to 180, either way, never 0): intervals and ages stay exact, no date stays real. The study
-- ID and the shift come from a key only the owner reads; the views read it with the owner's rights.
CREATE TABLE research_key (
    key text NOT NULL CHECK (length(key) >= 32)
);
INSERT INTO research_key (key) SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

CREATE VIEW research_patient_key AS
SELECT id AS patient_id,
       'S-' || upper(substr(encode(digest, 'hex'), 1, 12)) AS study_id,
       CASE WHEN n < 180 THEN n - 180 ELSE n - 179 END AS shift_days
FROM (SELECT p.id, h.digest, (get_byte(h.digest, 12) * 256 + get_byte(h.digest, 13)) % 360 AS n
      FROM patient p CROSS JOIN research_key k
      CROSS JOIN LATERAL (SELECT sha256(convert_to(k.key || ':' || p.id, 'UTF8')) AS digest) h) keyed;

CREATE FUNCTION shifted_date(day text, days integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(day::date + days, 'YYYY-MM-DD')
$$;
CREATE FUNCTION shifted_time(at text, days integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(at::timestamp + days * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

CREATE SCHEMA research;
GRANT USAGE ON SCHEMA research TO ankylos_researcher;

CREATE VIEW research.patient AS
SELECT p.id, k.study_id AS clinic_id, k.study_id AS name, p.sex,
       shifted_date(p.birth_date, k.shift_days) AS birth_date, p.hla_b27,
       shifted_date(p.symptom_onset, k.shift_days) AS symptom_onset,
       shifted_date(p.diagnosis_date, k.shift_days) AS diagnosis_date, p.smoking, ''::text AS notes,
       shifted_time(p.created_at, k.shift_days) AS created_at, shifted_time(p.updated_at, k.shift_days) AS updated_at
FROM patient p JOIN research_patient_key k ON k.patient_id = p.id;

CREATE VIEW research.patient_summary AS
SELECT s.patient_id, s.visit_count, s.film_count, shifted_date(s.last_visit, k.shift_days) AS last_visit,
       s.latest_msasss, shifted_date(s.latest_msasss_date, k.shift_days) AS latest_msasss_date,
       s.latest_asdas, s.latest_asdas_marker, s.latest_asdas_state,
       shifted_date(s.latest_asdas_date, k.shift_days) AS latest_asdas_date, s.progressor
FROM patient_summary s JOIN research_patient_key k ON k.patient_id = s.patient_id;

CREATE VIEW research.visit AS
SELECT v.id, v.patient_id, shifted_date(v.visit_date, k.shift_days) AS visit_date, v.postmenopausal,
       v.basdai_q1, v.basdai_q2, v.basdai_q3, v.basdai_q4, v.basdai_q5, v.basdai_q6, v.patient_global,
       v.basfi_q1, v.basfi_q2, v.basfi_q3, v.basfi_q4, v.basfi_q5, v.basfi_q6, v.basfi_q7, v.basfi_q8,
       v.basfi_q9, v.basfi_q10, v.basmi_lateral_flexion_left_cm, v.basmi_lateral_flexion_right_cm,
       v.basmi_tragus_wall_left_cm, v.basmi_tragus_wall_right_cm, v.basmi_schober_cm,
       v.basmi_intermalleolar_cm, v.basmi_cervical_rotation_left_deg, v.basmi_cervical_rotation_right_deg,
       ''::text AS notes
FROM visit v JOIN research_patient_key k ON k.patient_id = v.patient_id;

CREATE VIEW research.film AS
SELECT f.id, f.patient_id, shifted_date(f.film_date, k.shift_days) AS film_date, f.visit_id
FROM film f JOIN research_patient_key k ON k.patient_id = f.patient_id;

CREATE VIEW research.reading AS
SELECT r.id, r.film_id, r.reader_id, shifted_date(r.reading_date, k.shift_days) AS reading_date,
       r.chronology_known
FROM reading r JOIN film f ON f.id = r.film_id JOIN research_patient_key k ON k.patient_id = f.patient_id;

CREATE VIEW research.sacroiliitis AS
SELECT s.id, s.patient_id, shifted_date(s.film_date, k.shift_days) AS film_date, s.reader_id, s.left_grade,
       s.right_grade
FROM sacroiliitis s JOIN research_patient_key k ON k.patient_id = s.patient_id;

CREATE VIEW research.lab_result AS
SELECT l.id, l.visit_id, l.analyte, l.value, l.unit, l.below_lod, l.lod, l.assay, l.sample_type,
       l.laboratory, shifted_date(l.sample_date, k.shift_days) AS sample_date
FROM lab_result l JOIN visit v ON v.id = l.visit_id JOIN research_patient_key k ON k.patient_id = v.patient_id;

CREATE VIEW research.confirmation AS
SELECT c.id, c.visit_id, c.field, c.value, c.confirmed_by, shifted_time(c.confirmed_at, k.shift_days) AS confirmed_at
FROM confirmation c JOIN visit v ON v.id = c.visit_id JOIN research_patient_key k ON k.patient_id = v.patient_id;

GRANT SELECT ON ALL TABLES IN SCHEMA research TO ankylos_researcher;
-- Tables without identities or dates are read as they are.
GRANT SELECT ON site_score, bmd TO ankylos_researcher;

-- Accounts are managed by administrators through these functions, which run with the owner's rights
-- and can make nothing but login accounts holding Ankylos roles: an administrator gets no power over
-- the server's other roles. Passwords arrive as SCRAM verifiers (made by the client), never as text.
CREATE FUNCTION ankylos_require_account(account text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles r
                   WHERE r.rolname = account AND NOT r.rolsuper
                     AND EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                                 WHERE m.member = r.oid AND g.rolname IN (
                                     'ankylos_administrator', 'ankylos_physician', 'ankylos_nurse',
                                     'ankylos_reader', 'ankylos_researcher'))) THEN
        RAISE EXCEPTION 'there is no Ankylos account "%"', account USING ERRCODE = 'undefined_object';
    END IF;
END;
$$;

CREATE FUNCTION ankylos_set_roles(account text, roles text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    role text;
BEGIN
    IF cardinality(roles) IS NULL OR cardinality(roles) = 0 THEN
        RAISE EXCEPTION 'an account needs at least one role (to take every right away, disable it)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH role IN ARRAY roles LOOP
        IF role IS NULL OR role NOT IN ('administrator', 'physician', 'nurse', 'reader', 'researcher') THEN
            RAISE EXCEPTION 'role "%" is not an Ankylos role (administrator, physician, nurse, reader, researcher)',
                role USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    FOREACH role IN ARRAY ARRAY['administrator', 'physician', 'nurse', 'reader', 'researcher'] LOOP
        IF role = ANY (roles) THEN
            EXECUTE format('GRANT %I TO %I', 'ankylos_' || role, account);
        ELSIF pg_has_role(account, 'ankylos_' || role, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', 'ankylos_' || role, account);
        END IF;
    END LOOP;
    -- A researcher alone reads the research views in place of the tables, in psql as in Ankylos.
    IF roles = ARRAY['researcher'] THEN
        EXECUTE format('ALTER ROLE %I SET search_path = research, public', account);
    ELSE
        EXECUTE format('ALTER ROLE %I RESET search_path', account);
    END IF;
END;
$$;

CREATE FUNCTION ankylos_add_account(account text, verifier text, roles text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF account IS NULL OR account !~ '^[a-z][a-z0-9_.-]{0,62}$' THEN
        RAISE EXCEPTION 'an account name is a lower-case letter followed by up to 62 lower-case letters, '
                        'digits, "_", "." or "-", not "%"', account USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF account LIKE 'ankylos\_%' OR account LIKE 'pg\_%' THEN
        RAISE EXCEPTION 'the account name "%" is reserved', account USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = account) THEN
        RAISE EXCEPTION 'the server has an account "%" already', account USING ERRCODE = 'duplicate_object';
    END IF;
    IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'the password must arrive as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', account, verifier);
    PERFORM public.ankylos_set_roles(account, roles);
END;
$$;

CREATE FUNCTION ankylos_change_roles(account text, roles text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM public.ankylos_require_account(account);
    PERFORM public.ankylos_set_roles(account, roles);
END;
$$;

-- Disabling keeps the account, its roles and everything the trail says it did; it can no longer sign in.
CREATE FUNCTION ankylos_enable_account(account text, enabled boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM public.ankylos_require_account(account);
    IF NOT enabled AND account = session_user THEN
        RAISE EXCEPTION 'an administrator cannot disable their own account (%); another administrator can',
            account USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER ROLE %I %s', account, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
END;
$$;

CREATE FUNCTION ankylos_set_password(account text, verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM public.ankylos_require_account(account);
    IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'the password must arrive as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', account, verifier);
END;
$$;

-- The accounts holding Ankylos roles, for the administrator's list.
CREATE VIEW ankylos_account AS
SELECT r.rolname::text AS name, r.rolcanlogin AS enabled,
       array(SELECT substr(g.rolname, 9) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid AND g.rolname IN ('ankylos_administrator', 'ankylos_physician',
                   'ankylos_nurse', 'ankylos_reader', 'ankylos_researcher')
             ORDER BY g.rolname)::text[] AS roles
FROM pg_roles r
WHERE NOT r.rolsuper AND EXISTS (
    SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
    WHERE m.member = r.oid AND g.rolname IN ('ankylos_administrator', 'ankylos_physician', 'ankylos_nurse',
                                             'ankylos_reader', 'ankylos_researcher'));

REVOKE ALL ON FUNCTION ankylos_require_account(text), ankylos_set_roles(text, text[]),
    ankylos_add_account(text, text, text[]), ankylos_change_roles(text, text[]),
    ankylos_enable_account(text, boolean), ankylos_set_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ankylos_add_account(text, text, text[]), ankylos_change_roles(text, text[]),
    ankylos_enable_account(text, boolean), ankylos_set_password(text, text) TO ankylos_administrator;
GRANT SELECT ON ankylos_account TO ankylos_administrator;
