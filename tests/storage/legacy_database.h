#pragma once
/// Test helper: databases as earlier versions of Ankylos wrote them, made from one written by this
/// version, so that migrations are tested on files with real data and a real audit trail.

#include <openssl/evp.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "storage/audit.h"
#include "storage/core_set_columns.h"
#include "storage/migrations.h"
#include "storage/search_key.h"
#include "storage/sql/sqlite_connection.h"

namespace ankylos::storage::test {

inline std::string legacySha256Hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    static const char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xF];
    }
    return hex;
}

/// Removes what schema version 13 added (reading sessions; the readings' session, role and blinding) and
/// records version 12: reading gets back 0001's table, with its rows and ids.
inline void undoVersionThirteen(sql::Connection& raw) {
    // Foreign keys off, outside a transaction: the rebuilt reading keeps site_score's rows.
    raw.exec("PRAGMA foreign_keys = OFF");
    raw.exec(
        "DROP TABLE reading_session_film; DROP TABLE reading_session_reader; DROP TABLE reading_session;");
    raw.exec("DROP VIEW signature_status");
    raw.exec(
        "CREATE TABLE reading_v12 (id INTEGER PRIMARY KEY, "
        "film_id INTEGER NOT NULL REFERENCES film (id) ON DELETE CASCADE, "
        "reader_id INTEGER NOT NULL REFERENCES reader (id), reading_date TEXT, "
        "chronology_known INTEGER NOT NULL DEFAULT 0 CHECK (chronology_known IN (0, 1)), "
        "UNIQUE (film_id, reader_id))");
    raw.exec(
        "INSERT INTO reading_v12 SELECT id, film_id, reader_id, reading_date, chronology_known FROM reading");
    raw.exec("DROP TABLE reading; ALTER TABLE reading_v12 RENAME TO reading");
    const std::string& signatures = migrations(sql::Engine::Sqlite)[6].sql;  // 0007 made the view
    raw.exec(signatures.substr(signatures.find("CREATE VIEW signature_status")));
    raw.exec("DELETE FROM setting WHERE name = 'reading.adjudicated_overrides'");
    raw.exec("PRAGMA foreign_keys = ON");
    raw.exec("PRAGMA user_version = 12");
}

/// Removes what schema versions 13 and 12 added (12: the images of films) and records version 11.
inline void undoVersionTwelve(sql::Connection& raw) {
    undoVersionThirteen(raw);
    raw.exec("DROP TABLE film_image");
    raw.exec("PRAGMA user_version = 11");
}

/// Removes what schema versions 12 and 11 added (11: CT scans and their readings) and records version
/// 10: a file as version 10 wrote it.
inline void undoVersionEleven(sql::Connection& raw) {
    undoVersionTwelve(raw);
    raw.exec("DROP TABLE ct_quadrant_score; DROP TABLE ct_reading; DROP TABLE ct_scan;");
    raw.exec("PRAGMA user_version = 10");
}

/// Removes what schema versions 11 and 10 added (10: the pinyin initials), writes every search key as version
/// 9 did (the folded clinic ID and name, without pinyin) and records version 9: a file as version 9 wrote it.
inline void undoVersionTen(sql::Connection& raw) {
    undoVersionEleven(raw);
    raw.exec("ALTER TABLE patient_summary DROP COLUMN search_initials");
    std::vector<std::pair<std::int64_t, std::string>> keys;
    {
        sql::Statement patients(raw, "SELECT id, clinic_id, name FROM patient");
        while (patients.executeStep())
            keys.emplace_back(patients.getColumn(0).getInt64(),
                              foldForSearch(patients.getColumn(1).getString()) + " " +
                                  foldForSearch(patients.getColumn(2).getString()));
    }
    sql::Statement write(raw, "UPDATE patient_summary SET search_key = ? WHERE patient_id = ?");
    for (const auto& [patientId, key] : keys) {
        write.reset();
        write.bind(1, key);
        write.bind(2, patientId);
        write.exec();
    }
    raw.exec("PRAGMA user_version = 9");
}

/// Removes what schema versions 11, 10 and 9 added (9: the treatment course, the visit's core-set columns,
/// the settings treatment.exposed_fraction and ctss.*) and records version 8: a file as version 8
/// wrote it.
inline void undoVersionNine(sql::Connection& raw) {
    undoVersionTen(raw);
    raw.exec("DROP TABLE treatment_episode");
    // Last first: a last-episode column's CHECK reads its status column.
    for (auto column = coreSetColumnNames().rbegin(); column != coreSetColumnNames().rend(); ++column)
        raw.exec("ALTER TABLE visit DROP COLUMN " + *column);
    raw.exec("DELETE FROM setting WHERE name = 'treatment.exposed_fraction' OR name LIKE 'ctss.%'");
    raw.exec("PRAGMA user_version = 8");
}

/// Turns file, written by this version, into what schema version `version` (1 or 2) wrote: the
/// audit trail of those versions (SHA-256 chained, without the keyed baseline row), and for version
/// 1 without the patient-list figures of 0002. The key and chain head files are removed.
inline void downgradeTo(const std::filesystem::path& file, int version) {
    sql::SqliteConnection raw(file, sql::SqliteConnection::Access::ReadWrite, 5000);
    // What later versions added (0013's reading sessions, 0012's images, 0011's CT scans, 0010's initials,
    // 0009's treatment course, core-set columns and settings; 0008's search key; 0007's signatures, whose
    // view reads the audit trail), first.
    undoVersionNine(raw);
    raw.exec("ALTER TABLE patient_summary DROP COLUMN search_key");
    raw.exec("DROP VIEW signature_status; DROP TABLE signature;");
    raw.exec("ALTER TABLE audit_log RENAME TO audit_keyed");
    raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    const std::string& initial = migrations(sql::Engine::Sqlite)[0].sql;
    raw.exec(initial.substr(initial.find("CREATE TABLE audit_log (")));
    // Inserts of those versions did not name the parent row (the baseline row of version 3 does).
    sql::Statement rows(
        raw,
        "SELECT id, at, user_name, table_name, row_id, action, coalesce(old_values, ''), "
        "CASE WHEN action = 'insert' THEN json_remove(new_values, '$.patient_id', '$.film_id') "
        "ELSE coalesce(new_values, '') END, reason FROM audit_keyed "
        "WHERE action <> 'baseline' ORDER BY id");
    sql::Statement insert(raw,
                          "INSERT INTO audit_log (id, at, user_name, table_name, row_id, action, old_values, "
                          "new_values, reason, prev_hash, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?)");
    std::string prev(64, '0');
    std::int64_t id = 0;
    while (rows.executeStep()) {
        AuditRow row = auditRowFrom(rows);
        row.id = ++id;  // without the baseline, ids run from 1 again
        const std::string hash = legacySha256Hex(macContent(row, prev));
        insert.reset();
        insert.bind(1, row.id);
        insert.bind(2, row.at);
        insert.bind(3, row.user);
        insert.bind(4, row.table);
        if (row.rowId)
            insert.bind(5, *row.rowId);
        else
            insert.bind(5);
        insert.bind(6, row.action);
        insert.bind(7, row.oldValues);
        insert.bind(8, row.newValues);
        insert.bind(9, row.reason);
        insert.bind(10, prev);
        insert.bind(11, hash);
        insert.exec();
        prev = hash;
    }
    raw.exec("DROP TABLE audit_keyed");
    if (version < 2) {
        for (const char* index : {"patient_birth", "patient_symptom_onset", "patient_sex"})
            raw.exec(std::string("DROP INDEX ") + index);
        raw.exec("DROP TABLE patient_summary");
    }
    raw.exec("PRAGMA user_version = " + std::to_string(version));
    for (const char* sidecar : {".key", ".head"})
        std::filesystem::remove(file.string() + sidecar);
}

}  // namespace ankylos::storage::test
