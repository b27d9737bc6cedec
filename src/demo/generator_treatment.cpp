#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "core/drug_catalogue.h"
#include "demo/patient_generator.h"

namespace ankylos::demo {

using core::StopReason;

namespace {

/// One drug of the group by its weight, never `except` (the drug being switched from).
template <std::size_t N>
const DemoDrug& pickDrug(Random& random, const std::array<DemoDrug, N>& drugs, std::string_view except = {}) {
    double total = 0;
    for (const DemoDrug& drug : drugs)
        total += drug.id == except ? 0.0 : drug.weight;
    double u = random.uniform() * total;
    const DemoDrug* chosen = nullptr;
    for (const DemoDrug& drug : drugs) {
        if (drug.id == except)
            continue;
        chosen = &drug;
        if ((u -= drug.weight) < 0)
            break;
    }
    return *chosen;
}

/// The drug's label as it reads inside a sentence: "adalimumab", "certolizumab pegol".
std::string inSentence(const DemoDrug& drug) {
    std::string label = core::drugById(drug.id).label;
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    return label;
}

}  // namespace

/// NSAIDs first (almost everyone, from around the diagnosis), sulfasalazine for some (mostly those
/// with peripheral arthritis), and a biologic for the patients whose disease stayed active: decided
/// in makeTimeline, started after that visit, which makeVisits gives a high ASDAS.
void PatientGenerator::makeTreatments() {
    std::optional<Date> biologicStart;
    if (m_biologicVisit)
        biologicStart = firstBiologicStart();
    if (biologicStart || m_courseRandom.chance(0.93))
        addNsaids(biologicStart);
    if (m_courseRandom.chance(m_peripheral ? 0.45 : 0.06))
        addSulfasalazine();
    if (biologicStart)
        addBiologics(*biologicStart);
    std::stable_sort(m_history.treatments.begin(), m_history.treatments.end(),
                     [](const core::TreatmentEpisode& a, const core::TreatmentEpisode& b) {
                         return a.start != b.start ? a.start < b.start : a.drugId < b.drugId;
                     });
}

/// A few weeks after the visit that decided it (screening first), before the next visit.
Date PatientGenerator::firstBiologicStart() {
    const std::size_t v = *m_biologicVisit;
    const Date latest = std::min(m_today, addDays(m_visitDates[v + 1], -1));
    return std::max(m_visitDates[v],
                    std::min(latest, addDays(m_visitDates[v], m_courseRandom.integer(7, 42))));
}

/// One to three NSAIDs in a row, each switch for inefficacy or intolerance the day after the last
/// stopped; after a biologic starts, often stopped as no longer needed.
void PatientGenerator::addNsaids(std::optional<Date> biologicStart) {
    const Date diagnosis = patient().diagnosis.value_or(m_visitDates.front());
    const long sinceOnset = std::max(1L, daysBetween(m_onset, diagnosis) - 1);
    const Date start =
        addDays(diagnosis, -m_courseRandom.integer(0, static_cast<int>(std::min(365L, sinceOnset))));
    std::size_t episode = addEpisode(pickDrug(m_courseRandom, kNsaids), start);
    for (int n = 1; n < 3 && m_courseRandom.chance(0.4); ++n) {
        const StopReason reason =
            m_courseRandom.chance(0.6) ? StopReason::Inefficacy : StopReason::AdverseEvent;
        const std::optional<Date> stop = stopEpisode(episode, m_courseRandom.integer(60, 900), reason);
        if (!stop)
            return;
        const std::string previous = m_history.treatments[episode].drugId;
        episode = addEpisode(pickDrug(m_courseRandom, kNsaids, previous), addDays(*stop, 1));
    }
    const core::TreatmentEpisode& last = m_history.treatments[episode];
    if (biologicStart && *biologicStart >= last.start && m_courseRandom.chance(0.55)) {
        stopEpisode(episode, daysBetween(last.start, *biologicStart) + m_courseRandom.integer(30, 400),
                    StopReason::Other);
    } else if (!biologicStart && m_courseRandom.chance(0.15)) {
        stopEpisode(episode, m_courseRandom.integer(365, 2500), StopReason::Remission);
    }
}

/// Sulfasalazine from a visit (before any biologic), often stopped for inefficacy or intolerance.
void PatientGenerator::addSulfasalazine() {
    const std::size_t lastVisit = m_biologicVisit ? *m_biologicVisit : m_visitDates.size() - 1;
    const Date visit =
        m_visitDates[static_cast<std::size_t>(m_courseRandom.integer(0, static_cast<int>(lastVisit)))];
    const std::size_t episode =
        addEpisode(kSulfasalazine, std::min(m_today, addDays(visit, m_courseRandom.integer(0, 14))));
    const double fate = m_courseRandom.uniform();
    if (fate < 0.55)
        stopEpisode(episode, m_courseRandom.integer(120, 1000), StopReason::Inefficacy);
    else if (fate < 0.80)
        stopEpisode(episode, m_courseRandom.integer(30, 400), StopReason::AdverseEvent);
}

/// Up to three biologics: mostly a TNF inhibitor first; a switch for inefficacy starts the next the
/// day after, one after an adverse event some weeks later; some stop in remission.
void PatientGenerator::addBiologics(Date start) {
    bool tnf = m_courseRandom.chance(0.82);
    const DemoDrug* drug =
        tnf ? &pickDrug(m_courseRandom, kTnfInhibitors) : &pickDrug(m_courseRandom, kIl17Inhibitors);
    m_biologicNote = inSentence(*drug) + " " + drug->dose;
    for (int n = 0; n < 3; ++n) {
        const std::size_t episode = addEpisode(*drug, start);
        const double fate = m_courseRandom.uniform();
        std::optional<Date> stop;
        long gap = 1;
        if (fate < 0.25) {
            stop = stopEpisode(episode, m_courseRandom.integer(120, 800), StopReason::Inefficacy);
        } else if (fate < 0.33) {
            stop = stopEpisode(episode, m_courseRandom.integer(30, 600), StopReason::AdverseEvent);
            gap = m_courseRandom.chance(0.6) ? m_courseRandom.integer(30, 120) : 0;
        } else if (fate < 0.38) {
            stopEpisode(episode, m_courseRandom.integer(730, 2200), StopReason::Remission);
        }
        if (!stop || gap == 0 || addDays(*stop, gap) > m_today)
            return;
        start = addDays(*stop, gap);
        // After a TNF inhibitor fails, half move to another TNF inhibitor and half change class.
        const std::string previous = drug->id;
        tnf = m_courseRandom.chance(0.5) ? tnf : !tnf;
        drug = tnf ? &pickDrug(m_courseRandom, kTnfInhibitors, previous)
                   : &pickDrug(m_courseRandom, kIl17Inhibitors, previous);
    }
}

std::size_t PatientGenerator::addEpisode(const DemoDrug& drug, Date start) {
    core::TreatmentEpisode episode;
    episode.drugId = drug.id;
    episode.start = start;
    episode.route = core::drugById(drug.id).usualRoute;
    if (m_courseRandom.chance(0.9))
        episode.doseAndFrequency = drug.dose;
    const auto brands = static_cast<int>(
        std::count_if(drug.brands.begin(), drug.brands.end(), [](const char* b) { return b != nullptr; }));
    // Biologics are prescribed by brand (biosimilars); other drugs mostly by name.
    const bool biologic = core::isBtsDmard(core::drugById(drug.id).drugClass);
    if (brands > 0 && m_courseRandom.chance(biologic ? 0.9 : 0.2))
        episode.brand = drug.brands[static_cast<std::size_t>(m_courseRandom.integer(0, brands - 1))];
    m_history.treatments.push_back(std::move(episode));
    return m_history.treatments.size() - 1;
}

std::optional<Date> PatientGenerator::stopEpisode(std::size_t episode, long days, StopReason reason) {
    core::TreatmentEpisode& e = m_history.treatments[episode];
    const Date stop = addDays(e.start, days);
    if (stop >= m_today)
        return std::nullopt;
    e.stop = stop;
    if (m_courseRandom.chance(0.95))
        e.stopReason = reason;
    return stop;
}

// ---------------------------------------------------------------------------------------------
// The rest of the ASAS core set (docs/methods.md 9).

/// Uveitis in about 30 % (recurrent in some), psoriasis in about 10 %, IBD in about 5 %, at dates
/// between symptom onset and the last visit; and how prone the patient's entheses are.
void PatientGenerator::planManifestations() {
    m_enthesitis =
        m_courseRandom.chance(0.35) ? m_courseRandom.uniform(0.3, 1.0) : m_courseRandom.uniform(0.0, 0.1);
    const Date last = m_visitDates.back();
    const long window = std::max(1L, daysBetween(m_onset, last));
    const std::array<double, 3> shares = {0.30, 0.10, 0.05};
    for (std::size_t m = 0; m < shares.size(); ++m) {
        if (!m_courseRandom.chance(shares[m]))
            continue;
        const Date first = addDays(m_onset, m_courseRandom.integer(0, static_cast<int>(window)));
        m_manifestationEpisodes[m].push_back(first);
        if (daysBetween(first, last) > 180 && m_courseRandom.chance(0.4))
            m_manifestationEpisodes[m].push_back(
                addDays(first, m_courseRandom.integer(180, static_cast<int>(daysBetween(first, last)))));
    }
}

/// Physician global in steps of 0.5, MASES, the 44-joint counts (mostly 0), dactylitis (rare) and the
/// manifestations, each recorded at most visits.
void PatientGenerator::addCoreSet(core::Visit& visit, double activity) {
    core::AsasCoreSet& items = visit.coreSet;
    if (m_courseRandom.chance(0.8))
        items.physicianGlobal =
            roundTo(std::clamp(0.8 * activity + 0.3 + 0.8 * m_courseRandom.normal(), 0.0, 10.0), 2);
    if (m_courseRandom.chance(0.65)) {
        const double tender = std::clamp(0.01 + 0.06 * m_enthesitis * activity, 0.0, 0.6);
        for (auto& site : items.mases.sites)
            site = m_courseRandom.chance(tender);
    }
    if (m_courseRandom.chance(0.75)) {
        const int swollen =
            m_peripheral && m_courseRandom.chance(0.05 + 0.03 * activity) ? m_courseRandom.integer(1, 3) : 0;
        items.swollenJointCount = swollen;
        items.tenderJointCount =
            swollen + (m_courseRandom.chance(m_peripheral ? 0.25 : 0.05) ? m_courseRandom.integer(1, 4) : 0);
    }
    if (m_courseRandom.chance(0.6))
        items.dactylitisDigits =
            m_courseRandom.chance(m_peripheral ? 0.05 : 0.01) ? m_courseRandom.integer(1, 2) : 0;
    if (m_courseRandom.chance(0.85))
        addManifestations(items, visit.date);
}

/// Never before the first episode; active within six weeks of an episode of uveitis or IBD (psoriasis:
/// skin lesions at most visits), history after; the date of the last episode when known.
void PatientGenerator::addManifestations(core::AsasCoreSet& items, Date visitDate) {
    using core::ManifestationStatus;
    for (core::Manifestation m : core::allManifestations()) {
        const std::vector<Date>& episodes = m_manifestationEpisodes[static_cast<std::size_t>(m)];
        core::ManifestationRecord record;
        std::optional<Date> last;
        for (Date episode : episodes)
            if (episode <= visitDate)
                last = episode;
        if (last && m == core::Manifestation::Psoriasis) {
            record.status =
                m_courseRandom.chance(0.6) ? ManifestationStatus::Active : ManifestationStatus::History;
        } else if (last) {
            record.status = daysBetween(*last, visitDate) <= 42 ? ManifestationStatus::Active
                                                                : ManifestationStatus::History;
            if (m_courseRandom.chance(0.8))
                record.lastEpisode = last;
        }
        items.at(m) = record;
    }
}

}  // namespace ankylos::demo
