-- Ankylos schema, version 5, for PostgreSQL: every committed change is announced to the other
-- workstations, so their patient lists and open records refresh (storage/change_feed.h listens).
-- Every write appends an audit row in its own transaction, so a trigger on the audit trail covers them
-- all, and NOTIFY is delivered at commit only: a save that rolls back announces nothing. The payload
-- names the audit row's table and row and, where one lookup by key finds it, the patient (for a
-- deletion the audit row is written before the row goes). An export changes nothing and is not
-- announced; an import or a migration names no patient (everyone may have changed).

CREATE FUNCTION audit_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    patient bigint;
BEGIN
    patient := CASE NEW.table_name
        WHEN 'patient' THEN NEW.row_id
        WHEN 'visit' THEN (SELECT patient_id FROM visit WHERE id = NEW.row_id)
        WHEN 'film' THEN (SELECT patient_id FROM film WHERE id = NEW.row_id)
        WHEN 'sacroiliitis' THEN (SELECT patient_id FROM sacroiliitis WHERE id = NEW.row_id)
        WHEN 'reading' THEN (SELECT f.patient_id FROM reading r JOIN film f ON f.id = r.film_id
                             WHERE r.id = NEW.row_id)
    END;
    PERFORM pg_notify('ankylos_change',
                      json_build_object('table', NEW.table_name, 'row', NEW.row_id, 'patient', patient)::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
    FOR EACH ROW WHEN (NEW.action <> 'export') EXECUTE FUNCTION audit_log_notify();
