#pragma once
/// Visits with their BMD and laboratory values: save, change, delete, each audited in the same
/// transaction. Hard errors are refused; soft warnings must be confirmed, and the confirmation is
/// recorded (docs/methods.md 8).

#include <cstdint>
#include <optional>
#include <string>

#include "core/visit.h"
#include "storage/database.h"

namespace ankylos::storage {

class VisitRepository {
public:
    explicit VisitRepository(Database& db) : m_db(db) {}

    /// Throws ValidationError listing every hard error, or listing the soft warnings when they
    /// were not confirmed (warningsConfirmed = false). Visit dates are unique per patient.
    std::int64_t add(std::int64_t patientId, const core::Visit& visit, bool warningsConfirmed = false);
    /// openedAt: the version the user opened the visit at (storage/audit.h auditVersion); throws
    /// ChangedSinceOpened, writing nothing, when someone changed the visit since. No check without it.
    void update(std::int64_t visitId, const core::Visit& visit, const std::string& reason,
                bool warningsConfirmed = false, std::optional<std::int64_t> openedAt = std::nullopt);
    void remove(std::int64_t visitId, const std::string& reason,
                std::optional<std::int64_t> openedAt = std::nullopt);

    /// The id of the patient's visit on that date.
    std::optional<std::int64_t> idOf(std::int64_t patientId, core::Date date);

private:
    void validate(std::int64_t patientId, std::optional<std::int64_t> self, const core::Visit& visit,
                  bool warningsConfirmed, std::vector<core::Problem>& confirmed);
    void writeDetails(std::int64_t visitId, const core::Visit& visit,
                      const std::vector<core::Problem>& confirmed);
    Database& m_db;
};

}  // namespace ankylos::storage
