// What each role may do on a server database (db/migrations/postgresql/0006_roles.sql, docs/roles.md),
// action by action: through Ankylos's repositories, and as SQL typed in psql under the same account,
// which must allow no more. A refused action changes nothing (the audit trail keeps its length).
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "clinic_accounts.h"
#include "sample_records.h"
#include "storage/accounts.h"
#include "storage/audit.h"
#include "storage/ct_scan_repository.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_list.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/reading_session_repository.h"
#include "storage/settings_store.h"
#include "storage/visit_repository.h"

namespace ankylos::storage {
namespace {

using core::Date;
using Roles = std::set<Role>;

const Roles kNobody;
const Roles kClinicalEntry = {Role::Physician, Role::Nurse};
const Roles kReading = {Role::Physician, Role::Reader};
const Roles kRecordReaders = {Role::Administrator, Role::Physician, Role::Nurse, Role::Reader};

/// The records each test acts on, entered by the owner.
struct Record {
    std::int64_t patient = 0;
    std::int64_t spareVisit = 0;  ///< for the deletion
    std::int64_t film = 0;
    std::int64_t pelvicFilm = 0;  ///< a grading of a pelvic film, by reader
    std::int64_t ctScan = 0;      ///< a low-dose CT, read by reader
    std::int64_t ctReading = 0;   ///< reader's CTSS of it
    std::int64_t image = 0;       ///< an image of the film
    std::string reader;
    std::string secondReader;  ///< registered, has read nothing
};

struct AnkylosAction {
    const char* name;
    Action action;  ///< what the front ends ask allows() about: it must agree with the server
    Roles allowed;
    std::function<void(Database&, const Record&)> run;
};

/// The signature and header of a 2 x 3 PNG: all an image's import reads of it.
std::string pngFile() {
    return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x03\x10\0\0\0\0", 29);
}

const std::vector<AnkylosAction>& ankylosActions() {
    static const std::vector<AnkylosAction> actions = {
        {"add a patient", Action::EditPatients, kClinicalEntry,
         [](Database& db, const Record&) { PatientRepository(db).add(test::fullPatient("AS-9001", "New")); }},
        {"change a patient", Action::EditPatients, kClinicalEntry,
         [](Database& db, const Record& r) {
             core::Patient patient = PatientRepository(db).find(r.patient)->patient;
             patient.notes = "changed";
             PatientRepository(db).update(r.patient, patient, "correction");
         }},
        {"add a visit", Action::EditVisits, kClinicalEntry,
         [](Database& db, const Record& r) {
             VisitRepository(db).add(r.patient, test::fullVisit(Date(2023, 5, 2)));
         }},
        {"delete a visit", Action::EditVisits, kClinicalEntry,
         [](Database& db, const Record& r) { VisitRepository(db).remove(r.spareVisit, "entered twice"); }},
        {"add a film",
         Action::AddFilms,
         {Role::Physician, Role::Nurse, Role::Reader},
         [](Database& db, const Record& r) { FilmRepository(db).addFilm(r.patient, Date(2023, 6, 1)); }},
        {"score a film", Action::ScoreFilms, kReading,
         [](Database& db, const Record& r) {
             FilmRepository(db).addReading(r.film, test::fullReading(r.reader));
         }},
        // Images go with films: whoever may add a film attaches and removes its images.
        {"attach an image to a film",
         Action::AddFilms,
         {Role::Physician, Role::Nurse, Role::Reader},
         [](Database& db, const Record& r) { FilmImageRepository(db).attach(r.film, "b.png", pngFile()); }},
        {"remove an image of a film",
         Action::AddFilms,
         {Role::Physician, Role::Nurse, Role::Reader},
         [](Database& db, const Record& r) { FilmImageRepository(db).remove(r.image, "wrong film"); }},
        {"correct a pelvic film's grading", Action::ScoreFilms, kReading,
         [](Database& db, const Record& r) {
             FilmRepository(db).updatePelvicFilm(r.pelvicFilm, {r.reader, {Date(2020, 3, 1), 3, 2}},
                                                 "misread");
         }},
        {"delete a pelvic film's grading", Action::ScoreFilms, kReading,
         [](Database& db, const Record& r) {
             FilmRepository(db).removePelvicFilm(r.pelvicFilm, "wrong patient");
         }},
        {"add a CT scan",
         Action::AddFilms,
         {Role::Physician, Role::Nurse, Role::Reader},
         [](Database& db, const Record& r) {
             CtScanRepository(db).addScan(r.patient, test::ctScan(Date(2023, 6, 1)));
         }},
        {"score a CT scan", Action::ScoreFilms, kReading,
         [](Database& db, const Record& r) {
             CtScanRepository(db).addReading(r.ctScan, test::fullCtssReading(r.secondReader));
         }},
        {"correct a CT reading", Action::ScoreFilms, kReading,
         [](Database& db, const Record& r) {
             CtScanRepository(db).updateReading(r.ctReading, test::fullCtssReading(r.reader, 1), "misread");
         }},
        {"register a reader",
         Action::RegisterReaders,
         {Role::Administrator, Role::Physician, Role::Reader},
         [](Database& db, const Record&) { ReaderRepository(db).add("Reader Two"); }},
        {"change a named setting",
         Action::ChangeSettings,
         {Role::Administrator},
         [](Database& db, const Record&) {
             changeSetting(db, "treatment.exposed_fraction", "0.75", "protocol v2");
         }},
        {"set a DXA device's LSC",
         Action::ChangeSettings,
         {Role::Administrator},
         [](Database& db, const Record&) {
             changeDeviceLsc(db, {"Hologic", "Horizon A"}, core::BmdSite::LumbarSpine, 0.028,
                             "precision study");
         }},
        {"organise a reading session",
         Action::OrganiseReadingSessions,
         {Role::Administrator, Role::Physician},
         [](Database& db, const Record& r) {
             ReadingSession session;
             session.name = "OASIS reading 1";
             session.readers = {{r.reader, core::ReadingRole::Primary}};
             session.films = {r.film};
             ReadingSessionRepository(db).create(session);
         }},
        {"list the accounts",
         Action::ManageAccounts,
         {Role::Administrator},
         [](Database& db, const Record&) { AccountRepository(db).list(); }},
    };
    return actions;
}

struct SqlAction {
    const char* name;
    Roles allowed;
    std::string sql;  ///< {patient}, {visit}, {film}, {ctscan}, {ctreading} replaced by the record's ids
};

const std::vector<SqlAction>& sqlActions() {
    static const std::vector<SqlAction> actions = {
        {"read names and clinic IDs", kRecordReaders, "SELECT name, clinic_id FROM public.patient"},
        {"read real dates", kRecordReaders, "SELECT visit_date FROM public.visit"},
        {"add a patient", kClinicalEntry,
         "INSERT INTO public.patient (clinic_id, name, sex, birth_date, created_at, updated_at) "
         "VALUES ('RAW-1', 'Raw', 'M', '1980-01-01', 'now', 'now')"},
        {"change a patient", kClinicalEntry, "UPDATE public.patient SET notes = 'raw' WHERE id = {patient}"},
        {"add a visit", kClinicalEntry,
         "INSERT INTO public.visit (patient_id, visit_date) VALUES ({patient}, '2023-07-01')"},
        {"delete a visit", kClinicalEntry, "DELETE FROM public.visit WHERE id = {visit}"},
        {"add a lab value", kClinicalEntry,
         "INSERT INTO public.lab_result (visit_id, analyte, value, unit, sample_date) "
         "VALUES ({visit}, 'CRP', 3, 'mg/L', '2023-01-01')"},
        {"score a film", kReading,
         "INSERT INTO public.reading (film_id, reader_id) VALUES ({film}, (SELECT min(id) FROM "
         "public.reader))"},
        {"delete a film", kClinicalEntry, "DELETE FROM public.film WHERE id = {film}"},
        {"read CT scans", kRecordReaders, "SELECT scan_date FROM public.ct_scan"},
        {"add a CT scan",
         {Role::Physician, Role::Nurse, Role::Reader},
         "INSERT INTO public.ct_scan (patient_id, scan_date) VALUES ({patient}, '2023-07-01')"},
        {"change a CT scan", kClinicalEntry, "UPDATE public.ct_scan SET device = 'raw' WHERE id = {ctscan}"},
        {"score a CT scan", kReading,
         "INSERT INTO public.ct_reading (ct_scan_id, reader_id) VALUES ({ctscan}, (SELECT max(id) FROM "
         "public.reader))"},
        {"change a CT grade", kReading,
         "UPDATE public.ct_quadrant_score SET grade = 3 WHERE ct_reading_id = {ctreading}"},
        {"delete a CT reading", kReading, "DELETE FROM public.ct_reading WHERE id = {ctreading}"},
        {"delete a CT scan", kClinicalEntry, "DELETE FROM public.ct_scan WHERE id = {ctscan}"},
        {"read the images of films", kRecordReaders, "SELECT file_name, content FROM public.film_image"},
        {"change an image", kNobody, "UPDATE public.film_image SET file_name = 'x.png'"},
        {"change a setting",
         {Role::Administrator},
         "UPDATE public.setting SET value = '2' WHERE name = 'msasss.max_missing_per_segment'"},
        {"change a reference range",
         {Role::Administrator},
         "UPDATE public.reference_range SET upper = 6 WHERE analyte = 'CRP'"},
        {"list the accounts", {Role::Administrator}, "SELECT * FROM public.ankylos_account"},
        {"add an account",
         {Role::Administrator},
         "SELECT public.ankylos_add_account('x', 'not a verifier', '{nurse}')"},
        {"read the research key", kNobody, "SELECT * FROM public.research_key"},
        {"change an audit row", kNobody, "UPDATE public.audit_log SET reason = 'x' WHERE id = 1"},
        {"delete an audit row", kNobody, "DELETE FROM public.audit_log WHERE id = 1"},
        {"write an audit row in another's name", kNobody,
         "INSERT INTO public.audit_log (id, at, user_name, table_name, action, prev_mac, mac) "
         "VALUES (100000, 'now', 'dr.somebody', 'patient', 'insert', '', '')"},
        {"write an audit row with another time than the server's", kNobody,
         "INSERT INTO public.audit_log (id, at, user_name, table_name, action, prev_mac, mac) "
         "VALUES (100000, '2020-01-01T00:00:00Z', session_user, 'patient', 'export', '', '')"},
        {"disable the audit trail's triggers", kNobody, "ALTER TABLE public.audit_log DISABLE TRIGGER ALL"},
        {"drop a table", kNobody, "DROP TABLE public.confirmation"},
    };
    return actions;
}

std::string withIds(std::string sql, const Record& record, std::int64_t visit) {
    for (const auto& [name, value] : {std::pair<std::string, std::int64_t>{"{patient}", record.patient},
                                      {"{visit}", visit},
                                      {"{film}", record.film},
                                      {"{ctscan}", record.ctScan},
                                      {"{ctreading}", record.ctReading}})
        for (auto at = sql.find(name); at != std::string::npos; at = sql.find(name))
            sql.replace(at, name.size(), std::to_string(value));
    return sql;
}

class RoleMatrixPostgresql : public ::testing::TestWithParam<Role> {
protected:
    void SetUp() override {
        if (!test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
        m_clinic.emplace();
        Database& owner = m_clinic->owner();
        m_record.reader = "Reader One";
        m_record.secondReader = "Reader Three";
        test::registerReaders(owner, {m_record.reader, m_record.secondReader});
        m_record.patient = PatientRepository(owner).add(test::fullPatient("AS-0001", "王伟"));
        VisitRepository(owner).add(m_record.patient, test::fullVisit(Date(2020, 3, 1)));
        m_record.spareVisit = VisitRepository(owner).add(m_record.patient, test::fullVisit(Date(2021, 3, 1)));
        m_record.film = FilmRepository(owner).addFilm(m_record.patient, Date(2020, 3, 1));
        m_record.image = FilmImageRepository(owner).attach(m_record.film, "a.png", pngFile());
        m_record.pelvicFilm =
            FilmRepository(owner).addPelvicFilm(m_record.patient, m_record.reader, {Date(2020, 3, 1), 2, 1});
        CtScanRepository scans(owner);
        m_record.ctScan = scans.addScan(
            m_record.patient, test::ctScan(Date(2020, 3, 1), {test::fullCtssReading(m_record.reader)}));
        m_record.ctReading = *scans.readingId(m_record.ctScan, m_record.reader);
    }
    std::int64_t trailLength() { return auditRowCount(m_clinic->owner()); }

    std::optional<test::ClinicAccounts> m_clinic;
    Record m_record;
};

TEST_P(RoleMatrixPostgresql, EachActionThroughAnkylosIsAllowedOrRefusedChangingNothing) {
    const Role role = GetParam();
    const auto db = m_clinic->openAs(role);
    EXPECT_EQ(db->user(), m_clinic->account(role)) << "the trail names the signed-in account";
    EXPECT_EQ(db->roles(), std::vector<Role>{role});
    for (const AnkylosAction& action : ankylosActions()) {
        SCOPED_TRACE(toString(role) + ": " + action.name);
        const bool allowed = action.allowed.count(role) > 0;
        EXPECT_EQ(allows({role}, action.action), allowed) << "the front ends would offer otherwise";
        const std::int64_t before = trailLength();
        try {
            action.run(*db, m_record);
            EXPECT_TRUE(allowed) << "allowed, but should be refused";
        } catch (const StorageError& e) {
            EXPECT_FALSE(allowed) << e.what();
            const std::string message = e.what();
            EXPECT_NE(message.find(m_clinic->account(role)), std::string::npos) << message;
            EXPECT_EQ(trailLength(), before) << "a refused action left an audit row";
        }
    }
}

TEST_P(RoleMatrixPostgresql, EachActionInPsqlUnderTheSameAccountIsAllowedOrRefused) {
    const Role role = GetParam();
    const auto psql = m_clinic->psqlAs(role);
    for (const SqlAction& action : sqlActions()) {
        SCOPED_TRACE(toString(role) + ": " + action.name);
        const bool allowed = action.allowed.count(role) > 0;
        psql->exec("BEGIN");
        try {
            psql->exec(withIds(action.sql, m_record, m_record.spareVisit));
            EXPECT_TRUE(allowed) << "allowed, but should be refused";
        } catch (const sql::Error& e) {
            // An allowed action may still fail for its content (the bogus verifier): never for rights.
            if (allowed)
                EXPECT_NE(e.kind(), sql::ErrorKind::NotPermitted) << e.what();
            else
                EXPECT_EQ(e.kind(), sql::ErrorKind::NotPermitted) << e.what();
        }
        psql->exec("ROLLBACK");
    }
}

TEST_P(RoleMatrixPostgresql, OnlyTheResearcherSeesStudyIdsAndShiftedDatesInPlaceOfTheRecord) {
    const Role role = GetParam();
    const auto db = m_clinic->openAs(role, Open::ReadOnly);
    const StoredPatient seen = *PatientRepository(*db).find(m_record.patient);
    const StoredPatient real = *PatientRepository(m_clinic->owner()).find(m_record.patient);
    // The patient list's search finds by what each role sees: the name, or the study ID.
    PatientList list(*db);
    // CT scans too: their dates shifted as the patient's, their grades as read.
    const core::PatientHistory history = *HistoryReader(*db).load(m_record.patient);
    ASSERT_EQ(history.ctScans.size(), 1u);
    ASSERT_EQ(history.ctScans[0].readings.size(), 1u);
    const auto& grade = history.ctScans[0].readings[0].at(*core::quadrantFromId("T1_inf_post"));
    ASSERT_TRUE(grade.has_value());
    EXPECT_EQ(grade->grade(), 1);
    const long scanShift = (history.ctScans[0].date - Date(2020, 3, 1)).days();
    EXPECT_EQ(scanShift, (seen.patient.birth - real.patient.birth).days());
    if (role != Role::Researcher) {
        EXPECT_EQ(seen.patient.name, real.patient.name);
        EXPECT_EQ(seen.patient.birth, real.patient.birth);
        EXPECT_EQ(list.count(real.patient.name), 1);
        return;
    }
    EXPECT_EQ(list.count(real.patient.name), 0);
    EXPECT_EQ(list.count(real.patient.clinicId), 0);
    ASSERT_EQ(list.count(seen.patient.clinicId.substr(4)), 1);
    EXPECT_EQ(list.page(seen.patient.clinicId.substr(4), PatientSort::ClinicId, false, 10, 0).at(0).clinicId,
              seen.patient.clinicId);
    EXPECT_EQ(seen.patient.clinicId.rfind("S-", 0), 0u) << seen.patient.clinicId;
    EXPECT_EQ(seen.patient.name, seen.patient.clinicId);
    EXPECT_TRUE(seen.patient.notes.empty());
    const long shift = (seen.patient.birth - real.patient.birth).days();
    EXPECT_NE(shift, 0);
    EXPECT_LE(std::abs(shift), 180);
}

INSTANTIATE_TEST_SUITE_P(, RoleMatrixPostgresql,
                         ::testing::Values(Role::Administrator, Role::Physician, Role::Nurse, Role::Reader,
                                           Role::Researcher),
                         [](const ::testing::TestParamInfo<Role>& info) {
                             std::string name = toString(info.param);
                             name[0] = static_cast<char>(std::toupper(name[0]));
                             return name;
                         });

}  // namespace
}  // namespace ankylos::storage
