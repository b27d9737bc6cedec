#include "storage/core_set_columns.h"

#include <optional>

#include "storage/sql/values.h"

namespace ankylos::storage {

namespace {

void bindInt(sql::Statement& statement, int index, const std::optional<int>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

std::optional<int> optionalInt(const sql::Column& column) {
    return column.isNull() ? std::nullopt : std::optional<int>(column.getInt());
}

}  // namespace

const std::vector<std::string>& coreSetColumnNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> list = {"physician_global"};
        for (core::MasesSite site : core::allMasesSites())
            list.push_back("mases_" + core::masesSiteId(site));
        for (const char* count : {"swollen_joint_count", "tender_joint_count", "dactylitis_digits"})
            list.push_back(count);
        for (core::Manifestation m : core::allManifestations()) {
            list.push_back(core::toString(m));
            list.push_back(core::toString(m) + "_last_episode");
        }
        return list;
    }();
    return names;
}

const std::string& coreSetColumns() {
    static const std::string joined = [] {
        std::string text;
        for (const std::string& name : coreSetColumnNames())
            text += (text.empty() ? "" : ", ") + name;
        return text;
    }();
    return joined;
}

int bindCoreSet(sql::Statement& statement, int index, const core::AsasCoreSet& items) {
    bindOptional(statement, index++, items.physicianGlobal);
    for (const std::optional<bool>& tender : items.mases.sites)
        bindInt(statement, index++, tender ? std::optional<int>(*tender ? 1 : 0) : std::nullopt);
    bindInt(statement, index++, items.swollenJointCount);
    bindInt(statement, index++, items.tenderJointCount);
    bindInt(statement, index++, items.dactylitisDigits);
    for (const std::optional<core::ManifestationRecord>& record : items.manifestations) {
        if (record)
            statement.bind(index++, core::toString(record->status));
        else
            statement.bind(index++);
        bindOptional(statement, index++, record ? record->lastEpisode : std::nullopt);
    }
    return index;
}

core::AsasCoreSet coreSetFrom(sql::Statement& query, int column) {
    core::AsasCoreSet items;
    items.physicianGlobal = optionalDouble(query.getColumn(column++));
    for (std::optional<bool>& tender : items.mases.sites) {
        if (const auto value = optionalInt(query.getColumn(column++)))
            tender = *value != 0;
    }
    items.swollenJointCount = optionalInt(query.getColumn(column++));
    items.tenderJointCount = optionalInt(query.getColumn(column++));
    items.dactylitisDigits = optionalInt(query.getColumn(column++));
    for (core::Manifestation m : core::allManifestations()) {
        const sql::Column status = query.getColumn(column++);
        const std::optional<core::Date> lastEpisode = optionalDate(query.getColumn(column++));
        if (!status.isNull())
            items.at(m) = core::ManifestationRecord{
                core::parseManifestationStatus(status.getString(), core::toString(m)), lastEpisode};
    }
    return items;
}

}  // namespace ankylos::storage
