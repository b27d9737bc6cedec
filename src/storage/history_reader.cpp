#include "storage/history_reader.h"

#include "storage/sql/connection.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>

#include "storage/core_set_columns.h"
#include "storage/dialect.h"
#include "storage/patient_repository.h"
#include "storage/signatures.h"
#include "storage/reading_columns.h"
#include "storage/sql/values.h"
#include "storage/treatment_repository.h"

namespace ankylos::storage {

namespace {

/// A query ordered by patient, read alongside the patient query like a merge join. One patient's
/// queries run at every save (the patient's summary) and every record opened: they are the
/// connection's cached statements, which a server parses and plans once instead of each time. The
/// whole cohort's run once per read and are the cursor's own.
class Cursor {
public:
    Cursor(sql::Connection& db, const std::string& sql, std::optional<std::int64_t> onlyPatient)
        : m_own(onlyPatient ? nullptr : std::make_unique<sql::Statement>(db, sql)),
          m_lease(onlyPatient ? std::make_unique<sql::StatementLease>(*db.cached(sql)) : nullptr),
          m_query(m_own ? *m_own : **m_lease) {
        if (onlyPatient)
            m_query.bind(":patient", *onlyPatient);
        advance();
    }
    bool hasRow() const { return m_hasRow; }
    /// True while the current row belongs to patientId (column 0 is the patient id).
    bool at(std::int64_t patientId) const { return m_hasRow && m_query.getColumn(0).getInt64() == patientId; }
    sql::Statement& row() { return m_query; }
    void advance() { m_hasRow = m_query.executeStep(); }

private:
    std::unique_ptr<sql::Statement> m_own;
    std::unique_ptr<sql::StatementLease> m_lease;  ///< resets and unbinds the cached statement at the end
    sql::Statement& m_query;
    bool m_hasRow = false;
};

/// The constant SQL, restricted to one patient when asked (the fragment is constant; values are bound).
std::string scoped(const std::string& select, const std::string& patientColumn, const std::string& orderBy,
                   bool onePatient, bool wanted = true, const std::string& condition = std::string()) {
    std::vector<std::string> conditions;
    // A part not asked for returns nothing at once (keeping :patient, which the caller binds).
    if (!wanted)
        conditions.push_back("1 = 0");
    if (!condition.empty())
        conditions.push_back(condition);
    if (onePatient)
        conditions.push_back(patientColumn + " = :patient");
    std::string where;
    for (const std::string& part : conditions)
        where += (where.empty() ? " WHERE " : " AND ") + part;
    return select + where + " ORDER BY " + orderBy;
}

/// The visit v is its patient's first or last (HistoryParts::FirstAndLastVisits).
constexpr const char* kFirstOrLastVisit =
    "v.visit_date IN ((SELECT min(e.visit_date) FROM visit e WHERE e.patient_id = v.patient_id), "
    "(SELECT max(e.visit_date) FROM visit e WHERE e.patient_id = v.patient_id))";

core::Visit visitFrom(sql::Statement& q) {
    // Columns: patient_id, id, visit_date, postmenopausal, basdai_q1..q6 (4-9), patient_global (10),
    // basfi_q1..q10 (11-20), 8 BASMI measurements (21-28), notes (29), the core set (30-52).
    core::Visit v;
    v.date = dateOf(q.getColumn(2));
    if (!q.getColumn(3).isNull())
        v.postmenopausal = q.getColumn(3).getInt() != 0;
    v.basdai = {optionalDouble(q.getColumn(4)), optionalDouble(q.getColumn(5)),
                optionalDouble(q.getColumn(6)), optionalDouble(q.getColumn(7)),
                optionalDouble(q.getColumn(8)), optionalDouble(q.getColumn(9))};
    v.patientGlobal = optionalDouble(q.getColumn(10));
    for (int i = 0; i < core::kBasfiItemCount; ++i)
        v.basfi.items[i] = optionalDouble(q.getColumn(11 + i));
    v.basmi = {optionalDouble(q.getColumn(21)), optionalDouble(q.getColumn(22)),
               optionalDouble(q.getColumn(23)), optionalDouble(q.getColumn(24)),
               optionalDouble(q.getColumn(25)), optionalDouble(q.getColumn(26)),
               optionalDouble(q.getColumn(27)), optionalDouble(q.getColumn(28))};
    v.notes = q.getColumn(29).getString();
    v.coreSet = coreSetFrom(q, 30);
    return v;
}

core::BmdMeasurement bmdFrom(sql::Statement& q) {
    // Columns: patient_id, visit_id, site, bmd, t, z, manufacturer, model, vertebrae.
    core::BmdMeasurement m;
    m.site = core::parseBmdSite(q.getColumn(2).getString());
    m.bmd = q.getColumn(3).getDouble();
    m.tScore = optionalDouble(q.getColumn(4));
    m.zScore = optionalDouble(q.getColumn(5));
    m.device = {q.getColumn(6).getString(), q.getColumn(7).getString()};
    if (const std::string vertebrae = q.getColumn(8).getString(); !vertebrae.empty())
        m.vertebrae = core::parseVertebrae(vertebrae);
    return m;
}

core::LabValue labFrom(sql::Statement& q) {
    // Columns: patient_id, visit_id, analyte, value, unit, below_lod, lod, assay, sample_type, laboratory,
    // sample_date.
    core::LabValue lab;
    lab.analyte = core::parseAnalyte(q.getColumn(2).getString());
    lab.value = q.getColumn(3).getDouble();
    lab.unit = q.getColumn(4).getString();
    lab.belowDetectionLimit = q.getColumn(5).getInt() != 0;
    lab.detectionLimit = optionalDouble(q.getColumn(6));
    lab.assay = q.getColumn(7).getString();
    if (!q.getColumn(8).isNull())
        lab.sampleType = core::parseSampleType(q.getColumn(8).getString());
    lab.laboratory = q.getColumn(9).getString();
    lab.sampleDate = dateOf(q.getColumn(10));
    return lab;
}

/// Fills reading from "C2_inf0,C3_supnot_visible,..." (the group_concat of its site_score rows: each
/// site ID, which ends "_inf" or "_sup", then its grade or the reason it is not assessable). The
/// shortest text the database can build: building it is most of the time a whole cohort's read takes.
void readSiteScores(const char* text, core::Reading& reading) {
    const std::string_view all(text);
    std::size_t start = 0;
    while (start < all.size()) {
        std::size_t end = all.find(',', start);
        if (end == std::string_view::npos)
            end = all.size();
        const std::string_view entry = all.substr(start, end - start);
        const std::size_t idEnd = std::min(entry.find('_'), entry.size() - 1) + 4;
        const auto site = core::siteFromId(entry.substr(0, idEnd));
        if (!site || idEnd >= entry.size())
            throw StorageError("reading site scores", "site_score", "unreadable entry " + std::string(entry));
        const std::string_view score = entry.substr(idEnd);
        reading.at(*site) =
            score.size() == 1
                ? core::SiteScore::graded(*site, score[0] - '0')
                : core::SiteScore::notAssessable(core::parseNotAssessableReason(std::string(score)));
        start = end + 1;
    }
}

/// Fills reading from "C2_inf_ant:0,T7_sup_left:not_visible,..." (the group_concat of its
/// ct_quadrant_score rows: each quadrant ID, a colon, then its grade or the reason it is not assessable).
void readQuadrantScores(const std::string& text, core::CtssReading& reading) {
    const std::string_view all(text);
    std::size_t start = 0;
    while (start < all.size()) {
        std::size_t end = all.find(',', start);
        if (end == std::string_view::npos)
            end = all.size();
        const std::string_view entry = all.substr(start, end - start);
        const std::size_t colon = entry.find(':');
        const auto quadrant =
            colon == std::string_view::npos ? std::nullopt : core::quadrantFromId(entry.substr(0, colon));
        if (!quadrant || colon + 1 >= entry.size())
            throw StorageError("reading CT quadrant scores", "ct_quadrant_score",
                               "unreadable entry " + std::string(entry));
        const std::string_view score = entry.substr(colon + 1);
        reading.at(*quadrant) =
            score.size() == 1
                ? core::QuadrantScore::graded(*quadrant, score[0] - '0')
                : core::QuadrantScore::notAssessable(core::parseNotAssessableReason(std::string(score)));
        start = end + 1;
    }
}

/// The CT scans with their readings: one row per scan and reading (a scan without readings has one,
/// its reading columns NULL), in date order, each reading's quadrant scores joined by the database as
/// films' site scores are. One query for both keeps opening a record to a fixed, small number of round
/// trips on a server.
std::string ctScansSql(sql::Engine engine, bool onePatient) {
    return scoped(
        std::string("SELECT s.patient_id, s.id, s.scan_date, s.device, s.whole_spine, r.id, rd.name, "
                    "r.reading_date, r.chronology_known, (SELECT ") +
            dialect::joinAggregate(engine) +
            "(q.quadrant || ':' || coalesce(CAST(q.grade AS TEXT), q.na_reason), ',') "
            "FROM ct_quadrant_score q WHERE q.ct_reading_id = r.id) FROM ct_scan s "
            "LEFT JOIN ct_reading r ON r.ct_scan_id = s.id LEFT JOIN reader rd ON rd.id = r.reader_id",
        "s.patient_id", "s.patient_id, s.scan_date, r.id", onePatient);
}

core::CtssReading ctReadingFrom(sql::Statement& r) {
    // Columns 5-9 of ctScansSql: reading id, reader, reading date, chronology known, quadrant scores.
    core::CtssReading reading;
    reading.reader = r.getColumn(6).getString();
    reading.readingDate = optionalDate(r.getColumn(7));
    reading.chronologyKnown = r.getColumn(8).getInt() != 0;
    readQuadrantScores(r.getColumn(9).getString(), reading);  // NULL (nothing scored) reads as ""
    return reading;
}

/// Moves the patient's rows of the CT cursor into history (and their ids into rowIds).
void readCtScans(Cursor& rows, std::int64_t patientId, core::PatientHistory& history, HistoryRowIds& rowIds) {
    for (; rows.at(patientId); rows.advance()) {
        sql::Statement& row = rows.row();
        const std::int64_t scanId = row.getColumn(1).getInt64();
        if (rowIds.ctScans.empty() || rowIds.ctScans.back() != scanId) {
            core::CtScan scan;
            scan.date = dateOf(row.getColumn(2));
            scan.device = row.getColumn(3).getString();
            scan.wholeSpine = row.getColumn(4).getInt() != 0;
            history.ctScans.push_back(std::move(scan));
            rowIds.ctScans.push_back(scanId);
            rowIds.ctReadings.emplace_back();
        }
        if (row.getColumn(5).isNull())
            continue;  // a scan nobody has read yet
        history.ctScans.back().readings.push_back(ctReadingFrom(row));
        rowIds.ctReadings.back().push_back(row.getColumn(5).getInt64());
    }
}

}  // namespace

std::optional<core::PatientHistory> HistoryReader::load(std::int64_t patientId) {
    std::optional<core::PatientHistory> found;
    read(patientId, [&](std::int64_t, core::PatientHistory& history, const HistoryRowIds&) {
        found = std::move(history);
    });
    return found;
}

std::size_t HistoryReader::count() {
    return static_cast<std::size_t>(PatientRepository(m_db).count());
}

void HistoryReader::forEach(const Handler& handle) {
    read(std::nullopt, [&](std::int64_t id, const core::PatientHistory& history, const HistoryRowIds&) {
        handle(id, history);
    });
}

void HistoryReader::forEachWithRowIds(const RowHandler& handle) {
    read(std::nullopt, handle);
}

void HistoryReader::read(std::optional<std::int64_t> only, const RowHandler& handle) {
    sql::Connection& db = sql::connectionOf(m_db);
    const bool one = only.has_value();
    const bool all = m_parts == HistoryParts::All;
    const bool visitsWanted = m_parts != HistoryParts::FilmsOnly;
    const std::string visitCondition = m_parts == HistoryParts::FirstAndLastVisits ? kFirstOrLastVisit : "";
    // One read transaction, so the queries see the same snapshot while others write: SQLite's
    // BEGIN (deferred), a server's REPEATABLE READ. Inside a write transaction the writer lock already
    // keeps other writers out, on either engine.
    const bool begin = !db.inTransaction();
    if (begin)
        db.exec(db.engine() == sql::Engine::Postgresql ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                                                       : "BEGIN");
    struct Release {
        sql::Connection& db;
        bool begun;
        ~Release() {
            try {
                if (begun)
                    db.exec("COMMIT");
            } catch (const sql::Error&) {
                // Nothing was written in a read snapshot: failing to release loses nothing.
            }
        }
    } release{db, begin};

    Cursor patients(
        db, scoped(std::string("SELECT id, ") + kPatientColumns + " FROM patient", "id", "id", one), only);
    Cursor visits(
        db,
        scoped(
            std::string(
                "SELECT patient_id, id, visit_date, postmenopausal, basdai_q1, basdai_q2, basdai_q3, "
                "basdai_q4, basdai_q5, basdai_q6, patient_global, basfi_q1, basfi_q2, basfi_q3, basfi_q4, "
                "basfi_q5, basfi_q6, basfi_q7, basfi_q8, basfi_q9, basfi_q10, basmi_lateral_flexion_left_cm, "
                "basmi_lateral_flexion_right_cm, basmi_tragus_wall_left_cm, basmi_tragus_wall_right_cm, "
                "basmi_schober_cm, basmi_intermalleolar_cm, basmi_cervical_rotation_left_deg, "
                "basmi_cervical_rotation_right_deg, notes, ") +
                coreSetColumns() + " FROM visit v",
            "patient_id", "patient_id, visit_date", one, visitsWanted, visitCondition),
        only);
    Cursor bmd(db,
               scoped("SELECT v.patient_id, v.id, b.site, b.bmd_g_cm2, b.t_score, b.z_score, "
                      "coalesce(d.manufacturer, ''), coalesce(d.model, ''), b.vertebrae FROM bmd b "
                      "JOIN visit v ON v.id = b.visit_id LEFT JOIN dxa_device d ON d.id = b.device_id",
                      "v.patient_id", "v.patient_id, v.visit_date, b.id", one, visitsWanted, visitCondition),
               only);
    Cursor labs(
        db,
        scoped(
            "SELECT v.patient_id, v.id, l.analyte, l.value, l.unit, l.below_lod, l.lod, l.assay, "
            "l.sample_type, l.laboratory, l.sample_date FROM lab_result l JOIN visit v ON v.id = l.visit_id",
            "v.patient_id", "v.patient_id, v.visit_date, l.id", one, visitsWanted, visitCondition),
        only);
    Cursor films(
        db, scoped("SELECT patient_id, film_date, id FROM film", "patient_id", "patient_id, film_date", one),
        only);
    Cursor readings(
        db,
        // One row per reading, its site scores joined by the database as "C2_inf0,C3_supother,..."
        // (readSiteScores): a large cohort has 24 times more site scores than readings. "+f.id" keeps
        // SQLite from looking films up by reading: it walks films in (patient, date) order instead, so
        // rows stream out as read rather than after sorting every reading with its scores.
        scoped(std::string(
                   "SELECT f.patient_id, f.id, r.id, rd.name, r.reading_date, r.chronology_known, (SELECT ") +
                   dialect::joinAggregate(db.engine()) +
                   "(s.site || coalesce(CAST(s.grade AS TEXT), s.na_reason), ',') "
                   "FROM site_score s WHERE s.reading_id = r.id), " + kReadingHowColumns + " FROM film f "
                   "JOIN reading r ON r.film_id = +f.id JOIN reader rd ON rd.id = r.reader_id" + kReadingSessionJoin,
               "f.patient_id", "f.patient_id, f.film_date, r.id", one),
        only);
    Cursor pelvic(db,
                  scoped("SELECT s.patient_id, s.film_date, rd.name, s.left_grade, s.right_grade, s.id FROM "
                         "sacroiliitis s "
                         "JOIN reader rd ON rd.id = s.reader_id",
                         "s.patient_id", "s.patient_id, s.film_date, s.id", one, all),
                  only);

    Cursor treatments(
        db,
        scoped(std::string("SELECT patient_id, id, ") + kTreatmentColumns + " FROM treatment_episode",
               "patient_id", "patient_id, start_date, drug, id", one),
        only);
    Cursor ctScans(db, ctScansSql(db.engine(), one), only);
    Cursor signOffs(db,
                    scoped(std::string("SELECT ") + kSignOffColumns + " FROM signature_status", "patient_id",
                           "patient_id, id", one, all),
                    only);

    for (; patients.hasRow(); patients.advance()) {
        const std::int64_t id = patients.row().getColumn(0).getInt64();
        core::PatientHistory history;
        HistoryRowIds rowIds;
        history.patient = patientFromRow(patients.row(), 1);
        for (; visits.at(id); visits.advance()) {
            history.visits.push_back(visitFrom(visits.row()));
            core::Visit& visit = history.visits.back();
            const std::int64_t visitId = visits.row().getColumn(1).getInt64();
            rowIds.visits.push_back(visitId);
            for (; bmd.at(id) && bmd.row().getColumn(1).getInt64() == visitId; bmd.advance())
                visit.bmd.push_back(bmdFrom(bmd.row()));
            for (; labs.at(id) && labs.row().getColumn(1).getInt64() == visitId; labs.advance())
                visit.labs.push_back(labFrom(labs.row()));
        }
        for (; films.at(id); films.advance()) {
            history.films.push_back({dateOf(films.row().getColumn(1)), {}});
            core::Film& film = history.films.back();
            const std::int64_t filmId = films.row().getColumn(2).getInt64();
            rowIds.films.push_back(filmId);
            rowIds.readings.emplace_back();
            for (; readings.at(id) && readings.row().getColumn(1).getInt64() == filmId; readings.advance()) {
                sql::Statement& r = readings.row();
                core::Reading reading;
                reading.reader = r.getColumn(3).getString();
                reading.readingDate = optionalDate(r.getColumn(4));
                reading.chronologyKnown = r.getColumn(5).getInt() != 0;
                readSiteScores(r.getColumn(6).getString().c_str(),
                               reading);  // NULL (nothing scored) reads as ""
                readHowRead(r, 7, reading);
                film.readings.push_back(std::move(reading));
                rowIds.readings.back().push_back(r.getColumn(2).getInt64());
            }
        }
        for (; pelvic.at(id); pelvic.advance()) {
            sql::Statement& p = pelvic.row();
            history.pelvicFilms.push_back(
                {p.getColumn(2).getString(),
                 {dateOf(p.getColumn(1)), p.getColumn(3).getInt(), p.getColumn(4).getInt()}});
            rowIds.pelvicFilms.push_back(p.getColumn(5).getInt64());
        }
        for (; treatments.at(id); treatments.advance()) {
            history.treatments.push_back(treatmentFrom(treatments.row(), 2));
            rowIds.treatments.push_back(treatments.row().getColumn(1).getInt64());
        }
        readCtScans(ctScans, id, history, rowIds);
        for (; signOffs.at(id); signOffs.advance())
            history.signOffs.push_back(signOffFrom(signOffs.row()));
        handle(id, history, rowIds);
    }
}

}  // namespace ankylos::storage
