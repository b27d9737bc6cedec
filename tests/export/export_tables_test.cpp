// The cohort tables: values equal core's results, de-identification, filters, column selection,
// manifest and audit trail, progress and cancellation.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "../files/file_size_limit.h"
#include "core/lab.h"
#include "core/progression.h"
#include "core/validation.h"
#include "core/visit.h"
#include "export/deidentify.h"
#include "export_fixture.h"
#include "interchange/visit_csv_reader.h"
#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/reading_session_repository.h"
#include "storage/settings_store.h"

namespace ankylos::exports::test {
namespace {

double num(const std::string& text) {
    return std::stod(text);
}

/// The exported number equals core's value (to the last bit: shortest round-trip text), or the
/// cell is empty when core has none.
void expectSame(const std::string& cell, const std::optional<double>& core, const std::string& what) {
    if (core) {
        ASSERT_FALSE(cell.empty()) << what;
        EXPECT_EQ(num(cell), *core) << what;
    } else {
        EXPECT_EQ(cell, "") << what;
    }
}

core::Date date(const std::string& iso) {
    return core::parseIsoDate(iso, "test");
}

TEST_F(ExportTest, LongVisitTableValuesEqualCore) {
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.csv"));
    const core::Settings settings = storage::readSettings(db());
    std::size_t visits = 0;
    for (const std::string& id : clinicIds())
        visits += history(id).visits.size();
    ASSERT_EQ(csv.rows.size(), visits);
    int computedBasdai = 0, notComputableAsdas = 0;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const core::PatientHistory& h = history(csv.at(r, "patient_id"));
        const int number = std::stoi(csv.at(r, "visit_number"));
        const core::Visit& visit = h.visits.at(static_cast<std::size_t>(number - 1));
        ASSERT_EQ(csv.at(r, "visit_date"), core::toIsoString(visit.date));
        EXPECT_EQ(csv.at(r, "name"), h.patient.name);
        const core::VisitScores scores = core::scoreVisit(h.patient, visit, h.films, settings);
        const std::string where = h.patient.clinicId + " " + core::toIsoString(visit.date);
        expectSame(csv.at(r, "basdai"), scores.basdai.value, where + " basdai");
        expectSame(csv.at(r, "asdas_crp"), scores.asdasCrp.value, where + " asdas_crp");
        expectSame(csv.at(r, "asdas_esr"), scores.asdasEsr.value, where + " asdas_esr");
        expectSame(csv.at(r, "basfi"), scores.basfi.value, where + " basfi");
        expectSame(csv.at(r, "basmi_lin"), scores.basmi.value, where + " basmi_lin");
        computedBasdai += scores.basdai.value.has_value();
        bool anyItem = false;
        for (const auto& item : visit.basdai.items())
            anyItem = anyItem || item.has_value();
        EXPECT_EQ(csv.at(r, "basdai_status"), scores.basdai.value ? "1" : anyItem ? "2" : "3") << where;
        if (!scores.asdasCrp.value) {
            ++notComputableAsdas;
            const bool anyInput = visit.basdai.q2 || visit.basdai.q3 || visit.basdai.q6 ||
                                  visit.patientGlobal || visit.lab(core::Analyte::Crp);
            EXPECT_EQ(csv.at(r, "asdas_crp_status"), anyInput ? "2" : "3") << where;
        } else {
            EXPECT_EQ(csv.at(r, "asdas_crp_state"),
                      std::to_string(static_cast<int>(*scores.asdasCrp.state) + 1));
        }
        if (const core::LabValue* crp = visit.lab(core::Analyte::Crp)) {
            EXPECT_EQ(num(csv.at(r, "crp")), core::canonicalValue(*crp)) << where;
            EXPECT_EQ(num(csv.at(r, "crp_raw")), crp->value) << where;
            EXPECT_EQ(csv.at(r, "crp_raw_unit"), crp->unit) << where;
        } else {
            EXPECT_EQ(csv.at(r, "crp"), "") << where;
        }
        if (scores.bmd && scores.bmd->category) {
            EXPECT_EQ(csv.at(r, "bmd_category"), std::to_string(static_cast<int>(*scores.bmd->category) + 1));
        }
        for (const core::Film& film : h.films) {
            if (film.date == visit.date)
                expectSame(csv.at(r, "msasss"), core::scoreFilm(film, settings.msasss).value,
                           where + " msasss");
        }
    }
    EXPECT_GT(computedBasdai, 0);
    // The demo cohort has visits without CRP: both kinds of status must occur somewhere.
    EXPECT_GT(notComputableAsdas, 0);
}

TEST_F(ExportTest, ReadingTableHasSiteGradesAndCoreScores) {
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.readings.csv"));
    const core::Settings settings = storage::readSettings(db());
    std::size_t readings = 0, notAssessable = 0;
    for (const std::string& id : clinicIds())
        for (const core::Film& film : history(id).films)
            readings += film.readings.size();
    ASSERT_EQ(csv.rows.size(), readings);
    std::map<std::string, std::size_t> next;  // patient -> reading index in film order
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const core::PatientHistory& h = history(csv.at(r, "patient_id"));
        const core::Date filmDate = date(csv.at(r, "film_date"));
        const core::Film* film = nullptr;
        for (const core::Film& f : h.films)
            if (f.date == filmDate)
                film = &f;
        ASSERT_NE(film, nullptr);
        const core::Reading* reading = nullptr;
        for (const core::Reading& candidate : film->readings)
            if (candidate.reader == csv.at(r, "reader"))
                reading = &candidate;
        ASSERT_NE(reading, nullptr);
        const core::MsasssScore score = core::scoreReading(*reading, settings.msasss);
        expectSame(csv.at(r, "msasss_total"), score.total, "total");
        expectSame(csv.at(r, "msasss_lumbar"), score.lumbar.value, "lumbar");
        EXPECT_EQ(std::stoi(csv.at(r, "cerv_imputed")), score.cervical.imputed);
        for (const core::Site site : core::allSites()) {
            std::string name = core::siteId(site);
            for (char& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            const std::string& cell = csv.at(r, name);
            const auto& grade = reading->at(site);
            if (!grade) {
                EXPECT_EQ(cell, "");
            } else if (!grade->assessable()) {
                EXPECT_EQ(cell, "NA");
                ++notAssessable;
            } else {
                EXPECT_EQ(cell, std::to_string(grade->grade()));
            }
        }
    }
    EXPECT_GT(notAssessable, 0u) << "the demo cohort has sites not assessable";
}

// docs/methods.md 11: a session's readings are exported beside the clinic's, each with its session,
// role and blinding; an interval read by an adjudicator on both films says it was scored from them.
TEST_F(ExportTest, SessionReadingsCarryTheirSessionRoleAndBlinding) {
    // The first patient with two read films.
    std::string id;
    for (const std::string& candidate : clinicIds()) {
        const auto& films = history(candidate).films;
        if (id.empty() && films.size() >= 2 && !films[0].readings.empty() && !films[1].readings.empty())
            id = candidate;
    }
    ASSERT_FALSE(id.empty()) << "the demo cohort has a patient with two read films";
    const core::PatientHistory before = history(id);
    for (const char* reader : {"Session A", "Session C"})
        storage::ReaderRepository(db()).add(reader);
    storage::FilmRepository films(db());
    const std::int64_t patient = *storage::PatientRepository(db()).idOf(id);
    storage::ReadingSession session;
    session.name = "S1";
    session.blinding = {true, core::SessionChronology::PairedHidden};
    session.readers = {{"Session A", core::ReadingRole::Primary},
                       {"Session C", core::ReadingRole::Adjudicator}};
    for (const core::Film& film : before.films)
        session.films.push_back(*films.filmId(patient, film.date));
    storage::ReadingSessionRepository(db()).create(session);
    for (const char* reader : {"Session A", "Session C"})
        for (const core::Film& film : {before.films[0], before.films[1]}) {
            core::Reading reading = film.readings.front();
            reading.reader = reader;
            reading.session = "S1";
            films.addReading(*films.filmId(patient, film.date), reading);
        }
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.readings.csv"));
    int sessionRows = 0;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        if (csv.at(r, "reading_session").empty()) {
            EXPECT_EQ(csv.at(r, "reading_role"), "1");  // primary
            EXPECT_EQ(csv.at(r, "identity_seen"), "1");
            continue;
        }
        ++sessionRows;
        EXPECT_EQ(csv.at(r, "patient_id"), id);
        EXPECT_EQ(csv.at(r, "reading_session"), "S1");
        EXPECT_EQ(csv.at(r, "reading_role"), csv.at(r, "reader") == "Session A" ? "1" : "2");
        EXPECT_EQ(csv.at(r, "identity_seen"), "0");
        EXPECT_EQ(csv.at(r, "paired_by_patient"), "1");
        EXPECT_EQ(csv.at(r, "chronology_known"), "0");
    }
    EXPECT_EQ(sessionRows, 4);
    // The de-identified visit CSV carries how each reading was made too (db/visit_csv.md).
    run(options(ExportFormat::Visits, "visits.csv"));
    std::ifstream in(path("visits.csv"), std::ios::binary);
    const interchange::VisitCsvImport parsed =
        interchange::parseVisitCsv(in, core::Date(2100, 1, 1));  // shifted dates may lie ahead
    ASSERT_TRUE(parsed.ok()) << parsed.errors.front().message();
    int inSession = 0;
    int adjudicating = 0;
    for (const core::PatientHistory& patient : parsed.patients)
        for (const core::Film& film : patient.films)
            for (const core::Reading& reading : film.readings) {
                if (reading.session.empty())
                    continue;
                ++inSession;
                EXPECT_EQ(reading.session, "S1");
                EXPECT_FALSE(reading.identitySeen);
                EXPECT_TRUE(reading.pairedByPatient);
                adjudicating += reading.role == core::ReadingRole::Adjudicator;
            }
    EXPECT_EQ(inSession, 4);
    EXPECT_EQ(adjudicating, 2);

    run(options(ExportFormat::Progression, "pairs.csv", true));
    const Csv pairs = readCsv(path("pairs.csv"));
    int adjudicated = 0;
    for (std::size_t r = 0; r < pairs.rows.size(); ++r) {
        const bool first = pairs.at(r, "patient_id") == id &&
                           pairs.at(r, "from_date") == core::toIsoString(before.films[0].date) &&
                           pairs.at(r, "to_date") == core::toIsoString(before.films[1].date);
        EXPECT_EQ(pairs.at(r, "adjudicated"), first ? "1" : "0") << r;
        adjudicated += first;
    }
    EXPECT_EQ(adjudicated, 1);
}

TEST_F(ExportTest, ProgressionAndWideTablesEqualCoreReview) {
    run(options(ExportFormat::Progression, "pairs.csv", true));
    run(options(ExportFormat::CsvWide, "wide.csv", true));
    const Csv pairs = readCsv(path("pairs.csv"));
    const Csv wide = readCsv(path("wide.csv"));
    const core::Settings settings = storage::readSettings(db());
    std::size_t expectedPairs = 0;
    std::map<std::string, core::ProgressionReview> reviews;
    for (const std::string& id : clinicIds()) {
        reviews[id] = core::reviewProgression(history(id).films, settings);
        expectedPairs += reviews[id].pairs.size();
    }
    ASSERT_EQ(pairs.rows.size(), expectedPairs);
    for (std::size_t r = 0; r < pairs.rows.size(); ++r) {
        const core::ProgressionReview& review = reviews.at(pairs.at(r, "patient_id"));
        const core::ProgressionResult& pair = review.pairs.at(std::stoul(pairs.at(r, "pair_number")) - 1);
        EXPECT_EQ(pairs.at(r, "from_date"), core::toIsoString(pair.from));
        EXPECT_EQ(pairs.at(r, "to_date"), core::toIsoString(pair.to));
        expectSame(pairs.at(r, "change"), pair.change, "change");
        expectSame(pairs.at(r, "rate"), pair.ratePerYear, "rate");
        EXPECT_EQ(std::stoi(pairs.at(r, "new_synd")), pair.events.newSyndesmophytes);
        EXPECT_EQ(pairs.at(r, "progression"), pair.progression ? "1" : "0");
        EXPECT_EQ(pairs.at(r, "progressor"), review.progressor ? "1" : "0");
    }
    ASSERT_EQ(wide.rows.size(), clinicIds().size());
    std::size_t most = 0;
    for (const std::string& id : clinicIds())
        most = std::max(most, history(id).visits.size());
    EXPECT_GE(wide.column("v" + std::to_string(most) + "_basdai"), 0);
    EXPECT_LT(wide.column("v" + std::to_string(most + 1) + "_basdai"), 0);
    for (std::size_t r = 0; r < wide.rows.size(); ++r) {
        const core::PatientHistory& h = history(wide.at(r, "patient_id"));
        const core::ProgressionReview& review = reviews.at(h.patient.clinicId);
        EXPECT_EQ(std::stoul(wide.at(r, "n_visits")), h.visits.size());
        for (std::size_t k = 0; k < h.visits.size(); ++k) {
            const std::string prefix = "v" + std::to_string(k + 1) + "_";
            EXPECT_EQ(wide.at(r, prefix + "visit_date"), core::toIsoString(h.visits[k].date));
            expectSame(wide.at(r, prefix + "basdai"),
                       core::scoreVisit(h.patient, h.visits[k], h.films, settings).basdai.value,
                       prefix + "basdai");
        }
        if (h.visits.size() < most) {
            EXPECT_EQ(wide.at(r, "v" + std::to_string(most) + "_visit_date"), "");
        }
        if (h.films.size() >= 2) {
            EXPECT_EQ(wide.at(r, "progressor"), review.progressor ? "1" : "0");
            const core::ProgressionResult& last = review.pairs.back();
            EXPECT_EQ(last.from, h.films.front().date);
            EXPECT_EQ(last.to, h.films.back().date);
            expectSame(wide.at(r, "prog_change"), last.change, "prog_change");
        } else {
            EXPECT_EQ(wide.at(r, "progressor"), "");
        }
    }
}

/// Every recorded date of a patient, as text.
std::set<std::string> recordedDates(const core::PatientHistory& h) {
    std::set<std::string> dates = {core::toIsoString(h.patient.birth)};
    if (h.patient.symptomOnset)
        dates.insert(core::toIsoString(*h.patient.symptomOnset));
    if (h.patient.diagnosis)
        dates.insert(core::toIsoString(*h.patient.diagnosis));
    for (const core::Visit& v : h.visits) {
        dates.insert(core::toIsoString(v.date));
        for (const core::LabValue& lab : v.labs)
            dates.insert(core::toIsoString(lab.sampleDate));
    }
    for (const core::Film& f : h.films) {
        dates.insert(core::toIsoString(f.date));
        for (const core::Reading& reading : f.readings)
            if (reading.readingDate)
                dates.insert(core::toIsoString(*reading.readingDate));
    }
    return dates;
}

TEST_F(ExportTest, DeidentifiedExportHasNoNameNoClinicIdNoRecordedDateAndKeepsIntervals) {
    const ExportSummary summary = run(options(ExportFormat::CsvLong, "research.csv"));
    const ProjectKey key = ProjectKey::fromFile(path("project.key"));
    std::string everything;
    for (const fs::path& file : summary.files)
        everything += readFile(file);
    ASSERT_GE(summary.files.size(), 4u);  // visits, readings, codebook, manifest
    for (const std::string& id : clinicIds()) {
        const core::PatientHistory& h = history(id);
        EXPECT_EQ(everything.find(h.patient.clinicId), std::string::npos) << h.patient.clinicId;
        EXPECT_EQ(everything.find(h.patient.name), std::string::npos) << h.patient.name;
        if (!h.patient.notes.empty()) {
            EXPECT_EQ(everything.find(h.patient.notes), std::string::npos);
        }
        for (const core::Visit& v : h.visits) {
            if (!v.notes.empty()) {
                EXPECT_EQ(everything.find(v.notes), std::string::npos) << v.notes;
            }
        }
        for (const core::Film& f : h.films) {
            for (const core::Reading& reading : f.readings) {
                EXPECT_EQ(everything.find(reading.reader), std::string::npos) << reading.reader;
            }
        }
    }
    for (const std::string table : {"research.csv", "research.readings.csv"}) {
        const Csv csv = readCsv(path(table));
        ASSERT_LT(csv.column("patient_id"), 0);
        ASSERT_LT(csv.column("name"), 0);
        std::map<std::string, std::vector<core::Date>> datesOf;  // study ID -> exported visit/film dates
        for (std::size_t r = 0; r < csv.rows.size(); ++r) {
            const std::string& studyId = csv.at(r, "study_id");
            // Find the patient by recomputing the keyed hash (what a holder of the key could do).
            const core::PatientHistory* h = nullptr;
            for (const std::string& id : clinicIds())
                if (key.studyId(id) == studyId)
                    h = &history(id);
            ASSERT_NE(h, nullptr) << studyId;
            // A cell may equal a recorded date only by coincidence: when it is also the shifted
            // copy of another of the patient's dates.
            const std::set<std::string> recorded = recordedDates(*h);
            std::set<std::string> shiftedCopies;
            for (const std::string& iso : recorded)
                shiftedCopies.insert(core::toIsoString(
                    date(iso) + boost::gregorian::date_duration(key.dateShiftDays(h->patient.clinicId))));
            for (const std::string& cell : csv.rows[r])
                EXPECT_TRUE(recorded.count(cell) == 0 || shiftedCopies.count(cell) == 1)
                    << studyId << " shows a recorded date " << cell << " in " << table;
            const std::string dateColumn = csv.column("visit_date") >= 0 ? "visit_date" : "film_date";
            datesOf[studyId].push_back(date(csv.at(r, dateColumn)));
        }
        // Intervals between a patient's dates are those recorded.
        for (const std::string& id : clinicIds()) {
            const core::PatientHistory& h = history(id);
            std::vector<core::Date> real;
            if (std::string(table) == "research.csv") {
                for (const core::Visit& v : h.visits)
                    real.push_back(v.date);
            } else {
                for (const core::Film& f : h.films)
                    for (std::size_t i = 0; i < f.readings.size(); ++i)
                        real.push_back(f.date);
            }
            const std::vector<core::Date>& exported = datesOf[key.studyId(id)];
            ASSERT_EQ(exported.size(), real.size()) << id;
            for (std::size_t i = 1; i < real.size(); ++i)
                EXPECT_EQ((exported[i] - exported[0]).days(), (real[i] - real[0]).days()) << id;
            if (!real.empty()) {
                EXPECT_EQ((exported[0] - real[0]).days(), key.dateShiftDays(id)) << id;
            }
        }
    }
}

TEST_F(ExportTest, SameKeySameStudyIdsOtherKeyDifferent) {
    run(options(ExportFormat::CsvWide, "a.csv"));
    run(options(ExportFormat::CsvWide, "b.csv"));
    ExportOptions other = options(ExportFormat::CsvWide, "c.csv");
    other.keyFile = path("other.key");
    run(other);
    const Csv a = readCsv(path("a.csv")), b = readCsv(path("b.csv")), c = readCsv(path("c.csv"));
    ASSERT_EQ(a.rows.size(), clinicIds().size());
    std::set<std::string> idsA, idsC;
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
        EXPECT_EQ(a.at(r, "study_id"), b.at(r, "study_id"));
        EXPECT_EQ(a.at(r, "v1_visit_date"), b.at(r, "v1_visit_date"));
        EXPECT_NE(a.at(r, "study_id"), c.at(r, "study_id"));
        idsA.insert(a.at(r, "study_id"));
        idsC.insert(c.at(r, "study_id"));
    }
    EXPECT_EQ(idsA.size(), clinicIds().size());
    for (const std::string& id : idsA)
        EXPECT_EQ(idsC.count(id), 0u);
}

TEST_F(ExportTest, RelativeDatesCountDaysFromBaselineAndShowNoDate) {
    ExportOptions o = options(ExportFormat::CsvLong, "relative.csv");
    o.dateMode = DateMode::Relative;
    run(o);
    const Csv csv = readCsv(path("relative.csv"));
    EXPECT_LT(csv.column("visit_date"), 0);
    EXPECT_LT(csv.column("birth_date"), 0);
    const ProjectKey key = ProjectKey::fromFile(path("project.key"));
    std::map<std::string, const core::PatientHistory*> byStudyId;
    for (const std::string& id : clinicIds())
        byStudyId[key.studyId(id)] = &history(id);
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const core::PatientHistory& h = *byStudyId.at(csv.at(r, "study_id"));
        const std::size_t k = std::stoul(csv.at(r, "visit_number")) - 1;
        EXPECT_EQ(std::stol(csv.at(r, "visit_day")), (h.visits[k].date - h.visits[0].date).days());
        EXPECT_EQ(std::stoi(csv.at(r, "age")), core::ageInYears(h.patient.birth, h.visits[k].date));
        for (const std::string& cell : csv.rows[r])
            EXPECT_FALSE(cell.size() == 10 && cell[4] == '-' && cell[7] == '-') << "a date: " << cell;
    }
}

TEST_F(ExportTest, FiltersSelectPatientsAndRows) {
    ExportOptions women = options(ExportFormat::CsvWide, "women.csv", true);
    women.filters.sex = core::Sex::Female;
    women.filters.hlaB27 = core::HlaB27::Positive;
    const ExportSummary summary = run(women);
    std::size_t expected = 0;
    for (const std::string& id : clinicIds())
        expected += history(id).patient.sex == core::Sex::Female &&
                    history(id).patient.hlaB27 == core::HlaB27::Positive;
    const Csv csv = readCsv(path("women.csv"));
    ASSERT_GT(expected, 0u);
    EXPECT_EQ(csv.rows.size(), expected);
    EXPECT_EQ(summary.patients, expected);
    EXPECT_EQ(summary.patientsExcluded, clinicIds().size() - expected);
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        EXPECT_EQ(csv.at(r, "sex"), "2");
        EXPECT_EQ(csv.at(r, "hla_b27"), "1");
    }

    ExportOptions period = options(ExportFormat::CsvLong, "period.csv", true);
    period.filters.from = core::Date(2020, 1, 1);
    period.filters.to = core::Date(2022, 12, 31);
    period.filters.minFilms = 1;
    run(period);
    const Csv visits = readCsv(path("period.csv"));
    ASSERT_GT(visits.rows.size(), 0u);
    std::size_t expectedVisits = 0;
    for (const std::string& id : clinicIds()) {
        const core::PatientHistory& h = history(id);
        int films = 0;
        for (const core::Film& f : h.films)
            films += f.date >= *period.filters.from && f.date <= *period.filters.to;
        if (films >= 1)
            for (const core::Visit& v : h.visits)
                expectedVisits += v.date >= *period.filters.from && v.date <= *period.filters.to;
    }
    EXPECT_EQ(visits.rows.size(), expectedVisits);
    for (std::size_t r = 0; r < visits.rows.size(); ++r) {
        const core::Date d = date(visits.at(r, "visit_date"));
        EXPECT_TRUE(d >= *period.filters.from && d <= *period.filters.to) << visits.at(r, "visit_date");
    }

    ExportOptions progressors = options(ExportFormat::CsvWide, "progressors.csv", true);
    progressors.filters.progressor = true;
    run(progressors);
    const Csv p = readCsv(path("progressors.csv"));
    const core::Settings settings = storage::readSettings(db());
    std::size_t expectedProgressors = 0;
    for (const std::string& id : clinicIds())
        expectedProgressors += core::reviewProgression(history(id).films, settings).progressor;
    EXPECT_EQ(p.rows.size(), expectedProgressors);
    for (std::size_t r = 0; r < p.rows.size(); ++r)
        EXPECT_EQ(p.at(r, "progressor"), "1");
}

TEST_F(ExportTest, ColumnSelectionKeepsKeysAndStatusAndRefusesUnknownNames) {
    ExportOptions o = options(ExportFormat::CsvLong, "few.csv");
    o.columns = {"basdai", "crp", "sex"};
    run(o);
    const Csv csv = readCsv(path("few.csv"));
    EXPECT_EQ(csv.header, (std::vector<std::string>{"study_id", "sex", "visit_number", "visit_date", "basdai",
                                                    "basdai_status", "basdai_active", "crp", "crp_raw",
                                                    "crp_raw_unit", "crp_below_lod", "crp_lod", "crp_assay",
                                                    "crp_sample", "crp_sampled_date"}));
    const Csv readings = readCsv(path("few.readings.csv"));
    // A reader reads a film once per reading session: the session is part of a reading's key.
    EXPECT_EQ(readings.header,
              (std::vector<std::string>{"study_id", "film_date", "reader", "reading_session"}));

    ExportOptions wide = options(ExportFormat::CsvWide, "few_wide.csv");
    wide.columns = {"basdai"};
    run(wide);
    const Csv w = readCsv(path("few_wide.csv"));
    EXPECT_GE(w.column("v1_basdai"), 0);
    EXPECT_GE(w.column("v2_basdai_status"), 0);
    EXPECT_LT(w.column("v1_crp"), 0);

    ExportOptions bad = options(ExportFormat::CsvLong, "bad.csv");
    bad.columns = {"basdai", "patient_name"};
    try {
        run(bad);
        FAIL() << "an unknown column was accepted";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("patient_name"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(path("bad.csv")));
    // Identifying columns do not exist in a de-identified export, so they cannot be selected.
    bad.columns = {"name"};
    EXPECT_THROW(run(bad), core::ValidationError);
}

TEST_F(ExportTest, ManifestAndAuditTrailRecordTheExport) {
    ExportOptions o = options(ExportFormat::Progression, "pairs.csv");
    o.filters.sex = core::Sex::Male;
    const ExportSummary summary = run(o);
    const nlohmann::json manifest = nlohmann::json::parse(readFile(path("pairs.manifest.json")));
    EXPECT_EQ(manifest["format"], "progression");
    EXPECT_EQ(manifest["user"], "researcher.wu");
    EXPECT_EQ(manifest["deidentified"], true);
    EXPECT_EQ(manifest["filters"]["sex"], "M");
    EXPECT_EQ(manifest["patients"], summary.patients);
    EXPECT_EQ(manifest["rows"]["progression"], readCsv(path("pairs.csv")).rows.size());
    EXPECT_EQ(manifest["key_fingerprint"], ProjectKey::fromFile(path("project.key")).fingerprint());
    EXPECT_NE(manifest["removed"].dump().find("name"), std::string::npos);
    EXPECT_EQ(summary.files.back(), path("pairs.manifest.json"));

    const std::optional<storage::ChainHead> headBefore = storage::lastAuditRow(db());
    ASSERT_TRUE(headBefore);
    ExportOptions identified = options(ExportFormat::CsvLong, "named.csv", true);
    run(identified);
    const nlohmann::json named = nlohmann::json::parse(readFile(path("named.manifest.json")));
    EXPECT_EQ(named["deidentified"], false);
    EXPECT_NE(named["identified"].get<std::string>().find("--identified"), std::string::npos);

    std::vector<nlohmann::json> rows;
    for (const storage::AuditRow& row : storage::auditRowsFor(db(), storage::AuditAction::Export))
        rows.push_back(nlohmann::json::parse(row.newValues));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["format"], "progression");
    EXPECT_EQ(rows[0]["deidentified"], true);
    EXPECT_EQ(rows[1]["deidentified"], false);
    EXPECT_TRUE(storage::verifyAuditTrail(db()).empty());

    // The manifest carries the audit trail's head as the data were exported: the row before the
    // export's own audit row, with its MAC.
    EXPECT_EQ(named["audit_chain_head"]["rows"], headBefore->rows);
    EXPECT_EQ(named["audit_chain_head"]["mac"], headBefore->mac);
}

TEST_F(ExportTest, ResearchFormatsNeedAKeyOrAnExplicitIdentified) {
    ExportOptions o = options(ExportFormat::CsvLong, "x.csv");
    o.keyFile.clear();
    try {
        run(o);
        FAIL() << "a research export without a key was accepted";
    } catch (const core::ValidationError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("--key-file"), std::string::npos) << message;
        EXPECT_NE(message.find("--identified"), std::string::npos) << message;
    }
    std::ofstream(path("short.key")) << "abc";
    o.keyFile = path("short.key");
    EXPECT_THROW(run(o), core::ValidationError);
    EXPECT_FALSE(fs::exists(path("x.csv")));
    EXPECT_FALSE(fs::exists(path("x.manifest.json")));
}

struct CancelAfter : ExportProgress {
    explicit CancelAfter(std::size_t n) : limit(n) {}
    void patientsDone(std::size_t done, std::size_t total) override {
        last = done;
        lastTotal = total;
    }
    bool cancelled() const override { return last >= limit; }
    std::size_t limit, last = 0, lastTotal = 0;
};

TEST_F(ExportTest, ProgressIsReportedAndCancellingLeavesNoFile) {
    CancelAfter never(1000000);
    run(options(ExportFormat::Sav, "all.sav"), &never);
    EXPECT_EQ(never.lastTotal, 2u * clinicIds().size()) << "sav counts rows first, then writes";
    EXPECT_EQ(never.last, never.lastTotal);

    CancelAfter soon(5);
    EXPECT_THROW(run(options(ExportFormat::CsvLong, "cancelled.csv"), &soon), ExportCancelled);
    EXPECT_EQ(soon.last, 5u);
    for (const auto& entry : fs::directory_iterator(path("")))
        EXPECT_EQ(entry.path().filename().string().find("cancelled"), std::string::npos) << entry.path();
}

TEST_F(ExportTest, TheDatabaseAnySqliteFileAndExistingFilesAreRefusedBeforeAnyWork) {
    const std::string before = readFile(path("clinic.db"));
    ExportOptions o = options(ExportFormat::CsvLong, "clinic.db");
    o.overwrite = true;
    EXPECT_THROW(run(o), core::ValidationError) << "the open database";
    fs::copy_file(path("clinic.db"), path("copy.db"));
    o.out = path("copy.db");
    EXPECT_THROW(run(o), core::ValidationError) << "another SQLite database, even when overwriting";
    EXPECT_EQ(readFile(path("clinic.db")), before);

    std::ofstream(path("kept.manifest.json")) << "an older manifest";
    o = options(ExportFormat::CsvLong, "kept.csv");
    try {
        run(o);
        FAIL() << "an existing companion file was replaced without being asked";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("kept.manifest.json"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(path("kept.csv")));
    EXPECT_EQ(readFile(path("kept.manifest.json")), "an older manifest");
    o.overwrite = true;
    run(o);
    EXPECT_NE(readFile(path("kept.manifest.json")).find("kept.readings.csv"), std::string::npos);
    EXPECT_EQ(exportFiles(o),
              (std::vector<fs::path>{path("kept.csv"), path("kept.readings.csv"), path("kept.treatments.csv"),
                                     path("kept.ct_readings.csv"), path("kept.agreement.csv"), path("kept.codebook.csv"),
                                     path("kept.manifest.json")}));
}

TEST_F(ExportTest, AFullDiskLeavesNoFileAndTheOlderFilesUntouched) {
    std::ofstream(path("full.csv")) << "an older export";
    ExportOptions o = options(ExportFormat::CsvLong, "full.csv");
    o.overwrite = true;
    {
        const ankylos::test::FileSizeLimit fullDisk(2048);
        EXPECT_THROW(run(o), Error);
    }
    EXPECT_EQ(readFile(path("full.csv")), "an older export");
    for (const auto& entry : fs::directory_iterator(path(""))) {
        const std::string name = entry.path().filename().string();
        if (name.find("full") != std::string::npos) {
            EXPECT_EQ(name, "full.csv") << "left behind: " << entry.path();
        }
    }
}

TEST_F(ExportTest, AFileThatCannotTakeItsNameLeavesNoneOfTheOthers) {
    // The codebook's name is taken by a folder: its rename fails after the tables have been renamed.
    fs::create_directory(path("blocked.codebook.csv"));
    std::ofstream(path("blocked.codebook.csv") / "keep.txt") << "not ours";
    EXPECT_THROW(run(options(ExportFormat::CsvLong, "blocked.csv")), std::exception);
    for (const auto& entry : fs::directory_iterator(path(""))) {
        const std::string name = entry.path().filename().string();
        if (name.find("blocked") != std::string::npos) {
            EXPECT_EQ(name, "blocked.codebook.csv") << "left behind: " << entry.path();
        }
    }
    EXPECT_TRUE(fs::exists(path("blocked.codebook.csv") / "keep.txt"));
}

TEST_F(ExportTest, TheCommandRefusesADatabaseFileThatDoesNotExist) {
    // A typo in the database name must not create an empty database and export nobody from it.
    const std::string command = std::string("'") + ANKYLOS_CLI + "' export '" + path("typo.db").string() +
                                "' --out '" + path("typo.csv").string() + "' > '" +
                                path("typo.txt").string() + "' 2>&1";
    EXPECT_NE(std::system(command.c_str()), 0);
    EXPECT_FALSE(fs::exists(path("typo.db")));
    EXPECT_FALSE(fs::exists(path("typo.csv")));
    const std::string message = readFile(path("typo.txt"));
    EXPECT_NE(message.find("typo.db"), std::string::npos) << message;
}

TEST_F(ExportTest, TheCodebookSaysHowEachValueIsComputedWithItsSectionOfTheMethods) {
    run(options(ExportFormat::CsvLong, "long.csv"));
    run(options(ExportFormat::Progression, "pairs.csv"));
    run(options(ExportFormat::CsvWide, "wide.csv"));
    std::map<std::string, std::string> howComputed;  // column name -> how_computed, over every codebook
    for (const std::string stem : {"long", "pairs", "wide"}) {
        std::string text = readFile(path(stem + ".codebook.csv"));
        if (text.rfind("\xEF\xBB\xBF", 0) == 0)
            text = text.substr(3);
        const Csv codebook = parseCsv(text);
        ASSERT_GT(codebook.rows.size(), 10u) << stem;
        for (std::size_t r = 0; r < codebook.rows.size(); ++r) {
            const std::string& name = codebook.at(r, "name");
            const std::string& how = codebook.at(r, "how_computed");
            howComputed[name] = how;
            // Words a reviewer can check against the methods, not the program's function names.
            EXPECT_EQ(how.find("core::"), std::string::npos) << name << ": " << how;
            EXPECT_EQ(how.find("clinical-rules"), std::string::npos) << name << ": " << how;
            // Bookkeeping (counts, order, ages, statuses, pseudonyms) is not a clinical method.
            const bool bookkeeping = how == "recorded" || how == "count" || how.rfind("order of ", 0) == 0 ||
                                     how.rfind("status of ", 0) == 0 || how.rfind("keyed hash", 0) == 0 ||
                                     how.rfind("completed years", 0) == 0;
            const bool derived = !bookkeeping;
            if (derived) {
                EXPECT_NE(how.find("(docs/methods.md "), std::string::npos) << name << ": " << how;
            }
        }
    }
    const std::map<std::string, std::string> sections = {
        {"msasss", "docs/methods.md 1.3"},     {"msasss_total", "docs/methods.md 1.3"},
        {"new_synd", "docs/methods.md 1.4"},   {"progression", "docs/methods.md 1.5"},
        {"progressor", "docs/methods.md 1.5"}, {"basdai", "docs/methods.md 2"},
        {"asdas_crp", "docs/methods.md 3"},    {"asdas_esr_state", "docs/methods.md 3"},
        {"basfi", "docs/methods.md 4"},        {"basmi_lin", "docs/methods.md 4"},
        {"bmd_category", "docs/methods.md 5"}, {"crp", "docs/methods.md 6"},
    };
    for (const auto& [name, section] : sections) {
        ASSERT_EQ(howComputed.count(name), 1u) << name;
        EXPECT_NE(howComputed[name].find("(" + section + ")"), std::string::npos)
            << name << ": " << howComputed[name];
    }
    EXPECT_NE(howComputed["basdai"].find("(Q1 + Q2 + Q3 + Q4 + (Q5 + Q6) / 2) / 5"), std::string::npos);
}

TEST_F(ExportTest, DeidentifiedImportFormatKeepsNoIdentity) {
    ExportOptions o = options(ExportFormat::Visits, "visits.csv");
    run(o);
    const std::string text = readFile(path("visits.csv"));
    for (const std::string& id : clinicIds()) {
        EXPECT_EQ(text.find(history(id).patient.name), std::string::npos);
        EXPECT_EQ(text.find(id + ","), std::string::npos);
    }
    const Csv csv = parseCsv(text.substr(3));  // after the byte order mark
    EXPECT_GT(csv.rows.size(), 0u);
    EXPECT_EQ(csv.at(0, "patient_id").rfind("S-", 0), 0u);
}

}  // namespace
}  // namespace ankylos::exports::test
