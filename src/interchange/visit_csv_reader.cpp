#include "interchange/visit_csv_reader.h"

#include <algorithm>
#include <array>
#include <istream>
#include <map>
#include <sstream>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/csv_text.h"
#include "core/format.h"
#include "core/msasss.h"
#include "core/site_events.h"
#include "core/utf8.h"
#include "core/validation.h"
#include "interchange/csv_records.h"
#include "interchange/visit_csv_cells.h"
#include "interchange/visit_csv_row.h"

namespace ankylos::interchange {

namespace {

using core::Date;
using Group = ColumnGroup;
using Kind = ColumnKind;

struct VisitBuild {
    core::Visit visit;
    int line = 0;
    bool hasFilm = false;
    core::Film film;
    std::vector<std::pair<std::string, int>> readers;  // reader, line
    std::vector<int> bad;                              // visit columns that failed on the first row
};

/// A reading session as the file's readings describe it (docs/methods.md 11): the blinding its readings
/// share and the role of each reader, each with the line that first gave it.
struct SessionBuild {
    int line = 0;  ///< the session's first reading
    /// identity seen, paired by patient, chronology known: the first value read and its line
    std::array<std::optional<std::pair<bool, int>>, 3> blinding;
    std::vector<std::tuple<std::string, core::ReadingRole, int>> roles;  ///< folded reader, role, line
    bool hasPrimary = false;
};

struct CtScanBuild {
    core::CtScan scan;
    int line = 0;
    std::vector<std::pair<std::string, int>> readers;  // reader, line
    std::vector<int> bad;                              // scan columns that failed on the first row
};

struct PatientBuild {
    core::PatientHistory history;
    int line = 0;
    std::vector<int> bad;  // patient columns that failed on the first row
    std::map<Date, VisitBuild> visits;
    std::map<Date, CtScanBuild> ctScans;
    std::vector<std::pair<core::TreatmentEpisode, int>> treatments;  // episode, line
};

class Importer {
public:
    explicit Importer(Date today) : m_today(today), m_cols(visitCsvColumnTable()) {}

    VisitCsvImport run(std::istream& in) {
        std::ostringstream buffer;
        buffer << in.rdbuf();
        std::string data = std::move(buffer).str();
        std::string_view text(data);
        if (text.substr(0, 3) == "\xEF\xBB\xBF")
            text.remove_prefix(3);

        CsvRecordReader reader(text);
        std::vector<std::string> fields;
        std::vector<CsvFieldIssue> issues;
        int line = 0;
        bool fatal = false;
        bool haveHeader = false;
        while (reader.next(fields, line, issues, fatal)) {
            const bool blank = !fatal && std::all_of(fields.begin(), fields.end(),
                                                     [](const std::string& f) { return f.empty(); });
            if (!haveHeader) {
                reportIssues(issues, nullptr);
                if (blank)
                    continue;
                haveHeader = true;
                if (fatal || !readHeader(fields, line))
                    break;
                continue;
            }
            reportIssues(issues, &fields);
            if (fatal)
                break;
            if (blank)
                continue;
            ++m_result.rows;
            readRow(fields, line);
        }
        if (!haveHeader)
            addError(1, "", "", "the file is empty: the first line must name the columns (db/visit_csv.md)");
        finish();
        return std::move(m_result);
    }

private:
    void addError(int line, std::string column, std::string value, std::string rule) {
        m_result.errors.push_back({line, std::move(column), std::move(value), std::move(rule)});
    }

    std::string fileColumnName(std::size_t fileIndex) const {
        if (fileIndex < m_header.size())
            return m_header[fileIndex];
        return "field " + std::to_string(fileIndex + 1);
    }

    void reportIssues(std::vector<CsvFieldIssue>& issues, const std::vector<std::string>* fields) {
        for (CsvFieldIssue& issue : issues)
            addError(issue.line, fields ? fileColumnName(issue.field) : "", core::sanitizedUtf8(issue.value),
                     std::move(issue.rule));
        issues.clear();
    }

    /// False when rows cannot be read (a required column is missing).
    bool readHeader(const std::vector<std::string>& fields, int line) {
        m_header = fields;
        m_specOfFile.assign(fields.size(), -1);
        m_fileOfSpec.assign(m_cols.specs.size(), -1);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string& name = fields[i];
            const auto found = m_cols.byName.find(name);
            if (found == m_cols.byName.end()) {
                std::string rule = "unknown column: the columns are listed in db/visit_csv.md";
                if (name.find(';') != std::string::npos)
                    rule += "; the file seems separated by semicolons, but the visit CSV format uses commas";
                else if (name.empty())
                    rule = "a column without a name: every column of the header needs one (db/visit_csv.md)";
                addError(line, core::sanitizedUtf8(name), core::sanitizedUtf8(name), rule);
                continue;
            }
            if (m_fileOfSpec[found->second] >= 0) {
                addError(line, name, name,
                         "the column appears twice (also field " +
                             std::to_string(m_fileOfSpec[found->second] + 1) + ")");
                continue;
            }
            m_fileOfSpec[found->second] = static_cast<int>(i);
            m_specOfFile[i] = found->second;
        }
        bool usable = true;
        for (int required : {m_cols.patientId, m_cols.name, m_cols.sex, m_cols.birthDate, m_cols.visitDate}) {
            if (m_fileOfSpec[required] < 0) {
                addError(line, m_cols.names[required], "", "a required column is missing");
                usable = false;
            }
        }
        return usable;
    }

    /// The cell's text as in the file, or empty when the column is absent.
    const std::string& cell(int column) const {
        static const std::string kEmpty;
        const int file = m_fileOfSpec[column];
        return file >= 0 && static_cast<std::size_t>(file) < m_fields->size() ? (*m_fields)[file] : kEmpty;
    }

    void cellError(RowData& row, int column, const std::string& rule) {
        addError(m_line, m_cols.names[column], cell(column), rule);
        row.bad.push_back(column);
    }

    /// Reports the core's problems on this row, each at the column its field names. A problem on a
    /// cell that already failed to parse is not reported twice, nor the same fact twice (a future
    /// visit date is also the future date of the samples taken on it).
    void report(const core::Validation& validation, const RowData& row) {
        std::vector<std::pair<int, const core::Problem*>> seen;
        for (const core::Problem& problem : validation.problems()) {
            int column = -1;
            const auto found = m_cols.byField.find(problem.field);
            if (row.ctGiven) {
                column = ctColumnOf(problem.field);
                if (column < 0 && found != m_cols.byField.end())
                    column = found->second;  // a patient column of the CT row
            } else if (row.treatmentGiven)
                column = treatmentColumnOf(problem.field);
            else if (found != m_cols.byField.end())
                column = found->second;
            const ColumnSpec* spec = column >= 0 ? &m_cols.specs[column] : nullptr;
            if (spec && spec->kind == Kind::LabSampleDate && !row.labDateGiven[spec->arg])
                column = m_cols.visitDate;
            if (column >= 0 && row.isBad(column))
                continue;
            const bool repeated = std::any_of(seen.begin(), seen.end(), [&](const auto& other) {
                return other.first == column && other.second->value == problem.value &&
                       other.second->allowed == problem.allowed && other.second->severity == problem.severity;
            });
            if (repeated)
                continue;
            seen.emplace_back(column, &problem);
            CsvProblem csv{m_line, column >= 0 ? m_cols.names[column] : "", column >= 0 ? cell(column) : "",
                           problem.message()};
            if (problem.severity == core::Severity::Error)
                m_result.errors.push_back(std::move(csv));
            else
                m_result.warnings.push_back(std::move(csv));
        }
    }

    /// Parses the row's cells into row; a cell that cannot be read is reported and listed in row.bad.
    void parseCells(const std::vector<std::string>& fields, RowData& row) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const int column = m_specOfFile[i];
            if (column < 0)
                continue;
            if (!core::isValidUtf8(fields[i])) {
                addError(m_line, m_cols.names[column], fields[i],
                         "not valid UTF-8 text: save the file as \"CSV UTF-8\"");
                row.bad.push_back(column);
                continue;
            }
            const ColumnSpec& spec = m_cols.specs[column];
            // Text cells come formula-neutralised (core/csv_text.h): one leading ' is removed.
            const std::string text = isTextKind(spec.kind) ? core::unescapeCsvText(fields[i]) : fields[i];
            try {
                core::Validation cellProblems;
                parseCell(spec, text, row, cellProblems);
                for (const core::Problem& p : cellProblems.errors())
                    cellError(row, column, p.message());
            } catch (const core::ValidationError& error) {
                for (const core::Problem& p : error.problems())
                    cellError(row, column, p.message());
            }
        }
    }

    void readRow(const std::vector<std::string>& fields, int line) {
        m_fields = &fields;
        m_line = line;
        if (fields.size() != m_header.size()) {
            addError(line, "", std::to_string(fields.size()) + " fields",
                     "every row has as many fields as the header (" + std::to_string(m_header.size()) + ")");
            return;
        }
        RowData row = emptyRow();
        parseCells(fields, row);
        if (row.ctGiven) {
            readCtRow(row);
            return;
        }
        if (row.treatmentGiven) {
            readTreatmentRow(row);
            return;
        }
        checkPresence(row);
        assembleVisit(row);

        if (row.patient.clinicId.empty() || row.isBad(m_cols.patientId)) {
            // Without an ID the row belongs to no patient; its cells are still checked.
            PatientBuild lone;
            preparePatient(lone, row);
            if (row.visitDateGiven || row.visitCellsGiven)
                checkVisit(lone.history.patient, row);
            if (row.readerGiven)
                checkReading(lone.history.patient, row);
            return;
        }
        PatientBuild& patient = patientFor(row);
        if (!row.visitDateGiven && !row.visitCellsGiven)
            return;  // a patient without a visit
        if (!row.visitDateGiven || row.isBad(m_cols.visitDate)) {
            checkVisit(patient.history.patient, row);
            if (row.readerGiven)
                checkReading(patient.history.patient, row);
            return;
        }
        auto found = patient.visits.find(row.visit.date);
        if (found == patient.visits.end()) {
            VisitBuild& visit = patient.visits[row.visit.date];
            checkVisit(patient.history.patient, row);
            visit.line = line;
            visit.hasFilm = row.readerGiven;
            visit.film.date = row.visit.date;
            for (int column : row.bad)
                if (m_cols.specs[column].group == Group::Visit)
                    visit.bad.push_back(column);
            if (row.readerGiven)
                addReading(patient, visit, row);
            visit.visit = std::move(row.visit);
            return;
        }
        VisitBuild& visit = found->second;
        if (!visit.hasFilm || !row.readerGiven) {
            addError(line, "visit_date", cell(m_cols.visitDate),
                     "patient " + patient.history.patient.clinicId + " already has a visit on " +
                         cell(m_cols.visitDate) + " (line " + std::to_string(visit.line) +
                         "): a visit is one row, or one row per reader of its film");
            return;
        }
        compare(
            RowView(viewOfVisit(patient.history.patient, visit.visit, nullptr)),
            viewOfVisit(patient.history.patient, row.visit, nullptr), m_cols.visitBegin, m_cols.filmBegin,
            visit.bad, row, visit.line,
            "the visit columns must be the same on every row of a visit (one row per reader of its film)");
        addReading(patient, visit, row);
    }

    /// A treatment row: the patient's columns and one episode (docs/methods.md 10), no visit.
    void readTreatmentRow(RowData& row) {
        if (row.visitDateGiven || row.visitCellsGiven) {
            cellError(row, m_cols.treatmentDrug,
                      "treatment: an episode is a row of its own, with its visit and film columns empty");
            return;
        }
        for (const int column : {m_cols.treatmentDrug, m_cols.treatmentStart, m_cols.treatmentRoute})
            if (!row.isBad(column) &&
                std::find(row.treatmentCellsGiven.begin(), row.treatmentCellsGiven.end(), column) ==
                    row.treatmentCellsGiven.end())
                cellError(row, column,
                          "treatment " + m_cols.specs[column].field +
                              ": needed on a treatment row (treatment_drug, treatment_start_date, "
                              "treatment_route)");
        if (row.patient.clinicId.empty() || row.isBad(m_cols.patientId)) {
            PatientBuild lone;
            preparePatient(lone, row);
            checkEpisode(lone.history.patient, row);
            return;
        }
        PatientBuild& patient = patientFor(row);
        if (checkEpisode(patient.history.patient, row))
            patient.treatments.emplace_back(row.episode, m_line);
    }

    /// A CT row: the patient's columns, one low-dose CT scan and at most one reading of it
    /// (docs/methods.md 12), no visit, film or treatment.
    void readCtRow(RowData& row) {
        if (row.visitDateGiven || row.visitCellsGiven || row.readerGiven || row.filmCellsGiven ||
            row.treatmentGiven) {
            cellError(row, m_cols.ctDate,
                      "CT scan: a scan's reading is a row of its own, with its visit, film and treatment "
                      "columns empty");
            return;
        }
        if (!row.ctDateGiven && !row.isBad(m_cols.ctDate))
            cellError(row, m_cols.ctDate,
                      "CT scan date: (empty) is not allowed (allowed: a calendar date as YYYY-MM-DD when any "
                      "ct_ or ctss_ column is filled)");
        if (row.ctReadingCellsGiven && !row.ctReaderGiven && !row.isBad(m_cols.ctReader))
            cellError(row, m_cols.ctReader, "CT reader: needed when the CTSS columns of the row are filled");
        if (row.patient.clinicId.empty() || row.isBad(m_cols.patientId)) {
            PatientBuild lone;
            preparePatient(lone, row);
            checkCtRow(lone.history.patient, row);
            return;
        }
        PatientBuild& patient = patientFor(row);
        checkCtRow(patient.history.patient, row);
        if (row.ctDateGiven && !row.isBad(m_cols.ctDate))
            addCtRow(patient, row);
    }

    /// The core's rules for the row's scan with its reading (validateCtScan).
    void checkCtRow(const core::Patient& patient, const RowData& row) {
        core::CtScan scan = row.ctScan;
        if (!row.ctDateGiven || row.isBad(m_cols.ctDate))
            scan.date = m_today;  // already reported; today passes the date checks
        if (row.ctReaderGiven)
            scan.readings.push_back(row.ctReading);
        report(core::validateCtScan(scan, patient.birth, m_today), row);
    }

    /// Adds the row's scan (its first row) or its reading (a later reader's row of that scan).
    void addCtRow(PatientBuild& patient, const RowData& row) {
        const std::string date = cell(m_cols.ctDate);
        const auto found = patient.ctScans.find(row.ctScan.date);
        if (found == patient.ctScans.end()) {
            CtScanBuild& build = patient.ctScans[row.ctScan.date];
            build.scan = row.ctScan;
            build.line = m_line;
            for (int column : row.bad)
                if (column < m_cols.ctReader && column >= m_cols.ctBegin)
                    build.bad.push_back(column);
            if (row.ctReaderGiven) {
                build.scan.readings.push_back(row.ctReading);
                build.readers.emplace_back(row.ctReading.reader, m_line);
            }
            return;
        }
        CtScanBuild& build = found->second;
        if (build.readers.empty() || !row.ctReaderGiven) {
            addError(m_line, "ct_date", date,
                     "patient " + patient.history.patient.clinicId + " already has a CT scan on " + date +
                         " (line " + std::to_string(build.line) +
                         "): a scan is one row, or one row per reader of its CTSS");
            return;
        }
        RowView stored, current;
        stored.patient = current.patient = &patient.history.patient;
        stored.ctScan = &build.scan;
        current.ctScan = &row.ctScan;
        compare(stored, current, m_cols.ctBegin, m_cols.ctReader, build.bad, row, build.line,
                "the scan columns must be the same on every row of a CT scan (one row per reader)");
        for (const auto& [reader, line] : build.readers)
            if (core::foldCase(reader) == core::foldCase(row.ctReading.reader)) {
                addError(m_line, "ctss_reader", cell(m_cols.ctReader),
                         "reader " + reader + " already read the CT scan of " + date + " (line " +
                             std::to_string(line) + "): one row per reader of a scan");
                return;
            }
        build.scan.readings.push_back(row.ctReading);
        build.readers.emplace_back(row.ctReading.reader, m_line);
    }

    /// The core's rules for one episode; false when the row has a problem.
    bool checkEpisode(const core::Patient& patient, const RowData& row) {
        for (const int column : row.bad)
            if (m_cols.specs[column].group == Group::Treatment)
                return false;  // reported already; the core's checks would repeat or guess
        const std::size_t before = m_result.errors.size();
        report(core::validateTreatmentEpisode(row.episode, patient.birth, m_today), row);
        return m_result.errors.size() == before;
    }

    /// Two episodes of one drug that share a day (docs/methods.md 10), reported at the later row.
    void checkCourse(const PatientBuild& patient) {
        const auto& episodes = patient.treatments;
        for (std::size_t j = 1; j < episodes.size(); ++j)
            for (std::size_t i = 0; i < j; ++i) {
                if (episodes[i].first.drugId != episodes[j].first.drugId)
                    continue;
                const core::Validation course = core::validateTreatmentCourse(
                    {episodes[i].first, episodes[j].first}, patient.history.patient.birth, m_today);
                for (const core::Problem& problem : course.errors())
                    addError(episodes[j].second, m_cols.names[m_cols.treatmentStart],
                             core::toIsoString(episodes[j].first.start),
                             problem.message() + " (line " + std::to_string(episodes[i].second) + ")");
            }
    }

    /// Cells that only make sense together with another one.
    void checkPresence(RowData& row) {
        for (std::size_t a = 0; a < kAnalyteCount; ++a) {
            if (row.labCellsGiven[a] && !row.labValueGiven[a]) {
                const std::string prefix = kAnalytePrefixes[a];
                const int column = m_cols.byName.at(prefix + "_value");
                if (!row.isBad(column))
                    cellError(row, column,
                              core::toString(core::allAnalytes()[a]) + ": a value is needed when other " +
                                  prefix + "_ columns are filled");
            }
        }
        for (std::size_t s = 0; s < kBmdSiteCount; ++s) {
            if (row.bmdCellsGiven[s] && !row.bmdValueGiven[s]) {
                const int column =
                    m_cols.byName.at("bmd_" + core::toString(core::allBmdSites()[s]) + "_g_cm2");
                if (!row.isBad(column))
                    cellError(row, column,
                              std::string(kBmdLabels[s]) +
                                  " BMD: a value in g/cm2 is needed when its T-score, "
                                  "Z-score or vertebrae are filled");
            }
        }
        for (std::size_t m = 0; m < row.lastEpisodes.size(); ++m) {
            const core::Manifestation manifestation = core::allManifestations()[m];
            const int status = m_cols.byName.at(core::toString(manifestation));
            if (row.lastEpisodes[m] && !row.visit.coreSet.manifestations[m] && !row.isBad(status))
                cellError(row, m_cols.byName.at(core::toString(manifestation) + "_last_episode"),
                          core::manifestationLabel(manifestation) +
                              " last episode: a date is recorded only with a status of history or active");
        }
        const bool anyBmd =
            std::any_of(row.bmdValueGiven.begin(), row.bmdValueGiven.end(), [](bool b) { return b; });
        if (row.deviceGiven && !anyBmd)
            cellError(row, m_cols.byName.at("dxa_manufacturer"),
                      "DXA device: recorded only with a BMD value of the visit");
        if (row.filmCellsGiven && !row.readerGiven)
            cellError(row, m_cols.filmReader,
                      "film reader: needed when the film columns of the row are filled");
        if (row.readerGiven)
            row.visitCellsGiven = true;
        if (row.visitCellsGiven && !row.visitDateGiven && !row.isBad(m_cols.visitDate))
            cellError(
                row, m_cols.visitDate,
                "visit date: (empty) is not allowed (allowed: a calendar date as YYYY-MM-DD when any visit, "
                "laboratory, BMD or film column is filled)");
    }

    /// The row's patient, created at its first row; later rows must repeat the same patient columns.
    PatientBuild& patientFor(RowData& row) {
        const auto found = m_patientIndex.find(row.patient.clinicId);
        if (found == m_patientIndex.end()) {
            m_patientIndex.emplace(row.patient.clinicId, m_patients.size());
            m_patients.emplace_back();
            PatientBuild& patient = m_patients.back();
            preparePatient(patient, row);
            return patient;
        }
        PatientBuild& patient = m_patients[found->second];
        RowView stored, current;
        stored.patient = &patient.history.patient;
        current.patient = &row.patient;
        compare(stored, current, 0, m_cols.visitBegin, patient.bad, row, patient.line,
                "the patient columns must be the same on every row of patient " + row.patient.clinicId);
        return patient;
    }

    void preparePatient(PatientBuild& patient, const RowData& row) {
        patient.line = m_line;
        patient.history.patient = row.patient;
        for (int column : row.bad)
            if (m_cols.specs[column].group == Group::Patient)
                patient.bad.push_back(column);
        core::Patient& stored = patient.history.patient;
        report(core::validatePatient(stored, m_today), row);
        // A birth date or sex that did not parse is already reported: the checks of this patient's
        // visits then use a birth date before any other (no "before birth" error) and the sex for
        // which a menopausal status is allowed, so they do not report it again in other words.
        if (row.isBad(m_cols.birthDate))
            stored.birth = Date(1400, 1, 1);
        if (row.isBad(m_cols.sex))
            stored.sex = core::Sex::Female;
    }

    /// The visit's own cells: the core's validateVisit, at this row.
    void checkVisit(const core::Patient& patient, const RowData& row) {
        core::Visit visit = row.visit;
        if (!row.visitDateGiven || row.isBad(m_cols.visitDate)) {
            // Already reported; today passes the date checks.
            visit.date = m_today;
            for (core::LabValue& lab : visit.labs)
                if (lab.sampleDate.is_special())
                    lab.sampleDate = m_today;
        }
        report(core::validateVisit(patient, visit, m_today), row);
    }

    /// How the reading was made (docs/methods.md 11): a session's name as the database keeps it, a role
    /// other than primary only in a session, and a blinding a session can have (one that shows the films'
    /// order shows each patient's films together).
    void checkHowRead(const RowData& row, core::Validation& validation) const {
        const core::Reading& reading = row.reading;
        const std::string& session = reading.session;
        if (!session.empty()) {
            validation.requireText("film session", session);
            if (core::trimmed(session) != session)
                validation.addError("film session", session,
                                    "a session's name without leading or trailing spaces");
        }
        if (session.empty() && reading.role != core::ReadingRole::Primary && !row.isBad(m_cols.filmRole))
            validation.addError("film role", core::toString(reading.role),
                                "empty or primary for a reading outside sessions (film_session empty)");
        if (!session.empty() && reading.chronologyKnown && !reading.pairedByPatient &&
            !row.isBad(m_cols.filmChronology) && !row.isBad(m_cols.filmPairedByPatient))
            validation.addError("film chronology known", "yes",
                                "no when film_paired_by_patient is no: a session that shows the films' "
                                "order shows each patient's films together");
    }

    void checkReading(const core::Patient& patient, const RowData& row) {
        core::Validation validation;
        validation.requireText("film reader", row.reading.reader);
        if (row.reading.readingDate) {
            core::checkClinicalDate(validation, "film reading date", *row.reading.readingDate, patient.birth,
                                    m_today);
            if (row.visitDateGiven && !row.isBad(m_cols.visitDate) &&
                *row.reading.readingDate < row.visit.date)
                validation.addError("film reading date", core::toIsoString(*row.reading.readingDate),
                                    "not before the film date (" + core::toIsoString(row.visit.date) + ")");
        }
        checkHowRead(row, validation);
        report(validation, row);
        // docs/methods.md 1.4: a bridge has two ends; flagged for review, not blocked.
        for (const core::BridgingInconsistency& inconsistency : core::checkBridgingConsistency(row.reading)) {
            const int column = m_cols.byName.at("msasss_" + core::siteId(inconsistency.other));
            m_result.warnings.push_back(
                {m_line, m_cols.names[column], cell(column), inconsistency.message()});
        }
    }

    void addReading(PatientBuild& patient, VisitBuild& visit, const RowData& row) {
        // A reader reads a film once outside sessions and once in each session (docs/methods.md 11);
        // names match without regard to case, as the database matches readers.
        for (std::size_t r = 0; r < visit.readers.size(); ++r) {
            const auto& [reader, line] = visit.readers[r];
            const std::string& session = visit.film.readings[r].session;
            if (core::foldCase(reader) == core::foldCase(row.reading.reader) &&
                session == row.reading.session) {
                addError(m_line, "film_reader", cell(m_cols.filmReader),
                         "reader " + reader + " already read the film of " +
                             core::toIsoString(visit.film.date) +
                             (session.empty() ? " outside sessions" : " in session " + session) + " (line " +
                             std::to_string(line) +
                             "): one row per reader of a film outside sessions and one in each session");
                return;
            }
        }
        checkReading(patient.history.patient, row);
        if (!row.reading.session.empty() && !row.isBad(m_cols.filmSession))
            checkSession(row);
        visit.readers.emplace_back(row.reading.reader, m_line);
        visit.film.readings.push_back(row.reading);
    }

    /// Every reading of one session shares the session's blinding, and a reader has one role in it
    /// (docs/methods.md 11): the import creates the session from them.
    void checkSession(const RowData& row) {
        const core::Reading& reading = row.reading;
        SessionBuild& session = m_sessions[reading.session];
        if (session.line == 0) {
            session.line = m_line;
            m_sessionOrder.push_back(reading.session);
        }
        const int columns[] = {m_cols.filmIdentitySeen, m_cols.filmPairedByPatient, m_cols.filmChronology};
        const bool values[] = {reading.identitySeen, reading.pairedByPatient, reading.chronologyKnown};
        for (std::size_t i = 0; i < session.blinding.size(); ++i) {
            if (row.isBad(columns[i]))
                continue;
            auto& first = session.blinding[i];
            if (!first) {
                first.emplace(values[i], m_line);
                continue;
            }
            if (first->first != values[i])
                addError(m_line, m_cols.names[columns[i]], cell(columns[i]),
                         core::Problem{core::Severity::Error, m_cols.specs[columns[i]].field,
                                       values[i] ? "yes" : "no",
                                       std::string(first->first ? "yes" : "no") + ", as on line " +
                                           std::to_string(first->second) + ": every reading of session " +
                                           reading.session + " has the session's blinding"}
                             .message());
        }
        if (row.isBad(m_cols.filmRole) || row.isBad(m_cols.filmReader))
            return;
        const std::string reader = core::foldCase(reading.reader);
        for (const auto& [name, role, line] : session.roles)
            if (name == reader) {
                if (role != reading.role)
                    addError(m_line, m_cols.names[m_cols.filmRole], cell(m_cols.filmRole),
                             core::Problem{core::Severity::Error, m_cols.specs[m_cols.filmRole].field,
                                           core::toString(reading.role),
                                           core::toString(role) + ", the role of " + reading.reader +
                                               " in session " + reading.session + " on line " +
                                               std::to_string(line) + ": a reader has one role in a session"}
                                 .message());
                return;
            }
        session.roles.emplace_back(reader, reading.role, m_line);
        session.hasPrimary = session.hasPrimary || reading.role == core::ReadingRole::Primary;
    }

    /// A session is created from its readings, and a session needs a primary reader.
    void checkSessionsHavePrimaryReaders() {
        for (const std::string& name : m_sessionOrder) {
            const SessionBuild& session = m_sessions.at(name);
            if (!session.hasPrimary && !session.roles.empty())
                addError(
                    session.line, m_cols.names[m_cols.filmSession], name,
                    core::Problem{core::Severity::Error, m_cols.specs[m_cols.filmSession].field, name,
                                  "a session with a primary reader's reading: the import creates session " +
                                      name + " from its readings, and a session needs a primary reader"}
                        .message());
        }
    }

    /// Compares columns [begin, end) of a later row with the group's first row; each difference is
    /// an error at the later row. Cells that failed to parse on either row are not compared.
    void compare(const RowView& stored, const RowView& current, int begin, int end,
                 const std::vector<int>& storedBad, const RowData& row, int storedLine,
                 const std::string& rule) {
        std::string a, b;
        for (int column = begin; column < end; ++column) {
            if (m_fileOfSpec[column] < 0 || row.isBad(column))
                continue;
            if (std::find(storedBad.begin(), storedBad.end(), column) != storedBad.end())
                continue;
            a.clear();
            b.clear();
            writeCell(m_cols.specs[column], stored, a);
            writeCell(m_cols.specs[column], current, b);
            if (a != b)
                addError(m_line, m_cols.names[column], cell(column),
                         "differs from line " + std::to_string(storedLine) + " (\"" + a + "\"): " + rule);
        }
    }

    void finish() {
        for (const PatientBuild& patient : m_patients)
            checkCourse(patient);
        checkSessionsHavePrimaryReaders();
        // A NUL, line break or invalid byte must neither hide in nor cut a message.
        for (auto* problems : {&m_result.errors, &m_result.warnings}) {
            for (CsvProblem& problem : *problems) {
                problem.column = core::visibleText(problem.column);
                problem.value = core::visibleText(problem.value);
                problem.rule = core::visibleText(problem.rule);
            }
        }
        std::stable_sort(m_result.errors.begin(), m_result.errors.end(),
                         [](const CsvProblem& x, const CsvProblem& y) { return x.line < y.line; });
        std::stable_sort(m_result.warnings.begin(), m_result.warnings.end(),
                         [](const CsvProblem& x, const CsvProblem& y) { return x.line < y.line; });
        if (!m_result.errors.empty())
            return;  // all-or-nothing
        m_result.patients.reserve(m_patients.size());
        m_result.lines.reserve(m_patients.size());
        for (PatientBuild& patient : m_patients) {
            core::PatientHistory& history = patient.history;
            VisitCsvImport::Lines lines;
            lines.patient = patient.line;
            for (auto& [date, visit] : patient.visits) {
                if (visit.hasFilm) {
                    history.films.push_back(std::move(visit.film));
                    lines.readings.emplace_back();
                    for (const auto& reader : visit.readers)
                        lines.readings.back().push_back(reader.second);
                }
                history.visits.push_back(std::move(visit.visit));
                lines.visits.push_back(visit.line);
            }
            // The course's order, as the database gives it back: start date, then drug.
            std::stable_sort(
                patient.treatments.begin(), patient.treatments.end(), [](const auto& x, const auto& y) {
                    return std::tie(x.first.start, x.first.drugId) < std::tie(y.first.start, y.first.drugId);
                });
            for (auto& [episode, line] : patient.treatments) {
                history.treatments.push_back(std::move(episode));
                lines.treatments.push_back(line);
            }
            for (auto& [date, build] : patient.ctScans) {
                lines.ctScans.push_back({build.line});
                for (std::size_t r = 1; r < build.readers.size(); ++r)
                    lines.ctScans.back().push_back(build.readers[r].second);
                history.ctScans.push_back(std::move(build.scan));
            }
            m_result.patients.push_back(std::move(history));
            m_result.lines.push_back(std::move(lines));
        }
    }

    Date m_today;
    const VisitCsvColumns& m_cols;
    VisitCsvImport m_result;
    std::vector<std::string> m_header;
    std::vector<int> m_specOfFile;  // file field index -> column index, -1 for unknown columns
    std::vector<int> m_fileOfSpec;  // column index -> file field index, -1 when absent
    std::vector<PatientBuild> m_patients;
    std::unordered_map<std::string, std::size_t> m_patientIndex;
    std::unordered_map<std::string, SessionBuild> m_sessions;  ///< by the session's name
    std::vector<std::string> m_sessionOrder;                   ///< session names in order of first reading
    const std::vector<std::string>* m_fields = nullptr;        // the row being read
    int m_line = 0;
};

}  // namespace

std::string CsvProblem::message() const {
    std::string text = "line " + std::to_string(line);
    if (!column.empty())
        text += ", column " + column + " = \"" + value + "\"";
    return text + ": " + rule;
}

std::string VisitCsvImport::place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                                  std::optional<std::size_t> film, std::optional<std::size_t> reading,
                                  const std::string& field) const {
    return place(file, p, visit, film, reading, std::nullopt, field);
}

std::string VisitCsvImport::place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                                  std::optional<std::size_t> film, std::optional<std::size_t> reading,
                                  std::optional<std::size_t> treatment, std::optional<std::size_t> ctScan,
                                  const std::string& field) const {
    if (!ctScan)
        return place(file, p, visit, film, reading, treatment, field);
    const int line = lines.at(p).ctScans.at(*ctScan).front();
    const int column = ctColumnOf(field);
    return file + ":" + std::to_string(line) + ":" +
           (column < 0 ? field : visitCsvColumnTable().names[column]);
}

std::string VisitCsvImport::place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                                  std::optional<std::size_t> film, std::optional<std::size_t> reading,
                                  std::optional<std::size_t> treatment, const std::string& field) const {
    const Lines& of = lines.at(p);
    int line = of.patient;
    if (visit)
        line = of.visits.at(*visit);
    if (film && !of.readings.at(*film).empty())
        line = of.readings[*film].at(reading.value_or(0));
    const VisitCsvColumns& cols = visitCsvColumnTable();
    int column = -1;
    if (treatment) {
        line = of.treatments.at(*treatment);
        column = treatmentColumnOf(field);
    } else if (const auto found = cols.byField.find(field); found != cols.byField.end()) {
        column = found->second;
    }
    return file + ":" + std::to_string(line) + ":" + (column < 0 ? field : cols.names[column]);
}

VisitCsvImport parseVisitCsv(std::istream& in, Date today) {
    return Importer(today).run(in);
}

}  // namespace ankylos::interchange
