#pragma once
/// Moving optional values and dates between statements and core types.

#include <optional>
#include <string>

#include "core/patient.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

inline void bindOptional(sql::Statement& statement, int index, const std::optional<double>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);  // NULL
}

inline void bindOptional(sql::Statement& statement, int index, const std::optional<core::Date>& value) {
    if (value)
        statement.bind(index, core::toIsoString(*value));
    else
        statement.bind(index);
}

inline std::optional<double> optionalDouble(const sql::Column& column) {
    return column.isNull() ? std::nullopt : std::optional<double>(column.getDouble());
}

inline std::optional<core::Date> optionalDate(const sql::Column& column) {
    return column.isNull()
               ? std::nullopt
               : std::optional<core::Date>(core::parseIsoDate(column.getString(), column.getName()));
}

inline core::Date dateOf(const sql::Column& column) {
    return core::parseIsoDate(column.getString(), column.getName());
}

}  // namespace ankylos::storage
