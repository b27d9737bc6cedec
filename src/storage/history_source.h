#pragma once
/// A stream of patients' whole histories: what reports and exports consume instead of a database.
/// storage::HistoryReader streams them from the database; a test or a generator may stream
/// histories it holds in memory. Nothing here names an engine, a connection or SQL.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "core/patient_history.h"

namespace ankylos::storage {

class HistorySource {
public:
    using Handler = std::function<void(std::int64_t patientId, const core::PatientHistory& history)>;

    virtual ~HistorySource() = default;

    /// How many histories forEach gives (for progress bars; read before the stream starts).
    virtual std::size_t count() = 0;

    /// Every history, one at a time, in the order the patients were added; patientId is the
    /// source's own key of the patient. Throws what the source throws (storage::StorageError).
    virtual void forEach(const Handler& handle) = 0;
};

}  // namespace ankylos::storage
