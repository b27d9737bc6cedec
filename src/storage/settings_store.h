#pragma once
/// The clinical settings stored in a database (table `setting`), read into core::Settings.

#include "core/settings.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The database's settings; a stored value the core refuses throws ValidationError naming it.
core::Settings readSettings(Database& db);

}  // namespace ankylos::storage
