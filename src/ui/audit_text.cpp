#include "ui/audit_text.h"

#include <wx/intl.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "core/asas_core_set.h"
#include "core/basdai.h"
#include "core/basfi.h"
#include "core/bmd.h"
#include "core/ctss.h"
#include "core/format.h"
#include "core/msasss.h"
#include "core/treatment.h"
#include "storage/audit.h"
#include "ui/display.h"
#include "ui/film_site_views.h"

namespace ankylos::ui {

namespace {

using nlohmann::json;

/// The label of each key the audit trail's values hold: storage/json_codec's patient, visit, film,
/// reading and pelvic-film rows (a deleted patient's whole history included) and a report's output
/// row (report/make_report.cpp). BASDAI and BASFI items are named by core (labelOf).
struct FieldLabel {
    const char* key;
    const char* label;  ///< marked for translation, translated when shown
};
constexpr FieldLabel kFieldLabels[] = {
    // Patient
    {"clinic_id", wxTRANSLATE("clinic ID")},
    {"name", wxTRANSLATE("name")},
    {"sex", wxTRANSLATE("sex")},
    {"birth_date", wxTRANSLATE("date of birth")},
    {"hla_b27", wxTRANSLATE("HLA-B27")},
    {"symptom_onset", wxTRANSLATE("symptom onset")},
    {"diagnosis_date", wxTRANSLATE("diagnosis date")},
    {"smoking", wxTRANSLATE("smoking")},
    {"notes", wxTRANSLATE("notes")},
    // Visit
    {"visit_date", wxTRANSLATE("visit date")},
    {"postmenopausal", wxTRANSLATE("postmenopausal")},
    {"patient_global", wxTRANSLATE("ASDAS patient global")},
    {"basmi", wxTRANSLATE("BASMI")},
    {"tragus_wall_left_cm", wxTRANSLATE("tragus-to-wall left (cm)")},
    {"tragus_wall_right_cm", wxTRANSLATE("tragus-to-wall right (cm)")},
    {"schober_cm", wxTRANSLATE("modified Schober (cm)")},
    {"cervical_rotation_left_deg", wxTRANSLATE("cervical rotation left (degrees)")},
    {"cervical_rotation_right_deg", wxTRANSLATE("cervical rotation right (degrees)")},
    {"lateral_flexion_left_cm", wxTRANSLATE("lateral lumbar flexion left (cm)")},
    {"lateral_flexion_right_cm", wxTRANSLATE("lateral lumbar flexion right (cm)")},
    {"intermalleolar_cm", wxTRANSLATE("intermalleolar distance (cm)")},
    {"bmd", wxTRANSLATE("BMD")},
    {"site", wxTRANSLATE("site")},
    {"bmd_g_cm2", wxTRANSLATE("BMD (g/cm2)")},
    {"t_score", wxTRANSLATE("T-score")},
    {"z_score", wxTRANSLATE("Z-score")},
    {"device", wxTRANSLATE("device")},
    {"vertebrae", wxTRANSLATE("vertebrae")},
    {"labs", wxTRANSLATE("laboratory values")},
    {"analyte", wxTRANSLATE("analyte")},
    {"value", wxTRANSLATE("value")},
    {"unit", wxTRANSLATE("unit")},
    {"below_lod", wxTRANSLATE("below the detection limit")},
    {"lod", wxTRANSLATE("detection limit")},
    {"assay", wxTRANSLATE("assay")},
    {"sample_type", wxTRANSLATE("sample type")},
    {"laboratory", wxTRANSLATE("laboratory")},
    {"sample_date", wxTRANSLATE("sample date")},
    // Film, reading, pelvic film
    {"film_date", wxTRANSLATE("film date")},
    {"reader", wxTRANSLATE("reader")},
    {"reading_date", wxTRANSLATE("reading date")},
    {"chronology_known", wxTRANSLATE("reader knew the films' order")},
    {"sites", wxTRANSLATE("site grades")},
    {"left", wxTRANSLATE("left sacroiliac joint grade")},
    {"right", wxTRANSLATE("right sacroiliac joint grade")},
    // The row a film or reading belongs to (storage/film_repository.cpp adds it for `check`)
    {"core_set", wxTRANSLATE("ASAS core set")},
    {"physician_global", wxTRANSLATE("physician global")},
    {"mases", wxTRANSLATE("MASES")},
    {"swollen_joint_count", wxTRANSLATE("swollen joint count (44)")},
    {"tender_joint_count", wxTRANSLATE("tender joint count (44)")},
    {"dactylitis_digits", wxTRANSLATE("dactylitis (digits)")},
    {"status", wxTRANSLATE("status")},
    {"last_episode", wxTRANSLATE("last episode")},
    {"treatments", wxTRANSLATE("treatment course")},
    {"drug", wxTRANSLATE("drug")},
    {"brand", wxTRANSLATE("brand")},
    {"start_date", wxTRANSLATE("start date")},
    {"stop_date", wxTRANSLATE("stop date")},
    {"dose_and_frequency", wxTRANSLATE("dose and frequency")},
    {"route", wxTRANSLATE("route")},
    {"stop_reason", wxTRANSLATE("reason for stopping")},
    // Low-dose CT scan, CTSS reading
    {"scan_date", wxTRANSLATE("scan date")},
    {"whole_spine", wxTRANSLATE("whole spine covered")},
    {"quadrants", wxTRANSLATE("quadrant grades")},
    // An image of a film (storage/film_image_repository.cpp)
    {"format", wxTRANSLATE("format")},
    {"file_name", wxTRANSLATE("file name")},
    {"byte_count", wxTRANSLATE("size (bytes)")},
    {"content_sha256", wxTRANSLATE("SHA-256 of the file")},
    {"width", wxTRANSLATE("width (pixels)")},
    {"height", wxTRANSLATE("height (pixels)")},
    {"imported_at", wxTRANSLATE("imported at")},
    {"imported_by", wxTRANSLATE("imported by")},
    {"dicom", wxTRANSLATE("DICOM identity")},
    {"patient_name", wxTRANSLATE("patient name in the file")},
    {"study_date", wxTRANSLATE("study date")},
    {"acquisition_date", wxTRANSLATE("acquisition date")},
    {"content_date", wxTRANSLATE("content date")},
    {"modality", wxTRANSLATE("modality")},
    {"body_part", wxTRANSLATE("body part")},
    {"identity_mismatch", wxTRANSLATE("identity mismatch")},
    {"confirmation_reason", wxTRANSLATE("reason for attaching it anyway")},

    {"patient_id", wxTRANSLATE("patient record ID")},
    {"film_id", wxTRANSLATE("film record ID")},
    // A deleted patient's history
    {"patient", wxTRANSLATE("patient")},
    {"visits", wxTRANSLATE("visits")},
    {"films", wxTRANSLATE("films")},
    {"readings", wxTRANSLATE("readings")},
    {"pelvic_films", wxTRANSLATE("pelvic films")},
    {"ct_scans", wxTRANSLATE("low-dose CT scans")},
    // A report that left the program
    {"report", wxTRANSLATE("report")},
    {"output", wxTRANSLATE("output")},
    {"pages", wxTRANSLATE("pages")},
    {"file", wxTRANSLATE("file")},
};

/// The label of key (BASDAI and BASFI items as core names them), or nothing.
std::optional<wxString> labelOf(const std::string& key) {
    for (int item = 1; item <= core::kBasdaiItemCount; ++item)
        if (key == "basdai_q" + std::to_string(item))
            return fromUtf8(core::basdaiItemField(item)) + " (" + coreText(core::basdaiItemLabel(item)) + ")";
    for (int item = 1; item <= core::kBasfiItemCount; ++item)
        if (key == "basfi_q" + std::to_string(item))
            return fromUtf8(core::basfiItemField(item));
    for (core::MasesSite site : core::allMasesSites())
        if (key == core::masesSiteId(site))
            return coreText(core::masesSiteLabel(site));
    for (core::Manifestation manifestation : core::allManifestations())
        if (key == core::toString(manifestation))
            return coreText(core::manifestationLabel(manifestation));
    for (const FieldLabel& field : kFieldLabels)
        if (key == field.key)
            return wxGetTranslation(field.label);
    // A CTSS quadrant by core's words ("C2 lower endplate, anterior"), which have no translation yet.
    if (const std::optional<core::Quadrant> quadrant = core::quadrantFromId(key))
        return fromUtf8(core::quadrantLabel(*quadrant));
    return std::nullopt;
}

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

wxString valueText(const json& value, const std::string& key = std::string());

/// A stored name as people read it: a BMD site by core's label ("femoral neck"), a site not assessable
/// ("NA:not_visible") with its reason as the scoring dialog words it; other text as it is.
wxString storedText(const std::string& key, const std::string& text) {
    try {
        if (key == "site")
            return coreText(core::label(core::parseBmdSite(text)));
        if (key == "drug")
            if (const core::Drug* drug = core::findDrug(text))
                return coreText(drug->label);
        if (key == "route")
            return coreText(core::routeLabel(core::parseRoute(text)));
        if (key == "stop_reason")
            return coreText(core::stopReasonLabel(core::parseStopReason(text)));
        if (key == "status")
            return coreText(core::manifestationStatusLabel(core::parseManifestationStatus(text, key)));
        if (text.rfind("NA:", 0) == 0)
            return wxString::Format(_("not assessable (%s)"),
                                    reasonText(core::parseNotAssessableReason(text.substr(3))));
    } catch (const core::ValidationError&) {
        // Not one of the names: shown as stored.
    }
    return fromUtf8(text);
}

/// A group of values ("modified Schober (cm): 4.5, intermalleolar distance (cm): 90"), its empty
/// entries left out.
wxString groupText(const json& group) {
    wxString text;
    for (auto it = group.begin(); it != group.end(); ++it)
        if (!isEmpty(it.value()))
            text += (text.empty() ? "" : ", ") + auditFieldLabel(it.key()) + ": " +
                    valueText(it.value(), it.key());
    return text;
}

/// A value as people read it: text as is, numbers shortest (2.5), yes/no, groups and lists spelled out.
wxString valueText(const json& value, const std::string& key) {
    if (value.is_null())
        return _("not recorded");
    if (value.is_string())
        return storedText(key, value.get<std::string>());
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
    return auditFieldLabel(key) + ": " + value;
}

std::vector<wxString> changedLines(const json& oldValues, const json& newValues) {
    std::vector<wxString> lines;
    for (auto it = newValues.begin(); it != newValues.end(); ++it) {
        const json before = oldValues.contains(it.key()) ? oldValues[it.key()] : json();
        if (before != it.value())
            lines.push_back(fieldLine(it.key(), valueText(before, it.key()) + wxString::FromUTF8(" \u2192 ") +
                                                    valueText(it.value(), it.key())));
    }
    for (auto it = oldValues.begin(); it != oldValues.end(); ++it)
        if (!newValues.contains(it.key()))
            lines.push_back(fieldLine(it.key(), _("removed")));
    if (lines.empty())
        lines.push_back(_("no field changed"));
    return lines;
}

}  // namespace

bool hasAuditFieldLabel(const std::string& key) {
    return labelOf(key).has_value();
}

wxString auditFieldLabel(const std::string& key) {
    return labelOf(key).value_or(fromUtf8(key));
}

wxString auditActionText(const std::string& action) {
    // storage::toString(AuditAction)'s words, marked for the catalog.
    static const char* const kActions[] = {wxTRANSLATE("insert"), wxTRANSLATE("update"),
                                           wxTRANSLATE("delete"), wxTRANSLATE("import"),
                                           wxTRANSLATE("export"), wxTRANSLATE("baseline")};
    for (const char* known : kActions)
        if (action == known)
            return wxGetTranslation(known);
    return fromUtf8(action);
}

wxString auditSubject(const storage::AuditRow& row) {
    const json values = parsedOrNull(row.action == "delete" ? row.oldValues : row.newValues);
    const auto field = [&](const char* key) {
        return values.is_object() && values.contains(key) ? valueText(values[key], key) : wxString();
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
    if (row.table == "treatment_episode")
        return wxString::Format(_("treatment %s from %s"), field("drug"), field("start_date"));
    if (row.table == "ct_scan")
        return wxString::Format(_("low-dose CT %s"), field("scan_date"));
    if (row.table == "ct_reading")
        return wxString::Format(_("CTSS reading by %s"), field("reader"));
    if (row.table == "film_image")
        return wxString::Format(_("image %s"), field("file_name"));
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
                lines.push_back(fieldLine(it.key(), valueText(it.value(), it.key())));
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
