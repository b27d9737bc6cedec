#include "interchange/visit_csv_writer.h"

#include <ostream>
#include <string>
#include <vector>

#include "core/csv_text.h"
#include "core/format.h"
#include "core/validation.h"
#include "interchange/visit_csv_cells.h"

namespace ankylos::interchange {

namespace {

/// A patient's rows as the format holds them: a view per visit and the film of each visit.
struct PatientRows {
    std::vector<RowView> views;             ///< per visit
    std::vector<const core::Film*> filmOf;  ///< per visit; null when the visit has no film
};

/// The film's reading r as its row holds it: a reader's name, a reader once per film outside sessions and
/// once in each session, a role other than primary only in a session (docs/methods.md 11).
void checkReading(const core::Film& film, std::size_t r, const std::string& where,
                  core::Validation& problems) {
    const core::Reading& reading = film.readings[r];
    if (reading.reader.empty())
        problems.addError(where + ", reader", "", "a reader's name on every reading");
    for (std::size_t q = 0; q < r; ++q)
        if (!reading.reader.empty() && film.readings[q].reader == reading.reader &&
            film.readings[q].session == reading.session)
            problems.addError(where + ", reader", reading.reader,
                              reading.session.empty()
                                  ? "one reading per reader of a film outside sessions"
                                  : "one reading per reader of a film in session " + reading.session);
    if (reading.session.empty() && reading.role != core::ReadingRole::Primary)
        problems.addError(where + ", reader " + reading.reader + ", role", core::toString(reading.role),
                          "primary for a reading outside sessions (the visit CSV format gives other "
                          "roles only in a reading session)");
}

/// Links each film to the visit of its date; problems receives a film the format cannot hold.
void linkFilms(const core::PatientHistory& history, const std::string& who, PatientRows& rows,
               core::Validation& problems) {
    for (const core::Film& film : history.films) {
        std::size_t v = 0;
        while (v < history.visits.size() && history.visits[v].date != film.date)
            ++v;
        const auto where = [&] { return who + ", film of " + core::toIsoString(film.date); };
        if (v == history.visits.size()) {
            problems.addError(where(), core::toIsoString(film.date),
                              "a film on the date of a visit (the visit CSV format links films to visits)");
            continue;
        }
        if (rows.filmOf[v]) {
            problems.addError(where(), core::toIsoString(film.date), "one film per date");
            continue;
        }
        rows.filmOf[v] = &film;
        // A film not read yet has no scores to write: its visit's row carries empty film columns.
        for (std::size_t r = 0; r < film.readings.size(); ++r)
            checkReading(film, r, where(), problems);
    }
}

/// Low-dose CT scans (docs/methods.md 12) as their rows hold them: in date order, one per date, every
/// reading with a reader's name, a reader once per scan.
void checkCtScans(const core::PatientHistory& history, const std::string& who, core::Validation& problems) {
    for (std::size_t s = 0; s < history.ctScans.size(); ++s) {
        const core::CtScan& scan = history.ctScans[s];
        const auto where = [&] { return who + ", CT scan of " + core::toIsoString(scan.date); };
        if (s > 0 && !(history.ctScans[s - 1].date < scan.date))
            problems.addError(where(), core::toIsoString(scan.date), "CT scans in date order, one per date");
        for (std::size_t r = 0; r < scan.readings.size(); ++r) {
            const std::string& reader = scan.readings[r].reader;
            if (reader.empty())
                problems.addError(where() + ", reader", "", "a reader's name on every reading");
            for (std::size_t q = 0; q < r; ++q)
                if (scan.readings[q].reader == reader && !reader.empty())
                    problems.addError(where() + ", reader", reader, "one reading per reader of a CT scan");
        }
    }
}

/// The rows of a patient; throws core::ValidationError when the format cannot hold the history.
/// Everything is checked first, so that nothing of a patient the format cannot hold is written.
PatientRows rowsOf(const core::PatientHistory& history) {
    const core::Patient& patient = history.patient;
    const std::string who = "patient " + patient.clinicId;
    core::Validation problems;
    PatientRows rows;
    rows.views.reserve(history.visits.size());
    rows.filmOf.assign(history.visits.size(), nullptr);
    for (std::size_t v = 0; v < history.visits.size(); ++v) {
        if (v > 0 && !(history.visits[v - 1].date < history.visits[v].date))
            problems.addError(who + ", visit date", core::toIsoString(history.visits[v].date),
                              "visits in date order, one per date");
        core::Validation visitProblems;
        rows.views.push_back(viewOfVisit(patient, history.visits[v], &visitProblems));
        for (const core::Problem& p : visitProblems.problems())
            problems.addError(who + ", " + p.field, p.value, p.allowed);
    }
    linkFilms(history, who, rows, problems);
    checkCtScans(history, who, problems);
    problems.throwIfErrors();
    return rows;
}

void emit(std::ostream& out, const std::string& text) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

void writeVisitCsvHeader(std::ostream& out, bool byteOrderMark) {
    std::string line;
    if (byteOrderMark)
        line = "\xEF\xBB\xBF";
    core::appendCsvRecord(line, visitCsvColumns());
    emit(out, line);
}

void writeVisitCsvRows(std::ostream& out, const core::PatientHistory& history) {
    const VisitCsvColumns& cols = visitCsvColumnTable();
    const int columnCount = static_cast<int>(cols.specs.size());
    PatientRows rows = rowsOf(history);

    std::string patientCells;
    RowView patientOnly;
    patientOnly.patient = &history.patient;
    writeCells(patientOnly, 0, cols.visitBegin, patientCells);

    std::string row;
    const auto writeRow = [&](const RowView& view, const std::string& visitCells) {
        row = patientCells;
        row += visitCells;
        writeCells(view, cols.filmBegin, columnCount, row);
        row += core::kCsvRecordEnd;
        emit(out, row);
    };
    std::string emptyVisit;
    writeCells(patientOnly, cols.visitBegin, cols.filmBegin, emptyVisit);
    if (history.visits.empty() && history.treatments.empty() && history.ctScans.empty())
        writeRow(patientOnly, emptyVisit);  // a patient with nothing else is one row of patient columns
    std::string visitCells;
    for (std::size_t v = 0; v < history.visits.size(); ++v) {
        RowView& view = rows.views[v];
        visitCells.clear();
        writeCells(view, cols.visitBegin, cols.filmBegin, visitCells);
        const core::Film* film = rows.filmOf[v];
        if (!film || film->readings.empty()) {
            writeRow(view, visitCells);
            continue;
        }
        for (const core::Reading& reading : film->readings) {
            view.reading = &reading;
            writeRow(view, visitCells);
        }
    }
    for (const core::TreatmentEpisode& episode : history.treatments) {
        RowView view = patientOnly;
        view.episode = &episode;
        writeRow(view, emptyVisit);
    }
    for (const core::CtScan& scan : history.ctScans) {
        RowView view = patientOnly;
        view.ctScan = &scan;
        if (scan.readings.empty())
            writeRow(view, emptyVisit);  // a scan not read yet: its own columns only
        for (const core::CtssReading& reading : scan.readings) {
            view.ctReading = &reading;
            writeRow(view, emptyVisit);
        }
    }
}

}  // namespace ankylos::interchange
