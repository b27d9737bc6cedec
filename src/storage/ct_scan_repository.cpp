#include "storage/ct_scan_repository.h"

#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <vector>

#include "storage/audit.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/sql/connection.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

/// A scan row as stored, without its readings.
struct StoredScan {
    std::int64_t patientId = 0;
    core::CtScan scan;
};

StoredScan loadScan(sql::Connection& db, std::int64_t scanId) {
    auto queryLease =
        db.cached("SELECT patient_id, scan_date, device, whole_spine FROM ct_scan WHERE id = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, scanId);
    if (!query.executeStep())
        throw StorageError("CT scan " + std::to_string(scanId) + " does not exist");
    StoredScan stored;
    stored.patientId = query.getColumn(0).getInt64();
    stored.scan.date = dateOf(query.getColumn(1));
    stored.scan.device = query.getColumn(2).getString();
    stored.scan.wholeSpine = query.getColumn(3).getInt() != 0;
    return stored;
}

/// A reading as stored, with the scan it belongs to.
struct StoredReading {
    std::int64_t scanId = 0;
    core::CtssReading reading;
};

StoredReading loadReading(sql::Connection& db, std::int64_t readingId) {
    auto queryLease = db.cached(
        "SELECT r.ct_scan_id, rd.name, r.reading_date, r.chronology_known FROM ct_reading r "
        "JOIN reader rd ON rd.id = r.reader_id WHERE r.id = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, readingId);
    if (!query.executeStep())
        throw StorageError("CT reading " + std::to_string(readingId) + " does not exist");
    StoredReading stored;
    stored.scanId = query.getColumn(0).getInt64();
    stored.reading.reader = query.getColumn(1).getString();
    stored.reading.readingDate = optionalDate(query.getColumn(2));
    stored.reading.chronologyKnown = query.getColumn(3).getInt() != 0;
    auto scoresLease =
        db.cached("SELECT quadrant, grade, na_reason FROM ct_quadrant_score WHERE ct_reading_id = ?");
    sql::Statement& scores = *scoresLease;
    scores.bind(1, readingId);
    while (scores.executeStep()) {
        const auto quadrant = core::quadrantFromId(scores.getColumn(0).getString());
        if (!quadrant)
            continue;  // the schema's CHECK admits only the 184 spec IDs
        stored.reading.at(*quadrant) =
            scores.getColumn(1).isNull()
                ? core::QuadrantScore::notAssessable(
                      core::parseNotAssessableReason(scores.getColumn(2).getString()))
                : core::QuadrantScore::graded(*quadrant, scores.getColumn(1).getInt());
    }
    return stored;
}

/// The scan's readings with their row ids, in the order they were added.
std::vector<std::pair<std::int64_t, core::CtssReading>> loadReadings(sql::Connection& db,
                                                                     std::int64_t scanId) {
    std::vector<std::int64_t> ids;
    {
        auto queryLease = db.cached("SELECT id FROM ct_reading WHERE ct_scan_id = ? ORDER BY id");
        sql::Statement& query = *queryLease;
        query.bind(1, scanId);
        while (query.executeStep())
            ids.push_back(query.getColumn(0).getInt64());
    }
    std::vector<std::pair<std::int64_t, core::CtssReading>> readings;
    for (const std::int64_t id : ids)
        readings.emplace_back(id, loadReading(db, id).reading);
    return readings;
}

/// "the CT scan of 2021-03-04", for a refusal.
std::string scanName(const core::CtScan& scan) {
    return "the CT scan of " + core::toIsoString(scan.date);
}

void requireOneReadingPerReader(sql::Connection& db, std::int64_t scanId, const Reader& reader,
                                std::optional<std::int64_t> self) {
    auto takenLease =
        db.cached("SELECT count(*) FROM ct_reading WHERE ct_scan_id = ? AND reader_id = ? AND id <> ?");
    sql::Statement& taken = *takenLease;
    taken.bind(1, scanId);
    taken.bind(2, reader.id);
    taken.bind(3, self.value_or(0));  // row ids start at 1
    taken.executeStep();
    if (taken.getColumn(0).getInt() > 0)
        throw core::ValidationError("reader", reader.name, "a reader who has not read this CT scan yet");
}

}  // namespace

void CtScanRepository::checkScan(std::int64_t patientId, const core::CtScan& scan,
                                 std::optional<std::int64_t> self) {
    const auto patient = PatientRepository(m_db).find(patientId);
    if (!patient)
        throw StorageError("patient " + std::to_string(patientId) + " does not exist");
    // docs/methods.md 8 as for every clinical date, and core's rules for a scan's readings.
    core::Validation validation = core::validateCtScan(scan, patient->patient.birth, localToday());
    const auto existing = scanId(patientId, scan.date);
    if (existing && existing != self)
        validation.addError("CT scan date", core::toIsoString(scan.date),
                            "one CT scan per date for a patient");
    validation.throwIfErrors();
    // Every reader registered, and each once (names as typed may differ by more than case), before
    // anything is written: an import writes without savepoints.
    std::set<std::int64_t> readers;
    for (const core::CtssReading& reading : scan.readings) {
        const Reader registered = ReaderRepository(m_db).require(reading.reader);
        if (!readers.insert(registered.id).second)
            throw core::ValidationError(
                "reader", reading.reader,
                "one reading per reader of the CT scan of " + core::toIsoString(scan.date));
    }
}

std::int64_t CtScanRepository::addScan(std::int64_t patientId, const core::CtScan& scan) {
    Transaction transaction(m_db);
    checkScan(patientId, scan, std::nullopt);
    auto insertLease = sql::connectionOf(m_db).cached(
        "INSERT INTO ct_scan (patient_id, scan_date, device, whole_spine) VALUES (?, ?, ?, ?) RETURNING id");
    sql::Statement& insert = *insertLease;
    insert.bind(1, patientId);
    insert.bind(2, core::toIsoString(scan.date));
    insert.bind(3, scan.device);
    insert.bind(4, scan.wholeSpine ? 1 : 0);
    const std::int64_t id = insert.execReturningId();
    nlohmann::json newValues = ctScanJson(scan);
    newValues["patient_id"] = patientId;  // `check` compares the row's patient with the trail's
    appendAudit(m_db, m_db.user(), {"ct_scan", id, AuditAction::Insert, nullptr, newValues, ""});
    for (const core::CtssReading& reading : scan.readings)
        insertReading(id, reading);
    transaction.commit();
    return id;
}

void CtScanRepository::updateScan(std::int64_t scanId, const core::CtScan& entered, const std::string& reason,
                                  std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    sql::Connection& db = sql::connectionOf(m_db);
    const StoredScan old = loadScan(db, scanId);
    requireUnchangedSince(m_db, "ct_scan", scanId, openedAt, [&] { return scanName(old.scan); });
    core::CtScan scan = entered;
    scan.readings.clear();
    for (auto& [id, reading] : loadReadings(db, scanId))
        scan.readings.push_back(std::move(reading));  // a new date must still precede their reading dates
    checkScan(old.patientId, scan, scanId);
    if (ctScanJson(scan) == ctScanJson(old.scan))
        return;  // nothing changed: no write, no audit row
    appendAudit(m_db, m_db.user(),
                {"ct_scan", scanId, AuditAction::Update, ctScanJson(old.scan), ctScanJson(scan), reason});
    auto updateLease =
        db.cached("UPDATE ct_scan SET scan_date = ?, device = ?, whole_spine = ? WHERE id = ?");
    sql::Statement& update = *updateLease;
    update.bind(1, core::toIsoString(scan.date));
    update.bind(2, scan.device);
    update.bind(3, scan.wholeSpine ? 1 : 0);
    update.bind(4, scanId);
    update.exec();
    transaction.commit();
}

void CtScanRepository::removeScan(std::int64_t scanId, const std::string& reason,
                                  std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    sql::Connection& db = sql::connectionOf(m_db);
    const StoredScan old = loadScan(db, scanId);
    requireUnchangedSince(m_db, "ct_scan", scanId, openedAt, [&] { return scanName(old.scan); });
    nlohmann::json oldValues = ctScanJson(old.scan);
    oldValues["readings"] = nlohmann::json::array();
    for (const auto& [id, reading] : loadReadings(db, scanId))
        oldValues["readings"].push_back(toJson(reading));
    // The deletion row names the patient: the scan row it was about no longer does.
    oldValues["patient_id"] = old.patientId;
    appendAudit(m_db, m_db.user(), {"ct_scan", scanId, AuditAction::Delete, oldValues, nullptr, reason});
    auto removeLease = db.cached("DELETE FROM ct_scan WHERE id = ?");
    sql::Statement& remove = *removeLease;
    remove.bind(1, scanId);
    remove.exec();
    transaction.commit();
}

void CtScanRepository::writeQuadrantScores(std::int64_t readingId, const core::CtssReading& reading) {
    std::vector<std::pair<core::Quadrant, core::QuadrantScore>> scored;
    for (core::Quadrant quadrant : core::allQuadrants())
        if (const auto& score = reading.at(quadrant))
            scored.emplace_back(quadrant, *score);  // quadrants not scored have no row
    // One statement per batch of quadrants, not one per quadrant (a round trip each on a server), within
    // SQLite's oldest limit of 999 parameters: at most 184 x 4 = 736.
    if (scored.empty())
        return;
    std::string sql = "INSERT INTO ct_quadrant_score (ct_reading_id, quadrant, grade, na_reason) VALUES ";
    for (std::size_t i = 0; i < scored.size(); ++i)
        sql += i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
    auto insertLease = sql::connectionOf(m_db).cached(sql);
    sql::Statement& insert = *insertLease;
    int index = 1;
    for (const auto& [quadrant, score] : scored) {
        insert.bind(index++, readingId);
        insert.bind(index++, core::quadrantId(quadrant));
        if (score.assessable()) {
            insert.bind(index++, score.grade());
            insert.bind(index++);
        } else {
            insert.bind(index++);
            insert.bind(index++, core::toString(*score.reason()));
        }
    }
    insert.execDeferred();  // nobody reads its result: in a bulk write it travels with the next statement
}

std::int64_t CtScanRepository::insertReading(std::int64_t scanId, const core::CtssReading& entered) {
    sql::Connection& db = sql::connectionOf(m_db);
    const StoredScan stored = loadScan(db, scanId);
    core::CtScan alone = stored.scan;
    alone.readings = {entered};
    const auto patient = PatientRepository(m_db).find(stored.patientId);
    core::validateCtScan(alone, patient->patient.birth, localToday()).throwIfErrors();
    const Reader registered = ReaderRepository(m_db).require(entered.reader);
    requireOneReadingPerReader(db, scanId, registered, std::nullopt);
    core::CtssReading reading = entered;
    reading.reader = registered.name;
    auto insertLease = db.cached(
        "INSERT INTO ct_reading (ct_scan_id, reader_id, reading_date, chronology_known) VALUES (?, ?, ?, ?) "
        "RETURNING id");
    sql::Statement& insert = *insertLease;
    insert.bind(1, scanId);
    insert.bind(2, registered.id);
    bindOptional(insert, 3, reading.readingDate);
    insert.bind(4, reading.chronologyKnown ? 1 : 0);
    const std::int64_t id = insert.execReturningId();
    writeQuadrantScores(id, reading);
    nlohmann::json newValues = toJson(reading);
    newValues["ct_scan_id"] = scanId;  // `check` compares the row's scan with the trail's
    appendAudit(m_db, m_db.user(), {"ct_reading", id, AuditAction::Insert, nullptr, newValues, ""});
    return id;
}

std::int64_t CtScanRepository::addReading(std::int64_t scanId, const core::CtssReading& reading) {
    Transaction transaction(m_db);
    const std::int64_t id = insertReading(scanId, reading);
    transaction.commit();
    return id;
}

void CtScanRepository::updateReading(std::int64_t readingId, const core::CtssReading& entered,
                                     const std::string& reason, std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    sql::Connection& db = sql::connectionOf(m_db);
    const StoredReading old = loadReading(db, readingId);
    const StoredScan stored = loadScan(db, old.scanId);
    requireUnchangedSince(m_db, "ct_reading", readingId, openedAt, [&] {
        return "the reading by " + old.reading.reader + " of " + scanName(stored.scan);
    });
    core::CtScan alone = stored.scan;
    alone.readings = {entered};
    const auto patient = PatientRepository(m_db).find(stored.patientId);
    core::validateCtScan(alone, patient->patient.birth, localToday()).throwIfErrors();
    const Reader registered = ReaderRepository(m_db).require(entered.reader);
    core::CtssReading reading = entered;
    reading.reader = registered.name;
    if (toJson(old.reading) == toJson(reading))
        return;  // nothing changed: no write, no audit row
    requireOneReadingPerReader(db, old.scanId, registered, readingId);
    appendAudit(m_db, m_db.user(),
                {"ct_reading", readingId, AuditAction::Update, toJson(old.reading), toJson(reading), reason});
    auto updateLease =
        db.cached("UPDATE ct_reading SET reader_id = ?, reading_date = ?, chronology_known = ? WHERE id = ?");
    sql::Statement& update = *updateLease;
    update.bind(1, registered.id);
    bindOptional(update, 2, reading.readingDate);
    update.bind(3, reading.chronologyKnown ? 1 : 0);
    update.bind(4, readingId);
    update.exec();
    auto clearLease = db.cached("DELETE FROM ct_quadrant_score WHERE ct_reading_id = ?");
    sql::Statement& clear = *clearLease;
    clear.bind(1, readingId);
    clear.exec();
    writeQuadrantScores(readingId, reading);
    transaction.commit();
}

void CtScanRepository::removeReading(std::int64_t readingId, const std::string& reason,
                                     std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    sql::Connection& db = sql::connectionOf(m_db);
    const StoredReading old = loadReading(db, readingId);
    const StoredScan scan = loadScan(db, old.scanId);
    requireUnchangedSince(m_db, "ct_reading", readingId, openedAt, [&] {
        return "the reading by " + old.reading.reader + " of " + scanName(scan.scan);
    });
    // The deletion row names the scan and the patient (for the patient's trail, patient_audit.h): the
    // reading row it was about no longer does.
    nlohmann::json oldValues = toJson(old.reading);
    oldValues["ct_scan_id"] = old.scanId;
    oldValues["patient_id"] = scan.patientId;
    appendAudit(m_db, m_db.user(),
                {"ct_reading", readingId, AuditAction::Delete, oldValues, nullptr, reason});
    auto removeLease = db.cached("DELETE FROM ct_reading WHERE id = ?");
    sql::Statement& remove = *removeLease;
    remove.bind(1, readingId);
    remove.exec();
    transaction.commit();
}

std::optional<std::int64_t> CtScanRepository::scanId(std::int64_t patientId, core::Date date) {
    auto queryLease =
        sql::connectionOf(m_db).cached("SELECT id FROM ct_scan WHERE patient_id = ? AND scan_date = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, patientId);
    query.bind(2, core::toIsoString(date));
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::optional<std::int64_t> CtScanRepository::readingId(std::int64_t scanId, const std::string& reader) {
    auto queryLease = sql::connectionOf(m_db).cached(
        "SELECT r.id FROM ct_reading r JOIN reader rd ON rd.id = r.reader_id WHERE r.ct_scan_id = ? AND "
        "rd.name = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, scanId);
    query.bind(2, reader);
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

}  // namespace ankylos::storage
