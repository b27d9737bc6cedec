#include "storage/settings_store.h"

#include <SQLiteCpp/Statement.h>

namespace ankylos::storage {

core::Settings readSettings(Database& db) {
    core::Settings settings;
    SQLite::Statement query(db.sql(), "SELECT name, value FROM setting ORDER BY name");
    while (query.executeStep()) settings.set(query.getColumn(0).getString(), query.getColumn(1).getString());
    return settings;
}

}  // namespace ankylos::storage
