#pragma once
/// The registered film readers. A reader is one person: names are matched without regard to case
/// ("reader a" is "Reader A", "ÉRIC" is "éric"; core::foldCase), because the all-readers-agree event
/// rule (docs/methods.md 1.4) counts readers, and one person under two spellings would count twice.
/// Readers are registered deliberately (the desktop's "Add reader...", or an import naming a new
/// reader), never as a side effect of saving a reading.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace ankylos::storage {

struct Reader {
    std::int64_t id = 0;
    std::string name;  ///< as registered
};

class ReaderRepository {
public:
    explicit ReaderRepository(Database& db) : m_db(db) {}

    /// Every registered reader, ordered by name without regard to case.
    std::vector<Reader> list();
    /// The registered reader whose name matches `name` ignoring case and surrounding spaces. A file
    /// written before readers were matched this way may hold two spellings: the first registered wins.
    std::optional<Reader> find(const std::string& name);
    /// Registers a reader (name trimmed). Throws ValidationError when the name is
    /// empty, or matches a registered reader ignoring case (the message names that reader).
    Reader add(const std::string& name);
    /// The registered reader matching `name`; throws ValidationError naming the registered readers
    /// when there is none.
    Reader require(const std::string& name);

private:
    Database& m_db;
};

}  // namespace ankylos::storage
