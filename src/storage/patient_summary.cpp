#include "storage/patient_summary.h"

#include "storage/sql/connection.h"

#include <map>

#include "core/progression.h"
#include "core/validation.h"
#include "core/visit.h"
#include "storage/history_reader.h"
#include "storage/search_key.h"
#include "storage/settings_store.h"
#include "storage/sql/values.h"

namespace ankylos::storage {

namespace {

/// The open batch of each database, so the repositories' hooks need no extra parameter. Databases
/// are used from one thread at a time (SQLite connections are), hence thread_local.
thread_local std::map<const Database*, SummaryBatch*> openBatches;

void bindOptionalText(sql::Statement& statement, int index, const std::optional<std::string>& text) {
    if (text)
        statement.bind(index, *text);
    else
        statement.bind(index);
}

void writeFigures(Database& db, std::int64_t patientId, const PatientFigures& f) {
    auto lease = sql::connectionOf(db).cached(
        "INSERT INTO patient_summary (patient_id, visit_count, film_count, last_visit, latest_msasss, "
        "latest_msasss_date, latest_asdas, latest_asdas_marker, latest_asdas_state, latest_asdas_date, "
        "progressor, search_key, search_initials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
        "(patient_id) DO "
        "UPDATE SET "
        "visit_count = excluded.visit_count, film_count = excluded.film_count, last_visit = "
        "excluded.last_visit, latest_msasss = excluded.latest_msasss, latest_msasss_date = "
        "excluded.latest_msasss_date, latest_asdas = excluded.latest_asdas, latest_asdas_marker = "
        "excluded.latest_asdas_marker, latest_asdas_state = excluded.latest_asdas_state, "
        "latest_asdas_date = excluded.latest_asdas_date, progressor = excluded.progressor, "
        "search_key = excluded.search_key, search_initials = excluded.search_initials");
    sql::Statement& write = *lease;
    write.bind(1, patientId);
    write.bind(2, f.visitCount);
    write.bind(3, f.filmCount);
    bindOptional(write, 4, f.lastVisit);
    bindOptional(write, 5, f.latestMsasss);
    bindOptional(write, 6, f.latestMsasssDate);
    bindOptional(write, 7, f.latestAsdas);
    bindOptionalText(write, 8,
                     f.latestAsdasMarker ? std::optional<std::string>(core::toString(*f.latestAsdasMarker))
                                         : std::nullopt);
    bindOptionalText(
        write, 9,
        f.latestAsdasState ? std::optional<std::string>(core::toString(*f.latestAsdasState)) : std::nullopt);
    bindOptional(write, 10, f.latestAsdasDate);
    if (f.progressor)
        write.bind(11, *f.progressor ? 1 : 0);
    else
        write.bind(11);
    write.bind(12, f.searchKey);
    write.bind(13, f.searchInitials);
    write.exec();
}

void refresh(Database& db, std::int64_t patientId, const core::Settings& settings) {
    const auto history = HistoryReader(db).load(patientId);
    if (!history)
        return;  // deleted in the same transaction: its row went with it (ON DELETE CASCADE)
    writeFigures(db, patientId, computeFigures(*history, settings));
}

std::int64_t patientOf(Database& db, const std::string& sql, std::int64_t id, const std::string& what) {
    auto lease = sql::connectionOf(db).cached(sql);
    sql::Statement& query = *lease;
    query.bind(1, id);
    if (!query.executeStep())
        throw StorageError(what + " " + std::to_string(id) + " does not exist");
    return query.getColumn(0).getInt64();
}

}  // namespace

core::AsdasMarker storedAsdasMarker(const std::string& text) {
    return text == "esr" ? core::AsdasMarker::Esr : core::AsdasMarker::Crp;
}

core::AsdasState storedAsdasState(const std::string& text) {
    for (core::AsdasState state : {core::AsdasState::Inactive, core::AsdasState::Low, core::AsdasState::High,
                                   core::AsdasState::VeryHigh})
        if (core::toString(state) == text)
            return state;
    throw StorageError("reading patient_summary: unknown ASDAS state '" + text + "'");
}

PatientFigures computeFigures(const core::PatientHistory& history, const core::Settings& settings) {
    PatientFigures f;
    SearchKey search = searchKey(history.patient);
    f.searchKey = std::move(search.key);
    f.searchInitials = std::move(search.initials);
    f.visitCount = static_cast<int>(history.visits.size());
    f.filmCount = static_cast<int>(history.films.size());
    if (!history.visits.empty())
        f.lastVisit = history.visits.back().date;
    // Histories come in date order: walk back to the latest computable value.
    for (auto film = history.films.rbegin(); film != history.films.rend(); ++film) {
        const core::FilmScore score = core::scoreFilm(*film, settings.msasss);
        if (score.value) {
            f.latestMsasss = score.value;
            f.latestMsasssDate = film->date;
            break;
        }
    }
    for (auto visit = history.visits.rbegin(); visit != history.visits.rend(); ++visit) {
        // A visit with a hard error (possible only in data written around the app) has no ASDAS, as
        // in the record, the report and the export; it must not stop this write or the migration.
        core::VisitScores scores;
        try {
            scores = core::scoreVisit(history.patient, *visit, history.films, settings);
        } catch (const core::ValidationError&) {
            continue;
        }
        const core::AsdasResult& asdas = scores.asdasCrp.value ? scores.asdasCrp : scores.asdasEsr;
        if (asdas.value) {
            f.latestAsdas = asdas.value;
            f.latestAsdasMarker = asdas.marker;
            f.latestAsdasState = asdas.state;
            f.latestAsdasDate = visit->date;
            break;
        }
    }
    if (history.films.size() >= 2)
        f.progressor = core::reviewProgression(history.films, settings).progressor;
    return f;
}

void patientDataChanged(Database& db, std::int64_t patientId) {
    if (const auto batch = openBatches.find(&db); batch != openBatches.end()) {
        batch->second->note(patientId);
        return;
    }
    refresh(db, patientId, readSettings(db));
}

std::int64_t patientOfFilm(Database& db, std::int64_t filmId) {
    return patientOf(db, "SELECT patient_id FROM film WHERE id = ?", filmId, "film");
}

std::int64_t patientOfReading(Database& db, std::int64_t readingId) {
    return patientOf(db, "SELECT f.patient_id FROM reading r JOIN film f ON f.id = r.film_id WHERE r.id = ?",
                     readingId, "reading");
}

std::optional<std::int64_t> readingIdOf(Database& db, std::int64_t filmId, const std::string& reader) {
    auto lease = sql::connectionOf(db).cached(
        "SELECT r.id FROM reading r JOIN reader rd ON rd.id = r.reader_id WHERE r.film_id = ? AND rd.name = "
        "?");
    sql::Statement& query = *lease;
    query.bind(1, filmId);
    query.bind(2, reader);
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

void rebuildPatientSummaries(Database& db) {
    const core::Settings settings = readSettings(db);
    sql::connectionOf(db).exec("DELETE FROM patient_summary");
    HistoryReader(db).forEach([&](std::int64_t patientId, const core::PatientHistory& history) {
        writeFigures(db, patientId, computeFigures(history, settings));
    });
}

SummaryBatch::SummaryBatch(Database& db) : m_db(db) {
    const auto open = openBatches.find(&db);
    m_outer = open == openBatches.end() ? nullptr : open->second;
    openBatches[&db] = this;
}

SummaryBatch::~SummaryBatch() {
    if (m_outer) {
        // A nested batch hands what it did not flush to the outer one.
        for (std::int64_t id : m_patients)
            m_outer->note(id);
        openBatches[&m_db] = m_outer;
    } else {
        openBatches.erase(&m_db);
    }
}

void SummaryBatch::flush() {
    if (m_patients.empty())
        return;
    const core::Settings settings = readSettings(m_db);
    for (std::int64_t id : m_patients)
        refresh(m_db, id, settings);
    m_patients.clear();
}

std::optional<PatientFigures> readFigures(Database& db, std::int64_t patientId) {
    auto lease = sql::connectionOf(db).cached(
        "SELECT visit_count, film_count, last_visit, latest_msasss, latest_msasss_date, latest_asdas, "
        "latest_asdas_marker, latest_asdas_state, latest_asdas_date, progressor, search_key, "
        "search_initials FROM patient_summary WHERE patient_id = ?");
    sql::Statement& query = *lease;
    query.bind(1, patientId);
    if (!query.executeStep())
        return std::nullopt;
    PatientFigures f;
    f.visitCount = query.getColumn(0).getInt();
    f.filmCount = query.getColumn(1).getInt();
    f.lastVisit = optionalDate(query.getColumn(2));
    f.latestMsasss = optionalDouble(query.getColumn(3));
    f.latestMsasssDate = optionalDate(query.getColumn(4));
    f.latestAsdas = optionalDouble(query.getColumn(5));
    if (!query.getColumn(6).isNull())
        f.latestAsdasMarker = storedAsdasMarker(query.getColumn(6).getString());
    if (!query.getColumn(7).isNull())
        f.latestAsdasState = storedAsdasState(query.getColumn(7).getString());
    f.latestAsdasDate = optionalDate(query.getColumn(8));
    if (!query.getColumn(9).isNull())
        f.progressor = query.getColumn(9).getInt() != 0;
    f.searchKey = query.getColumn(10).getString();
    f.searchInitials = query.getColumn(11).getString();
    return f;
}

}  // namespace ankylos::storage
