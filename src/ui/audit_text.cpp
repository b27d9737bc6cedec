#include "ui/audit_text.h"

#include <wx/intl.h>

#include <nlohmann/json.hpp>

#include "core/format.h"
#include "storage/audit.h"
#include "ui/display.h"

namespace ankylos::ui {

namespace {

using nlohmann::json;

json parsedOrNull(const std::string& text) {
    return text.empty() ? json() : json::parse(text, nullptr, false);
}

/// Nothing entered: null, an empty text, list or group, or a group whose values are all empty.
bool isEmpty(const json& value) {
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty()))
        return true;
    if (value.is_array() || value.is_object()) {
        for (const json& item : value)
            if (!isEmpty(item))
                return false;
        return true;
    }
    return false;
}

wxString valueText(const json& value);

/// A group of values ("schober_cm: 4.5, intermalleolar_cm: 90"), its empty entries left out.
wxString groupText(const json& group) {
    wxString text;
    for (auto it = group.begin(); it != group.end(); ++it)
        if (!isEmpty(it.value()))
            text += (text.empty() ? "" : ", ") + fromUtf8(it.key()) + ": " + valueText(it.value());
    return text;
}

/// A value as people read it: text as is, numbers shortest (2.5), yes/no, groups and lists spelled out.
wxString valueText(const json& value) {
    if (value.is_null())
        return _("not recorded");
    if (value.is_string())
        return fromUtf8(value.get<std::string>());
    if (value.is_boolean())
        return value.get<bool>() ? _("yes") : _("no");
    if (value.is_number())
        return fromUtf8(core::formatNumber(value.get<double>()));
    if (value.is_object())
        return groupText(value);
    wxString text;
    for (const json& item : value)
        text += (text.empty() ? "" : "; ") + wxString("(") + valueText(item) + ")";
    return text;
}

/// The one label of a field, the same on change and insert rows.
wxString fieldLine(const std::string& key, const wxString& value) {
    return fromUtf8(key) + ": " + value;
}

std::vector<wxString> changedLines(const json& oldValues, const json& newValues) {
    std::vector<wxString> lines;
    for (auto it = newValues.begin(); it != newValues.end(); ++it) {
        const json before = oldValues.contains(it.key()) ? oldValues[it.key()] : json();
        if (before != it.value())
            lines.push_back(fieldLine(
                it.key(), valueText(before) + wxString::FromUTF8(" \u2192 ") + valueText(it.value())));
    }
    for (auto it = oldValues.begin(); it != oldValues.end(); ++it)
        if (!newValues.contains(it.key()))
            lines.push_back(fieldLine(it.key(), _("removed")));
    if (lines.empty())
        lines.push_back(_("no field changed"));
    return lines;
}

}  // namespace

wxString auditSubject(const storage::AuditRow& row) {
    const json values = parsedOrNull(row.action == "delete" ? row.oldValues : row.newValues);
    const auto field = [&](const char* key) {
        return values.is_object() && values.contains(key) ? valueText(values[key]) : wxString();
    };
    if (row.table == "patient")
        return _("patient details");
    if (row.table == "visit")
        return wxString::Format(_("visit %s"), field("visit_date"));
    if (row.table == "film")
        return wxString::Format(_("film %s"), field("film_date"));
    if (row.table == "reading")
        return wxString::Format(_("reading by %s"), field("reader"));
    if (row.table == "sacroiliitis")
        return wxString::Format(_("pelvic film %s"), field("film_date"));
    return fromUtf8(row.table);
}

std::vector<wxString> auditChangeLines(const storage::AuditRow& row) {
    const json oldValues = parsedOrNull(row.oldValues);
    const json newValues = parsedOrNull(row.newValues);
    if (row.action == "update" && oldValues.is_object() && newValues.is_object())
        return changedLines(oldValues, newValues);
    if (row.action == "delete")
        return {_("deleted (the trail keeps every old value)")};
    std::vector<wxString> lines;
    if (newValues.is_object()) {
        for (auto it = newValues.begin(); it != newValues.end(); ++it)
            if (!isEmpty(it.value()))
                lines.push_back(fieldLine(it.key(), valueText(it.value())));
    } else if (!newValues.is_null()) {
        lines.push_back(valueText(newValues));
    }
    return lines;
}

wxString joinedLines(const std::vector<wxString>& lines) {
    wxString text;
    for (const wxString& line : lines)
        text += (text.empty() ? "" : "; ") + line;
    return text;
}

}  // namespace ankylos::ui
