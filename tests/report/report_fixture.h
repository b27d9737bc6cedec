#pragma once
/// Report test helpers: a temporary folder, real SQLite files written through the storage
/// repositories, a patient with any number of visits (Chinese name, films read by two readers,
/// labs, DXA), and the poppler tools that read the PDFs back.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/patient_history.h"
#include "demo/demo_cohort.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_source.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/treatment_repository.h"
#include "storage/visit_repository.h"

namespace ankylos::report::test {

using core::Date;

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ankylos-report-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a temporary folder");
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;  // nothing useful to report about a leftover temporary file
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// Histories held in memory, streamed as storage::HistoryReader streams a database's (ids 1, 2, ...).
class HistoryList : public storage::HistorySource {
public:
    explicit HistoryList(std::vector<core::PatientHistory> histories) : m_histories(std::move(histories)) {}
    std::size_t count() override { return m_histories.size(); }
    void forEach(const Handler& handle) override {
        for (std::size_t i = 0; i < m_histories.size(); ++i)
            handle(static_cast<std::int64_t>(i + 1), m_histories[i]);
    }

private:
    std::vector<core::PatientHistory> m_histories;
};

/// The patient of the report tests: a man with a Chinese name and every kind of record.
inline core::Patient reportPatient(const std::string& clinicId = "AS-7001",
                                   const std::string& name = "王小明") {
    core::Patient p;
    p.clinicId = clinicId;
    p.name = name;
    p.sex = core::Sex::Male;
    p.birth = Date(1975, 4, 2);
    p.hlaB27 = core::HlaB27::Positive;
    p.symptomOnset = Date(1996, 5, 1);
    p.diagnosis = Date(2001, 3, 15);
    p.smoking = core::SmokingStatus::Never;
    p.notes = "Uveitis 2004. <b>not markup</b> & 葡萄膜炎";
    return p;
}

inline core::LabValue labValue(core::Analyte analyte, double value, const std::string& unit, Date date,
                               const std::string& assay) {
    core::LabValue v;
    v.analyte = analyte;
    v.value = value;
    v.unit = unit;
    v.sampleDate = date;
    v.assay = assay;
    return v;
}

/// Visit i of a course starting 2008-01-10, every 70 days (so 60 visits span about 11.5 years).
inline core::Visit courseVisit(int i) {
    core::Visit v;
    v.date = Date(2008, 1, 10) + boost::gregorian::days(70 * i);
    double a = 2.0 + (i % 7) * 0.9;  // activity cycling between 2 and 7.4
    v.basdai = {a, a + 0.5, a - 1.0, a - 0.5, a, a - 0.2};
    v.patientGlobal = a;
    for (int q = 0; q < core::kBasfiItemCount; ++q)
        v.basfi.items[q] = std::min(10.0, 1.0 + i * 0.05 + q * 0.2);
    v.basmi = {14.0, 13.5, 12.0, 12.5, 4.0, 95.0, 60.0, 62.0};
    v.labs.push_back(labValue(core::Analyte::Crp, 3.0 + (i % 5) * 4.0, "mg/L", v.date,
                              i < 20 ? "Roche Cobas CRPL3" : "Siemens Atellica CRP"));
    v.labs.push_back(labValue(core::Analyte::Esr, 10.0 + (i % 4) * 9.0, "mm/h", v.date, ""));
    if (i % 10 == 0)
        v.labs.push_back(labValue(core::Analyte::Mmp3, 60.0 + i * 3.0, "ng/mL", v.date, "Panacea MMP-3 LA"));
    if (i % 8 == 0) {
        core::BmdMeasurement lumbar;
        lumbar.site = core::BmdSite::LumbarSpine;
        lumbar.bmd = 1.05 + i * 0.002;
        lumbar.tScore = -0.6 + i * 0.01;
        lumbar.zScore = -0.2;
        lumbar.device = {"Hologic", "Discovery A"};
        lumbar.vertebrae = {core::Vertebra::L1, core::Vertebra::L2, core::Vertebra::L3, core::Vertebra::L4};
        core::BmdMeasurement hip;
        hip.site = core::BmdSite::TotalHip;
        hip.bmd = 0.88 - i * 0.001;
        hip.tScore = -1.1;
        hip.zScore = -0.7;
        hip.device = {"Hologic", "Discovery A"};
        v.bmd = {lumbar, hip};
    }
    v.notes = i == 0 ? "Baseline; 开始治疗" : "";
    return v;
}

/// Film k's reading: grades rise with k (film 0: all 0; later films add syndesmophytes).
inline core::Reading courseReading(const std::string& reader, int k, int offset) {
    core::Reading r;
    r.reader = reader;
    for (core::Site site : core::allSites()) {
        int index = core::siteIndex(site);
        int grade = 0;
        if ((index * 7 + offset) % 24 < 3 * k)
            grade = std::min(3, 1 + (k - 1) / 2 + (index % 2));
        r.at(site) = core::SiteScore::graded(site, grade);
    }
    r.at(core::Site::T1_sup) = core::SiteScore::notAssessable(core::NotAssessableReason::NotVisible);
    return r;
}

/// Registers each reader not registered yet: readings are saved only for registered readers.
inline void registerReaders(storage::Database& db, const std::vector<std::string>& names) {
    storage::ReaderRepository readers(db);
    for (const std::string& name : names)
        if (!readers.find(name))
            readers.add(name);
}

inline core::TreatmentEpisode episode(const std::string& drug, const std::string& brand, Date start,
                                      std::optional<Date> stop, const std::string& dose, core::Route route,
                                      std::optional<core::StopReason> reason = std::nullopt) {
    core::TreatmentEpisode e;
    e.drugId = drug;
    e.brand = brand;
    e.start = start;
    e.stop = stop;
    e.doseAndFrequency = dose;
    e.route = route;
    e.stopReason = reason;
    return e;
}

/// The report patient's treatment course: naproxen, stopped for an adverse event and switched to
/// celecoxib (ongoing); sulfasalazine for a year; adalimumab from 2009-06-01, switched for inefficacy
/// to secukinumab on 2012-06-01 (ongoing).
inline std::vector<core::TreatmentEpisode> reportTreatments() {
    using core::Route;
    using core::StopReason;
    return {
        episode("naproxen", "", Date(2001, 1, 15), Date(2008, 9, 30), "500 mg twice daily", Route::Oral,
                StopReason::AdverseEvent),
        episode("sulfasalazine", "", Date(2008, 3, 1), Date(2009, 2, 28), "1 g twice daily", Route::Oral,
                StopReason::Inefficacy),
        episode("celecoxib", "Celebrex", Date(2008, 10, 1), std::nullopt, "200 mg once daily", Route::Oral),
        episode("adalimumab", "Humira", Date(2009, 6, 1), Date(2012, 5, 31), "40 mg every 2 weeks",
                Route::Subcutaneous, StopReason::Inefficacy),
        episode("secukinumab", "Cosentyx", Date(2012, 6, 1), std::nullopt, "150 mg every 4 weeks",
                Route::Subcutaneous)};
}

/// Writes the report patient with `visits` visits and a film at every 10th visit (read by two
/// readers) and its treatment course (reportTreatments) into db; returns the stored patient id.
inline std::int64_t addReportPatient(storage::Database& db, int visits,
                                     const std::string& clinicId = "AS-7001",
                                     const std::string& name = "王小明") {
    storage::PatientRepository patients(db);
    storage::VisitRepository visitRepo(db);
    storage::FilmRepository films(db);
    registerReaders(db, {"Reader A", "Reader B"});
    std::int64_t id = patients.add(reportPatient(clinicId, name));
    int film = 0;
    for (int i = 0; i < visits; ++i) {
        core::Visit v = courseVisit(i);
        visitRepo.add(id, v, true);
        if (i % 10 == 0 || (visits < 10 && i == visits - 1)) {
            std::int64_t filmId = films.addFilm(id, v.date);
            films.addReading(filmId, courseReading("Reader A", film, 0));
            films.addReading(filmId, courseReading("Reader B", film, 1));
            ++film;
        }
    }
    storage::TreatmentRepository treatments(db);
    for (const core::TreatmentEpisode& e : reportTreatments())
        treatments.add(id, e);
    return id;
}

/// Adds demo patients 0 .. count-1 (demo::demoPatient) through the repositories.
inline void addDemoPatients(storage::Database& db, int count, Date today) {
    storage::PatientRepository patients(db);
    storage::VisitRepository visits(db);
    storage::FilmRepository films(db);
    for (int i = 0; i < count; ++i) {
        core::PatientHistory h = demo::demoPatient(7, i, today);
        std::int64_t id = patients.add(h.patient);
        for (const core::Visit& v : h.visits)
            visits.add(id, v, true);
        for (const core::Film& f : h.films) {
            std::int64_t filmId = films.addFilm(id, f.date);
            for (const core::Reading& r : f.readings) {
                registerReaders(db, {r.reader});
                films.addReading(filmId, r);
            }
        }
    }
}

/// Runs a command and returns its standard output; fails the test when it exits non-zero.
inline std::string runTool(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>/dev/null").c_str(), "r"), pclose);
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    std::string out;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0)
        out.append(buffer, n);
    return out;
}

struct CommandResult {
    int exitCode = -1;
    std::string output;  ///< standard output and standard error together
};

/// Runs a shell command line and returns its exit status and output (stderr included).
inline CommandResult runCommand(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    CommandResult result;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, n);
    int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return result;
}

inline int pdfPages(const std::filesystem::path& pdf) {
    std::string info = runTool("pdfinfo '" + pdf.string() + "'");
    auto at = info.find("Pages:");
    if (at == std::string::npos)
        return -1;
    return std::stoi(info.substr(at + 6));
}

/// The text of pages first..last (1-based; 0 = all).
inline std::string pdfText(const std::filesystem::path& pdf, int first = 0, int last = 0) {
    std::string range = first > 0 ? " -f " + std::to_string(first) + " -l " + std::to_string(last) : "";
    return runTool("pdftotext -layout" + range + " '" + pdf.string() + "' -");
}

}  // namespace ankylos::report::test
