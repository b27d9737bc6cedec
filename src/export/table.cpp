#include "export/table.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/error.h"
#include "export/fields.h"

namespace ankylos::exports {

using namespace fields;

namespace {

// ---- selection and assembly --------------------------------------------------------------------

template <class Row>
bool keep(const Builder& b, const Column& column) {
    if (column.identifying && !b.identified())
        return false;  // the allow-list: identifying columns exist only in identified exports
    const std::vector<std::string>& wanted = b.context.options->columns;
    if (column.key || wanted.empty())
        return true;
    const auto selected = [&](const std::string& name) {
        return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
    };
    return selected(column.name) || (!column.follows.empty() && selected(column.follows));
}

template <class Row>
Fields<Row> selected(const Builder& b, Fields<Row> fields) {
    Fields<Row> kept;
    for (Field<Row>& field : fields)
        if (keep<Row>(b, field.column))
            kept.push_back(std::move(field));
    return kept;
}

/// Puts the fields' columns in the table; returns what writes one row's cells in their order.
template <class Row>
std::function<void(const Row&, const EmitRow&)> columnsOf(Table& table, ExportTable kind,
                                                          Fields<Row> fields) {
    table.kind = kind;
    for (const Field<Row>& field : fields) {
        checkVariableName(field.column.name);
        table.columns.push_back(field.column);
    }
    struct Writer {
        Fields<Row> fields;
        std::vector<Cell> cells;  // one row's, reused
    };
    auto writer = std::make_shared<Writer>(Writer{std::move(fields), {}});
    writer->cells.resize(writer->fields.size());
    return [writer](const Row& row, const EmitRow& emit) {
        for (std::size_t i = 0; i < writer->fields.size(); ++i)
            writer->cells[i] = writer->fields[i].get(row);
        emit(writer->cells);
    };
}

template <class Row>
Table assemble(ExportTable kind, Fields<Row> fields,
               std::function<void(const PatientData&, const std::function<void(const Row&)>&)> each) {
    Table table;
    const auto write = columnsOf<Row>(table, kind, std::move(fields));
    table.rows = [write, each](const PatientData& patient, const EmitRow& emit) {
        each(patient, [&](const Row& row) { write(row, emit); });
    };
    return table;
}

void eachVisit(const PatientData& p, const std::function<void(const VisitRow&)>& handle) {
    for (std::size_t i = 0; i < p.visits.size(); ++i) {
        const auto& scores = p.visitScores[i].scores;
        handle({&p, p.visits[i], scores ? &*scores : nullptr, filmOn(p, p.visits[i]->date),
                static_cast<int>(i) + 1});
    }
}

Fields<VisitRow> visitTableFields(const Builder& b) {
    Fields<VisitRow> fields = forRows<VisitRow>(
        patientFields(b), [](const VisitRow& r) -> const PatientData& { return *r.patient; });
    Column visitNumber =
        makeColumn("visit_number", tr("Visit number (1 = baseline, the first exported visit)"),
                   ValueType::Integer, "", "order of the exported visits");
    visitNumber.key = true;
    visitNumber.missing = "never empty";
    visitNumber.form = "visit";
    fields.push_back({visitNumber, [](const VisitRow& r) {
                          return Cell{Missing::None, double(r.number), {}};
                      }});
    for (Field<VisitRow>& field : visitOnlyFields(b))
        fields.push_back(std::move(field));
    return fields;
}

const core::ProgressionResult* firstToLast(const PatientData& p) {
    if (p.films.size() < 2 || p.review.pairs.empty())
        return nullptr;
    // reviewProgression lists consecutive pairs, then first-to-last when there are 3 or more films;
    // with 2 films the one pair is first-to-last.
    return &p.review.pairs.back();
}

const core::CtssProgressionResult* ctFirstToLast(const PatientData& p) {
    // reviewCtssProgression lists consecutive pairs, then first-to-last with 3 or more scans.
    return p.ctScans.size() < 2 || p.ctReview.pairs.empty() ? nullptr : &p.ctReview.pairs.back();
}

/// The wide table's low-dose CT summary: scans exported, CTSS progressor, first-to-last pair.
void addCtSummary(const Builder& b, Fields<PatientData>& fields) {
    addNumber<PatientData>(
        fields, "n_ct_scans", tr("Low-dose CT scans exported"), "", 0, std::nullopt,
        [](const PatientData& p) { return number(static_cast<double>(p.ctScans.size())); }, "patient",
        "count", ValueType::Integer);
    addCategory<PatientData>(
        fields, "ct_progressor", tr("CTSS progressor: any pair of CT scans shows progression"), kYesNo,
        [](const PatientData& p) { return p.ctScans.size() < 2 ? missing() : yesNo(p.ctReview.progressor); },
        "patient",
        "any pair of CT scans (consecutive, or first to last) shows CTSS progression (docs/methods.md 12)");
    for (Field<PatientData>& field : ctPairFields<PatientData>(
             b, "ctprog_", [](const PatientData& p) { return ctFirstToLast(p); },
             [](const PatientData& p) -> const PatientData& { return p; }))
        fields.push_back(std::move(field));
}

Fields<PatientData> wideFields(const Builder& b, int visits) {
    Fields<PatientData> fields = patientFields(b);
    const auto self = [](const PatientData& p) -> const PatientData& { return p; };
    addNumber<PatientData>(
        fields, "n_visits", tr("Visits exported"), "", 0, std::nullopt,
        [](const PatientData& p) { return number(static_cast<double>(p.visits.size())); }, "patient", "count",
        ValueType::Integer);
    fields.back().column.key = true;
    addNumber<PatientData>(
        fields, "n_films", tr("Lateral spine films exported"), "", 0, std::nullopt,
        [](const PatientData& p) { return number(static_cast<double>(p.films.size())); }, "patient", "count",
        ValueType::Integer);
    const Fields<VisitRow> perVisit = visitOnlyFields(b);
    for (int k = 1; k <= visits; ++k) {
        for (const Field<VisitRow>& field : perVisit) {
            Column column = field.column;
            column.name = "v" + std::to_string(k) + "_" + field.column.name;
            column.label = k == 1 ? trf("Baseline: {1}", {column.label})
                                  : trf("Visit {1}: {2}", {verbatim(std::to_string(k)), column.label});
            if (!column.follows.empty())
                column.follows = "v" + std::to_string(k) + "_" + column.follows;
            column.missing += "; empty when the patient has fewer visits";
            fields.push_back({column, [k, get = field.get](const PatientData& p) {
                                  if (static_cast<std::size_t>(k) > p.visits.size())
                                      return missing();
                                  const std::size_t i = static_cast<std::size_t>(k) - 1;
                                  const auto& scores = p.visitScores[i].scores;
                                  return get({&p, p.visits[i], scores ? &*scores : nullptr,
                                              filmOn(p, p.visits[i]->date), k});
                              }});
        }
    }
    addCategory<PatientData>(
        fields, "progressor", tr("Progressor: any film pair shows progression"), kYesNo,
        [](const PatientData& p) { return p.films.size() < 2 ? missing() : yesNo(p.review.progressor); },
        "patient", "any film pair (consecutive, or first to last) shows progression (docs/methods.md 1.5)");
    for (Field<PatientData>& field : pairFields<PatientData>(
             b, "prog_", [](const PatientData& p) { return firstToLast(p); }, self))
        fields.push_back(std::move(field));
    addCtSummary(b, fields);
    return fields;
}

/// Wide selection: "basdai" selects v1_basdai, v2_basdai, ...
Builder wideBuilder(const ExportContext& context, ExportOptions& expanded, int visits) {
    expanded = *context.options;
    for (const std::string& name : context.options->columns)
        for (int k = 1; k <= visits; ++k)
            expanded.columns.push_back("v" + std::to_string(k) + "_" + name);
    return Builder{context};
}

Table readingsTable(const Builder& b) {
    const ExportTable kind = ExportTable::Readings;
    Fields<ReadingRow> fields = forRows<ReadingRow>(
        patientFields(b), [](const ReadingRow& r) -> const PatientData& { return *r.patient; });
    // Only the ID of the patient's columns: the visits table carries the rest.
    fields.erase(std::remove_if(fields.begin(), fields.end(), [](const auto& f) { return !f.column.key; }),
                 fields.end());
    for (Field<ReadingRow>& field : readingFields(b))
        fields.push_back(std::move(field));
    return assemble<ReadingRow>(
        kind, selected(b, std::move(fields)),
        [](const PatientData& p, const std::function<void(const ReadingRow&)>& handle) {
            for (std::size_t f = 0; f < p.films.size(); ++f)
                for (std::size_t r = 0; r < p.films[f].readings.size(); ++r)
                    handle({&p, &p.films[f], &p.filmScores[f], &p.films[f].readings[r],
                            &p.filmScores[f].readingScores[r]});
        });
}

Table progressionTable(const Builder& b) {
    const ExportTable kind = ExportTable::Progression;
    Fields<PairRow> fields =
        forRows<PairRow>(patientFields(b), [](const PairRow& r) -> const PatientData& { return *r.patient; });
    fields.erase(std::remove_if(fields.begin(), fields.end(), [](const auto& f) { return !f.column.key; }),
                 fields.end());
    Column pairNumber =
        makeColumn("pair_number", tr("Film pair number within the patient"), ValueType::Integer, "",
                   "consecutive pairs in date order, then first to last (docs/methods.md 1.5)");
    pairNumber.key = true;
    pairNumber.missing = "never empty";
    fields.push_back({pairNumber, [](const PairRow& r) {
                          return Cell{Missing::None, double(r.number), {}};
                      }});
    addCategory<PairRow>(
        fields, "pair_kind", tr("Which films"), kPairKind,
        [](const PairRow& r) { return number(r.firstToLast ? 2 : 1); }, "progression",
        "consecutive films, or the first and last of three or more (docs/methods.md 1.5)");
    for (Field<PairRow>& field : pairFields<PairRow>(
             b, "", [](const PairRow& r) { return r.pair; },
             [](const PairRow& r) -> const PatientData& { return *r.patient; }))
        fields.push_back(std::move(field));
    addCategory<PairRow>(
        fields, "crit_units", tr("Criterion fired: units"), kYesNo,
        [](const PairRow& r) { return yesNo(firedCriterion(*r.pair, core::ProgressionCriterion::Units)); },
        "progression", "the units criterion is met (docs/methods.md 1.5)");
    addCategory<PairRow>(
        fields, "crit_new_synd", tr("Criterion fired: new syndesmophyte"), kYesNo,
        [](const PairRow& r) {
            return yesNo(firedCriterion(*r.pair, core::ProgressionCriterion::NewSyndesmophyte));
        },
        "progression", "at least one new syndesmophyte (docs/methods.md 1.4, 1.5)");
    addCategory<PairRow>(
        fields, "progressor", tr("Patient is a progressor (any pair)"), kYesNo,
        [](const PairRow& r) { return yesNo(r.patient->review.progressor); }, "progression",
        "any film pair (consecutive, or first to last) shows progression (docs/methods.md 1.5)");
    // core's note names film dates: identified exports only.
    addText<PairRow>(
        fields, "note", tr("Why (core's explanation; names film dates)"),
        [](const PairRow& r) { return text(r.pair->note); }, "progression", true);
    return assemble<PairRow>(
        kind, selected(b, std::move(fields)),
        [](const PatientData& p, const std::function<void(const PairRow&)>& handle) {
            const std::size_t n = p.review.pairs.size();
            for (std::size_t i = 0; i < n; ++i)
                handle({&p, &p.review.pairs[i], static_cast<int>(i) + 1, p.films.size() >= 3 && i + 1 == n});
        });
}

/// The patient's key columns only: the visits table carries the rest.
template <class Row>
Fields<Row> patientKey(const Builder& b, std::function<const PatientData&(const Row&)> patientOf) {
    Fields<Row> fields = forRows<Row>(patientFields(b), patientOf);
    fields.erase(std::remove_if(fields.begin(), fields.end(), [](const auto& f) { return !f.column.key; }),
                 fields.end());
    return fields;
}

Table ctReadingsTable(const Builder& b) {
    Fields<CtReadingRow> fields =
        patientKey<CtReadingRow>(b, [](const CtReadingRow& r) -> const PatientData& { return *r.patient; });
    for (Field<CtReadingRow>& field : ctReadingFields(b))
        fields.push_back(std::move(field));
    return assemble<CtReadingRow>(
        ExportTable::CtReadings, selected(b, std::move(fields)),
        [](const PatientData& p, const std::function<void(const CtReadingRow&)>& handle) {
            int number = 0;
            for (std::size_t s = 0; s < p.ctScans.size(); ++s)
                for (std::size_t r = 0; r < p.ctScans[s].readings.size(); ++r)
                    handle({&p, &p.ctScans[s], &p.ctScanScores[s], &p.ctScans[s].readings[r],
                            &p.ctScanScores[s].readingScores[r], ++number});
        });
}

bool firedCt(const core::CtssProgressionResult& pair, core::CtssProgressionCriterion criterion) {
    return std::find(pair.criteria.begin(), pair.criteria.end(), criterion) != pair.criteria.end();
}

/// The criteria that fired, the patient's CT progressor flag and core's note (identified only).
void addCtPairOutcome(Fields<CtPairRow>& fields) {
    const std::string form = "ct_progression";
    addCategory<CtPairRow>(
        fields, "ct_crit_units", tr("CTSS criterion fired: units"), kYesNo,
        [](const CtPairRow& r) { return yesNo(firedCt(*r.pair, core::CtssProgressionCriterion::Units)); },
        form, "the CTSS change reached ctss.progression_units (docs/methods.md 12)");
    addCategory<CtPairRow>(
        fields, "ct_crit_quadrants", tr("CTSS criterion fired: new or growing syndesmophytes"), kYesNo,
        [](const CtPairRow& r) { return yesNo(firedCt(*r.pair, core::CtssProgressionCriterion::Quadrants)); },
        form,
        "new or growing syndesmophytes in at least ctss.progression_quadrants quadrants (docs/methods.md "
        "12)");
    addCategory<CtPairRow>(
        fields, "ct_progressor", tr("Patient shows CTSS progression (any pair of CT scans)"), kYesNo,
        [](const CtPairRow& r) { return yesNo(r.patient->ctReview.progressor); }, form,
        "any pair of CT scans (consecutive, or first to last) shows CTSS progression (docs/methods.md 12)");
    // core's note names scan dates: identified exports only.
    addText<CtPairRow>(
        fields, "ct_note", tr("Why (core's explanation; names CT scan dates)"),
        [](const CtPairRow& r) { return text(r.pair->note); }, form, true);
}

Table ctProgressionTable(const Builder& b) {
    const auto patientOf = [](const CtPairRow& r) -> const PatientData& { return *r.patient; };
    Fields<CtPairRow> fields = patientKey<CtPairRow>(b, patientOf);
    Column pairNumber =
        makeColumn("ct_pair_number", tr("CT scan pair number within the patient"), ValueType::Integer, "",
                   "consecutive pairs in date order, then first to last (docs/methods.md 12)");
    pairNumber.key = true;
    pairNumber.missing = "never empty";
    pairNumber.form = "ct_progression";
    fields.push_back({pairNumber, [](const CtPairRow& r) {
                          return Cell{Missing::None, double(r.number), {}};
                      }});
    addCategory<CtPairRow>(
        fields, "ct_pair_kind", tr("Which CT scans"), kCtPairKind,
        [](const CtPairRow& r) { return number(r.firstToLast ? 2 : 1); }, "ct_progression",
        "consecutive scans, or the first and last of three or more (docs/methods.md 12)");
    for (Field<CtPairRow>& field : ctPairFields<CtPairRow>(
             b, "", [](const CtPairRow& r) { return r.pair; }, patientOf))
        fields.push_back(std::move(field));
    addCtPairOutcome(fields);
    return assemble<CtPairRow>(ExportTable::CtProgression, selected(b, std::move(fields)),
                               [](const PatientData& p, const std::function<void(const CtPairRow&)>& handle) {
                                   const std::size_t n = p.ctReview.pairs.size();
                                   for (std::size_t i = 0; i < n; ++i)
                                       handle({&p, &p.ctReview.pairs[i], static_cast<int>(i) + 1,
                                               p.ctScans.size() >= 3 && i + 1 == n});
                               });
}

Table treatmentsTable(const Builder& b) {
    Fields<TreatmentRow> fields = forRows<TreatmentRow>(
        patientFields(b), [](const TreatmentRow& r) -> const PatientData& { return *r.patient; });
    fields.erase(std::remove_if(fields.begin(), fields.end(), [](const auto& f) { return !f.column.key; }),
                 fields.end());
    for (Field<TreatmentRow>& field : treatmentFields(b))
        fields.push_back(std::move(field));
    return assemble<TreatmentRow>(
        ExportTable::Treatments, selected(b, std::move(fields)),
        [](const PatientData& p, const std::function<void(const TreatmentRow&)>& handle) {
            for (std::size_t i = 0; i < p.treatments.size(); ++i)
                handle({&p, p.treatments[i], static_cast<int>(i) + 1});
        });
}

/// The session's films that the export holds (exported patients' films in the date range), by patient.
std::vector<core::SessionPatient> exportedFilms(const ExportSession& session,
                                                const std::map<std::string, std::set<Date>>& exported) {
    std::vector<core::SessionPatient> kept;
    for (const core::SessionPatient& patient : session.patients) {
        const auto dates = exported.find(patient.patient);
        if (dates == exported.end())
            continue;
        core::SessionPatient held{patient.patient, {}};
        for (const core::Film& film : patient.films)
            if (dates->second.count(film.date))
                held.films.push_back(film);
        if (!held.films.empty())
            kept.push_back(std::move(held));
    }
    return kept;
}

/// One row per reading session and pair of its primary readers (one row when it has fewer than 2):
/// the session's agreement (docs/methods.md 11) over the films of it this export holds, so that the
/// readings table reproduces every figure. Sessions with none of the exported films have no row.
Table agreementTable(const Builder& b) {
    Table table;
    const auto write =
        columnsOf<AgreementRow>(table, ExportTable::Agreement, selected(b, agreementFields(b)));
    auto exported = std::make_shared<std::map<std::string, std::set<Date>>>();  // clinic ID -> film dates
    table.rows = [exported](const PatientData& p, const EmitRow&) {
        std::set<Date>& dates = (*exported)[p.history->patient.clinicId];
        for (const core::Film& film : p.films)
            dates.insert(film.date);
    };
    table.finish = [exported, write, &context = b.context](const EmitRow& emit) {
        for (const ExportSession& session : context.sessions) {
            const std::vector<core::SessionPatient> patients = exportedFilms(session, *exported);
            int films = 0;
            for (const core::SessionPatient& patient : patients)
                films += static_cast<int>(patient.films.size());
            if (films == 0)
                continue;
            const core::SessionAgreement agreement =
                core::assessSessionAgreement(patients, session.primaryReaders, context.settings);
            if (agreement.pairs.empty())
                write({&session, &agreement, nullptr, films}, emit);
            for (const core::ReaderPairAgreement& pair : agreement.pairs)
                write({&session, &agreement, &pair, films}, emit);
        }
        exported->clear();
    };
    return table;
}

/// One row per patient, each visit's columns repeated with a v1_, v2_, ... prefix.
Table wideTable(const ExportContext& context, int wideVisits) {
    const ExportTable kind = ExportTable::Wide;
    ExportOptions expanded;
    wideBuilder(context, expanded, wideVisits);
    ExportContext wideContext = context;
    wideContext.options = &expanded;
    const Builder wb{wideContext};
    Table table = assemble<PatientData>(
        kind, selected(wb, wideFields(wb, wideVisits)),
        [](const PatientData& p, const std::function<void(const PatientData&)>& handle) { handle(p); });
    return table;
}

}  // namespace

std::string toString(ValueType type) {
    switch (type) {
        case ValueType::Integer:
            return "integer";
        case ValueType::Number:
            return "number";
        case ValueType::Text:
            return "text";
        case ValueType::Date:
            return "date";
        case ValueType::Category:
            return "category";
    }
    throw InternalError("unknown value type");
}

void checkVariableName(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z';
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    // Names SPSS (ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH) or Stata reserve.
    static const std::set<std::string> kReserved = {
        "all",  "and",  "by",    "eq",     "ge",    "gt",  "le",    "lt",  "ne",   "not",   "or",
        "to",   "with", "byte",  "double", "float", "if",  "in",    "int", "long", "using", "strl",
        "_all", "_b",   "_coef", "_cons",  "_n",    "_pi", "_pred", "_rc", "_skip"};
    ok = ok && !kReserved.count(name);
    if (!ok)
        throw InternalError("export column name '" + name +
                            "' is not a valid SPSS/Stata/REDCap name (a-z, 0-9, _; letter first; <= 32)");
}

std::string isoDate(double daysSince1970) {
    const Date date = kEpoch + boost::gregorian::date_duration(static_cast<long>(std::lround(daysSince1970)));
    const auto ymd = date.year_month_day();
    char buffer[16];
    const int year = ymd.year, month = ymd.month, day = ymd.day;
    buffer[0] = char('0' + year / 1000);
    buffer[1] = char('0' + year / 100 % 10);
    buffer[2] = char('0' + year / 10 % 10);
    buffer[3] = char('0' + year % 10);
    buffer[4] = '-';
    buffer[5] = char('0' + month / 10);
    buffer[6] = char('0' + month % 10);
    buffer[7] = '-';
    buffer[8] = char('0' + day / 10);
    buffer[9] = char('0' + day % 10);
    return std::string(buffer, 10);
}

Table makeTable(ExportTable kind, const ExportContext& context, int wideVisits) {
    const Builder b{context};
    switch (kind) {
        case ExportTable::Visits:
            return assemble<VisitRow>(kind, selected(b, visitTableFields(b)), eachVisit);
        case ExportTable::Readings:
            return readingsTable(b);
        case ExportTable::Progression:
            return progressionTable(b);
        case ExportTable::Wide:
            return wideTable(context, wideVisits);
        case ExportTable::Treatments:
            return treatmentsTable(b);
        case ExportTable::CtReadings:
            return ctReadingsTable(b);
        case ExportTable::CtProgression:
            return ctProgressionTable(b);
        case ExportTable::Agreement:
            return agreementTable(b);
    }
    throw InternalError("unknown export table");
}

std::vector<std::string> columnNames(ExportTable kind, const ExportContext& context, int wideVisits) {
    ExportOptions all = *context.options;
    all.columns.clear();
    ExportContext everything = context;
    everything.options = &all;
    std::vector<std::string> names;
    for (const Column& column : makeTable(kind, everything, wideVisits).columns)
        names.push_back(column.name);
    return names;
}

}  // namespace ankylos::exports
