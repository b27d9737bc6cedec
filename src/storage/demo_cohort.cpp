#include "storage/demo_cohort.h"

#include <algorithm>
#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cmath>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/validation.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

using core::Date;
using core::NotAssessableReason;
using core::Sex;
using core::Site;

constexpr double kPi = 3.14159265358979323846;
constexpr double kDaysPerYear = 365.25;

/// SplitMix64 (Steele, Lea and Flood 2014): mixes seed and index into a well-spread engine seed,
/// so neighbouring indexes do not give correlated engines.
std::uint64_t splitMix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Random numbers from std::mt19937_64, whose output sequence the standard fixes. Uniform numbers
/// come from its raw bits, not from std:: distributions, whose algorithms differ between libraries.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    /// Uniform in [0, 1): the top 53 bits of one output.
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Uniform integer in [low, high].
    int integer(int low, int high) { return low + static_cast<int>(uniform() * (high - low + 1)); }
    bool chance(double probability) { return uniform() < probability; }
    /// Standard normal (Box-Muller, one value per call).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1], so the logarithm is finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(uniform() * static_cast<double>(N))];
    }

private:
    std::mt19937_64 m_engine;
};

Date addDays(Date date, long days) {
    return date + boost::gregorian::days(days);
}
long daysBetween(Date from, Date to) {
    return static_cast<long>((to - from).days());
}
double yearsBetween(Date from, Date to) {
    return static_cast<double>(daysBetween(from, to)) / kDaysPerYear;
}
long yearsToDays(double years) {
    return std::lround(years * kDaysPerYear);
}

/// value rounded to 1 / scale (scale 10: one decimal).
double roundTo(double value, double scale) {
    return std::round(value * scale) / scale;
}

// ---------------------------------------------------------------------------------------------
// Names, notes and the vocabulary of laboratories and devices.

constexpr std::array<const char*, 40> kMenGiven = {
    "James", "John",    "Michael", "David",   "Thomas",  "Daniel", "Lukas",  "Jan",     "Pieter", "Marco",
    "Luca",  "Javier",  "Carlos",  "José",    "Ahmed",   "Mehmet", "Sven",   "Erik",    "Pierre", "Louis",
    "Jonas", "Mateusz", "Tomás",   "Andrés",  "Stefan",  "Henrik", "Bram",   "Giorgos", "Ivan",   "Omar",
    "Rui",   "Paulo",   "Niels",   "Florian", "Matthew", "Kevin",  "Samuel", "Rafael",  "Jürgen", "Antoine"};
constexpr std::array<const char*, 30> kWomenGiven = {
    "Maria", "Anna",  "Sophie",   "Emma",  "Laura",  "Julia",     "Sara",   "Elena",   "Fatima", "Ingrid",
    "Chloé", "Lucía", "Hanna",    "Eva",   "Claire", "Agnieszka", "Ayşe",   "Marta",   "Inês",   "Katarzyna",
    "Sofia", "Lotte", "Margaret", "Helen", "Nadia",  "Ewa",       "Leonie", "Camille", "Giulia", "Astrid"};
constexpr std::array<const char*, 40> kFamilyNames = {
    "Smith",   "Jansen", "de Vries", "Müller",   "Schmidt",      "García",       "Fernández", "Rossi",
    "Bianchi", "Dubois", "Martin",   "Kowalski", "Novak",        "Andersson",    "Nielsen",   "O'Brien",
    "Murphy",  "Yılmaz", "Silva",    "Costa",    "Papadopoulos", "van den Berg", "Hansen",    "Bakker",
    "Meyer",   "Wagner", "Lefèvre",  "Moreau",   "Nowak",        "Johansson",    "Eriksson",  "Brown",
    "Wilson",  "Taylor", "Ferreira", "Romano",   "Horvat",       "Kovács",       "Petrov",    "Byrne"};
constexpr std::array<const char*, 20> kChineseFamily = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                        "赵", "吴", "周", "徐", "孙", "马", "朱",
                                                        "胡", "郭", "何", "林", "高", "罗"};
constexpr std::array<const char*, 16> kChineseMen = {"伟",   "强",   "磊",   "军",  "勇",   "杰",
                                                     "涛",   "明",   "超",   "刚",  "建华", "志强",
                                                     "俊杰", "浩然", "国庆", "晓东"};
constexpr std::array<const char*, 16> kChineseWomen = {"芳",   "娜",   "敏",   "静",  "丽",   "艳",
                                                       "娟",   "霞",   "婷",   "雪",  "秀英", "欣怡",
                                                       "丽娟", "晓燕", "慧敏", "玉兰"};

constexpr std::array<const char*, 8> kPatientNotes = {
    "Recurrent anterior uveitis, followed by ophthalmology.",
    "Psoriasis (skin), mild.",
    "Crohn's disease, in remission.",
    "Father has ankylosing spondylitis.",
    "Ulcerative colitis.",
    "Enthesitis of the Achilles tendons at onset.",
    "Hypertension, on amlodipine.",
    "Prefers appointments in the afternoon.",
};
constexpr std::array<const char*, 10> kVisitNotes = {
    "NSAID: naproxen 500 mg twice daily.",
    "NSAID: celecoxib 200 mg daily; no gastrointestinal complaints.",
    "Referred to physiotherapy for a home exercise programme.",
    "Anterior uveitis since the last visit; treated by ophthalmology.",
    "Flare after stopping NSAIDs for two weeks.",
    "Right hip pain; hip film requested.",
    "Sleeps better; less night pain.",
    "Plantar fasciitis, left.",
    "Advised to stop smoking.",
    "Vaccinations updated.",
};
constexpr std::array<const char*, 7> kBiologics = {
    "adalimumab 40 mg every other week", "etanercept 50 mg weekly",
    "golimumab 50 mg monthly",           "certolizumab pegol 200 mg every other week",
    "infliximab 5 mg/kg every 6 weeks",  "secukinumab 150 mg monthly",
    "ixekizumab 80 mg every 4 weeks"};

/// A laboratory's CRP method: its unit, factor from mg/L, reporting step and detection limit.
struct CrpMethod {
    const char* unit;
    double perMgPerL;       ///< value in unit = mg/L x this
    double scale;           ///< reported to 1 / scale
    double detectionLimit;  ///< in unit
    const char* assay;
    const char* laboratory;
};
constexpr std::array<CrpMethod, 5> kCrpMethods = {{
    {"mg/L", 1.0, 10, 1.0, "Tina-quant CRP Gen.3 (Roche cobas)", "Clinical Chemistry Laboratory"},
    {"mg/L", 1.0, 10, 0.6, "CRP Vario (Abbott Alinity c)", "Central Hospital Laboratory"},
    {"mg/L", 1.0, 10, 0.3, "hs-CRP (Siemens Atellica CH)", "University Hospital Laboratory"},
    {"mg/dL", 0.1, 100, 0.05, "CRP latex (Beckman Coulter AU)", "Hospital Clinical Laboratory"},
    {"mg/dL", 0.1, 100, 0.1, "CRP (Sysmex BN II nephelometry)", "Regional Reference Laboratory"},
}};

struct BiomarkerAssay {
    const char* unit;
    double perCanonical;  ///< value in unit = canonical value x this
    double scale;         ///< reported to 1 / scale
    const char* assay;
};
constexpr std::array<BiomarkerAssay, 2> kMmp3Assays = {{
    {"ng/mL", 1.0, 10, "Panaclear MMP-3 latex (Sekisui)"},
    {"ng/mL", 1.0, 10, "Quantikine Human Total MMP-3 ELISA (R&D Systems)"},
}};
constexpr std::array<BiomarkerAssay, 2> kDkk1Assays = {{
    {"pg/mL", 1.0, 1, "Quantikine Human Dkk-1 ELISA (R&D Systems)"},
    {"ng/mL", 0.001, 100, "Human DKK-1 ELISA (Cusabio)"},
}};
constexpr std::array<BiomarkerAssay, 2> kSclerostinAssays = {{
    {"pmol/L", 1.0, 10, "Sclerostin ELISA (Biomedica)"},
    {"ng/mL", 1.0 / 44.4, 1000, "Sclerostin HS ELISA (TECOmedical)"},  // 1 ng/mL = 44.4 pmol/L
}};
constexpr const char* kResearchLaboratory = "Rheumatology Research Laboratory";

/// Young-adult reference mean and SD (g/cm2) per DXA site, from which device-style T-scores map
/// to BMD; Lunar's areal BMD runs about 0.1 g/cm2 above Hologic's at the spine.
struct DxaReference {
    double mean;
    double sd;
};
struct DxaModel {
    const char* manufacturer;
    const char* model;
    std::array<DxaReference, 3> women;  ///< lumbar spine, femoral neck, total hip
    std::array<DxaReference, 3> men;
};
constexpr std::array<DxaModel, 4> kDxaModels = {{
    {"Hologic",
     "Horizon A",
     {{{1.047, 0.110}, {0.858, 0.120}, {0.942, 0.122}}},
     {{{1.068, 0.112}, {0.930, 0.136}, {1.040, 0.144}}}},
    {"Hologic",
     "Discovery A",
     {{{1.047, 0.110}, {0.858, 0.120}, {0.942, 0.122}}},
     {{{1.068, 0.112}, {0.930, 0.136}, {1.040, 0.144}}}},
    {"GE Lunar",
     "iDXA",
     {{{1.180, 0.120}, {0.980, 0.120}, {1.000, 0.120}}},
     {{{1.200, 0.120}, {1.040, 0.130}, {1.050, 0.130}}}},
    {"GE Lunar",
     "Prodigy",
     {{{1.180, 0.120}, {0.980, 0.120}, {1.000, 0.120}}},
     {{{1.200, 0.120}, {1.040, 0.130}, {1.050, 0.130}}}},
}};

/// BASFI items' offsets from the patient's function level: picking something from the floor is
/// harder than getting up from a chair.
constexpr std::array<double, core::kBasfiItemCount> kBasfiItemOffsets = {0.8,  1.0, 0.2, -0.3, 0.5,
                                                                         -0.6, 0.0, 0.6, 0.8,  1.0};

// ---------------------------------------------------------------------------------------------
// The spine: a per-patient damage process that only rises, and per-site thresholds.

/// Spinal damage D(t) in mSASSS-like units rises linearly from symptom onset at the patient's
/// rate (slower after a biologic starts). Each site has three thresholds: the site's true grade is
/// the number of thresholds D has passed, so grades only move up. Thresholds are drawn per disc
/// space: its two corners get their first change and syndesmophyte separately, and the bridge
/// across the disc (grade 3) comes later and to both corners at once, so a 3 never faces a corner
/// below 2 (the consistency check of clinical-rules.md 1.4). With 72 thresholds spread over about
/// 0-70 units, the true mSASSS grows at roughly the damage rate.
struct Spine {
    Date onset;
    double ratePerYear = 0;
    std::optional<Date> biologicStart;
    double treatedRateFactor = 1;
    std::array<std::array<double, 3>, core::kSiteCount> thresholds{};

    double damageAt(Date date) const {
        const double years = yearsBetween(onset, date);
        if (years <= 0)
            return 0;
        if (!biologicStart || date <= *biologicStart)
            return ratePerYear * years;
        const double untreated = std::max(0.0, yearsBetween(onset, *biologicStart));
        return ratePerYear * (untreated + treatedRateFactor * (years - untreated));
    }
    int grade(int site, double damage) const {
        const auto& t = thresholds[static_cast<std::size_t>(site)];
        return (damage >= t[0] ? 1 : 0) + (damage >= t[1] ? 1 : 0) + (damage >= t[2] ? 1 : 0);
    }
    int score(double damage) const {
        int total = 0;
        for (int site = 0; site < core::kSiteCount; ++site)
            total += grade(site, damage);
        return total;
    }
    /// Lumbar corners graded 2 or more, and those bridged.
    std::pair<int, int> lumbarSyndesmophytes(double damage) const {
        int syndesmophytes = 0;
        int bridged = 0;
        for (int site = core::kSitesPerSegment; site < core::kSiteCount; ++site) {
            const int g = grade(site, damage);
            syndesmophytes += g >= 2 ? 1 : 0;
            bridged += g == 3 ? 1 : 0;
        }
        return {syndesmophytes, bridged};
    }
};

void drawThresholds(Random& random, Spine& spine) {
    // > 0: this patient's lumbar spine changes first, < 0: the cervical spine.
    const double lumbarFirst = random.uniform(-1, 1);
    for (std::size_t d = 0; d < core::discSpaces().size(); ++d) {
        const core::DiscSpace disc = core::discSpaces()[d];
        const bool lumbar = core::segmentOf(disc.upper) == core::Segment::Lumbar;
        const double segmentFactor = 1.0 + 0.35 * (lumbar ? -lumbarFirst : lumbarFirst);
        // Skewed towards small values: a few susceptible disc spaces change early.
        const double start = 0.5 + 55.0 * std::pow(random.uniform(), 1.4) * segmentFactor;
        double latestSyndesmophyte = 0;
        for (Site corner : {disc.upper, disc.lower}) {
            auto& t = spine.thresholds[static_cast<std::size_t>(core::siteIndex(corner))];
            t[0] = start + random.exponential(1.5);
            t[1] = t[0] + 1.0 + random.exponential(3.0);
            latestSyndesmophyte = std::max(latestSyndesmophyte, t[1]);
        }
        const double bridge = latestSyndesmophyte + 2.0 + random.exponential(6.0);
        spine.thresholds[static_cast<std::size_t>(core::siteIndex(disc.upper))][2] = bridge;
        spine.thresholds[static_cast<std::size_t>(core::siteIndex(disc.lower))][2] = bridge;
    }
}

/// Reader B's systematic difference at one site: +1 only from 0 or 1 (never creating a 3, which
/// would face a corner below 2), -1 from any grade. Both maps are non-decreasing, so B's grades of
/// one site still only move up over time.
int secondReaderGrade(int grade, int offset) {
    if (offset > 0 && grade <= 1)
        return grade + 1;
    if (offset < 0 && grade >= 1)
        return grade - 1;
    return grade;
}

// ---------------------------------------------------------------------------------------------

class PatientGenerator {
public:
    PatientGenerator(std::uint64_t seed, int index, Date today)
        : m_random(splitMix64(seed ^ splitMix64(static_cast<std::uint64_t>(index) + 0x5DEECE66DULL))),
          m_index(index),
          m_today(today) {}

    core::PatientHistory generate() {
        makeIdentity();
        makeTimeline();
        makeSpine();
        makeFilms();
        makeVisits();
        makePelvicFilm();
        return std::move(m_history);
    }

private:
    core::Patient& patient() { return m_history.patient; }

    void makeIdentity() {
        core::Patient& p = patient();
        char id[24];
        std::snprintf(id, sizeof id, "AS-%06lld", static_cast<long long>(m_index) + 1);
        p.clinicId = id;
        p.sex = m_random.chance(0.70) ? Sex::Male : Sex::Female;
        const bool man = p.sex == Sex::Male;
        if (m_random.chance(0.20)) {
            p.name = std::string(m_random.pick(kChineseFamily)) +
                     (man ? m_random.pick(kChineseMen) : m_random.pick(kChineseWomen));
        } else {
            p.name = std::string(man ? m_random.pick(kMenGiven) : m_random.pick(kWomenGiven)) + " " +
                     m_random.pick(kFamilyNames);
        }
        const double b27 = m_random.uniform();
        p.hlaB27 = b27 < 0.85   ? core::HlaB27::Positive
                   : b27 < 0.97 ? core::HlaB27::Negative
                                : core::HlaB27::Unknown;
        const double smoking = m_random.uniform();
        p.smoking = smoking < 0.45   ? core::SmokingStatus::Never
                    : smoking < 0.65 ? core::SmokingStatus::Former
                    : smoking < 0.95 ? core::SmokingStatus::Current
                                     : core::SmokingStatus::Unknown;

        // Latent disease traits, shared by every measurement below so that they correlate.
        m_inflammation = std::clamp(0.5 + 0.22 * m_random.normal(), 0.0, 1.0);
        m_activity = std::clamp(1.5 + 5.5 * m_inflammation + 0.9 * m_random.normal(), 0.5, 8.5);
        m_peripheral = m_random.chance(0.30);
        m_vasScale = m_random.chance(0.40);
        m_functionTrait = m_random.normal();
        m_mobilityTrait = m_random.normal();
        m_menopauseAge = m_random.uniform(46.0, 54.0);
        m_hipReplacement = m_random.chance(0.04);
    }

    /// Birth, onset, diagnosis and visit dates, built backwards from the last visit so that none is
    /// after today and all are in order.
    void makeTimeline() {
        core::Patient& p = patient();
        const double recent = m_random.uniform();
        const Date lastVisit = addDays(m_today, -std::lround(recent * recent * 540.0));
        // Follow-up of 1 to 12 years (366 days to 12 x 365 days, within both limits however counted).
        const long span = 366 + std::lround(std::pow(m_random.uniform(), 1.2) * (12 * 365 - 366));
        const Date firstVisit = addDays(lastVisit, -span);
        const double spanYears = static_cast<double>(span) / kDaysPerYear;
        const int visits = std::clamp(2 + static_cast<int>(spanYears * m_random.uniform(0.4, 1.0)), 2, 10);

        const double gap = static_cast<double>(span) / (visits - 1);
        m_visitDates.clear();
        for (int i = 0; i < visits; ++i) {
            double offset = i * gap;
            // Jitter of at most 30 % of the gap (>= 40 days) keeps the dates apart and in order.
            if (i > 0 && i < visits - 1)
                offset += m_random.uniform(-0.3, 0.3) * gap;
            m_visitDates.push_back(addDays(firstVisit, std::lround(offset)));
        }

        const Date diagnosis =
            m_random.chance(0.35) ? firstVisit : addDays(firstVisit, -m_random.integer(30, 2000));
        const double delayYears = std::min(25.0, 0.3 + m_random.exponential(6.0));
        const Date onset = addDays(diagnosis, -yearsToDays(delayYears));
        const double ageGroup = m_random.uniform();
        const double onsetAge = ageGroup < 0.12   ? m_random.uniform(15.0, 20.0)
                                : ageGroup < 0.80 ? m_random.uniform(20.0, 30.0)
                                : ageGroup < 0.97 ? m_random.uniform(30.0, 40.0)
                                                  : m_random.uniform(40.0, 45.0);
        p.birth = addDays(onset, -yearsToDays(onsetAge));
        p.diagnosis = diagnosis;
        m_onset = onset;
        if (m_random.chance(0.98)) {
            p.symptomOnset = onset;
        } else {
            p.notes = "Date of symptom onset not known.";
        }

        // Treatment and surgery during follow-up, decided here because films and visits use them.
        if (visits >= 3 && m_random.chance(0.15 + 0.45 * m_inflammation))
            m_biologicVisit = static_cast<std::size_t>(m_random.integer(1, visits - 2));
        if (m_random.chance(0.012))
            m_fusionVisit = static_cast<std::size_t>(m_random.integer(1, visits - 1));
    }

    void makeSpine() {
        const core::Patient& p = patient();
        m_spine.onset = m_onset;
        const double nonProgressor = 0.27 + (p.sex == Sex::Female ? 0.12 : 0.0) +
                                     (p.hlaB27 == core::HlaB27::Negative ? 0.10 : 0.0) -
                                     0.3 * (m_inflammation - 0.5);
        if (m_random.chance(nonProgressor)) {
            m_spine.ratePerYear = 0;
        } else {
            // Gamma(4) with mean 1, scaled by the known risk factors of progression.
            double tendency = 0;
            for (int i = 0; i < 4; ++i)
                tendency += m_random.exponential(0.25);
            const double sexFactor = p.sex == Sex::Male ? 1.15 : 0.75;
            const double smokingFactor = p.smoking == core::SmokingStatus::Current  ? 1.35
                                         : p.smoking == core::SmokingStatus::Former ? 1.10
                                                                                    : 1.0;
            m_spine.ratePerYear =
                kRateScale * tendency * sexFactor * smokingFactor * (0.8 + 0.4 * m_inflammation);
        }
        if (m_biologicVisit) {
            m_spine.biologicStart = m_visitDates[*m_biologicVisit];
            m_spine.treatedRateFactor = m_random.uniform(0.5, 0.8);
        }
        drawThresholds(m_random, m_spine);
        m_twoReaders = m_random.chance(0.25);
        for (int& offset : m_readerOffsets) {
            const double u = m_random.uniform();
            offset = u < 0.025 ? 1 : u < 0.05 ? -1 : 0;
        }
    }

    /// Films about every 2 years at visit dates.
    void makeFilms() {
        std::vector<std::size_t> filmVisits;
        std::optional<Date> lastFilm;
        for (std::size_t v = 0; v < m_visitDates.size(); ++v) {
            const bool due = lastFilm
                                 ? daysBetween(*lastFilm, m_visitDates[v]) >= 640 && m_random.chance(0.85)
                                 : m_random.chance(v == 0 ? 0.92 : 0.6);
            if (!due)
                continue;
            filmVisits.push_back(v);
            lastFilm = m_visitDates[v];
        }
        m_filmVisit.assign(m_visitDates.size(), false);
        if (filmVisits.empty())
            return;
        for (std::size_t v : filmVisits)
            m_filmVisit[v] = true;

        // Research readings of the two-reader subset: one session after the last film.
        const Date session =
            std::min(m_today, addDays(m_visitDates[filmVisits.back()], m_random.integer(14, 180)));
        const bool sessionKnowsChronology = m_random.chance(0.5);

        for (std::size_t v : filmVisits) {
            const Date date = m_visitDates[v];
            const double damage = m_spine.damageAt(date);
            std::array<std::optional<NotAssessableReason>, core::kSiteCount> missing{};
            drawNotAssessable(date, missing);

            core::Film film;
            film.date = date;
            core::Reading first;
            first.reader = "Reader A";
            first.readingDate = m_twoReaders ? session : date;
            first.chronologyKnown = m_twoReaders ? sessionKnowsChronology : true;
            for (Site site : core::allSites()) {
                const int i = core::siteIndex(site);
                const auto idx = static_cast<std::size_t>(i);
                first.sites[idx] = missing[idx] ? core::SiteScore::notAssessable(*missing[idx])
                                                : core::SiteScore::graded(site, m_spine.grade(i, damage));
            }
            film.readings.push_back(first);
            if (m_twoReaders) {
                core::Reading second = first;
                second.reader = "Reader B";
                for (Site site : core::allSites()) {
                    const int i = core::siteIndex(site);
                    const auto idx = static_cast<std::size_t>(i);
                    // Reader B sometimes sees a corner that Reader A called overprojected.
                    const bool seen = !missing[idx] || (*missing[idx] == NotAssessableReason::NotVisible &&
                                                        m_random.chance(0.3));
                    if (seen)
                        second.sites[idx] = core::SiteScore::graded(
                            site, secondReaderGrade(m_spine.grade(i, damage), m_readerOffsets[idx]));
                }
                film.readings.push_back(second);
            }
            m_history.films.push_back(std::move(film));
        }
    }

    void drawNotAssessable(Date filmDate,
                           std::array<std::optional<NotAssessableReason>, core::kSiteCount>& missing) {
        auto mark = [&missing](Site site, NotAssessableReason reason) {
            missing[static_cast<std::size_t>(core::siteIndex(site))] = reason;
        };
        if (m_random.chance(0.015)) {
            // No cervical view that day: the segment, and so the total, is not computable.
            for (Site site : core::allSites())
                if (core::segmentOf(site) == core::Segment::Cervical)
                    mark(site, NotAssessableReason::NotImaged);
        }
        // Shoulders overproject the cervicothoracic junction; lumbar views often start at L1.
        if (m_random.chance(0.10))
            mark(Site::T1_sup, NotAssessableReason::NotVisible);
        if (m_random.chance(0.04))
            mark(Site::C7_inf, NotAssessableReason::NotVisible);
        if (m_random.chance(0.04))
            mark(Site::T12_inf, NotAssessableReason::NotImaged);
        if (m_random.chance(0.03))
            mark(Site::S1_sup, NotAssessableReason::NotVisible);
        if (m_random.chance(0.05)) {
            const Site site =
                core::allSites()[static_cast<std::size_t>(m_random.integer(0, core::kSiteCount - 1))];
            mark(site, m_random.chance(0.8) ? NotAssessableReason::NotVisible : NotAssessableReason::Other);
        }
        if (m_fusionVisit && filmDate >= m_visitDates[*m_fusionVisit]) {
            mark(Site::L4_inf, NotAssessableReason::SurgeryHardware);
            mark(Site::L5_sup, NotAssessableReason::SurgeryHardware);
        }
    }

    void makeVisits() {
        const core::Patient& p = patient();
        const bool man = p.sex == Sex::Male;
        const CrpMethod& crpMethod = m_random.chance(0.25)
                                         ? kCrpMethods[static_cast<std::size_t>(m_random.integer(3, 4))]
                                         : kCrpMethods[static_cast<std::size_t>(m_random.integer(0, 2))];
        const bool biomarkerStudy = m_random.chance(0.20);
        const BiomarkerAssay& mmp3 = m_random.pick(kMmp3Assays);
        const BiomarkerAssay& dkk1 = m_random.chance(0.8) ? kDkk1Assays[0] : kDkk1Assays[1];
        const BiomarkerAssay& sclerostin = m_random.pick(kSclerostinAssays);
        const bool dxaPatient = m_random.chance(0.40);
        const double dxaPick = m_random.uniform();
        const DxaModel& dxa = kDxaModels[dxaPick < 0.40 ? 0 : dxaPick < 0.55 ? 1 : dxaPick < 0.85 ? 2 : 3];
        const double boneT = -0.4 + 0.9 * m_random.normal() - 0.5 * (m_inflammation - 0.5);
        const std::array<double, 3> siteOffsets = {0.3 * m_random.normal(), 0.25 * m_random.normal(),
                                                   0.25 * m_random.normal()};
        const double lumbarPick = m_random.uniform();
        std::optional<Date> lastDxa;

        if (m_random.chance(0.18)) {
            if (!patient().notes.empty())
                patient().notes += " ";
            patient().notes += m_random.pick(kPatientNotes);
        }
        if (m_hipReplacement) {
            if (!patient().notes.empty())
                patient().notes += " ";
            patient().notes += "Bilateral total hip replacement (no hip DXA).";
        }

        for (std::size_t v = 0; v < m_visitDates.size(); ++v) {
            core::Visit visit;
            visit.date = m_visitDates[v];
            const double age = yearsBetween(p.birth, visit.date);
            const bool treated = m_biologicVisit && v > *m_biologicVisit;
            const double damage = m_spine.damageAt(visit.date);
            const int spinalScore = m_spine.score(damage);
            if (!man)
                visit.postmenopausal = age >= m_menopauseAge;

            const double activity =
                std::clamp(m_activity * (treated ? 0.45 : 1.0) + 0.9 * m_random.normal(), 0.0, 9.8);
            if (m_random.chance(0.95)) {
                visit.basdai = basdai(activity);
                if (m_random.chance(0.92))
                    visit.patientGlobal = item(activity + 0.3 + 0.9 * m_random.normal());
            }
            if (m_random.chance(0.88)) {
                const double level = 0.5 * activity + 0.07 * spinalScore + 0.02 * std::max(0.0, age - 45.0) +
                                     0.5 * m_functionTrait;
                for (std::size_t i = 0; i < visit.basfi.items.size(); ++i)
                    visit.basfi.items[i] = item(level + kBasfiItemOffsets[i] + 0.7 * m_random.normal());
            }
            if (m_random.chance(0.75))
                visit.basmi = basmi(activity, spinalScore, age);

            const double crpFactor = treated ? 0.3 : 1.0;
            if (m_random.chance(0.90))
                visit.labs.push_back(crp(crpMethod, activity, crpFactor, visit.date));
            if (m_random.chance(0.85)) {
                const double esr =
                    3.0 + 28.0 * m_inflammation * (0.5 + 0.1 * activity) * (treated ? 0.5 : 1.0) +
                    0.2 * std::max(0.0, age - 30.0) + (man ? 0.0 : 4.0) + 5.0 * m_random.normal();
                core::LabValue value;
                value.analyte = core::Analyte::Esr;
                value.value = std::round(std::clamp(esr, 1.0, 110.0));
                value.unit = "mm/h";
                value.sampleDate = visit.date;
                value.assay = "Westergren";
                value.laboratory = "Haematology Laboratory";
                visit.labs.push_back(std::move(value));
            }
            if (biomarkerStudy && m_filmVisit[v]) {
                const double mmp3Value = (man ? 55.0 : 28.0) * (1.0 + 2.0 * m_inflammation * crpFactor) *
                                         std::exp(0.35 * m_random.normal());
                if (m_random.chance(0.9))
                    visit.labs.push_back(
                        biomarker(core::Analyte::Mmp3, mmp3, std::min(mmp3Value, 800.0), visit.date));
                const double dkk1Value = 1500.0 * std::exp(0.45 * m_random.normal());
                if (m_random.chance(0.7))
                    visit.labs.push_back(
                        biomarker(core::Analyte::Dkk1, dkk1, std::min(dkk1Value, 9000.0), visit.date));
                const double sclerostinValue =
                    32.0 * (1.0 + 0.01 * std::max(0.0, age - 40.0)) * std::exp(0.35 * m_random.normal());
                if (m_random.chance(0.7))
                    visit.labs.push_back(biomarker(core::Analyte::Sclerostin, sclerostin,
                                                   std::min(sclerostinValue, 200.0), visit.date));
            }

            const bool dxaDue = lastDxa ? daysBetween(*lastDxa, visit.date) >= 700 && m_random.chance(0.5)
                                        : m_random.chance(v == 0 ? 0.6 : 0.3);
            if (dxaPatient && dxaDue) {
                lastDxa = visit.date;
                const bool postmenopausal = visit.postmenopausal.value_or(false);
                double t = boneT - 0.015 * std::max(0.0, age - 40.0) - 0.2 * (activity - 4.0) / 4.0;
                if (postmenopausal)
                    t -= 0.045 * (age - m_menopauseAge);
                const double zShift = 0.022 * std::max(0.0, age - 35.0) +
                                      (postmenopausal ? 0.03 * (age - m_menopauseAge) : 0.0);
                const auto [syndesmophytes, bridged] = m_spine.lumbarSyndesmophytes(damage);
                // The AS caveat (clinical-rules.md 5): syndesmophytes raise AP lumbar BMD.
                const double artefact = 0.2 * syndesmophytes + 0.1 * bridged;
                const auto& reference = man ? dxa.men : dxa.women;
                for (std::size_t s = 0; s < 3; ++s) {
                    if (s > 0 && m_hipReplacement)
                        continue;
                    const double siteT = std::clamp(
                        t + siteOffsets[s] + 0.08 * m_random.normal() + (s == 0 ? artefact : 0.0), -4.5, 5.0);
                    core::BmdMeasurement m;
                    m.site = s == 0   ? core::BmdSite::LumbarSpine
                             : s == 1 ? core::BmdSite::FemoralNeck
                                      : core::BmdSite::TotalHip;
                    m.bmd = roundTo(std::max(0.25, reference[s].mean + siteT * reference[s].sd), 1000);
                    m.tScore = roundTo(siteT, 10);
                    m.zScore = roundTo(std::clamp(siteT + zShift, -5.0, 6.0), 10);
                    m.device = {dxa.manufacturer, dxa.model};
                    if (s == 0) {
                        using core::Vertebra;
                        m.vertebrae = lumbarPick < 0.88 ? std::vector<Vertebra>{Vertebra::L1, Vertebra::L2,
                                                                                Vertebra::L3, Vertebra::L4}
                                      : lumbarPick < 0.93
                                          ? std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L3}
                                      : lumbarPick < 0.97
                                          ? std::vector<Vertebra>{Vertebra::L2, Vertebra::L3, Vertebra::L4}
                                          : std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L4};
                    }
                    visit.bmd.push_back(std::move(m));
                }
            }

            if (m_biologicVisit && v == *m_biologicVisit) {
                visit.notes =
                    std::string("Active disease despite NSAIDs: started ") + m_random.pick(kBiologics) + ".";
            } else if (m_fusionVisit && v == *m_fusionVisit) {
                visit.notes = "Lumbar spinal fusion L4-L5 since the last visit.";
            } else if (m_random.chance(0.08)) {
                visit.notes = m_random.pick(kVisitNotes);
            }
            m_history.visits.push_back(std::move(visit));
        }
    }

    /// A 0-10 item as the patient marked it: whole numbers on a numeric rating scale, one decimal
    /// on a 100 mm visual analogue scale (mm / 10).
    double item(double value) { return roundTo(std::clamp(value, 0.0, 10.0), m_vasScale ? 10.0 : 1.0); }

    core::BasdaiInput basdai(double activity) {
        core::BasdaiInput input;
        input.q1 = item(activity + 0.5 + 1.0 * m_random.normal());
        input.q2 = item(activity + 0.3 + 0.9 * m_random.normal());
        input.q3 = item(m_peripheral ? activity - 0.5 + m_random.normal()
                                     : 0.35 * activity - 1.0 + m_random.normal());
        input.q4 = item(0.8 * activity + m_random.normal());
        input.q5 = item(activity + 0.8 * m_random.normal());
        // Q6 from minutes of morning stiffness, as clinics ask it: min(minutes, 120) / 12.
        const double minutes =
            std::round(std::clamp(10.0 + 12.0 * activity + 15.0 * m_random.normal(), 0.0, 180.0) / 5.0) * 5.0;
        input.q6 = item(std::min(minutes, 120.0) / 12.0);
        return input;
    }

    /// BASMI measurements from a mobility level (0-10 in BASMIlin units) that grows with spinal
    /// damage, activity and age; each measurement inverts its linear formula (clinical-rules.md 4).
    core::BasmiInput basmi(double activity, int spinalScore, double age) {
        const double level = 0.4 + 0.09 * spinalScore + 0.12 * activity + 0.03 * std::max(0.0, age - 40.0) +
                             1.4 * m_mobilityTrait;
        auto component = [&]() { return std::clamp(level + 1.0 * m_random.normal(), 0.0, 10.0); };
        auto side = [&](double mean, double spread) { return mean + spread * m_random.normal(); };
        core::BasmiInput input;
        const double lateral = 21.1 - 2.1 * component();
        input.lateralFlexionLeftCm = roundTo(std::max(1.0, side(lateral, 0.8)), 2);
        input.lateralFlexionRightCm = roundTo(std::max(1.0, side(lateral, 0.8)), 2);
        const double tragus = 9.5 + 3.0 * component();
        input.tragusToWallLeftCm = roundTo(std::min(40.0, side(tragus, 0.6)), 2);
        input.tragusToWallRightCm = roundTo(std::min(40.0, side(tragus, 0.6)), 2);
        input.modifiedSchoberCm = roundTo(std::max(0.5, 7.4 - 0.7 * component()), 2);
        input.intermalleolarDistanceCm = std::round(std::max(30.0, 124.5 - 10.0 * component()));
        const double rotation = 89.3 - 8.5 * component();
        input.cervicalRotationLeftDegrees = std::round(std::clamp(side(rotation, 3.0), 0.0, 90.0));
        input.cervicalRotationRightDegrees = std::round(std::clamp(side(rotation, 3.0), 0.0, 90.0));
        // Now and then the goniometer was not at hand: BASMIlin is then not computable.
        if (m_random.chance(0.03)) {
            input.cervicalRotationLeftDegrees.reset();
            input.cervicalRotationRightDegrees.reset();
        }
        return input;
    }

    core::LabValue crp(const CrpMethod& method, double activity, double factor, Date date) {
        const double mgPerL =
            std::min(150.0, (0.8 + 18.0 * std::pow(m_inflammation, 1.6) * (0.5 + 0.12 * activity)) * factor *
                                std::exp(0.6 * m_random.normal()));
        core::LabValue value;
        value.analyte = core::Analyte::Crp;
        value.unit = method.unit;
        value.sampleDate = date;
        value.assay = method.assay;
        value.sampleType = core::SampleType::Serum;
        value.laboratory = method.laboratory;
        value.detectionLimit = method.detectionLimit;
        const double reported = roundTo(mgPerL * method.perMgPerL, method.scale);
        if (reported < method.detectionLimit) {
            // Reported as "< limit": the number stored is the limit itself.
            value.value = method.detectionLimit;
            value.belowDetectionLimit = true;
        } else {
            value.value = reported;
        }
        return value;
    }

    static core::LabValue biomarker(core::Analyte analyte, const BiomarkerAssay& assay, double canonical,
                                    Date date) {
        core::LabValue value;
        value.analyte = analyte;
        value.value = std::max(1.0 / assay.scale, roundTo(canonical * assay.perCanonical, assay.scale));
        value.unit = assay.unit;
        value.sampleDate = date;
        value.assay = assay.assay;
        value.sampleType = core::SampleType::Serum;
        value.laboratory = kResearchLaboratory;
        return value;
    }

    /// The pelvic film that confirmed the diagnosis: the modified New York criterion is met.
    void makePelvicFilm() {
        core::PelvicFilm film;
        film.date = *patient().diagnosis;
        if (m_random.chance(0.9)) {
            const int left = m_random.integer(2, 4);
            film.left = left;
            film.right = std::clamp(left + m_random.integer(-1, 1), 2, 4);
        } else {
            film.left = m_random.integer(0, 1);
            film.right = m_random.integer(3, 4);
        }
        m_history.pelvicFilms.push_back({"Reader A", film});
    }

    /// Scales the per-patient progression tendency so that mSASSS rises by about 1 unit a year
    /// across patients with two or more films (checked by the DemoCohortStatistics tests).
    static constexpr double kRateScale = 1.1;

    Random m_random;
    int m_index;
    Date m_today;
    core::PatientHistory m_history;

    double m_inflammation = 0.5;
    double m_activity = 4;
    bool m_peripheral = false;
    bool m_vasScale = false;
    double m_functionTrait = 0;
    double m_mobilityTrait = 0;
    double m_menopauseAge = 50;
    bool m_hipReplacement = false;
    Date m_onset;
    std::vector<Date> m_visitDates;
    std::vector<bool> m_filmVisit;
    std::optional<std::size_t> m_biologicVisit;
    std::optional<std::size_t> m_fusionVisit;
    Spine m_spine;
    bool m_twoReaders = false;
    std::array<int, core::kSiteCount> m_readerOffsets{};
};

}  // namespace

core::PatientHistory demoPatient(std::uint64_t seed, int index, core::Date today) {
    if (index < 0)
        throw core::ValidationError("demo patient index", std::to_string(index), "0 or more");
    return PatientGenerator(seed, index, today).generate();
}

std::optional<ImportSummary> writeDemoCohort(Database& db, std::uint64_t seed, int first, int end,
                                             core::Date today, int batch,
                                             const std::function<bool(int)>& progress) {
    ImportSummary total;
    Transaction whole(db);  // importHistories' own transactions nest in it as savepoints
    for (int start = first; start < end; start += batch) {
        std::vector<core::PatientHistory> histories;
        for (int i = start; i < std::min(start + batch, end); ++i)
            histories.push_back(demoPatient(seed, i, today));
        const ImportSummary written =
            importHistories(db, histories, true, "demo cohort, seed " + std::to_string(seed));
        total.newPatients += written.newPatients;
        total.visits += written.visits;
        total.films += written.films;
        total.readings += written.readings;
        if (progress && !progress(std::min(start + batch, end) - first))
            return std::nullopt;  // the transaction rolls back: nothing of the demo stays
    }
    whole.commit();
    return total;
}

}  // namespace ankylos::storage
