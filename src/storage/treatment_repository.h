#pragma once
/// A patient's treatment course (docs/methods.md 10): episodes started, stopped, switched, corrected
/// and removed, each in one transaction with its audit row. Every change is checked against the
/// whole course (core::validateTreatmentCourse): no stop before its start, no date in the future or
/// before birth, no two episodes of one drug on the same day.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/treatment.h"
#include "storage/database.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

/// The treatment_episode columns after patient_id and id, in the order treatmentFrom() reads them.
inline constexpr const char* kTreatmentColumns =
    "drug, brand, start_date, stop_date, dose_and_frequency, route, stop_reason";

/// The episode from the kTreatmentColumns starting at firstColumn.
core::TreatmentEpisode treatmentFrom(sql::Statement& query, int firstColumn);

/// An episode as stored, with its row id.
struct StoredEpisode {
    std::int64_t id = 0;
    core::TreatmentEpisode episode;
};

class TreatmentRepository {
public:
    explicit TreatmentRepository(Database& db) : m_db(db) {}

    /// Starts (or records a past) episode. Throws ValidationError naming every problem.
    std::int64_t add(std::int64_t patientId, const core::TreatmentEpisode& episode);

    /// Corrects an episode; reason is required. openedAt as for visits (storage/audit.h
    /// auditVersion): throws ChangedSinceOpened, writing nothing, when someone changed it since.
    void update(std::int64_t episodeId, const core::TreatmentEpisode& episode, const std::string& reason,
                std::optional<std::int64_t> openedAt = std::nullopt);

    /// Stops an ongoing episode: lastDay is its last day on the drug. The audit row's reason says
    /// it was stopped and why.
    void stop(std::int64_t episodeId, core::Date lastDay, std::optional<core::StopReason> why);

    /// Stops an ongoing episode the day before next starts and starts next, in one transaction (a
    /// switch: docs/methods.md 10). Returns next's id.
    std::int64_t switchTo(std::int64_t episodeId, std::optional<core::StopReason> why,
                          const core::TreatmentEpisode& next);

    /// Removes an episode entered in error; reason is required.
    void remove(std::int64_t episodeId, const std::string& reason,
                std::optional<std::int64_t> openedAt = std::nullopt);

    /// The patient's episodes, by start date then drug.
    std::vector<StoredEpisode> forPatient(std::int64_t patientId);

private:
    /// The stored episode's patient and the episode; throws StorageError when there is none.
    std::pair<std::int64_t, core::TreatmentEpisode> find(std::int64_t episodeId);
    std::int64_t insert(std::int64_t patientId, const core::TreatmentEpisode& episode);
    void write(std::int64_t episodeId, const core::TreatmentEpisode& episode, const std::string& reason,
               std::optional<std::int64_t> openedAt);
    /// Throws ValidationError unless the patient's course with this change is valid.
    void validateCourse(std::int64_t patientId, std::optional<std::int64_t> replaced,
                        const std::vector<core::TreatmentEpisode>& added);
    Database& m_db;
};

}  // namespace ankylos::storage
