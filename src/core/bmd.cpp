#include "core/bmd.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

constexpr double kLscPerPrecisionError = 2.77;  // docs/methods.md 5: LSC = 2.77 x precision error

bool isHipSite(BmdSite site) {
    return site == BmdSite::FemoralNeck || site == BmdSite::TotalHip;
}

std::string joinSites(const std::vector<BmdSite>& sites) {
    std::string text;
    for (BmdSite site : sites) {
        if (!text.empty())
            text += ", ";
        text += label(site);
    }
    return text;
}

const BmdMeasurement* findMeasurement(const BmdScan& scan, BmdSite site) {
    for (const BmdMeasurement& measurement : scan.measurements)
        if (measurement.site == site)
            return &measurement;
    return nullptr;
}

std::optional<Vertebra> vertebraFromText(const std::string& text) {
    if (text.size() != 2 || (text[0] != 'L' && text[0] != 'l') || text[1] < '1' || text[1] > '4')
        return std::nullopt;
    return static_cast<Vertebra>(text[1] - '1');
}

std::string trimmed(const std::string& text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
    return text.substr(begin, end - begin);
}

BmdClassification classify(const BmdScan& scan, Sex sex, Date birth, std::optional<bool> postmenopausal,
                           bool lumbarSyndesmophytes, std::optional<Date> filmDate) {
    Validation validation = validateBmdScan(scan);
    if (scan.date < birth)
        validation.addError("BMD scan date", toIsoString(scan.date),
                            "not before the date of birth (" + toIsoString(birth) + ")");
    validation.throwIfErrors();

    BmdClassification result;
    result.ageAtScan = ageInYears(birth, scan.date);
    result.lumbarSyndesmophytes = lumbarSyndesmophytes;
    result.filmDate = filmDate;

    const bool lumbarMeasured = findMeasurement(scan, BmdSite::LumbarSpine) != nullptr;
    if (lumbarSyndesmophytes) {
        if (lumbarMeasured)
            result.lumbarFlag = kLumbarSyndesmophyteFlag;
        result.note =
            std::string("category from the hip sites only: lumbar spine BMD ") + kLumbarSyndesmophyteFlag;
        if (filmDate)
            result.note += " (lumbar grade 2 or 3 on the film of " + toIsoString(*filmDate) + ")";
    }
    for (BmdSite site : allBmdSites())
        if (findMeasurement(scan, site) && (!lumbarSyndesmophytes || isHipSite(site)))
            result.sitesUsed.push_back(site);

    if (sex == Sex::Male) {
        result.basis = result.ageAtScan >= 50 ? BmdBasis::TScore : BmdBasis::ZScore;
    } else if (!postmenopausal) {
        result.reason =
            "menopausal status not recorded: it decides between the T-score (WHO) and the Z-score (ISCD)";
        return result;
    } else {
        result.basis = *postmenopausal ? BmdBasis::TScore : BmdBasis::ZScore;
    }

    if (result.sitesUsed.empty()) {
        result.reason = lumbarSyndesmophytes
                            ? std::string("no hip site measured; the lumbar spine is not used (") +
                                  kLumbarSyndesmophyteFlag + ")"
                            : "no site measured";
        return result;
    }

    const bool useT = *result.basis == BmdBasis::TScore;
    std::vector<BmdSite> missing;
    for (BmdSite site : result.sitesUsed) {
        const BmdMeasurement& measurement = *findMeasurement(scan, site);
        const std::optional<double>& score = useT ? measurement.tScore : measurement.zScore;
        if (!score) {
            missing.push_back(site);
        } else if (!result.lowestScore || *score < *result.lowestScore) {
            // Strictly lower: on a tie the first site in spec order stays.
            result.lowestScore = score;
            result.lowestSite = site;
        }
    }
    if (!missing.empty()) {
        result.lowestScore.reset();
        result.lowestSite.reset();
        result.reason = "no " + toString(*result.basis) + " reported for " + joinSites(missing);
        return result;
    }

    const double score = *result.lowestScore;
    if (useT) {
        // WHO: normal T >= -1.0; osteopenia -2.5 < T < -1.0; osteoporosis T <= -2.5.
        if (score >= -1.0)
            result.category = BmdCategory::Normal;
        else if (score > -2.5)
            result.category = BmdCategory::Osteopenia;
        else
            result.category = BmdCategory::Osteoporosis;
    } else {
        // ISCD: Z <= -2.0 is below the expected range for age; never osteoporosis on BMD alone.
        result.category =
            score <= -2.0 ? BmdCategory::BelowExpectedRangeForAge : BmdCategory::WithinExpectedRangeForAge;
    }
    return result;
}

}  // namespace

std::string deviceText(const DxaDevice& device) {
    if (device.manufacturer.empty() && device.model.empty())
        return "(device not recorded)";
    if (device.model.empty())
        return device.manufacturer;
    if (device.manufacturer.empty())
        return device.model;
    return device.manufacturer + " " + device.model;
}

const std::array<BmdSite, 4>& allBmdSites() {
    static const std::array<BmdSite, 4> sites = {BmdSite::LumbarSpine, BmdSite::FemoralNeck,
                                                 BmdSite::TotalHip, BmdSite::Radius33};
    return sites;
}

std::string toString(BmdSite site) {
    switch (site) {
        case BmdSite::LumbarSpine:
            return "lumbar";
        case BmdSite::FemoralNeck:
            return "femoral_neck";
        case BmdSite::TotalHip:
            return "total_hip";
        case BmdSite::Radius33:
            return "radius_33";
    }
    throw InternalError("unknown BMD site");
}

std::string label(BmdSite site) {
    switch (site) {
        case BmdSite::LumbarSpine:
            return N_("lumbar spine");
        case BmdSite::FemoralNeck:
            return N_("femoral neck");
        case BmdSite::TotalHip:
            return N_("total hip");
        case BmdSite::Radius33:
            return N_("1/3 radius");
    }
    throw InternalError("unknown BMD site");
}

BmdSite parseBmdSite(const std::string& text, const std::string& field) {
    for (BmdSite site : allBmdSites())
        if (text == toString(site))
            return site;
    throw ValidationError(field, text, "lumbar, femoral_neck, total_hip or radius_33");
}

std::string toString(Vertebra vertebra) {
    return "L" + std::to_string(static_cast<int>(vertebra) + 1);
}

std::vector<Vertebra> parseVertebrae(const std::string& text, const std::string& field) {
    const std::string allowed = "lumbar vertebrae L1 to L4, as a list (L1,L2,L4) or a range (L1-L4)";
    std::vector<Vertebra> vertebrae;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = trimmed(text.substr(start, comma - start));
        const std::size_t dash = item.find('-');
        if (dash == std::string::npos) {
            const auto vertebra = vertebraFromText(item);
            if (!vertebra)
                throw ValidationError(field, text, allowed);
            vertebrae.push_back(*vertebra);
        } else {
            const auto first = vertebraFromText(trimmed(item.substr(0, dash)));
            const auto last = vertebraFromText(trimmed(item.substr(dash + 1)));
            if (!first || !last || *last < *first)
                throw ValidationError(field, text, allowed);
            for (int v = static_cast<int>(*first); v <= static_cast<int>(*last); ++v)
                vertebrae.push_back(static_cast<Vertebra>(v));
        }
        start = comma + 1;
    }
    return vertebrae;
}

std::string toString(const std::vector<Vertebra>& vertebrae) {
    bool contiguous = vertebrae.size() >= 2;
    for (std::size_t i = 1; contiguous && i < vertebrae.size(); ++i)
        contiguous = static_cast<int>(vertebrae[i]) == static_cast<int>(vertebrae[i - 1]) + 1;
    if (contiguous)
        return toString(vertebrae.front()) + "-" + toString(vertebrae.back());
    std::string text;
    for (Vertebra vertebra : vertebrae) {
        if (!text.empty())
            text += ", ";
        text += toString(vertebra);
    }
    return text;
}

bool operator==(const DxaDevice& a, const DxaDevice& b) {
    return a.manufacturer == b.manufacturer && a.model == b.model;
}

bool operator!=(const DxaDevice& a, const DxaDevice& b) {
    return !(a == b);
}

Validation validateBmdMeasurement(const BmdMeasurement& m) {
    Validation validation;
    const std::string site = label(m.site);
    validation.requireRange(site + " BMD", m.bmd, kBmdMin, kBmdMax, "g/cm2");
    validation.requireText("DXA manufacturer", m.device.manufacturer);
    validation.requireText("DXA model", m.device.model);
    if (m.tScore)
        validation.requireRange(site + " T-score", *m.tScore, kBmdScoreMin, kBmdScoreMax);
    if (m.zScore)
        validation.requireRange(site + " Z-score", *m.zScore, kBmdScoreMin, kBmdScoreMax);
    if (m.site == BmdSite::LumbarSpine) {
        std::vector<Vertebra> sorted = m.vertebrae;
        std::sort(sorted.begin(), sorted.end());
        const bool repeated = std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
        if (m.vertebrae.size() < 2 || repeated)
            validation.addError(site + " vertebrae", toString(m.vertebrae),
                                "at least two different vertebrae of L1 to L4, each once");
    } else if (!m.vertebrae.empty()) {
        validation.addError(site + " vertebrae", toString(m.vertebrae),
                            "none (vertebrae apply to the lumbar spine)");
    }
    return validation;
}

Validation validateBmdScan(const BmdScan& scan) {
    Validation validation;
    std::vector<BmdSite> seen;
    for (const BmdMeasurement& measurement : scan.measurements) {
        validation.append(validateBmdMeasurement(measurement));
        if (std::find(seen.begin(), seen.end(), measurement.site) != seen.end())
            validation.addError("BMD site", toString(measurement.site), "each site once per scan");
        else
            seen.push_back(measurement.site);
    }
    return validation;
}

Validation validateBmdScan(const BmdScan& scan, std::optional<Date> birth, Date today) {
    Validation validation = validateBmdScan(scan);
    checkClinicalDate(validation, "BMD scan date", scan.date, birth, today);
    return validation;
}

std::string toString(BmdCategory category) {
    switch (category) {
        // One word each, the same as their labels (label(BmdCategory)).
        case BmdCategory::Normal:
            return N_("normal");
        case BmdCategory::Osteopenia:
            return N_("osteopenia");
        case BmdCategory::Osteoporosis:
            return N_("osteoporosis");
        case BmdCategory::BelowExpectedRangeForAge:
            return "below_expected_range_for_age";
        case BmdCategory::WithinExpectedRangeForAge:
            return "within_expected_range_for_age";
    }
    throw InternalError("unknown BMD category");
}

std::string label(BmdCategory category) {
    switch (category) {
        case BmdCategory::BelowExpectedRangeForAge:
            return N_("below the expected range for age");
        case BmdCategory::WithinExpectedRangeForAge:
            return N_("within the expected range for age");
        default:
            return toString(category);  // one word, the same in both
    }
}

std::string toString(BmdBasis basis) {
    return basis == BmdBasis::TScore ? N_("T-score") : N_("Z-score");
}

BmdClassification classifyBmd(const BmdScan& scan, Sex sex, Date birth, std::optional<bool> postmenopausal,
                              bool lumbarSyndesmophytes) {
    return classify(scan, sex, birth, postmenopausal, lumbarSyndesmophytes, std::nullopt);
}

std::optional<std::size_t> nearestFilmWithinAYear(const std::vector<Date>& filmDates, Date scanDate) {
    std::optional<std::size_t> nearest;
    long nearestDistance = 0;
    for (std::size_t i = 0; i < filmDates.size(); ++i) {
        const long signedDays = (filmDates[i] - scanDate).days();
        const long distance = std::labs(signedDays);
        if (distance > kCaveatFilmWindowDays)
            continue;
        const bool closer = !nearest || distance < nearestDistance;
        // Tie: the film before the scan wins over the one after it.
        const bool tieBefore = nearest && distance == nearestDistance && filmDates[i] < scanDate &&
                               filmDates[*nearest] > scanDate;
        if (closer || tieBefore) {
            nearest = i;
            nearestDistance = distance;
        }
    }
    return nearest;
}

BmdClassification classifyBmdWithFilms(const BmdScan& scan, Sex sex, Date birth,
                                       std::optional<bool> postmenopausal, const std::vector<Film>& films) {
    std::vector<Date> dates;
    dates.reserve(films.size());
    for (const Film& film : films)
        dates.push_back(film.date);
    const auto index = nearestFilmWithinAYear(dates, scan.date);
    if (!index)
        return classify(scan, sex, birth, postmenopausal, false, std::nullopt);
    return classify(scan, sex, birth, postmenopausal, hasLumbarSyndesmophyte(films[*index]),
                    films[*index].date);
}

double leastSignificantChange(double precisionError) {
    if (!(precisionError > 0) || !std::isfinite(precisionError))
        throw ValidationError("BMD precision error", formatNumber(precisionError), "greater than 0 g/cm2");
    return kLscPerPrecisionError * precisionError;
}

Validation validateLscSettings(const std::vector<LscSetting>& settings) {
    Validation validation;
    for (std::size_t i = 0; i < settings.size(); ++i) {
        const LscSetting& s = settings[i];
        const std::string field = "LSC for " + deviceText(s.device) + ", " + label(s.site);
        if (!(s.lsc > 0) || !std::isfinite(s.lsc))
            validation.addError(field, formatNumber(s.lsc) + " g/cm2", "greater than 0 g/cm2");
        for (std::size_t j = 0; j < i; ++j)
            if (settings[j].device == s.device && settings[j].site == s.site) {
                validation.addError(field, formatNumber(s.lsc) + " g/cm2", "one LSC per device and site");
                break;
            }
    }
    return validation;
}

std::optional<double> findLsc(const std::vector<LscSetting>& settings, const DxaDevice& device,
                              BmdSite site) {
    for (const LscSetting& setting : settings)
        if (setting.device == device && setting.site == site)
            return setting.lsc;
    return std::nullopt;
}

BmdChange compareBmd(Date earlierDate, const BmdMeasurement& earlier, Date laterDate,
                     const BmdMeasurement& later, const std::vector<LscSetting>& lscSettings) {
    Validation validation = validateBmdMeasurement(earlier);
    validation.append(validateBmdMeasurement(later));
    if (later.site != earlier.site)
        validation.addError("BMD site of the later scan", toString(later.site),
                            "the site of the earlier scan (" + toString(earlier.site) + ")");
    if (!(earlierDate < laterDate))
        validation.addError("later BMD scan date", toIsoString(laterDate),
                            "after the earlier scan (" + toIsoString(earlierDate) + ")");
    validation.append(validateLscSettings(lscSettings));
    validation.throwIfErrors();

    BmdChange change;
    change.site = earlier.site;
    change.from = earlierDate;
    change.to = laterDate;
    change.bmdFrom = earlier.bmd;
    change.bmdTo = later.bmd;
    change.delta = later.bmd - earlier.bmd;  // g/cm2, never T-scores (docs/methods.md 5)

    if (earlier.device != later.device) {
        change.note = "significance unknown: the scans were made on different devices (" +
                      deviceText(earlier.device) + ", " + deviceText(later.device) + ")";
    } else {
        change.lsc = findLsc(lscSettings, earlier.device, earlier.site);
        if (change.lsc)
            change.significant = atLeast(std::fabs(change.delta), *change.lsc);
        else
            change.note = "significance unknown: no LSC configured for " + deviceText(earlier.device) + ", " +
                          label(earlier.site);
    }
    std::vector<Vertebra> vertebraeFrom = earlier.vertebrae;
    std::vector<Vertebra> vertebraeTo = later.vertebrae;
    std::sort(vertebraeFrom.begin(), vertebraeFrom.end());
    std::sort(vertebraeTo.begin(), vertebraeTo.end());
    if (earlier.site == BmdSite::LumbarSpine && vertebraeFrom != vertebraeTo) {
        if (!change.note.empty())
            change.note += "; ";
        change.note += "the vertebrae included differ (" + toString(vertebraeFrom) + ", then " +
                       toString(vertebraeTo) + ")";
    }
    return change;
}

}  // namespace ankylos::core
