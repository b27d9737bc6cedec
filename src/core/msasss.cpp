#include "core/msasss.h"

#include <algorithm>
#include <numeric>

#include "core/error.h"
#include "core/format.h"

namespace ankylos::core {

namespace {

constexpr std::string_view kSiteIds[kSiteCount] = {
    "C2_inf", "C3_sup", "C3_inf", "C4_sup", "C4_inf",  "C5_sup", "C5_inf", "C6_sup",
    "C6_inf", "C7_sup", "C7_inf", "T1_sup", "T12_inf", "L1_sup", "L1_inf", "L2_sup",
    "L2_inf", "L3_sup", "L3_inf", "L4_sup", "L4_inf",  "L5_sup", "L5_inf", "S1_sup",
};

SegmentScore scoreSegment(const Reading& reading, Segment segment, const MsasssSettings& settings) {
    SegmentScore score;
    score.segment = segment;
    int observedSum = 0;
    for (Site site : allSites()) {
        if (segmentOf(site) != segment)
            continue;
        const auto& siteScore = reading.at(site);
        if (!siteScore) {
            ++score.notScored;
        } else if (!siteScore->assessable()) {
            ++score.notAssessable;
        } else {
            ++score.assessable;
            observedSum += siteScore->grade();
        }
    }
    const std::string name = toString(segment);
    if (score.notScored > 0) {
        score.reason = std::to_string(score.notScored) + " of 12 " + name + " sites not scored";
        return score;
    }
    if (score.notAssessable > settings.maxMissingPerSegment || score.assessable == 0) {
        score.reason = std::to_string(score.notAssessable) + " of 12 " + name + " sites not assessable";
        return score;
    }
    // Ramiro et al.: each missing site takes the mean of the segment's assessable sites.
    score.imputed = score.notAssessable;
    score.value = observedSum * static_cast<double>(kSitesPerSegment) / score.assessable;
    return score;
}

}  // namespace

const std::array<Site, kSiteCount>& allSites() {
    static const std::array<Site, kSiteCount> sites = [] {
        std::array<Site, kSiteCount> all{};
        for (int i = 0; i < kSiteCount; ++i)
            all[i] = static_cast<Site>(i);
        return all;
    }();
    return sites;
}

std::string siteId(Site site) {
    return std::string(kSiteIds[siteIndex(site)]);
}

namespace {

/// Where id would stand in kSiteIds if it is a site ID, computed from its shape instead of searched
/// (a whole cohort's read looks up every stored site score): the corners run C2_inf, C3_sup, C3_inf,
/// ... C7_inf (0-10), T1_sup, T12_inf (11-12), L1_sup ... L5_inf (13-22), S1_sup (23).
int siteIndexOfId(std::string_view id) {
    const std::size_t underscore = id.find('_');
    if (underscore < 2 || underscore > 3 || id.size() != underscore + 4)
        return -1;
    int number = 0;
    for (std::size_t i = 1; i < underscore; ++i)
        number = number * 10 + (id[i] - '0');
    const bool inferior = id.substr(underscore) == "_inf";
    switch (id[0]) {
        case 'C':
            return inferior ? 2 * (number - 2) : 2 * (number - 3) + 1;
        case 'T':
            return inferior ? 12 : 11;
        case 'L':
            return 13 + 2 * (number - 1) + (inferior ? 1 : 0);
        case 'S':
            return 23;
        default:
            return -1;
    }
}

}  // namespace

std::optional<Site> siteFromId(std::string_view id) {
    const int i = siteIndexOfId(id);
    // The shape only points at a place: the ID there must be this one ("C9_sup" points past C7).
    if (i < 0 || i >= kSiteCount || kSiteIds[i] != id)
        return std::nullopt;
    return static_cast<Site>(i);
}

Segment segmentOf(Site site) {
    return siteIndex(site) < kSitesPerSegment ? Segment::Cervical : Segment::Lumbar;
}

std::string toString(Segment segment) {
    return segment == Segment::Cervical ? "cervical" : "lumbar";
}

const std::array<DiscSpace, 12>& discSpaces() {
    // Consecutive (_inf, _sup) corners within a segment face each other across one disc.
    static const std::array<DiscSpace, 12> spaces = [] {
        std::array<DiscSpace, 12> all{};
        for (int i = 0; i < 12; ++i) {
            const int upper = (i / 6) * kSitesPerSegment + (i % 6) * 2;
            all[i] = {static_cast<Site>(upper), static_cast<Site>(upper + 1)};
        }
        return all;
    }();
    return spaces;
}

std::string toString(NotAssessableReason reason) {
    switch (reason) {
        case NotAssessableReason::NotVisible:
            return "not_visible";
        case NotAssessableReason::NotImaged:
            return "not_imaged";
        case NotAssessableReason::SurgeryHardware:
            return "surgery_hardware";
        case NotAssessableReason::Other:
            return "other";
    }
    throw InternalError("unknown NotAssessableReason");
}

NotAssessableReason parseNotAssessableReason(const std::string& text) {
    for (auto reason : {NotAssessableReason::NotVisible, NotAssessableReason::NotImaged,
                        NotAssessableReason::SurgeryHardware, NotAssessableReason::Other})
        if (toString(reason) == text)
            return reason;
    throw ValidationError("not-assessable reason", text,
                          "not_visible, not_imaged, surgery_hardware or other");
}

SiteScore SiteScore::graded(Site site, int grade) {
    if (grade < 0 || grade > 3)
        throw ValidationError("mSASSS " + siteId(site), std::to_string(grade),
                              "0, 1, 2, 3 or not assessable");
    return SiteScore(grade, std::nullopt);
}

SiteScore SiteScore::notAssessable(NotAssessableReason reason) {
    return SiteScore(0, reason);
}

int SiteScore::grade() const {
    if (!assessable())
        throw InternalError("grade() of a site that is not assessable");
    return m_grade;
}

std::optional<SiteScore> parseSiteScore(Site site, const std::string& text, Validation& validation,
                                        NotAssessableReason naReason) {
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '3')
        return SiteScore::graded(site, text[0] - '0');
    if (text == "NA" || text == "na")
        return SiteScore::notAssessable(naReason);
    validation.addError("mSASSS " + siteId(site), text, "0, 1, 2, 3 or NA (not assessable)");
    return std::nullopt;
}

Reading parseReading(const std::string& commaSeparated, const std::string& reader) {
    std::vector<std::string> fields;
    std::string::size_type start = 0;
    while (true) {
        const auto comma = commaSeparated.find(',', start);
        fields.push_back(commaSeparated.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (fields.size() != kSiteCount)
        throw ValidationError("mSASSS grades", std::to_string(fields.size()) + " values",
                              "24 values (C2_inf to S1_sup), separated by commas");
    Reading reading;
    reading.reader = reader;
    Validation validation;
    for (Site site : allSites())
        reading.at(site) = parseSiteScore(site, fields[siteIndex(site)], validation);
    validation.throwIfErrors();
    return reading;
}

MsasssScore scoreReading(const Reading& reading, const MsasssSettings& settings) {
    MsasssScore score;
    score.settings = settings;
    score.cervical = scoreSegment(reading, Segment::Cervical, settings);
    score.lumbar = scoreSegment(reading, Segment::Lumbar, settings);
    if (score.cervical.value && score.lumbar.value) {
        score.total = *score.cervical.value + *score.lumbar.value;
    } else {
        std::string why;
        for (const SegmentScore* segment : {&score.cervical, &score.lumbar}) {
            if (segment->value)
                continue;
            why += (why.empty() ? "" : "; ") + segment->reason;
        }
        score.reason = "not computable: " + why;
    }
    return score;
}

bool hasAdjudicatingReading(const Film& film) {
    return std::any_of(film.readings.begin(), film.readings.end(),
                       [](const Reading& reading) { return reading.adjudicating(); });
}

bool countsInFilmScore(const Film& film, const Reading& reading) {
    if (!reading.adjudicating())
        return true;
    return std::all_of(film.readings.begin(), film.readings.end(),
                       [](const Reading& other) { return other.adjudicating(); });
}

FilmScore scoreFilm(const Film& film, const MsasssSettings& settings) {
    FilmScore score;
    double sum = 0;
    const MsasssScore* onlyCounted = nullptr;
    for (const Reading& reading : film.readings) {
        score.readingScores.push_back(scoreReading(reading, settings));
        if (!countsInFilmScore(film, reading))
            continue;
        ++score.readingsTotal;
        onlyCounted = &score.readingScores.back();
        if (const auto& total = onlyCounted->total) {
            sum += *total;
            ++score.readingsUsed;
        }
    }
    if (score.readingsUsed > 0) {
        score.value = sum / score.readingsUsed;
    } else if (film.readings.empty()) {
        score.reason = "not computable: the film has no reading";
    } else if (score.readingsTotal == 1) {
        score.reason = onlyCounted->reason;
    } else {
        score.reason = "not computable: no reader's total is computable";
    }
    return score;
}

bool hasLumbarSyndesmophyte(const Film& film) {
    for (const Reading& reading : film.readings)
        for (Site site : allSites()) {
            const auto& score = reading.at(site);
            if (segmentOf(site) == Segment::Lumbar && score && score->assessable() && score->grade() >= 2)
                return true;
        }
    return false;
}

}  // namespace ankylos::core
