// The demo cohort: determinism, core validation of every patient, and cohort statistics against
// the realism the demo promises (demo/demo_cohort.h).

#include "demo/demo_cohort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/bmd.h"
#include "core/msasss.h"
#include "core/progression.h"
#include "core/sacroiliitis.h"
#include "core/site_events.h"
#include "core/treatment.h"
#include "core/visit.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "temp_database.h"

namespace ankylos::demo {
namespace {

using core::Date;
using storage::Database;
using storage::HistoryReader;
using storage::ImportSummary;
using storage::Open;
using storage::PatientRepository;
using storage::toJson;
namespace test = storage::test;

const Date kToday(2025, 6, 30);
constexpr std::uint64_t kSeed = 1;
constexpr int kStatisticsPatients = 2000;

// ---------------------------------------------------------------------------------------------
// A serialization of every field, so that two patients compare equal only when all fields do.

class Writer {
public:
    Writer() { m_out << std::setprecision(17); }
    Writer& operator<<(const std::string& text) {
        m_out << '"' << text << '"' << ';';
        return *this;
    }
    Writer& operator<<(const char* text) { return *this << std::string(text); }
    Writer& operator<<(double value) {
        m_out << value << ';';
        return *this;
    }
    Writer& operator<<(int value) {
        m_out << value << ';';
        return *this;
    }
    Writer& operator<<(bool value) {
        m_out << (value ? "true" : "false") << ';';
        return *this;
    }
    Writer& operator<<(Date date) { return *this << core::toIsoString(date); }
    template <typename T>
    Writer& operator<<(const std::optional<T>& value) {
        if (value)
            return *this << *value;
        m_out << "-;";
        return *this;
    }
    std::string text() const { return m_out.str(); }

private:
    std::ostringstream m_out;
};

std::string serialize(const core::PatientHistory& history) {
    Writer w;
    const core::Patient& p = history.patient;
    w << p.clinicId << p.name << core::toString(p.sex) << p.birth << core::toString(p.hlaB27)
      << p.symptomOnset << p.diagnosis << core::toString(p.smoking) << p.notes;
    for (const core::Visit& v : history.visits) {
        w << "visit" << v.date << v.postmenopausal;
        for (const auto& item : v.basdai.items())
            w << item;
        w << v.patientGlobal;
        for (const auto& item : v.basfi.items)
            w << item;
        const core::BasmiInput& m = v.basmi;
        w << m.lateralFlexionLeftCm << m.lateralFlexionRightCm << m.tragusToWallLeftCm
          << m.tragusToWallRightCm << m.modifiedSchoberCm << m.intermalleolarDistanceCm
          << m.cervicalRotationLeftDegrees << m.cervicalRotationRightDegrees;
        for (const core::BmdMeasurement& b : v.bmd) {
            w << "bmd" << core::toString(b.site) << b.bmd << b.tScore << b.zScore << b.device.manufacturer
              << b.device.model << core::toString(b.vertebrae);
        }
        for (const core::LabValue& lab : v.labs) {
            w << "lab" << core::toString(lab.analyte) << lab.value << lab.unit << lab.sampleDate << lab.assay
              << (lab.sampleType ? core::toString(*lab.sampleType) : std::string("-")) << lab.laboratory
              << lab.belowDetectionLimit << lab.detectionLimit;
        }
        const core::AsasCoreSet& c = v.coreSet;
        w << "core set" << c.physicianGlobal << c.swollenJointCount << c.tenderJointCount
          << c.dactylitisDigits;
        for (const auto& site : c.mases.sites)
            w << site;
        for (const auto& record : c.manifestations)
            if (record)
                w << core::toString(record->status) << record->lastEpisode;
            else
                w << "-";
        w << v.notes;
    }
    for (const core::TreatmentEpisode& e : history.treatments) {
        w << "treatment" << e.drugId << e.brand << e.start << e.stop << e.doseAndFrequency
          << core::toString(e.route) << (e.stopReason ? core::toString(*e.stopReason) : std::string("-"));
    }
    for (const core::Film& film : history.films) {
        w << "film" << film.date;
        for (const core::Reading& reading : film.readings) {
            w << "reading" << reading.reader << reading.readingDate << reading.chronologyKnown;
            for (const auto& site : reading.sites) {
                if (!site)
                    w << "not scored";
                else if (site->assessable())
                    w << site->grade();
                else
                    w << core::toString(*site->reason());
            }
        }
    }
    for (const core::PelvicFilmReading& pelvic : history.pelvicFilms)
        w << "pelvic" << pelvic.reader << pelvic.film.date << pelvic.film.left << pelvic.film.right;
    for (const core::CtScan& scan : history.ctScans) {
        w << "ct" << scan.date << scan.device << scan.wholeSpine;
        for (const core::CtssReading& reading : scan.readings)
            w << "ct reading" << toJson(reading).dump();
    }
    return w.text();
}

// ---------------------------------------------------------------------------------------------

TEST(DemoCohortDeterminism, SameSeedIndexAndTodayGiveIdenticalPatientsInAnyOrder) {
    std::vector<std::string> forward;
    for (int i = 0; i < 200; ++i)
        forward.push_back(serialize(demoPatient(kSeed, i, kToday)));
    for (int i = 199; i >= 0; --i)
        EXPECT_EQ(serialize(demoPatient(kSeed, i, kToday)), forward[static_cast<std::size_t>(i)])
            << "index " << i;
}

TEST(DemoCohortDeterminism, SerializationSeesEveryKindOfField) {
    // The comparison above is only as good as the serialization: it must change when a deep field does.
    core::PatientHistory history = demoPatient(kSeed, 0, kToday);
    const std::string original = serialize(history);
    ASSERT_FALSE(history.films.empty());
    auto& site = history.films.back().readings.front().sites[5];
    site = core::SiteScore::notAssessable(core::NotAssessableReason::Other);
    EXPECT_NE(serialize(history), original);
}

TEST(DemoCohortDeterminism, AnotherSeedGivesAnotherCohort) {
    int differ = 0;
    for (int i = 0; i < 100; ++i)
        if (serialize(demoPatient(1, i, kToday)) != serialize(demoPatient(2, i, kToday)))
            ++differ;
    EXPECT_EQ(differ, 100);
}

TEST(DemoCohortDeterminism, PatientsOfOneCohortDifferAndHaveTheirClinicIds) {
    std::set<std::string> seen;
    for (int i = 0; i < 500; ++i)
        seen.insert(serialize(demoPatient(kSeed, i, kToday)));
    EXPECT_EQ(seen.size(), 500u);
    EXPECT_EQ(demoPatient(kSeed, 0, kToday).patient.clinicId, "AS-000001");
    EXPECT_EQ(demoPatient(kSeed, 41, kToday).patient.clinicId, "AS-000042");
    EXPECT_EQ(demoPatient(kSeed, 19999, kToday).patient.clinicId, "AS-020000");
}

TEST(DemoCohortDeterminism, NegativeIndexIsRejected) {
    EXPECT_THROW(demoPatient(kSeed, -1, kToday), core::ValidationError);
}

// ---------------------------------------------------------------------------------------------
// Validation: every patient is accepted by core as if typed in by a user.

/// Every hard error and soft warning core finds in a patient, plus the structural promises core
/// has no validator for (films at visit dates, in order, fully scored; grades that only rise).
void checkPatient(const core::PatientHistory& h, Date today, int& warnings) {
    const core::Patient& p = h.patient;
    const std::string who = p.clinicId;
    const core::Validation patient = core::validatePatient(p, today);
    EXPECT_FALSE(patient.hasErrors())
        << who << ": " << (patient.hasErrors() ? patient.errors()[0].message() : "");
    const core::Validation visits = core::validateVisits(p, h.visits, today);
    EXPECT_FALSE(visits.hasErrors()) << who << ": "
                                     << (visits.hasErrors() ? visits.errors()[0].message() : "");
    const core::Validation course = core::validateTreatmentCourse(h.treatments, p.birth, today);
    EXPECT_FALSE(course.hasErrors()) << who << ": "
                                     << (course.hasErrors() ? course.errors()[0].message() : "");
    warnings +=
        static_cast<int>(patient.warnings().size() + visits.warnings().size() + course.warnings().size());

    ASSERT_TRUE(p.symptomOnset.has_value() || !p.notes.empty()) << who;
    if (p.symptomOnset) {
        EXPECT_LT(p.birth, *p.symptomOnset) << who;
        EXPECT_LE(*p.symptomOnset, *p.diagnosis) << who;
    }
    ASSERT_GE(h.visits.size(), 2u) << who;
    ASSERT_LE(h.visits.size(), 10u) << who;
    for (std::size_t i = 1; i < h.visits.size(); ++i)
        EXPECT_LT(h.visits[i - 1].date, h.visits[i].date) << who;
    EXPECT_LE(*p.diagnosis, h.visits.front().date) << who;

    for (const core::PelvicFilmReading& pelvic : h.pelvicFilms) {
        EXPECT_FALSE(core::validatePelvicFilm(pelvic.film, p.birth, today).hasErrors()) << who;
        EXPECT_EQ(core::assessModifiedNewYork(pelvic.film).met, std::optional<bool>(true)) << who;
    }

    std::set<Date> visitDates;
    for (const core::Visit& visit : h.visits)
        visitDates.insert(visit.date);
    for (std::size_t f = 0; f < h.films.size(); ++f) {
        const core::Film& film = h.films[f];
        EXPECT_TRUE(visitDates.count(film.date)) << who << " film " << core::toIsoString(film.date);
        if (f > 0) {
            EXPECT_LT(h.films[f - 1].date, film.date) << who;
        }
        for (const core::Reading& reading : film.readings) {
            for (const auto& site : reading.sites)
                EXPECT_TRUE(site.has_value()) << who << " site not scored";
            ASSERT_TRUE(reading.readingDate.has_value()) << who;
            EXPECT_GE(*reading.readingDate, film.date) << who;
            EXPECT_LE(*reading.readingDate, today) << who;
            EXPECT_TRUE(core::checkBridgingConsistency(reading).empty()) << who;
        }
    }
    if (h.films.size() >= 2) {
        // New bone is irreversible: no reader ever grades a site lower on a later film.
        core::Settings anyReader;
        anyReader.progression.eventReaderRule = core::EventReaderRule::AnyReader;
        const core::ProgressionReview review = core::reviewProgression(h.films, anyReader);
        for (const core::ProgressionResult& pair : review.pairs)
            EXPECT_EQ(pair.events.regressions, 0) << who;
    }
    // Every visit scores (scoreVisit throws on a hard error).
    for (const core::Visit& visit : h.visits)
        EXPECT_NO_THROW(core::scoreVisit(p, visit, h.films, core::Settings{}));
}

TEST(DemoCohortValidation, FirstTwoThousandPatientsPassCoreValidationWithoutWarnings) {
    int warnings = 0;
    for (int i = 0; i < kStatisticsPatients; ++i) {
        checkPatient(demoPatient(kSeed, i, kToday), kToday, warnings);
        if (HasFatalFailure())
            return;
    }
    EXPECT_EQ(warnings, 0);
}

TEST(DemoCohortValidation, AnyTodayAndSeedGiveValidPatients) {
    int warnings = 0;
    for (Date today : {Date(2024, 2, 29), Date(2001, 1, 1), Date(2038, 12, 31)})
        for (std::uint64_t seed : {0ULL, 7ULL, 0xFFFFFFFFFFFFFFFFULL})
            for (int i = 0; i < 100; ++i)
                checkPatient(demoPatient(seed, i, today), today, warnings);
    EXPECT_EQ(warnings, 0);
}

// ---------------------------------------------------------------------------------------------
// Cohort statistics over the first 2,000 patients.

double pearson(const std::vector<std::pair<double, double>>& xy) {
    double mx = 0, my = 0;
    for (const auto& [x, y] : xy)
        mx += x, my += y;
    mx /= static_cast<double>(xy.size());
    my /= static_cast<double>(xy.size());
    double sxy = 0, sxx = 0, syy = 0;
    for (const auto& [x, y] : xy) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values)
        sum += v;
    return values.empty() ? NAN : sum / static_cast<double>(values.size());
}

struct CohortStatistics {
    int patients = 0;
    int men = 0;
    int women = 0;
    int b27Positive = 0;
    int chineseNames = 0;
    int patientNotes = 0;
    int visitNotes = 0;
    int minVisits = 1000, maxVisits = 0, totalVisits = 0;
    double minFollowUp = 1e9, maxFollowUp = 0;
    std::vector<double> onsetAges;
    std::vector<double> diagnosisDelays;
    int datesAfterToday = 0;
    int datesBeforeBirth = 0;

    // mSASSS
    std::vector<double> rates;  ///< first to last computable film, per patient with >= 2
    std::vector<double> firstScores;
    int noChange = 0;
    int fastProgressors = 0;  ///< >= 2 units a year
    int progressorsBySpec = 0;
    int patientsWithFilms = 0;
    int films = 0;
    int filmsTwoReaders = 0;
    int filmsNotComputable = 0;
    std::map<std::string, int> notAssessable;  ///< by reason
    std::set<std::string> readers;
    int sitesComparedByTwoReaders = 0;
    int sitesReadersDiffer = 0;
    int maxReaderDifference = 0;
    int lumbarSyndesmophyteFilms = 0;
    int cervicalSyndesmophyteFilms = 0;
    int bridgedFilms = 0;

    // Lumbar BMD artefact: lumbar T-scores by the nearest film within a year.
    std::vector<double> lumbarTWithSyndesmophytes, lumbarTWithout;
    std::vector<double> hipTWithSyndesmophytes, hipTWithout;
    std::set<std::string> dxaDevices;
    int dxaScans = 0;
    int lumbarL1L4 = 0, lumbarScans = 0;

    // Labs
    int crpVisits = 0, crpMgPerDl = 0, crpBelowLimit = 0, esrVisits = 0;
    int mmp3 = 0, dkk1 = 0, sclerostin = 0;
    std::set<std::string> biomarkerUnits;
    bool labWithoutAssay = false;

    // Women and menopause
    int womenVisits = 0, womenVisitsRecorded = 0;
    int youngPostmenopausal = 0, oldPremenopausal = 0, postmenopausalVisits = 0;

    // Correlations, per visit
    std::vector<std::pair<double, double>> basdaiBasfi, basdaiAsdas, msasssBasmi, crpAsdas;
    std::vector<double> basdaiValues;
};

const CohortStatistics& statistics() {
    static const CohortStatistics stats = [] {
        CohortStatistics s;
        const core::MsasssSettings msasss;
        const core::Settings settings;
        for (int i = 0; i < kStatisticsPatients; ++i) {
            const core::PatientHistory h = demoPatient(kSeed, i, kToday);
            const core::Patient& p = h.patient;
            ++s.patients;
            (p.sex == core::Sex::Male ? s.men : s.women) += 1;
            s.b27Positive += p.hlaB27 == core::HlaB27::Positive ? 1 : 0;
            s.chineseNames += static_cast<unsigned char>(p.name[0]) >= 0xE4 ? 1 : 0;  // CJK lead bytes
            s.patientNotes += p.notes.empty() ? 0 : 1;
            const int visits = static_cast<int>(h.visits.size());
            s.minVisits = std::min(s.minVisits, visits);
            s.maxVisits = std::max(s.maxVisits, visits);
            s.totalVisits += visits;
            const double followUp = (h.visits.back().date - h.visits.front().date).days() / 365.25;
            s.minFollowUp = std::min(s.minFollowUp, followUp);
            s.maxFollowUp = std::max(s.maxFollowUp, followUp);
            if (p.symptomOnset) {
                s.onsetAges.push_back((*p.symptomOnset - p.birth).days() / 365.25);
                s.diagnosisDelays.push_back((*p.diagnosis - *p.symptomOnset).days() / 365.25);
            }

            std::vector<Date> dates = {p.birth, *p.diagnosis};
            if (p.symptomOnset)
                dates.push_back(*p.symptomOnset);
            for (const core::Visit& v : h.visits) {
                dates.push_back(v.date);
                for (const core::LabValue& lab : v.labs)
                    dates.push_back(lab.sampleDate);
            }
            for (const core::Film& film : h.films) {
                dates.push_back(film.date);
                for (const core::Reading& r : film.readings)
                    if (r.readingDate)
                        dates.push_back(*r.readingDate);
            }
            for (const core::PelvicFilmReading& pelvic : h.pelvicFilms)
                dates.push_back(pelvic.film.date);
            for (Date d : dates) {
                s.datesAfterToday += d > kToday ? 1 : 0;
                s.datesBeforeBirth += d < p.birth ? 1 : 0;
            }

            // Films, readers, sites.
            s.patientsWithFilms += h.films.empty() ? 0 : 1;
            std::vector<std::pair<Date, double>> scored;
            for (const core::Film& film : h.films) {
                ++s.films;
                const core::FilmScore score = core::scoreFilm(film, msasss);
                if (score.value)
                    scored.emplace_back(film.date, *score.value);
                else
                    ++s.filmsNotComputable;
                if (film.readings.size() == 2)
                    ++s.filmsTwoReaders;
                for (const core::Reading& r : film.readings) {
                    s.readers.insert(r.reader);
                    for (const auto& site : r.sites)
                        if (site && !site->assessable())
                            ++s.notAssessable[core::toString(*site->reason())];
                }
                const core::Reading& a = film.readings.front();
                bool lumbar2 = false, cervical2 = false, bridged = false;
                for (core::Site site : core::allSites()) {
                    const auto& sa = a.at(site);
                    if (sa && sa->assessable() && sa->grade() >= 2)
                        (core::segmentOf(site) == core::Segment::Lumbar ? lumbar2 : cervical2) = true;
                    if (sa && sa->assessable() && sa->grade() == 3)
                        bridged = true;
                    if (film.readings.size() == 2) {
                        const auto& sb = film.readings[1].at(site);
                        if (sa && sb && sa->assessable() && sb->assessable()) {
                            ++s.sitesComparedByTwoReaders;
                            const int diff = std::abs(sa->grade() - sb->grade());
                            s.sitesReadersDiffer += diff > 0 ? 1 : 0;
                            s.maxReaderDifference = std::max(s.maxReaderDifference, diff);
                        }
                    }
                }
                s.lumbarSyndesmophyteFilms += lumbar2 ? 1 : 0;
                s.cervicalSyndesmophyteFilms += cervical2 ? 1 : 0;
                s.bridgedFilms += bridged ? 1 : 0;
            }
            if (scored.size() >= 2) {
                const double years = (scored.back().first - scored.front().first).days() / 365.25;
                const double change = scored.back().second - scored.front().second;
                const double rate = change / years;
                s.rates.push_back(rate);
                s.firstScores.push_back(scored.front().second);
                s.noChange += std::abs(change) < 1e-9 ? 1 : 0;
                s.fastProgressors += rate >= 2.0 ? 1 : 0;
            }
            if (h.films.size() >= 2)
                s.progressorsBySpec += core::reviewProgression(h.films, settings).progressor;

            // Visits: labs, DXA, menopause, correlations.
            std::vector<Date> filmDates;
            for (const core::Film& film : h.films)
                filmDates.push_back(film.date);
            for (const core::Visit& v : h.visits) {
                s.visitNotes += v.notes.empty() ? 0 : 1;
                const double age = (v.date - p.birth).days() / 365.25;
                if (p.sex == core::Sex::Female) {
                    ++s.womenVisits;
                    if (v.postmenopausal) {
                        ++s.womenVisitsRecorded;
                        s.postmenopausalVisits += *v.postmenopausal ? 1 : 0;
                        s.youngPostmenopausal += (*v.postmenopausal && age < 45) ? 1 : 0;
                        s.oldPremenopausal += (!*v.postmenopausal && age >= 55) ? 1 : 0;
                    }
                }
                for (const core::LabValue& lab : v.labs) {
                    if (lab.assay.empty())
                        s.labWithoutAssay = true;
                    switch (lab.analyte) {
                        case core::Analyte::Crp:
                            ++s.crpVisits;
                            s.crpMgPerDl += lab.unit == "mg/dL" ? 1 : 0;
                            s.crpBelowLimit += lab.belowDetectionLimit ? 1 : 0;
                            break;
                        case core::Analyte::Esr:
                            ++s.esrVisits;
                            break;
                        case core::Analyte::Mmp3:
                            ++s.mmp3;
                            break;
                        case core::Analyte::Dkk1:
                            ++s.dkk1;
                            break;
                        case core::Analyte::Sclerostin:
                            ++s.sclerostin;
                            break;
                    }
                    if (lab.analyte != core::Analyte::Crp && lab.analyte != core::Analyte::Esr)
                        s.biomarkerUnits.insert(core::toString(lab.analyte) + " " + lab.unit);
                }
                if (!v.bmd.empty()) {
                    ++s.dxaScans;
                    const auto nearest = core::nearestFilmWithinAYear(filmDates, v.date);
                    for (const core::BmdMeasurement& m : v.bmd) {
                        s.dxaDevices.insert(m.device.manufacturer + " " + m.device.model);
                        if (m.site == core::BmdSite::LumbarSpine) {
                            ++s.lumbarScans;
                            s.lumbarL1L4 += core::toString(m.vertebrae) == "L1-L4" ? 1 : 0;
                        }
                        if (!nearest || !m.tScore)
                            continue;
                        const bool syndesmophytes = core::hasLumbarSyndesmophyte(h.films[*nearest]);
                        if (m.site == core::BmdSite::LumbarSpine)
                            (syndesmophytes ? s.lumbarTWithSyndesmophytes : s.lumbarTWithout)
                                .push_back(*m.tScore);
                        if (m.site == core::BmdSite::TotalHip)
                            (syndesmophytes ? s.hipTWithSyndesmophytes : s.hipTWithout).push_back(*m.tScore);
                    }
                }
                const core::VisitScores scores = core::scoreVisit(p, v, h.films, settings);
                if (scores.basdai.value) {
                    s.basdaiValues.push_back(*scores.basdai.value);
                    if (scores.basfi.value)
                        s.basdaiBasfi.emplace_back(*scores.basdai.value, *scores.basfi.value);
                    if (scores.asdasCrp.value)
                        s.basdaiAsdas.emplace_back(*scores.basdai.value, *scores.asdasCrp.value);
                }
                if (scores.asdasCrp.value && scores.asdasCrp.crpUsedMgPerL)
                    s.crpAsdas.emplace_back(std::log(*scores.asdasCrp.crpUsedMgPerL), *scores.asdasCrp.value);
                if (scores.basmi.value) {
                    // The nearest film at or before the visit (films are at visit dates).
                    std::optional<double> msasssAtVisit;
                    for (const core::Film& film : h.films)
                        if (film.date <= v.date)
                            if (auto value = core::scoreFilm(film, msasss).value)
                                msasssAtVisit = value;
                    if (msasssAtVisit)
                        s.msasssBasmi.emplace_back(*msasssAtVisit, *scores.basmi.value);
                }
            }
        }
        return s;
    }();
    return stats;
}

double share(int part, int whole) {
    return 100.0 * part / whole;
}

TEST(DemoCohortStatistics, AboutSeventyPercentMenMostlyHlaB27Positive) {
    const CohortStatistics& s = statistics();
    std::cout << "[ stats    ] men " << share(s.men, s.patients) << " %, HLA-B27 positive "
              << share(s.b27Positive, s.patients) << " %, Chinese names " << share(s.chineseNames, s.patients)
              << " %\n";
    EXPECT_GE(share(s.men, s.patients), 60.0);
    EXPECT_LE(share(s.men, s.patients), 80.0);
    EXPECT_GE(share(s.b27Positive, s.patients), 78.0);
    EXPECT_LE(share(s.b27Positive, s.patients), 92.0);
    EXPECT_GE(share(s.chineseNames, s.patients), 10.0);
    EXPECT_LE(share(s.chineseNames, s.patients), 30.0);
    EXPECT_GT(s.patientNotes, 0);
    EXPECT_GT(s.visitNotes, 0);
}

TEST(DemoCohortStatistics, OnsetMostlyInTheTwentiesDiagnosisYearsLater) {
    const CohortStatistics& s = statistics();
    const auto inTwenties = std::count_if(s.onsetAges.begin(), s.onsetAges.end(),
                                          [](double age) { return age >= 20 && age < 30; });
    const double twenties = share(static_cast<int>(inTwenties), static_cast<int>(s.onsetAges.size()));
    std::cout << "[ stats    ] onset in the twenties " << twenties << " %, mean onset age "
              << mean(s.onsetAges) << ", mean diagnostic delay " << mean(s.diagnosisDelays) << " years\n";
    EXPECT_GE(twenties, 55.0);
    EXPECT_GE(*std::min_element(s.onsetAges.begin(), s.onsetAges.end()), 14.9);
    EXPECT_LE(*std::max_element(s.onsetAges.begin(), s.onsetAges.end()), 45.1);
    EXPECT_GE(mean(s.diagnosisDelays), 3.0);
    EXPECT_LE(mean(s.diagnosisDelays), 10.0);
}

TEST(DemoCohortStatistics, TwoToTenVisitsOverOneToTwelveYearsNoneAfterToday) {
    const CohortStatistics& s = statistics();
    std::cout << "[ stats    ] visits " << s.minVisits << "-" << s.maxVisits << " (mean "
              << static_cast<double>(s.totalVisits) / s.patients << "), follow-up " << s.minFollowUp << "-"
              << s.maxFollowUp << " years\n";
    EXPECT_EQ(s.minVisits, 2);
    EXPECT_EQ(s.maxVisits, 10);
    EXPECT_GE(s.minFollowUp, 1.0);
    EXPECT_LE(s.maxFollowUp, 12.0);
    EXPECT_GT(s.maxFollowUp, 10.0);
    EXPECT_EQ(s.datesAfterToday, 0);
    EXPECT_EQ(s.datesBeforeBirth, 0);
}

TEST(DemoCohortStatistics, MsasssRisesAboutOneUnitAYearManyNeverFewFast) {
    const CohortStatistics& s = statistics();
    const int n = static_cast<int>(s.rates.size());
    std::cout << "[ stats    ] " << n << " patients with >= 2 computable films: mean rate " << mean(s.rates)
              << " units/year; no change " << share(s.noChange, n) << " %; >= 2 units/year "
              << share(s.fastProgressors, n) << " %; progressors by the spec's rule " << s.progressorsBySpec
              << "; mean first-film mSASSS " << mean(s.firstScores) << "\n";
    ASSERT_GE(n, kStatisticsPatients / 2);
    EXPECT_GE(mean(s.rates), 0.5);
    EXPECT_LE(mean(s.rates), 1.5);
    EXPECT_GE(share(s.noChange, n), 25.0);
    EXPECT_GE(share(s.fastProgressors, n), 3.0);
    EXPECT_LE(share(s.fastProgressors, n), 30.0);
}

TEST(DemoCohortStatistics, SyndesmophytesInBothSegmentsAndBridging) {
    const CohortStatistics& s = statistics();
    std::cout << "[ stats    ] films " << s.films << ": with lumbar syndesmophytes "
              << s.lumbarSyndesmophyteFilms << ", cervical " << s.cervicalSyndesmophyteFilms << ", bridging "
              << s.bridgedFilms << "\n";
    EXPECT_GE(s.patientsWithFilms, kStatisticsPatients * 9 / 10);
    EXPECT_GE(share(s.lumbarSyndesmophyteFilms, s.films), 10.0);
    EXPECT_GE(share(s.cervicalSyndesmophyteFilms, s.films), 10.0);
    EXPECT_GE(share(s.bridgedFilms, s.films), 5.0);
    EXPECT_LT(s.bridgedFilms, s.lumbarSyndesmophyteFilms + s.cervicalSyndesmophyteFilms);
}

TEST(DemoCohortStatistics, SomeSitesNotAssessableWithEveryReason) {
    const CohortStatistics& s = statistics();
    std::cout << "[ stats    ] not assessable:";
    for (const auto& [reason, count] : s.notAssessable)
        std::cout << " " << reason << " " << count;
    std::cout << "; films not computable " << s.filmsNotComputable << " of " << s.films << "\n";
    for (const char* reason : {"not_visible", "not_imaged", "surgery_hardware", "other"})
        EXPECT_GT(s.notAssessable.count(reason) ? s.notAssessable.at(reason) : 0, 0) << reason;
    EXPECT_GT(s.filmsNotComputable, 0);
    EXPECT_LE(share(s.filmsNotComputable, s.films), 5.0);
}

TEST(DemoCohortStatistics, SomeFilmsReadTwiceWithSmallDisagreement) {
    const CohortStatistics& s = statistics();
    std::cout << "[ stats    ] films with two readers " << share(s.filmsTwoReaders, s.films)
              << " %; readers differ at " << share(s.sitesReadersDiffer, s.sitesComparedByTwoReaders)
              << " % of sites, by at most " << s.maxReaderDifference << "\n";
    EXPECT_EQ(s.readers, (std::set<std::string>{"Reader A", "Reader B"}));
    EXPECT_GE(share(s.filmsTwoReaders, s.films), 10.0);
    EXPECT_LE(share(s.filmsTwoReaders, s.films), 50.0);
    EXPECT_GT(s.sitesReadersDiffer, 0);
    EXPECT_LE(share(s.sitesReadersDiffer, s.sitesComparedByTwoReaders), 10.0);
    EXPECT_EQ(s.maxReaderDifference, 1);
}

TEST(DemoCohortStatistics, LumbarBmdRaisedBySyndesmophytes) {
    const CohortStatistics& s = statistics();
    const double with = mean(s.lumbarTWithSyndesmophytes);
    const double without = mean(s.lumbarTWithout);
    std::cout << "[ stats    ] DXA scans " << s.dxaScans << "; mean lumbar T with lumbar syndesmophytes "
              << with << " (n " << s.lumbarTWithSyndesmophytes.size() << "), without " << without << " (n "
              << s.lumbarTWithout.size() << "); total hip T " << mean(s.hipTWithSyndesmophytes) << " vs "
              << mean(s.hipTWithout) << "\n";
    ASSERT_GE(s.lumbarTWithSyndesmophytes.size(), 30u);
    ASSERT_GE(s.lumbarTWithout.size(), 30u);
    EXPECT_GT(with - without, 0.5);
    // The hip is not raised: the difference is the lumbar artefact, not better bone.
    EXPECT_LT(mean(s.hipTWithSyndesmophytes), mean(s.hipTWithout) + 0.2);
    EXPECT_TRUE(s.dxaDevices.count("Hologic Horizon A"));
    EXPECT_TRUE(s.dxaDevices.count("GE Lunar iDXA"));
    EXPECT_GE(share(s.lumbarL1L4, s.lumbarScans), 80.0);
    EXPECT_LT(s.lumbarL1L4, s.lumbarScans);
}

TEST(DemoCohortStatistics, CrpAndEsrAtMostVisitsBiomarkersAtSome) {
    const CohortStatistics& s = statistics();
    std::cout << "[ stats    ] CRP at " << share(s.crpVisits, s.totalVisits) << " % of visits (mg/dL "
              << share(s.crpMgPerDl, s.crpVisits) << " %, below detection limit "
              << share(s.crpBelowLimit, s.crpVisits) << " %), ESR at " << share(s.esrVisits, s.totalVisits)
              << " %; MMP-3 " << s.mmp3 << ", DKK-1 " << s.dkk1 << ", sclerostin " << s.sclerostin << "\n";
    EXPECT_GE(share(s.crpVisits, s.totalVisits), 75.0);
    EXPECT_GE(share(s.esrVisits, s.totalVisits), 70.0);
    EXPECT_GE(share(s.crpMgPerDl, s.crpVisits), 5.0);
    EXPECT_LE(share(s.crpMgPerDl, s.crpVisits), 50.0);
    EXPECT_GT(s.crpBelowLimit, 0);
    EXPECT_LE(share(s.crpBelowLimit, s.crpVisits), 25.0);
    EXPECT_GT(s.mmp3, 0);
    EXPECT_GT(s.dkk1, 0);
    EXPECT_GT(s.sclerostin, 0);
    EXPECT_LT(s.mmp3, s.crpVisits / 2);
    for (const char* unit : {"MMP-3 ng/mL", "DKK-1 pg/mL", "sclerostin pmol/L", "sclerostin ng/mL"})
        EXPECT_TRUE(s.biomarkerUnits.count(unit)) << unit;
    EXPECT_FALSE(s.labWithoutAssay);
}

TEST(DemoCohortStatistics, WomenHaveMenopausalStatusAtEveryVisit) {
    const CohortStatistics& s = statistics();
    EXPECT_EQ(s.womenVisitsRecorded, s.womenVisits);
    EXPECT_GT(s.postmenopausalVisits, 0);
    EXPECT_LT(s.postmenopausalVisits, s.womenVisits);
    EXPECT_EQ(s.youngPostmenopausal, 0);
    EXPECT_EQ(s.oldPremenopausal, 0);
}

TEST(DemoCohortStatistics, ScoresCorrelateWithActivityAndDamage) {
    const CohortStatistics& s = statistics();
    const double basfi = pearson(s.basdaiBasfi);
    const double asdas = pearson(s.basdaiAsdas);
    const double basmi = pearson(s.msasssBasmi);
    const double crp = pearson(s.crpAsdas);
    std::cout << "[ stats    ] mean BASDAI " << mean(s.basdaiValues) << "; r(BASDAI, BASFI) " << basfi
              << ", r(BASDAI, ASDAS-CRP) " << asdas << ", r(ln CRP, ASDAS-CRP) " << crp
              << ", r(mSASSS, BASMI) " << basmi << "\n";
    EXPECT_GE(mean(s.basdaiValues), 2.0);
    EXPECT_LE(mean(s.basdaiValues), 6.0);
    EXPECT_GT(basfi, 0.4);
    EXPECT_GT(asdas, 0.6);
    EXPECT_GT(crp, 0.3);
    EXPECT_GT(basmi, 0.5);
}

// ---------------------------------------------------------------------------------------------

TEST(DemoCohortPerformance, TwentyThousandPatients) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t visits = 0;
    for (int i = 0; i < 20000; ++i)
        visits += demoPatient(kSeed, i, kToday).visits.size();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cout << "[ timing   ] 20,000 patients (" << visits << " visits) generated in " << elapsed.count()
              << " s\n";
    EXPECT_GE(visits, 40000u);  // at least two visits each
}

// All or nothing: a stop after the first batch keeps none of it, and a later run writes the same
// cohort as one uninterrupted run.
TEST(DemoCohortWrite, ACancelledDemoKeepsNothingAndALaterRunWritesTheSameCohort) {
    test::TempDir dir;
    const Date today(2026, 11, 28);
    Database whole(dir / "whole.db", "", Open::CreateNew);
    const std::optional<ImportSummary> all = writeDemoCohort(whole, 7, 0, 12, today, 5);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->newPatients, 12);

    Database again(dir / "again.db", "", Open::CreateNew);
    std::vector<int> reported;
    const std::optional<ImportSummary> cancelled =
        writeDemoCohort(again, 7, 0, 12, today, 5, [&](int written) {
            reported.push_back(written);
            return false;  // Cancel after the first batch
        });
    EXPECT_FALSE(cancelled);
    EXPECT_EQ(reported, std::vector<int>{5});
    EXPECT_EQ(PatientRepository(again).count(), 0) << "the batch written before Cancel is rolled back";
    ASSERT_TRUE(writeDemoCohort(again, 7, 0, 12, today, 5));

    std::vector<std::string> wholeJson, againJson;
    HistoryReader(whole).forEach(
        [&](std::int64_t, const core::PatientHistory& h) { wholeJson.push_back(toJson(h).dump()); });
    HistoryReader(again).forEach(
        [&](std::int64_t, const core::PatientHistory& h) { againJson.push_back(toJson(h).dump()); });
    EXPECT_EQ(wholeJson.size(), 12u);
    EXPECT_EQ(againJson, wholeJson);
}

}  // namespace
}  // namespace ankylos::demo
