#pragma once
/// Low-dose CT scans of the spine and their CTSS readings (docs/methods.md 12), one per registered
/// reader, stored as films and their readings are (film_repository.h): every change audited in the
/// same transaction, refused input leaves nothing written.

#include <cstdint>
#include <optional>
#include <string>

#include "core/ctss.h"
#include "storage/database.h"
#include "storage/reader_repository.h"

namespace ankylos::storage {

class CtScanRepository {
public:
    explicit CtScanRepository(Database& db) : m_db(db) {}

    /// The scan of the patient (date, scanner, whole spine) with the readings it holds, in one
    /// transaction. Throws ValidationError, writing nothing, when core::validateCtScan refuses it, the
    /// patient has a scan on that date already, or a reader is not registered (matched as
    /// FilmRepository::addReading matches, and stored under the registered name).
    std::int64_t addScan(std::int64_t patientId, const core::CtScan& scan);
    /// Corrects a scan's date, scanner or coverage (its readings are left as they are), checked as
    /// addScan; saved unchanged it writes nothing (no audit row). openedAt: the version the user opened
    /// the scan at (storage/audit.h auditVersion); throws ChangedSinceOpened, writing nothing, when
    /// someone changed the scan since.
    void updateScan(std::int64_t scanId, const core::CtScan& scan, const std::string& reason,
                    std::optional<std::int64_t> openedAt = std::nullopt);
    /// Deletes the scan with its readings; openedAt as for updateScan.
    void removeScan(std::int64_t scanId, const std::string& reason,
                    std::optional<std::int64_t> openedAt = std::nullopt);

    /// Adds one reader's CTSS of the scan. The reader must be registered; a reader reads a scan once.
    std::int64_t addReading(std::int64_t scanId, const core::CtssReading& reading);
    /// As addReading for the reader; a reading saved unchanged writes nothing (no audit row); openedAt
    /// as for updateScan.
    void updateReading(std::int64_t readingId, const core::CtssReading& reading, const std::string& reason,
                       std::optional<std::int64_t> openedAt = std::nullopt);
    /// Deletes one reader's reading of a scan; openedAt as for updateScan.
    void removeReading(std::int64_t readingId, const std::string& reason,
                       std::optional<std::int64_t> openedAt = std::nullopt);

    std::optional<std::int64_t> scanId(std::int64_t patientId, core::Date date);
    /// The reader's reading of the scan (reader as stored), if there is one.
    std::optional<std::int64_t> readingId(std::int64_t scanId, const std::string& reader);

private:
    /// Refuses the scan as addScan does, excluding row `self` from the one scan per date.
    void checkScan(std::int64_t patientId, const core::CtScan& scan, std::optional<std::int64_t> self);
    /// Checks and inserts one reading of a scan the transaction has; returns its id.
    std::int64_t insertReading(std::int64_t scanId, const core::CtssReading& entered);
    void writeQuadrantScores(std::int64_t readingId, const core::CtssReading& reading);
    Database& m_db;
};

}  // namespace ankylos::storage
