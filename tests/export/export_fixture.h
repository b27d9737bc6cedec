#pragma once
// Test helpers for the research export: a real SQLite demo cohort in a temporary folder, an
// RFC 4180 CSV reader, and the histories as core sees them, to compare exported values with.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "core/patient_history.h"
#include "demo/demo_cohort.h"
#include "export/exporter.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/reading_session_repository.h"
#include "storage/visit_import.h"

namespace ankylos::exports::test {

namespace fs = std::filesystem;

inline std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A parsed CSV file: header names and records of fields (RFC 4180, CRLF or LF).
struct Csv {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    int column(const std::string& name) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return static_cast<int>(i);
        return -1;
    }
    const std::string& at(std::size_t row, const std::string& name) const {
        const int i = column(name);
        if (i < 0)
            throw std::runtime_error("no column " + name);
        return rows.at(row).at(static_cast<std::size_t>(i));
    }
};

inline Csv parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
            fieldStarted = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            record.push_back(field);
            records.push_back(record);
            record.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.empty()) {
        record.push_back(field);
        records.push_back(record);
    }
    Csv csv;
    if (!records.empty()) {
        csv.header = records.front();
        csv.rows.assign(records.begin() + 1, records.end());
    }
    return csv;
}

inline Csv readCsv(const fs::path& file) {
    return parseCsv(readFile(file));
}

/// A temporary folder with a demo cohort database in it.
class ExportTest : public ::testing::Test {
protected:
    static constexpr int kPatients = 60;

    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "ankylos-export-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a temporary folder");
        m_dir = pattern;
        m_db = std::make_unique<storage::Database>(m_dir / "clinic.db", "researcher.wu",
                                                   storage::Open::CreateNew);
        std::vector<core::PatientHistory> cohort;
        const core::Date today(2026, 11, 1);
        for (int i = 0; i < kPatients; ++i)
            cohort.push_back(demo::demoPatient(5, i, today));
        storage::importHistories(*m_db, cohort, true, "demo");
        storage::HistoryReader(*m_db).forEach([this](std::int64_t, const core::PatientHistory& history) {
            m_histories[history.patient.clinicId] = history;
            m_order.push_back(history.patient.clinicId);
        });
        std::ofstream(path("project.key"), std::ios::binary) << "0123456789abcdef-first-project-key";
        std::ofstream(path("other.key"), std::ios::binary) << "fedcba9876543210-other-project-key";
    }

    void TearDown() override {
        m_db.reset();
        std::error_code ignored;  // a failed test may have left files open
        fs::remove_all(m_dir, ignored);
    }

    fs::path path(const std::string& name) const { return m_dir / name; }

    ExportOptions options(ExportFormat format, const std::string& out, bool identified = false) const {
        ExportOptions o;
        o.format = format;
        o.out = path(out);
        o.identified = identified;
        if (!identified)
            o.keyFile = path("project.key");
        return o;
    }

    ExportSummary run(const ExportOptions& o, ExportProgress* progress = nullptr) {
        return exportCohort(*m_db, o, progress);
    }

    /// A reading session over every film of the first `patients` patients with 2 or more read films.
    /// Each primary reader reads every film: the clinic's first reading of it, with reader k (k = 0, 1,
    /// ...) grading the k-th site of each segment one higher when below 3, so that readers differ a
    /// little and differently per patient. Returns the clinic IDs of the session's patients.
    std::vector<std::string> makeSession(const std::string& name, const std::vector<std::string>& primaries,
                                         std::size_t patients) {
        storage::ReadingSession session;
        session.name = name;
        session.blinding = {true, core::SessionChronology::Unknown};
        storage::FilmRepository films(db());
        std::vector<std::string> chosen;
        for (const std::string& id : clinicIds()) {
            const auto& all = history(id).films;
            const bool read =
                std::all_of(all.begin(), all.end(), [](const core::Film& f) { return !f.readings.empty(); });
            if (chosen.size() < patients && all.size() >= 2 && read)
                chosen.push_back(id);
        }
        for (const std::string& reader : primaries) {
            if (!storage::ReaderRepository(db()).find(reader))
                storage::ReaderRepository(db()).add(reader);
            session.readers.push_back({reader, core::ReadingRole::Primary});
        }
        for (const std::string& id : chosen) {
            const std::int64_t patient = *storage::PatientRepository(db()).idOf(id);
            for (const core::Film& film : history(id).films)
                session.films.push_back(*films.filmId(patient, film.date));
        }
        std::sort(session.films.begin(), session.films.end());
        storage::ReadingSessionRepository(db()).create(session);
        for (std::size_t k = 0; k < primaries.size(); ++k)
            for (std::size_t p = 0; p < chosen.size(); ++p) {
                const std::int64_t patient = *storage::PatientRepository(db()).idOf(chosen[p]);
                for (const core::Film& film : history(chosen[p]).films) {
                    core::Reading reading = film.readings.front();
                    reading.reader = primaries[k];
                    reading.session = name;
                    for (std::size_t site : {k + p, 12 + k + p}) {
                        auto& score = reading.sites[site % core::kSiteCount];
                        if (score && score->assessable() && score->grade() < 3)
                            score = core::SiteScore::graded(core::allSites()[site % core::kSiteCount],
                                                            score->grade() + 1);
                    }
                    films.addReading(*films.filmId(patient, film.date), reading);
                }
            }
        return chosen;
    }

    storage::Database& db() { return *m_db; }
    const core::PatientHistory& history(const std::string& clinicId) const {
        return m_histories.at(clinicId);
    }
    const std::vector<std::string>& clinicIds() const { return m_order; }

private:
    fs::path m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::map<std::string, core::PatientHistory> m_histories;
    std::vector<std::string> m_order;
};

}  // namespace ankylos::exports::test
