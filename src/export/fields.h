#pragma once
/// The export library's building blocks for its tables (src/export only): cells, the column makers,
/// the rows of each table and the fields that fill them. table.cpp selects and assembles them;
/// patient_fields.cpp, visit_fields.cpp and film_fields.cpp list the columns of each kind of row.

#include <functional>
#include <optional>
#include <string>
#include <vector>

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

// ---- columns -----------------------------------------------------------------------------------

inline const std::vector<ValueLabel> kYesNo = {{0, "no"}, {1, "yes"}};
inline const std::vector<ValueLabel> kStatus = {
    {kComputed, "computed"}, {kNotComputable, "not computable"}, {kNotRecorded, "not recorded"}};
inline const std::vector<ValueLabel> kSex = {{1, "male"}, {2, "female"}};
inline const std::vector<ValueLabel> kHla = {{0, "negative"}, {1, "positive"}};
inline const std::vector<ValueLabel> kSmoking = {{0, "never"}, {1, "former"}, {2, "current"}};
inline const std::vector<ValueLabel> kAsdasState = {
    {1, "inactive"}, {2, "low"}, {3, "high"}, {4, "very_high"}};
inline const std::vector<ValueLabel> kBmdCategory = {{1, "normal"},
                                                     {2, "osteopenia"},
                                                     {3, "osteoporosis"},
                                                     {4, "below_expected_range_for_age"},
                                                     {5, "within_expected_range_for_age"}};
inline const std::vector<ValueLabel> kBmdBasis = {{1, "T-score"}, {2, "Z-score"}};
inline const std::vector<ValueLabel> kSampleType = {{1, "serum"}, {2, "plasma"}};
inline const std::vector<ValueLabel> kTender = {{0, "not tender"}, {1, "tender"}};
inline const std::vector<ValueLabel> kManifestationStatus = {{1, "never"}, {2, "history"}, {3, "active"}};
inline const std::vector<ValueLabel> kPairKind = {{1, "consecutive films"},
                                                  {2, "first to last film (patients with 3 or more films)"}};

inline const std::vector<ValueLabel> kCtPairKind = {
    {1, "consecutive CT scans"}, {2, "first to last CT scan (patients with 3 or more scans)"}};

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

Column makeColumn(std::string name, std::string label, ValueType type, std::string unit = "",
                  std::string computed = "recorded");

struct Builder {
    const ExportContext& context;
    bool identified() const { return context.key == nullptr; }
    bool relative() const { return !identified() && context.options->dateMode == DateMode::Relative; }
};

/// The name of a date column: base_date, or base_day (days since baseline) in relative exports.
template <class Row>
void addDate(const Builder& b, Fields<Row>& fields, const std::string& base, const std::string& label,
             std::function<std::optional<Date>(const Row&)> date,
             std::function<const PatientData&(const Row&)> patient, std::string form) {
    Column column = b.relative()
                        ? makeColumn(base + "_day", label + ", days since baseline (first exported visit)",
                                     ValueType::Integer, "days")
                        : makeColumn(base + "_date", label + (b.identified() ? "" : " (shifted per patient)"),
                                     ValueType::Date);
    column.allowed = b.relative() ? "whole days, negative before baseline" : "YYYY-MM-DD";
    column.form = std::move(form);
    fields.push_back({column, [date, patient](const Row& row) { return dateCell(patient(row), date(row)); }});
}

template <class Row>
void addNumber(Fields<Row>& fields, std::string name, std::string label, std::string unit,
               std::optional<double> min, std::optional<double> max, std::function<Cell(const Row&)> get,
               std::string form, std::string computed = "recorded", ValueType type = ValueType::Number) {
    Column column = makeColumn(std::move(name), std::move(label), type, std::move(unit), std::move(computed));
    column.min = min;
    column.max = max;
    if (min && max)
        column.allowed = core::formatNumber(*min) + " to " + core::formatNumber(*max);
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

template <class Row>
void addCategory(Fields<Row>& fields, std::string name, std::string label, std::vector<ValueLabel> labels,
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
void addText(Fields<Row>& fields, std::string name, std::string label, std::function<Cell(const Row&)> get,
             std::string form, bool identifying = false) {
    Column column = makeColumn(std::move(name), std::move(label), ValueType::Text);
    column.identifying = identifying;
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

/// A computed score with its status column (1 computed, 2 not computable, 3 not recorded).
template <class Row>
void addScore(Fields<Row>& fields, const std::string& name, const std::string& label, const std::string& unit,
              std::optional<double> min, std::optional<double> max, const std::string& computed,
              std::function<std::optional<double>(const Row&)> value,
              std::function<bool(const Row&)> anyInput, const std::string& form) {
    addNumber<Row>(
        fields, name, label, unit, min, max,
        [value, anyInput](const Row& r) { return scoreCell(value(r), anyInput(r)); }, form, computed);
    fields.back().column.missing = kEmptySeeStatus;
    addCategory<Row>(
        fields, name + "_status", label + ": status", kStatus,
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

}  // namespace ankylos::exports::fields
