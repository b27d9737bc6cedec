// Copying a whole clinic between databases of either engine (storage/database_copy.h): every row of
// every table and the audit trail come across as they were, `check` passes on the copy, and a
// refused or failed copy leaves the destination as it was. Tests named *Postgresql* run on the test
// run's throwaway server.
#include "storage/database_copy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "demo/demo_cohort.h"
#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit_key.h"
#include "storage/ct_scan_repository.h"
#include "storage/database.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/schema.h"
#include "storage/visit_repository.h"
#include "synthetic_dicom.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using sql::Engine;

/// A clinic with rows in every table the program writes: the demo cohort (readers, films, readings
/// with their site scores, pelvic films, labs, DXA with its devices, patient summaries), a CT scan with
/// two CTSS readings, a visit whose
/// soft warning was confirmed, and a patient changed and one deleted, so the trail holds every action.
void fillClinic(Database& db) {
    demo::writeDemoCohort(db, 5, 0, 30, Date(2026, 6, 1));
    PatientRepository patients(db);
    const std::int64_t id = patients.add(test::fullPatient("AS-9001", "王伟"));
    core::Visit visit = test::fullVisit(Date(2020, 5, 4));
    visit.labs.push_back(test::lab(core::Analyte::Crp, 250, "mg/L", Date(2020, 5, 4)));
    VisitRepository(db).add(id, visit, true);
    test::registerReaders(db, {"Dr. Chen", "Dr. Rossi"});
    CtScanRepository(db).addScan(id, test::ctScan(Date(2021, 6, 1), {test::fullCtssReading("Dr. Chen"),
                                                                     test::fullCtssReading("Dr. Rossi", 1)}));
    // Images of a film: a DICOM file of this patient (whose bytes include every byte value) and one of
    // another patient, attached with a reason.
    const std::int64_t film = FilmRepository(db).addFilm(id, Date(2021, 4, 1));
    testing::SyntheticDicom dicom;
    dicom.patientId = "AS-9001";
    dicom.patientName = "王^伟";
    dicom.studyDate = "20210401";
    FilmImageRepository(db).attach(film, "lateral.dcm", testing::makeDicom(dicom));
    dicom.patientId = "AS-9002";
    FilmImageRepository(db).attach(film, "other.dcm", testing::makeDicom(dicom),
                                   std::string("ID typed wrong"));
    patients.update(id, test::fullPatient("AS-9001", "王伟伟"), "typo in name");
    patients.remove(*patients.idOf("AS-000002"), "entered twice");
}

std::string shown(const sql::Column& column) {
    switch (column.type()) {
        case sql::ColumnType::Null:
            return "NULL";
        case sql::ColumnType::Float: {
            char text[32];
            std::snprintf(text, sizeof text, "%.17g", column.getDouble());
            return text;
        }
        case sql::ColumnType::Text:
            return "'" + column.getString() + "'";
        default:
            return column.getString();
    }
}

/// Every row of every table as text, in key order: what two databases holding the same clinic share.
std::map<std::string, std::string> tableContents(Database& db) {
    std::map<std::string, std::string> contents;
    for (const SchemaTable& table : schemaTables()) {
        sql::Statement query(sql::connectionOf(db), "SELECT * FROM " + table.name + " ORDER BY " + table.key);
        std::string& rows = contents[table.name];
        while (query.executeStep()) {
            for (int c = 0; c < query.getColumnCount(); ++c)
                rows += query.getColumn(c).getName() + "=" + shown(query.getColumn(c)) + " ";
            rows += "\n";
        }
    }
    return contents;
}

/// The copy's report says every table came across whole and `check` found nothing.
void expectWhole(const CopyReport& report) {
    EXPECT_EQ(report.tables.size(), schemaTables().size());
    for (const std::string& problem : copyProblems(report))
        ADD_FAILURE() << problem;
    EXPECT_GT(report.check.auditRows, 30);
}

TEST(DatabaseCopyPostgresql, AClinicGoesToTheServerAndBackAsItWas) {
    test::TempDir dir;
    Database source(dir.path() / "clinic.db", "dr.zhang", Open::CreateNew);
    fillClinic(source);
    const std::map<std::string, std::string> before = tableContents(source);
    for (const std::string table :
         {"reading", "site_score", "sacroiliitis", "ct_scan", "ct_reading", "ct_quadrant_score", "bmd",
          "lab_result", "dxa_device", "confirmation", "setting", "reference_range", "patient_summary", "film_image"})
        EXPECT_FALSE(before.at(table).empty()) << table << " has no rows to copy";

    test::EngineLocation server(Engine::Postgresql);
    expectWhole(copyDatabase(source, server.path()));
    Database onServer(server.path(), "dr.li");
    EXPECT_TRUE(tableContents(onServer) == before) << "the server holds other rows than the file";
    EXPECT_EQ(onServer.auditKey().text(), source.auditKey().text());

    expectWhole(copyDatabase(onServer, dir.path() / "back.db"));
    Database back(dir.path() / "back.db", "dr.li");
    EXPECT_TRUE(tableContents(back) == before) << "the file copied back holds other rows than the first";
    EXPECT_EQ(AuditKey::load(auditKeyPath(dir.path() / "back.db"))->text(), source.auditKey().text());
    EXPECT_EQ(back.readOnlyReason(), "");

    // New rows on the server are numbered after the copied ones, and the trail goes on from the copy's.
    const std::int64_t newId = PatientRepository(onServer).add(test::minimalWoman("AS-9002"));
    EXPECT_GT(newId, 31);
    EXPECT_TRUE(checkDatabase(onServer).problems.empty());
}

/// Refusals and failures, into a new file and into a server database.
class DatabaseCopyTo : public ::testing::TestWithParam<Engine> {
protected:
    DatabaseCopyTo() { fillClinic(m_source); }

    /// Whether the destination is as the copy found it: no file, or a server database without tables.
    bool destinationUntouched() {
        if (GetParam() == Engine::Sqlite)
            return !std::filesystem::exists(m_dest.path()) &&
                   !std::filesystem::exists(auditKeyPath(m_dest.path()));
        sql::PostgresConnection db(m_dest.path().string(), 5000);
        return db.execAndGet("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                   .getInt() == 0;
    }

    test::TempDir m_dir;
    Database m_source{m_dir.path() / "clinic.db", "dr.zhang", Open::CreateNew};
    test::EngineLocation m_dest{GetParam()};
};

TEST_P(DatabaseCopyTo, ANonEmptyDestinationIsRefusedAndLeftAsItWas) {
    std::map<std::string, std::string> before;
    {
        Database other(m_dest.path(), "dr.li", Open::CreateNew);
        PatientRepository(other).add(test::fullPatient("AS-7001"));
        before = tableContents(other);
    }
    try {
        copyDatabase(m_source, m_dest.path());
        FAIL() << "copied into a database that holds a clinic";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(m_dest.path().string()), std::string::npos) << e.what();
    }
    Database other(m_dest.path(), "dr.li", Open::ReadOnly);
    EXPECT_TRUE(tableContents(other) == before);
}

TEST_P(DatabaseCopyTo, AFailureInTheMiddleLeavesNothing) {
    {  // A visit of a patient that is not there: written by a program without foreign keys.
        SQLite::Database raw((m_dir.path() / "clinic.db").string(), SQLite::OPEN_READWRITE);
        raw.exec("INSERT INTO visit (id, patient_id, visit_date) VALUES (999999, 424242, '2020-01-01')");
    }
    Database source(m_dir.path() / "clinic.db", "dr.zhang", Open::ReadOnly);
    try {
        copyDatabase(source, m_dest.path());
        FAIL() << "copied a visit without its patient";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("copying table visit"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(destinationUntouched());
}

TEST_P(DatabaseCopyTo, ATableTheCopyDoesNotKnowIsRefusedBeforeAnythingIsWritten) {
    {
        SQLite::Database raw((m_dir.path() / "clinic.db").string(), SQLite::OPEN_READWRITE);
        raw.exec("CREATE TABLE scanner_note (id INTEGER PRIMARY KEY, note TEXT)");
    }
    Database source(m_dir.path() / "clinic.db", "dr.zhang", Open::ReadOnly);
    try {
        copyDatabase(source, m_dest.path());
        FAIL() << "copied without a table";
    } catch (const IncompatibleDatabase& e) {
        EXPECT_NE(std::string(e.what()).find("scanner_note"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(destinationUntouched());
}

ANKYLOS_ON_BOTH_ENGINES(DatabaseCopyTo);

TEST(DatabaseCopy, TheSourceItselfIsRefused) {
    test::TempDir dir;
    Database source(dir.path() / "clinic.db", "dr.zhang", Open::CreateNew);
    EXPECT_THROW(copyDatabase(source, dir.path() / "." / "clinic.db"), core::ValidationError);
    EXPECT_THROW(copyDatabase(source, dir.path() / "clinic.db.key"), core::ValidationError);
}

}  // namespace
}  // namespace ankylos::storage
