#include "storage/settings_store.h"

#include "storage/sql/connection.h"

namespace ankylos::storage {

core::Settings readSettings(Database& db) {
    core::Settings settings;
    sql::Statement query(sql::connectionOf(db), "SELECT name, value FROM setting ORDER BY name");
    while (query.executeStep())
        settings.set(query.getColumn(0).getString(), query.getColumn(1).getString());
    return settings;
}

}  // namespace ankylos::storage
