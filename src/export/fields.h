#pragma once
/// The export library's building blocks for its tables (src/export only): cells, the column makers,
/// the rows of each table and the fields that fill them. table.cpp selects and assembles them;
/// patient_fields.cpp, visit_fields.cpp and film_fields.cpp list the columns of each kind of row.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/asas_core_set.h"
#include "core/asdas.h"
#include "core/bmd.h"
#include "core/format.h"
#include "export/table.h"

namespace ankylos::exports::fields {

using core::Date;

inline const Date kEpoch(1970, 1, 1);

// ---- cells -------------------------------------------------------------------------------------

Cell missing(Missing why = Missing::NotRecorded);
Cell number(double value);
Cell number(const std::optional<double>& value, Missing whenEmpty = Missing::NotRecorded);
/// Empty text is missing (not recorded).
Cell text(std::string value);
Cell yesNo(bool value);

/// Status of a computed value: 1 computed, 2 not computable (inputs recorded but incomplete or
/// invalid), 3 not recorded (no input at all). The value cell carries the same distinction.
enum Status { kComputed = 1, kNotComputable = 2, kNotRecorded = 3 };

int statusOf(bool hasValue, bool anyInput);
Cell scoreCell(const std::optional<double>& value, bool anyInput);
/// A date of the patient as exported: recorded (identified), shifted by the patient's offset, or
/// days since baseline.
Cell dateCell(const PatientData& p, const std::optional<Date>& date);
/// A reader's name as exported: as recorded (identified) or its keyed pseudonym (de-identified).
Cell readerCell(const ExportContext& context, const std::string& reader);

// ---- columns -----------------------------------------------------------------------------------

using i18n::Text;
using i18n::tr;
using i18n::trc;
using i18n::trf;
using i18n::verbatim;
using i18n::vocabulary;

inline const std::vector<ValueLabel> kYesNo = {{0, tr("no")}, {1, tr("yes")}};
inline const std::vector<ValueLabel> kStatus = {{kComputed, trc("codebook: status", "computed")},
                                                {kNotComputable, tr("not computable")},
                                                {kNotRecorded, tr("not recorded")}};
inline const std::vector<ValueLabel> kSex = {{1, tr("male")}, {2, tr("female")}};
inline const std::vector<ValueLabel> kHla = {{0, tr("negative")}, {1, tr("positive")}};
inline const std::vector<ValueLabel> kSmoking = {{0, tr("never")}, {1, tr("former")}, {2, tr("current")}};
/// Codes 1, 2, ... of every value of an enum in order: English shows its ID (core's toString), other
/// languages core's label of it (marked N_ in core).
template <class T, class Container>
std::vector<ValueLabel> idLabels(const Container& all, std::string (*label)(T)) {
    std::vector<ValueLabel> labels;
    for (const T& value : all)
        labels.push_back({static_cast<int>(value) + 1, Text::id(toString(value), vocabulary(label(value)))});
    return labels;
}
/// The category code idLabels gives the value.
template <class T>
Cell code(T value) {
    return number(static_cast<int>(value) + 1);
}
inline const std::vector<ValueLabel> kAsdasState = idLabels<core::AsdasState>(
    std::vector<core::AsdasState>{core::AsdasState::Inactive, core::AsdasState::Low, core::AsdasState::High,
                                  core::AsdasState::VeryHigh},
    &core::label);
inline const std::vector<ValueLabel> kBmdCategory = idLabels<core::BmdCategory>(
    std::vector<core::BmdCategory>{
        core::BmdCategory::Normal, core::BmdCategory::Osteopenia, core::BmdCategory::Osteoporosis,
        core::BmdCategory::BelowExpectedRangeForAge, core::BmdCategory::WithinExpectedRangeForAge},
    &core::label);
inline const std::vector<ValueLabel> kBmdBasis = {{1, vocabulary(core::toString(core::BmdBasis::TScore))},
                                                  {2, vocabulary(core::toString(core::BmdBasis::ZScore))}};
inline const std::vector<ValueLabel> kSampleType = {{1, tr("serum")}, {2, tr("plasma")}};
inline const std::vector<ValueLabel> kTender = {{0, tr("not tender")}, {1, trc("MASES site", "tender")}};
inline const std::vector<ValueLabel> kManifestationStatus = idLabels<core::ManifestationStatus>(
    std::vector<core::ManifestationStatus>{core::ManifestationStatus::Never,
                                           core::ManifestationStatus::History,
                                           core::ManifestationStatus::Active},
    &core::manifestationStatusLabel);
inline const std::vector<ValueLabel> kPairKind = {
    {1, tr("consecutive films")}, {2, tr("first to last film (patients with 3 or more films)")}};

inline const std::vector<ValueLabel> kCtPairKind = {
    {1, tr("consecutive CT scans")}, {2, tr("first to last CT scan (patients with 3 or more scans)")}};

inline constexpr const char* kEmptyNotRecorded = "empty = not recorded";
inline constexpr const char* kEmptySeeStatus =
    "empty: see the _status column (not computable or not recorded)";

template <class Row>
struct Field {
    Column column;
    std::function<Cell(const Row&)> get;
};

template <class Row>
using Fields = std::vector<Field<Row>>;

Column makeColumn(std::string name, Text label, ValueType type, std::string unit = "",
                  std::string computed = "recorded");

struct Builder {
    const ExportContext& context;
    bool identified() const { return context.key == nullptr; }
    bool relative() const { return !identified() && context.options->dateMode == DateMode::Relative; }
};

/// A key column of reader names (readerCell): "<label> (keyed pseudonym of the reader's name)" when
/// de-identified.
Column readerColumn(const Builder& b, std::string name, const Text& label, std::string form);

/// The name of a date column: base_date, or base_day (days since baseline) in relative exports.
template <class Row>
void addDate(const Builder& b, Fields<Row>& fields, const std::string& base, const Text& label,
             std::function<std::optional<Date>(const Row&)> date,
             std::function<const PatientData&(const Row&)> patient, std::string form) {
    Column column =
        b.relative()
            ? makeColumn(base + "_day", trf("{1}, days since baseline (first exported visit)", {label}),
                         ValueType::Integer, "days")
            : makeColumn(base + "_date", b.identified() ? label : trf("{1} (shifted per patient)", {label}),
                         ValueType::Date);
    column.allowed = b.relative() ? "whole days, negative before baseline" : "YYYY-MM-DD";
    column.form = std::move(form);
    fields.push_back({column, [date, patient](const Row& row) { return dateCell(patient(row), date(row)); }});
}

template <class Row>
void addNumber(Fields<Row>& fields, std::string name, Text label, std::string unit, std::optional<double> min,
               std::optional<double> max, std::function<Cell(const Row&)> get, std::string form,
               std::string computed = "recorded", ValueType type = ValueType::Number) {
    Column column = makeColumn(std::move(name), std::move(label), type, std::move(unit), std::move(computed));
    column.min = min;
    column.max = max;
    if (min && max)
        column.allowed = core::formatNumber(*min) + " to " + core::formatNumber(*max);
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

template <class Row>
void addCategory(Fields<Row>& fields, std::string name, Text label, std::vector<ValueLabel> labels,
                 std::function<Cell(const Row&)> get, std::string form, std::string computed = "recorded") {
    Column column =
        makeColumn(std::move(name), std::move(label), ValueType::Category, "", std::move(computed));
    for (const ValueLabel& value : labels)
        column.allowed += (column.allowed.empty() ? "" : ", ") + std::to_string(value.code);
    column.valueLabels = std::move(labels);
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

template <class Row>
void addText(Fields<Row>& fields, std::string name, Text label, std::function<Cell(const Row&)> get,
             std::string form, bool identifying = false) {
    Column column = makeColumn(std::move(name), std::move(label), ValueType::Text);
    column.identifying = identifying;
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

/// A computed score with its status column (1 computed, 2 not computable, 3 not recorded).
template <class Row>
void addScore(Fields<Row>& fields, const std::string& name, const Text& label, const std::string& unit,
              std::optional<double> min, std::optional<double> max, const std::string& computed,
              std::function<std::optional<double>(const Row&)> value,
              std::function<bool(const Row&)> anyInput, const std::string& form) {
    addNumber<Row>(
        fields, name, label, unit, min, max,
        [value, anyInput](const Row& r) { return scoreCell(value(r), anyInput(r)); }, form, computed);
    fields.back().column.missing = kEmptySeeStatus;
    addCategory<Row>(
        fields, name + "_status", trf("{1}: status", {label}), kStatus,
        [value, anyInput](const Row& r) { return number(statusOf(value(r).has_value(), anyInput(r))); }, form,
        "status of " + name);
    fields.back().column.follows = name;
    fields.back().column.missing = "never empty";
}

/// Adapts fields of a patient to rows that know their patient.
template <class Row>
Fields<Row> forRows(const Fields<PatientData>& fields,
                    std::function<const PatientData&(const Row&)> patientOf) {
    Fields<Row> adapted;
    for (const Field<PatientData>& field : fields)
        adapted.push_back(
            {field.column, [get = field.get, patientOf](const Row& r) { return get(patientOf(r)); }});
    return adapted;
}

// ---- rows and their fields ---------------------------------------------------------------------

Fields<PatientData> patientFields(const Builder& b);

struct VisitRow {
    const PatientData* patient;
    const core::Visit* visit;
    const core::VisitScores* scores;  ///< null when the visit could not be scored
    const core::FilmScore* film;      ///< the film of the visit's date, or null
    int number;
};

/// The visit's own columns (the visits table and each visit of the wide table).
Fields<VisitRow> visitOnlyFields(const Builder& b);
/// The rest of the ASAS core set of the visit (core_set_fields.cpp): physician global, MASES with
/// its 13 sites, joint counts, dactylitis, the three manifestations with their last episode.
void addCoreSet(const Builder& b, Fields<VisitRow>& fields);
/// The film scored on date, or null.
const core::FilmScore* filmOn(const PatientData& p, Date date);

struct ReadingRow {
    const PatientData* patient;
    const core::Film* film;
    const core::FilmScore* filmScore;
    const core::Reading* reading;
    const core::MsasssScore* score;
};

Fields<ReadingRow> readingFields(const Builder& b);

struct PairRow {
    const PatientData* patient;
    const core::ProgressionResult* pair;
    int number;
    bool firstToLast;
};

/// One episode of a patient's treatment course (treatment_fields.cpp).
struct TreatmentRow {
    const PatientData* patient;
    const core::TreatmentEpisode* episode;
    int number;  ///< 1, 2, ... in the course's order (start date, then drug)
};

Fields<TreatmentRow> treatmentFields(const Builder& b);

/// Exposure columns per drug class over a film pair (treatment_fields.cpp): <class>_days,
/// _fraction, _exposed, _at_start, each after prefix.
template <class Row>
void addExposure(Fields<Row>& fields, const std::string& prefix,
                 std::function<const core::ProgressionResult*(const Row&)> pairOf,
                 std::function<const PatientData&(const Row&)> patientOf);

bool firedCriterion(const core::ProgressionResult& pair, core::ProgressionCriterion criterion);

/// Pair columns; prefix "" for the progression table, "prog_" for the wide table's summary. Defined
/// for PairRow and PatientData (film_fields.cpp).
template <class Row>
Fields<Row> pairFields(const Builder& b, const std::string& prefix,
                       std::function<const core::ProgressionResult*(const Row&)> pairOf,
                       std::function<const PatientData&(const Row&)> patientOf);

// ---- low-dose CT (ct_fields.cpp) ---------------------------------------------------------------

/// One reader's CTSS of one low-dose CT scan, with the scan it belongs to.
struct CtReadingRow {
    const PatientData* patient;
    const core::CtScan* scan;
    const core::CtScanScore* scanScore;
    const core::CtssReading* reading;
    const core::CtssScore* score;
    int number;  ///< 1, 2, ... within the patient: scans in date order, readers in the scan's order
};

Fields<CtReadingRow> ctReadingFields(const Builder& b);

/// One pair of a patient's CT scans (core::reviewCtssProgression).
struct CtPairRow {
    const PatientData* patient;
    const core::CtssProgressionResult* pair;
    int number;
    bool firstToLast;
};

/// The exported scan's score on date, or null.
const core::CtScanScore* ctScanScoreOn(const PatientData& p, Date date);

/// CT pair columns; prefix "" for the CT progression table, "ctprog_" for the wide table's summary.
/// Defined for CtPairRow and PatientData.
template <class Row>
Fields<Row> ctPairFields(const Builder& b, const std::string& prefix,
                         std::function<const core::CtssProgressionResult*(const Row&)> pairOf,
                         std::function<const PatientData&(const Row&)> patientOf);

// ---- reading sessions (agreement_fields.cpp) ---------------------------------------------------

/// One pair of a session's primary readers, with the session's agreement over its exported films.
struct AgreementRow {
    const ExportSession* session;
    const core::SessionAgreement* agreement;
    const core::ReaderPairAgreement* pair;  ///< null when the session has fewer than 2 primary readers
    int films;                              ///< the session's films in the export
};

Fields<AgreementRow> agreementFields(const Builder& b);

}  // namespace ankylos::exports::fields
