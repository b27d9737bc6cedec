#pragma once
/// Loading patients' full histories (visits with BMD and labs, films with readings and site
/// scores, pelvic films, the treatment course, CT scans with their CTSS readings) in a fixed number of
/// queries, never one query per visit or site.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/patient_history.h"
#include "storage/database.h"
#include "storage/history_source.h"

namespace ankylos::storage {

/// What to load.
enum class HistoryParts {
    All,
    FilmsOnly,           ///< the patient, the films with their readings, the treatment course and the CT
                         ///< scans (what progression and exposure need)
    FirstAndLastVisits,  ///< the patient, the first and last visit with their BMD and labs, and the films
                         ///< treatment course and CT scans (what a cohort summary needs); no pelvic films or
                         ///< sign-offs
};

/// The database rows a history was read from, parallel to its vectors.
struct HistoryRowIds {
    std::vector<std::int64_t> visits;
    std::vector<std::int64_t> films;
    std::vector<std::vector<std::int64_t>> readings;  ///< per film, parallel to its readings
    std::vector<std::int64_t> pelvicFilms;
    std::vector<std::int64_t> treatments;
    std::vector<std::int64_t> ctScans;
    std::vector<std::vector<std::int64_t>> ctReadings;  ///< per CT scan, parallel to its readings
};

class HistoryReader : public HistorySource {
public:
    explicit HistoryReader(Database& db, HistoryParts parts = HistoryParts::All) : m_db(db), m_parts(parts) {}

    /// One patient's history (11 queries), or nullopt when there is no such patient.
    std::optional<core::PatientHistory> load(std::int64_t patientId);

    /// The number of patients in the database.
    std::size_t count() override;

    /// Every patient in the order they were added, one at a time: memory stays constant however
    /// large the cohort, and the whole cohort takes the same 11 queries.
    void forEach(const Handler& handle) override;

    /// forEach, with the row ids of every part of each history (what `check` compares). The handler
    /// may move the history away: the reader does not use it again.
    using RowHandler =
        std::function<void(std::int64_t patientId, core::PatientHistory&, const HistoryRowIds&)>;
    void forEachWithRowIds(const RowHandler& handle);

private:
    void read(std::optional<std::int64_t> onlyPatient, const RowHandler& handle);
    Database& m_db;
    HistoryParts m_parts;
};

}  // namespace ankylos::storage
