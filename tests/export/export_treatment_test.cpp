// The ASAS core set in the visit tables, the treatment table and the exposure columns of the film
// pairs: values equal core's, "not recorded" stays apart from 0, dates move with the patient's shift.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/asas_core_set.h"
#include "core/drug_catalogue.h"
#include "core/exposure.h"
#include "core/progression.h"
#include "export/deidentify.h"
#include "export_fixture.h"
#include "interchange/visit_csv_reader.h"
#include "storage/patient_repository.h"
#include "storage/settings_store.h"
#include "storage/treatment_repository.h"

namespace ankylos::exports::test {
namespace {

using core::Date;

Date date(const std::string& iso) {
    return core::parseIsoDate(iso, "test");
}

Date plusDays(Date day, long days) {
    return day + boost::gregorian::date_duration(days);
}

core::TreatmentEpisode episode(const std::string& drug, Date start, std::optional<Date> stop,
                               core::Route route = core::Route::Oral) {
    core::TreatmentEpisode e;
    e.drugId = drug;
    e.start = start;
    e.stop = stop;
    e.route = route;
    return e;
}

/// A copy of a demo patient with at least three visits and two films, under a new clinic ID, with the
/// core set recorded at its first two visits and a treatment course of three episodes.
class TreatmentExportTest : public ExportTest {
protected:
    static inline const Date kToday = date("2026-11-15");

    void SetUp() override {
        ExportTest::SetUp();
        for (const std::string& id : clinicIds())
            if (history(id).films.size() >= 2 && history(id).visits.size() >= 3) {
                m_treated = history(id);
                break;
            }
        ASSERT_GE(m_treated.films.size(), 2u);
        m_treated.patient.clinicId = "AS-TREATED";
        m_treated.patient.name = "Treated, Patient";
        m_treated.treatments.clear();  // the demo's course and core set are replaced by the ones below
        for (core::Visit& visit : m_treated.visits)
            visit.coreSet = {};
        recordCoreSet(m_treated.visits[0].coreSet, m_treated.visits[1].coreSet);
        core::PatientHistory untreated = m_treated;  // the same films without any recorded course
        untreated.patient.clinicId = "AS-UNTREATED";
        untreated.patient.name = "Untreated, Patient";
        storage::importHistories(db(), {m_treated, untreated}, true, "test");
        const std::int64_t patientId = *storage::PatientRepository(db()).idOf("AS-TREATED");
        const Date f0 = m_treated.films[0].date, f1 = m_treated.films[1].date;
        const long half = (f1 - f0).days() / 2;
        core::TreatmentEpisode adalimumab =
            episode("adalimumab", plusDays(f0, -30), plusDays(f0, half), core::Route::Subcutaneous);
        adalimumab.brand = "Amgevita";
        adalimumab.doseAndFrequency = "40 mg every 2 weeks";
        adalimumab.stopReason = core::StopReason::Inefficacy;
        m_course = {adalimumab, episode("naproxen", plusDays(f0, 10), plusDays(f0, 40)),
                    episode("secukinumab", plusDays(f0, half + 1), std::nullopt, core::Route::Subcutaneous)};
        storage::TreatmentRepository treatments(db());
        for (const core::TreatmentEpisode& e : m_course)
            treatments.add(patientId, e);
        std::sort(m_course.begin(), m_course.end(), [](const auto& a, const auto& b) {
            return std::tie(a.start, a.drugId) < std::tie(b.start, b.drugId);
        });
    }

    static void recordCoreSet(core::AsasCoreSet& first, core::AsasCoreSet& second) {
        first.physicianGlobal = 3.5;
        for (const core::MasesSite site : core::allMasesSites())
            first.mases.at(site) = false;
        first.mases.at(core::MasesSite::PosteriorSuperiorIliacSpineLeft) = true;
        first.mases.at(core::MasesSite::AchillesRight) = true;
        first.swollenJointCount = 0;
        first.tenderJointCount = 2;
        first.dactylitisDigits = 1;
        first.at(core::Manifestation::Uveitis) =
            core::ManifestationRecord{core::ManifestationStatus::History, date("2015-04-20")};
        first.at(core::Manifestation::Psoriasis) =
            core::ManifestationRecord{core::ManifestationStatus::Never, {}};
        second.mases.at(core::MasesSite::IliacCrestLeft) = true;  // 12 sites not recorded
    }

    ExportOptions withToday(ExportOptions o) const {
        o.today = kToday;
        return o;
    }

    /// Rows of the table whose patient column holds id.
    static std::vector<std::size_t> rowsOf(const Csv& csv, const std::string& column, const std::string& id) {
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < csv.rows.size(); ++r)
            if (csv.at(r, column) == id)
                rows.push_back(r);
        return rows;
    }

    core::PatientHistory m_treated;
    std::vector<core::TreatmentEpisode> m_course;  ///< in the course's order: start date, then drug
};

TEST_F(TreatmentExportTest, CoreSetColumnsHoldTheRecordedValuesAndKeepNotRecordedApartFromZero) {
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv visits = readCsv(path("long.csv"));
    const std::vector<std::size_t> rows = rowsOf(visits, "patient_id", "AS-TREATED");
    ASSERT_EQ(rows.size(), m_treated.visits.size());
    const std::size_t v1 = rows[0], v2 = rows[1], v3 = rows[2];
    EXPECT_EQ(visits.at(v1, "physician_global"), "3.5");
    EXPECT_EQ(visits.at(v1, "mases_psis_left"), "1");
    EXPECT_EQ(visits.at(v1, "mases_psis_right"), "0");
    EXPECT_EQ(visits.at(v1, "mases_achilles_right"), "1");
    EXPECT_EQ(visits.at(v1, "mases"), "2");
    EXPECT_EQ(visits.at(v1, "mases_status"), "1");
    EXPECT_EQ(visits.at(v1, "swollen_joint_count"), "0");
    EXPECT_EQ(visits.at(v1, "tender_joint_count"), "2");
    EXPECT_EQ(visits.at(v1, "dactylitis_digits"), "1");
    EXPECT_EQ(visits.at(v1, "uveitis"), "2");
    EXPECT_EQ(visits.at(v1, "uveitis_last_episode_date"), "2015-04-20");
    EXPECT_EQ(visits.at(v1, "psoriasis"), "1");
    EXPECT_EQ(visits.at(v1, "psoriasis_last_episode_date"), "");
    EXPECT_EQ(visits.at(v1, "ibd"), "");
    // Partly recorded MASES: the total is not computable; nothing recorded is not 0.
    EXPECT_EQ(visits.at(v2, "mases_iliac_crest_left"), "1");
    EXPECT_EQ(visits.at(v2, "mases_iliac_crest_right"), "");
    EXPECT_EQ(visits.at(v2, "mases"), "");
    EXPECT_EQ(visits.at(v2, "mases_status"), "2");
    EXPECT_EQ(visits.at(v2, "swollen_joint_count"), "");
    EXPECT_EQ(visits.at(v3, "mases_status"), "3");
    EXPECT_EQ(visits.at(v3, "physician_global"), "");

    run(options(ExportFormat::CsvWide, "wide.csv", true));
    const Csv wide = readCsv(path("wide.csv"));
    const std::vector<std::size_t> patient = rowsOf(wide, "patient_id", "AS-TREATED");
    ASSERT_EQ(patient.size(), 1u);
    EXPECT_EQ(wide.at(patient[0], "v1_mases"), "2");
    EXPECT_EQ(wide.at(patient[0], "v2_mases_status"), "2");
    EXPECT_EQ(wide.at(patient[0], "v1_uveitis_last_episode_date"), "2015-04-20");
}

TEST_F(TreatmentExportTest, TreatmentTableHasOneRowPerEpisodeWithTheCataloguesClassAndAtcCode) {
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv treatments = readCsv(path("long.treatments.csv"));
    const std::vector<std::size_t> rows = rowsOf(treatments, "patient_id", "AS-TREATED");
    ASSERT_EQ(rows.size(), m_course.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const core::TreatmentEpisode& e = m_course[i];
        const core::Drug& drug = core::drugById(e.drugId);
        const std::size_t r = rows[i];
        EXPECT_EQ(treatments.at(r, "episode_number"), std::to_string(i + 1));
        EXPECT_EQ(treatments.at(r, "drug"), e.drugId);
        EXPECT_EQ(treatments.at(r, "drug_label"), drug.label);
        EXPECT_EQ(treatments.at(r, "drug_class"), std::to_string(static_cast<int>(drug.drugClass) + 1));
        EXPECT_EQ(treatments.at(r, "atc_code"), drug.atcCode);
        EXPECT_EQ(treatments.at(r, "start_date"), core::toIsoString(e.start));
        EXPECT_EQ(treatments.at(r, "stop_date"), e.stop ? core::toIsoString(*e.stop) : "");
        EXPECT_EQ(treatments.at(r, "ongoing"), e.ongoing() ? "1" : "0");
        EXPECT_EQ(treatments.at(r, "route"), std::to_string(static_cast<int>(e.route) + 1));
        EXPECT_EQ(treatments.at(r, "brand"), e.brand);
        EXPECT_EQ(treatments.at(r, "dose_frequency"), e.doseAndFrequency);
        EXPECT_EQ(treatments.at(r, "stop_reason"),
                  e.stopReason ? std::to_string(static_cast<int>(*e.stopReason) + 1) : "");
    }
    EXPECT_EQ(treatments.at(rows[0], "drug_class"), "3");   // adalimumab: tnfi, the third class
    EXPECT_EQ(treatments.at(rows[0], "stop_reason"), "1");  // inefficacy
}

TEST_F(TreatmentExportTest, ExposureColumnsOfEveryFilmPairEqualCore) {
    run(withToday(options(ExportFormat::Progression, "pairs.csv", true)));
    const Csv pairs = readCsv(path("pairs.csv"));
    const core::Settings settings = storage::readSettings(db());
    const core::ProgressionReview review = core::reviewProgression(m_treated.films, settings);
    const std::vector<std::size_t> rows = rowsOf(pairs, "patient_id", "AS-TREATED");
    ASSERT_EQ(rows.size(), review.pairs.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const core::ProgressionResult& pair = review.pairs[i];
        const core::ExposureResult exposure =
            core::computeExposure(pair.from, pair.to, m_course, kToday, settings.treatment);
        for (const core::DrugClass drugClass : core::allDrugClasses()) {
            const core::ClassExposure e = exposure.of(drugClass);
            const std::string c = core::toString(drugClass);
            EXPECT_EQ(pairs.at(rows[i], c + "_days"), std::to_string(e.days)) << c;
            EXPECT_EQ(std::stod(pairs.at(rows[i], c + "_fraction")), e.fraction) << c;
            EXPECT_EQ(pairs.at(rows[i], c + "_exposed"), e.exposed ? "1" : "0") << c;
            EXPECT_EQ(pairs.at(rows[i], c + "_at_start"), e.atStart ? "1" : "0") << c;
        }
    }
    // First pair: adalimumab covers the first film and half the interval; no JAK inhibitor at all.
    EXPECT_EQ(pairs.at(rows[0], "tnfi_at_start"), "1");
    EXPECT_NE(pairs.at(rows[0], "tnfi_days"), "0");
    EXPECT_EQ(pairs.at(rows[0], "il17i_at_start"), "0");
    EXPECT_EQ(pairs.at(rows[0], "jaki_days"), "0");
    EXPECT_EQ(pairs.at(rows[0], "nsaid_days"), "31");  // naproxen: f0 + 10 through f0 + 40
    // A patient without a recorded treatment course has empty exposure, not 0 days.
    const std::vector<std::size_t> untreated = rowsOf(pairs, "patient_id", "AS-UNTREATED");
    ASSERT_EQ(untreated.size(), review.pairs.size());
    for (const std::size_t r : untreated) {
        EXPECT_EQ(pairs.at(r, "tnfi_days"), "");
        EXPECT_EQ(pairs.at(r, "tnfi_exposed"), "");
    }
    const nlohmann::json manifest = nlohmann::json::parse(readFile(path("pairs.manifest.json")));
    EXPECT_EQ(manifest.at("ongoing_treatment_through"), "2026-11-15");

    run(withToday(options(ExportFormat::CsvWide, "wide.csv", true)));
    const Csv wide = readCsv(path("wide.csv"));
    const std::vector<std::size_t> patient = rowsOf(wide, "patient_id", "AS-TREATED");
    ASSERT_EQ(patient.size(), 1u);
    const core::ProgressionResult& firstToLast = review.pairs.back();
    const core::ExposureResult overall =
        core::computeExposure(firstToLast.from, firstToLast.to, m_course, kToday, settings.treatment);
    EXPECT_EQ(wide.at(patient[0], "prog_il17i_days"),
              std::to_string(overall.of(core::DrugClass::Il17i).days));
}

TEST_F(TreatmentExportTest, DeidentifiedTreatmentDatesMoveWithThePatientsShiftAndKeepBrandAndDose) {
    run(options(ExportFormat::CsvLong, "long.csv"));
    const Csv visits = readCsv(path("long.csv"));
    const Csv treatments = readCsv(path("long.treatments.csv"));
    const std::string studyId = ProjectKey::fromFile(path("project.key")).studyId("AS-TREATED");
    const std::vector<std::size_t> visitRows = rowsOf(visits, "study_id", studyId);
    const std::vector<std::size_t> rows = rowsOf(treatments, "study_id", studyId);
    ASSERT_EQ(rows.size(), m_course.size());
    ASSERT_FALSE(visitRows.empty());
    const Date firstVisit = date(visits.at(visitRows[0], "visit_date"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Date start = date(treatments.at(rows[i], "start_date"));
        EXPECT_NE(start, m_course[i].start);
        EXPECT_EQ((start - firstVisit).days(), (m_course[i].start - m_treated.visits[0].date).days());
    }
    EXPECT_EQ(treatments.at(rows[0], "brand"), "Amgevita");
    EXPECT_EQ(treatments.at(rows[0], "dose_frequency"), "40 mg every 2 weeks");
    const Date uveitis = date(visits.at(visitRows[0], "uveitis_last_episode_date"));
    EXPECT_EQ((uveitis - firstVisit).days(), (date("2015-04-20") - m_treated.visits[0].date).days());
    EXPECT_EQ(treatments.column("patient_id"), -1);

    ExportOptions relative = options(ExportFormat::Sav, "treatments.sav");
    relative.table = ExportTable::Treatments;
    relative.dateMode = DateMode::Relative;
    const ExportSummary summary = run(relative);
    ASSERT_EQ(summary.rows.size(), 1u);
    EXPECT_EQ(summary.rows[0].first, "treatments");
    EXPECT_EQ(summary.rows[0].second, treatments.rows.size());  // the demo's courses and this one
}

TEST_F(TreatmentExportTest, DeidentifiedImportFormatCarriesTheCourseAndCoreSetShifted) {
    run(options(ExportFormat::Visits, "visits.csv"));
    std::ifstream in(path("visits.csv"), std::ios::binary);
    const interchange::VisitCsvImport parsed =
        interchange::parseVisitCsv(in, date("2027-12-31"));  // shifted dates may lie ahead
    ASSERT_TRUE(parsed.ok()) << parsed.errors.front().message();
    const std::string studyId = ProjectKey::fromFile(path("project.key")).studyId("AS-TREATED");
    const auto found =
        std::find_if(parsed.patients.begin(), parsed.patients.end(),
                     [&](const core::PatientHistory& h) { return h.patient.clinicId == studyId; });
    ASSERT_NE(found, parsed.patients.end());
    const long shift = (found->visits.at(0).date - m_treated.visits[0].date).days();
    EXPECT_NE(shift, 0);
    ASSERT_EQ(found->treatments.size(), m_course.size());
    for (std::size_t i = 0; i < m_course.size(); ++i) {
        EXPECT_EQ(found->treatments[i].drugId, m_course[i].drugId);
        EXPECT_EQ((found->treatments[i].start - m_course[i].start).days(), shift);
        EXPECT_EQ(found->treatments[i].stop.has_value(), m_course[i].stop.has_value());
    }
    const auto& uveitis = found->visits.at(0).coreSet.at(core::Manifestation::Uveitis);
    ASSERT_TRUE(uveitis && uveitis->lastEpisode);
    EXPECT_EQ((*uveitis->lastEpisode - date("2015-04-20")).days(), shift);
    EXPECT_EQ(found->visits.at(0).coreSet.physicianGlobal, 3.5);
}

TEST_F(TreatmentExportTest, RedcapDictionaryAndDataCarryTheCoreSetOfEachVisit) {
    run(options(ExportFormat::Redcap, "redcap.csv"));
    const Csv dictionary = readCsv(path("redcap.dictionary.csv"));
    std::map<std::string, std::size_t> rowOf;
    for (std::size_t r = 0; r < dictionary.rows.size(); ++r)
        rowOf[dictionary.rows[r].at(0)] = r;
    const auto field = [&](const std::string& name, const std::string& column) {
        return dictionary.at(rowOf.at(name), column);
    };
    EXPECT_EQ(field("mases_psis_left", "Form Name"), "visit");
    EXPECT_EQ(field("mases_psis_left", "Field Type"), "dropdown");
    EXPECT_EQ(field("mases_psis_left", "Choices, Calculations, OR Slider Labels"),
              "0, not tender | 1, tender");
    EXPECT_EQ(field("uveitis", "Choices, Calculations, OR Slider Labels"),
              "1, never | 2, history | 3, active");
    EXPECT_EQ(field("uveitis_last_episode_date", "Text Validation Type OR Show Slider Number"), "date_ymd");
    EXPECT_EQ(field("physician_global", "Text Validation Max"), "10");
    EXPECT_EQ(field("swollen_joint_count", "Text Validation Type OR Show Slider Number"), "integer");
    EXPECT_EQ(field("mases", "Text Validation Max"), "13");
    const Csv data = readCsv(path("redcap.csv"));
    const std::string studyId = ProjectKey::fromFile(path("project.key")).studyId("AS-TREATED");
    std::size_t found = 0;
    for (std::size_t r = 0; r < data.rows.size(); ++r)
        if (data.rows[r].at(0) == studyId && data.at(r, "redcap_event_name") == "visit_1_arm_1" &&
            data.at(r, "redcap_repeat_instrument").empty()) {
            EXPECT_EQ(data.at(r, "mases"), "2");
            EXPECT_EQ(data.at(r, "tender_joint_count"), "2");
            ++found;
        }
    EXPECT_EQ(found, 1u);

    // The treatment course: the repeating instrument "treatment" on the first event.
    EXPECT_EQ(field("drug_class", "Form Name"), "treatment");
    EXPECT_EQ(field("start_date", "Text Validation Type OR Show Slider Number"), "date_ymd");
    EXPECT_EQ(rowOf.count("episode_number"), 0u);  // redcap_repeat_instance carries it
    std::vector<std::string> instances;
    for (std::size_t r = 0; r < data.rows.size(); ++r)
        if (data.rows[r].at(0) == studyId && data.at(r, "redcap_repeat_instrument") == "treatment") {
            EXPECT_EQ(data.at(r, "redcap_event_name"), "visit_1_arm_1");
            EXPECT_EQ(data.at(r, "drug"), m_course[instances.size()].drugId);
            EXPECT_EQ(data.at(r, "basdai"), "");
            EXPECT_EQ(data.at(r, "sex"), "");
            instances.push_back(data.at(r, "redcap_repeat_instance"));
        } else if (data.at(r, "redcap_repeat_instrument").empty()) {
            EXPECT_EQ(data.at(r, "drug"), "");
        }
    EXPECT_EQ(instances, (std::vector<std::string>{"1", "2", "3"}));
    const Csv repeating = readCsv(path("redcap.repeating_instruments.csv"));
    EXPECT_EQ(repeating.header, (std::vector<std::string>{"event_name", "form_name", "custom_form_label"}));
    ASSERT_EQ(repeating.rows.size(), 2u);
    EXPECT_EQ(repeating.at(0, "form_name"), "treatment");
    EXPECT_EQ(repeating.at(1, "form_name"), "ct_reading");
    const Csv mapping = readCsv(path("redcap.event_mapping.csv"));
    bool mapped = false;
    for (std::size_t r = 0; r < mapping.rows.size(); ++r)
        mapped = mapped || (mapping.at(r, "form") == "treatment" &&
                            mapping.at(r, "unique_event_name") == "visit_1_arm_1");
    EXPECT_TRUE(mapped);
}

TEST_F(TreatmentExportTest, ADateRangeKeepsTheEpisodesThatShareADayWithIt) {
    ExportOptions o = withToday(options(ExportFormat::CsvLong, "range.csv", true));
    o.filters.from = plusDays(m_course[0].start, 1);
    o.filters.to = *m_course[1].stop;             // naproxen's last day
    ASSERT_GT(m_course[2].start, *o.filters.to);  // secukinumab starts later
    run(o);
    const Csv treatments = readCsv(path("range.treatments.csv"));
    const std::vector<std::size_t> rows = rowsOf(treatments, "patient_id", "AS-TREATED");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(treatments.at(rows[0], "drug"), "adalimumab");
    EXPECT_EQ(treatments.at(rows[1], "drug"), "naproxen");
}

}  // namespace
}  // namespace ankylos::exports::test
