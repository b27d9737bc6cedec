// Registered readers: one person is one reader whatever the case of the name, readings are saved
// only for registered readers, and an import registers the new names it brings and says so.
#include "storage/reader_repository.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "engine_database.h"
#include "sample_records.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/visit_import.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;

class Readers : public ::testing::TestWithParam<sql::Engine> {
protected:
    int readerRows() { return test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM reader"); }
    std::string refusal(const std::string& name) {
        try {
            m_readers.add(name);
        } catch (const core::ValidationError& e) {
            return e.what();
        }
        return "not refused";
    }

    test::TempDir m_dir;
    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    ReaderRepository m_readers{m_db};
};

TEST_P(Readers, ANameMatchingARegisteredReaderIgnoringCaseIsRefusedNamingIt) {
    m_readers.add("Reader A");
    m_readers.add("Éric Müller");
    m_readers.add("Лев Толстой");
    m_readers.add("陈医生");
    const std::string message = refusal("reader a");
    EXPECT_NE(message.find("reader a"), std::string::npos) << message;
    EXPECT_NE(message.find("\"Reader A\""), std::string::npos) << message;
    EXPECT_NE(refusal("  READER A "), "not refused");
    EXPECT_NE(refusal("ÉRIC MÜLLER"), "not refused");
    EXPECT_NE(refusal("лев толстой"), "not refused");
    EXPECT_NE(refusal("陈医生"), "not refused");
    EXPECT_NE(refusal(" "), "not refused");
    EXPECT_EQ(readerRows(), 4);
}

TEST_P(Readers, FindIgnoresCaseAndListIsSortedByName) {
    m_readers.add("dr Park");
    m_readers.add("Dr Lee");
    m_readers.add("Éric");
    ASSERT_TRUE(m_readers.find("DR LEE"));
    EXPECT_EQ(m_readers.find("DR LEE")->name, "Dr Lee");
    EXPECT_EQ(m_readers.find("éRIC")->name, "Éric");
    EXPECT_FALSE(m_readers.find("Dr Kim"));
    std::vector<std::string> names;
    for (const Reader& reader : m_readers.list())
        names.push_back(reader.name);
    EXPECT_EQ(names, (std::vector<std::string>{"Dr Lee", "dr Park", "Éric"}));
}

TEST_P(Readers, AReadingIsSavedUnderTheRegisteredNameAndAnUnregisteredReaderIsRefused) {
    PatientRepository patients(m_db);
    FilmRepository films(m_db);
    const auto patient = patients.add(test::fullPatient());
    const auto film = films.addFilm(patient, Date(2021, 5, 4));
    m_readers.add("Reader A");
    m_readers.add("Reader B");
    try {
        films.addReading(film, test::fullReading("Dr Kim"));
        FAIL() << "an unregistered reader was accepted";
    } catch (const core::ValidationError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("Dr Kim"), std::string::npos) << message;
        EXPECT_NE(message.find("Reader A, Reader B"), std::string::npos) << message;
    }
    EXPECT_EQ(readerRows(), 2) << "no reader created by saving a reading";
    films.addReading(film, test::fullReading("reader a"));
    EXPECT_EQ(readerRows(), 2);
    const auto history = HistoryReader(m_db).load(patient);
    ASSERT_EQ(history->films[0].readings.size(), 1u);
    EXPECT_EQ(history->films[0].readings[0].reader, "Reader A");
    // The same person again under another case is the same reader: a second reading is refused.
    EXPECT_THROW(films.addReading(film, test::fullReading("READER A", 1)), core::ValidationError);
}

TEST_P(Readers, AnImportMatchesRegisteredReadersIgnoringCaseAndRegistersAndReportsNewOnes) {
    m_readers.add("Reader A");
    core::PatientHistory history;
    history.patient = test::fullPatient();
    history.films = {{Date(2020, 5, 4), {test::fullReading("reader a", 0), test::fullReading("Dr New", 1)}},
                     {Date(2022, 5, 4), {test::fullReading("DR NEW", 2)}}};
    const ImportSummary summary = importHistories(m_db, {history}, true, "visits.csv");
    EXPECT_EQ(summary.newReaders, std::vector<std::string>{"Dr New"});
    EXPECT_EQ(readerRows(), 2) << "\"reader a\" is Reader A, \"DR NEW\" is Dr New";
    const auto stored = HistoryReader(m_db).load(*PatientRepository(m_db).idOf("AS-0001"));
    EXPECT_EQ(stored->films[0].readings[0].reader, "Reader A");
    EXPECT_EQ(stored->films[1].readings[0].reader, "Dr New");
}

ANKYLOS_ON_BOTH_ENGINES(Readers);

}  // namespace
}  // namespace ankylos::storage
