// The treatment course in the patient report: page 1's current treatment, the treatment history
// table and the biologic exposure of each film interval (docs/methods.md 10). Labels come from core.

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/exposure.h"
#include "core/format.h"
#include "core/validation.h"
#include "report/patient_sections.h"

namespace ankylos::report {

namespace {

/// The catalogue's label, or the stored ID when the drug is not in the catalogue.
std::string drugLabel(const core::TreatmentEpisode& episode, const Language& language) {
    const core::Drug* drug = core::findDrug(episode.drugId);
    return drug ? language.tr(drug->label) : episode.drugId;
}

std::string drugWithBrand(const core::TreatmentEpisode& episode, const Language& language) {
    return drugLabel(episode, language) + (episode.brand.empty() ? "" : " (" + episode.brand + ")");
}

std::string currentEpisodeText(const core::TreatmentEpisode& episode, const Language& language) {
    return language.trf("{1} since {2}",
                        {drugWithBrand(episode, language), core::toIsoString(episode.start)}) +
           (episode.doseAndFrequency.empty() ? "" : ", " + episode.doseAndFrequency);
}

/// A fraction of the interval as a whole percentage, rounded down so that "50 %" is never shown for
/// a fraction just below an exposed_fraction of 0.5.
std::string percentText(double fraction) {
    return std::to_string(static_cast<int>(std::floor(fraction * 100.0 + 1e-9))) + "\u00a0%";
}

}  // namespace

std::string currentTreatmentText(const std::vector<core::TreatmentEpisode>& episodes, core::Date today,
                                 const Language& language) {
    if (episodes.empty())
        return language.tr("no treatment recorded");
    std::vector<std::string> current;
    for (const core::TreatmentEpisode& episode : core::currentTreatment(episodes, today))
        current.push_back(currentEpisodeText(episode, language));
    if (!current.empty()) {
        std::string text;
        for (const std::string& item : current)
            text += (text.empty() ? "" : "; ") + item;
        return text;
    }
    // None ongoing: say what was taken last, so "none" is not read as "never treated".
    const auto last = std::max_element(episodes.begin(), episodes.end(),
                                       [&](const core::TreatmentEpisode& a, const core::TreatmentEpisode& b) {
                                           return a.lastDay(today) < b.lastDay(today);
                                       });
    const std::string stopped = language.trf(
        "{1}, stopped {2}", {drugWithBrand(*last, language), core::toIsoString(last->lastDay(today))});
    return language.trf(
        "none ongoing (last: {1})",
        {last->stopReason ? stopped + ", " + language.tr(core::stopReasonLabel(*last->stopReason))
                          : stopped});
}

Table treatmentTable(const std::vector<core::TreatmentEpisode>& episodes, const Language& language) {
    Table table;
    table.caption = language.tr("Treatment course");
    table.header = {language.tr("Drug"),  language.tr("Class"), language.tr("Dose and frequency"),
                    language.tr("Start"), language.tr("Stop"),  language.tr("Reason for stopping")};
    table.columnWeights = {1.9, 1.4, 1.9, 1.0, 1.0, 1.4};
    std::vector<const core::TreatmentEpisode*> ordered;
    for (const core::TreatmentEpisode& episode : episodes)
        ordered.push_back(&episode);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->start < b->start; });
    for (const core::TreatmentEpisode* e : ordered) {
        const core::Drug* drug = core::findDrug(e->drugId);
        table.rows.push_back(
            {{drugWithBrand(*e, language)},
             {drug ? language.tr(core::drugClassLabel(drug->drugClass)) : language.tr("not in the catalogue"),
              !drug},
             {e->doseAndFrequency.empty() ? "\u2013" : e->doseAndFrequency},
             {core::toIsoString(e->start)},
             {e->stop ? core::toIsoString(*e->stop) : language.tr("ongoing")},
             {e->stopReason ? language.tr(core::stopReasonLabel(*e->stopReason)) : "\u2013"}});
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("no treatment recorded")}});
    return table;
}

TableCell biologicExposureCell(const std::vector<core::TreatmentEpisode>& episodes, core::Date from,
                               core::Date to, core::Date today, const core::TreatmentSettings& settings,
                               const Language& language) {
    std::vector<core::TreatmentEpisode> known;  // a drug not in the catalogue has no class to count
    std::copy_if(episodes.begin(), episodes.end(), std::back_inserter(known),
                 [](const core::TreatmentEpisode& e) { return core::findDrug(e.drugId) != nullptr; });
    core::ExposureResult result;
    try {
        result = core::computeExposure(from, to, known, today, settings);
    } catch (const core::ValidationError& e) {  // a stored stop before its start: shown, not thrown
        return {e.what(), true};
    }
    if (!result.computable())
        return {result.reason};
    bool exposed = false;
    std::vector<std::string> parts;
    for (core::DrugClass drugClass : {core::DrugClass::Tnfi, core::DrugClass::Il17i}) {
        const core::ClassExposure exposure = result.of(drugClass);
        if (exposure.days == 0)
            continue;
        exposed = exposed || exposure.exposed;
        parts.push_back(language.tr(core::drugClassLabel(drugClass)) + " " + percentText(exposure.fraction));
    }
    if (parts.empty())
        return {language.tr("none")};
    std::string text = exposed ? language.tr("exposed") : language.tr("not exposed");
    for (const std::string& part : parts)
        text += "\n" + part;
    return {text};
}

}  // namespace ankylos::report
