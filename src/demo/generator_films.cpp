#include "demo/patient_generator.h"

#include <algorithm>

namespace ankylos::demo {

using core::NotAssessableReason;
using core::Sex;
using core::Site;

void PatientGenerator::makeSpine() {
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
void PatientGenerator::makeFilms() {
    std::vector<std::size_t> filmVisits;
    std::optional<Date> lastFilm;
    for (std::size_t v = 0; v < m_visitDates.size(); ++v) {
        const bool due = lastFilm ? daysBetween(*lastFilm, m_visitDates[v]) >= 640 && m_random.chance(0.85)
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
                const bool seen = !missing[idx] ||
                                  (*missing[idx] == NotAssessableReason::NotVisible && m_random.chance(0.3));
                if (seen)
                    second.sites[idx] = core::SiteScore::graded(
                        site, secondReaderGrade(m_spine.grade(i, damage), m_readerOffsets[idx]));
            }
            film.readings.push_back(second);
        }
        m_history.films.push_back(std::move(film));
    }
}

void PatientGenerator::drawNotAssessable(
    Date filmDate, std::array<std::optional<NotAssessableReason>, core::kSiteCount>& missing) {
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

/// The pelvic film that confirmed the diagnosis: the modified New York criterion is met.
void PatientGenerator::makePelvicFilm() {
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

}  // namespace ankylos::demo
