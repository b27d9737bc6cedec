#pragma once
/// The visit columns of the ASAS core set beyond BASDAI, ASDAS, BASFI and BASMI (docs/methods.md 9;
/// schema version 9): one place that names them, binds them and reads them back, for the visit's
/// writes and the history reader.

#include <string>
#include <vector>

#include "core/asas_core_set.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

/// physician_global, mases_costochondral_1_left, ..., ibd_last_episode, in binding order.
const std::vector<std::string>& coreSetColumnNames();
/// The same, joined: "physician_global, mases_costochondral_1_left, ...".
const std::string& coreSetColumns();

/// Binds the core set to one parameter per column, starting at index; returns the index
/// after the last.
int bindCoreSet(sql::Statement& statement, int index, const core::AsasCoreSet& items);

/// The core set from its columns starting at firstColumn.
core::AsasCoreSet coreSetFrom(sql::Statement& query, int firstColumn);

}  // namespace ankylos::storage
