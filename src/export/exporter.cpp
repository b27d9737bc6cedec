#include "export/exporter.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/format.h"
#include "core/validation.h"
#include "export/csv_writer.h"
#include "export/deidentify.h"
#include "export/readstat_writer.h"
#include "export/redcap.h"
#include "export/table.h"
#include "files/output_file.h"
#include "interchange/visit_csv_writer.h"
#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/history_reader.h"
#include "storage/history_source.h"
#include "storage/reading_session_repository.h"
#include "storage/settings_store.h"
#include "storage/transaction.h"

namespace ankylos::exports {

namespace {

using core::Date;
namespace fs = std::filesystem;

const std::vector<std::pair<ExportFormat, const char*>> kFormats = {
    {ExportFormat::Visits, "visits"},    {ExportFormat::CsvLong, "csv-long"},
    {ExportFormat::CsvWide, "csv-wide"}, {ExportFormat::Progression, "progression"},
    {ExportFormat::Redcap, "redcap"},    {ExportFormat::Sav, "sav"},
    {ExportFormat::Dta, "dta"}};

const std::vector<std::pair<ExportTable, const char*>> kTables = {
    {ExportTable::Visits, "visits"},
    {ExportTable::Readings, "readings"},
    {ExportTable::Wide, "wide"},
    {ExportTable::Progression, "progression"},
    {ExportTable::Treatments, "treatments"},
    {ExportTable::CtReadings, "ct_readings"},
    {ExportTable::CtProgression, "ct_progression"},
    {ExportTable::Agreement, "agreement"}};

fs::path sibling(const fs::path& out, const std::string& suffix) {
    return out.parent_path() / (out.stem().string() + suffix);
}

bool inRange(const ExportFilters& filters, Date date) {
    return (!filters.from || date >= *filters.from) && (!filters.to || date <= *filters.to);
}

/// True when the episode shares a day with the date range (an ongoing one lasts through today).
bool inRange(const ExportFilters& filters, const core::TreatmentEpisode& episode, Date today) {
    return (!filters.from || episode.lastDay(today) >= *filters.from) &&
           (!filters.to || episode.start <= *filters.to);
}

/// What the passes need to compute for each patient.
struct Needs {
    bool review = false;
    bool scores = true;
};

/// The patient as exported, or nullopt when a filter excludes it.
std::optional<PatientData> prepare(const ExportContext& context, const Needs& needs,
                                   const core::PatientHistory& history, std::size_t& visitsNotScored) {
    const ExportFilters& filters = context.options->filters;
    if (filters.sex && history.patient.sex != *filters.sex)
        return std::nullopt;
    if (filters.hlaB27 && history.patient.hlaB27 != *filters.hlaB27)
        return std::nullopt;
    PatientData p;
    p.context = &context;
    p.history = &history;
    for (const core::Visit& visit : history.visits)
        if (inRange(filters, visit.date))
            p.visits.push_back(&visit);
    for (const core::Film& film : history.films)
        if (inRange(filters, film.date))
            p.films.push_back(film);
    for (const core::TreatmentEpisode& episode : history.treatments)
        if (inRange(filters, episode, context.today))
            p.treatments.push_back(&episode);
    for (const core::CtScan& scan : history.ctScans)
        if (inRange(filters, scan.date))
            p.ctScans.push_back(scan);
    if (static_cast<int>(p.films.size()) < filters.minFilms)
        return std::nullopt;
    if ((filters.from || filters.to) && p.visits.empty() && p.films.empty() && p.ctScans.empty())
        return std::nullopt;  // nothing of this patient falls in the date range
    if (needs.review || filters.progressor) {
        p.review = core::reviewProgression(p.films, context.settings);
        if (filters.progressor && p.review.progressor != *filters.progressor)
            return std::nullopt;
    }
    if (needs.review)
        p.ctReview = core::reviewCtssProgression(p.ctScans, context.settings);
    if (!p.visits.empty())
        p.baseline = p.visits.front()->date;
    else if (!p.films.empty())
        p.baseline = p.films.front().date;
    else if (!p.ctScans.empty())
        p.baseline = p.ctScans.front().date;
    if (context.key) {
        p.id = context.key->studyId(history.patient.clinicId);
        if (context.options->dateMode == DateMode::Shifted)
            p.shiftDays = context.key->dateShiftDays(history.patient.clinicId);
    } else {
        p.id = history.patient.clinicId;
    }
    if (needs.scores) {
        for (const core::Film& film : p.films)
            p.filmScores.push_back(core::scoreFilm(film, context.settings.msasss));
        for (const core::CtScan& scan : p.ctScans)
            p.ctScanScores.push_back(core::scoreCtScan(scan, context.settings.ctss));
        for (const core::Visit* visit : p.visits) {
            PatientData::VisitScore score;
            // A visit with a hard error (possible only in data written around the app) is exported
            // with its recorded values and every score "not computable", and counted in the manifest.
            try {
                score.scores = core::scoreVisit(history.patient, *visit, history.films, context.settings);
            } catch (const core::ValidationError&) {
                ++visitsNotScored;
            }
            p.visitScores.push_back(std::move(score));
        }
    }
    return p;
}

Date shifted(Date date, int days) {
    return date + boost::gregorian::date_duration(days);
}

/// The import-format history of a de-identified export, built field by field from an allow-list:
/// study ID for the clinic ID and the name, every date shifted (last episodes of manifestations and
/// treatment episodes and CT scans too), no notes, no laboratory names, readers of films and CT scans
/// pseudonymous. Pelvic films are not part of the import format.
core::PatientHistory allowListed(const PatientData& p) {
    const core::Patient& in = p.history->patient;
    const int s = p.shiftDays;
    core::PatientHistory out;
    out.patient.clinicId = p.id;
    out.patient.name = p.id;
    out.patient.sex = in.sex;
    out.patient.birth = shifted(in.birth, s);
    out.patient.hlaB27 = in.hlaB27;
    if (in.symptomOnset)
        out.patient.symptomOnset = shifted(*in.symptomOnset, s);
    if (in.diagnosis)
        out.patient.diagnosis = shifted(*in.diagnosis, s);
    out.patient.smoking = in.smoking;
    for (const core::Visit* visit : p.visits) {
        core::Visit v;
        v.date = shifted(visit->date, s);
        v.postmenopausal = visit->postmenopausal;
        v.basdai = visit->basdai;
        v.patientGlobal = visit->patientGlobal;
        v.basfi = visit->basfi;
        v.basmi = visit->basmi;
        v.bmd = visit->bmd;
        v.coreSet = visit->coreSet;
        for (auto& record : v.coreSet.manifestations)
            if (record && record->lastEpisode)
                record->lastEpisode = shifted(*record->lastEpisode, s);
        for (const core::LabValue& lab : visit->labs) {
            core::LabValue l;
            l.analyte = lab.analyte;
            l.value = lab.value;
            l.unit = lab.unit;
            l.sampleDate = shifted(lab.sampleDate, s);
            l.assay = lab.assay;
            l.sampleType = lab.sampleType;
            l.belowDetectionLimit = lab.belowDetectionLimit;
            l.detectionLimit = lab.detectionLimit;
            v.labs.push_back(l);
        }
        out.visits.push_back(std::move(v));
    }
    for (const core::TreatmentEpisode* episode : p.treatments) {
        core::TreatmentEpisode t = *episode;  // brand and dose describe the drug, as assay and device do
        t.start = shifted(episode->start, s);
        if (episode->stop)
            t.stop = shifted(*episode->stop, s);
        out.treatments.push_back(std::move(t));
    }
    for (const core::Film& film : p.films) {
        core::Film f;
        f.date = shifted(film.date, s);
        for (const core::Reading& reading : film.readings) {
            core::Reading r;
            r.reader = p.context->key->readerPseudonym(reading.reader);
            if (reading.readingDate)
                r.readingDate = shifted(*reading.readingDate, s);
            r.chronologyKnown = reading.chronologyKnown;
            r.session = reading.session;  // how the reading was made (docs/methods.md 11)
            r.role = reading.role;
            r.identitySeen = reading.identitySeen;
            r.pairedByPatient = reading.pairedByPatient;
            r.sites = reading.sites;
            f.readings.push_back(std::move(r));
        }
        out.films.push_back(std::move(f));
    }
    for (const core::CtScan& scan : p.ctScans) {
        core::CtScan c;
        c.date = shifted(scan.date, s);
        c.device = scan.device;  // the scanner, as a DXA device, names no person
        c.wholeSpine = scan.wholeSpine;
        for (const core::CtssReading& reading : scan.readings) {
            core::CtssReading r;
            r.reader = p.context->key->readerPseudonym(reading.reader);
            if (reading.readingDate)
                r.readingDate = shifted(*reading.readingDate, s);
            r.chronologyKnown = reading.chronologyKnown;
            r.quadrants = reading.quadrants;
            c.readings.push_back(std::move(r));
        }
        out.ctScans.push_back(std::move(c));
    }
    return out;
}

/// Runs one pass over every patient, with progress and cancellation.
class Passes {
public:
    Passes(storage::HistorySource& histories, ExportProgress* progress, std::size_t passes)
        : m_histories(histories), m_progress(progress), m_total(histories.count() * passes) {}

    void run(const std::function<void(const core::PatientHistory&)>& handle) {
        m_histories.forEach([&](std::int64_t, const core::PatientHistory& history) {
            if (m_progress && m_progress->cancelled())
                throw ExportCancelled();
            handle(history);
            ++m_done;
            if (m_progress)
                m_progress->patientsDone(m_done, m_total);
        });
    }

private:
    storage::HistorySource& m_histories;
    ExportProgress* m_progress;
    std::size_t m_total;
    std::size_t m_done = 0;
};

void checkOptions(const ExportOptions& options) {
    if (options.out.empty())
        throw core::ValidationError("--out", "", "the file to write");
    if (options.identified && !options.keyFile.empty())
        throw core::ValidationError("--identified", "with --key-file",
                                    "one of them: --identified exports names, IDs and real dates; a key file "
                                    "de-identifies");
    if (!options.identified && options.keyFile.empty())
        throw core::ValidationError(
            "--key-file", "",
            "a project key file: " + toString(options.format) +
                " exports are de-identified by default (make a key once per project with `head -c 32 "
                "/dev/urandom > project.key`), or --identified to export names, clinic IDs and real dates");
    if (options.identified && options.dateMode == DateMode::Relative)
        throw core::ValidationError("--relative-dates", "with --identified",
                                    "a de-identified export (identified exports keep the recorded dates)");
    if (options.format == ExportFormat::Visits && options.dateMode == DateMode::Relative)
        throw core::ValidationError("--relative-dates", "--format visits",
                                    "a research format: the import format needs dates (use --shift-dates)");
    if (options.format == ExportFormat::Visits && !options.columns.empty())
        throw core::ValidationError("--columns", "--format visits",
                                    "a research format: the import format always has every column");
    if ((options.format != ExportFormat::Sav && options.format != ExportFormat::Dta) &&
        options.table != ExportTable::Visits)
        throw core::ValidationError("--table", toString(options.table),
                                    "sav or dta formats only (the CSV formats fix their tables)");
    if (options.filters.from && options.filters.to && *options.filters.from > *options.filters.to)
        throw core::ValidationError("--from", core::toIsoString(*options.filters.from),
                                    "a date on or before --to " + core::toIsoString(*options.filters.to));
    if (options.filters.minFilms < 0)
        throw core::ValidationError("--min-films", std::to_string(options.filters.minFilms), "0 or more");
}

void checkColumns(const ExportContext& context, const std::vector<ExportTable>& tables) {
    if (context.options->columns.empty())
        return;
    std::set<std::string> known;
    for (ExportTable table : tables)
        for (const std::string& name : columnNames(table, context, 1)) {
            known.insert(name);
            if (table == ExportTable::Wide && name.rfind("v1_", 0) == 0)
                known.insert(name.substr(3));
        }
    for (const std::string& name : context.options->columns)
        if (!known.count(name)) {
            std::vector<std::string> names(known.begin(), known.end());
            throw core::ValidationError("--columns", name,
                                        "columns of this export: " + core::joinNames(names));
        }
}

/// Every reading session with its films and readings, for the agreement table.
std::vector<ExportSession> sessionsOf(storage::Database& db) {
    storage::ReadingSessionRepository repository(db);
    std::vector<ExportSession> sessions;
    for (const storage::ReadingSession& session : repository.list())
        sessions.push_back({session.name, session.blinding,
                            session.readersWithRole(core::ReadingRole::Primary),
                            repository.patients(session)});
    return sessions;
}

nlohmann::ordered_json filtersJson(const ExportFilters& f) {
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    if (f.from)
        json["from"] = core::toIsoString(*f.from);
    if (f.to)
        json["to"] = core::toIsoString(*f.to);
    if (f.sex)
        json["sex"] = core::toString(*f.sex);
    if (f.hlaB27)
        json["hla_b27"] = core::toString(*f.hlaB27);
    if (f.progressor)
        json["progressor"] = *f.progressor ? "yes" : "no";
    if (f.minFilms > 0)
        json["min_films"] = f.minFilms;
    return json;
}

}  // namespace

std::string toString(ExportFormat format) {
    for (const auto& [value, name] : kFormats)
        if (value == format)
            return name;
    throw InternalError("unknown export format");
}

ExportFormat parseExportFormat(const std::string& text) {
    std::vector<std::string> names;
    for (const auto& [value, name] : kFormats) {
        if (text == name)
            return value;
        names.push_back(name);
    }
    throw core::ValidationError("--format", text, core::joinNames(names));
}

std::string toString(ExportTable table) {
    for (const auto& [value, name] : kTables)
        if (value == table)
            return name;
    throw InternalError("unknown export table");
}

ExportTable parseExportTable(const std::string& text) {
    std::vector<std::string> names;
    for (const auto& [value, name] : kTables) {
        if (text == name)
            return value;
        names.push_back(name);
    }
    throw core::ValidationError("--table", text, core::joinNames(names));
}

std::vector<std::string> availableColumns(ExportTable table, const ExportOptions& options) {
    ExportContext context;
    context.options = &options;
    std::optional<ProjectKey> key;
    if (!options.identified)
        key.emplace(std::string(kMinKeyBytes, 'x'));  // only the shape of the columns matters here
    context.key = key ? &*key : nullptr;
    return columnNames(table, context, 1);
}

std::vector<ExportTable> exportTables(const ExportOptions& options) {
    switch (options.format) {
        case ExportFormat::Visits:
            return {};
        case ExportFormat::CsvLong:
            return {ExportTable::Visits, ExportTable::Readings, ExportTable::Treatments,
                    ExportTable::CtReadings, ExportTable::Agreement};
        case ExportFormat::CsvWide:
            return {ExportTable::Wide};
        case ExportFormat::Progression:
            return {ExportTable::Progression, ExportTable::CtProgression};
        case ExportFormat::Redcap:
            return {ExportTable::Visits, ExportTable::Treatments, ExportTable::CtReadings};
        case ExportFormat::Sav:
        case ExportFormat::Dta:
            return {options.table};
    }
    throw InternalError("unknown export format");
}

std::vector<fs::path> exportFiles(const ExportOptions& options) {
    std::vector<fs::path> files = {options.out};
    const std::vector<ExportTable> tables = exportTables(options);
    switch (options.format) {
        case ExportFormat::CsvLong:
        case ExportFormat::CsvWide:
        case ExportFormat::Progression:
            for (std::size_t i = 1; i < tables.size(); ++i)
                files.push_back(sibling(options.out, "." + toString(tables[i]) + ".csv"));
            break;
        case ExportFormat::Redcap:
            for (const char* suffix :
                 {".dictionary.csv", ".events.csv", ".event_mapping.csv", ".repeating_instruments.csv"})
                files.push_back(sibling(options.out, suffix));
            break;
        case ExportFormat::Visits:
        case ExportFormat::Sav:
        case ExportFormat::Dta:
            break;
    }
    if (options.format != ExportFormat::Visits)
        files.push_back(sibling(options.out, ".codebook.csv"));
    files.push_back(sibling(options.out, ".manifest.json"));
    return files;
}

namespace {

/// Writes the export's tables (and their codebook) from the stream of histories into files' temporary
/// files: every pass the format needs, with progress and cancellation. Reads no database.
ExportSummary writeTables(storage::HistorySource& histories, const ExportContext& context,
                          files::OutputFileSet& files, ExportProgress* progress) {
    const ExportOptions& options = *context.options;
    const ProjectKey* key = context.key;
    const std::vector<ExportTable> tableKinds = exportTables(options);
    checkColumns(context, tableKinds);
    const bool wide = std::find(tableKinds.begin(), tableKinds.end(), ExportTable::Wide) != tableKinds.end();
    const bool stat = options.format == ExportFormat::Sav || options.format == ExportFormat::Dta;
    Needs needs;
    const auto has = [&](ExportTable kind) {
        return std::find(tableKinds.begin(), tableKinds.end(), kind) != tableKinds.end();
    };
    needs.review = wide || has(ExportTable::Progression) || has(ExportTable::CtProgression);
    needs.scores = options.format != ExportFormat::Visits;

    ExportSummary summary;
    Passes passes(histories, progress, 1 + (wide ? 1 : 0) + (stat ? 1 : 0));
    std::size_t ignoredNotScored = 0;

    // Pass: the number of visit column groups of the wide table.
    int wideVisits = 0;
    if (wide) {
        Needs light;
        light.scores = false;
        passes.run([&](const core::PatientHistory& history) {
            if (const auto p = prepare(context, light, history, ignoredNotScored))
                wideVisits = std::max(wideVisits, static_cast<int>(p->visits.size()));
        });
        wideVisits = std::max(wideVisits, 1);
    }
    std::vector<Table> tables;
    for (ExportTable kind : tableKinds)
        tables.push_back(makeTable(kind, context, wideVisits));

    // Pass: rows and text widths, which SPSS and Stata files declare before their data.
    std::size_t statRows = 0;
    std::vector<std::size_t> widths;
    if (stat) {
        widths.assign(tables.front().columns.size(), 1);
        const EmitRow measure = [&](const std::vector<Cell>& cells) {
            ++statRows;
            for (std::size_t i = 0; i < cells.size(); ++i)
                widths[i] = std::max(widths[i], cells[i].text.size());
        };
        passes.run([&](const core::PatientHistory& history) {
            if (const auto p = prepare(context, needs, history, ignoredNotScored))
                tables.front().rows(*p, measure);
        });
        if (tables.front().finish)
            tables.front().finish(measure);
    }

    const fs::path stem = options.out;
    std::vector<std::pair<std::string, std::size_t>> rowCounts;
    std::size_t patients = 0, excluded = 0;
    const auto count = [&](const std::optional<PatientData>& p) {
        if (p)
            ++patients;
        else
            ++excluded;
        return p.has_value();
    };
    switch (options.format) {
        case ExportFormat::Visits: {
            std::ofstream out(files.temp(options.out), std::ios::binary | std::ios::trunc);
            if (!out)
                throw core::ValidationError("--out", options.out.string(), "a file that can be written");
            interchange::writeVisitCsvHeader(out);
            std::size_t rows = 0;
            passes.run([&](const core::PatientHistory& history) {
                const auto p = prepare(context, needs, history, summary.visitsNotScored);
                if (!count(p))
                    return;
                // The import format writes a whole history: the filtered one, or its allow-listed copy.
                const bool everything = !options.filters.from && !options.filters.to;
                if (!key && everything) {
                    interchange::writeVisitCsvRows(out, history);
                    rows += history.visits.size();
                    return;
                }
                core::PatientHistory filtered;
                if (key) {
                    filtered = allowListed(*p);
                } else {
                    filtered.patient = history.patient;
                    for (const core::Visit* visit : p->visits)
                        filtered.visits.push_back(*visit);
                    filtered.films = p->films;
                    for (const core::TreatmentEpisode* episode : p->treatments)
                        filtered.treatments.push_back(*episode);
                    filtered.ctScans = p->ctScans;
                }
                interchange::writeVisitCsvRows(out, filtered);
                rows += filtered.visits.size();
            });
            out.close();
            if (!out)
                throw storage::StorageError("writing " + options.out.string() + " failed (disk full?)");
            rowCounts.push_back({"visits", rows});
            break;
        }
        case ExportFormat::CsvLong:
        case ExportFormat::CsvWide:
        case ExportFormat::Progression: {
            std::vector<std::unique_ptr<CsvTableWriter>> writers;
            for (std::size_t i = 0; i < tables.size(); ++i) {
                const fs::path file =
                    i == 0 ? options.out : sibling(options.out, "." + toString(tables[i].kind) + ".csv");
                writers.push_back(std::make_unique<CsvTableWriter>(files.temp(file), tables[i].columns));
            }
            passes.run([&](const core::PatientHistory& history) {
                const auto p = prepare(context, needs, history, summary.visitsNotScored);
                if (!count(p))
                    return;
                for (std::size_t i = 0; i < tables.size(); ++i)
                    tables[i].rows(*p, [&](const std::vector<Cell>& cells) { writers[i]->row(cells); });
            });
            for (std::size_t i = 0; i < tables.size(); ++i) {
                if (tables[i].finish)
                    tables[i].finish([&](const std::vector<Cell>& cells) { writers[i]->row(cells); });
                writers[i]->finish();
                rowCounts.push_back({toString(tables[i].kind), writers[i]->rows()});
            }
            break;
        }
        case ExportFormat::Redcap: {
            // REDCap's record ID, event name and every other field; the site and quadrant grades are
            // not part of it. Treatment episodes and CT readings are repeating instruments.
            const std::vector<RedcapRepeating> repeating = {
                {"treatment", &tables[1].columns, "episode_number", "[drug_label] [start_date]"},
                {"ct_reading", &tables[2].columns, "ct_reading_number", "[ct_reader]"}};
            RedcapDataWriter writer(files.temp(options.out), tables[0].columns, repeating);
            std::vector<std::size_t> instances(repeating.size(), 0);
            passes.run([&](const core::PatientHistory& history) {
                const auto p = prepare(context, needs, history, summary.visitsNotScored);
                if (!count(p))
                    return;
                tables[0].rows(*p, [&](const std::vector<Cell>& cells) { writer.row(cells); });
                for (std::size_t k = 0; k < repeating.size(); ++k)
                    tables[k + 1].rows(*p, [&](const std::vector<Cell>& cells) {
                        writer.repeatingRow(k, cells);
                        ++instances[k];
                    });
            });
            writer.finish();
            writeRedcapDictionary(files.temp(sibling(options.out, ".dictionary.csv")), tables[0].columns,
                                  repeating);
            writeRedcapRepeatingInstruments(files.temp(sibling(options.out, ".repeating_instruments.csv")),
                                            repeating);
            writeRedcapEvents(files.temp(sibling(options.out, ".events.csv")),
                              files.temp(sibling(options.out, ".event_mapping.csv")),
                              std::max(writer.events(), 1), repeating);
            rowCounts.push_back(
                {"visits (one row per record and event)", writer.rows() - instances[0] - instances[1]});
            rowCounts.push_back({"treatments (one row per episode, repeating instrument)", instances[0]});
            rowCounts.push_back({"ct_readings (one row per CT reading, repeating instrument)", instances[1]});
            break;
        }
        case ExportFormat::Sav:
        case ExportFormat::Dta: {
            ReadStatWriter writer(files.temp(options.out),
                                  options.format == ExportFormat::Sav ? StatFormat::Sav : StatFormat::Dta,
                                  tables.front().columns, statRows, widths,
                                  "Ankylos research export: " + toString(tables.front().kind));
            std::size_t rows = 0;
            const EmitRow write = [&](const std::vector<Cell>& cells) {
                writer.row(cells);
                ++rows;
            };
            passes.run([&](const core::PatientHistory& history) {
                const auto p = prepare(context, needs, history, summary.visitsNotScored);
                if (count(p))
                    tables.front().rows(*p, write);
            });
            if (tables.front().finish)
                tables.front().finish(write);
            writer.finish();
            rowCounts.push_back({toString(tables.front().kind), rows});
            break;
        }
    }

    if (options.format != ExportFormat::Visits) {
        std::vector<std::pair<std::string, std::vector<Column>>> codebook;
        for (const Table& table : tables)
            codebook.push_back({toString(table.kind), table.columns});
        writeCodebook(files.temp(sibling(options.out, ".codebook.csv")), codebook);
    }

    summary.patients = patients;
    summary.patientsExcluded = excluded;
    summary.rows = rowCounts;
    return summary;
}

}  // namespace

ExportSummary exportCohort(storage::Database& db, const ExportOptions& options, ExportProgress* progress) {
    checkOptions(options);
    // Every file is checked and prepared before the work: a refused name costs nothing.
    files::OutputPolicy policy;
    policy.database = db.file();
    policy.overwrite = options.overwrite;
    files::OutputFileSet files(policy);
    for (const fs::path& file : exportFiles(options))
        files.add(file);
    const std::string startedAt = storage::utcTimestamp();
    std::optional<ProjectKey> key;
    if (!options.identified)
        key = ProjectKey::fromFile(options.keyFile);
    ExportContext context;
    context.options = &options;
    context.key = key ? &*key : nullptr;
    context.settings = storage::readSettings(db);
    context.today = options.today.value_or(storage::localToday());

    const std::vector<ExportTable> tables = exportTables(options);
    if (std::find(tables.begin(), tables.end(), ExportTable::Agreement) != tables.end())
        context.sessions = sessionsOf(db);

    storage::HistoryReader histories(db);
    ExportSummary summary = writeTables(histories, context, files, progress);

    // The manifest: what, when, who, filters, options, row counts, what was removed.
    nlohmann::ordered_json manifest;
    manifest["what"] = "Ankylos export, format " + toString(options.format);
    manifest["software"] = options.software;
    manifest["started_at"] = startedAt;
    manifest["finished_at"] = storage::utcTimestamp();
    manifest["user"] = db.user();
    manifest["database"] = db.file().filename().string();
    manifest["format"] = toString(options.format);
    if (options.format == ExportFormat::Sav || options.format == ExportFormat::Dta)
        manifest["table"] = toString(options.table);
    manifest["deidentified"] = !options.identified;
    if (key) {
        manifest["key_fingerprint"] = key->fingerprint();
        manifest["study_id"] = "HMAC-SHA-256(project key, clinic patient ID), 60 bits in Crockford base32";
        manifest["dates"] = options.dateMode == DateMode::Shifted
                                ? "shifted per patient by a keyed offset of -180..-1 or 1..180 days; "
                                  "intervals within a patient are unchanged"
                                : "replaced by days since the patient's baseline (first exported visit); "
                                  "ages in completed years";
        manifest["removed"] = {"name",
                               "clinic patient ID",
                               "patient notes",
                               "visit notes",
                               "laboratory names",
                               "reader names (keyed pseudonyms instead)",
                               "recorded dates",
                               "core's progression notes (they name dates)"};
    } else {
        manifest["identified"] = "--identified: names, clinic patient IDs, notes and recorded dates included";
        manifest["removed"] = nlohmann::ordered_json::array();
    }
    manifest["not_exported"] = {"sacroiliitis grades of pelvic films", "audit trail"};
    manifest["filters"] = filtersJson(options.filters);
    manifest["columns"] =
        options.columns.empty() ? nlohmann::ordered_json("all") : nlohmann::ordered_json(options.columns);
    nlohmann::ordered_json settings = nlohmann::ordered_json::object();
    for (const auto& [name, value] : context.settings.describe())
        settings[name] = value;
    manifest["settings"] = settings;
    // Ongoing treatment episodes count through this day in the exposure columns (docs/methods.md 10).
    manifest["ongoing_treatment_through"] = core::toIsoString(context.today);
    manifest["patients"] = summary.patients;
    manifest["patients_excluded_by_filters"] = summary.patientsExcluded;
    manifest["visits_not_scored"] = summary.visitsNotScored;
    nlohmann::ordered_json rows = nlohmann::ordered_json::object();
    for (const auto& [table, n] : summary.rows)
        rows[table] = n;
    manifest["rows"] = rows;
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    const fs::path manifestFile = sibling(options.out, ".manifest.json");
    for (const fs::path& file : files.targets())
        names.push_back(file.filename().string());
    manifest["files"] = names;
    // The audit trail as the data were exported: with the database's key, `check` of this
    // database proves the trail still holds these rows unaltered (clinic.db.head likewise).
    if (const auto head = storage::lastAuditRow(db))
        manifest["audit_chain_head"] = {{"rows", head->rows}, {"mac", head->mac}};
    {
        std::ofstream out(files.temp(manifestFile), std::ios::binary | std::ios::trunc);
        out << manifest.dump(2) << '\n';
        out.close();
        if (!out)
            throw storage::StorageError("writing " + manifestFile.string() + " failed (disk full?)");
    }
    files.commit();

    try {
        nlohmann::json audit = {
            {"format", toString(options.format)},  {"files", names},
            {"deidentified", !options.identified}, {"filters", filtersJson(options.filters)},
            {"patients", summary.patients},        {"rows", rows}};
        if (key)
            audit["key_fingerprint"] = key->fingerprint();
        storage::Transaction transaction(db, storage::Writes::AuditRowOnly);
        storage::appendAudit(db, db.user(),
                             {"patient", std::nullopt, storage::AuditAction::Export, nullptr, audit, ""});
        transaction.commit();
    } catch (...) {
        files.rollback();  // an export the audit trail does not know of must not stay behind
        throw;
    }

    summary.files = files.targets();
    return summary;
}

}  // namespace ankylos::exports
