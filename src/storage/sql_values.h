#pragma once
/// Moving optional values and dates between SQLite statements and core types.

#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>

#include "core/patient.h"

namespace ankylos::storage {

inline void bindOptional(SQLite::Statement& statement, int index, const std::optional<double>& value) {
    if (value) statement.bind(index, *value);
    else statement.bind(index);  // NULL
}

inline void bindOptional(SQLite::Statement& statement, int index, const std::optional<core::Date>& value) {
    if (value) statement.bind(index, core::toIsoString(*value));
    else statement.bind(index);
}

inline std::optional<double> optionalDouble(const SQLite::Column& column) {
    return column.isNull() ? std::nullopt : std::optional<double>(column.getDouble());
}

inline std::optional<core::Date> optionalDate(const SQLite::Column& column) {
    return column.isNull() ? std::nullopt : std::optional<core::Date>(core::parseIsoDate(column.getString(), column.getName()));
}

inline core::Date dateOf(const SQLite::Column& column) { return core::parseIsoDate(column.getString(), column.getName()); }

/// Today's local date, for "not in the future" checks.
core::Date localToday();

}  // namespace ankylos::storage
