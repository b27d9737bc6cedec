// The cohort summary: its numbers against core results computed here independently, patient by
// patient, on a real database of demo patients; the filters; histories held in memory; and the PDF.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/ctss_progression.h"
#include "core/progression.h"
#include "core/visit.h"
#include "report/cohort_summary.h"
#include "report/layout.h"
#include "report/style.h"
#include "report_fixture.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/settings_store.h"

namespace ankylos::report {
namespace {

using test::TempDir;
const core::Date kToday(2026, 6, 1);
constexpr int kPatients = 60;

/// Every patient's history, loaded one by one (not through forEach, which the summary uses).
std::vector<core::PatientHistory> loadAll(storage::Database& db) {
    std::vector<core::PatientHistory> all;
    storage::PatientRepository patients(db);
    storage::HistoryReader reader(db);
    for (const storage::PatientSummary& p : patients.search("", 100000))
        all.push_back(*reader.load(p.id));
    return all;
}

struct Expected {
    int patients = 0, male = 0, female = 0, evaluable = 0, progressors = 0, withoutVisits = 0;
    std::vector<double> changes;
    std::array<int, 4> states{};
    int notComputable = 0;
    std::vector<double> basdai;
};

Expected expectedFor(
    const std::vector<core::PatientHistory>& all, const core::Settings& settings,
    const std::function<bool(const core::PatientHistory&, bool hasVerdict, bool progressor)>& keep) {
    Expected e;
    for (const core::PatientHistory& h : all) {
        bool hasVerdict = h.films.size() >= 2;
        core::ProgressionReview review;
        if (hasVerdict)
            review = core::reviewProgression(h.films, settings);
        if (!keep(h, hasVerdict, review.progressor))
            continue;
        ++e.patients;
        ++(h.patient.sex == core::Sex::Male ? e.male : e.female);
        if (hasVerdict) {
            ++e.evaluable;
            e.progressors += review.progressor ? 1 : 0;
            for (std::size_t i = 0; i + 1 < h.films.size(); ++i) {
                const core::ProgressionResult& pair = review.pairs[i];
                EXPECT_EQ(pair.from, h.films[i].date);  // consecutive pairs come first, in order
                if (pair.change && pair.intervalYears >= 1.5 && pair.intervalYears <= 2.5) {
                    e.changes.push_back(*pair.change);
                    break;
                }
            }
        }
        if (h.visits.empty()) {
            ++e.withoutVisits;
            continue;
        }
        core::VisitScores first = core::scoreVisit(h.patient, h.visits.front(), h.films, settings);
        if (first.basdai.value)
            e.basdai.push_back(*first.basdai.value);
        core::VisitScores last = core::scoreVisit(h.patient, h.visits.back(), h.films, settings);
        if (last.asdasCrp.state)
            ++e.states[static_cast<int>(*last.asdasCrp.state)];
        else
            ++e.notComputable;
    }
    std::sort(e.changes.begin(), e.changes.end());
    return e;
}

/// The summary of the database's histories, streamed as the report streams them: only the first and
/// last visits, which must give what the full histories (loadAll) give.
CohortSummary summarize(storage::Database& db, const CohortFilter& filter, const core::Settings& settings) {
    storage::HistoryReader histories(db, storage::HistoryParts::FirstAndLastVisits);
    return summarizeCohort(histories, filter, settings);
}

void expectSummary(const CohortSummary& s, const Expected& e) {
    EXPECT_EQ(s.patientsInDatabase, kPatients);
    EXPECT_EQ(s.patients, e.patients);
    EXPECT_EQ(s.male, e.male);
    EXPECT_EQ(s.female, e.female);
    EXPECT_EQ(s.progressionEvaluable, e.evaluable);
    EXPECT_EQ(s.progressors, e.progressors);
    EXPECT_EQ(s.withoutVisits, e.withoutVisits);
    EXPECT_EQ(s.twoYearChanges, e.changes);
    EXPECT_EQ(s.latestAsdasStates, e.states);
    EXPECT_EQ(s.latestAsdasNotComputable, e.notComputable);
    ASSERT_EQ(s.basdaiBaseline.n, static_cast<int>(e.basdai.size()));
    if (!e.basdai.empty()) {
        double mean = 0;
        for (double v : e.basdai)
            mean += v;
        mean /= e.basdai.size();
        EXPECT_NEAR(s.basdaiBaseline.mean, mean, 1e-9);
    }
}

class CohortSummaryTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir;
        storage::Database db(*s_dir / "cohort.db", "", storage::Open::CreateNew);
        test::addDemoPatients(db, kPatients, kToday);
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static TempDir* s_dir;
};
TempDir* CohortSummaryTest::s_dir = nullptr;

TEST_F(CohortSummaryTest, AllPatientsEqualCoreResults) {
    storage::Database db(*s_dir / "cohort.db");
    core::Settings settings = storage::readSettings(db);
    std::vector<core::PatientHistory> all = loadAll(db);
    ASSERT_EQ(all.size(), static_cast<std::size_t>(kPatients));
    Expected e = expectedFor(all, settings, [](const core::PatientHistory&, bool, bool) { return true; });
    CohortSummary s = summarize(db, {}, settings);
    expectSummary(s, e);
    EXPECT_GT(e.progressors, 0);  // the demo has progressors and non-progressors
    EXPECT_LT(e.progressors, e.evaluable);
    EXPECT_GT(s.twoYearChanges.size(), 5u);
}

TEST_F(CohortSummaryTest, Filters) {
    storage::Database db(*s_dir / "cohort.db");
    core::Settings settings = storage::readSettings(db);
    std::vector<core::PatientHistory> all = loadAll(db);

    CohortFilter women;
    women.sex = core::Sex::Female;
    expectSummary(summarize(db, women, settings),
                  expectedFor(all, settings, [](const core::PatientHistory& h, bool, bool) {
                      return h.patient.sex == core::Sex::Female;
                  }));

    CohortFilter progressors;
    progressors.progressor = true;
    CohortSummary p = summarize(db, progressors, settings);
    expectSummary(p, expectedFor(all, settings,
                                 [](const core::PatientHistory&, bool v, bool prog) { return v && prog; }));
    EXPECT_EQ(p.progressors, p.patients);

    CohortFilter nonProgressorsPositive;
    nonProgressorsPositive.progressor = false;
    nonProgressorsPositive.hlaB27 = core::HlaB27::Positive;
    expectSummary(summarize(db, nonProgressorsPositive, settings),
                  expectedFor(all, settings, [](const core::PatientHistory& h, bool v, bool prog) {
                      return v && !prog && h.patient.hlaB27 == core::HlaB27::Positive;
                  }));

    CohortFilter range;
    range.from = core::Date(2016, 1, 1);
    range.to = core::Date(2020, 12, 31);
    CohortSummary r = summarize(db, range, settings);
    expectSummary(r, expectedFor(all, settings, [&](const core::PatientHistory& h, bool, bool) {
                      return !h.visits.empty() && h.visits.front().date >= *range.from &&
                             h.visits.front().date <= *range.to;
                  }));
    EXPECT_GT(r.patients, 0);
    EXPECT_LT(r.patients, kPatients);
    EXPECT_EQ(range.describe(), "baseline 2016-01-01 to 2020-12-31");
}

TEST_F(CohortSummaryTest, PdfShowsTheNumbers) {
    storage::Database db(*s_dir / "cohort.db");
    core::Settings settings = storage::readSettings(db);
    CohortSummary s = summarize(db, {}, settings);
    ReportContext context;
    context.style = loadDefaultStyle();
    context.printed = kToday;
    LaidOutDocument laid = layOut(buildCohortReport(s, context), Paper::A4, context.style.layoutStyle());
    std::filesystem::path pdf = *s_dir / "cohort.pdf";
    files::OutputPolicy replacing;  // the folder is shared by the suite's tests
    replacing.overwrite = true;
    writePdf(laid, pdf.string(), replacing);
    if (const char* keep = std::getenv("ANKYLOS_REPORT_KEEP"))
        std::filesystem::copy_file(pdf, std::filesystem::path(keep) / "cohort.pdf",
                                   std::filesystem::copy_options::overwrite_existing);
    EXPECT_EQ(test::pdfPages(pdf), laid.pageCount());
    std::string text = test::pdfText(pdf);
    EXPECT_NE(text.find(std::to_string(s.patients) + " of " + std::to_string(kPatients)), std::string::npos);
    EXPECT_NE(text.find(std::to_string(s.progressors) + " of " + std::to_string(s.progressionEvaluable)),
              std::string::npos);
    EXPECT_NE(text.find("Cumulative probability plot"), std::string::npos);
    EXPECT_NE(text.find("progression.min_change_units = 2"), std::string::npos);
    // The exposure comparison and its setting (these demo patients were written without treatment).
    EXPECT_NE(text.find("Film intervals with and without TNF or IL-17 inhibitor exposure"),
              std::string::npos);
    EXPECT_NE(text.find("treatment.exposed_fraction = 0.5"), std::string::npos);
    EXPECT_NE(text.find("without a recorded treatment course are left out"), std::string::npos);
}

TEST(CohortSummaryInMemory, CountsHistoriesThatNoDatabaseHolds) {
    core::PatientHistory man;  // two visits, BASDAI 1.78 at baseline (courseVisit 0)
    man.patient = test::reportPatient("AS-1");
    man.visits = {test::courseVisit(0), test::courseVisit(1)};
    core::PatientHistory womanWithoutVisits;
    womanWithoutVisits.patient = test::reportPatient("AS-2", "Anna");
    womanWithoutVisits.patient.sex = core::Sex::Female;
    womanWithoutVisits.patient.hlaB27 = core::HlaB27::Negative;
    core::PatientHistory woman;  // one visit, BASDAI 3.58 (courseVisit 2)
    woman.patient = test::reportPatient("AS-3", "Berta");
    woman.patient.sex = core::Sex::Female;
    woman.patient.hlaB27 = core::HlaB27::Unknown;
    woman.visits = {test::courseVisit(2)};
    test::HistoryList histories({man, womanWithoutVisits, woman});
    const core::Settings settings;

    const CohortSummary all = summarizeCohort(histories, {}, settings);
    EXPECT_EQ(all.patientsInDatabase, 3);
    EXPECT_EQ(all.patients, 3);
    EXPECT_EQ(all.male, 1);
    EXPECT_EQ(all.female, 2);
    EXPECT_EQ(all.hlaB27Positive, 1);
    EXPECT_EQ(all.hlaB27Negative, 1);
    EXPECT_EQ(all.hlaB27Unknown, 1);
    EXPECT_EQ(all.withoutVisits, 1);
    EXPECT_EQ(all.progressionEvaluable, 0);  // nobody has two films
    ASSERT_EQ(all.basdaiBaseline.n, 2);
    EXPECT_NEAR(all.basdaiBaseline.mean, (1.78 + 3.58) / 2, 1e-9);

    CohortFilter women;
    women.sex = core::Sex::Female;
    const CohortSummary w = summarizeCohort(histories, women, settings);
    EXPECT_EQ(w.patientsInDatabase, 3);
    EXPECT_EQ(w.patients, 2);
    EXPECT_EQ(w.withoutVisits, 1);

    CohortFilter baseline2008;  // a patient without visits has no baseline: never in a date range
    baseline2008.from = core::Date(2008, 1, 1);
    baseline2008.to = core::Date(2008, 12, 31);
    const CohortSummary r = summarizeCohort(histories, baseline2008, settings);
    EXPECT_EQ(r.patients, 2);
    EXPECT_EQ(r.withoutVisits, 0);
}

/// A patient with spine films on 2010-01-01, 2012-01-01 and 2014-01-01 (grades rising film by film)
/// and the given treatment course.
core::PatientHistory filmedPatient(const std::string& id, std::vector<core::TreatmentEpisode> treatments) {
    core::PatientHistory h;
    h.patient = test::reportPatient(id);
    for (int k = 0; k < 3; ++k)
        h.films.push_back({core::Date(2010 + 2 * k, 1, 1), {test::courseReading("Reader A", k, 0)}});
    h.treatments = std::move(treatments);
    return h;
}

/// A low-dose CT whose first `graded` thoracic quadrants have `grade`, every other quadrant 0.
core::CtScan thoracicScan(core::Date date, int graded, int grade) {
    std::string grades;
    int thoracic = 0;
    for (core::Quadrant quadrant : core::allQuadrants()) {
        const bool scored = core::segmentOf(quadrant) == core::CtssSegment::Thoracic && thoracic++ < graded;
        grades += (grades.empty() ? "" : ",") + std::to_string(scored ? grade : 0);
    }
    return {date, "", true, {core::parseCtssReading(grades, "Reader A")}};
}

// docs/methods.md 12: the CTSS change is given beside the mSASSS change for patients with both, each
// over its own first-to-last interval, never combined.
TEST(CohortSummaryCtss, PatientsWithFilmsAndLowDoseCtGetBothChangesPerYear) {
    core::PatientHistory withCt = filmedPatient("AS-1", {});
    withCt.ctScans = {thoracicScan(core::Date(2011, 1, 1), 4, 1),
                      thoracicScan(core::Date(2015, 1, 1), 10, 2)};
    core::PatientHistory oneScan = filmedPatient("AS-2", {});
    oneScan.ctScans = {thoracicScan(core::Date(2011, 1, 1), 4, 1)};
    const core::PatientHistory filmsOnly = filmedPatient("AS-3", {});
    test::HistoryList histories({withCt, oneScan, filmsOnly});
    const core::Settings settings;
    const CohortSummary summary = summarizeCohort(histories, {}, settings, core::Date(2026, 1, 1));

    const core::ProgressionResult films = core::reviewProgression(withCt.films, settings).pairs.back();
    const core::CtssProgressionResult scans =
        core::reviewCtssProgression(withCt.ctScans, settings).pairs.back();
    ASSERT_EQ(films.from, core::Date(2010, 1, 1));  // first to last
    ASSERT_EQ(scans.change, 16.0);
    ASSERT_EQ(summary.ctssYearlyChange.n, 1) << "only the patient with two scans";
    ASSERT_EQ(summary.msasssYearlyChangeWithCt.n, 1);
    EXPECT_NEAR(summary.ctssYearlyChange.mean, 16.0 / scans.intervalYears, 1e-9);
    EXPECT_NEAR(summary.ctssYearlyChange.mean, 4.0, 0.01);  // 16 units over four years
    EXPECT_NEAR(summary.msasssYearlyChangeWithCt.mean, *films.change / films.intervalYears, 1e-9);

    ReportContext context;
    context.style = loadDefaultStyle();
    context.printed = core::Date(2026, 1, 1);
    auto captions = [&](const CohortSummary& s) {
        std::string all;
        for (const Block& block : buildCohortReport(s, context).blocks)
            if (const Table* table = std::get_if<Table>(&block))
                all += table->caption + "\n";
        return all;
    };
    EXPECT_NE(captions(summary).find("two or more low-dose CT scans (n = 1)"), std::string::npos);
    test::HistoryList noCt({filmsOnly});
    EXPECT_EQ(captions(summarizeCohort(noCt, {}, settings)).find("low-dose CT"), std::string::npos);
}

TEST(CohortSummaryExposure, FilmIntervalsWithAndWithoutTnfOrIl17InhibitorExposure) {
    using core::Date;
    using core::Route;
    // A: adalimumab from the second film on: the first interval has 0 days, the second all of them.
    // B: no treatment recorded: both intervals left out. C: naproxen only: not exposed.
    // D: secukinumab on 292 of the first interval's 730 days (40 %), then stopped.
    const auto a = filmedPatient(
        "AS-A", {test::episode("adalimumab", "", Date(2012, 1, 1), std::nullopt, "", Route::Subcutaneous)});
    const auto b = filmedPatient("AS-B", {});
    const auto c = filmedPatient(
        "AS-C", {test::episode("naproxen", "", Date(2009, 1, 1), std::nullopt, "", Route::Oral)});
    const auto d = filmedPatient("AS-D", {test::episode("secukinumab", "", Date(2011, 1, 1),
                                                        Date(2011, 10, 19), "", Route::Subcutaneous)});
    test::HistoryList histories({a, b, c, d});
    const core::ProgressionReview review = core::reviewProgression(a.films, core::Settings{});
    const core::ProgressionResult& first = review.pairs[0];
    const core::ProgressionResult& second = review.pairs[1];
    ASSERT_TRUE(first.change && second.change);
    ASSERT_NE(*first.change, *second.change);
    const core::Date today(2026, 6, 1);

    core::Settings settings;  // exposed at 50 %: only A's second interval
    CohortSummary s = summarizeCohort(histories, {}, settings, today);
    EXPECT_EQ(s.intervalsWithoutTreatmentRecord, 2);
    EXPECT_EQ(s.biologicExposed.intervals, 1);
    EXPECT_EQ(s.biologicExposed.change.n, 1);
    EXPECT_NEAR(s.biologicExposed.change.mean, *second.change, 1e-9);
    EXPECT_EQ(s.biologicExposed.progressing, second.progression ? 1 : 0);
    EXPECT_EQ(s.biologicNotExposed.intervals, 5);  // A's first, C's two, D's two
    EXPECT_NEAR(s.biologicNotExposed.change.mean, (3 * *first.change + 2 * *second.change) / 5, 1e-9);
    EXPECT_EQ(s.biologicNotExposed.progressing, 3 * first.progression + 2 * second.progression);
    EXPECT_NEAR(s.biologicNotExposed.years.mean, first.intervalYears * 0.6 + second.intervalYears * 0.4,
                1e-9);

    settings.treatment.exposedFraction = 0.4;  // D's 40 % now counts
    s = summarizeCohort(histories, {}, settings, today);
    EXPECT_EQ(s.biologicExposed.intervals, 2);
    EXPECT_NEAR(s.biologicExposed.change.mean, (*first.change + *second.change) / 2, 1e-9);
    EXPECT_EQ(s.biologicNotExposed.intervals, 4);

    // The report states the setting and the counts.
    const Document doc = buildCohortReport(s, ReportContext{});
    const Table* table = nullptr;
    std::string notes;
    for (const Block& block : doc.blocks) {
        if (const auto* t = std::get_if<Table>(&block);
            t && t->caption.find("TNF or IL-17") != std::string::npos)
            table = t;
        if (const auto* p = std::get_if<Paragraph>(&block))
            notes += p->text;
    }
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->rows[0][0].text, "Exposed (TNF or IL-17 inhibitor \u2265 40\u00a0% of the interval)");
    EXPECT_EQ(table->rows[0][1].text, "2");
    EXPECT_EQ(table->rows[1][0].text, "Not exposed");
    EXPECT_EQ(table->rows[1][1].text, "4");
    EXPECT_NE(notes.find("treatment.exposed_fraction = 0.4"), std::string::npos);
    EXPECT_NE(notes.find("2 interval(s) of patients without a recorded treatment course are left out"),
              std::string::npos);
}

TEST(Statistics, DescribeValues) {
    Distribution d = describeValues({4, 1, 3, 2});
    EXPECT_EQ(d.n, 4);
    EXPECT_DOUBLE_EQ(d.mean, 2.5);
    EXPECT_NEAR(d.sd, 1.2909944487358056, 1e-12);
    EXPECT_DOUBLE_EQ(d.median, 2.5);
    EXPECT_DOUBLE_EQ(d.q1, 1.75);
    EXPECT_DOUBLE_EQ(d.q3, 3.25);
    EXPECT_DOUBLE_EQ(d.min, 1);
    EXPECT_DOUBLE_EQ(d.max, 4);
    Distribution one = describeValues({7});
    EXPECT_EQ(one.sd, 0);
    EXPECT_EQ(one.median, 7);
    EXPECT_EQ(describeValues({}).n, 0);
}

}  // namespace
}  // namespace ankylos::report
