#include "storage/treatment_repository.h"

#include "storage/audit.h"
#include "storage/errors.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

void bindEpisode(sql::Statement& statement, int index, const core::TreatmentEpisode& episode) {
    statement.bind(index++, episode.drugId);
    statement.bind(index++, episode.brand);
    statement.bind(index++, core::toIsoString(episode.start));
    bindOptional(statement, index++, episode.stop);
    statement.bind(index++, episode.doseAndFrequency);
    statement.bind(index++, core::toString(episode.route));
    if (episode.stopReason)
        statement.bind(index, core::toString(*episode.stopReason));
    else
        statement.bind(index);
}

/// The episode as the user knows it, for messages: "Adalimumab from 2020-01-01 of AS-0001".
std::string episodeName(Database& db, std::int64_t patientId, const core::TreatmentEpisode& episode) {
    const core::Drug* drug = core::findDrug(episode.drugId);
    const auto patient = PatientRepository(db).find(patientId);
    return (drug ? drug->label : episode.drugId) + " from " + core::toIsoString(episode.start) + " of " +
           (patient ? patient->patient.clinicId : "?");
}

nlohmann::json withPatient(const core::TreatmentEpisode& episode, std::int64_t patientId) {
    nlohmann::json image = toJson(episode);
    image["patient_id"] = patientId;  // `check` compares the row's patient with the trail's
    return image;
}

}  // namespace

core::TreatmentEpisode treatmentFrom(sql::Statement& q, int c) {
    core::TreatmentEpisode episode;
    episode.drugId = q.getColumn(c).getString();
    episode.brand = q.getColumn(c + 1).getString();
    episode.start = dateOf(q.getColumn(c + 2));
    episode.stop = optionalDate(q.getColumn(c + 3));
    episode.doseAndFrequency = q.getColumn(c + 4).getString();
    episode.route = core::parseRoute(q.getColumn(c + 5).getString());
    if (!q.getColumn(c + 6).isNull())
        episode.stopReason = core::parseStopReason(q.getColumn(c + 6).getString());
    return episode;
}

std::vector<StoredEpisode> TreatmentRepository::forPatient(std::int64_t patientId) {
    sql::Statement query(sql::connectionOf(m_db),
                         std::string("SELECT id, ") + kTreatmentColumns +
                             " FROM treatment_episode WHERE patient_id = ? ORDER BY start_date, drug, id");
    query.bind(1, patientId);
    std::vector<StoredEpisode> episodes;
    while (query.executeStep())
        episodes.push_back({query.getColumn(0).getInt64(), treatmentFrom(query, 1)});
    return episodes;
}

void TreatmentRepository::validateCourse(std::int64_t patientId, std::optional<std::int64_t> replaced,
                                         const std::vector<core::TreatmentEpisode>& added) {
    const auto patient = PatientRepository(m_db).find(patientId);
    if (!patient)
        throw StorageError("patient " + std::to_string(patientId) + " does not exist");
    // The new episodes first, so that their problems are listed before an older episode's.
    std::vector<core::TreatmentEpisode> course = added;
    for (const StoredEpisode& stored : forPatient(patientId))
        if (stored.id != replaced)
            course.push_back(stored.episode);
    core::validateTreatmentCourse(course, patient->patient.birth, localToday()).throwIfErrors();
}

std::int64_t TreatmentRepository::insert(std::int64_t patientId, const core::TreatmentEpisode& episode) {
    sql::Statement statement(sql::connectionOf(m_db),
                             std::string("INSERT INTO treatment_episode (patient_id, ") + kTreatmentColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    statement.bind(1, patientId);
    bindEpisode(statement, 2, episode);
    const std::int64_t id = statement.execReturningId();
    appendAudit(m_db, m_db.user(),
                {"treatment_episode", id, AuditAction::Insert, nullptr, withPatient(episode, patientId), ""});
    return id;
}

std::int64_t TreatmentRepository::add(std::int64_t patientId, const core::TreatmentEpisode& episode) {
    Transaction transaction(m_db);
    validateCourse(patientId, std::nullopt, {episode});
    const std::int64_t id = insert(patientId, episode);
    transaction.commit();
    return id;
}

std::pair<std::int64_t, core::TreatmentEpisode> TreatmentRepository::find(std::int64_t episodeId) {
    sql::Statement query(sql::connectionOf(m_db), std::string("SELECT patient_id, ") + kTreatmentColumns +
                                                      " FROM treatment_episode WHERE id = ?");
    query.bind(1, episodeId);
    if (!query.executeStep())
        throw StorageError("treatment episode " + std::to_string(episodeId) + " does not exist");
    return {query.getColumn(0).getInt64(), treatmentFrom(query, 1)};
}

void TreatmentRepository::write(std::int64_t episodeId, const core::TreatmentEpisode& episode,
                                const std::string& reason, std::optional<std::int64_t> openedAt) {
    const auto [patientId, old] = find(episodeId);
    requireUnchangedSince(m_db, "treatment_episode", episodeId, openedAt,
                          [&] { return episodeName(m_db, patientId, old); });
    if (toJson(old) == toJson(episode))
        return;  // nothing changed: no write, no audit row
    validateCourse(patientId, episodeId, {episode});
    // The audit row first: it refuses a change without a reason before anything is written.
    appendAudit(m_db, m_db.user(),
                {"treatment_episode", episodeId, AuditAction::Update, toJson(old), toJson(episode), reason});
    sql::Statement statement(
        sql::connectionOf(m_db),
        "UPDATE treatment_episode SET drug = ?, brand = ?, start_date = ?, stop_date = ?, "
        "dose_and_frequency = ?, route = ?, stop_reason = ? WHERE id = ?");
    bindEpisode(statement, 1, episode);
    statement.bind(8, episodeId);
    statement.exec();
}

void TreatmentRepository::update(std::int64_t episodeId, const core::TreatmentEpisode& episode,
                                 const std::string& reason, std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    write(episodeId, episode, reason, openedAt);
    transaction.commit();
}

namespace {

/// The episode stopped on lastDay, and the audit reason saying so.
std::pair<core::TreatmentEpisode, std::string> stopped(const core::TreatmentEpisode& episode,
                                                       core::Date lastDay,
                                                       std::optional<core::StopReason> why) {
    if (!episode.ongoing())
        throw core::ValidationError(
            "stop date", core::toIsoString(lastDay),
            "an ongoing episode (this one stopped on " + core::toIsoString(*episode.stop) + ")");
    core::TreatmentEpisode result = episode;
    result.stop = lastDay;
    result.stopReason = why;
    return {result, "stopped" + (why ? ": " + core::stopReasonLabel(*why) : std::string())};
}

}  // namespace

void TreatmentRepository::stop(std::int64_t episodeId, core::Date lastDay,
                               std::optional<core::StopReason> why) {
    Transaction transaction(m_db);
    const auto [episode, reason] = stopped(find(episodeId).second, lastDay, why);
    write(episodeId, episode, reason, std::nullopt);
    transaction.commit();
}

std::int64_t TreatmentRepository::switchTo(std::int64_t episodeId, std::optional<core::StopReason> why,
                                           const core::TreatmentEpisode& next) {
    Transaction transaction(m_db);
    const auto [patientId, current] = find(episodeId);
    const auto [ended, reason] = stopped(current, next.start - boost::gregorian::days(1), why);
    const core::Drug* drug = core::findDrug(next.drugId);
    validateCourse(patientId, episodeId, {next, ended});
    write(episodeId, ended, reason + "; switched to " + (drug ? drug->label : next.drugId), std::nullopt);
    const std::int64_t id = insert(patientId, next);
    transaction.commit();
    return id;
}

void TreatmentRepository::remove(std::int64_t episodeId, const std::string& reason,
                                 std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    const auto [patientId, old] = find(episodeId);
    requireUnchangedSince(m_db, "treatment_episode", episodeId, openedAt,
                          [&] { return episodeName(m_db, patientId, old); });
    appendAudit(
        m_db, m_db.user(),
        {"treatment_episode", episodeId, AuditAction::Delete, withPatient(old, patientId), nullptr, reason});
    sql::Statement statement(sql::connectionOf(m_db), "DELETE FROM treatment_episode WHERE id = ?");
    statement.bind(1, episodeId);
    statement.exec();
    transaction.commit();
}

}  // namespace ankylos::storage
