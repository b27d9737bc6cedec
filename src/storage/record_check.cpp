#include "storage/record_check.h"

#include "storage/sql/connection.h"

#include <map>
#include <optional>
#include <utility>

#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/database.h"
#include "storage/film_image_repository.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/settings_store.h"

namespace ankylos::storage {

namespace {

using nlohmann::json;
using RowKey = std::pair<std::string, std::int64_t>;  ///< table, row id

/// The column of a row's image that names its parent row, or nullptr for a patient.
const char* parentField(const std::string& table) {
    if (table == "visit" || table == "film" || table == "sacroiliitis" || table == "treatment_episode" ||
        table == "ct_scan")
        return "patient_id";
    if (table == "reading" || table == "film_image")
        return "film_id";
    if (table == "ct_reading")
        return "ct_scan_id";
    return nullptr;
}

bool isRecordTable(const std::string& table) {
    return table == "patient" || parentField(table) != nullptr;
}

/// What the trail says a row holds.
struct AuditedRow {
    std::string image;                   ///< its values, JSON without the parent link
    std::optional<std::int64_t> parent;  ///< the parent row, when the trail says it
    std::int64_t auditRow = 0;           ///< the last audit row that wrote it
};

/// Splits the parent link off a row image written by the trail.
std::optional<std::int64_t> takeParent(const std::string& table, json& image) {
    const char* field = parentField(table);
    if (!field || !image.contains(field))
        return std::nullopt;
    const std::optional<std::int64_t> parent = image[field].get<std::int64_t>();
    image.erase(field);
    return parent;
}

std::string shown(const json& value) {
    return value.is_null() ? std::string("empty") : value.dump();
}

/// Each field where stored and audited differ, as "field: stored X, audited Y".
void describeDifferences(const json& stored, const json& audited, const std::string& path,
                         std::vector<std::string>& out) {
    if (stored.is_object() && audited.is_object()) {
        std::map<std::string, bool> keys;
        for (const auto& item : stored.items())
            keys[item.key()] = true;
        for (const auto& item : audited.items())
            keys[item.key()] = true;
        for (const auto& [key, unused] : keys)
            describeDifferences(stored.value(key, json()), audited.value(key, json()),
                                path.empty() ? key : path + "." + key, out);
    } else if (stored.is_array() && audited.is_array() && stored.size() == audited.size()) {
        for (std::size_t i = 0; i < stored.size(); ++i)
            describeDifferences(stored[i], audited[i], path + "[" + std::to_string(i) + "]", out);
    } else if (stored != audited) {
        out.push_back(path + ": stored " + shown(stored) + ", audited " + shown(audited));
    }
}

/// The clinical rows as the audit trail says they are, replayed row by row.
class Replay {
public:
    void apply(const AuditRow& row) {
        if (row.action == "baseline")
            return applyBaseline(row);
        if (row.table == kConfigurationTable)
            return applyConfigurationChange(row);
        if (!isRecordTable(row.table) || !row.rowId)
            return;  // imports and exports: their rows are audited one by one
        const RowKey key{row.table, *row.rowId};
        if (row.action == "insert") {
            json image = json::parse(row.newValues);
            const auto parent = takeParent(row.table, image);
            m_rows[key] = {image.dump(), parent, row.id};
        } else if (row.action == "update") {
            applyUpdate(key, row);
        } else if (row.action == "delete") {
            remove(key);
            removeUnlinkedChildren(key.first, json::parse(row.oldValues));
        }
    }

    std::map<RowKey, AuditedRow>& rows() { return m_rows; }
    const json& configuration() const { return m_configuration; }
    std::vector<std::string>& problems() { return m_problems; }

private:
    void applyUpdate(const RowKey& key, const AuditRow& row) {
        AuditedRow& audited = m_rows[key];
        json image = audited.image.empty() ? json::object() : json::parse(audited.image);
        json old = json::parse(row.oldValues);
        takeParent(key.first, old);
        // What the update found is what an earlier row wrote, unless someone changed it in between.
        if (!audited.image.empty() && old.dump() != audited.image) {
            std::vector<std::string> fields;
            describeDifferences(old, image, "", fields);
            for (const std::string& field : fields)
                m_problems.push_back(key.first + " row " + std::to_string(key.second) + ": audit trail row " +
                                     std::to_string(row.id) +
                                     " changed a row that had been altered outside Ankylos before: " + field);
        }
        json changes = json::parse(row.newValues);
        if (const auto parent = takeParent(key.first, changes))
            audited.parent = parent;
        image.update(changes);
        audited.image = image.dump();
        audited.auditRow = row.id;
    }

    /// Deleting a patient deletes its visits, films, pelvic films and CT scans; deleting a film or a CT
    /// scan, its readings.
    void remove(const RowKey& key) {
        m_rows.erase(key);
        const char* childOf = key.first == "patient"   ? "patient_id"
                              : key.first == "film"    ? "film_id"
                              : key.first == "ct_scan" ? "ct_scan_id"
                                                       : nullptr;
        if (!childOf)
            return;
        std::vector<RowKey> children;
        for (const auto& [child, audited] : m_rows)
            if (audited.parent == key.second && parentField(child.first) == std::string(childOf))
                children.push_back(child);
        for (const RowKey& child : children)
            remove(child);
    }

    /// Rows written before version 3 do not name their parent until the baseline does; a deletion
    /// before it took them with it. The deleted row's record lists them: they are the rows without a
    /// parent whose values it holds.
    void removeUnlinkedChildren(const std::string& table, const json& deleted) {
        if (table == "film") {
            removeUnlinked("reading", deleted.value("readings", json::array()));
        } else if (table == "patient") {
            removeUnlinked("visit", deleted.value("visits", json::array()));
            removeUnlinked("sacroiliitis", deleted.value("pelvic_films", json::array()));
            for (const json& film : deleted.value("films", json::array())) {
                removeUnlinked("film", json::array({json{{"film_date", film.at("film_date")}}}));
                removeUnlinked("reading", film.value("readings", json::array()));
            }
        }
    }

    void removeUnlinked(const std::string& table, const json& images) {
        for (const json& image : images) {
            const std::string text = image.dump();
            for (auto it = m_rows.begin(); it != m_rows.end(); ++it)
                if (it->first.first == table && !it->second.parent && it->second.image == text) {
                    m_rows.erase(it);
                    break;
                }
        }
    }

    /// A change of settings, reference ranges or LSCs (settings_store.h): what it found is what the
    /// trail last said, unless someone changed the configuration outside Ankylos in between.
    void applyConfigurationChange(const AuditRow& row) {
        const json found = json::parse(row.oldValues);
        std::vector<std::string> fields;
        if (!m_configuration.is_null())
            describeDifferences(found, m_configuration, "", fields);
        for (const std::string& field : fields)
            m_problems.push_back("settings: " + field + " (changed outside Ankylos before audit trail row " +
                                 std::to_string(row.id) + ")");
        m_configuration = json::parse(row.newValues);
    }

    void applyBaseline(const AuditRow& row) {
        const json baseline = json::parse(row.newValues);
        for (const auto& [table, links] : baseline.at("links").items())
            for (const auto& [id, parent] : links.items())
                if (auto found = m_rows.find({table, std::stoll(id)}); found != m_rows.end())
                    found->second.parent = parent.get<std::int64_t>();
        m_configuration = baseline.at("configuration");
        for (const auto& problem : baseline.at("legacy_problems"))
            m_problems.push_back("before the audit trail was keyed (version 3): " +
                                 problem.get<std::string>());
    }

    std::map<RowKey, AuditedRow> m_rows;
    json m_configuration;
    std::vector<std::string> m_problems;
};

/// Compares the rows of the database with the replayed trail, removing each row it finds.
class Comparison {
public:
    explicit Comparison(Replay& replay) : m_replay(replay) {}

    void row(const std::string& table, std::int64_t id, const json& stored,
             std::optional<std::int64_t> parent, const std::string& about) {
        const std::string where = table + " row " + std::to_string(id) + " (" + about + ")";
        auto found = m_replay.rows().find({table, id});
        if (found == m_replay.rows().end()) {
            problems().push_back(where + ": not in the audit trail (written outside Ankylos)");
            return;
        }
        const AuditedRow& audited = found->second;
        if (parent && audited.parent && *parent != *audited.parent)
            problems().push_back(where + ": " + parentField(table) + ": stored " + std::to_string(*parent) +
                                 ", audited " + std::to_string(*audited.parent));
        if (stored.dump() != audited.image) {
            std::vector<std::string> fields;
            describeDifferences(stored, json::parse(audited.image), "", fields);
            for (const std::string& field : fields)
                problems().push_back(where + ": " + field + " (audit trail row " +
                                     std::to_string(audited.auditRow) + ")");
        }
        m_replay.rows().erase(found);
    }

    /// Rows the trail has and the database does not.
    void missing() {
        for (const auto& [key, audited] : m_replay.rows())
            problems().push_back(key.first + " row " + std::to_string(key.second) +
                                 ": in the audit trail (row " + std::to_string(audited.auditRow) +
                                 ") but not in the database (deleted outside Ankylos)");
    }

private:
    std::vector<std::string>& problems() { return m_replay.problems(); }
    Replay& m_replay;
};

void compareHistory(Comparison& compare, std::int64_t patientId, const core::PatientHistory& history,
                    const HistoryRowIds& ids) {
    const std::string who = "patient " + history.patient.clinicId;
    compare.row("patient", patientId, toJson(history.patient), std::nullopt, who);
    for (std::size_t i = 0; i < history.visits.size(); ++i)
        compare.row("visit", ids.visits[i], toJson(history.visits[i]), patientId,
                    who + ", visit " + core::toIsoString(history.visits[i].date));
    for (std::size_t i = 0; i < history.films.size(); ++i) {
        const core::Film& film = history.films[i];
        const std::string filmAbout = who + ", film " + core::toIsoString(film.date);
        compare.row("film", ids.films[i], filmJson(film.date), patientId, filmAbout);
        for (std::size_t k = 0; k < film.readings.size(); ++k)
            compare.row("reading", ids.readings[i][k], toJson(film.readings[k]), ids.films[i],
                        filmAbout + ", reader " + film.readings[k].reader);
    }
    for (std::size_t i = 0; i < history.pelvicFilms.size(); ++i)
        compare.row("sacroiliitis", ids.pelvicFilms[i], toJson(history.pelvicFilms[i]), patientId,
                    who + ", pelvic film " + core::toIsoString(history.pelvicFilms[i].film.date));
    for (std::size_t i = 0; i < history.ctScans.size(); ++i) {
        const core::CtScan& scan = history.ctScans[i];
        const std::string scanAbout = who + ", CT scan " + core::toIsoString(scan.date);
        compare.row("ct_scan", ids.ctScans[i], ctScanJson(scan), patientId, scanAbout);
        for (std::size_t k = 0; k < scan.readings.size(); ++k)
            compare.row("ct_reading", ids.ctReadings[i][k], toJson(scan.readings[k]), ids.ctScans[i],
                        scanAbout + ", reader " + scan.readings[k].reader);
    }
    for (std::size_t i = 0; i < history.treatments.size(); ++i)
        compare.row("treatment_episode", ids.treatments[i], toJson(history.treatments[i]), patientId,
                    who + ", " + history.treatments[i].drugId + " from " +
                        core::toIsoString(history.treatments[i].start));
}

/// Each image's metadata against the trail, and its bytes against the SHA-256 the trail recorded: an
/// image swapped outside Ankylos is found even when its row was left as it was.
void compareImages(Database& db, Comparison& compare, std::vector<std::string>& problems) {
    std::vector<std::pair<std::int64_t, std::string>> about;
    sql::Statement films(
        sql::connectionOf(db),
        "SELECT i.id, p.clinic_id, f.film_date FROM film_image i JOIN film f ON f.id = i.film_id "
        "JOIN patient p ON p.id = f.patient_id ORDER BY i.id");
    while (films.executeStep())
        about.emplace_back(films.getColumn(0).getInt64(), "patient " + films.getColumn(1).getString() +
                                                              ", film " + films.getColumn(2).getString());
    FilmImageRepository repository(db);
    for (const auto& [id, where] : about) {
        const std::optional<FilmImage> image = repository.find(id);
        if (!image)
            continue;
        const std::string what = where + ", image " + image->fileName;
        compare.row("film_image", id, toJson(*image), image->filmId, what);
        if (sha256Hex(repository.loadBytes(id)) != image->sha256)
            problems.push_back("film_image row " + std::to_string(id) + " (" + what +
                               "): its bytes are not those imported (content_sha256 differs; changed outside "
                               "Ankylos)");
    }
}

void compareConfiguration(Database& db, const json& audited, std::vector<std::string>& problems) {
    if (audited.is_null()) {
        problems.push_back("audit trail: its baseline row (the settings in force) is missing");
        return;
    }
    std::vector<std::string> fields;
    describeDifferences(configurationSnapshot(db), audited, "", fields);
    for (const std::string& field : fields)
        problems.push_back("settings: " + field + " (changed outside Ankylos)");
}

}  // namespace

json parentLinks(Database& db) {
    json links = json::object();
    const std::pair<const char*, const char*> tables[] = {
        {"visit", "SELECT id, patient_id FROM visit"},
        {"film", "SELECT id, patient_id FROM film"},
        {"sacroiliitis", "SELECT id, patient_id FROM sacroiliitis"},
        {"reading", "SELECT id, film_id FROM reading"}};
    for (const auto& [table, select] : tables) {
        json& ofTable = links[table] = json::object();
        sql::Statement query(sql::connectionOf(db), select);
        while (query.executeStep())
            ofTable[query.getColumn(0).getString()] = query.getColumn(1).getInt64();
    }
    return links;
}

std::vector<std::string> verifyRecords(Database& db) {
    Replay replay;
    sql::Statement trail(sql::connectionOf(db),
                         std::string("SELECT ") + kAuditRowColumns + " FROM audit_log ORDER BY id");
    while (trail.executeStep()) {
        const AuditRow row = auditRowFrom(trail);
        try {
            replay.apply(row);
        } catch (const json::exception& e) {
            replay.problems().push_back("audit trail row " + std::to_string(row.id) +
                                        ": its values cannot be read (" + e.what() + ")");
        }
    }
    Comparison compare(replay);
    try {
        HistoryReader(db).forEachWithRowIds(
            [&](std::int64_t patientId, const core::PatientHistory& history, const HistoryRowIds& ids) {
                compareHistory(compare, patientId, history, ids);
            });
    } catch (const std::exception& e) {
        replay.problems().push_back(std::string("the clinical rows cannot all be read: ") + e.what());
        return replay.problems();
    }
    compareImages(db, compare, replay.problems());
    compare.missing();
    compareConfiguration(db, replay.configuration(), replay.problems());
    return replay.problems();
}

/// SQLite's own checks of a file: its pages and indexes, and foreign keys (which a program without
/// PRAGMA foreign_keys could have broken). A server enforces foreign keys always and keeps its pages
/// itself.
void checkFile(Database& db, CheckReport& report) {
    sql::Statement integrity(sql::connectionOf(db), "PRAGMA integrity_check");
    while (integrity.executeStep())
        if (const std::string line = integrity.getColumn(0).getString(); line != "ok")
            report.problems.push_back("integrity: " + line);
    // One line per table and missing parent: a deleted reading leaves 24 site scores behind.
    sql::Statement foreignKeys(sql::connectionOf(db),
                               "SELECT \"table\", parent, count(*), group_concat(rowid) "
                               "FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2");
    while (foreignKeys.executeStep()) {
        const std::string rows = foreignKeys.getColumn(3).getString();  // empty for WITHOUT ROWID tables
        report.problems.push_back("foreign key: " + foreignKeys.getColumn(2).getString() + " rows of " +
                                  foreignKeys.getColumn(0).getString() +
                                  (rows.empty() ? std::string() : " (row " + rows + ")") +
                                  " point to a missing " + foreignKeys.getColumn(1).getString());
    }
}

CheckReport checkDatabase(Database& db) {
    CheckReport report;
    if (!db.onServer())
        checkFile(db, report);
    for (std::string& problem : verifyAuditTrail(db))
        report.problems.push_back(std::move(problem));
    for (std::string& problem : verifyRecords(db))
        report.problems.push_back(std::move(problem));
    report.auditRows = auditRowCount(db);
    report.patients = sql::connectionOf(db).execAndGet("SELECT count(*) FROM patient").getInt64();
    return report;
}

}  // namespace ankylos::storage
