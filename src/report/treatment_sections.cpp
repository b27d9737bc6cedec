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
std::string drugLabel(const core::TreatmentEpisode& episode) {
    const core::Drug* drug = core::findDrug(episode.drugId);
    return drug ? drug->label : episode.drugId;
}

std::string drugWithBrand(const core::TreatmentEpisode& episode) {
    return drugLabel(episode) + (episode.brand.empty() ? "" : " (" + episode.brand + ")");
}

std::string currentEpisodeText(const core::TreatmentEpisode& episode) {
    return drugWithBrand(episode) + " since " + core::toIsoString(episode.start) +
           (episode.doseAndFrequency.empty() ? "" : ", " + episode.doseAndFrequency);
}

/// A fraction of the interval as a whole percentage, rounded down so that "50 %" is never shown for
/// a fraction just below an exposed_fraction of 0.5.
std::string percentText(double fraction) {
    return std::to_string(static_cast<int>(std::floor(fraction * 100.0 + 1e-9))) + "\u00a0%";
}

}  // namespace

std::string currentTreatmentText(const std::vector<core::TreatmentEpisode>& episodes, core::Date today) {
    if (episodes.empty())
        return "no treatment recorded";
    std::vector<std::string> current;
    for (const core::TreatmentEpisode& episode : core::currentTreatment(episodes, today))
        current.push_back(currentEpisodeText(episode));
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
    std::string text = "none ongoing (last: " + drugWithBrand(*last) + ", stopped " +
                       core::toIsoString(last->lastDay(today));
    if (last->stopReason)
        text += ", " + core::stopReasonLabel(*last->stopReason);
    return text + ")";
}

Table treatmentTable(const std::vector<core::TreatmentEpisode>& episodes) {
    Table table;
    table.caption = "Treatment course";
    table.header = {"Drug", "Class", "Dose and frequency", "Start", "Stop", "Reason for stopping"};
    table.columnWeights = {1.9, 1.4, 1.9, 1.0, 1.0, 1.4};
    std::vector<const core::TreatmentEpisode*> ordered;
    for (const core::TreatmentEpisode& episode : episodes)
        ordered.push_back(&episode);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->start < b->start; });
    for (const core::TreatmentEpisode* e : ordered) {
        const core::Drug* drug = core::findDrug(e->drugId);
        table.rows.push_back({{drugWithBrand(*e)},
                              {drug ? core::drugClassLabel(drug->drugClass) : "not in the catalogue", !drug},
                              {e->doseAndFrequency.empty() ? "\u2013" : e->doseAndFrequency},
                              {core::toIsoString(e->start)},
                              {e->stop ? core::toIsoString(*e->stop) : "ongoing"},
                              {e->stopReason ? core::stopReasonLabel(*e->stopReason) : "\u2013"}});
    }
    if (table.rows.empty())
        table.rows.push_back({{"no treatment recorded"}});
    return table;
}

TableCell biologicExposureCell(const std::vector<core::TreatmentEpisode>& episodes, core::Date from,
                               core::Date to, core::Date today, const core::TreatmentSettings& settings) {
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
        parts.push_back(core::drugClassLabel(drugClass) + " " + percentText(exposure.fraction));
    }
    if (parts.empty())
        return {"none"};
    std::string text = exposed ? "exposed" : "not exposed";
    for (const std::string& part : parts)
        text += "\n" + part;
    return {text};
}

}  // namespace ankylos::report
